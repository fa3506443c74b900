import { describe, expect, it } from 'vitest';
import { readPolicy } from '@/lib/credit/policy';
import { createCreditService } from '@/lib/credit/service';
import { putMe } from '@/lib/db/queries';
import { dueReviewNotes } from '@/lib/db/review-queries';
import { type FrontlineDb, openDb } from '@/lib/db/schema';
import { entryMarker } from '@/lib/domain/markers';
import { approvalRequestNoteText } from '@/lib/domain/note-text';
import { HelpdeskError } from '@/lib/helpdesks/http';
import { coach, decide } from '@/lib/review/decisions';
import type { ReviewDeps } from '@/lib/review/deps';
import { grantIdOf } from '@/lib/review/grant-of-request';
import { drainNotes } from '@/lib/review/note-outbox';
import { IN_FLIGHT_GUARD_MS } from '@/lib/transport/in-flight';
import { fakeLocks } from '../credit/fakes';
import { ACCOUNT, agent, fakeHelpdesk, ticketRef } from './fake-helpdesk';

const NOW = Date.parse('2026-11-18T12:00:00Z');
const UNDO_MS = 5_000;
const POLICY = readPolicy(undefined, {
  currency: 'USD',
  period: 'week',
  timeZone: 'Europe/Berlin',
  tiers: [{ name: 'Manager', perGrant: 10000, perCustomerPerPeriod: 50000, perPeriod: 500000 }],
  agents: [{ agent: 'ben@acme.test', tier: 'Manager' }],
  defaultTier: 'Manager',
  reasons: ['Late delivery'],
  approvers: ['ben@acme.test'],
  undoSeconds: UNDO_MS / 1000,
});
const ADA = agent('10', 'Ada Agent', 'ada@acme.test');
const BEN = agent('20', 'Ben Boss', 'ben@acme.test');
const REQUEST = '11111111-1111-4111-8111-111111111111';
const GRANT = '33333333-3333-4333-8333-000000000001';
const TICKET = ticketRef(7);
const KEY = 'zendesk:acme.zendesk.com:7';

type Helpdesk = ReturnType<typeof fakeHelpdesk>;
/** How the next review note write goes wrong: refused before it lands, or landed with its answer lost. */
type Fault = 'rate-limited' | 'answer-lost' | 'hangs' | null;

let count = 0;

function setup() {
  const clock = { now: NOW };
  const helpdesk = fakeHelpdesk(() => clock.now);
  helpdesk.note(
    TICKET,
    approvalRequestNoteText(
      {
        kind: 'approval-request',
        id: REQUEST,
        amount: 4000,
        currency: 'USD',
        agent: ADA.id,
        customer: '900',
        reason: 'Broken',
      },
      ADA.name,
    ),
    ADA.id,
  );
  for (const a of [ADA, BEN]) helpdesk.agents.set(a.id, a);
  helpdesk.signIn(BEN);
  helpdesk.writer.id = BEN.id;
  return { clock, helpdesk, db: openDb(`note-outbox-test-${count++}-${Math.random()}`) };
}

/**
 * One worker over the browser's database: a new call is a restarted worker
 * (nothing kept in memory). `fault` spoils the next decision or coaching note.
 */
function worker(helpdesk: Helpdesk, clock: { now: number }, db: FrontlineDb, fault: Fault = null) {
  let next = fault;
  const adapter = {
    ...helpdesk.adapter,
    addPrivateNote: async (...args: Parameters<Helpdesk['adapter']['addPrivateNote']>) => {
      const ours = /\[frontline:(approval-decision|coaching) /.test(args[2]);
      const spoil = ours ? next : null;
      if (ours) next = null;
      if (spoil === 'rate-limited')
        throw new HelpdeskError('rate-limited', 'POST /api/v2/tickets/7', '429', 429);
      const entry = await helpdesk.adapter.addPrivateNote(...args);
      if (spoil === 'answer-lost') throw new HelpdeskError('network', 'PUT /api/v2/tickets/7', 'dropped');
      // The worker is killed while the write is in flight: no answer ever comes.
      if (spoil === 'hangs') await new Promise(() => undefined);
      return entry;
    },
  };
  const client = () => async () => {
    throw new Error('the fake adapter makes no requests');
  };
  const withLock = fakeLocks();
  const credit = createCreditService({
    db,
    adapterFor: () => adapter,
    client,
    now: () => clock.now,
    loadPolicy: async () => POLICY,
    needsCredentials: async () => false,
    withLock,
    fetch: globalThis.fetch,
    changed: () => undefined,
  });
  const waiting: number[] = [];
  const deps: ReviewDeps = {
    db,
    adapterFor: () => adapter,
    client,
    loadPolicy: async () => POLICY,
    accounts: async () => [{ helpdesk: 'zendesk', account: ACCOUNT }],
    now: () => clock.now,
    grant: credit.grant,
    undo: credit.undo,
    drain: () => undefined,
    changed: () => undefined,
    withLock,
    notesWaiting: () => waiting.push(clock.now),
  };
  return { deps, credit, waiting };
}

const notes = (helpdesk: Helpdesk, kind: string) =>
  (helpdesk.notes.get(KEY) ?? []).map(entryMarker).filter((m) => m?.kind === kind);

describe('review notes go through the outbox (issue 15: one write path)', () => {
  it('a decision whose write failed is retried from the outbox after a worker restart, and written once', async () => {
    const { clock, helpdesk, db } = setup();
    await putMe(db, ACCOUNT, BEN, NOW);
    const first = worker(helpdesk, clock, db, 'rate-limited');
    const result = await decide(first.deps, REQUEST, TICKET, 'approve', null);
    expect(result).toEqual({ ok: false, message: expect.stringContaining('not yet on the ticket') });
    expect(first.waiting).toHaveLength(1);
    expect(notes(helpdesk, 'approval-decision')).toHaveLength(0);
    // The worker stops; a new one starts on the same database once the backoff has passed.
    clock.now += 60_000;
    const restarted = worker(helpdesk, clock, db);
    expect(await drainNotes(restarted.deps)).toBeNull();
    expect(notes(helpdesk, 'approval-decision')).toEqual([
      expect.objectContaining({
        request: REQUEST,
        decision: 'approve',
        by: BEN.id,
        grant: await grantIdOf(REQUEST),
      }),
    ]);
    // Approving still granted through the credit service: one credit, naming the request.
    await restarted.credit.drain();
    expect(notes(helpdesk, 'credit')).toEqual([expect.objectContaining({ request: REQUEST, agent: BEN.id })]);
    expect(await drainNotes(restarted.deps)).toBeNull();
    expect(notes(helpdesk, 'approval-decision')).toHaveLength(1);
  });

  it('a decision retry whose note already landed (its answer was lost) writes nothing', async () => {
    const { clock, helpdesk, db } = setup();
    await putMe(db, ACCOUNT, BEN, NOW);
    const first = worker(helpdesk, clock, db, 'answer-lost');
    expect((await decide(first.deps, REQUEST, TICKET, 'decline', 'Not this time')).ok).toBe(false);
    expect(notes(helpdesk, 'approval-decision')).toHaveLength(1);
    const writes = helpdesk.requests.writes;
    clock.now += 60_000;
    expect(await drainNotes(worker(helpdesk, clock, db).deps)).toBeNull();
    expect(helpdesk.requests.writes).toBe(writes);
    expect(notes(helpdesk, 'approval-decision')).toHaveLength(1);
  });

  it('asking again for a decision waiting in the outbox writes it then, once, and grants nothing more', async () => {
    const { clock, helpdesk, db } = setup();
    await putMe(db, ACCOUNT, BEN, NOW);
    const first = worker(helpdesk, clock, db, 'rate-limited');
    expect((await decide(first.deps, REQUEST, TICKET, 'approve', null)).ok).toBe(false);
    const again = worker(helpdesk, clock, db);
    expect(await decide(again.deps, REQUEST, TICKET, 'decline', 'No')).toEqual({
      ok: false,
      message: expect.stringContaining('already approved'),
      reason: { why: 'approved', grantId: expect.any(String) },
    });
    expect(await decide(again.deps, REQUEST, TICKET, 'approve', null)).toEqual({ ok: true, message: null });
    expect(notes(helpdesk, 'approval-decision')).toHaveLength(1);
    expect(await db.grants.count()).toBe(1);
  });

  it('a worker killed mid-write: the retry waits until the write can no longer land, then finds it and writes nothing', async () => {
    const { clock, helpdesk, db } = setup();
    await putMe(db, ACCOUNT, BEN, NOW);
    void coach(worker(helpdesk, clock, db, 'hangs').deps, TICKET, GRANT, 'Check the order first.');
    await expect.poll(() => notes(helpdesk, 'coaching').length).toBe(1);
    const writes = helpdesk.requests.writes;
    clock.now += 10_000;
    const restarted = worker(helpdesk, clock, db);
    expect(await dueReviewNotes(db, clock.now)).toHaveLength(0);
    clock.now += IN_FLIGHT_GUARD_MS;
    expect(await drainNotes(restarted.deps)).toBeNull();
    expect(helpdesk.requests.writes).toBe(writes);
    expect(notes(helpdesk, 'coaching')).toHaveLength(1);
  });

  it('a coaching note whose write failed is written once after a restart; a second note on the same grant is not taken for it', async () => {
    const { clock, helpdesk, db } = setup();
    expect(await coach(worker(helpdesk, clock, db).deps, TICKET, GRANT, 'Check the order first.')).toEqual({
      ok: true,
      message: null,
    });
    const failing = worker(helpdesk, clock, db, 'rate-limited');
    expect((await coach(failing.deps, TICKET, GRANT, 'And ask for a photo.')).ok).toBe(false);
    clock.now += 60_000;
    expect(await drainNotes(worker(helpdesk, clock, db).deps)).toBeNull();
    const texts = (helpdesk.notes.get(KEY) ?? []).filter((e) => entryMarker(e)?.kind === 'coaching');
    expect(texts.map((e) => e.text.split('\n')[0])).toEqual([
      'Coaching note by Ben Boss: Check the order first.',
      'Coaching note by Ben Boss: And ask for a photo.',
    ]);
  });
});
