import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPolicy } from '../../../lib/credit/policy';
import type { CreditServiceDeps } from '../../../lib/credit/service';
import { createCreditService } from '../../../lib/credit/service';
import { putMe } from '../../../lib/db/queries';
import { withGrants } from '../../../lib/domain/grant-index';
import { formatMarker } from '../../../lib/domain/markers';
import type { Agent } from '../../../lib/domain/model';
import { agentCreditTag, CREDIT_TAG } from '../../../lib/domain/tags';
import { adapterFor } from '../../../lib/helpdesks/adapters';
import { createScheduler } from '../../../lib/transport/scheduler';
import { createTokenTransport, type TokenCredential } from '../../../lib/transport/token';
import type { Helpdesk, SimTicket } from '../../sim/data/model';
import { applyUpdate } from '../../sim/data/mutate';
import { type Simulator, startSimulator } from '../../sim/server';
import { simBackedFetch } from '../transport/sim-browser';
import { fakeLocks, freshDb, TEST_POLICY, uuid } from './fakes';

/**
 * Issue 17's budget "cost of one rep's ledger refresh independent of team size": Ada's
 * refresh through the real scheduler, token transport and adapters against the
 * simulator, counted in the simulator's request log, beside a team of 10 and of 200
 * reps' grants (the same own grants each time). Each `*.sim.test.ts` that calls this runs
 * in its own module scope, so the adapters' hourly cache of the account's ledger field
 * starts empty: one file with the field, one without.
 */
let sim: Simulator;
let field: string | null = null;

/** Ada in a fresh browser profile: her first refresh of the period reads it all. */
async function adaProfile(helpdesk: Helpdesk) {
  const account = sim.data.accountOf(helpdesk);
  const ada = sim.data.userByEmail(account.host, 'ada@acme.test');
  if (!ada) throw new Error('the simulator has no Ada');
  const credential: TokenCredential =
    helpdesk === 'zendesk'
      ? { helpdesk, email: ada.email, token: account.apiToken }
      : { helpdesk, apiKey: ada.apiKey ?? '' };
  const scheduler = createScheduler({
    transport: createTokenTransport({ fetch: simBackedFetch(sim), credential: async () => credential }),
  });
  const deps: CreditServiceDeps = {
    db: freshDb(),
    adapterFor,
    client: (a, priority) => scheduler.client(a.account, { priority }),
    now: Date.now,
    loadPolicy: async () => readPolicy(undefined, TEST_POLICY),
    needsCredentials: async () => false,
    withLock: fakeLocks(),
    fetch: simBackedFetch(sim),
    changed: () => undefined,
  };
  const me: Agent = { helpdesk, account: account.host, id: ada.id, name: ada.name, email: ada.email };
  await putMe(deps.db, account.host, me, Date.now());
  return { service: createCreditService(deps), host: account.host, me };
}

let grantCount = 0;

/** A grant as a browser leaves it: the note with its marker, then both tags and, where the account has it, its ledger line. */
function grantOn(ticket: SimTicket, agentId: string, amount: number): void {
  const id = uuid(++grantCount);
  const marker = formatMarker({
    kind: 'credit',
    id,
    amount,
    currency: 'USD',
    agent: agentId,
    customer: ticket.requesterId,
    reason: 'late delivery',
  });
  const tags = [...new Set([...ticket.tags, CREDIT_TAG, agentCreditTag(agentId)])];
  applyUpdate(
    sim.data,
    ticket,
    agentId,
    {},
    { authorId: agentId, body: `Credit\n\n${marker}`, public: false, incoming: false },
  );
  const noted = sim.data.thread(ticket).comments.at(-1)?.createdAt ?? new Date().toISOString();
  const line = { id, agentId, customerId: ticket.requesterId, amount, currency: 'USD', at: noted };
  const before = field === null ? null : ticket.customFields[field];
  const customFields =
    field === null ? {} : { [field]: withGrants(typeof before === 'string' ? before : null, [line]) };
  applyUpdate(sim.data, ticket, agentId, { tags, customFields });
}

/** Live tickets without a grant of `agentId`, in a stable order. */
const ticketsWithout = (helpdesk: Helpdesk, agentId: string): SimTicket[] =>
  [...sim.data.accountOf(helpdesk).tickets.values()].filter(
    (t) => !t.archived && !t.tags.includes(agentCreditTag(agentId)),
  );

/** Team reps are numbered ids of their own, two grants each, on tickets they share; never Ada's to read. */
function teamGrants(helpdesk: Helpdesk, adaId: string, fromRep: number, toRep: number): void {
  const tickets = ticketsWithout(helpdesk, adaId);
  for (let rep = fromRep; rep < toRep; rep++)
    for (const n of [0, 1]) {
      const ticket = tickets[(rep * 2 + n) % tickets.length] as SimTicket;
      grantOn(ticket, String(900_000 + rep), 500);
    }
}

async function countedRefresh(profile: Awaited<ReturnType<typeof adaProfile>>) {
  sim.control.resetLog();
  const result = await profile.service.refreshLedger(profile.host, profile.me.helpdesk);
  const routes = sim.control.log().entries.map((e) => e.route);
  return { result, routes };
}

/** The cost test on both helpdesks, with the simulator's accounts holding the ledger field or not. */
export function ownLedgerCost(withField: boolean): void {
  beforeAll(async () => {
    sim = await startSimulator({ seed: 17, size: 'demo', ledgerField: withField });
  });
  afterAll(() => sim.close());

  describe.each<Helpdesk>(['zendesk', 'freshdesk'])('one rep’s ledger refresh on %s', (helpdesk) => {
    it(`costs the same requests beside a team of 10 and of 200 reps’ grants (same own grants), ${withField ? 'with' : 'without'} the ledger field`, async () => {
      const account = sim.data.accountOf(helpdesk);
      field = account.ticketFields.find((f) => f.title === 'Frontline ledger')?.key ?? null;
      expect(field !== null).toBe(withField);
      const ada = sim.data.userByEmail(account.host, 'ada@acme.test');
      if (!ada) throw new Error('no Ada');
      for (const ticket of ticketsWithout(helpdesk, ada.id).slice(0, 3)) grantOn(ticket, ada.id, 300);
      teamGrants(helpdesk, ada.id, 0, 10);

      // The account's settings (ticket_fields: Freshdesk statuses, the ledger field) are read once
      // an hour per account, not per refresh: read before counting.
      await (await adaProfile(helpdesk)).service.refreshLedger(account.host, helpdesk);
      const small = await adaProfile(helpdesk);
      const first10 = await countedRefresh(small);
      const again10 = await countedRefresh(small);

      teamGrants(helpdesk, ada.id, 10, 200);
      const large = await adaProfile(helpdesk);
      const first200 = await countedRefresh(large);
      const again200 = await countedRefresh(large);

      expect(first10.result).toEqual(
        withField
          ? { tickets: 3, indexed: 3, read: 0, found: 3 }
          : { tickets: 3, indexed: 0, read: 3, found: 3 },
      );
      expect(first200.result).toEqual(first10.result);
      expect(first200.routes).toEqual(first10.routes);
      expect(again200.routes).toEqual(again10.routes);
      // One search, and a thread read per own ticket the first time only without the field; one search after.
      const search = helpdesk === 'zendesk' ? 'GET /api/v2/search' : 'GET /api/v2/search/tickets';
      expect(first10.routes.filter((r) => r === search)).toHaveLength(1);
      expect(first10.routes).toHaveLength(withField ? 1 : 4);
      expect(again10.routes).toEqual([search]);
    });
  });
}
