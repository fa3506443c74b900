import { isGrantRefusal } from '../../../lib/domain/command';
import { locale, type Translator, t } from '../../../lib/i18n/t';
import { money } from './format';

const WITHOUT_ROOM = {
  'no-policy': 'credit_refused_no_policy',
  'invalid-amount': 'credit_refused_invalid_amount',
} as const;

const LEFT = {
  'per-customer': {
    day: 'credit_refused_customer_day',
    week: 'credit_refused_customer_week',
    month: 'credit_refused_customer_month',
  },
  'per-period': {
    day: 'credit_refused_period_day',
    week: 'credit_refused_period_week',
    month: 'credit_refused_period_month',
  },
} as const;

/**
 * What the rep reads of a refused command. A grant a limit refused is worded here, in the rep's
 * language and money format, from the limit and figures the background sent; any other refusal
 * (or a `refusal` this page cannot read) is shown as the background wrote it.
 */
export const refusalText = (
  result: { message: string; refusal?: unknown },
  words: Pick<Translator, 't' | 'locale'> = { t, locale },
): string => {
  const { refusal } = result;
  if (!isGrantRefusal(refusal)) return result.message;
  if (!('room' in refusal)) return words.t(WITHOUT_ROOM[refusal.limit]);
  const room = money(refusal.room, refusal.currency, words.locale);
  return refusal.limit === 'per-grant'
    ? words.t('credit_refused_per_grant', { limit: room })
    : words.t(LEFT[refusal.limit][refusal.period], { left: room });
};
