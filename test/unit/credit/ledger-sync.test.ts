import { describe, expect, it } from 'vitest';
import { createCreditService } from '../../../lib/credit/service';
import { putGrant } from '../../../lib/db/grant-queries';
import { formatMarker } from '../../../lib/domain/markers';
import { ACCOUNT, ADA, CUSTOMER, fakeHelpdesk, harness, OTHER_TICKET, START, TICKET, uuid } from './fakes';

/** Two browser profiles (two databases) on one helpdesk. */
function twoProfiles() {
  const clock = { now: START };
  const helpdesk = fakeHelpdesk(() => clock.now);
  const a = harness({ clock, helpdesk });
  const b = harness({ clock, helpdesk });
  return { clock, helpdesk, a, b, one: createCreditService(a.deps), two: createCreditService(b.deps) };
}

/** Profile one grants 1.00 on each of two tickets and records them. */
async function grantOnTwoTickets(one: ReturnType<typeof twoProfiles>['one'], clock: { now: number }) {
  for (const [n, ticket] of [
    [1, TICKET],
    [2, OTHER_TICKET],
  ] as const) {
    await one.grant({ grantId: uuid(n), ticket, amount: 100, reason: 'late delivery' }, ADA, CUSTOMER);
  }
  clock.now += 5_000;
  await one.drain();
}

describe('refreshLedger', () => {
  it('a removed frontline_credit tag comes back, and the grant keeps counting here and in another browser', async () => {
    const { clock, one, two, helpdesk } = twoProfiles();
    await one.grant(
      { grantId: uuid(1), ticket: TICKET, amount: 800, reason: 'late delivery' },
      ADA,
      CUSTOMER,
    );
    clock.now += 5_000;
    await one.drain();
    await helpdesk.adapter.removeTag(() => Promise.reject(new Error('unused')), TICKET, 'frontline_credit');
    expect(helpdesk.tagsOn(TICKET)).not.toContain('frontline_credit');

    expect(await one.refreshLedger(ACCOUNT, 'zendesk')).toMatchObject({ tickets: 0, found: 1 });
    expect(helpdesk.tagsOn(TICKET)).toContain('frontline_credit');
    expect((await one.view(TICKET, ADA, CUSTOMER)).authority?.remainingThisPeriod).toBe(9_200);
    await two.refreshLedger(ACCOUNT, 'zendesk');
    expect((await two.view(TICKET, ADA, CUSTOMER)).authority?.remainingThisPeriod).toBe(9_200);
    // The tag is back: the next refresh has nothing to restore.
    helpdesk.calls.length = 0;
    await one.refreshLedger(ACCOUNT, 'zendesk');
    expect(helpdesk.calls).not.toContain('addTag');
  });

  it('a second profile sees the same remaining authority once it reads the helpdesk', async () => {
    const { clock, one, two, b } = twoProfiles();
    await one.grant(
      { grantId: uuid(1), ticket: TICKET, amount: 800, reason: 'late delivery' },
      ADA,
      CUSTOMER,
    );
    clock.now += 5_000;
    await one.drain();
    expect((await two.view(TICKET, ADA, CUSTOMER)).authority?.remainingThisPeriod).toBe(10_000);
    expect(await two.refreshLedger(ACCOUNT, 'zendesk')).toEqual({ tickets: 1, read: 1, found: 1 });
    const seen = await two.view(TICKET, ADA, CUSTOMER);
    expect(seen.authority).toMatchObject({ remainingThisPeriod: 9_200, customerRemaining: 1_200 });
    expect(seen.grants).toEqual([expect.objectContaining({ id: uuid(1), state: 'recorded', amount: 800 })]);
    expect(b.changed).toEqual(['zendesk:acme.zendesk.com:42']);
    // Nothing new the second time: no change is announced.
    await two.refreshLedger(ACCOUNT, 'zendesk');
    expect(b.changed).toHaveLength(1);
  });

  it('one search and one entries read per tagged ticket', async () => {
    const { clock, one, two, helpdesk } = twoProfiles();
    await grantOnTwoTickets(one, clock);
    helpdesk.calls.length = 0;
    await two.refreshLedger(ACCOUNT, 'zendesk');
    expect(helpdesk.calls).toEqual(['searchTickets', 'entries', 'entries']);
  });

  it('reads again only the tickets that changed since the last read', async () => {
    const { clock, one, two, helpdesk } = twoProfiles();
    await grantOnTwoTickets(one, clock);
    await two.refreshLedger(ACCOUNT, 'zendesk');
    helpdesk.calls.length = 0;
    expect(await two.refreshLedger(ACCOUNT, 'zendesk')).toEqual({ tickets: 2, read: 0, found: 0 });
    expect(helpdesk.calls).toEqual(['searchTickets']);
    clock.now += 60_000;
    await one.grant(
      { grantId: uuid(3), ticket: OTHER_TICKET, amount: 200, reason: 'late delivery' },
      ADA,
      CUSTOMER,
    );
    clock.now += 5_000;
    await one.drain();
    helpdesk.calls.length = 0;
    expect(await two.refreshLedger(ACCOUNT, 'zendesk')).toEqual({ tickets: 2, read: 1, found: 2 });
    expect(helpdesk.calls).toEqual(['searchTickets', 'entries']);
    expect((await two.view(OTHER_TICKET, ADA, CUSTOMER)).authority?.remainingThisPeriod).toBe(10_000 - 400);
  });

  it('the helpdesk’s record replaces a local grant of the same id; public replies and other markers do not count', async () => {
    const { helpdesk, b, two } = twoProfiles();
    await putGrant(b.deps.db, {
      id: uuid(1),
      ticket: TICKET,
      customerId: CUSTOMER,
      agentId: ADA.id,
      amount: { amount: 500, currency: 'USD' },
      reason: 'late delivery',
      at: new Date(START).toISOString(),
      state: 'committing',
    });
    const marker = (n: number) =>
      formatMarker({
        kind: 'credit',
        id: uuid(n),
        amount: 500,
        currency: 'USD',
        agent: ADA.id,
        customer: CUSTOMER,
        reason: 'late delivery',
      });
    await helpdesk.adapter.addPrivateNote(
      async () => ({ status: 200, headers: {}, body: '' }),
      TICKET,
      `x\n\n${marker(1)}`,
    );
    await helpdesk.adapter.addTag(
      async () => ({ status: 200, headers: {}, body: '' }),
      TICKET,
      'frontline_credit',
    );
    helpdesk.notes.get('zendesk:acme.zendesk.com:42')?.push({
      ticket: TICKET,
      id: '1',
      authorId: CUSTOMER,
      public: true,
      fromCustomer: true,
      text: `I can write markers too\n${marker(2)}`,
      createdAt: new Date(START).toISOString(),
    });
    await two.refreshLedger(ACCOUNT, 'zendesk');
    const grants = (await b.deps.db.grants.toArray()).map((r) => [r.id, r.state]);
    expect(grants).toEqual([[uuid(1), 'recorded']]);
  });

  it('without a valid policy it reads nothing', async () => {
    const h = harness({ policy: undefined });
    expect(await createCreditService(h.deps).refreshLedger(ACCOUNT, 'zendesk')).toEqual({
      tickets: 0,
      read: 0,
      found: 0,
    });
    expect(h.helpdesk.calls).toEqual([]);
  });
});
