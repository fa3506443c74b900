import { useId, useState } from 'preact/hooks';
import { type CustomHost, checkCustomHost, type HostSource } from '../../lib/domain/custom-host';
import { ht } from '../../lib/i18n/hosts-catalogue';

/** A configured host as the options page shows it. */
export interface HostRow {
  host: string;
  account: string;
  by: HostSource;
  /** Whether the browser granted Frontline this host. */
  granted: boolean;
}

interface Props {
  rows: readonly HostRow[];
  /** Entries of either list that were left out, each with its reason. */
  problems: readonly string[];
  /** Asks the browser for the host and saves it; false when the rep or the browser declined. */
  onAdd: (entry: CustomHost) => Promise<boolean>;
  onAllow: (host: string) => Promise<boolean>;
  onRemove: (host: string) => Promise<void>;
}

type Notice = { bad: boolean; text: string } | null;

function Row({ row, onAllow, onRemove }: { row: HostRow } & Pick<Props, 'onAllow' | 'onRemove'>) {
  return (
    <li
      class="flo-key"
      data-testid="host-row"
      data-host={row.host}
      data-state={row.granted ? 'on' : 'needs-permission'}
    >
      <p class="flo-key__account">
        <strong>{row.host}</strong> → {row.account} ·{' '}
        {ht(row.by === 'admin' ? 'hosts_by_admin' : 'hosts_by_rep')} ·{' '}
        {ht(row.granted ? 'hosts_active' : 'hosts_needs_permission')}
      </p>
      <div class="flo-key__row">
        {!row.granted && (
          <button
            type="button"
            class="fl-btn"
            data-testid="host-allow"
            onClick={() => void onAllow(row.host)}
          >
            {ht('hosts_allow')}
          </button>
        )}
        {row.by === 'rep' && (
          <button
            type="button"
            class="fl-btn"
            data-testid="host-remove"
            onClick={() => void onRemove(row.host)}
          >
            {ht('hosts_remove')}
          </button>
        )}
      </div>
    </li>
  );
}

/**
 * Helpdesk hosts of the customer's own (a CNAME of the helpdesk): the administrator's, the
 * rep's, and a form to add one. Adding asks the browser for that one host, on this click.
 */
export function HelpdeskHosts({ rows, problems, onAdd, onAllow, onRemove }: Props) {
  const headingId = useId();
  const hostId = useId();
  const accountId = useId();
  const [host, setHost] = useState('');
  const [account, setAccount] = useState('');
  const [notice, setNotice] = useState<Notice>(null);

  const add = (e: Event) => {
    e.preventDefault();
    const checked = checkCustomHost(host, account);
    if ('error' in checked) return setNotice({ bad: true, text: checked.error });
    if (rows.some((row) => row.host === checked.host))
      return setNotice({ bad: true, text: ht('hosts_listed', { host: checked.host }) });
    // Called before anything is awaited: the browser asks the rep only during this click.
    void onAdd(checked).then((granted) => {
      if (granted) {
        setHost('');
        setAccount('');
      }
      setNotice(
        granted
          ? { bad: false, text: ht('hosts_added', { host: checked.host }) }
          : { bad: true, text: ht('hosts_refused', { host: checked.host }) },
      );
    });
  };

  return (
    <section class="flo-card" aria-labelledby={headingId} data-testid="helpdesk-hosts">
      <h2 class="flo-title" id={headingId}>
        {ht('hosts_title')}
      </h2>
      <p class="fl-muted">{ht('hosts_help')}</p>
      {rows.length === 0 ? (
        <p class="fl-muted">{ht('hosts_none')}</p>
      ) : (
        <ul class="flo-keys">
          {rows.map((row) => (
            <Row key={row.host} row={row} onAllow={onAllow} onRemove={onRemove} />
          ))}
        </ul>
      )}
      {problems.map((problem) => (
        <p key={problem} class="flo-notice flo-notice--bad" role="alert" data-testid="host-problem">
          {problem}
        </p>
      ))}
      <form class="flo-grid" onSubmit={add}>
        <label class="flo-field" for={hostId}>
          <span class="flo-field__label">{ht('hosts_host')}</span>
          <input
            id={hostId}
            class="fl-input"
            data-testid="host-input"
            placeholder="support.acme.com"
            spellcheck={false}
            value={host}
            onInput={(e) => setHost(e.currentTarget.value)}
          />
        </label>
        <label class="flo-field" for={accountId}>
          <span class="flo-field__label">{ht('hosts_account')}</span>
          <input
            id={accountId}
            class="fl-input"
            data-testid="host-account"
            spellcheck={false}
            value={account}
            onInput={(e) => setAccount(e.currentTarget.value)}
          />
        </label>
        <div class="flo-actions">
          <button type="submit" class="fl-btn" data-testid="host-add" onClick={add}>
            {ht('hosts_add')}
          </button>
        </div>
      </form>
      {notice && (
        <p
          class={`flo-notice ${notice.bad ? 'flo-notice--bad' : 'flo-notice--good'}`}
          role={notice.bad ? 'alert' : 'status'}
          data-testid="host-notice"
        >
          {notice.text}
        </p>
      )}
    </section>
  );
}
