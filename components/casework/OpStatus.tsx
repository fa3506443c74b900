import type { PendingOp } from '../../lib/domain/casework';
import type { MessageKey } from '../../lib/i18n/catalogue';
import { t } from '../../lib/i18n/t';

interface Props {
  op: PendingOp | null;
  /** "Claiming…", "Escalating…": what is under way. */
  busy: MessageKey;
  refusal: string | null;
}

/** Where a write stands, in words: under way, still trying (and why), or not done (and why). */
export function OpStatus({ op, busy, refusal }: Props) {
  if (refusal !== null)
    return (
      <p class="fl-cw__status fl-cw__status--failed" role="alert" data-testid="casework-status">
        {t('casework_failed', { error: refusal })}
      </p>
    );
  if (op === null) return null;
  if (op.state === 'failed')
    return (
      <p
        class="fl-cw__status fl-cw__status--failed"
        role="alert"
        data-testid="casework-status"
        data-state="failed"
      >
        {t('casework_failed', { error: op.error ?? '' })}
      </p>
    );
  return (
    <p class="fl-cw__status" role="status" data-testid="casework-status" data-state={op.state}>
      {op.state === 'retrying' && op.error !== null ? t('casework_retrying', { error: op.error }) : t(busy)}
    </p>
  );
}
