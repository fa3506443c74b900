import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { classifyFailure } from '../../../lib/credit/failure';
import { BILLING_KIND, GRANT_KIND } from '../../../lib/credit/outbox';
import { createCreditService } from '../../../lib/credit/service';
import { putCaseContext } from '../../../lib/db/queries';
import type { Case } from '../../../lib/domain/model';
import type { TicketRef } from '../../../lib/domain/ticket-ref';
import { HelpdeskError } from '../../../lib/helpdesks/http';
import { IN_FLIGHT_GUARD_MS } from '../../../lib/transport/in-flight';
import { CredentialRefused } from '../../../lib/transport/token';
import { ADA, CUSTOMER, fakeLocks, harness, START, TEST_POLICY, TICKET, uuid } from './fakes';

const SECRET = 'a-very-long-shared-secret';
const BILLED = {
  ...TEST_POLICY,
  billingWebhook: { url: 'https://billing.example.com/credits', secret: SECRET },
};

const setup = (options: Parameters<typeof harness>[0] = {}) => {
  const h = harness({ policy: BILLED, ...options });
  return { ...h, service: createCreditService(h.deps) };
};
type Setup = ReturnType<typeof setup>;

const grantCmd = (n: number, ticket: TicketRef = TICKET) => ({
  grantId: uuid(n),
  ticket,
  amount: 1000,
  reason: 'late delivery',
});

async function grantAndCommit(s: Setup, n: number) {
  expect(await s.service.grant(grantCmd(n), ADA, CUSTOMER)).toEqual({ ok: true });
  s.clock.now += 5_000;
  return s.service.drain();
}

const used = async (s: Setup) => (await s.service.view(TICKET, ADA, CUSTOMER)).authority?.usedThisPeriod;
const closedZendesk = () =>
  new HelpdeskError('invalid', 'PUT /api/v2/tickets/:id', 'Status: closed prevents ticket update', 422);

describe('record before money (finding 1)', () => {
  it('the note is written before the billing webhook is called', async () => {
    const s = setup();
    const order: string[] = [];
    const write = s.helpdesk.adapter.addPrivateNote;
    s.helpdesk.adapter.addPrivateNote = async (...args) => {
      order.push('note');
      return write(...args);
    };
    const bill = s.deps.fetch;
    s.deps.fetch = async (...args) => {
      order.push('billing');
      return bill(...args);
    };
    await grantAndCommit(s, 1);
    expect(order).toEqual(['note', 'billing']);
    expect((await s.deps.db.grants.get(uuid(1)))?.state).toBe('recorded');
    expect(await s.deps.db.outbox.count()).toBe(0);
  });

  it.each([
    ['a closed Zendesk ticket (422)', closedZendesk()],
    ['no access (403)', new HelpdeskError('forbidden', 'PUT /api/v2/tickets/:id', 'Forbidden', 403)],
    ['a deleted ticket (404)', new HelpdeskError('not-found', 'PUT /api/v2/tickets/:id', 'gone', 404)],
  ])(
    'a note refused for good by %s makes no billing call and releases the reservation',
    async (_name, error) => {
      const s = setup();
      s.helpdesk.failNext('addPrivateNote', error);
      await grantAndCommit(s, 1);
      expect(s.billing.calls).toEqual([]);
      expect((await s.deps.db.grants.get(uuid(1)))?.state).toBe('failed');
      expect(await used(s)).toBe(0);
      expect(await s.deps.db.outbox.count()).toBe(0);
    },
  );

  it('five grants on a closed ticket make no billing call at all', async () => {
    const s = setup();
    for (let n = 1; n <= 5; n++) {
      s.helpdesk.failNext('addPrivateNote', closedZendesk());
      await grantAndCommit(s, n);
    }
    expect(s.billing.calls).toEqual([]);
  });

  it('billing answered 2xx and the worker died right after: the re-run never calls billing again nor releases', async () => {
    const s = setup();
    await s.service.grant(grantCmd(1), ADA, CUSTOMER);
    s.clock.now += 5_000;
    // The kill: everything after billing's answer was noted (the worker's last act) is lost.
    s.deps.changed = (ticket) => {
      if (s.billing.calls.length > 0) throw new Error('worker killed');
      s.changed.push(ticket.id);
    };
    await s.service.drain();
    expect(s.billing.calls).toHaveLength(1);
    const restarted = createCreditService({ ...s.deps, changed: () => undefined, withLock: fakeLocks() });
    s.clock.now += IN_FLIGHT_GUARD_MS;
    expect(await restarted.drain()).toBeNull();
    expect(s.billing.calls).toHaveLength(1);
    expect(s.helpdesk.notesOn(TICKET)).toHaveLength(1);
    expect((await s.deps.db.grants.get(uuid(1)))?.state).toBe('recorded');
    expect(await used(s)).toBe(1000);
  });

  it('billing’s answer lost with the worker: one re-send, same Idempotency-Key, after the in-flight guard, never released', async () => {
    const s = setup();
    const bill = s.deps.fetch;
    // Billing takes the first call, but the worker dies before its answer arrives.
    s.deps.fetch = (...args) => {
      void bill(...args);
      return new Promise<Response>(() => undefined);
    };
    await s.service.grant(grantCmd(1), ADA, CUSTOMER);
    s.clock.now += 5_000;
    void s.service.drain();
    await expect.poll(() => s.billing.calls.length).toBe(1);
    s.deps.fetch = bill;
    const restarted = createCreditService({ ...s.deps, withLock: fakeLocks() });
    // Too early: the first call might still be answered.
    expect(await restarted.drain()).toBeGreaterThan(s.clock.now);
    expect(s.billing.calls).toHaveLength(1);
    expect((await s.deps.db.grants.get(uuid(1)))?.state).toBe('recorded');
    expect(await used(s)).toBe(1000);
    s.clock.now += IN_FLIGHT_GUARD_MS;
    expect(await restarted.drain()).toBeNull();
    expect(s.billing.calls.map((c) => c.headers['idempotency-key'])).toEqual([uuid(1), uuid(1)]);
    expect(s.helpdesk.notesOn(TICKET)).toHaveLength(1);
  });

  it('a worker killed after the note and before billing bills once on restart, without a second note', async () => {
    const s = setup();
    await s.service.grant(grantCmd(1), ADA, CUSTOMER);
    s.clock.now += 5_000;
    s.deps.fetch = () => new Promise<Response>(() => undefined);
    s.deps.changed = (ticket) => {
      if (s.helpdesk.notesOn(TICKET).length > 0) throw new Error('worker killed');
      s.changed.push(ticket.id);
    };
    await s.service.drain();
    expect(s.helpdesk.notesOn(TICKET)).toHaveLength(1);
    const restarted = createCreditService({
      ...s.deps,
      fetch: s.billing.fetch,
      changed: () => undefined,
      withLock: fakeLocks(),
    });
    s.clock.now += IN_FLIGHT_GUARD_MS;
    expect(await restarted.drain()).toBeNull();
    expect(s.billing.calls).toHaveLength(1);
    expect(s.helpdesk.notesOn(TICKET)).toHaveLength(1);
    expect((await s.deps.db.grants.get(uuid(1)))?.state).toBe('recorded');
  });

  it('billing’s transient failures are retried with backoff and the same Idempotency-Key; the grant says recorded, billing pending', async () => {
    const s = setup();
    s.billing.statuses.push(503, 'network');
    expect(await grantAndCommit(s, 1)).toBe(s.clock.now + 2_000);
    expect(s.helpdesk.notesOn(TICKET)).toHaveLength(1);
    const view = await s.service.view(TICKET, ADA, CUSTOMER);
    expect(view.grants[0]).toMatchObject({
      state: 'recorded',
      error: expect.stringMatching(/^Billing not told yet: .*503/),
    });
    expect(view.authority?.usedThisPeriod).toBe(1000);
    expect((await s.deps.db.outbox.get(uuid(1)))?.kind).toBe(BILLING_KIND);
    s.clock.now += 2_000;
    expect(await s.service.drain()).toBe(s.clock.now + 4_000);
    s.clock.now += 4_000;
    expect(await s.service.drain()).toBeNull();
    expect(s.billing.calls.map((c) => c.headers['idempotency-key'])).toEqual([uuid(1), uuid(1), uuid(1)]);
    expect(s.helpdesk.notesOn(TICKET)).toHaveLength(1);
    expect((await s.service.view(TICKET, ADA, CUSTOMER)).grants[0]).toMatchObject({
      state: 'recorded',
      error: null,
    });
  });

  it('billing refusing a recorded credit (4xx) keeps it recorded and reserved, and says so', async () => {
    const s = setup();
    s.billing.statuses.push(422);
    await grantAndCommit(s, 1);
    const view = await s.service.view(TICKET, ADA, CUSTOMER);
    expect(view.grants[0]).toMatchObject({
      state: 'recorded',
      error: expect.stringMatching(/billing did not take it: The billing system refused the credit \(422\)/),
    });
    expect(view.authority?.usedThisPeriod).toBe(1000);
    expect(await s.deps.db.outbox.count()).toBe(0);
  });

  it('the billing call is signed over timestamp, grant id and body', async () => {
    const s = setup();
    await grantAndCommit(s, 1);
    const [call] = s.billing.calls;
    const t = Math.floor(s.clock.now / 1000);
    const v1 = createHmac('sha256', SECRET)
      .update(`${t}.${uuid(1)}.${call?.body}`)
      .digest('hex');
    expect(call?.headers['frontline-signature']).toBe(`t=${t},v1=${v1}`);
    expect(call?.headers['idempotency-key']).toBe(uuid(1));
  });
});

const cached = (status: Case['status'], archived = false, ref: TicketRef = TICKET): Case => ({
  ref,
  subject: 'Where is my parcel',
  status,
  rawStatus: status,
  priority: null,
  channel: null,
  createdAt: new Date(START - 86_400_000).toISOString(),
  updatedAt: new Date(START - 3_600_000).toISOString(),
  requesterId: CUSTOMER,
  assigneeId: null,
  groupId: null,
  tags: [],
  archived,
});

async function cache(s: Setup, item: Case) {
  await putCaseContext(
    s.deps.db,
    {
      case: item,
      requester: {
        helpdesk: item.ref.helpdesk,
        account: item.ref.account,
        id: CUSTOMER,
        name: 'Maya',
        email: null,
        organization: null,
      },
      agents: [],
      groups: [],
    },
    START,
  );
}

describe('tickets the helpdesk would refuse are refused up front (finding 1)', () => {
  it.each([
    ['a closed Zendesk ticket', cached('closed'), /This ticket is closed: Zendesk accepts no changes/],
    ['an archived ticket', cached('closed', true), /This ticket is archived/],
    [
      'an archived Freshdesk ticket',
      cached('closed', true, { helpdesk: 'freshdesk', account: 'acme.freshdesk.com', id: '42' }),
      /archived: Freshdesk/,
    ],
  ])(
    '%s: the view says why, grant and approval request are refused, nothing queued or billed',
    async (_name, item, reason) => {
      const s = setup();
      await cache(s, item);
      const me = { ...ADA, helpdesk: item.ref.helpdesk, account: item.ref.account };
      const view = await s.service.view(item.ref, me, CUSTOMER);
      expect(view.disabledReason).toMatch(reason);
      expect(view.policy).toBeNull();
      expect(await s.service.grant(grantCmd(1, item.ref), me, CUSTOMER)).toEqual({
        ok: false,
        message: expect.stringMatching(reason),
      });
      expect(
        await s.service.requestApproval({ ...grantCmd(2, item.ref), requestId: uuid(2) }, me, CUSTOMER),
      ).toEqual({ ok: false, message: expect.stringMatching(reason) });
      expect(await s.deps.db.outbox.count()).toBe(0);
      await s.service.drain();
      expect(s.billing.calls).toEqual([]);
    },
  );

  it('an open, a solved, or a closed (not archived) Freshdesk ticket still takes credits', async () => {
    const s = setup();
    await cache(s, cached('solved'));
    expect(await s.service.grant(grantCmd(1), ADA, CUSTOMER)).toEqual({ ok: true });
    const fd: TicketRef = { helpdesk: 'freshdesk', account: 'acme.freshdesk.com', id: '7' };
    await cache(s, cached('closed', false, fd));
    expect(
      (await s.service.view(fd, { ...ADA, helpdesk: 'freshdesk', account: fd.account }, CUSTOMER))
        .disabledReason,
    ).toBeNull();
  });
});

describe('a refused key waits for a new one (finding 7)', () => {
  const refused = () => new CredentialRefused('freshdesk', 'POST /api/v2/tickets/:id/notes', 401);

  it('401 with a stored key is a credential failure, not “signed out”', () => {
    expect(classifyFailure(refused())).toEqual({
      permanent: false,
      credential: true,
      message: 'Freshdesk refused your API key (401). Enter a new key to send this credit.',
    });
    // A Zendesk write can still go through the rep's open tab: a refused token delays it, with a reason.
    const zendesk = classifyFailure(new CredentialRefused('zendesk', 'PUT /api/v2/tickets/:id', 401));
    expect(zendesk).toMatchObject({ permanent: false, credential: false });
    expect(zendesk.message).toMatch(/^Zendesk refused the API token \(401\)/);
  });

  it('401 with a stored key: the grant says what to do, the row waits (not failed, not retried), and goes out once after a new key', async () => {
    const s = setup();
    let keyRefused = false;
    s.deps.needsCredentials = async () => keyRefused;
    const write = s.helpdesk.adapter.addPrivateNote;
    s.helpdesk.adapter.addPrivateNote = async (...args) => {
      if (keyRefused) throw new Error('sent with a refused key');
      return write(...args);
    };
    // The tag follows the note only once it has landed: the refused note is the one write sent.
    s.helpdesk.failNext('addPrivateNote', refused());
    // The transport remembers the refusal as it throws.
    const failing = s.helpdesk.adapter.addPrivateNote;
    s.helpdesk.adapter.addPrivateNote = async (...args) => {
      try {
        return await failing(...args);
      } catch (error) {
        if (error instanceof CredentialRefused) keyRefused = true;
        throw error;
      }
    };
    await grantAndCommit(s, 1);
    const view = await s.service.view(TICKET, ADA, CUSTOMER);
    expect(view.needsCredentials).toBe(true);
    expect(view.grants[0]).toMatchObject({
      state: 'committing',
      error: 'Freshdesk refused your API key (401). Enter a new key to send this credit.',
    });
    const row = await s.deps.db.outbox.get(uuid(1));
    expect(row?.kind).toBe(GRANT_KIND);
    // Hours pass: nothing is sent with the refused key, and nothing fails.
    for (let i = 0; i < 3; i++) {
      s.clock.now += 2 * 60 * 60_000;
      await s.service.drain();
    }
    expect(s.helpdesk.notesOn(TICKET)).toHaveLength(0);
    expect((await s.deps.db.grants.get(uuid(1)))?.state).toBe('committing');
    expect(s.billing.calls).toEqual([]);
    // The rep saves a new key: the outbox drains, and the credit is recorded once.
    keyRefused = false;
    expect(await s.service.drain()).toBeNull();
    expect(s.helpdesk.notesOn(TICKET)).toHaveLength(1);
    expect((await s.deps.db.grants.get(uuid(1)))?.state).toBe('recorded');
    expect(s.billing.calls).toHaveLength(1);
  });
});
