import { useId, useRef, useState } from 'preact/hooks';
import type { CommandResult } from '../../lib/domain/command';
import type { AuthorityView, CreditView } from '../../lib/domain/snapshot';
import { t } from '../../lib/i18n/t';
import type { Sent } from './focus-target';
import { type AmountChoice, chosenAmount } from './model/amount';
import { exampleAmount, money } from './model/format';
import { type Blocking, blockingLimit } from './model/limit';
import { composeReason, detailsRoom } from './model/reason';
import { refusalText } from './model/refusal';
import type { ApprovalRequest, GrantRequest } from './types';

type Policy = NonNullable<CreditView['policy']>;

interface Props {
  policy: Policy;
  authority: AuthorityView;
  /** Resolves with the background's reply: the form waits for it, and only for it. */
  onGrant: (cmd: GrantRequest) => Promise<CommandResult>;
  onRequestApproval?: (cmd: ApprovalRequest) => Promise<CommandResult>;
  /** Tests pin the ids; the page uses random UUIDs. */
  newId?: () => string;
  /** The background answered a command: accepted ones name the row the keyboard moves on to. */
  onAnswered?: (sent: Sent | null) => void;
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
 * armed; a command carries that id, a click before the background answers
 * resends the same id (it de-duplicates), and the command's reply, whatever it
 * says, re-arms it with a fresh one: done clears the amount, refused shows why
 * and keeps the amount to try again.
 */
export function GrantForm({
  policy,
  authority,
  onGrant,
  onRequestApproval,
  newId = randomId,
  onAnswered,
}: Props) {
  const [intentId, setIntentId] = useState(newId);
  /** The intent whose reply the form waits for; a reply to an earlier resend of it changes nothing more. */
  const waitingFor = useRef<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [choice, setChoice] = useState<AmountChoice>(null);
  const [reasonPick, setReasonPick] = useState('');
  const [details, setDetails] = useState('');
  const customId = useId();
  const customHelpId = useId();
  const reasonId = useId();
  const detailsId = useId();

  const { currency } = authority;
  const reason = policy.reasons.includes(reasonPick) ? reasonPick : (policy.reasons[0] ?? '');
  const chosen = chosenAmount(choice, currency);
  const amount = chosen !== null && 'amount' in chosen ? chosen.amount : null;
  const blocking = amount === null ? null : blockingLimit(authority, amount);

  const answered = (kind: Sent['kind'], id: string, result: CommandResult) => {
    if (waitingFor.current !== id) return;
    waitingFor.current = null;
    onAnswered?.(result.ok ? { kind, id } : null);
    setBusy(false);
    setIntentId(newId());
    if (result.ok) {
      setChoice(null);
      setDetails('');
    } else setRefusal(refusalText(result));
  };

  const send = (kind: 'grant' | 'approval') => {
    if (amount === null || reason === '') return;
    const id = intentId;
    const fullReason = composeReason(reason, details);
    const reply =
      kind === 'grant'
        ? onGrant({ grantId: id, amount, reason: fullReason })
        : onRequestApproval?.({ requestId: id, amount, reason: fullReason });
    if (!reply) return;
    waitingFor.current = id;
    setBusy(true);
    setRefusal(null);
    void reply.then((result) => answered(kind, id, result));
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
      {refusal !== null && (
        <p class="fl-field__error" role="alert" data-testid="grant-refusal">
          {refusal}
        </p>
      )}
    </div>
  );
}
