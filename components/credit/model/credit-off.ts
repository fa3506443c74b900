import type { CreditOff } from '../../../lib/domain/credit-off';
import type { MessageKey } from '../../../lib/i18n/catalogue';
import { t } from '../../../lib/i18n/t';

const TEXT: Record<CreditOff['why'], MessageKey> = {
  'no-policy': 'credit_off_no_policy',
  'managed-vanished': 'credit_off_managed_vanished',
  'not-signed-in': 'credit_off_not_signed_in',
  'no-tier': 'credit_off_no_tier',
  'unknown-customer': 'credit_off_unknown_customer',
  'managed-invalid': 'credit_off_managed_invalid',
  'local-invalid': 'credit_off_local_invalid',
  'gateway-unreachable': 'credit_off_gateway_unreachable',
  'gateway-refused': 'credit_off_gateway_refused',
};

/** Why credits are off, in the rep's language; the background's English when it gave no reason. */
export const creditOffText = (
  off: { why: CreditOff['why']; detail?: string | undefined } | null | undefined,
  english: string | null,
  translate = t,
): string => {
  if (off) return translate(TEXT[off.why], { detail: off.detail ?? '' });
  return english ?? translate('credit_no_authority');
};
