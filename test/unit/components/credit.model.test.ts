import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chosenAmount } from '../../../components/credit/model/amount';
import { approvalModel } from '../../../components/credit/model/approval';
import { exampleAmount, money } from '../../../components/credit/model/format';
import { grantStatusModel, undoSecondsLeft } from '../../../components/credit/model/grant-status';
import { blockingLimit } from '../../../components/credit/model/limit';
import { meterModel, resetRelative, resetWhen } from '../../../components/credit/model/meter';
import { composeReason, detailsRoom, REASON_MAX } from '../../../components/credit/model/reason';
import { authority, grant, NOW, RESETS_AT } from './credit.fixtures';

const UTC = { locale: 'en-US', timeZone: 'UTC' };

describe('blockingLimit', () => {
  const a = authority({
    perGrantMax: 5000,
    customerRemaining: 3000,
    remainingThisPeriod: 4000,
    maxGrantNow: 3000,
  });

  it('allows an amount within every limit, up to and including the maximum', () => {
    expect(blockingLimit(a, 1)).toBeNull();
    expect(blockingLimit(a, 3000)).toBeNull();
  });

  it('names the customer limit when only it stops the amount', () => {
    expect(blockingLimit(a, 3001)).toEqual({ kind: 'customer', limit: 3000 });
  });

  it('names the tightest limit when several stop it', () => {
    expect(blockingLimit(a, 6000)).toEqual({ kind: 'customer', limit: 3000 });
    const periodTight = authority({
      perGrantMax: 5000,
      customerRemaining: 3000,
      remainingThisPeriod: 1000,
      maxGrantNow: 1000,
    });
    expect(blockingLimit(periodTight, 6000)).toEqual({ kind: 'period', limit: 1000 });
    const grantTight = authority({
      perGrantMax: 500,
      customerRemaining: 3000,
      remainingThisPeriod: 4000,
      maxGrantNow: 500,
    });
    expect(blockingLimit(grantTight, 600)).toEqual({ kind: 'per-grant', limit: 500 });
  });

  it('respects a maxGrantNow tighter than the three limits', () => {
    const odd = authority({
      perGrantMax: 5000,
      customerRemaining: 3000,
      remainingThisPeriod: 4000,
      maxGrantNow: 0,
    });
    expect(blockingLimit(odd, 100)).toEqual({ kind: 'now', limit: 0 });
  });

  it('blocks exactly the amounts above maxGrantNow when it is the least of the three', () => {
    fc.assert(
      fc.property(
        fc.nat(100_000),
        fc.nat(100_000),
        fc.nat(100_000),
        fc.integer({ min: 1, max: 200_000 }),
        (perGrantMax, customerRemaining, remainingThisPeriod, amount) => {
          const maxGrantNow = Math.min(perGrantMax, customerRemaining, remainingThisPeriod);
          const view = authority({ perGrantMax, customerRemaining, remainingThisPeriod, maxGrantNow });
          const blocking = blockingLimit(view, amount);
          expect(blocking === null).toBe(amount <= maxGrantNow);
          if (blocking) {
            expect(blocking.kind).not.toBe('now');
            expect(blocking.limit).toBe(maxGrantNow);
          }
        },
      ),
    );
  });
});

describe('chosenAmount', () => {
  it('takes a preset as is', () => {
    expect(chosenAmount({ kind: 'preset', amount: 2500 }, 'USD')).toEqual({ amount: 2500 });
  });

  it('parses a custom amount exactly in the currency’s minor units', () => {
    expect(chosenAmount({ kind: 'custom', text: '25.5' }, 'USD')).toEqual({ amount: 2550 });
    expect(chosenAmount({ kind: 'custom', text: ' 19,99 ' }, 'EUR')).toEqual({ amount: 1999 });
    expect(chosenAmount({ kind: 'custom', text: '2500' }, 'JPY')).toEqual({ amount: 2500 });
  });

  it('says why a custom amount cannot be used, and stays quiet when nothing is chosen', () => {
    expect(chosenAmount(null, 'USD')).toBeNull();
    expect(chosenAmount({ kind: 'custom', text: '  ' }, 'USD')).toBeNull();
    expect(chosenAmount({ kind: 'custom', text: '1.234' }, 'USD')).toEqual({ error: 'invalid' });
    expect(chosenAmount({ kind: 'custom', text: '-5' }, 'USD')).toEqual({ error: 'invalid' });
    expect(chosenAmount({ kind: 'custom', text: '1e3' }, 'USD')).toEqual({ error: 'invalid' });
    expect(chosenAmount({ kind: 'custom', text: '0.00' }, 'USD')).toEqual({ error: 'zero' });
    expect(chosenAmount({ kind: 'custom', text: '5' }, 'not a currency')).toEqual({ error: 'invalid' });
  });
});

describe('money and examples', () => {
  it('formats minor units in the currency', () => {
    expect(money(2500, 'USD', 'en-US')).toBe('$25.00');
    expect(money(2500, 'JPY', 'en-US')).toBe('¥2,500');
    expect(money(2500, 'US$', 'en-US')).toBe('25.00 US$');
  });

  it('gives an example with the currency’s minor digits', () => {
    expect(exampleAmount('USD')).toBe('12.50');
    expect(exampleAmount('JPY')).toBe('12');
    expect(exampleAmount('KWD')).toBe('12.500');
  });
});

describe('composeReason', () => {
  it('adds free text after the chosen reason, and nothing when it is blank', () => {
    expect(composeReason('Late delivery', '')).toBe('Late delivery');
    expect(composeReason('Late delivery', '   ')).toBe('Late delivery');
    expect(composeReason('Late delivery', ' parcel\n lost  twice ')).toBe('Late delivery: parcel lost twice');
  });

  it('never exceeds the protocol’s limit', () => {
    const reason = 'R'.repeat(40);
    expect(detailsRoom(reason)).toBe(REASON_MAX - 42);
    expect(composeReason(reason, 'x'.repeat(1000))).toHaveLength(REASON_MAX);
  });
});

describe('meterModel', () => {
  it('says what is left of the budget and of the customer’s limit, and when it resets', () => {
    const model = meterModel(authority(), NOW, UTC);
    expect(model.remaining).toBe('$40.00');
    expect(model.leftText).toBe('$40.00 of $100.00 left this period');
    expect(model.ofBudgetText).toBe('of $100.00 left this period');
    expect(model.fraction).toBeCloseTo(0.4);
    expect(model.tone).toBe('good');
    expect(model.perGrantText).toBe('Up to $50.00 per grant');
    expect(model.customerText).toBe('$30.00 of $30.00 left for this customer');
    expect(model.resetsText).toBe('Resets Mon 00:00 (in 6 days)');
  });

  it('warns when little is left and shows an overspent budget as nothing left', () => {
    expect(meterModel(authority({ remainingThisPeriod: 2000 }), NOW, UTC).tone).toBe('warn');
    const spent = meterModel(authority({ remainingThisPeriod: -300, customerRemaining: -1 }), NOW, UTC);
    expect(spent.tone).toBe('danger');
    expect(spent.remaining).toBe('$0.00');
    expect(spent.fraction).toBe(0);
    expect(spent.customerText).toContain('$0.00 of');
  });

  it('handles a zero budget without dividing by it', () => {
    const model = meterModel(authority({ periodBudget: 0, remainingThisPeriod: 0 }), NOW, UTC);
    expect(model.fraction).toBe(0);
    expect(model.tone).toBe('danger');
  });
});

describe('reset time', () => {
  it('names the weekday within a week and the date further out', () => {
    expect(resetWhen(RESETS_AT, NOW, UTC)).toBe('Mon 00:00');
    expect(resetWhen('2026-04-01T00:00:00Z', NOW, UTC)).toBe('Apr 1, 00:00');
  });

  it('shows the local time of the reset instant', () => {
    expect(resetWhen(RESETS_AT, NOW, { locale: 'en-US', timeZone: 'America/New_York' })).toBe('Sun 20:00');
  });

  it('says how far away it is', () => {
    expect(resetRelative(new Date(NOW + 25 * 60_000).toISOString(), NOW, 'en')).toBe('in 25 minutes');
    expect(resetRelative(new Date(NOW + 5 * 3_600_000).toISOString(), NOW, 'en')).toBe('in 5 hours');
    expect(resetRelative(new Date(NOW + 24 * 3_600_000).toISOString(), NOW, 'en')).toBe('tomorrow');
  });
});

describe('grant status', () => {
  const pending = grant({ state: 'pending', undoUntil: NOW + 4_200 });

  it('counts the undo window down in whole seconds, rounded up, to zero', () => {
    expect(undoSecondsLeft(pending, NOW)).toBe(5);
    expect(undoSecondsLeft(pending, NOW + 1_000)).toBe(4);
    expect(undoSecondsLeft(pending, NOW + 4_199)).toBe(1);
    expect(undoSecondsLeft(pending, NOW + 4_200)).toBe(0);
    expect(undoSecondsLeft(pending, NOW + 60_000)).toBe(0);
    expect(undoSecondsLeft(grant({ state: 'committing', undoUntil: NOW + 4_200 }), NOW)).toBe(0);
  });

  it('reads pending, then committing once the window closes', () => {
    expect(grantStatusModel(pending, NOW, 'zendesk').text).toBe('Pending');
    expect(grantStatusModel(pending, NOW + 5_000, 'zendesk').text).toBe('Recording in Zendesk…');
    expect(grantStatusModel(grant({ state: 'committing' }), NOW, 'freshdesk').text).toBe(
      'Recording in Freshdesk…',
    );
  });

  it('reads recorded with its time, undone, and failed with the reason', () => {
    expect(grantStatusModel(grant(), NOW, 'zendesk', UTC)).toMatchObject({
      text: 'Recorded 11:59 AM',
      tone: 'good',
    });
    expect(grantStatusModel(grant({ state: 'undone' }), NOW, 'zendesk').text).toBe('Undone');
    const failed = grant({ state: 'failed', error: 'Zendesk refused the note (403)' });
    expect(grantStatusModel(failed, NOW, 'zendesk')).toMatchObject({
      text: 'Failed: Zendesk refused the note (403)',
      tone: 'danger',
    });
    expect(grantStatusModel(grant({ state: 'failed' }), NOW, 'zendesk').text).toBe('Failed');
  });
});

describe('approvalModel', () => {
  it('shows the decision and the approver’s note', () => {
    const base = { id: 'r', amount: 6000, currency: 'USD', reason: 'Outage' };
    expect(approvalModel({ ...base, state: 'pending', note: null })).toEqual({
      text: 'Waiting for approval',
      tone: 'active',
      note: null,
    });
    expect(approvalModel({ ...base, state: 'declined', note: 'Over policy for this plan' })).toMatchObject({
      text: 'Declined',
      note: 'Over policy for this plan',
    });
    expect(approvalModel({ ...base, state: 'approved', note: '  ' }).note).toBeNull();
  });
});
