import { describe, expect, it } from 'vitest';
import { readPolicy } from '@/lib/credit/policy';
import { putGrant } from '@/lib/db/grant-queries';
import { openDb } from '@/lib/db/schema';
import type { Agent } from '@/lib/domain/model';
import { creditNoteText } from '@/lib/domain/note-text';
import { refKey } from '@/lib/domain/ticket-ref';
import type { BackgroundToReview } from '@/lib/review/protocol';
import { createReviewRuntime, type ReviewPort } from '@/lib/review/runtime';
import { ACCOUNT, agent, fakeHelpdesk, ticketRef } from './fake-helpdesk';

const NOW = Date.parse('2026-11-18T12:00:00Z');
const POLICY = readPolicy(undefined, {
  currency: 'USD',
  period: 'week',
  timeZone: 'Europe/Berlin',
  tiers: [{ name: 'Standard', perGrant: 2500, perCustomerPerPeriod: 5000, perPeriod: 10000 }],
  defaultTier: 'Standard',
  reasons: ['Late delivery'],
  approvers: ['ben@acme.test'],
});
const ADA = agent('10', 'Ada Agent', 'ada@acme.test');
const id = (n: number) => `33333333-3333-4333-8333-00000000000${n}`;
const credit = (grantId: string, who: Agent, amount: number) =>
  creditNoteText(
    {
      kind: 'credit',
      id: grantId,
      amount,
      currency: 'USD',
      agent: who.id,
      customer: '900',
      reason: 'Late delivery',
    },
    who.name,
  );

let count = 0;

function setup() {
  const db = openDb(`rebuild-test-${count++}-${Math.random()}`);
  const helpdesk = fakeHelpdesk(() => NOW);
  helpdesk.agents.set(ADA.id, ADA);
  const changed: string[] = [];
  const runtime = createReviewRuntime({
    db,
    adapterFor: () => helpdesk.adapter,
    client: () => async () => {
      throw new Error('the fake adapter makes no requests');
    },
    loadPolicy: async () => POLICY,
    accounts: async () => [{ helpdesk: 'zendesk', account: ACCOUNT }],
    now: () => NOW,
    grant: async () => ({ ok: true }),
    undo: async () => ({ ok: true }),
    drain: () => undefined,
    changed: (ticket) => changed.push(refKey(ticket)),
    withLock: (_name, work) => work(),
    notesWaiting: () => undefined,
  });
  const messages: BackgroundToReview[] = [];
  const port: ReviewPort = {
    postMessage: (m) => messages.push(m as BackgroundToReview),
  };
  const load = async () => {
    messages.length = 0;
    await runtime.load(port, 'policy');
    return messages.findLast((m) => m.type === 'loaded') as Extract<BackgroundToReview, { type: 'loaded' }>;
  };
  const grantNote = (ticket: number, grantId: string, amount: number, at: string) => {
    helpdesk.note(ticketRef(ticket), credit(grantId, ADA, amount), ADA.id, at);
    helpdesk.tag(ticketRef(ticket), 'frontline_credit');
  };
  return { db, helpdesk, changed, load, grantNote };
}

describe('the review rebuild uses the credit ledger’s one merge (issue 15)', () => {
  it('republishes the sidebar of tickets whose grants the rebuild found new or changed, and no others', async () => {
    const t = setup();
    t.grantNote(1, id(1), 500, '2026-11-17T09:00:00Z');
    t.grantNote(2, id(2), 700, '2026-11-17T10:00:00Z');
    await t.load();
    expect([...t.changed].sort()).toEqual([refKey(ticketRef(1)), refKey(ticketRef(2))]);
    t.changed.length = 0;
    t.grantNote(2, id(3), 300, '2026-11-18T12:30:00Z');
    await t.load();
    expect(t.changed).toEqual([refKey(ticketRef(2))]);
  });

  it('the helpdesk’s record replaces a local copy of the same grant, and a reused id with another amount keeps the larger and lists the smaller', async () => {
    const t = setup();
    await putGrant(t.db, {
      id: id(1),
      ticket: ticketRef(1),
      customerId: '900',
      agentId: ADA.id,
      amount: { amount: 500, currency: 'USD' },
      reason: 'Late delivery',
      at: '2026-11-17T08:59:00Z',
      state: 'undone',
    });
    t.grantNote(1, id(1), 500, '2026-11-17T09:00:00Z');
    t.grantNote(2, id(2), 700, '2026-11-17T10:00:00Z');
    t.grantNote(2, id(2), 900, '2026-11-17T11:00:00Z');
    const loaded = await t.load();
    expect(loaded.rows.map((r) => [r.grantId, r.amount]).sort()).toEqual([
      [id(1), 500],
      [id(2), 900],
    ]);
    expect((await t.db.grants.get(id(1)))?.state).toBe('recorded');
    expect(loaded.suspects.map((s) => [s.why, s.amount])).toEqual([['amount-conflict', 700]]);
  });
});
