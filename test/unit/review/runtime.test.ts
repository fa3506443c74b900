import { beforeEach, describe, expect, it } from 'vitest';
import { readPolicy } from '@/lib/credit/policy';
import { type FrontlineDb, openDb } from '@/lib/db/schema';
import type { CommandResult, GrantCommand } from '@/lib/domain/command';
import type { Agent } from '@/lib/domain/model';
import { approvalRequestNoteText, creditNoteText } from '@/lib/domain/note-text';
import { HelpdeskError } from '@/lib/helpdesks/http';
import type { BackgroundToReview } from '@/lib/review/protocol';
import { createReviewRuntime, type ReviewPort } from '@/lib/review/runtime';
import { ACCOUNT, agent, fakeHelpdesk, ticketRef } from './fake-helpdesk';

/** Wednesday 2026-11-18 12:00 UTC: inside the week of 2026-11-16 (Berlin). */
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
const BEN = agent('20', 'Ben Boss', 'ben@acme.test');
const REQUEST = '11111111-1111-4111-8111-111111111111';

let count = 0;

const BROKEN = 'broken.zendesk.com';

function setup(
  options: { grant?: (cmd: GrantCommand, me: Agent) => CommandResult; accounts?: string[] } = {},
) {
  const db: FrontlineDb = openDb(`review-test-${count++}-${Math.random()}`);
  const helpdesk = fakeHelpdesk(() => NOW);
  const granted: { cmd: GrantCommand; me: Agent }[] = [];
  const runtime = createReviewRuntime({
    db,
    // The broken account's search answers garbage; its counts fail too.
    adapterFor: () => ({
      ...helpdesk.adapter,
      searchTickets: (client, account, query) =>
        account === BROKEN
          ? Promise.reject(
              new HelpdeskError('invalid', 'GET /api/v2/search', 'search: results[0].id expected a number'),
            )
          : helpdesk.adapter.searchTickets(client, account, query),
    }),
    client: () => async () => {
      throw new Error('the fake adapter makes no requests');
    },
    loadPolicy: async () => POLICY,
    accounts: async () =>
      (options.accounts ?? [ACCOUNT]).map((account) => ({ helpdesk: 'zendesk' as const, account })),
    now: () => NOW,
    grant: async (cmd, me) => {
      granted.push({ cmd, me });
      return options.grant?.(cmd, me) ?? { ok: true };
    },
    undo: async () => ({ ok: true }),
    drain: () => undefined,
    notesWaiting: () => undefined,
    changed: () => undefined,
    withLock: (_name, work) => work(),
  });
  const messages: BackgroundToReview[] = [];
  const port: ReviewPort = {
    postMessage: (m) => messages.push(m as BackgroundToReview),
  };
  const loaded = () =>
    messages.find((m) => m.type === 'loaded') as Extract<BackgroundToReview, { type: 'loaded' }>;
  return { db, helpdesk, runtime, port, messages, loaded, granted };
}

const credit = (id: string, who: Agent, amount: number) =>
  creditNoteText(
    { kind: 'credit', id, amount, currency: 'USD', agent: who.id, customer: '900', reason: 'Late delivery' },
    who.name,
  );

function seedRequest(helpdesk: ReturnType<typeof fakeHelpdesk>, ticket = ticketRef(7)) {
  helpdesk.note(
    ticket,
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
  helpdesk.tag(ticket, 'frontline_approval_requested');
}

describe('review runtime: load', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => {
    t = setup();
    t.helpdesk.agents.set(ADA.id, ADA).set(BEN.id, BEN);
    const grants: [number, Agent, number, string][] = [
      [1, ADA, 500, '2026-11-17T09:00:00Z'],
      [1, ADA, 1000, '2026-11-17T10:00:00Z'],
      [2, BEN, 2500, '2026-11-18T09:00:00Z'],
      // Last week: outside the period shown.
      [3, BEN, 700, '2026-11-13T09:00:00Z'],
    ];
    for (const [i, [ticket, who, amount, at]] of grants.entries()) {
      const ref = ticketRef(ticket);
      t.helpdesk.note(ref, credit(`33333333-3333-4333-8333-00000000000${i}`, who, amount), who.id, at);
      t.helpdesk.tag(ref, 'frontline_credit');
    }
    t.helpdesk.statuses.set('zendesk:acme.zendesk.com:2', 'solved');
    seedRequest(t.helpdesk);
  });

  it('rebuilds the period’s grants with names, streams progress, and lists pending requests', async () => {
    await t.runtime.load(t.port, 'policy');
    const loaded = t.loaded();
    expect(loaded.rows.map((r) => [r.agentName, r.amount, r.solved]).sort()).toEqual([
      ['Ada Agent', 1000, false],
      ['Ada Agent', 500, false],
      ['Ben Boss', 2500, true],
    ]);
    expect(loaded.queue.map((q) => [q.requestId, q.agentName, q.amount])).toEqual([
      [REQUEST, 'Ada Agent', 4000],
    ]);
    expect(t.messages.filter((m) => m.type === 'progress').at(-1)).toEqual({
      type: 'progress',
      loaded: 3,
      of: 3,
    });
    // Last week's grant is stored too (its ticket changed this week): every grant found is kept.
    expect(await t.db.grants.count()).toBe(4);
  });

  it('counts each agent’s solved cases, and those with a grant, through the helpdesk', async () => {
    t.helpdesk.assignees.set('zendesk:acme.zendesk.com:2', BEN.id).set('zendesk:acme.zendesk.com:8', BEN.id);
    t.helpdesk.statuses.set('zendesk:acme.zendesk.com:8', 'closed');
    t.helpdesk.tag(ticketRef(8), 'other');
    await t.runtime.load(t.port, 'policy');
    expect(t.loaded().counts).toEqual(
      expect.arrayContaining([
        { agentKey: `${ACCOUNT}:${BEN.id}`, solved: 2, withGrant: 1 },
        { agentKey: `${ACCOUNT}:${ADA.id}`, solved: 0, withGrant: 0 },
      ]),
    );
  });

  it('names customers the cache lacks, and caches them', async () => {
    await t.runtime.load(t.port, 'policy');
    expect(new Set(t.loaded().rows.map((r) => r.customerName))).toEqual(new Set(['Customer 900 name']));
    expect(t.helpdesk.requests.customers).toBe(1);
    t.messages.length = 0;
    await t.runtime.load(t.port, 'policy');
    expect(t.helpdesk.requests.customers).toBe(1);
  });

  it('a second load paints the cached period first, then reads only tickets that changed', async () => {
    await t.runtime.load(t.port, 'policy');
    const entriesBefore = t.helpdesk.requests.entries;
    t.helpdesk.note(
      ticketRef(2),
      credit('33333333-3333-4333-8333-000000000009', BEN, 300),
      BEN.id,
      '2026-11-18T12:30:00Z',
    );
    t.messages.length = 0;
    await t.runtime.load(t.port, 'policy');
    const loaded = t.messages.filter((m) => m.type === 'loaded');
    expect(loaded.map((m) => [m.partial, m.rows.length])).toEqual([
      [true, 3],
      [false, 4],
    ]);
    // Of the three tagged tickets only ticket 2 changed; the approval request's ticket is read for the queue.
    expect(t.helpdesk.requests.entries - entriesBefore).toBe(2);
    expect(loaded.at(-1)).toMatchObject({ tickets: 3, read: 1 });
  });

  it('an account whose helpdesk answers garbage is named with why; the others still load', async () => {
    const t = setup({ accounts: [BROKEN, ACCOUNT] });
    t.helpdesk.agents.set(ADA.id, ADA);
    t.helpdesk.note(ticketRef(1), credit('33333333-3333-4333-8333-000000000001', ADA, 500), ADA.id);
    t.helpdesk.tag(ticketRef(1), 'frontline_credit');
    await t.runtime.load(t.port, 'policy');
    const loaded = t.messages.filter((m) => m.type === 'loaded').at(-1)!;
    expect(loaded.type === 'loaded' && loaded.errors).toEqual([
      `${BROKEN}: search: results[0].id expected a number`,
    ]);
    expect(loaded.type === 'loaded' && loaded.rows.map((r) => r.amount)).toEqual([500]);
  });

  it('shows last week on request', async () => {
    await t.runtime.load(t.port, 'last-week');
    expect(t.loaded().rows.map((r) => r.amount)).toEqual([700]);
  });
});

describe('review runtime: decisions', () => {
  it('approves as the approver: a grant counted against them, then the decision note naming it', async () => {
    const t = setup();
    t.helpdesk.signIn(BEN);
    t.helpdesk.writer.id = BEN.id;
    seedRequest(t.helpdesk);
    await t.runtime.load(t.port, 'policy');
    expect(await t.runtime.decide(REQUEST, ticketRef(7), 'approve', null)).toEqual({
      ok: true,
      message: null,
    });
    expect(t.granted).toHaveLength(1);
    expect(t.granted[0]).toMatchObject({
      me: BEN,
      cmd: { amount: 4000, reason: 'Broken', ticket: ticketRef(7) },
    });
    const last = t.helpdesk.notes.get('zendesk:acme.zendesk.com:7')!.at(-1)!.text;
    expect(last).toContain('Ben Boss approved the credit of $40.00.');
    expect(last).toContain(`request=${REQUEST} decision=approve by=20 grant=${t.granted[0]!.cmd.grantId}]`);
    // Decided: a second click is the same outcome, and grants and writes nothing more.
    expect((await t.runtime.decide(REQUEST, ticketRef(7), 'approve', null)).ok).toBe(true);
    expect(t.granted).toHaveLength(1);
    expect(t.helpdesk.notes.get('zendesk:acme.zendesk.com:7')).toHaveLength(2);
  });

  it('writes no decision when the approver’s own limits refuse the grant, and reuses the grant id on a retry', async () => {
    let refuse = true;
    const t = setup({ grant: () => (refuse ? { ok: false, message: 'Over your limit' } : { ok: true }) });
    t.helpdesk.signIn(BEN);
    seedRequest(t.helpdesk);
    await t.runtime.load(t.port, 'policy');
    expect(await t.runtime.decide(REQUEST, ticketRef(7), 'approve', null)).toEqual({
      ok: false,
      message: 'Over your limit',
    });
    expect(t.helpdesk.notes.get('zendesk:acme.zendesk.com:7')).toHaveLength(1);
    refuse = false;
    await t.runtime.decide(REQUEST, ticketRef(7), 'approve', null);
    expect(t.granted[1]!.cmd.grantId).toBe(t.granted[0]!.cmd.grantId);
  });

  it('finds the request in the named ticket’s notes, never trusting the page (and works after a worker restart)', async () => {
    const t = setup();
    t.helpdesk.signIn(BEN);
    seedRequest(t.helpdesk);
    expect((await t.runtime.decide(REQUEST, ticketRef(8), 'approve', null)).ok).toBe(false);
    expect(t.granted).toHaveLength(0);
    // No load before: a restarted worker still decides from the helpdesk's notes.
    expect((await t.runtime.decide(REQUEST, ticketRef(7), 'approve', null)).ok).toBe(true);
  });

  it('declines with the reason in the note', async () => {
    const t = setup();
    t.helpdesk.signIn(BEN);
    seedRequest(t.helpdesk);
    await t.runtime.load(t.port, 'policy');
    await t.runtime.decide(REQUEST, ticketRef(7), 'decline', 'Not this time');
    expect(t.granted).toHaveLength(0);
    expect(t.helpdesk.notes.get('zendesk:acme.zendesk.com:7')!.at(-1)!.text).toMatch(
      /^Ben Boss declined the credit of \$40\.00\. Reason: Not this time\n\n\[frontline:approval-decision v1 request=\S+ decision=decline by=20\]$/,
    );
  });

  it('refuses someone the policy does not name an approver', async () => {
    const t = setup();
    t.helpdesk.signIn(ADA);
    seedRequest(t.helpdesk);
    await t.runtime.load(t.port, 'policy');
    expect((await t.runtime.decide(REQUEST, ticketRef(7), 'approve', null)).ok).toBe(false);
    expect(t.granted).toHaveLength(0);
    expect(t.helpdesk.notes.get('zendesk:acme.zendesk.com:7')).toHaveLength(1);
  });
});
