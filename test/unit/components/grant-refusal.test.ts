import { describe, expect, it } from 'vitest';
import { refusalText } from '../../../components/credit/model/refusal';
import { type Authority, checkGrant } from '../../../lib/credit/authority';
import type { GrantRefusal } from '../../../lib/domain/command';
import { translations } from '../../../lib/i18n/locale-files';
import { createTranslator } from '../../../lib/i18n/t';

/** The background's refusal of a grant is worded by the sidebar, in the rep's language (issue 18). */

const translator = (language: string) =>
  createTranslator((key) => translations[language]?.[key] ?? '', language);
const refused = (refusal: GrantRefusal) => ({ message: 'the background’s English', refusal });
/** Intl's no-break space before a currency sign as a space; the isolates and marks around a right-to-left amount dropped. */
const plain = (text: string) => text.replaceAll('\u00a0', ' ').replace(/[\u2068\u2069\u200e\u200f]/g, '');

const roomy = (limit: 'per-grant' | 'per-customer' | 'per-period', period: 'day' | 'week' | 'month') =>
  refused({ limit, room: 1250, currency: 'EUR', period });

describe('a grant refusal in German', () => {
  const de = translator('de');
  it.each([
    [refused({ limit: 'no-policy' }), 'Nach der aktuellen Richtlinie haben Sie keinen Gutschriftrahmen.'],
    [refused({ limit: 'invalid-amount' }), 'Geben Sie einen Betrag größer als null ein.'],
    [roomy('per-grant', 'week'), 'Über Ihrem Limit von 12,50 € pro Gutschrift.'],
    [roomy('per-customer', 'day'), 'Über Ihrem Limit für diesen Kunden: heute noch 12,50 € übrig.'],
    [roomy('per-customer', 'week'), 'Über Ihrem Limit für diesen Kunden: diese Woche noch 12,50 € übrig.'],
    [roomy('per-customer', 'month'), 'Über Ihrem Limit für diesen Kunden: diesen Monat noch 12,50 € übrig.'],
    [roomy('per-period', 'day'), 'Über Ihrem Budget: heute noch 12,50 € übrig.'],
    [roomy('per-period', 'week'), 'Über Ihrem Budget: diese Woche noch 12,50 € übrig.'],
    [roomy('per-period', 'month'), 'Über Ihrem Budget: diesen Monat noch 12,50 € übrig.'],
  ])('%o → %s', (result, german) => {
    expect(plain(refusalText(result, de))).toBe(german);
  });
});

describe('a grant refusal in Arabic', () => {
  const ar = translator('ar');
  it.each([
    [refused({ limit: 'no-policy' }), 'ليست لديك صلاحية منح الرصيد بموجب السياسة الحالية.'],
    [refused({ limit: 'invalid-amount' }), 'أدخل مبلغًا أكبر من الصفر.'],
    [roomy('per-grant', 'week'), 'يتجاوز حدّك البالغ 12.50 € لكل منحة.'],
    [roomy('per-customer', 'day'), 'يتجاوز حدّك لهذا العميل: متبقٍّ 12.50 € اليوم.'],
    [roomy('per-customer', 'week'), 'يتجاوز حدّك لهذا العميل: متبقٍّ 12.50 € هذا الأسبوع.'],
    [roomy('per-customer', 'month'), 'يتجاوز حدّك لهذا العميل: متبقٍّ 12.50 € هذا الشهر.'],
    [roomy('per-period', 'day'), 'يتجاوز ميزانيتك: متبقٍّ 12.50 € اليوم.'],
    [roomy('per-period', 'week'), 'يتجاوز ميزانيتك: متبقٍّ 12.50 € هذا الأسبوع.'],
    [roomy('per-period', 'month'), 'يتجاوز ميزانيتك: متبقٍّ 12.50 € هذا الشهر.'],
  ])('%o → %s', (result, arabic) => {
    expect(plain(refusalText(result, ar))).toBe(arabic);
  });
});

describe('a grant refusal in English', () => {
  const authority = (period: Authority['period']): Authority => ({
    currency: 'USD',
    period,
    tierName: 'Agent',
    perGrantMax: 1000,
    periodBudget: 10_000,
    usedThisPeriod: 9950,
    remainingThisPeriod: 50,
    customerLimit: 2000,
    customerUsed: 1800,
    customerRemaining: 200,
    maxGrantNow: 50,
    periodStart: 0,
    resetsAt: 0,
  });

  it.each([
    ['day', 100],
    ['week', 100],
    ['month', 100],
    ['week', 300],
    ['week', 0],
  ] as const)('reads as the background words it (%s, %d)', (period, amount) => {
    const check = checkGrant(authority(period), amount);
    if (check.ok) throw new Error('expected a refusal');
    const { ok: _, message, ...refusal } = check;
    expect(refusalText({ message: 'elsewhere', refusal })).toBe(message);
  });

  it('for no authority at all', () => {
    const check = checkGrant(null, 100);
    if (check.ok) throw new Error('expected a refusal');
    expect(refusalText({ message: 'elsewhere', refusal: { limit: check.limit } })).toBe(check.message);
  });
});

describe('any other refusal', () => {
  it('is shown as the background wrote it, as is a refusal this page cannot read', () => {
    expect(refusalText({ message: 'Add your helpdesk API key first.' })).toBe(
      'Add your helpdesk API key first.',
    );
    for (const refusal of [
      { limit: 'per-grant' },
      { limit: 'per-grant', room: '5', currency: 'USD', period: 'week' },
      { limit: 'per-period', room: 5, currency: 'USD', period: 'year' },
      { limit: 'over-the-moon' },
      'per-grant',
      null,
    ]) {
      expect(refusalText({ message: 'Over your budget.', refusal })).toBe('Over your budget.');
    }
  });
});
