import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatMarker } from '../../lib/domain/markers';
import { GatewayAuthority, GatewayPolicy, GrantVerdict } from '../../lib/gateway/protocol';
import { basic, simFetch } from '../../test/sim/testing/client';
import { writeBackText } from '../src/grants/write-back';
import {
  BROKEN,
  DAY_MS,
  DAY_ZERO,
  type Harness,
  startHarness,
  submit,
  writeNote,
  ZENDESK,
} from './support/sim-gateway';
import { type TestDatabase, testStores } from './support/stores';

const stores = testStores();

// The simulator and an embedded Postgres start in seconds alone, far slower on a loaded shared machine.
describe.each(stores.kinds)('POST /v1/grants on %s', { timeout: 120_000 }, (kind) => {
  let h: Harness;
  let day = 0;
  let db: TestDatabase;
  beforeAll(async () => {
    db = await stores.fresh(kind);
    h = await startHarness({ extraAccounts: [BROKEN], database: db.database });
  }, 300_000);
  afterAll(async () => {
    await h?.close();
    await db?.drop();
  }, 60_000);
  // Each test gets a day of its own on the gateway's clock, so their periods never mix.
  beforeEach(() => {
    day += 2;
    h.clock.now = DAY_ZERO + day * DAY_MS;
  });

  const verdict = async (ticket: Harness['tickets'][number], grantId: string) => {
    const { status, json } = await submit(h, ticket, grantId);
    expect(status).toBe(200);
    return GrantVerdict.parse(json);
  };
  const refusalRows = async (grantId: string) =>
    (await h.gateway.deps.store.query('SELECT code FROM refusals WHERE grant_id = $1', [grantId])).rows;

  it('accepts a grant within limits, executes it once and writes the reference back once', async () => {
    const ticket = h.tickets[0]!;
    const grantId = writeNote(h, ticket, h.ada, { amount: 1500 });
    const first = await verdict(ticket, grantId);
    expect(first).toMatchObject({
      status: 'executed',
      executor: 'webhook',
      reference: `bill_${grantId.slice(0, 8)}`,
    });
    const again = await verdict(ticket, grantId);
    expect(again).toEqual(first);
    expect(h.executor.calls.filter((c) => c.grantId === grantId)).toHaveLength(1);
    const call = h.executor.calls.find((c) => c.grantId === grantId)!;
    const requester = h.sim.data.user(ZENDESK, ticket.requesterId)!;
    expect(call).toMatchObject({ amount: 1500, currency: 'USD', agentId: h.ada.id });
    expect(call.customer).toEqual({ id: requester.id, email: requester.email, name: requester.name });
    const notes = h.sim.data
      .comments(ZENDESK, ticket.id)
      .filter((c) => c.body.includes(writeBackText(grantId, 'webhook', `bill_${grantId.slice(0, 8)}`)));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ public: false, authorId: h.cleo.id });
  });

  it('refuses a forged grant id, stores it once however often it is sent', async () => {
    const grantId = crypto.randomUUID();
    expect(await verdict(h.tickets[0]!, grantId)).toMatchObject({
      status: 'refused',
      code: 'note-not-found',
    });
    expect(await verdict(h.tickets[0]!, grantId)).toMatchObject({
      status: 'refused',
      code: 'note-not-found',
    });
    expect(await refusalRows(grantId)).toHaveLength(1);
  });

  it('refuses a note written by another agent than the one its marker names', async () => {
    const ticket = h.tickets[1]!;
    const grantId = crypto.randomUUID();
    const marker = {
      kind: 'credit' as const,
      id: grantId,
      amount: 1000,
      currency: 'USD',
      agent: h.ada.id,
      customer: ticket.requesterId,
      reason: 'Goodwill',
    };
    h.sim.control.addNote(ticket, `Credit.\n${formatMarker(marker)}`, h.ben.email);
    expect(await verdict(ticket, grantId)).toMatchObject({ status: 'refused', code: 'author-mismatch' });
    expect(await refusalRows(grantId)).toEqual([{ code: 'author-mismatch' }]);
  });

  it('refuses a marker in a public comment', async () => {
    const ticket = h.tickets[1]!;
    const grantId = crypto.randomUUID();
    const marker = {
      kind: 'credit' as const,
      id: grantId,
      amount: 1000,
      currency: 'USD',
      agent: h.ben.id,
      customer: ticket.requesterId,
      reason: 'Goodwill',
    };
    const token = h.sim.data.account(ZENDESK).apiToken;
    const put = await simFetch(h.sim, ZENDESK, `/api/v2/tickets/${ticket.id}.json`, {
      method: 'PUT',
      headers: { authorization: basic('ben@acme.test/token', token) },
      body: { ticket: { comment: { body: `Credit.\n${formatMarker(marker)}`, public: true } } },
    });
    expect(put.status).toBe(200);
    expect(await verdict(ticket, grantId)).toMatchObject({ status: 'refused', code: 'not-private' });
  });

  it('refuses a customer’s private note carrying a marker', async () => {
    const ticket = h.tickets[2]!;
    const grantId = crypto.randomUUID();
    const marker = {
      kind: 'credit' as const,
      id: grantId,
      amount: 1000,
      currency: 'USD',
      agent: h.ada.id,
      customer: ticket.requesterId,
      reason: 'Goodwill',
    };
    h.sim.control.addForeignEmail(ticket, `Please.\n${formatMarker(marker)}`);
    expect(await verdict(ticket, grantId)).toMatchObject({ status: 'refused', code: 'not-an-agent' });
  });

  it('refuses a credit for someone other than the requester', async () => {
    const ticket = h.tickets[0]!;
    const grantId = writeNote(h, ticket, h.ada, { amount: 1000, customer: h.tickets[1]!.requesterId });
    expect(await verdict(ticket, grantId)).toMatchObject({ status: 'refused', code: 'customer-mismatch' });
  });

  it('refuses another currency and an agent without a tier', async () => {
    const ticket = h.ticket(3);
    const euro = writeNote(h, ticket, h.ada, { amount: 1000, currency: 'EUR' });
    expect(await verdict(ticket, euro)).toMatchObject({ status: 'refused', code: 'currency' });
    const cleo = writeNote(h, ticket, h.cleo, { amount: 1000 });
    expect(await verdict(ticket, cleo)).toMatchObject({ status: 'refused', code: 'no-tier' });
  });

  it('refuses over the per-grant, per-customer and per-period limits, counting only accepted grants', async () => {
    const [a, b, c] = [h.tickets[0]!, h.tickets[1]!, h.tickets[2]!];
    expect(await verdict(a, writeNote(h, a, h.ada, { amount: 5001 }))).toMatchObject({
      code: 'over-per-grant',
    });
    expect((await verdict(a, writeNote(h, a, h.ada, { amount: 4000 }))).status).toBe('executed');
    const overCustomer = await verdict(a, writeNote(h, a, h.ada, { amount: 2001 }));
    expect(overCustomer).toMatchObject({ status: 'refused', code: 'over-customer-period' });
    expect((await verdict(b, writeNote(h, b, h.ada, { amount: 5000 }))).status).toBe('executed');
    const overPeriod = await verdict(c, writeNote(h, c, h.ada, { amount: 1001 }));
    expect(overPeriod).toMatchObject({ status: 'refused', code: 'over-period' });
    expect((await verdict(c, writeNote(h, c, h.ada, { amount: 1000 }))).status).toBe('executed');
  });

  it('decides the period by the gateway’s clock; the caller cannot send one', async () => {
    const [a, b] = [h.tickets[0]!, h.tickets[1]!];
    for (const ticket of [a, b])
      expect((await verdict(ticket, writeNote(h, ticket, h.ada, { amount: 5000 }))).status).toBe('executed');
    const late = writeNote(h, a, h.ada, { amount: 100 });
    const withClock = await h.post({
      account: ZENDESK,
      ticket: a.id,
      grantId: late,
      now: '2030-01-01T00:00:00Z',
    });
    expect(withClock.status).toBe(400);
    expect(await verdict(a, late)).toMatchObject({ status: 'refused', code: 'over-period' });
    h.clock.now += DAY_MS;
    const tomorrow = writeNote(h, a, h.ada, { amount: 100 });
    expect((await verdict(a, tomorrow)).status).toBe('executed');
  });

  it('accepts an approver’s grant of a request only when the gateway holds that approval', async () => {
    const ticket = h.ticket(9);
    const request = crypto.randomUUID();
    const unapproved = writeNote(h, ticket, h.ben, { amount: 1000, request });
    expect(await verdict(ticket, unapproved)).toMatchObject({
      status: 'refused',
      code: 'request-not-approved',
    });
    const other = crypto.randomUUID();
    h.approvals.set(other, {
      requestId: other,
      ticket: ticket.id,
      agentId: h.ada.id,
      customerId: ticket.requesterId,
      amount: 1000,
      currency: 'USD',
      reason: 'Goodwill',
      requestedAt: new Date(h.clock.now).toISOString(),
      decision: 'approve',
      decidedBy: h.ben.id,
      decidedAt: new Date(h.clock.now).toISOString(),
    });
    const approved = writeNote(h, ticket, h.ben, { amount: 1000, request: other });
    expect((await verdict(ticket, approved)).status).toBe('executed');
  });

  it('never lets 20 concurrent grants of one agent overspend the period', async () => {
    const tickets = Array.from({ length: 20 }, (_, i) => h.ticket(i));
    const ids = tickets.map((t) => writeNote(h, t, h.ben, { amount: 4000 }));
    const verdicts = await Promise.all(tickets.map((t, i) => verdict(t, ids[i]!)));
    const accepted = verdicts.filter((v) => v.status !== 'refused');
    expect(accepted).toHaveLength(12);
    expect(
      verdicts
        .filter((v) => v.status === 'refused')
        .every((v) => v.status === 'refused' && v.code === 'over-period'),
    ).toBe(true);
    const { rows } = await h.gateway.deps.store.query<{ total: string }>(
      'SELECT sum(amount)::text AS total FROM grants WHERE agent_id = $1 AND checked_at >= $2',
      [h.ben.id, new Date(h.clock.now - DAY_MS).toISOString()],
    );
    expect(Number(rows[0]!.total)).toBeLessThanOrEqual(50_000);
  });

  it('executes a grant submitted 10 times at once exactly once', async () => {
    const ticket = h.ticket(30);
    const grantId = writeNote(h, ticket, h.ben, { amount: 2000 });
    const verdicts = await Promise.all(Array.from({ length: 10 }, () => verdict(ticket, grantId)));
    expect(verdicts.every((v) => v.status !== 'refused')).toBe(true);
    expect(h.executor.calls.filter((c) => c.grantId === grantId)).toHaveLength(1);
    expect((await verdict(ticket, grantId)).status).toBe('executed');
  });

  it('refuses every grant of an account whose policy is invalid, and serves no policy for it', async () => {
    const refused = await h.post({ account: BROKEN.account, ticket: '1', grantId: crypto.randomUUID() });
    expect(GrantVerdict.parse(refused.json)).toMatchObject({ status: 'refused', code: 'policy-invalid' });
    const policy = await h.get(`/v1/accounts/${BROKEN.account}/policy`);
    expect(policy).toMatchObject({ status: 503, json: { error: 'policy-invalid' } });
    expect((await h.get('/v1/accounts/nope.zendesk.com/policy')).status).toBe(404);
  });

  it('serves the policy, its clock and period, and what an agent used by the gateway’s count', async () => {
    const policy = await h.get(`/v1/accounts/${ZENDESK}/policy`);
    expect(policy.status).toBe(200);
    const parsed = GatewayPolicy.parse(policy.json);
    expect(parsed.now).toBe(new Date(h.clock.now).toISOString());
    expect(parsed.executors).toEqual(['webhook']);
    expect(parsed.period.end).toBe(new Date(h.clock.now - (h.clock.now % DAY_MS) + DAY_MS).toISOString());
    const ticket = h.ticket(31);
    expect((await verdict(ticket, writeNote(h, ticket, h.ada, { amount: 1200 }))).status).toBe('executed');
    const authority = await h.get(
      `/v1/accounts/${ZENDESK}/agents/${h.ada.id}/authority?customer=${ticket.requesterId}`,
    );
    expect(GatewayAuthority.parse(authority.json)).toMatchObject({
      tier: 'Rep',
      used: 1200,
      customerUsed: 1200,
      currency: 'USD',
    });
    const none = await h.get(`/v1/accounts/${ZENDESK}/agents/${h.cleo.id}/authority`);
    expect(GatewayAuthority.parse(none.json)).toMatchObject({ tier: null, used: 0, customerUsed: null });
  });

  it('answers malformed submissions with 400 and unknown accounts with a refusal', async () => {
    expect((await h.post({ account: ZENDESK, ticket: 'x', grantId: 'nope' })).status).toBe(400);
    const unknown = await h.post({ account: 'other.zendesk.com', ticket: '1', grantId: crypto.randomUUID() });
    expect(GrantVerdict.parse(unknown.json)).toMatchObject({ status: 'refused', code: 'unknown-account' });
  });
});
