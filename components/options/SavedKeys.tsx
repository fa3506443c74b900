import { useId, useState } from 'preact/hooks';
import { helpdeskName } from '../../lib/domain/helpdesk';
import type { HelpdeskKind } from '../../lib/domain/ticket-ref';
import { opt } from '../../lib/i18n/options-catalogue';
import { t } from '../../lib/i18n/t';

/** One account's saved key as the options page shows it: never the key itself. */
export interface SavedKey {
  account: string;
  helpdesk: HelpdeskKind;
  /** The status the helpdesk refused the key with (401, 403), or null. */
  refused: number | null;
}

interface Props {
  keys: readonly SavedKey[];
  onReplace: (account: string, secret: string) => Promise<void>;
  onRemove: (account: string) => Promise<void>;
}

/** The same bounds as the sidebar's key form. */
const MIN_KEY = 8;
const MAX_KEY = 200;

function KeyRow({ item, onReplace, onRemove }: { item: SavedKey } & Omit<Props, 'keys'>) {
  const inputId = useId();
  const [secret, setSecret] = useState('');
  const [notice, setNotice] = useState<'short' | 'saved' | null>(null);
  const replace = async (e: Event) => {
    e.preventDefault();
    const trimmed = secret.trim();
    if (trimmed.length < MIN_KEY) {
      setNotice('short');
      return;
    }
    await onReplace(item.account, trimmed);
    setSecret('');
    setNotice('saved');
  };
  return (
    <li class="flo-key" data-testid="saved-key" data-account={item.account}>
      <p class="flo-key__account">
        <strong>{item.account}</strong> · {helpdeskName(item.helpdesk)}
      </p>
      {item.refused !== null && (
        <p class="flo-notice flo-notice--bad" role="alert" data-testid="saved-key-refused">
          {opt('options_key_refused', { helpdesk: helpdeskName(item.helpdesk), status: item.refused })}
        </p>
      )}
      <form class="flo-key__row" onSubmit={replace}>
        <label class="fl-sr" for={inputId}>
          {opt('options_key_new', { account: item.account })}
        </label>
        <input
          id={inputId}
          class="fl-input flo-key__input"
          data-testid="saved-key-input"
          type="password"
          autoComplete="off"
          spellcheck={false}
          maxLength={MAX_KEY}
          placeholder={opt('options_key_new', { account: item.account })}
          aria-invalid={notice === 'short'}
          value={secret}
          onInput={(e) => {
            setSecret(e.currentTarget.value);
            setNotice(null);
          }}
        />
        <button type="submit" class="fl-btn" data-testid="saved-key-replace" onClick={replace}>
          {opt('options_key_replace')}
        </button>
        <button
          type="button"
          class="fl-btn"
          data-testid="saved-key-remove"
          onClick={() => void onRemove(item.account)}
        >
          {opt('options_remove')}
        </button>
      </form>
      {notice === 'short' && (
        <p class="flo-notice flo-notice--bad" role="alert">
          {t('credit_key_too_short')}
        </p>
      )}
      {notice === 'saved' && (
        <p class="flo-notice flo-notice--good" role="status">
          {opt('options_key_replaced')}
        </p>
      )}
    </li>
  );
}

/** The helpdesk keys saved in this browser: replace one the helpdesk refused, or remove one. */
export function SavedKeys({ keys, onReplace, onRemove }: Props) {
  const headingId = useId();
  return (
    <section class="flo-card" aria-labelledby={headingId} data-testid="saved-keys">
      <h2 class="flo-title" id={headingId}>
        {opt('options_keys_title')}
      </h2>
      {keys.length === 0 ? (
        <p class="fl-muted">{opt('options_keys_none')}</p>
      ) : (
        <ul class="flo-keys">
          {keys.map((item) => (
            <KeyRow key={item.account} item={item} onReplace={onReplace} onRemove={onRemove} />
          ))}
        </ul>
      )}
    </section>
  );
}
