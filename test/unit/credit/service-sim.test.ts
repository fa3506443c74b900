import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRANT_KIND } from '../../../lib/credit/outbox';
import { readPolicy } from '../../../lib/credit/policy';
import type { CreditServiceDeps } from '../../../lib/credit/service';
import { createCreditService } from '../../../lib/credit/service';
import { grantRow } from '../../../lib/db/grant-queries';
import type { FrontlineDb } from '../../../lib/db/schema';
import { entryMarker } from '../../../lib/domain/markers';
import type { Agent } from '../../../lib/domain/model';
import { refKey, type TicketRef } from '../../../lib/domain/ticket-ref';
import { adapterFor } from '../../../lib/helpdesks/adapters';
import { createScheduler } from '../../../lib/transport/scheduler';
import { createTokenTransport, type TokenCredential } from '../../../lib/transport/token';
import type { Helpdesk } from '../../sim/data/model';
import { type Simulator, startSimulator } from '../../sim/server';
import { simFetch } from '../../sim/testing/client';
import { fakeLocks, freshDb, TEST_POLICY, uuid } from './fakes';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, size: 'tiny' });
});
afterAll(async () => {
  await sim.close();
});

/** fetch as the background would send it, with the simulator standing in for every https host. */
const simBackedFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
  const url = new URL(String(input));
  const response = await simFetch(sim, url.hostname, url.pathname + url.search, {
    method: init?.method ?? 'GET',
    headers: Object.fromEntries(new Headers(init?.headers).entries()),
    ...(init?.body === undefined || init.body === null ? {} : { body: String(init.body) }),
  });
  const empty = response.status === 204 || response.status === 304;
  return new Response(empty ? null : response.body, { status: response.status, headers: response.headers });
}) as typeof fetch;

const POLICY = {
  ...TEST_POLICY,
  undoSeconds: 0,
  billingWebhook: { url: 'https://billing.example.com/__sim/billing', secret: 'a-very-long-shared-secret' },
};

function profile(helpdesk: Helpdesk, db: FrontlineDb = freshDb()) {
  const account = sim.data.accountOf(helpdesk);
  const ada = sim.data.userByEmail(account.host, 'ada@acme.test');
  if (!ada) throw new Error('the simulator has no Ada');
  const credential: TokenCredential =
    helpdesk === 'zendesk'
      ? { helpdesk, email: ada.email, token: account.apiToken }
      : { helpdesk, apiKey: ada.apiKey ?? '' };
  const scheduler = createScheduler({
    transport: createTokenTransport({ fetch: simBackedFetch, credential: async () => credential }),
  });
  const deps: CreditServiceDeps = {
    db,
    adapterFor,
    client: (a, priority) => scheduler.client(a.account, { priority }),
    now: Date.now,
    loadPolicy: async () => readPolicy(undefined, POLICY),
    needsCredentials: async () => false,
    withLock: fakeLocks(),
    fetch: simBackedFetch,
    changed: () => undefined,
  };
  const me: Agent = { helpdesk, account: account.host, id: ada.id, name: ada.name, email: ada.email };
  return { deps, me, service: createCreditService(deps) };
}

describe.each<Helpdesk>(['zendesk', 'freshdesk'])(
  'the credit service against the %s simulator',
  (helpdesk) => {
    const grantId = uuid(helpdesk === 'zendesk' ? 1 : 2);

    const creditNotes = (ticket: TicketRef) =>
      sim.data
        .comments(ticket.account, ticket.id)
        .map((c) => entryMarker({ public: c.public, fromCustomer: c.incoming, text: c.body }))
        .filter((m) => m?.kind === 'credit' && m.id === grantId);

    it('records a grant once (marker, tag, webhook), even when the worker dies after the POST', async () => {
      sim.control.reset();
      const simTicket = sim.data.sampleTicket(helpdesk);
      const ticket: TicketRef = { helpdesk, account: simTicket.account, id: simTicket.id };
      const one = profile(helpdesk);
      const cmd = { grantId, ticket, amount: 1000, reason: 'late delivery' };
      expect(await one.service.grant(cmd, one.me, simTicket.requesterId)).toEqual({ ok: true });
      expect(await one.service.drain()).toBeNull();

      expect(creditNotes(ticket)).toEqual([
        {
          kind: 'credit',
          id: grantId,
          amount: 1000,
          currency: 'USD',
          agent: one.me.id,
          customer: simTicket.requesterId,
          reason: 'late delivery',
        },
      ]);
      expect(sim.data.ticket(ticket.account, ticket.id)?.tags).toContain('frontline_credit');
      const billed = sim.control.billing.received();
      expect(billed).toHaveLength(1);
      expect(billed[0]?.headers['idempotency-key']).toBe(grantId);
      expect((await one.deps.db.grants.get(grantId))?.state).toBe('recorded');

      // Killed after the POST and the note, before `recorded` was stored: the outbox still holds it.
      const stored = await one.deps.db.grants.get(grantId);
      if (!stored) throw new Error('the grant is gone');
      await one.deps.db.grants.put(grantRow({ ...stored.grant, state: 'committing' }));
      await one.deps.db.outbox.put({
        id: grantId,
        kind: GRANT_KIND,
        caseKey: refKey(ticket),
        payload: { agentName: one.me.name, undoUntil: 0 },
        createdAt: 0,
        nextAttemptAt: 0,
        attempts: 0,
        lastError: null,
      });
      const restarted = profile(helpdesk, one.deps.db);
      expect(await restarted.service.drain()).toBeNull();
      expect(creditNotes(ticket)).toHaveLength(1);
      expect(sim.control.billing.received()).toHaveLength(1);
      expect((await one.deps.db.grants.get(grantId))?.state).toBe('recorded');

      // A second profile finds it through search and sees the same remaining authority.
      const two = profile(helpdesk);
      const before = await two.service.view(ticket, two.me, simTicket.requesterId);
      sim.control.resetLog();
      const refreshed = await two.service.refreshLedger(ticket.account, helpdesk);
      const after = await two.service.view(ticket, two.me, simTicket.requesterId);
      expect(refreshed.found).toBeGreaterThanOrEqual(1);
      expect(after.authority?.remainingThisPeriod).toBe((before.authority?.remainingThisPeriod ?? 0) - 1000);
      const searches = sim.control.log().entries.filter((e) => e.path.includes('search'));
      expect(searches.length).toBeGreaterThanOrEqual(1);
      expect(searches.length).toBeLessThanOrEqual(10);
    });
  },
);
