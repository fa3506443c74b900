import { describe, expect, it } from 'vitest';
import { readPolicy } from '@/lib/credit/policy';
import { openDb } from '@/lib/db/schema';
import { encodeIndex, type IndexedGrant } from '@/lib/domain/grant-index';
import type { Agent } from '@/lib/domain/model';
import { creditNoteText } from '@/lib/domain/note-text';
import { agentCreditTag } from '@/lib/domain/tags';
import { refKey } from '@/lib/domain/ticket-ref';
import { INDEX_REASON } from '@/lib/review/index-check';
import type { BackgroundToReview } from '@/lib/review/protocol';
import { createReviewRuntime, type ReviewPort } from '@/lib/review/runtime';
import { ACCOUNT, agent, fakeHelpdesk, ticketRef } from './fake-helpdesk';

const NOW = Date.parse('2026-11-18T12:00:00Z');
const POLICY = readPolicy(undefined, {
  currency: 'USD',
  period: 'week',
  timeZone: 'UTC',
  tiers: [{ name: 'Standard', perGrant: 2500, perCustomerPerPeriod: 5000, perPeriod: 10000 }],
  defaultTier: 'Standard',
  reasons: ['Late delivery'],
  approvers: ['ben@acme.test'],
});
const CUSTOMER = '900';
const grantId = (n: number) => `44444444-4444-4444-8444-${String(n).padStart(12, '0')}`;

let count = 0;

/** A helpdesk with the ledger field on, and a review runtime over it with a clock that moves. */
function setup() {
  const helpdesk = fakeHelpdesk(() => clock.now);
  helpdesk.index.field = true;
  const clock = { now: NOW };
  const runtime = createReviewRuntime({
    db: openDb(`team-index-${count++}-${Math.random()}`),
    adapterFor: () => helpdesk.adapter,
    client: () => async () => {
      throw new Error('the fake adapter makes no requests');
    },
    loadPolicy: async () => POLICY,
    accounts: async () => [{ helpdesk: 'zendesk', account: ACCOUNT }],
    now: () => clock.now,
    grant: async () => ({ ok: true }),
    undo: async () => ({ ok: true }),
    drain: () => undefined,
    changed: () => undefined,
    withLock: (_name, work) => work(),
    notesWaiting: () => undefined,
  });
  const messages: BackgroundToReview[] = [];
  const port: ReviewPort = { postMessage: (m) => messages.push(m as BackgroundToReview) };
  const load = async () => {
    messages.length = 0;
    for (const key of Object.keys(helpdesk.requests))
      helpdesk.requests[key as keyof typeof helpdesk.requests] = 0;
    await runtime.load(port, 'policy');
    const loaded = messages.filter((m) => m.type === 'loaded');
    return { final: loaded.at(-1)!, loaded, requests: { ...helpdesk.requests } };
  };
  /**
   * A grant as Frontline records it: the note (the truth), `frontline_credit` and the
   * agent's tag, and its line in the ledger field. `index: false` leaves the field alone.
   */
  const grant = (ticket: number, n: number, who: Agent, amount: number, at: string, index = true) => {
    const ref = ticketRef(ticket);
    helpdesk.requesters.set(ref.id, CUSTOMER);
    const id = grantId(n);
    helpdesk.note(
      ref,
      creditNoteText(
        {
          kind: 'credit',
          id,
          amount,
          currency: 'USD',
          agent: who.id,
          customer: CUSTOMER,
          reason: 'Late delivery',
        },
        who.name,
      ),
      who.id,
      at,
    );
    helpdesk.tag(ref, 'frontline_credit', at);
    helpdesk.tag(ref, agentCreditTag(who.id), at);
    if (index) addLine(ticket, { id, agentId: who.id, customerId: CUSTOMER, amount, currency: 'USD', at });
  };
  const lines = new Map<number, IndexedGrant[]>();
  const addLine = (ticket: number, line: IndexedGrant) => {
    lines.set(ticket, [...(lines.get(ticket) ?? []), line]);
    helpdesk.ledgers.set(refKey(ticketRef(ticket)), encodeIndex(lines.get(ticket)!));
  };
  return { helpdesk, clock, load, grant, addLine };
}

const ADA = agent('10', 'Ada Agent');
const BEN = agent('20', 'Ben Boss');

const totals = (message: BackgroundToReview) => {
  if (message.type !== 'loaded') throw new Error('not a loaded message');
  const sums = new Map<string, number>();
  for (const r of message.rows) sums.set(r.agentId, (sums.get(r.agentId) ?? 0) + r.amount);
  return Object.fromEntries(sums);
};
const loadedOf = (message: BackgroundToReview) => {
  if (message.type !== 'loaded') throw new Error('not a loaded message');
  return message;
};

describe('the review’s first load from the team index (issue 17)', () => {
  it('team index: takes every grant from the ledger field the search returns, with no thread read', async () => {
    const t = setup();
    t.helpdesk.agents.set(ADA.id, ADA).set(BEN.id, BEN);
    for (let n = 0; n < 300; n++)
      t.grant(
        100 + (n % 150),
        n,
        n % 3 === 0 ? BEN : ADA,
        100 + n,
        new Date(NOW - 3_600_000 - n * 60_000).toISOString(),
      );
    const { final, requests } = await t.load();
    const loaded = loadedOf(final);
    expect(loaded.rows).toHaveLength(300);
    expect(requests.entries).toBe(0);
    expect(loaded.read).toBe(0);
    expect(loaded.disagreements).toEqual([]);
    expect(loaded.rows.every((r) => r.reason === INDEX_REASON)).toBe(true);
    const expected = { [ADA.id]: 0, [BEN.id]: 0 };
    for (let n = 0; n < 300; n++) expected[n % 3 === 0 ? BEN.id : ADA.id]! += 100 + n;
    expect(totals(final)).toEqual(expected);
  });

  it('team index: per-agent totals are posted as soon as the search is in, before any note is read', async () => {
    const t = setup();
    t.helpdesk.agents.set(ADA.id, ADA);
    t.grant(1, 1, ADA, 500, '2026-11-17T09:00:00Z');
    // A ticket without its line: its notes are read after the index's grants were shown.
    t.grant(2, 2, ADA, 700, '2026-11-17T10:00:00Z', false);
    const { loaded } = await t.load();
    const first = loadedOf(loaded[0]!);
    expect(first.partial).toBe(true);
    expect(first.rows.map((r) => r.amount)).toEqual([500]);
    expect(totals(loaded.at(-1)!)).toEqual({ [ADA.id]: 1200 });
  });

  it('team index damaged (hostile text): the ticket’s notes are read and counted, and the ticket is named', async () => {
    const t = setup();
    t.helpdesk.agents.set(ADA.id, ADA);
    t.grant(1, 1, ADA, 500, '2026-11-17T09:00:00Z');
    t.grant(2, 2, ADA, 700, '2026-11-17T10:00:00Z');
    t.helpdesk.ledgers.set(
      refKey(ticketRef(2)),
      `g1 ${grantId(2)} 10 900 70000 USD 2026-11-17T10:00:00Z\n<img src=x onerror=alert(1)>`,
    );
    const { final, requests } = await t.load();
    const loaded = loadedOf(final);
    expect(requests.entries).toBe(1);
    expect(totals(final)).toEqual({ [ADA.id]: 1200 });
    expect(loaded.disagreements.map((d) => [d.ticket.id, d.whys])).toEqual([['2', ['damaged']]]);
    expect(loaded.disagreements[0]!.url).toContain('/agent/tickets/2');
  });

  it('team index missing (field emptied): the ticket’s notes are read and counted, and the ticket is named', async () => {
    const t = setup();
    t.helpdesk.agents.set(ADA.id, ADA);
    t.grant(1, 1, ADA, 500, '2026-11-17T09:00:00Z');
    t.grant(2, 2, ADA, 700, '2026-11-17T10:00:00Z');
    t.helpdesk.ledgers.delete(refKey(ticketRef(2)));
    const { final, requests } = await t.load();
    const loaded = loadedOf(final);
    expect(requests.entries).toBe(1);
    expect(totals(final)).toEqual({ [ADA.id]: 1200 });
    expect(loaded.rows.find((r) => r.ticketId === '2')?.reason).toBe('Late delivery');
    expect(loaded.disagreements.map((d) => [d.ticket.id, d.whys, d.grantIds])).toEqual([
      ['2', ['not-in-index'], [grantId(2)]],
    ]);
  });

  it('team index: an agent’s tag with no line of theirs has the notes read: the review never shows less than the notes', async () => {
    const t = setup();
    t.helpdesk.agents.set(ADA.id, ADA).set(BEN.id, BEN);
    t.grant(1, 1, ADA, 500, '2026-11-17T09:00:00Z');
    // Ben's grant on the same ticket: note and tags written, his line lost (a concurrent write).
    t.grant(1, 2, BEN, 900, '2026-11-17T10:00:00Z', false);
    const { final, requests } = await t.load();
    expect(requests.entries).toBe(1);
    expect(totals(final)).toEqual({ [ADA.id]: 500, [BEN.id]: 900 });
    expect(loadedOf(final).disagreements.map((d) => [d.ticket.id, d.whys, d.agentIds])).toEqual([
      ['1', ['not-in-index'], [BEN.id]],
    ]);
  });

  it('team index: a line no trusted note backs is counted and named (it fails towards showing it, flagged)', async () => {
    const t = setup();
    t.helpdesk.agents.set(ADA.id, ADA).set(BEN.id, BEN);
    t.grant(1, 1, ADA, 500, '2026-11-17T09:00:00Z');
    // Someone typed a line in Ben's name into the field: no note of Ben's is on the ticket, nor his tag.
    t.addLine(1, {
      id: grantId(9),
      agentId: BEN.id,
      customerId: CUSTOMER,
      amount: 5000,
      currency: 'USD',
      at: '2026-11-17T11:00:00Z',
    });
    const { final, requests } = await t.load();
    expect(requests.entries).toBe(1);
    expect(totals(final)).toEqual({ [ADA.id]: 500, [BEN.id]: 5000 });
    expect(loadedOf(final).disagreements.map((d) => [d.ticket.id, d.whys, d.grantIds, d.agentIds])).toEqual([
      ['1', ['no-note'], [grantId(9)], [BEN.id]],
    ]);
  });

  it('team index: without the field the notes path is today’s (every tagged ticket read once), and nothing is named', async () => {
    const t = setup();
    t.helpdesk.index.field = false;
    t.helpdesk.agents.set(ADA.id, ADA);
    t.grant(1, 1, ADA, 500, '2026-11-17T09:00:00Z', false);
    t.grant(2, 2, ADA, 700, '2026-11-17T10:00:00Z', false);
    const { final, requests } = await t.load();
    expect(requests.entries).toBe(2);
    expect(totals(final)).toEqual({ [ADA.id]: 1200 });
    expect(loadedOf(final).disagreements).toEqual([]);
  });

  it('team index: a Freshdesk-size day past the search cap is split by the agents’ tags, and nothing is missed', async () => {
    const t = setup();
    // Freshdesk: 30 a page, 300 a search, whole days (no splitting inside one).
    Object.assign(t.helpdesk.index, { cap: 300, pageSize: 30, byDay: true });
    const agents = Array.from({ length: 12 }, (_, i) => agent(String(100 + i), `Agent ${i}`));
    for (const a of agents) t.helpdesk.agents.set(a.id, a);
    // 420 tickets updated on one day, one grant each.
    for (let n = 0; n < 420; n++)
      t.grant(
        1000 + n,
        n,
        agents[n % agents.length]!,
        100,
        new Date(NOW - 3_600_000 - n * 1000).toISOString(),
      );
    const { final, requests } = await t.load();
    const loaded = loadedOf(final);
    expect(loaded.missed).toBe(0);
    expect(loaded.rows).toHaveLength(420);
    expect(requests.entries).toBe(0);
    // Days halved down to the full one, then each agent's 35 tickets in two pages of 30.
    expect(requests.search).toBeLessThanOrEqual(6 + agents.length * 2 + 1);
  });
});

describe('the review’s reload (issue 17)', () => {
  it('team index: a reload with nothing new costs at most 5 requests (search since the last load, names and counts cached)', async () => {
    const t = setup();
    t.helpdesk.agents.set(ADA.id, ADA).set(BEN.id, BEN);
    for (let n = 0; n < 200; n++)
      t.grant(100 + n, n, n % 2 === 0 ? ADA : BEN, 100, new Date(NOW - 7_200_000 - n * 60_000).toISOString());
    const first = await t.load();
    expect(first.requests.search).toBeGreaterThan(0);
    t.clock.now += 5 * 60_000;
    const again = await t.load();
    const total = Object.values(again.requests).reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(5);
    expect(again.requests.entries).toBe(0);
    expect(loadedOf(again.final).rows).toHaveLength(200);
    expect(totals(again.final)).toEqual(totals(first.final));
  });

  it('team index: a Freshdesk reload of a day past the cap with nothing new stops at its first page (at most 5 requests)', async () => {
    const t = setup();
    Object.assign(t.helpdesk.index, { cap: 300, pageSize: 30, byDay: true });
    const agents = Array.from({ length: 12 }, (_, i) => agent(String(100 + i), `Agent ${i}`));
    for (const a of agents) t.helpdesk.agents.set(a.id, a);
    // 360 tickets updated today, before the first load.
    for (let n = 0; n < 360; n++)
      t.grant(
        2000 + n,
        n,
        agents[n % agents.length]!,
        100,
        new Date(NOW - 3_600_000 - n * 1000).toISOString(),
      );
    const first = await t.load();
    expect(loadedOf(first.final).rows).toHaveLength(360);
    t.clock.now += 5 * 60_000;
    const again = await t.load();
    expect(Object.values(again.requests).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(5);
    expect(loadedOf(again.final).rows).toHaveLength(360);
    expect(loadedOf(again.final).missed).toBe(0);
  });

  it('team index: a reload finds a grant made since the last load, and keeps the disagreements found before', async () => {
    const t = setup();
    t.helpdesk.agents.set(ADA.id, ADA);
    t.grant(1, 1, ADA, 500, '2026-11-17T09:00:00Z');
    t.grant(2, 2, ADA, 700, '2026-11-17T10:00:00Z');
    t.helpdesk.ledgers.delete(refKey(ticketRef(2)));
    await t.load();
    t.clock.now += 5 * 60_000;
    t.grant(3, 3, ADA, 300, new Date(t.clock.now - 60_000).toISOString());
    const { final, requests } = await t.load();
    expect(requests.entries).toBe(0);
    expect(totals(final)).toEqual({ [ADA.id]: 1500 });
    expect(loadedOf(final).disagreements.map((d) => d.ticket.id)).toEqual(['2']);
  });
});
