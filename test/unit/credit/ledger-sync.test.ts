import { describe, expect, it } from 'vitest';
import { FULL_EVERY_MS, fullPhase, SEARCH_LAG_MS } from '../../../lib/credit/ledger-window';
import { createCreditService } from '../../../lib/credit/service';
import { putGrant } from '../../../lib/db/grant-queries';
import { putMe } from '../../../lib/db/queries';
import type { CreditGrant } from '../../../lib/domain/credit-grant';
import { indexedGrantOf, withGrants } from '../../../lib/domain/grant-index';
import { formatMarker } from '../../../lib/domain/markers';
import type { Entry } from '../../../lib/domain/model';
import { agentCreditTag, CREDIT_TAG } from '../../../lib/domain/tags';
import { refKey, type TicketRef } from '../../../lib/domain/ticket-ref';
import type { TicketQuery } from '../../../lib/helpdesks/adapter';
import { ACCOUNT, ADA, CUSTOMER, fakeHelpdesk, harness, OTHER_TICKET, START, TICKET, uuid } from './fakes';

/** Two browser profiles (two databases) of the same rep on one helpdesk. */
function twoProfiles() {
  const clock = { now: START };
  const helpdesk = fakeHelpdesk(() => clock.now);
  const a = harness({ clock, helpdesk });
  const b = harness({ clock, helpdesk });
  return { clock, helpdesk, a, b, one: createCreditService(a.deps), two: createCreditService(b.deps) };
}
type Helpdesk = ReturnType<typeof fakeHelpdesk>;

const ticket = (id: number): TicketRef => ({ helpdesk: 'zendesk', account: ACCOUNT, id: String(id) });

const grantOf = (n: number, on: TicketRef, amount: number, agentId = ADA.id, at = START): CreditGrant => ({
  id: uuid(n),
  ticket: on,
  customerId: CUSTOMER,
  agentId,
  amount: { amount, currency: 'USD' },
  reason: 'late delivery',
  at: new Date(at).toISOString(),
  state: 'recorded',
});

/**
 * What a browser's grant leaves on the helpdesk: the note with its marker, then the
 * tags and (where the account has the field) the ledger line. `index: false` is a
 * grant whose tags and line were lost after the note.
 */
function recordOnHelpdesk(helpdesk: Helpdesk, grant: CreditGrant, index = true): void {
  const key = refKey(grant.ticket);
  const note: Entry = {
    ticket: grant.ticket,
    id: `n${grant.id}`,
    authorId: grant.agentId,
    public: false,
    fromCustomer: false,
    text: `Credit\n\n${formatMarker({
      kind: 'credit',
      id: grant.id,
      amount: grant.amount.amount,
      currency: grant.amount.currency,
      agent: grant.agentId,
      customer: grant.customerId,
      reason: grant.reason,
    })}`,
    createdAt: grant.at,
    authorIsAgent: true,
    authorConfirmed: true,
  };
  helpdesk.notes.set(key, [...(helpdesk.notes.get(key) ?? []), note]);
  if (index) {
    helpdesk.tags.set(
      key,
      new Set([...(helpdesk.tags.get(key) ?? []), CREDIT_TAG, agentCreditTag(grant.agentId)]),
    );
    helpdesk.ledgers.set(key, withGrants(helpdesk.ledgers.get(key) ?? null, [indexedGrantOf(grant)]));
  }
  helpdesk.touch(grant.ticket);
}

/** The searches the fake helpdesk was asked, by the query's terms. */
function searchesOf(helpdesk: Helpdesk) {
  const queries: TicketQuery[] = [];
  const search = helpdesk.adapter.searchTickets;
  helpdesk.adapter.searchTickets = async (client, account, query) => {
    queries.push(query);
    return search(client, account, query);
  };
  return queries;
}

const remaining = async (service: ReturnType<typeof createCreditService>) =>
  (await service.view(TICKET, ADA, CUSTOMER)).authority?.remainingThisPeriod;

describe('refreshLedger: a rep’s authority from the rep’s own grants', () => {
  it('a grant made in another browser by the same rep shows in this rep’s meter within one refresh (ledger field)', async () => {
    const { helpdesk, two, clock } = twoProfiles();
    helpdesk.field.exists = true;
    expect(await remaining(two)).toBe(10_000);
    recordOnHelpdesk(helpdesk, grantOf(1, TICKET, 800));
    clock.now += 60_000;
    helpdesk.calls.length = 0;
    expect(await two.refreshLedger(ACCOUNT, 'zendesk')).toEqual({
      tickets: 1,
      indexed: 1,
      read: 0,
      found: 1,
    });
    expect(await remaining(two)).toBe(9_200);
    // The field carried the grant: no thread was read.
    expect(helpdesk.calls).toEqual(['searchTickets']);
  });

  it('a grant made in another browser shows within one refresh without the field, from the ticket’s notes', async () => {
    const { helpdesk, two, clock } = twoProfiles();
    recordOnHelpdesk(helpdesk, grantOf(1, TICKET, 800));
    clock.now += 60_000;
    expect(await two.refreshLedger(ACCOUNT, 'zendesk')).toEqual({
      tickets: 1,
      indexed: 0,
      read: 1,
      found: 1,
    });
    expect(await remaining(two)).toBe(9_200);
  });

  it('searches only the rep’s own tag: other reps’ grants are neither searched nor read', async () => {
    const { helpdesk, two, clock } = twoProfiles();
    const queries = searchesOf(helpdesk);
    recordOnHelpdesk(helpdesk, grantOf(1, TICKET, 800));
    for (let n = 0; n < 40; n++)
      recordOnHelpdesk(helpdesk, grantOf(100 + n, ticket(500 + n), 300, String(200 + n)));
    clock.now += 60_000;
    helpdesk.calls.length = 0;
    expect(await two.refreshLedger(ACCOUNT, 'zendesk')).toMatchObject({ tickets: 1, read: 1, found: 1 });
    expect(queries.map((q) => q.tag)).toEqual([agentCreditTag(ADA.id)]);
    expect(helpdesk.calls).toEqual(['searchTickets', 'entries']);
    expect(await remaining(two)).toBe(9_200);
  });

  it('reads the notes of a ticket whose field is damaged, lacks the rep’s line, or names another customer', async () => {
    const { helpdesk, two, clock } = twoProfiles();
    helpdesk.field.exists = true;
    const [damaged, lineless, stranger, fine] = [ticket(61), ticket(62), ticket(63), ticket(64)];
    recordOnHelpdesk(helpdesk, grantOf(1, damaged, 100));
    helpdesk.ledgers.set(refKey(damaged), `${helpdesk.ledgers.get(refKey(damaged))}\ng1 not a grant`);
    recordOnHelpdesk(helpdesk, grantOf(2, lineless, 200));
    helpdesk.ledgers.set(refKey(lineless), null);
    recordOnHelpdesk(helpdesk, grantOf(3, stranger, 300));
    helpdesk.ledgers.set(
      refKey(stranger),
      withGrants(null, [{ ...indexedGrantOf(grantOf(3, stranger, 300)), customerId: '999' }]),
    );
    recordOnHelpdesk(helpdesk, grantOf(4, fine, 400));
    clock.now += 60_000;
    expect(await two.refreshLedger(ACCOUNT, 'zendesk')).toEqual({
      tickets: 4,
      indexed: 1,
      read: 3,
      found: 4,
    });
    // Each counts once, at the amount its note says.
    expect(await remaining(two)).toBe(10_000 - 1_000);
  });

  it('an edited field cannot shrink a grant this browser holds: the larger amount counts and the smaller is a conflict', async () => {
    const { helpdesk, b, two, clock } = twoProfiles();
    helpdesk.field.exists = true;
    const grant = grantOf(1, TICKET, 800);
    await putGrant(b.deps.db, grant);
    recordOnHelpdesk(helpdesk, grant);
    helpdesk.ledgers.set(refKey(TICKET), withGrants(null, [{ ...indexedGrantOf(grant), amount: 1 }]));
    clock.now += 60_000;
    await two.refreshLedger(ACCOUNT, 'zendesk');
    expect(await remaining(two)).toBe(9_200);
    expect((await b.deps.db.grants.get(uuid(1)))?.grant).toMatchObject({ reason: 'late delivery' });
  });

  it('after the first refresh only tickets updated since the last search, less the search lag, are asked; a restarted worker keeps the cursor', async () => {
    const { helpdesk, b, two, clock } = twoProfiles();
    const queries = searchesOf(helpdesk);
    helpdesk.field.exists = true;
    recordOnHelpdesk(helpdesk, grantOf(1, TICKET, 800));
    clock.now += 30 * 60_000;
    const first = clock.now;
    await two.refreshLedger(ACCOUNT, 'zendesk');
    expect(queries[0]?.updatedSince).toBeUndefined();
    clock.now += 10 * 60_000;
    recordOnHelpdesk(helpdesk, grantOf(2, OTHER_TICKET, 200));
    clock.now += 60_000;
    const restarted = createCreditService(b.deps);
    expect(await restarted.refreshLedger(ACCOUNT, 'zendesk')).toMatchObject({ tickets: 1, found: 1 });
    expect(queries[1]?.updatedSince).toBe(new Date(first - SEARCH_LAG_MS).toISOString());
    expect(await remaining(restarted)).toBe(9_000);
  });

  it('the whole period is searched again at the agent’s own minute of the hour after the first whole search, then hourly, and at a new period', async () => {
    const { helpdesk, two, clock } = twoProfiles();
    const queries = searchesOf(helpdesk);
    const step = 10 * 60_000;
    for (let i = 0; i < 13; i++) {
      await two.refreshLedger(ACCOUNT, 'zendesk');
      clock.now += step;
    }
    const again = Math.ceil((FULL_EVERY_MS - fullPhase(ADA.id)) / step);
    const hourly = FULL_EVERY_MS / step;
    expect(queries.map((q) => q.updatedSince === undefined)).toEqual(
      Array.from({ length: 13 }, (_, i) => i === 0 || i === again || i === again + hourly),
    );
    clock.now += 7 * 86_400_000;
    await two.refreshLedger(ACCOUNT, 'zendesk');
    expect(queries.at(-1)?.updatedSince).toBeUndefined();
  });

  it('a removed frontline_credit tag comes back, and the grant keeps counting here and in another browser', async () => {
    const { clock, one, two, helpdesk, a } = twoProfiles();
    const grant = grantOf(1, TICKET, 800);
    await putGrant(a.deps.db, grant);
    recordOnHelpdesk(helpdesk, grant);
    helpdesk.tags.get(refKey(TICKET))?.delete(CREDIT_TAG);
    clock.now += SEARCH_LAG_MS + 60_000;

    expect(await one.refreshLedger(ACCOUNT, 'zendesk')).toMatchObject({ read: 1, found: 1 });
    expect(helpdesk.tagsOn(TICKET)).toContain(CREDIT_TAG);
    expect(await remaining(one)).toBe(9_200);
    await two.refreshLedger(ACCOUNT, 'zendesk');
    expect(await remaining(two)).toBe(9_200);
    // The tag is back: the next refresh has nothing to restore.
    helpdesk.calls.length = 0;
    clock.now += 60_000;
    await one.refreshLedger(ACCOUNT, 'zendesk');
    expect(helpdesk.calls).not.toContain('indexGrants');
  });

  it('a grant this browser recorded whose tags were lost is found again on its ticket (show_many, then its notes)', async () => {
    const { clock, one, helpdesk, a } = twoProfiles();
    const grant = grantOf(1, TICKET, 800);
    await putGrant(a.deps.db, grant);
    recordOnHelpdesk(helpdesk, grant, false);
    helpdesk.tags.set(refKey(TICKET), new Set(['vip']));
    clock.now += SEARCH_LAG_MS + 60_000;
    helpdesk.calls.length = 0;
    expect(await one.refreshLedger(ACCOUNT, 'zendesk')).toMatchObject({ tickets: 0, found: 1 });
    expect(helpdesk.calls).toEqual(['searchTickets', 'cases', 'entries', 'indexGrants']);
  });

  it('a grant younger than the search lag is not looked for yet', async () => {
    const { one, helpdesk, a } = twoProfiles();
    await putGrant(a.deps.db, grantOf(1, TICKET, 800));
    helpdesk.calls.length = 0;
    await one.refreshLedger(ACCOUNT, 'zendesk');
    expect(helpdesk.calls).toEqual(['searchTickets']);
  });

  it('reads again only the tickets that changed since the last read', async () => {
    const { clock, two, helpdesk } = twoProfiles();
    recordOnHelpdesk(helpdesk, grantOf(1, TICKET, 100));
    recordOnHelpdesk(helpdesk, grantOf(2, OTHER_TICKET, 100));
    clock.now += 60_000;
    await two.refreshLedger(ACCOUNT, 'zendesk');
    helpdesk.calls.length = 0;
    clock.now += 60_000;
    expect(await two.refreshLedger(ACCOUNT, 'zendesk')).toEqual({
      tickets: 2,
      indexed: 0,
      read: 0,
      found: 0,
    });
    expect(helpdesk.calls).toEqual(['searchTickets']);
    recordOnHelpdesk(helpdesk, grantOf(3, OTHER_TICKET, 200));
    clock.now += 60_000;
    helpdesk.calls.length = 0;
    expect(await two.refreshLedger(ACCOUNT, 'zendesk')).toEqual({
      tickets: 2,
      indexed: 0,
      read: 1,
      found: 2,
    });
    expect(helpdesk.calls).toEqual(['searchTickets', 'entries']);
    expect(await remaining(two)).toBe(10_000 - 400);
  });

  it('the helpdesk’s record replaces a local grant of the same id; public replies and other markers do not count', async () => {
    const { helpdesk, b, two } = twoProfiles();
    await putGrant(b.deps.db, { ...grantOf(1, TICKET, 500), state: 'committing' });
    recordOnHelpdesk(helpdesk, grantOf(1, TICKET, 500));
    helpdesk.notes.get(refKey(TICKET))?.push({
      ticket: TICKET,
      id: '1',
      authorId: CUSTOMER,
      public: true,
      fromCustomer: true,
      text: `I can write markers too\n${formatMarker({
        kind: 'credit',
        id: uuid(2),
        amount: 500,
        currency: 'USD',
        agent: ADA.id,
        customer: CUSTOMER,
        reason: 'late delivery',
      })}`,
      createdAt: new Date(START).toISOString(),
    });
    await two.refreshLedger(ACCOUNT, 'zendesk');
    const grants = (await b.deps.db.grants.toArray()).map((r) => [r.id, r.state]);
    expect(grants).toEqual([[uuid(1), 'recorded']]);
  });

  it('without a valid policy, or signed out, it reads nothing', async () => {
    const h = harness({ policy: undefined });
    const nothing = { tickets: 0, indexed: 0, read: 0, found: 0 };
    expect(await createCreditService(h.deps).refreshLedger(ACCOUNT, 'zendesk')).toEqual(nothing);
    expect(h.helpdesk.calls).toEqual([]);
    const out = harness();
    await putMe(out.deps.db, ACCOUNT, ADA, START);
    await out.deps.db.accounts.update(ACCOUNT, { me: null });
    expect(await createCreditService(out.deps).refreshLedger(ACCOUNT, 'zendesk')).toEqual(nothing);
    expect(out.helpdesk.calls).toEqual([]);
  });
});
