import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { NOT_CURRENT, NOT_OWNER } from '../../../lib/casework/actions/plan';
import {
  createCaseworkService,
  INVALID,
  NOT_LOADED,
  WRONG_ACCOUNT,
} from '../../../lib/casework/actions/service';
import { deriveEscalation } from '../../../lib/casework/escalation';
import { markersIn } from '../../../lib/casework/markers-in-entries';
import { deriveOwner } from '../../../lib/casework/owner';
import { policyDueHours } from '../../../lib/credit/runtime';
import type { FrontlineDb } from '../../../lib/db/schema';
import type { CaseworkCommand } from '../../../lib/domain/casework';
import { findMarker, formatMarker } from '../../../lib/domain/markers';
import type { Agent, AssignmentChange, Case } from '../../../lib/domain/model';
import type { TicketRef } from '../../../lib/domain/ticket-ref';
import { HelpdeskError } from '../../../lib/helpdesks/http';
import { depsFor, type FakeHelpdesk, fakeClock, fakeHelpdesk, freshDb, seedCache } from './actions-fakes';
import { ALICE, BILLING, BOB, caseOf, change, note, REQUESTER, refOf, TIER2, t } from './fixtures';

const START = Date.parse(t('13:00'));
const TICKET: TicketRef = refOf('zendesk');
const agent = (id: string, name: string): Agent => ({
  helpdesk: 'zendesk',
  account: TICKET.account,
  id,
  name,
  email: null,
});
const ALICE_AGENT = agent(ALICE, 'Alice Agent');
const BOB_AGENT = agent(BOB, 'Bob Backline');
const GROUPS = [
  { helpdesk: 'zendesk' as const, account: TICKET.account, id: TIER2, name: 'Tier 2' },
  { helpdesk: 'zendesk' as const, account: TICKET.account, id: BILLING, name: 'Billing escalations' },
];

let uuidCount = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++uuidCount).padStart(12, '0')}`;

interface World {
  db: FrontlineDb;
  helpdesk: FakeHelpdesk;
  clock: ReturnType<typeof fakeClock>;
  changed: TicketRef[];
  service: ReturnType<typeof createCaseworkService>;
  as: { id: string };
}

async function world(
  over: {
    case?: Case;
    trail?: AssignmentChange[];
    claimedBy?: string;
    dueHours?: number;
    dueHoursFrom?: () => Promise<number>;
  } = {},
): Promise<World> {
  const db = freshDb();
  const clock = fakeClock(START);
  const as = { id: ALICE };
  const helpdesk = fakeHelpdesk(clock.now, () => as.id);
  const entries =
    over.claimedBy === undefined
      ? []
      : [note('zendesk', t('09:00'), over.claimedBy, { kind: 'owner', agent: over.claimedBy })];
  const item = over.case ?? caseOf('zendesk', { assigneeId: ALICE });
  helpdesk.seed(TICKET, entries);
  await seedCache(
    db,
    {
      case: item,
      entries,
      agents: [ALICE_AGENT, BOB_AGENT],
      groups: GROUPS,
      ...(over.trail ? { trail: over.trail } : {}),
    },
    START,
  );
  const changed: TicketRef[] = [];
  const dueHours = over.dueHours;
  const deps = {
    ...depsFor(db, helpdesk, clock, changed),
    ...(dueHours ? { dueHours: () => dueHours } : {}),
    ...(over.dueHoursFrom ? { dueHours: over.dueHoursFrom } : {}),
  };
  return { db, helpdesk, clock, changed, service: createCaseworkService(deps), as };
}

/** The helpdesk's notes back into the cache, as the next sync would. */
async function resync(w: World, item: Case): Promise<void> {
  await seedCache(
    w.db,
    { case: item, entries: w.helpdesk.notesOn(TICKET), agents: [ALICE_AGENT, BOB_AGENT], groups: GROUPS },
    w.clock.now(),
  );
}

const markersOn = (w: World) => w.helpdesk.notesOn(TICKET).map((e) => findMarker(e.text, !e.public));

describe('claim', () => {
  it('writes one private note with the owner marker and the frontline_owner tag, once per op id', async () => {
    const w = await world();
    const claim: CaseworkCommand = { kind: 'claim', opId: uuid() };
    expect(await w.service.run(claim, TICKET, ALICE_AGENT)).toEqual({ ok: true });
    expect(await w.service.pending(TICKET)).toMatchObject([
      { opId: claim.opId, kind: 'claim', state: 'sending' },
    ]);
    // A double click, before and after the send.
    expect(await w.service.run(claim, TICKET, ALICE_AGENT)).toEqual({ ok: true });
    expect(await w.service.drain()).toBeNull();
    expect(await w.service.run(claim, TICKET, ALICE_AGENT)).toEqual({ ok: true });
    expect(await w.service.drain()).toBeNull();

    const notes = w.helpdesk.notesOn(TICKET);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.public).toBe(false);
    expect(notes[0]?.text).toBe(
      `Alice Agent owns this case.\n\n${formatMarker({ kind: 'owner', agent: ALICE })}`,
    );
    expect(w.helpdesk.tagsOn(TICKET)).toEqual(['frontline_owner']);
    expect(w.helpdesk.assignmentsOn(TICKET)).toEqual([]);
    expect(await w.service.pending(TICKET)).toEqual([]);
    expect(w.changed.length).toBeGreaterThanOrEqual(2);
  });

  it('two racing runs of the same click queue it once', async () => {
    const w = await world();
    const claim: CaseworkCommand = { kind: 'claim', opId: uuid() };
    await Promise.all([w.service.run(claim, TICKET, ALICE_AGENT), w.service.run(claim, TICKET, ALICE_AGENT)]);
    await Promise.all([w.service.drain(), w.service.drain()]);
    expect(w.helpdesk.notesOn(TICKET)).toHaveLength(1);
  });

  it('is a no-op when I already own the case by a recorded claim', async () => {
    const w = await world({ claimedBy: ALICE });
    expect(await w.service.run({ kind: 'claim', opId: uuid() }, TICKET, ALICE_AGENT)).toEqual({ ok: true });
    expect(await w.service.drain()).toBeNull();
    expect(w.helpdesk.calls).toEqual([]);
  });
});

describe('hand-off', () => {
  it('writes the owner marker with `from`, the rep’s note, and assigns the new owner', async () => {
    const w = await world({ claimedBy: ALICE });
    const cmd: CaseworkCommand = {
      kind: 'handoff',
      opId: uuid(),
      toAgentId: BOB,
      note: 'Bob knows the carrier.',
    };
    expect(await w.service.run(cmd, TICKET, ALICE_AGENT)).toEqual({ ok: true });
    await w.service.drain();
    const last = w.helpdesk.notesOn(TICKET).at(-1);
    expect(last?.text).toBe(
      `Alice Agent handed this case to Bob Backline.\n\nBob knows the carrier.\n\n${formatMarker({ kind: 'owner', agent: BOB, from: ALICE })}`,
    );
    expect(w.helpdesk.assignmentsOn(TICKET)).toEqual([{ assigneeId: BOB }]);
  });

  it('is refused to someone who does not own the case', async () => {
    const w = await world({ claimedBy: BOB });
    const cmd: CaseworkCommand = { kind: 'handoff', opId: uuid(), toAgentId: ALICE, note: '' };
    expect(await w.service.run(cmd, TICKET, ALICE_AGENT)).toEqual({ ok: false, message: NOT_OWNER });
    expect(await w.service.pending(TICKET)).toEqual([]);
  });
});

describe('escalate', () => {
  it('writes the edited summary with the escalation marker last, tags, and hands the ticket to the group', async () => {
    const w = await world({ claimedBy: ALICE, dueHours: 4 });
    const opId = uuid();
    const cmd: CaseworkCommand = {
      kind: 'escalate',
      opId,
      toGroupId: TIER2,
      summary: 'Wants: parcel.\nTried: carrier.',
    };
    expect(await w.service.run(cmd, TICKET, ALICE_AGENT)).toEqual({ ok: true });
    await w.service.drain();
    const marker = {
      kind: 'escalation' as const,
      id: opId,
      group: TIER2,
      by: ALICE,
      owner: ALICE,
      due: new Date(START + 4 * 3_600_000).toISOString(),
    };
    expect(w.helpdesk.notesOn(TICKET).at(-1)?.text).toBe(
      `Wants: parcel.\nTried: carrier.\n\n${formatMarker(marker)}`,
    );
    expect(w.helpdesk.tagsOn(TICKET)).toEqual(['frontline_escalated']);
    expect(w.helpdesk.assignmentsOn(TICKET)).toEqual([{ groupId: TIER2, assigneeId: null }]);

    // The owner stays the owner; the derivation reads the escalation back.
    const entries = w.helpdesk.notesOn(TICKET);
    const item = caseOf('zendesk', { assigneeId: null, groupId: TIER2 });
    const owner = deriveOwner({ case: item, entries, trail: [], requesterId: REQUESTER });
    expect(owner).toEqual({ ownerId: ALICE, source: 'marker' });
    const status = deriveEscalation({ case: item, entries, trail: [], ownerId: owner.ownerId, now: START });
    expect(status).toMatchObject({
      state: 'escalated',
      escalationId: opId,
      holderGroupId: TIER2,
      ownerId: ALICE,
    });
  });

  it('an unowned case names the escalating rep as the one to report back to; 24 h by default', async () => {
    const w = await world();
    const opId = uuid();
    await w.service.run(
      { kind: 'escalate', opId, toAgentId: BOB, summary: 'Please look' },
      TICKET,
      ALICE_AGENT,
    );
    await w.service.drain();
    expect(markersOn(w).at(-1)).toEqual({
      kind: 'escalation',
      id: opId,
      agent: BOB,
      by: ALICE,
      owner: ALICE,
      due: new Date(START + 24 * 3_600_000).toISOString(),
    });
    expect(w.helpdesk.assignmentsOn(TICKET)).toEqual([{ assigneeId: BOB }]);
  });
});

describe('the policy’s reportBackDueHours', () => {
  it('reaches the escalation’s due time through the background’s wiring (policyDueHours)', async () => {
    await fakeBrowser.storage.local.set({
      policy: {
        currency: 'USD',
        period: 'week',
        timeZone: 'UTC',
        tiers: [{ name: 'Standard', perGrant: 1, perCustomerPerPeriod: 1, perPeriod: 1 }],
        reasons: ['Goodwill'],
        reportBackDueHours: 48,
      },
    });
    const w = await world({ claimedBy: ALICE, dueHoursFrom: policyDueHours });
    const opId = uuid();
    await w.service.run({ kind: 'escalate', opId, toGroupId: TIER2, summary: 'Look' }, TICKET, ALICE_AGENT);
    await w.service.drain();
    expect(markersOn(w).at(-1)).toMatchObject({
      id: opId,
      due: new Date(START + 48 * 3_600_000).toISOString(),
    });
  });

  it('falls back to 24 h while no valid policy is set', async () => {
    expect(await policyDueHours()).toBe(24);
  });
});

describe('report back', () => {
  async function escalatedWorld(trail: AssignmentChange[] = []) {
    const w = await world({ claimedBy: ALICE, trail });
    const escalationId = uuid();
    await w.service.run(
      { kind: 'escalate', opId: escalationId, toGroupId: TIER2, summary: 'Look' },
      TICKET,
      ALICE_AGENT,
    );
    await w.service.drain();
    const held = caseOf('zendesk', { assigneeId: BOB, groupId: TIER2 });
    await resync(w, held);
    w.as.id = BOB;
    w.clock.advance(3_600_000);
    return { w, escalationId, held };
  }

  it('writes the report with its marker and, asked to, returns the ticket to the owner', async () => {
    const { w, escalationId, held } = await escalatedWorld();
    const cmd: CaseworkCommand = {
      kind: 'report-back',
      opId: uuid(),
      escalationId,
      text: 'Refund issued by billing.',
      returnToOwner: true,
    };
    expect(await w.service.run(cmd, TICKET, BOB_AGENT)).toEqual({ ok: true });
    await w.service.drain();
    const last = w.helpdesk.notesOn(TICKET).at(-1);
    expect(last?.text).toBe(
      `Bob Backline reported back to Alice Agent. The ticket goes back to Alice Agent.\n\nRefund issued by billing.\n\n${formatMarker({ kind: 'report-back', escalation: escalationId, by: BOB, returned: true })}`,
    );
    expect(w.helpdesk.assignmentsOn(TICKET).at(-1)).toEqual({ assigneeId: ALICE });
    // frontline_escalated stays: the case was escalated, the markers say it is settled.
    expect(w.helpdesk.tagsOn(TICKET)).toContain('frontline_escalated');
    const entries = w.helpdesk.notesOn(TICKET);
    const status = deriveEscalation({ case: held, entries, trail: [], ownerId: ALICE, now: w.clock.now() });
    expect(status.state).toBe('returned');
  });

  it('returns the group the escalation moved the case out of, when the trail tells', async () => {
    const trail = [change(t('13:00'), 'group', '9000', TIER2), change(t('13:00'), 'assignee', ALICE, null)];
    const { w, escalationId } = await escalatedWorld(trail);
    await seedCache(
      w.db,
      {
        case: caseOf('zendesk', { assigneeId: BOB, groupId: TIER2 }),
        entries: w.helpdesk.notesOn(TICKET),
        trail,
        agents: [ALICE_AGENT, BOB_AGENT],
        groups: GROUPS,
      },
      w.clock.now(),
    );
    const cmd: CaseworkCommand = {
      kind: 'report-back',
      opId: uuid(),
      escalationId,
      text: 'Done',
      returnToOwner: true,
    };
    expect(await w.service.run(cmd, TICKET, BOB_AGENT)).toEqual({ ok: true });
    await w.service.drain();
    expect(w.helpdesk.assignmentsOn(TICKET).at(-1)).toEqual({ assigneeId: ALICE, groupId: '9000' });
  });

  it('without returning, reports back and leaves the assignment alone; a stale escalation id is refused', async () => {
    const { w, escalationId, held } = await escalatedWorld();
    const before = w.helpdesk.assignmentsOn(TICKET).length;
    const stale: CaseworkCommand = {
      kind: 'report-back',
      opId: uuid(),
      escalationId: uuid(),
      text: 'x',
      returnToOwner: false,
    };
    expect(await w.service.run(stale, TICKET, BOB_AGENT)).toEqual({ ok: false, message: NOT_CURRENT });
    const cmd: CaseworkCommand = {
      kind: 'report-back',
      opId: uuid(),
      escalationId,
      text: 'Half done',
      returnToOwner: false,
    };
    await w.service.run(cmd, TICKET, BOB_AGENT);
    await w.service.drain();
    expect(w.helpdesk.assignmentsOn(TICKET)).toHaveLength(before);
    const entries = w.helpdesk.notesOn(TICKET);
    expect(
      deriveEscalation({ case: held, entries, trail: [], ownerId: ALICE, now: w.clock.now() }).state,
    ).toBe('reported-back');
  });
});

describe('route to owner', () => {
  it('assigns this ticket to the owner of the customer’s other open case and records it', async () => {
    const w = await world({ case: caseOf('zendesk', { assigneeId: null }) });
    const other = caseOf('zendesk', { ref: { ...TICKET, id: '123' }, assigneeId: BOB, subject: 'Earlier' });
    await seedCache(w.db, { case: other, entries: [], agents: [], groups: [] }, START);
    const cmd: CaseworkCommand = { kind: 'route-to-owner', opId: uuid(), ownerId: BOB };
    expect(await w.service.run(cmd, TICKET, ALICE_AGENT)).toEqual({ ok: true });
    await w.service.drain();
    expect(w.helpdesk.notesOn(TICKET).at(-1)?.text).toBe(
      `Bob Backline owns this case.\n\nSame customer as #123, which Bob Backline owns.\n\n${formatMarker({ kind: 'owner', agent: BOB })}`,
    );
    expect(w.helpdesk.assignmentsOn(TICKET)).toEqual([{ assigneeId: BOB }]);
    expect(w.helpdesk.tagsOn(TICKET)).toEqual(['frontline_owner']);
  });
});

describe('failures and restarts', () => {
  const claim = (): CaseworkCommand => ({ kind: 'claim', opId: uuid() });
  const server500 = () => new HelpdeskError('server', 'PUT /api/v2/tickets/:id', 'Internal error', 500);

  it('retries a transient failure with backoff, and says so meanwhile', async () => {
    const w = await world();
    w.helpdesk.failNext('addPrivateNote', server500());
    const cmd = claim();
    await w.service.run(cmd, TICKET, ALICE_AGENT);
    const next = await w.service.drain();
    expect(next).toBe(START + 2_000);
    expect(await w.service.pending(TICKET)).toMatchObject([
      { opId: cmd.opId, state: 'retrying', error: 'The helpdesk had an error (500); trying again shortly.' },
    ]);
    expect(await w.service.drain()).toBe(START + 2_000);
    expect(w.helpdesk.notesOn(TICKET)).toHaveLength(0);
    w.clock.advance(2_000);
    expect(await w.service.drain()).toBeNull();
    expect(w.helpdesk.notesOn(TICKET)).toHaveLength(1);
    expect(await w.service.pending(TICKET)).toEqual([]);
  });

  it('a lost answer after the note landed never writes it twice', async () => {
    const w = await world();
    w.helpdesk.failNext('addPrivateNote', 'lost-answer');
    await w.service.run(
      { kind: 'escalate', opId: uuid(), toGroupId: TIER2, summary: 'Look' },
      TICKET,
      ALICE_AGENT,
    );
    await w.service.drain();
    w.clock.advance(60_000);
    await w.service.drain();
    expect(w.helpdesk.notesOn(TICKET)).toHaveLength(1);
    expect(w.helpdesk.calls).toEqual(['addPrivateNote', 'entries', 'addTag', 'assign']);
  });

  it('a worker killed after sending the note resumes without sending it again', async () => {
    const w = await world();
    const cmd = claim();
    await w.service.run(cmd, TICKET, ALICE_AGENT);
    const row = await w.db.outbox.get(cmd.opId);
    if (!row) throw new Error('not queued');
    // The state a killed worker leaves: tried, sent, not acknowledged.
    const payload = row.payload as { progress: object; note: string };
    await w.db.outbox.update(cmd.opId, {
      payload: { ...payload, progress: { noteTried: true, noteDone: false, tagsDone: false } },
    });
    w.helpdesk.seed(TICKET, [
      note('zendesk', t('13:00'), ALICE, { kind: 'owner', agent: ALICE }, 'Alice Agent owns this case.'),
    ]);
    const restarted = createCaseworkService(depsFor(w.db, w.helpdesk, w.clock));
    expect(await restarted.drain()).toBeNull();
    expect(w.helpdesk.notesOn(TICKET)).toHaveLength(1);
    expect(w.helpdesk.tagsOn(TICKET)).toEqual(['frontline_owner']);
  });

  it('a permanent refusal fails with the reason, until a later success makes it moot', async () => {
    const w = await world();
    w.helpdesk.failNext(
      'addPrivateNote',
      new HelpdeskError('forbidden', 'PUT /api/v2/tickets/:id', 'No access', 403),
    );
    const first = claim();
    await w.service.run(first, TICKET, ALICE_AGENT);
    expect(await w.service.drain()).toBeNull();
    expect(await w.service.pending(TICKET)).toEqual([
      {
        opId: first.opId,
        kind: 'claim',
        state: 'failed',
        error: 'The helpdesk refused it (403): No access',
        at: START,
      },
    ]);
    // The same click again stays failed rather than writing: it was decided.
    expect(await w.service.run(first, TICKET, ALICE_AGENT)).toEqual({ ok: true });
    expect(await w.db.outbox.count()).toBe(0);
    w.clock.advance(1_000);
    await w.service.run(claim(), TICKET, ALICE_AGENT);
    await w.service.drain();
    expect(await w.service.pending(TICKET)).toEqual([]);
  });

  it('a refused reassignment after the note says the note was written', async () => {
    const w = await world({ claimedBy: ALICE });
    w.helpdesk.failNext(
      'assign',
      new HelpdeskError('invalid', 'PUT /api/v2/tickets/:id', 'Assignee is invalid', 422),
    );
    await w.service.run({ kind: 'handoff', opId: uuid(), toAgentId: BOB, note: '' }, TICKET, ALICE_AGENT);
    await w.service.drain();
    const [failed] = await w.service.pending(TICKET);
    expect(failed?.state).toBe('failed');
    expect(failed?.error).toBe(
      'The note was written, but the rest was not: The helpdesk refused it (422): Assignee is invalid',
    );
  });
});

describe('run refuses what it cannot do', () => {
  it.each([
    ['a malformed command', { kind: 'claim', opId: 'not-a-uuid' }, ALICE_AGENT, TICKET, INVALID],
    [
      'an escalation to nobody',
      { kind: 'escalate', opId: uuid(), summary: 'x' },
      ALICE_AGENT,
      TICKET,
      INVALID,
    ],
    [
      'another account',
      { kind: 'claim', opId: uuid() },
      { ...ALICE_AGENT, account: 'other.zendesk.com' },
      TICKET,
      WRONG_ACCOUNT,
    ],
    [
      'a ticket not cached yet',
      { kind: 'claim', opId: uuid() },
      ALICE_AGENT,
      { ...TICKET, id: '77' },
      NOT_LOADED,
    ],
  ])('%s', async (_name, cmd, me, ticket, message) => {
    const w = await world();
    expect(await w.service.run(cmd, ticket, me)).toEqual({ ok: false, message });
    expect(await w.db.outbox.count()).toBe(0);
  });
});

describe('view', () => {
  it('builds the casework view from the cache, with what is in flight', async () => {
    const w = await world({ claimedBy: ALICE });
    const cmd: CaseworkCommand = { kind: 'escalate', opId: uuid(), toGroupId: BILLING, summary: 'x' };
    await w.service.run(cmd, TICKET, ALICE_AGENT);
    const view = await w.service.view(TICKET, ALICE_AGENT, []);
    expect(view).toMatchObject({
      meId: ALICE,
      isOwner: true,
      canEscalate: false,
      pending: [{ opId: cmd.opId }],
    });
    expect(view?.escalationGroups.map((g) => g.name)).toEqual(['Billing escalations', 'Tier 2']);
    expect(await w.service.view({ ...TICKET, id: '77' }, ALICE_AGENT, [])).toBeNull();
    expect(markersIn(w.helpdesk.notesOn(TICKET), null)).toHaveLength(1);
  });
});
