import { useId, useState } from 'preact/hooks';
import { opt } from '../../lib/i18n/options-catalogue';
import { formatFull } from '../model/time';

interface Props {
  /** Whether `storage.managed` holds a policy right now. */
  managedPresent: boolean;
  /** When this profile first read an organization's policy (ms), or null if it never did. */
  seenSince: number | null;
  /** Forgets the remembered policy; false when a managed policy turned up meanwhile. */
  onForget: () => Promise<boolean>;
}

/**
 * Whether this profile is bound to an organization's policy. Once one was read
 * here, its disappearance keeps credits off; the only way back to the
 * self-managed policy short of the administrator restoring it is the explicit
 * control below, offered only while no managed policy is present.
 */
export function ManagedPolicyState({ managedPresent, seenSince, onForget }: Props) {
  const headingId = useId();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  if (seenSince === null) return null;
  const since = formatFull(new Date(seenSince).toISOString());

  const forget = async () => {
    setBusy(true);
    setFailed(null);
    try {
      if (!(await onForget())) setFailed(opt('options_managed_forget_refused'));
    } catch (error) {
      setFailed(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section
      class="flo-card"
      aria-labelledby={headingId}
      data-testid="managed-state"
      data-state={managedPresent ? 'present' : 'vanished'}
    >
      <h2 class="flo-title" id={headingId}>
        {opt('options_managed_title')}
      </h2>
      {managedPresent ? (
        <p class="flo-help">{opt('options_managed_present', { since })}</p>
      ) : (
        <>
          <p class="flo-notice flo-notice--bad" role="alert" data-testid="managed-vanished">
            {opt('options_managed_vanished')}
          </p>
          <p class="flo-help">{opt('options_managed_forget_help', { since })}</p>
          {failed !== null && (
            <p class="flo-notice flo-notice--bad" role="alert">
              {failed}
            </p>
          )}
          <div class="flo-actions">
            <button
              type="button"
              class="fl-btn"
              data-testid="managed-forget"
              disabled={busy}
              onClick={forget}
            >
              {opt('options_managed_forget')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
