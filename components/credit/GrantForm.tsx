import { useEffect, useId, useState } from 'preact/hooks';
import type { AuthorityView, CreditView, SectionError } from '../../lib/domain/snapshot';
import { t } from '../../lib/i18n/t';
import { type AmountChoice, chosenAmount } from './model/amount';
import { exampleAmount, money } from './model/format';
import { errorKey, settle, type Waiting } from './model/intent';
import { type Blocking, blockingLimit } from './model/limit';
import { composeReason, detailsRoom } from './model/reason';
import type { ApprovalCommand, GrantCommand } from './types';

type Policy = NonNullable<CreditView['policy']>;

interface Props {
  credit: CreditView;
  policy: Policy;
  authority: AuthorityView;
  /** The credit section's error: a new one answers a command that is waiting. */
  error: SectionError | null;
  onGrant: (cmd: GrantCommand) => void;
  onRequestApproval?: (cmd: ApprovalCommand) => void;
  /** Tests pin the ids; the page uses random UUIDs. */
  newId?: () => string;
}

const randomId = () => crypto.randomUUID();

const OVER = {
  'per-grant': 'credit_over_per_grant',
  customer: 'credit_over_customer',
  period: 'credit_over_period',
  now: 'credit_over_now',
} as const;

const overText = (blocking: Blocking, amount: string, currency: string): string =>
  t(OVER[blocking.kind], { amount, limit: money(blocking.limit, currency) });

/**
 * Amount, reason, and one button. The form holds an intent id made when it is
 * armed; a command carries that id, every click before the background answers
 * resends the same id (it de-duplicates), and only an answer (the id in the
 * snapshot) or a new error re-arms it with a fresh one.
 */
export function GrantForm({
  credit,
  policy,
  authority,
  error,
  onGrant,
  onRequestApproval,
  newId = randomId,
}: Props) {
  const [intentId, setIntentId] = useState(newId);
  const [waiting, setWaiting] = useState<Waiting | null>(null);
  const [choice, setChoice] = useState<AmountChoice>(null);
  const [reasonPick, setReasonPick] = useState('');
  const [details, setDetails] = useState('');
  const customId = useId();
  const customHelpId = useId();
  const reasonId = useId();
  const detailsId = useId();

  useEffect(() => {
    const outcome = settle(waiting, credit, error);
    if (outcome === null) return;
    setWaiting(null);
    setIntentId(newId());
    if (outcome === 'answered') {
      setChoice(null);
      setDetails('');
    }
  }, [waiting, credit, error, newId]);

  const { currency } = authority;
  const reason = policy.reasons.includes(reasonPick) ? reasonPick : (policy.reasons[0] ?? '');
  const chosen = chosenAmount(choice, currency);
  const amount = chosen !== null && 'amount' in chosen ? chosen.amount : null;
  const blocking = amount === null ? null : blockingLimit(authority, amount);
  const busy = waiting !== null;

  const send = (kind: Waiting['kind']) => {
    if (amount === null || reason === '') return;
    const fullReason = composeReason(reason, details);
    if (kind === 'grant') onGrant({ grantId: intentId, amount, reason: fullReason });
    else onRequestApproval?.({ requestId: intentId, amount, reason: fullReason });
    setWaiting({ id: intentId, kind, errorKey: errorKey(error) });
  };

  const customText = choice?.kind === 'custom' ? choice.text : '';
  const customError =
    chosen !== null && 'error' in chosen
      ? chosen.error === 'zero'
        ? t('credit_amount_zero')
        : t('credit_amount_invalid', { example: exampleAmount(currency) })
      : null;
  const shown = amount === null ? '' : money(amount, currency);

  return (
    <div class="fl-grant" aria-busy={busy}>
      <fieldset class="fl-grant__fields" disabled={busy}>
        <legend class="fl-sr">{t('credit_presets_label')}</legend>
        {policy.presets.length > 0 && (
          <div class="fl-presets">
            {policy.presets.map((preset) => (
              <button
                key={preset}
                type="button"
                class="fl-preset fl-amount"
                data-testid="grant-preset"
                aria-pressed={choice?.kind === 'preset' && choice.amount === preset}
                disabled={preset > authority.maxGrantNow}
                onClick={() => setChoice({ kind: 'preset', amount: preset })}
              >
                {money(preset, currency)}
              </button>
            ))}
          </div>
        )}
        <label class="fl-field">
          <span class="fl-field__label" id={customId}>
            {t('credit_custom_label')}
          </span>
          <input
            class="fl-input fl-amount"
            data-testid="grant-custom-amount"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            aria-labelledby={customId}
            aria-invalid={customError !== null}
            aria-describedby={customError === null ? undefined : customHelpId}
            placeholder={exampleAmount(currency)}
            value={customText}
            onInput={(e) => {
              const text = e.currentTarget.value;
              setChoice(text === '' ? null : { kind: 'custom', text });
            }}
          />
        </label>
        {customError !== null && (
          <p class="fl-field__error" id={customHelpId} role="alert">
            {customError}
          </p>
        )}
        <div class="fl-grant__reason">
          <label class="fl-field">
            <span class="fl-field__label" id={reasonId}>
              {t('credit_reason_label')}
            </span>
            <select
              class="fl-select fl-select--wide"
              data-testid="grant-reason"
              aria-labelledby={reasonId}
              value={reason}
              onChange={(e) => setReasonPick(e.currentTarget.value)}
            >
              {policy.reasons.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
          <label class="fl-field">
            <span class="fl-field__label" id={detailsId}>
              {t('credit_reason_details_label')}
            </span>
            <input
              class="fl-input"
              data-testid="grant-reason-details"
              type="text"
              aria-labelledby={detailsId}
              maxLength={detailsRoom(reason)}
              placeholder={t('credit_reason_details_placeholder')}
              value={details}
              onInput={(e) => setDetails(e.currentTarget.value)}
            />
          </label>
        </div>
      </fieldset>
      {blocking === null ? (
        <button
          type="button"
          class="fl-primary fl-amount"
          data-testid="grant-submit"
          disabled={amount === null || busy}
          onClick={() => send('grant')}
        >
          {amount === null
            ? t('credit_grant_choose')
            : busy
              ? t('credit_granting', { amount: shown })
              : t('credit_grant', { amount: shown })}
        </button>
      ) : (
        <div class="fl-over" data-testid="grant-limit">
          <p class="fl-over__text">{overText(blocking, shown, currency)}</p>
          {onRequestApproval && (
            <button
              type="button"
              class="fl-btn fl-btn--wide"
              data-testid="approval-request"
              disabled={busy}
              onClick={() => send('approval')}
            >
              {busy ? t('credit_requesting') : t('credit_request_approval', { amount: shown })}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
