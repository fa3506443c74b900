import { describe, expect, it } from 'vitest';
import { creditOffText } from '../../../components/credit/model/credit-off';
import { currencyBlock, gateFor, NO_TIER, NOT_SIGNED_IN } from '../../../lib/credit/gate';
import { MANAGED_VANISHED, NO_POLICY, readPolicy } from '../../../lib/credit/policy';
import { UNKNOWN_CUSTOMER } from '../../../lib/credit/service';
import { ticketRefusal } from '../../../lib/credit/writable';
import type { CreditOff } from '../../../lib/domain/credit-off';
import type { PolicyResult } from '../../../lib/domain/policy';
import { SidebarSnapshot } from '../../../lib/domain/snapshot';
import { REFUSED, UNREACHABLE } from '../../../lib/gateway/policy-cache';
import ar from '../../../lib/i18n/locales/ar.json';
import de from '../../../lib/i18n/locales/de.json';
import { createTranslator } from '../../../lib/i18n/t';

const english = createTranslator(() => '', 'en').t;
const german = createTranslator((key) => (de as Record<string, string>)[key] ?? '', 'de').t;
const arabic = createTranslator((key) => (ar as Record<string, string>)[key] ?? '', 'ar').t;

/** Each reason with the English the background writes for it. */
const backgroundEnglish: [CreditOff, string][] = [
  [{ why: 'no-policy' }, NO_POLICY],
  [{ why: 'managed-vanished' }, MANAGED_VANISHED],
  [{ why: 'not-signed-in' }, NOT_SIGNED_IN],
  [{ why: 'no-tier' }, NO_TIER],
  [{ why: 'unknown-customer' }, UNKNOWN_CUSTOMER],
  [{ why: 'gateway-unreachable', detail: 'timed out' }, UNREACHABLE('timed out')],
  [{ why: 'gateway-refused', detail: 'unknown account' }, REFUSED('unknown account')],
];

const offOf = (result: PolicyResult) => ('off' in result ? result.off : undefined);

describe('why credits are off, in the rep’s language (issue 18)', () => {
  it.each(backgroundEnglish)('%o reads in English as the background words it', (off, text) => {
    expect(creditOffText(off, text, english)).toBe(text);
  });

  it('an invalid policy keeps its detail, in English and in German', () => {
    const managed = readPolicy({ currency: 'USD' }, undefined);
    const local = readPolicy(undefined, { currency: 'USD' });
    for (const result of [managed, local]) {
      const off = offOf(result);
      expect(off?.why).toMatch(/-invalid$/);
      expect(creditOffText(off, 'error' in result ? result.error : null, english)).toBe(
        'error' in result ? result.error : '',
      );
      expect(creditOffText(off, null, german)).toContain(off && 'detail' in off ? off.detail : '?');
    }
  });

  it('the policy and the gate say why, and German and Arabic word it', () => {
    const none = readPolicy(undefined, undefined);
    expect(offOf(none)).toEqual({ why: 'no-policy' });
    const gate = gateFor(none, null);
    expect(gate.open).toBe(false);
    const off = gate.open ? null : gate.off;
    expect(creditOffText(off, null, german)).toBe(de.credit_off_no_policy);
    expect(creditOffText(off, null, arabic)).toBe(ar.credit_off_no_policy);
  });

  it('a reason the page does not know is shown in the background’s words', () => {
    expect(creditOffText(null, 'Credits are off: something new.', german)).toBe(
      'Credits are off: something new.',
    );
  });

  it('a ticket the helpdesk takes no note on says so, with the helpdesk’s name, in each language', () => {
    const ref = { helpdesk: 'zendesk', account: 'acme.zendesk.com', id: '7' } as const;
    const archived = ticketRefusal({ ref, status: 'solved', archived: true })!;
    const closed = ticketRefusal({ ref, status: 'closed', archived: false })!;
    expect(
      ticketRefusal({
        ref: { ...ref, helpdesk: 'freshdesk', account: 'acme.freshdesk.com' },
        status: 'closed',
        archived: false,
      }),
    ).toBeNull();
    for (const block of [archived, closed]) {
      expect(block.off).toEqual({
        why: block === archived ? 'ticket-archived' : 'ticket-closed',
        helpdesk: 'Zendesk',
      });
      expect(creditOffText(block.off, block.english, english)).toBe(block.english);
      expect(creditOffText(block.off, block.english, german)).toMatch(/^Dieses Ticket ist .*Zendesk/);
      expect(creditOffText(block.off, block.english, arabic)).toContain('Zendesk');
      expect(creditOffText(block.off, block.english, arabic)).not.toBe(block.english);
    }
  });

  it('a currency changed mid-period names both currencies and the period, in each language', () => {
    const policy = readPolicy(undefined, {
      currency: 'EUR',
      period: 'week',
      timeZone: 'UTC',
      tiers: [{ name: 'T', perGrant: 100, perCustomerPerPeriod: 100, perPeriod: 100 }],
      defaultTier: 'T',
      presets: [100],
      reasons: ['Goodwill'],
      undoSeconds: 5,
    });
    if ('error' in policy) throw new Error(policy.error);
    const usd = { state: 'recorded', amount: { amount: 500, currency: 'USD' } };
    const block = currencyBlock(policy.policy, [usd as never])!;
    expect(block.off).toEqual({ why: 'currency-changed', granted: 'USD', currency: 'EUR', period: 'week' });
    expect(creditOffText(block.off, block.english, english)).toBe(block.english);
    expect(creditOffText(block.off, block.english, german)).toBe(
      de.credit_off_currency_changed_week.replace('{granted}', 'USD').replace('{currency}', 'EUR'),
    );
    expect(creditOffText(block.off, block.english, arabic)).toContain('USD');
  });

  it('the snapshot carries each kind of reason, and refuses one whose fields do not fit its kind', () => {
    const why = SidebarSnapshot.shape.credit.shape.data.unwrap().shape.disabledWhy;
    for (const off of [
      { why: 'no-tier' },
      { why: 'gateway-refused', detail: 'x' },
      { why: 'ticket-closed', helpdesk: 'Zendesk' },
      { why: 'currency-changed', granted: 'USD', currency: 'EUR', period: 'month' },
    ])
      expect(why.safeParse(off).success, JSON.stringify(off)).toBe(true);
    for (const off of [
      { why: 'ticket-closed' },
      { why: 'currency-changed', granted: 'USD', currency: 'EUR', period: 'year' },
      { why: 'gateway-refused' },
    ])
      expect(why.safeParse(off).success, JSON.stringify(off)).toBe(false);
  });
});
