import { describe, expect, it } from 'vitest';
import { readPolicy } from '@/lib/credit/policy';
import { createCreditService } from '@/lib/credit/service';
import { getAccount, putMe } from '@/lib/db/queries';
import { type FrontlineDb, openDb } from '@/lib/db/schema';
import { entryMarker } from '@/lib/domain/markers';
import type { Agent, Entry } from '@/lib/domain/model';
import { approvalRequestNoteText } from '@/lib/domain/note-text';
import type { PolicyResult } from '@/lib/domain/policy';
import { grantIdOf } from '@/lib/review/grant-of-request';
import { createReviewRuntime } from '@/lib/review/runtime';
import { fakeLocks } from '../credit/fakes';
import { ACCOUNT, agent, fakeHelpdesk, ticketRef } from './fake-helpdesk';

const NOW = Date.parse('2026-11-18T12:00:00Z');
const UNDO_MS = 5_000;
/** Ada asks; Ben and Cleo approve, with a Manager tier that covers the request. */
const POLICY_INPUT = {
  currency: 'USD',
  period: 'week',
  timeZone: 'Europe/Berlin',
  tiers: [
    { name: 'Standard', perGrant: 2500, perCustomerPerPeriod: 5000, perPeriod: 10000 },
    { name: 'Manager', perGrant: 10000, perCustomerPerPeriod: 50000, perPeriod: 500000 },
  ],
  agents: [
    { agent: 'ben@acme.test', tier: 'Manager' },
    { agent: 'cleo@acme.test', tier: 'Manager' },
  ],
  defaultTier: 'Standard',
  reasons: ['Late delivery'],
  approvers: ['ben@acme.test', 'cleo@acme.test'],
  undoSeconds: UNDO_MS / 1000,
};
const POLICY = readPolicy(undefined, POLICY_INPUT);
const ADA = agent('10', 'Ada Agent', 'ada@acme.test');
const BEN = agent('20', 'Ben Boss', 'ben@acme.test');
const CLEO = agent('30', 'Cleo Chief', 'cleo@acme.test');
const REQUEST = '11111111-1111-4111-8111-111111111111';
const TICKET = ticketRef(7);

type Helpdesk = ReturnType<typeof fakeHelpdesk>;
let count = 0;
const freshDb = () => openDb(`decisions-test-${count++}-${Math.random()}`);

/**
 * One browser profile's review worker over the shared helpdesk: a real credit
 * service (reservation, outbox, commit) on its own database. `dropDecision`
 * loses the next decision note, as a worker killed right after the grant would.
 */
async function browser(
  helpdesk: Helpdesk,
  clock: { now: number },
  options: {
    db?: FrontlineDb;
    locks?: ReturnType<typeof fakeLocks>;
    dropDecision?: boolean;
    /** The approver this browser remembers from a ticket tab; none when only the dashboard was open. */
    remembered?: Agent;
    /** Credit gateway mode: the policy names it, and decisions go to it through this fetch. */
    gateway?: typeof fetch;
    /** The policy in force, for the review and the credit service alike. */
    policy?: PolicyResult;
    /** The manager's credential for the gateway; null: none held. */
    authorization?: string | null;
  } = {},
) {
  const db = options.db ?? freshDb();
  const policy = options.policy ?? POLICY;
  if (options.remembered !== undefined) await putMe(db, ACCOUNT, options.remembered, NOW);
  const withLock = options.locks ?? fakeLocks();
  let drop = options.dropDecision ?? false;
  const adapter = {
    ...helpdesk.adapter,
    addPrivateNote: async (...args: Parameters<Helpdesk['adapter']['addPrivateNote']>) => {
      if (drop && args[2].includes('[frontline:approval-decision ')) {
        drop = false;
        throw new Error('the worker stopped');
      }
      // The helpdesk names whoever is signed in as the note's author, as the trust rule checks.
      const author = await helpdesk.adapter.me(args[0], ACCOUNT);
      helpdesk.writer.id = author.id;
      return helpdesk.adapter.addPrivateNote(...args);
    },
  };
  const client = () => async () => {
    throw new Error('the fake adapter makes no requests');
  };
  const credit = createCreditService({
    db,
    adapterFor: () => adapter,
    client,
    now: () => clock.now,
    loadPolicy: async () => policy,
    needsCredentials: async () => false,
    withLock,
    fetch: globalThis.fetch,
    changed: () => undefined,
  });
  const gatewayPolicy = { ...policy, gateway: { url: 'https://credits.acme.test', fetchedAt: NOW } };
  const review = createReviewRuntime({
    db,
    adapterFor: () => adapter,
    client,
    loadPolicy: async () => (options.gateway ? gatewayPolicy : policy),
    ...(options.gateway
      ? {
          gateway: {
            fetch: options.gateway,
            authorization: async () =>
              options.authorization === undefined ? 'Bearer ben-token' : options.authorization,
          },
        }
      : {}),
    accounts: async () => [{ helpdesk: 'zendesk', account: ACCOUNT }],
    now: () => clock.now,
    grant: credit.grant,
    undo: credit.undo,
    drain: () => undefined,
    notesWaiting: () => undefined,
    changed: () => undefined,
    withLock,
  });
  return { db, credit, review };
}

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
  for (const a of [ADA, BEN, CLEO]) helpdesk.agents.set(a.id, a);
  helpdesk.signIn(BEN);
  return { clock, helpdesk };
}

const markers = (entries: Entry[] | undefined) => (entries ?? []).map(entryMarker);
const creditNotes = (helpdesk: Helpdesk) =>
  markers(helpdesk.notes.get('zendesk:acme.zendesk.com:7')).filter((m) => m?.kind === 'credit');
const decisionNotes = (helpdesk: Helpdesk) =>
  markers(helpdesk.notes.get('zendesk:acme.zendesk.com:7')).filter((m) => m?.kind === 'approval-decision');

/** The undo window passes and each browser works its outbox. */
async function commitAll(clock: { now: number }, ...browsers: { credit: { drain(): Promise<unknown> } }[]) {
  clock.now += UNDO_MS + 1;
  for (const b of browsers) await b.credit.drain();
}

describe('one decision per request (finding 4)', () => {
  it('two review tabs approving one request at once make one grant, whose credit names the request', async () => {
    const { clock, helpdesk } = setup();
    const db = freshDb();
    const locks = fakeLocks();
    const one = await browser(helpdesk, clock, { db, locks, remembered: BEN });
    const two = await browser(helpdesk, clock, { db, locks, remembered: BEN });
    const results = await Promise.all([
      one.review.decide(REQUEST, TICKET, 'approve', null),
      two.review.decide(REQUEST, TICKET, 'approve', null),
    ]);
    expect(results).toEqual([
      { ok: true, message: null },
      { ok: true, message: null },
    ]);
    expect(await db.grants.count()).toBe(1);
    await commitAll(clock, one, two);
    expect(creditNotes(helpdesk)).toEqual([
      expect.objectContaining({
        id: await grantIdOf(REQUEST),
        request: REQUEST,
        agent: BEN.id,
        amount: 4000,
      }),
    ]);
    expect(decisionNotes(helpdesk)).toHaveLength(1);
  });

  it('two approvers in two browsers (no shared database or lock) approving at once make one credit', async () => {
    const { clock, helpdesk } = setup();
    const ben = await browser(helpdesk, clock, { remembered: BEN });
    const cleoHelpdesk = { ...helpdesk, adapter: { ...helpdesk.adapter, me: async () => CLEO } };
    const cleo = await browser(cleoHelpdesk, clock, { remembered: CLEO });
    await Promise.all([
      ben.review.decide(REQUEST, TICKET, 'approve', null),
      cleo.review.decide(REQUEST, TICKET, 'approve', null),
    ]);
    await commitAll(clock, ben, cleo);
    expect(creditNotes(helpdesk)).toEqual([expect.objectContaining({ id: await grantIdOf(REQUEST) })]);
  });

  it('a second approval later returns the same outcome without a second grant; a decline after it is refused', async () => {
    const { clock, helpdesk } = setup();
    const one = await browser(helpdesk, clock, { remembered: BEN });
    expect(await one.review.decide(REQUEST, TICKET, 'approve', null)).toEqual({ ok: true, message: null });
    await commitAll(clock, one);
    // Another browser, which never saw this grant: the ticket's notes say it is decided.
    const other = await browser(helpdesk, clock, { remembered: BEN });
    expect(await other.review.decide(REQUEST, TICKET, 'approve', null)).toEqual({ ok: true, message: null });
    expect(await other.db.grants.count()).toBe(0);
    expect(await other.review.decide(REQUEST, TICKET, 'decline', 'No')).toEqual({
      ok: false,
      message: `This request was already approved: credit ${await grantIdOf(REQUEST)} was granted.`,
      reason: { why: 'approved', grantId: await grantIdOf(REQUEST) },
    });
    await commitAll(clock, one, other);
    expect(creditNotes(helpdesk)).toHaveLength(1);
    expect(decisionNotes(helpdesk)).toHaveLength(1);
  });

  it('a worker killed between the grant and the decision: the retry writes the decision and grants nothing more, and a decline is refused', async () => {
    const { clock, helpdesk } = setup();
    const db = freshDb();
    const dying = await browser(helpdesk, clock, { db, dropDecision: true, remembered: BEN });
    expect((await dying.review.decide(REQUEST, TICKET, 'approve', null)).ok).toBe(false);
    // Within the undo window, before the credit is on the ticket: this browser's reservation refuses a decline.
    const restarted = await browser(helpdesk, clock, { db, remembered: BEN });
    expect((await restarted.review.decide(REQUEST, TICKET, 'decline', 'No')).ok).toBe(false);
    await commitAll(clock, restarted);
    expect(decisionNotes(helpdesk)).toHaveLength(0);
    // A new worker in another browser finds the credit by its request and writes the missing decision.
    const retry = await browser(helpdesk, clock, { remembered: BEN });
    expect(await retry.review.decide(REQUEST, TICKET, 'decline', 'No')).toEqual({
      ok: false,
      message: expect.stringContaining('already approved'),
      reason: { why: 'approved', grantId: await grantIdOf(REQUEST) },
    });
    expect(await retry.review.decide(REQUEST, TICKET, 'approve', null)).toEqual({ ok: true, message: null });
    expect(await retry.db.grants.count()).toBe(0);
    await commitAll(clock, restarted, retry);
    const grantId = await grantIdOf(REQUEST);
    expect(creditNotes(helpdesk)).toEqual([expect.objectContaining({ id: grantId, request: REQUEST })]);
    expect(decisionNotes(helpdesk)).toEqual([
      expect.objectContaining({ decision: 'approve', grant: grantId, by: BEN.id }),
    ]);
  });

  it('an approver approving their own request is refused with a clear message', async () => {
    const { clock, helpdesk } = setup();
    const adaApproves = { ...ADA, email: 'ben@acme.test' };
    helpdesk.signIn(adaApproves);
    const one = await browser(helpdesk, clock, { remembered: adaApproves });
    expect(await one.review.decide(REQUEST, TICKET, 'approve', null)).toEqual({
      ok: false,
      message: 'You asked for this credit yourself: another approver must decide it.',
      reason: { why: 'own-request' },
    });
    expect(await one.db.grants.count()).toBe(0);
    expect(decisionNotes(helpdesk)).toHaveLength(0);
  });
});

describe('approvers decide from any helpdesk tab (finding 8)', () => {
  it('with no identity stored (only the dashboard open), the approver is asked of the helpdesk and stored', async () => {
    const { clock, helpdesk } = setup();
    const one = await browser(helpdesk, clock);
    expect(await getAccount(one.db, ACCOUNT)).toBeUndefined();
    expect(await one.review.decide(REQUEST, TICKET, 'approve', null)).toEqual({ ok: true, message: null });
    expect((await getAccount(one.db, ACCOUNT))?.me?.id).toBe(BEN.id);
  });

  it('the helpdesk’s answer wins over a stored approver: signed out, nothing is written and the identity is forgotten', async () => {
    const { clock, helpdesk } = setup();
    const one = await browser(helpdesk, clock);
    await putMe(one.db, ACCOUNT, BEN, NOW);
    helpdesk.signIn(null);
    expect((await one.review.decide(REQUEST, TICKET, 'approve', null)).ok).toBe(false);
    expect(await one.db.grants.count()).toBe(0);
    expect((await getAccount(one.db, ACCOUNT))?.me).toBeNull();
  });
});

describe('decisions in credit gateway mode', () => {
  const gatewayAnswering = (status: number, body: unknown) => {
    const asked: { url: string; authorization: string | null; body: string }[] = [];
    const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
      asked.push({
        url: String(input),
        authorization: new Headers(init?.headers).get('authorization'),
        body: String(init?.body),
      });
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    return { fetchFn, asked };
  };

  it('a decision the gateway refuses is not granted nor noted, and says why', async () => {
    const { clock, helpdesk } = setup();
    const gateway = gatewayAnswering(409, {
      error: 'already-decided',
      message: 'This request was already decided (decline) by agent 30.',
    });
    const ben = await browser(helpdesk, clock, { remembered: BEN, gateway: gateway.fetchFn });
    expect(await ben.review.decide(REQUEST, TICKET, 'approve', null)).toEqual({
      ok: false,
      message: 'The credit gateway answered 409: This request was already decided (decline) by agent 30.',
      reason: {
        why: 'gateway-refused',
        status: 409,
        code: 'already-decided',
        detail: 'This request was already decided (decline) by agent 30.',
      },
    });
    expect(gateway.asked).toEqual([
      {
        url: `https://credits.acme.test/v1/accounts/${ACCOUNT}/approvals/${REQUEST}/decision`,
        authorization: 'Bearer ben-token',
        body: '{"decision":"approve"}',
      },
    ]);
    expect(await ben.db.grants.count()).toBe(0);
    expect(decisionNotes(helpdesk)).toHaveLength(0);
  });

  it('an approval the gateway holds is then granted and noted as without one', async () => {
    const { clock, helpdesk } = setup();
    const gateway = gatewayAnswering(200, {
      requestId: REQUEST,
      ticket: TICKET.id,
      agentId: ADA.id,
      customerId: '900',
      amount: 4000,
      currency: 'USD',
      reason: 'Broken',
      requestedAt: '2026-11-18T11:00:00.000Z',
      decision: 'approve',
      decidedBy: BEN.id,
      decidedAt: '2026-11-18T12:00:00.000Z',
    });
    const ben = await browser(helpdesk, clock, { remembered: BEN, gateway: gateway.fetchFn });
    expect(await ben.review.decide(REQUEST, TICKET, 'approve', null)).toEqual({ ok: true, message: null });
    expect(gateway.asked).toHaveLength(1);
    await commitAll(clock, ben);
    expect(creditNotes(helpdesk)).toEqual([expect.objectContaining({ request: REQUEST, agent: BEN.id })]);
    expect(decisionNotes(helpdesk)).toHaveLength(1);
  });
});

describe('a refused decision names its reason, for the page to word (review i18n)', () => {
  const OTHER_REQUEST = '44444444-4444-4444-8444-444444444444';

  it('someone who is not an approver', async () => {
    const { clock, helpdesk } = setup();
    helpdesk.signIn(ADA);
    const ada = await browser(helpdesk, clock, { remembered: ADA });
    expect(await ada.review.decide(REQUEST, TICKET, 'approve', null)).toEqual({
      ok: false,
      message: 'Only the policy’s approvers can decide requests.',
      reason: { why: 'not-approver' },
    });
  });

  it('a request no longer on its ticket', async () => {
    const { clock, helpdesk } = setup();
    const ben = await browser(helpdesk, clock, { remembered: BEN });
    expect(await ben.review.decide(OTHER_REQUEST, TICKET, 'approve', null)).toEqual({
      ok: false,
      message: 'This request is no longer found on its ticket.',
      reason: { why: 'request-gone' },
    });
  });

  it('an approval after a decline', async () => {
    const { clock, helpdesk } = setup();
    const ben = await browser(helpdesk, clock, { remembered: BEN });
    expect(await ben.review.decide(REQUEST, TICKET, 'decline', 'No')).toEqual({ ok: true, message: null });
    expect(await ben.review.decide(REQUEST, TICKET, 'approve', null)).toEqual({
      ok: false,
      message: 'This request was already declined.',
      reason: { why: 'declined' },
    });
  });

  it('an approver the helpdesk says is signed out', async () => {
    const { clock, helpdesk } = setup();
    const ben = await browser(helpdesk, clock, { remembered: BEN });
    helpdesk.signIn(null);
    expect(await ben.review.decide(REQUEST, TICKET, 'approve', null)).toEqual({
      ok: false,
      message: expect.stringContaining('signed out'),
      reason: { why: 'signed-out' },
    });
  });

  it('credits off by the policy, for a decision and a coaching note', async () => {
    const { clock, helpdesk } = setup();
    const none = readPolicy(undefined, undefined);
    const ben = await browser(helpdesk, clock, { remembered: BEN, policy: none });
    const off = {
      ok: false,
      message: 'error' in none ? none.error : '',
      reason: { why: 'credit-off', off: { why: 'no-policy' } },
    };
    expect(await ben.review.decide(REQUEST, TICKET, 'approve', null)).toEqual(off);
    expect(await ben.review.coach(TICKET, OTHER_REQUEST, 'Well handled')).toEqual(off);
  });

  it('the approver’s own limit refusing the grant', async () => {
    const { clock, helpdesk } = setup();
    // Ben approves, but on the Standard tier: the request's $40 is over its $25 a grant.
    const standard = readPolicy(undefined, { ...POLICY_INPUT, agents: [] });
    const ben = await browser(helpdesk, clock, { remembered: BEN, policy: standard });
    const result = await ben.review.decide(REQUEST, TICKET, 'approve', null);
    expect(result).toEqual({
      ok: false,
      message: expect.any(String),
      reason: { why: 'limit', refusal: { limit: 'per-grant', room: 2500, currency: 'USD', period: 'week' } },
    });
  });

  it('a gateway this build cannot call, and one it holds no credential for', async () => {
    const { clock, helpdesk } = setup();
    const named = { ...POLICY, gateway: { url: 'https://credits.acme.test', fetchedAt: NOW } };
    const noFetch = await browser(helpdesk, clock, { remembered: BEN, policy: named });
    expect(await noFetch.review.decide(REQUEST, TICKET, 'approve', null)).toEqual({
      ok: false,
      message: 'The credit gateway is configured, but this build cannot call it.',
      reason: { why: 'no-gateway' },
    });
    const noKey = await browser(helpdesk, clock, {
      remembered: BEN,
      gateway: (async () => Response.json({})) as unknown as typeof fetch,
      authorization: null,
    });
    expect(await noKey.review.decide(REQUEST, TICKET, 'approve', null)).toEqual({
      ok: false,
      message: expect.stringContaining('save its API key'),
      reason: { why: 'no-credential', account: ACCOUNT },
    });
  });

  const gatewayFetch = (answer: () => Promise<Response>) => (async () => answer()) as typeof fetch;

  it('the gateway unreachable, answering something unreadable, or with a code this build does not know', async () => {
    const cases: [() => Promise<Response>, unknown][] = [
      [() => Promise.reject(new TypeError('offline')), { why: 'gateway-unreachable' }],
      [async () => Response.json({ not: 'an approval' }), { why: 'gateway-unreadable' }],
      [
        async () => Response.json({ error: 'something-new', message: 'A newer refusal.' }, { status: 418 }),
        { why: 'gateway-refused', status: 418, code: null, detail: 'A newer refusal.' },
      ],
      [
        async () => new Response('', { status: 502 }),
        { why: 'gateway-refused', status: 502, code: null, detail: '' },
      ],
    ];
    for (const [answer, reason] of cases) {
      const { clock, helpdesk } = setup();
      const ben = await browser(helpdesk, clock, { remembered: BEN, gateway: gatewayFetch(answer) });
      expect(await ben.review.decide(REQUEST, TICKET, 'approve', null)).toEqual({
        ok: false,
        message: expect.stringContaining('credit gateway'),
        reason,
      });
    }
  });
});
