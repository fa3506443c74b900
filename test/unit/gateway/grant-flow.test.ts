import { describe, expect, it } from 'vitest';
import { CREDIT_PENDING } from '../../../lib/credit/credit-view';
import { policyInForce } from '../../../lib/credit/gateway-policy';
import { ACCEPTED_RECHECK_MS } from '../../../lib/credit/gateway-submit';
import { GATEWAY_APPROVAL_KIND, GATEWAY_KIND, REFUSAL_KIND } from '../../../lib/credit/outbox';
import { createCreditService } from '../../../lib/credit/service';
import { grantsInEntries } from '../../../lib/credit/tagged-grants';
import { recordTicketGrants } from '../../../lib/credit/ticket-grants';
import { getGrant } from '../../../lib/db/grant-queries';
import type { FrontlineDb } from '../../../lib/db/schema';
import { findMarker } from '../../../lib/domain/markers';
import { HelpdeskError } from '../../../lib/helpdesks/http';
import { IN_FLIGHT_GUARD_MS } from '../../../lib/transport/in-flight';
import { ADA, CUSTOMER, fakeHelpdesk, harness, START, TEST_POLICY, TICKET, uuid } from '../credit/fakes';
import { fakeGateway, GATEWAY_URL, memoryCache } from './fake-gateway';

const PERIOD = { start: '2023-11-13T05:00:00.000Z', end: '2023-11-20T05:00:00.000Z' };

/**
 * The credit service in gateway mode over a fake helpdesk and a fake gateway. `restart`
 * builds a new service over the same database and gateway: a worker that died and came back.
 */
function gatewaySetup(managed: unknown = { gateway: { url: GATEWAY_URL } }) {
  const clock = { now: START };
  const gateway = fakeGateway(() => clock.now);
  const storage = memoryCache();
  const helpdesk = fakeHelpdesk(() => clock.now);
  const build = (db?: FrontlineDb) => {
    const h = harness({ clock, helpdesk, policy: TEST_POLICY, ...(db === undefined ? {} : { db }) });
    const cache = { fetch: gateway.fetch, now: () => clock.now, read: storage.read, write: storage.write };
    h.deps.fetch = gateway.fetch;
    h.deps.loadPolicy = (account?: string) =>
      policyInForce({ managed, local: TEST_POLICY, managedSeen: false }, account, cache);
    return { ...h, service: createCreditService(h.deps) };
  };
  const first = build();
  const grantCalls = () => gateway.calls.filter((c) => c.path === '/v1/grants');
  return { ...first, gateway, restart: () => build(first.deps.db), grantCalls };
}

type Setup = ReturnType<typeof gatewaySetup>;

async function grantAndDrain(s: Pick<Setup, 'service' | 'clock'>, n: number, amount = 1000) {
  const cmd = { grantId: uuid(n), ticket: TICKET, amount, reason: 'late delivery' };
  expect(await s.service.grant(cmd, ADA, CUSTOMER)).toEqual({ ok: true });
  s.clock.now += 5_000;
  await s.service.drain();
}

const viewOf = async (s: Pick<Setup, 'service'>) => s.service.view(TICKET, ADA, CUSTOMER);

describe('a grant in gateway mode', () => {
  it('is submitted to the gateway after its note, by ids only, instead of the billing webhook', async () => {
    const s = gatewaySetup();
    await grantAndDrain(s, 1);
    expect(s.grantCalls()).toEqual([
      {
        method: 'POST',
        path: '/v1/grants',
        body: { account: TICKET.account, ticket: TICKET.id, grantId: uuid(1) },
      },
    ]);
    // The note went first: the gateway reads it.
    expect(s.helpdesk.notesOn(TICKET).map((e) => findMarker(e.text, true)?.kind)).toEqual(['credit']);
    expect(s.gateway.calls.some((c) => c.path.includes('billing'))).toBe(false);
    const stored = await getGrant(s.deps.db, uuid(1));
    expect(stored?.grant).toMatchObject({
      state: 'recorded',
      gateway: { status: 'executed', executor: 'stripe', reference: 'cbtxn_000001' },
    });
    expect(await s.deps.db.outbox.count()).toBe(0);
    const view = await viewOf(s);
    expect(view.grants[0]).toMatchObject({
      state: 'recorded',
      credited: 'Credited (cbtxn_000001).',
      error: null,
    });
    expect(view.policy?.enforced).toBe(true);
  });

  it('without a gateway the view says the limits are not enforced', async () => {
    const s = gatewaySetup(null);
    await grantAndDrain(s, 1);
    expect(s.grantCalls()).toEqual([]);
    expect((await viewOf(s)).policy?.enforced).toBe(false);
  });

  it('an unreachable gateway keeps the submission in the outbox, across a worker restart, and it is sent once answered', async () => {
    const s = gatewaySetup();
    await s.service.view(TICKET, ADA, CUSTOMER); // the policy is cached while the gateway answers
    s.gateway.queue('grants', 'network', {
      status: 503,
      body: { error: 'helpdesk', message: 'down', retryAfterSeconds: 5 },
    });
    await grantAndDrain(s, 1);
    const row = await s.deps.db.outbox.get(uuid(1));
    expect(row).toMatchObject({
      kind: GATEWAY_KIND,
      attempts: 1,
      lastError: expect.stringMatching(/could not be reached/),
    });
    expect((await viewOf(s)).grants[0]).toMatchObject({
      state: 'recorded',
      error: expect.stringMatching(/Not checked by the credit gateway yet/),
    });

    const again = s.restart();
    s.clock.now += 10 * 60_000;
    await again.service.drain();
    expect(await again.deps.db.outbox.get(uuid(1))).toMatchObject({ kind: GATEWAY_KIND, attempts: 2 });
    s.clock.now += 60 * 60_000;
    await again.service.drain();
    expect(s.grantCalls().map((c) => (c.body as { grantId: string }).grantId)).toEqual([
      uuid(1),
      uuid(1),
      uuid(1),
    ]);
    expect((await getGrant(again.deps.db, uuid(1)))?.grant.gateway).toMatchObject({ status: 'executed' });
    expect(await again.deps.db.outbox.count()).toBe(0);
    // One note: the submission never writes the grant again.
    expect(s.helpdesk.notesOn(TICKET)).toHaveLength(1);
  });

  it('a worker that died mid-submission submits again once the call can no longer land (same grant id)', async () => {
    const s = gatewaySetup();
    s.gateway.queue('grants', 'network');
    await grantAndDrain(s, 1);
    const again = s.restart();
    s.clock.now += IN_FLIGHT_GUARD_MS + 60 * 60_000;
    await again.service.drain();
    expect(s.grantCalls()).toHaveLength(2);
    expect((await getGrant(again.deps.db, uuid(1)))?.grant.gateway?.status).toBe('executed');
  });

  it('accepted: "credit pending", asked again later until the money moved', async () => {
    const s = gatewaySetup();
    s.gateway.verdicts.set(uuid(1), { status: 'accepted', grantId: uuid(1), period: PERIOD });
    await grantAndDrain(s, 1);
    expect((await viewOf(s)).grants[0]).toMatchObject({ state: 'recorded', error: CREDIT_PENDING });
    expect(await s.deps.db.outbox.get(uuid(1))).toMatchObject({ kind: GATEWAY_KIND });
    s.gateway.verdicts.delete(uuid(1));
    s.clock.now += ACCEPTED_RECHECK_MS;
    await s.service.drain();
    expect((await viewOf(s)).grants[0]).toMatchObject({ credited: 'Credited (cbtxn_000001).', error: null });
    expect(await s.deps.db.outbox.count()).toBe(0);
  });

  it('a request the gateway refuses outright (4xx) leaves the grant recorded, saying so', async () => {
    const s = gatewaySetup();
    s.gateway.queue('grants', {
      status: 400,
      body: { error: 'bad-request', message: 'ticket must be a helpdesk ticket id' },
    });
    await grantAndDrain(s, 1);
    const grant = (await getGrant(s.deps.db, uuid(1)))?.grant;
    expect(grant).toMatchObject({
      state: 'recorded',
      error: expect.stringMatching(/did not take it.*ticket must be/),
    });
    expect(await s.deps.db.outbox.count()).toBe(0);
  });

  it('an answer for another grant id is not believed', async () => {
    const s = gatewaySetup();
    s.gateway.verdicts.set(uuid(1), { status: 'accepted', grantId: uuid(2), period: PERIOD });
    await grantAndDrain(s, 1);
    expect((await getGrant(s.deps.db, uuid(1)))?.grant.gateway).toBeUndefined();
  });
});

describe('a refused grant', () => {
  const refuse = (s: Setup, n: number) =>
    s.gateway.verdicts.set(uuid(n), {
      status: 'refused',
      grantId: uuid(n),
      code: 'over-period',
      message: 'This credit is over your limit for this week.',
    });

  it('shows the gateway’s message, stops counting, and the refusal is written on the ticket once', async () => {
    const s = gatewaySetup();
    refuse(s, 1);
    await grantAndDrain(s, 1);
    const view = await viewOf(s);
    expect(view.grants[0]).toMatchObject({
      state: 'failed',
      error: 'Refused by the credit gateway: This credit is over your limit for this week.',
    });
    expect((await getGrant(s.deps.db, uuid(1)))?.grant.gateway).toMatchObject({
      status: 'refused',
      code: 'over-period',
    });
    expect(view.authority?.usedThisPeriod).toBe(0);
    const notes = s.helpdesk.notesOn(TICKET);
    expect(notes.map((e) => findMarker(e.text, true))).toEqual([
      expect.objectContaining({ kind: 'credit', id: uuid(1) }),
      { kind: 'credit-refused', grant: uuid(1), agent: ADA.id, code: 'over-period' },
    ]);
    expect(notes[1]?.text).toMatch(/over your limit for this week/);
    await s.service.drain();
    expect(s.helpdesk.notesOn(TICKET)).toHaveLength(2);
    expect(await s.deps.db.outbox.count()).toBe(0);
  });

  it('the notes count it nowhere: another browser’s ledger, and a thread read here, leave it refused', async () => {
    const s = gatewaySetup();
    refuse(s, 1);
    await grantAndDrain(s, 1);
    const entries = s.helpdesk.notesOn(TICKET);
    expect(grantsInEntries(entries, CUSTOMER).grants).toEqual([]);
    await recordTicketGrants(s.deps, { ref: TICKET, requesterId: CUSTOMER }, entries.slice(0, 1));
    expect((await getGrant(s.deps.db, uuid(1)))?.grant.state).toBe('failed');
  });

  it('a refusal note written by someone else than the grant’s agent does not stop the grant counting', async () => {
    const s = gatewaySetup();
    await grantAndDrain(s, 1);
    const [credit] = s.helpdesk.notesOn(TICKET);
    const forged = {
      ...credit!,
      id: '9999',
      authorId: '777',
      text: `[frontline:credit-refused v1 grant=${uuid(1)} agent=${ADA.id} code=over-period]`,
    };
    expect(grantsInEntries([credit!, forged], CUSTOMER).grants.map((g) => g.id)).toEqual([uuid(1)]);
  });

  it('a refusal note that fails for now is written on a later drain, and a lost answer does not write it twice', async () => {
    const s = gatewaySetup();
    refuse(s, 1);
    const cmd = { grantId: uuid(1), ticket: TICKET, amount: 1000, reason: 'late delivery' };
    expect(await s.service.grant(cmd, ADA, CUSTOMER)).toEqual({ ok: true });
    s.clock.now += 5_000;
    s.helpdesk.failNext('entries', new HelpdeskError('network', 'GET comments', 'offline'));
    await s.service.drain();
    expect(await s.deps.db.outbox.get(uuid(1))).toMatchObject({ kind: REFUSAL_KIND, attempts: 1 });
    s.clock.now += 60 * 60_000;
    await s.service.drain();
    expect(s.helpdesk.notesOn(TICKET).map((e) => findMarker(e.text, true)?.kind)).toEqual([
      'credit',
      'credit-refused',
    ]);
    expect(await s.deps.db.outbox.count()).toBe(0);
  });
});

describe('an approval request in gateway mode', () => {
  const ask = (s: Setup, n: number) =>
    s.service.requestApproval(
      { requestId: uuid(n), ticket: TICKET, amount: 5000, reason: 'damaged item' },
      ADA,
      CUSTOMER,
    );
  const approvalCalls = (s: Setup) => s.gateway.calls.filter((c) => c.path === '/v1/approval-requests');

  it('is submitted to the gateway after its note, by ids only', async () => {
    const s = gatewaySetup();
    expect(await ask(s, 7)).toEqual({ ok: true });
    await s.service.drain();
    expect(s.helpdesk.notesOn(TICKET).map((e) => findMarker(e.text, true)?.kind)).toEqual([
      'approval-request',
    ]);
    expect(approvalCalls(s)).toEqual([
      {
        method: 'POST',
        path: '/v1/approval-requests',
        body: { account: TICKET.account, ticket: TICKET.id, requestId: uuid(7) },
      },
    ]);
    expect(await s.deps.db.outbox.count()).toBe(0);
    expect((await viewOf(s)).approvals[0]?.state).toBe('pending');
  });

  it('an unreachable gateway is tried again from the outbox, without writing the note twice', async () => {
    const s = gatewaySetup();
    s.gateway.queue('approvals', 'network');
    await ask(s, 7);
    await s.service.drain();
    expect(await s.deps.db.outbox.get(uuid(7))).toMatchObject({ kind: GATEWAY_APPROVAL_KIND, attempts: 1 });
    s.clock.now += 60 * 60_000;
    await s.restart().service.drain();
    expect(approvalCalls(s)).toHaveLength(2);
    expect(s.helpdesk.notesOn(TICKET)).toHaveLength(1);
    expect(await s.deps.db.outbox.count()).toBe(0);
  });

  it('without a gateway nothing is submitted', async () => {
    const s = gatewaySetup(null);
    await ask(s, 7);
    await s.service.drain();
    expect(approvalCalls(s)).toEqual([]);
  });
});

describe('the meter in gateway mode', () => {
  const counted = (used: number, customerUsed: number | null) => ({
    agentId: ADA.id,
    tier: 'junior',
    period: PERIOD,
    used,
    customerUsed,
    currency: 'USD',
  });

  it('reads the gateway’s count for this agent and customer, and shows the stricter of it and the notes', async () => {
    const s = gatewaySetup();
    s.gateway.state.authority = counted(7000, 1500);
    const view = await viewOf(s);
    expect(s.gateway.calls.at(-1)?.path).toBe(
      `/v1/accounts/${TICKET.account}/agents/${ADA.id}/authority?customer=${CUSTOMER}`,
    );
    expect(view.authority).toMatchObject({
      usedThisPeriod: 7000,
      remainingThisPeriod: 3000,
      customerRemaining: 500,
      maxGrantNow: 500,
      resetsAt: PERIOD.end,
    });
  });

  it('a grant the gateway has not counted yet still counts here', async () => {
    const s = gatewaySetup();
    s.gateway.queue('grants', 'network');
    await grantAndDrain(s, 1);
    s.gateway.state.authority = counted(0, 0);
    expect((await viewOf(s)).authority).toMatchObject({ usedThisPeriod: 1000, customerRemaining: 1000 });
  });

  it('an unreachable gateway leaves the notes’ count', async () => {
    const s = gatewaySetup();
    await viewOf(s);
    s.gateway.queue('authority', 'network');
    expect((await viewOf(s)).authority).toMatchObject({ usedThisPeriod: 0, remainingThisPeriod: 10000 });
  });

  it('a count in another currency is left out', async () => {
    const s = gatewaySetup();
    s.gateway.state.authority = { ...counted(9000, 0), currency: 'EUR' };
    expect((await viewOf(s)).authority).toMatchObject({ usedThisPeriod: 0 });
  });
});
