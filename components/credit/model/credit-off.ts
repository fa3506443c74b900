import type { CreditOff } from '../../../lib/domain/credit-off';
import type { MessageKey } from '../../../lib/i18n/catalogue';
import { t } from '../../../lib/i18n/t';

const TEXT: Record<Exclude<CreditOff['why'], 'currency-changed'>, MessageKey> = {
  'no-policy': 'credit_off_no_policy',
  'managed-vanished': 'credit_off_managed_vanished',
  'not-signed-in': 'credit_off_not_signed_in',
  'no-tier': 'credit_off_no_tier',
  'unknown-customer': 'credit_off_unknown_customer',
  'managed-invalid': 'credit_off_managed_invalid',
  'local-invalid': 'credit_off_local_invalid',
  'gateway-unreachable': 'credit_off_gateway_unreachable',
  'gateway-refused': 'credit_off_gateway_refused',
  'ticket-archived': 'credit_off_ticket_archived',
  'ticket-closed': 'credit_off_ticket_closed',
};

/** "This day / week / month" does not translate word by word: one sentence per period. */
const CURRENCY_CHANGED = {
  day: 'credit_off_currency_changed_day',
  week: 'credit_off_currency_changed_week',
  month: 'credit_off_currency_changed_month',
} as const satisfies Record<Extract<CreditOff, { why: 'currency-changed' }>['period'], MessageKey>;

/** Why credits are off, in the rep's language; the background's English when it gave no reason. */
export const creditOffText = (
  off: CreditOff | null | undefined,
  english: string | null,
  translate = t,
): string => {
  if (!off) return english ?? translate('credit_no_authority');
  switch (off.why) {
    case 'currency-changed':
      return translate(CURRENCY_CHANGED[off.period], { granted: off.granted, currency: off.currency });
    case 'ticket-archived':
    case 'ticket-closed':
      return translate(TEXT[off.why], { helpdesk: off.helpdesk });
    default:
      return translate(TEXT[off.why], { detail: 'detail' in off ? off.detail : '' });
  }
};
