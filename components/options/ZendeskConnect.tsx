import { useId, useState } from 'preact/hooks';
import { ot } from '../../lib/i18n/oauth-catalogue';

/** One connected account as the page shows it: who it acts as, never the token. */
export interface ConnectionView {
  account: string;
  name: string;
  email: string | null;
  /** The status Zendesk refused the token with, or null. */
  refused: number | null;
}

interface Props {
  /** The OAuth client id in force, or null: connecting is off. */
  clientId: string | null;
  redirectUrl: string;
  connections: readonly ConnectionView[];
  /** Connects the account the rep typed; rejects with a message to show. */
  onConnect: (account: string) => Promise<void>;
  onDisconnect: (account: string) => Promise<void>;
}

function ConnectionRow({
  item,
  busy,
  connect,
  onDisconnect,
}: {
  item: ConnectionView;
  busy: boolean;
  connect: (account: string) => void;
  onDisconnect: (account: string) => Promise<void>;
}) {
  return (
    <li class="flo-key" data-testid="oauth-connection" data-account={item.account}>
      <p class="flo-key__account">
        <strong>{item.account}</strong> ·{' '}
        <span data-testid="oauth-status">
          {ot('oauth_connected', { name: item.name, email: item.email ?? '—' })}
        </span>
      </p>
      {item.refused !== null && (
        <p class="flo-notice flo-notice--bad" role="alert" data-testid="oauth-refused">
          {ot('oauth_refused', { status: item.refused })}
        </p>
      )}
      <div class="flo-key__row">
        {item.refused !== null && (
          <button
            type="button"
            class="fl-btn"
            data-testid="oauth-reconnect"
            disabled={busy}
            onClick={() => connect(item.account)}
          >
            {ot('oauth_reconnect')}
          </button>
        )}
        <button
          type="button"
          class="fl-btn"
          data-testid="oauth-disconnect"
          onClick={() => void onDisconnect(item.account)}
        >
          {ot('oauth_disconnect')}
        </button>
      </div>
    </li>
  );
}

/** Connects the rep's own Zendesk account with OAuth, so background work acts as them and no one else. */
export function ZendeskConnect({ clientId, redirectUrl, connections, onConnect, onDisconnect }: Props) {
  const headingId = useId();
  const inputId = useId();
  const [account, setAccount] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const connect = (target: string) => {
    setBusy(true);
    setError(null);
    onConnect(target)
      .then(() => setAccount(''))
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };
  // On the button too, as in SavedKeys: a click that submits is handled once (preventDefault stops the submit).
  const submit = (e: Event) => {
    e.preventDefault();
    connect(account);
  };
  return (
    <section class="flo-card" aria-labelledby={headingId} data-testid="zendesk-oauth">
      <h2 class="flo-title" id={headingId}>
        {ot('oauth_title')}
      </h2>
      <p class="fl-muted">{ot('oauth_intro')}</p>
      {clientId === null ? (
        <p class="fl-muted" data-testid="oauth-off">
          {ot('oauth_no_client')}
        </p>
      ) : (
        <form class="flo-key__row" onSubmit={submit}>
          <label class="fl-sr" for={inputId}>
            {ot('oauth_account')}
          </label>
          <input
            id={inputId}
            class="fl-input flo-key__input"
            data-testid="oauth-account"
            spellcheck={false}
            maxLength={200}
            placeholder={ot('oauth_account_placeholder')}
            value={account}
            onInput={(e) => setAccount(e.currentTarget.value)}
          />
          <button type="submit" class="fl-btn" data-testid="oauth-connect" disabled={busy} onClick={submit}>
            {busy ? ot('oauth_connecting') : ot('oauth_connect')}
          </button>
        </form>
      )}
      {error !== null && (
        <p class="flo-notice flo-notice--bad" role="alert" data-testid="oauth-error">
          {error}
        </p>
      )}
      {connections.length > 0 && (
        <ul class="flo-keys">
          {connections.map((item) => (
            <ConnectionRow
              key={item.account}
              item={item}
              busy={busy || clientId === null}
              connect={connect}
              onDisconnect={onDisconnect}
            />
          ))}
        </ul>
      )}
      <p class="fl-muted" data-testid="oauth-redirect-url">
        {ot('oauth_redirect', { url: redirectUrl })}
      </p>
    </section>
  );
}
