import { createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { NO_TIER } from '../../../lib/credit/gate';
import { GRANT_KIND } from '../../../lib/credit/outbox';
import { createCreditService } from '../../../lib/credit/service';
import { putGrant } from '../../../lib/db/grant-queries';
import { putEntries } from '../../../lib/db/queries';
import { decodeIndex } from '../../../lib/domain/grant-index';
import { findMarker, formatMarker, parseMarker } from '../../../lib/domain/markers';
import type { Entry } from '../../../lib/domain/model';
import { HelpdeskError } from '../../../lib/helpdesks/http';
import { statusError } from '../../../lib/helpdesks/parse';
import { IN_FLIGHT_GUARD_MS } from '../../../lib/transport/in-flight';
import { ADA, CUSTOMER, fakeLocks, harness, START, TEST_POLICY, TICKET, uuid } from './fakes';

const grantCmd = (n: number, amount = 1000, ticket = TICKET) => ({
  grantId: uuid(n),
  ticket,
  amount,
  reason: 'late delivery',
});

const setup = (options: Parameters<typeof harness>[0] = {}) => {
  const h = harness(options);
  return { ...h, service: createCreditService(h.deps) };
};

/** Grants, then lets the undo window pass and works the outbox. */
async function grantAndCommit(s: ReturnType<typeof setup>, n: number, amount = 1000) {
  expect(await s.service.grant(grantCmd(n, amount), ADA, CUSTOMER)).toEqual({ ok: true });
  s.clock.now += 5_000;
  return s.service.drain();
}

const TIGHT = {
  ...TEST_POLICY,
  tiers: [{ name: 'tight', perGrant: 1000, perCustomerPerPeriod: 1000, perPeriod: 1000 }],
  agents: [],
  defaultTier: 'tight',
};

const network = () => new HelpdeskError('network', 'PUT /api/v2/tickets/:id', 'offline');

describe('fail closed', () => {
  it.each([
    ['no policy', undefined, /no credit policy is set/],
    ['an invalid policy', { ...TEST_POLICY, currency: 'XXX1' }, /policy in Frontline’s options is invalid/],
    ['no tier for this agent', { ...TEST_POLICY, defaultTier: undefined }, new RegExp(NO_TIER.slice(0, 30))],
  ])('%s: no policy in the view, a reason, and grant refuses', async (_name, policy, reason) => {
    const s = setup({ policy });
    const view = await s.service.view(TICKET, ADA, CUSTOMER);
    expect(view.policy).toBeNull();
    expect(view.authority).toBeNull();
    expect(view.disabledReason).toMatch(reason);
    const result = await s.service.grant(grantCmd(1), ADA, CUSTOMER);
    expect(result).toEqual({ ok: false, message: expect.stringMatching(reason) });
    expect(await s.deps.db.grants.count()).toBe(0);
    expect(await s.deps.db.outbox.count()).toBe(0);
  });

  it('a managed policy that is broken wins over a valid local one', async () => {
    const s = setup({ managed: { currency: 'USD' } });
    const view = await s.service.view(TICKET, ADA, CUSTOMER);
    expect(view.disabledReason).toMatch(/set by your organization is invalid/);
    expect((await s.service.grant(grantCmd(1), ADA, CUSTOMER)).ok).toBe(false);
  });

  it('grants this period in another currency than the policy shut grants off', async () => {
    const s = setup();
    await putGrant(s.deps.db, {
      id: uuid(90),
      ticket: TICKET,
      customerId: CUSTOMER,
      agentId: ADA.id,
      amount: { amount: 500, currency: 'EUR' },
      reason: 'late delivery',
      at: new Date(START - 60_000).toISOString(),
      state: 'recorded',
    });
    const view = await s.service.view(TICKET, ADA, CUSTOMER);
    expect(view.policy).toBeNull();
    expect(view.disabledReason).toMatch(/granted in EUR, but the credit policy now uses USD/);
    const result = await s.service.grant(grantCmd(1), ADA, CUSTOMER);
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/EUR/) });
  });

  it('an unknown agent, or one signed in to another account, cannot grant', async () => {
    const s = setup();
    expect((await s.service.view(TICKET, null, CUSTOMER)).disabledReason).toMatch(/knows who you are/);
    const elsewhere = { ...ADA, account: 'other.zendesk.com' };
    expect((await s.service.grant(grantCmd(1), elsewhere, CUSTOMER)).ok).toBe(false);
  });

  it('refuses while the account needs an API key', async () => {
    const s = setup();
    s.deps.needsCredentials = async () => true;
    expect((await s.service.view(TICKET, ADA, CUSTOMER)).needsCredentials).toBe(true);
    expect(await s.service.grant(grantCmd(1), ADA, CUSTOMER)).toEqual({
      ok: false,
      message: expect.stringMatching(/API key/),
    });
  });
});

describe('view', () => {
  it('summarises the policy and the authority, resetting at the next Monday in New York', async () => {
    const s = setup();
    const view = await s.service.view(TICKET, ADA, CUSTOMER);
    expect(view.policy).toEqual({
      source: 'self-managed',
      // No credit gateway: the limits hold only in this browser (issue 19).
      enforced: false,
      presets: [500, 1000, 2500],
      reasons: ['late delivery', 'damaged item'],
      undoSeconds: 5,
    });
    expect(view.disabledReason).toBeNull();
    expect(view.authority).toEqual({
      currency: 'USD',
      tierName: 'junior',
      perGrantMax: 1000,
      periodBudget: 10000,
      usedThisPeriod: 0,
      remainingThisPeriod: 10000,
      customerLimit: 2000,
      customerRemaining: 2000,
      maxGrantNow: 1000,
      resetsAt: '2023-11-20T05:00:00.000Z',
    });
    expect(view.grants).toEqual([]);
  });

  it('without the customer, grants are off (the per-customer limit cannot be checked)', async () => {
    const s = setup();
    const view = await s.service.view(TICKET, ADA, null);
    expect(view.policy).toBeNull();
    expect(view.disabledReason).toMatch(/customer is known/);
  });
});

describe('grant', () => {
  it('reserves at once: a pending grant and its outbox row due when the undo window ends', async () => {
    const s = setup();
    expect(await s.service.grant(grantCmd(1, 700), ADA, CUSTOMER)).toEqual({ ok: true });
    const row = await s.deps.db.outbox.get(uuid(1));
    expect(row).toMatchObject({ kind: GRANT_KIND, nextAttemptAt: START + 5_000, attempts: 0 });
    const view = await s.service.view(TICKET, ADA, CUSTOMER);
    expect(view.grants).toEqual([
      expect.objectContaining({ id: uuid(1), amount: 700, state: 'pending', undoUntil: START + 5_000 }),
    ]);
    expect(view.authority).toMatchObject({ usedThisPeriod: 700, customerRemaining: 1300, maxGrantNow: 1000 });
    expect(s.changed).toEqual(['zendesk:acme.zendesk.com:42']);
  });

  it('refuses over the limit, naming the limit, and reserves nothing', async () => {
    const s = setup();
    expect(await s.service.grant(grantCmd(1, 1001), ADA, CUSTOMER)).toEqual({
      ok: false,
      message: 'Over your limit of $10.00 per grant.',
      refusal: { limit: 'per-grant', room: 1000, currency: 'USD', period: 'week' },
    });
    await s.service.grant(grantCmd(2, 1000), ADA, CUSTOMER);
    await s.service.grant(grantCmd(3, 1000), ADA, CUSTOMER);
    expect(await s.service.grant(grantCmd(4, 100), ADA, CUSTOMER)).toEqual({
      ok: false,
      message: 'Over your limit for this customer: $0.00 left this week.',
      refusal: { limit: 'per-customer', room: 0, currency: 'USD', period: 'week' },
    });
    expect(await s.deps.db.grants.count()).toBe(2);
  });

  it('refuses what the sidebar should never send (zero, fractions, no reason)', async () => {
    const s = setup();
    for (const cmd of [grantCmd(1, 0), grantCmd(2, 1.5), { ...grantCmd(3), reason: '  ' }]) {
      expect((await s.service.grant(cmd, ADA, CUSTOMER)).ok).toBe(false);
    }
    expect(await s.deps.db.grants.count()).toBe(0);
  });

  it('a double click (the same id twice, even at once) reserves once', async () => {
    const s = setup();
    const results = await Promise.all([
      s.service.grant(grantCmd(1), ADA, CUSTOMER),
      s.service.grant(grantCmd(1), ADA, CUSTOMER),
    ]);
    await s.service.grant(grantCmd(1), ADA, CUSTOMER);
    expect(results).toEqual([{ ok: true }, { ok: true }]);
    expect(await s.deps.db.grants.count()).toBe(1);
    expect(await s.deps.db.outbox.count()).toBe(1);
    expect((await s.service.view(TICKET, ADA, CUSTOMER)).authority?.usedThisPeriod).toBe(1000);
  });

  it('two tabs racing for the last 10.00 with 10.00 each: exactly one is reserved', async () => {
    const s = setup({ policy: TIGHT });
    const results = await Promise.all([
      s.service.grant(grantCmd(1), ADA, CUSTOMER),
      s.service.grant(grantCmd(2), ADA, CUSTOMER),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({
      ok: false,
      message: expect.stringMatching(/Over your/),
      refusal: expect.objectContaining({ room: 0 }),
    });
    expect(await s.deps.db.grants.count()).toBe(1);
  });

  it('the one transaction alone keeps two services without a shared lock from overspending', async () => {
    const a = setup({ policy: TIGHT });
    const b = setup({ policy: TIGHT, db: a.deps.db });
    const results = await Promise.all([
      a.service.grant(grantCmd(1), ADA, CUSTOMER),
      b.service.grant(grantCmd(2), ADA, CUSTOMER),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });
});

describe('undo', () => {
  it('within the window: undone, out of the outbox, nothing written, reservation released', async () => {
    const s = setup();
    await s.service.grant(grantCmd(1), ADA, CUSTOMER);
    s.clock.now += 4_999;
    expect(await s.service.undo(uuid(1))).toEqual({ ok: true });
    s.clock.now += 10_000;
    expect(await s.service.drain()).toBeNull();
    expect(s.helpdesk.calls).toEqual([]);
    expect(s.billing.calls).toEqual([]);
    const view = await s.service.view(TICKET, ADA, CUSTOMER);
    expect(view.grants[0]).toMatchObject({ state: 'undone', undoUntil: null });
    expect(view.authority?.usedThisPeriod).toBe(0);
  });

  it('after the window it refuses, and the grant is recorded', async () => {
    const s = setup();
    await s.service.grant(grantCmd(1), ADA, CUSTOMER);
    s.clock.now += 5_000;
    expect(await s.service.undo(uuid(1))).toEqual({ ok: false, message: expect.stringMatching(/Too late/) });
    await s.service.drain();
    expect(s.helpdesk.notesOn(TICKET)).toHaveLength(1);
  });

  it('the outbox does not commit before the window ends, and says when it will', async () => {
    const s = setup();
    await s.service.grant(grantCmd(1), ADA, CUSTOMER);
    s.clock.now += 4_000;
    expect(await s.service.drain()).toBe(START + 5_000);
    expect(s.helpdesk.calls).toEqual([]);
  });
});

describe('commit', () => {
  it('writes one private note (human line first, marker last), records, then its team index in one update', async () => {
    const s = setup();
    expect(await grantAndCommit(s, 1)).toBeNull();
    const [note, ...more] = s.helpdesk.notesOn(TICKET);
    expect(more).toEqual([]);
    const lines = note?.text.split('\n') ?? [];
    expect(lines[0]).toBe('Credit of $10.00 granted by Ada Agent. Reason: late delivery');
    expect(parseMarker(lines.at(-1) ?? '')).toEqual({
      kind: 'credit',
      id: uuid(1),
      amount: 1000,
      currency: 'USD',
      agent: ADA.id,
      customer: CUSTOMER,
      reason: 'late delivery',
    });
    expect(s.helpdesk.tagsOn(TICKET)).toEqual(['frontline_credit', `fl_credit_${ADA.id}`]);
    expect(decodeIndex(s.helpdesk.ledgerOn(TICKET) ?? '')).toEqual({
      grants: [
        {
          id: uuid(1),
          agentId: ADA.id,
          customerId: CUSTOMER,
          amount: 1000,
          currency: 'USD',
          // Dated by the note, as the notes path dates it.
          at: note?.createdAt,
        },
      ],
      damaged: false,
    });
    expect(s.helpdesk.calls).toEqual(['addPrivateNote', 'indexGrants']);
    expect(await s.deps.db.outbox.count()).toBe(0);
    const view = await s.service.view(TICKET, ADA, CUSTOMER);
    expect(view.grants[0]).toMatchObject({ state: 'recorded', error: null, undoUntil: null });
    expect(view.authority?.usedThisPeriod).toBe(1000);
  });

  it('is committing before any network write', async () => {
    const s = setup();
    await s.service.grant(grantCmd(1), ADA, CUSTOMER);
    s.clock.now += 5_000;
    const seen: string[] = [];
    const write = s.helpdesk.adapter.addPrivateNote;
    s.helpdesk.adapter.addPrivateNote = async (...args) => {
      seen.push((await s.deps.db.grants.get(uuid(1)))?.state ?? 'missing');
      return write(...args);
    };
    await s.service.drain();
    expect(seen).toEqual(['committing']);
  });

  it('posts to the billing webhook after the note, signed and keyed by the grant id', async () => {
    const secret = 'a-very-long-shared-secret';
    const s = setup({
      policy: { ...TEST_POLICY, billingWebhook: { url: 'https://billing.example.com/credits', secret } },
    });
    await grantAndCommit(s, 1);
    expect(s.billing.calls).toHaveLength(1);
    const [call] = s.billing.calls;
    expect(call?.url).toBe('https://billing.example.com/credits');
    expect(call?.headers['idempotency-key']).toBe(uuid(1));
    const t = Math.floor(s.clock.now / 1000);
    const expected = `t=${t},v1=${createHmac('sha256', secret)
      .update(`${t}.${uuid(1)}.${call?.body ?? ''}`)
      .digest('hex')}`;
    expect(call?.headers['frontline-signature']).toBe(expected);
    expect(JSON.parse(call?.body ?? '')).toMatchObject({
      id: uuid(1),
      amount: 1000,
      currency: 'USD',
      agentId: ADA.id,
      customerId: CUSTOMER,
      ticket: TICKET,
    });
    expect(s.helpdesk.notesOn(TICKET)).toHaveLength(1);
  });

  it('a worker killed after the note (state still committing) records without a second note', async () => {
    const s = setup();
    await grantAndCommit(s, 1);
    // What a kill between the note and the recorded state leaves behind.
    const stored = await s.deps.db.grants.get(uuid(1));
    await s.deps.db.grants.put({
      ...stored!,
      state: 'committing',
      grant: { ...stored!.grant, state: 'committing' },
    });
    await s.deps.db.outbox.add({
      id: uuid(1),
      kind: GRANT_KIND,
      caseKey: 'zendesk:acme.zendesk.com:42',
      payload: { agentName: 'Ada Agent', undoUntil: START + 5_000 },
      createdAt: START,
      nextAttemptAt: START,
      attempts: 0,
      lastError: null,
    });
    const restarted = createCreditService({ ...s.deps });
    expect(await restarted.drain()).toBeNull();
    expect(s.helpdesk.notesOn(TICKET)).toHaveLength(1);
    expect(s.helpdesk.calls).toEqual(['addPrivateNote', 'indexGrants', 'entries', 'indexGrants']);
    expect((await s.deps.db.grants.get(uuid(1)))?.state).toBe('recorded');
  });

  it('a lost answer to the note write is checked for its marker before any re-send', async () => {
    const s = setup();
    const write = s.helpdesk.adapter.addPrivateNote;
    let lose = true;
    s.helpdesk.adapter.addPrivateNote = async (...args) => {
      const entry = await write(...args);
      if (lose) {
        lose = false;
        throw network();
      }
      return entry;
    };
    await grantAndCommit(s, 1);
    expect((await s.deps.db.grants.get(uuid(1)))?.state).toBe('committing');
    s.clock.now += 2_000;
    await s.service.drain();
    expect(s.helpdesk.notesOn(TICKET)).toHaveLength(1);
    expect((await s.deps.db.grants.get(uuid(1)))?.state).toBe('recorded');
  });

  it('a write still in flight when the worker died is not re-sent until it can no longer land', async () => {
    const s = setup();
    const write = s.helpdesk.adapter.addPrivateNote;
    let land: (() => Promise<unknown>) | null = null;
    // The first worker's write never answers (the worker died); the helpdesk tab still delivers it later.
    s.helpdesk.adapter.addPrivateNote = (...args) => {
      land = () => write(...args);
      return new Promise(() => undefined);
    };
    expect(await s.service.grant(grantCmd(1), ADA, CUSTOMER)).toEqual({ ok: true });
    s.clock.now += 5_000;
    void s.service.drain();
    await vi.waitFor(() => expect(land).not.toBeNull());
    s.helpdesk.adapter.addPrivateNote = write;
    // A dead worker's Web Locks are released by the browser: the new one has its own.
    const restarted = createCreditService({ ...s.deps, withLock: fakeLocks() });
    s.clock.now += 2_000;
    // Too early: the dead worker's write may still land, so nothing is due, and nothing is checked or sent.
    expect(await restarted.drain()).toBe(s.clock.now - 2_000 + IN_FLIGHT_GUARD_MS);
    expect(s.helpdesk.notesOn(TICKET)).toHaveLength(0);
    await land!();
    s.clock.now += IN_FLIGHT_GUARD_MS;
    await restarted.drain();
    expect(s.helpdesk.notesOn(TICKET)).toHaveLength(1);
    expect((await s.deps.db.grants.get(uuid(1)))?.state).toBe('recorded');
  });

  it('transient failures back off 2 s, 4 s, 8 s … and survive a restart (state only in the database)', async () => {
    const s = setup();
    s.helpdesk.failNext('addPrivateNote', network(), new HelpdeskError('server', 'x', 'down', 503));
    expect(await grantAndCommit(s, 1)).toBe(s.clock.now + 2_000);
    s.clock.now += 2_000;
    expect(await s.service.drain()).toBe(s.clock.now + 4_000);
    expect(await s.deps.db.outbox.get(uuid(1))).toMatchObject({
      attempts: 2,
      lastError: expect.stringMatching(/503/),
    });
    const restarted = createCreditService({ ...s.deps });
    s.clock.now += 4_000;
    expect(await restarted.drain()).toBeNull();
    expect(s.helpdesk.notesOn(TICKET)).toHaveLength(1);
    expect((await s.deps.db.grants.get(uuid(1)))?.grant).toMatchObject({ state: 'recorded' });
    expect((await s.deps.db.grants.get(uuid(1)))?.grant.error).toBeUndefined();
  });

  it('signed out is not permanent: the grant waits in the outbox for the rep', async () => {
    const s = setup();
    s.helpdesk.failNext(
      'addPrivateNote',
      new HelpdeskError('signed-out', 'x', 'Not signed in to Zendesk', 401),
    );
    await grantAndCommit(s, 1);
    expect((await s.deps.db.grants.get(uuid(1)))?.grant).toMatchObject({
      state: 'committing',
      error: expect.stringMatching(/Not signed in to Zendesk/),
    });
    expect(await s.deps.db.outbox.count()).toBe(1);
  });

  it.each([
    ['forbidden', 403],
    ['not-found', 404],
    ['invalid', 422],
  ] as const)(
    'a permanent failure (%s) fails the grant with the reason and releases it',
    async (kind, status) => {
      const s = setup();
      s.helpdesk.failNext(
        'addPrivateNote',
        new HelpdeskError(kind, 'PUT /api/v2/tickets/:id', 'refused', status),
      );
      expect(await grantAndCommit(s, 1)).toBeNull();
      const view = await s.service.view(TICKET, ADA, CUSTOMER);
      expect(view.grants[0]).toMatchObject({
        state: 'failed',
        error: expect.stringContaining(`(${status})`),
      });
      expect(view.authority?.usedThisPeriod).toBe(0);
      expect(await s.deps.db.outbox.count()).toBe(0);
    },
  );

  it('tags stay: the index (tags, ledger line) is written only after the note has landed, never beside it', async () => {
    const s = setup();
    const order: string[] = [];
    const write = s.helpdesk.adapter.addPrivateNote;
    const index = s.helpdesk.adapter.indexGrants;
    s.helpdesk.adapter.addPrivateNote = async (...args) => {
      order.push('note sent');
      // The helpdesk takes its time: a tag sent meanwhile would be a simultaneous update.
      await new Promise((resolve) => setTimeout(resolve, 20));
      const entry = await write(...args);
      order.push('note landed');
      return entry;
    };
    s.helpdesk.adapter.indexGrants = async (...args) => {
      order.push('index sent');
      return index(...args);
    };
    expect(await grantAndCommit(s, 1)).toBeNull();
    expect(order).toEqual(['note sent', 'note landed', 'index sent']);
    expect(s.helpdesk.tagsOn(TICKET)).toEqual(['frontline_credit', `fl_credit_${ADA.id}`]);
  });

  it('recorded when the note lands: the grant is recorded before its index write is sent (grant→recorded budget)', async () => {
    const s = setup();
    const seen: unknown[] = [];
    const index = s.helpdesk.adapter.indexGrants;
    s.helpdesk.adapter.indexGrants = async (...args) => {
      const [view] = (await s.service.view(TICKET, ADA, CUSTOMER)).grants;
      seen.push({ state: view?.state, indexing: view?.indexing });
      return index(...args);
    };
    expect(await grantAndCommit(s, 1)).toBeNull();
    // Shown recorded at once, and as still indexing (the Freshdesk reload notice waits for it).
    expect(seen).toEqual([{ state: 'recorded', indexing: true }]);
    expect((await s.service.view(TICKET, ADA, CUSTOMER)).grants[0]?.indexing).toBeUndefined();
  });

  it('an index write that fails for now never fails the grant: recorded, it says so, and the outbox writes the index later', async () => {
    const s = setup();
    s.helpdesk.failNext('indexGrants', new HelpdeskError('server', 'PUT /api/v2/tickets/:id', 'busy', 503));
    const next = await grantAndCommit(s, 1);
    expect(next).not.toBeNull();
    expect((await s.deps.db.grants.get(uuid(1)))?.grant).toMatchObject({
      state: 'recorded',
      error: expect.stringMatching(
        /^Recorded; the team index \(tags, ledger line\) is written again shortly/,
      ),
    });
    expect((await s.service.view(TICKET, ADA, CUSTOMER)).authority?.usedThisPeriod).toBe(1000);
    s.clock.now = next ?? s.clock.now;
    expect(await s.service.drain()).toBeNull();
    expect(s.helpdesk.notesOn(TICKET)).toHaveLength(1);
    expect(s.helpdesk.calls).toEqual(['addPrivateNote', 'indexGrants', 'indexGrants']);
    expect(s.helpdesk.tagsOn(TICKET)).toEqual(['frontline_credit', `fl_credit_${ADA.id}`]);
    expect((await s.deps.db.grants.get(uuid(1)))?.grant.error).toBeUndefined();
  });

  it('tags stay: a note the helpdesk refuses leaves no credit tag behind', async () => {
    const s = setup();
    s.helpdesk.failNext('addPrivateNote', new HelpdeskError('invalid', 'PUT /api/v2/tickets/:id', 'no', 422));
    await grantAndCommit(s, 1);
    expect(s.helpdesk.calls).not.toContain('indexGrants');
    expect(s.helpdesk.tagsOn(TICKET)).toEqual([]);
  });

  const closedTicket = () =>
    statusError('PUT /api/v2/tickets/:id/tags', {
      status: 422,
      headers: {},
      body: JSON.stringify({
        error: 'RecordInvalid',
        description: 'Record validation errors',
        details: { status: [{ description: 'Status: closed prevents ticket update' }] },
      }),
    });

  it('a ticket closed before the note (Zendesk 422) fails the grant for good, saying the ticket is closed', async () => {
    const s = setup();
    s.helpdesk.failNext('addPrivateNote', closedTicket());
    expect(await grantAndCommit(s, 1)).toBeNull();
    const view = await s.service.view(TICKET, ADA, CUSTOMER);
    expect(view.grants[0]).toMatchObject({
      state: 'failed',
      error: 'The ticket is closed, and a closed ticket cannot be changed (422). Use a follow-up ticket.',
    });
    expect(view.authority?.usedThisPeriod).toBe(0);
    expect(s.helpdesk.calls).not.toContain('indexGrants');
  });

  it('a ticket closed between the note and the index write (Zendesk 422): recorded, the note is the record, the closed ticket named', async () => {
    const s = setup();
    s.helpdesk.failNext('indexGrants', closedTicket());
    expect(await grantAndCommit(s, 1)).toBeNull();
    expect(s.helpdesk.notesOn(TICKET)).toHaveLength(1);
    expect((await s.deps.db.grants.get(uuid(1)))?.grant).toMatchObject({
      state: 'recorded',
      error:
        'Recorded, but its team index (the frontline_credit tag, the ledger line) could not be written: The ticket is closed, and a closed ticket cannot be changed (422). Use a follow-up ticket.',
    });
    expect(await s.deps.db.outbox.count()).toBe(0);
  });

  it('when only the index write is refused, the note stands: recorded, with the index problem named', async () => {
    const s = setup();
    s.helpdesk.failNext('indexGrants', new HelpdeskError('forbidden', 'PUT /api/v2/tickets/:id', 'no', 403));
    await grantAndCommit(s, 1);
    expect((await s.deps.db.grants.get(uuid(1)))?.grant).toMatchObject({
      state: 'recorded',
      error: expect.stringMatching(
        /team index \(the frontline_credit tag, the ledger line\) could not be written/,
      ),
    });
  });
});

describe('approval requests', () => {
  const approvalCmd = (n: number, amount = 5000) => ({
    requestId: uuid(n),
    ticket: TICKET,
    amount,
    reason: 'damaged item',
  });

  it('sends a private note with the marker and the tag, once per request id', async () => {
    const s = setup();
    expect(await s.service.requestApproval(approvalCmd(7), ADA, CUSTOMER)).toEqual({ ok: true });
    expect(await s.service.requestApproval(approvalCmd(7), ADA, CUSTOMER)).toEqual({ ok: true });
    expect((await s.service.view(TICKET, ADA, CUSTOMER)).approvals).toEqual([
      { id: uuid(7), amount: 5000, currency: 'USD', reason: 'damaged item', state: 'sending', note: null },
    ]);
    expect(await s.service.drain()).toBeNull();
    const notes = s.helpdesk.notesOn(TICKET);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.text.split('\n')[0]).toBe(
      'Approval requested by Ada Agent for a credit of $50.00. Reason: damaged item',
    );
    expect(findMarker(notes[0]?.text ?? '', true)).toMatchObject({ kind: 'approval-request', id: uuid(7) });
    expect(s.helpdesk.tagsOn(TICKET)).toEqual(['frontline_approval_requested']);
    expect((await s.service.view(TICKET, ADA, CUSTOMER)).approvals[0]?.state).toBe('pending');
  });

  it('a re-send after a lost answer checks the marker first', async () => {
    const s = setup();
    const write = s.helpdesk.adapter.addPrivateNote;
    let lose = true;
    s.helpdesk.adapter.addPrivateNote = async (...args) => {
      const entry = await write(...args);
      if (lose) {
        lose = false;
        throw network();
      }
      return entry;
    };
    await s.service.requestApproval(approvalCmd(7), ADA, CUSTOMER);
    await s.service.drain();
    s.clock.now += 2_000;
    await s.service.drain();
    expect(s.helpdesk.notesOn(TICKET)).toHaveLength(1);
    expect((await s.service.view(TICKET, ADA, CUSTOMER)).approvals[0]?.state).toBe('pending');
  });

  it('shows an approver’s decision from the ticket’s notes, and requests sent from another browser', async () => {
    const s = setup();
    await s.service.requestApproval(approvalCmd(7), ADA, CUSTOMER);
    await s.service.drain();
    const note = (n: number, text: string, authorId = '9'): Entry => ({
      ticket: TICKET,
      id: String(n),
      authorId,
      public: false,
      fromCustomer: false,
      text,
      createdAt: new Date(START + n).toISOString(),
      authorIsAgent: true,
      authorConfirmed: true,
    });
    const decline = formatMarker({
      kind: 'approval-decision',
      request: uuid(7),
      decision: 'decline',
      by: '9',
    });
    const elsewhere = formatMarker({
      kind: 'approval-request',
      id: uuid(8),
      amount: 3000,
      currency: 'USD',
      agent: '101',
      customer: CUSTOMER,
      reason: 'late delivery',
    });
    const approve = formatMarker({
      kind: 'approval-decision',
      request: uuid(8),
      decision: 'approve',
      by: '9',
      grant: uuid(9),
    });
    await putEntries(
      s.deps.db,
      TICKET,
      [
        ...s.helpdesk.notesOn(TICKET),
        note(1, `Declined: over the quarterly budget.\n\n${decline}`),
        note(2, `Request\n\n${elsewhere}`, '101'),
        note(3, `Approved.\n\n${approve}`),
      ],
      START,
    );
    const approvals = (await s.service.view(TICKET, ADA, CUSTOMER)).approvals;
    expect(approvals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: uuid(7),
          state: 'declined',
          note: 'Declined: over the quarterly budget.',
        }),
        expect.objectContaining({ id: uuid(8), state: 'approved', amount: 3000 }),
      ]),
    );
    expect(approvals).toHaveLength(2);
  });

  it('shows a decline’s reason when the helpdesk flattened the note’s line breaks', async () => {
    const s = setup();
    await s.service.requestApproval(approvalCmd(7), ADA, CUSTOMER);
    await s.service.drain();
    const decline = formatMarker({
      kind: 'approval-decision',
      request: uuid(7),
      decision: 'decline',
      by: '9',
    });
    // Freshdesk's body_text of `Ben declined…<br><br>[frontline:…]`, as the simulator makes it.
    const flattened: Entry = {
      ticket: TICKET,
      id: '1',
      authorId: '9',
      public: false,
      fromCustomer: false,
      text: `Ben Backline declined the credit of $50.00. Reason: Over budget${decline}`,
      createdAt: new Date(START + 1).toISOString(),
      authorIsAgent: true,
      authorConfirmed: true,
    };
    await putEntries(s.deps.db, TICKET, [...s.helpdesk.notesOn(TICKET), flattened], START);
    expect((await s.service.view(TICKET, ADA, CUSTOMER)).approvals).toEqual([
      expect.objectContaining({
        id: uuid(7),
        state: 'declined',
        note: 'Ben Backline declined the credit of $50.00. Reason: Over budget',
      }),
    ]);
  });

  it('a permanent failure shows as failed with the reason', async () => {
    const s = setup();
    s.helpdesk.failNext('addPrivateNote', new HelpdeskError('forbidden', 'x', 'no', 403));
    await s.service.requestApproval(approvalCmd(7), ADA, CUSTOMER);
    await s.service.drain();
    expect((await s.service.view(TICKET, ADA, CUSTOMER)).approvals[0]).toMatchObject({
      state: 'failed',
      note: expect.stringContaining('(403)'),
    });
  });

  it('needs a valid policy', async () => {
    const s = setup({ policy: undefined });
    expect((await s.service.requestApproval(approvalCmd(7), ADA, CUSTOMER)).ok).toBe(false);
  });
});
