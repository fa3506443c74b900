import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreditMarker } from '../../../lib/domain/markers';
import type { GatewayApproval } from '../../../lib/gateway/protocol';
import type { SimTicket, SimUser } from '../../../test/sim/data/model';
import { type Simulator, startSimulator } from '../../../test/sim/server';
import { writeCreditNote } from '../../../test/sim/testing/grants';
import type { GatewayConfigInput } from '../../src/config';
import type { Execution, Executor } from '../../src/executors/executor';
import { helpdeskFetch } from '../../src/helpdesk/network';
import { type RunningGateway, startGateway } from '../../src/start';

export const ZENDESK = 'acme.zendesk.com';
export const DAY_MS = 86_400_000;
/** A fixed day for the gateway's clock; tests move it to keep their periods apart. */
export const DAY_ZERO = Date.parse('2026-12-01T12:00:00Z');

/** Ada: a rep with small limits. Ben: a bulk tier for the concurrency tests. Cleo (admin): the gateway's own user, no tier. */
export const policyFor = (ada: SimUser, ben: SimUser) => ({
  currency: 'USD',
  period: 'day',
  timeZone: 'UTC',
  tiers: [
    { name: 'Rep', perGrant: 5000, perCustomerPerPeriod: 6000, perPeriod: 10000 },
    { name: 'Bulk', perGrant: 5000, perCustomerPerPeriod: 50000, perPeriod: 50000 },
  ],
  agents: [
    { agent: ada.id, tier: 'Rep' },
    { agent: ben.id, tier: 'Bulk' },
  ],
  reasons: ['Goodwill'],
});

/** Counts calls per grant id, as a billing system would see them. */
export function fakeExecutor(): Executor & { calls: Execution[] } {
  const calls: Execution[] = [];
  return {
    name: 'webhook',
    calls,
    async execute(execution) {
      calls.push(execution);
      return { reference: `bill_${execution.grantId.slice(0, 8)}` };
    },
  };
}

/** What the simulator's network needs: its CA in a file and the account hosts mapped to loopback. */
export function simNetwork(sim: Simulator) {
  const dir = mkdtempSync(join(tmpdir(), 'gw-ca-'));
  const caFile = join(dir, 'sim-ca.pem');
  writeFileSync(caFile, sim.ca);
  return {
    caFile,
    resolve: Object.fromEntries([...sim.data.accounts.keys()].map((host) => [host, '127.0.0.1'])),
  };
}

export function simGatewayConfig(
  sim: Simulator,
  overrides: Partial<GatewayConfigInput> = {},
): GatewayConfigInput {
  const account = sim.data.account(ZENDESK);
  const user = (email: string) => sim.data.userByEmail(ZENDESK, email) as SimUser;
  return {
    listen: { host: '127.0.0.1', port: 0 },
    logLevel: 'silent',
    helpdeskNetwork: simNetwork(sim),
    accounts: [
      {
        kind: 'zendesk',
        account: ZENDESK,
        apiBase: `https://${ZENDESK}:${sim.port}`,
        credentials: { email: 'cleo@acme.test', token: account.apiToken },
        requestsPerMinute: 10_000,
        policy: policyFor(user('ada@acme.test'), user('ben@acme.test')),
        executor: 'webhook',
      },
    ],
    ...overrides,
  };
}

/** An account whose policy is invalid: every grant is refused (fail closed). */
export const BROKEN = {
  kind: 'freshdesk' as const,
  account: 'broken.freshdesk.com',
  credentials: { apiKey: 'unused' },
  policy: { currency: 'USD', tiers: [] },
};

export interface Harness {
  sim: Simulator;
  gateway: RunningGateway;
  executor: ReturnType<typeof fakeExecutor>;
  clock: { now: number };
  approvals: Map<string, GatewayApproval>;
  ada: SimUser;
  ben: SimUser;
  cleo: SimUser;
  /** Live tickets of distinct requesters (the tiny data set has three). */
  tickets: SimTicket[];
  /** The n-th live ticket, wrapping round: tests that need no distinct requester share them. */
  ticket(n: number): SimTicket;
  post(body: unknown): Promise<{ status: number; json: Record<string, unknown> }>;
  get(path: string): Promise<{ status: number; json: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startHarness(
  options: {
    database?: GatewayConfigInput['database'];
    extraAccounts?: GatewayConfigInput['accounts'];
    afterExecute?: (grantId: string) => void;
    sim?: Simulator;
    executor?: ReturnType<typeof fakeExecutor>;
    sweepLeaseSeconds?: number;
  } = {},
): Promise<Harness> {
  const sim = options.sim ?? (await startSimulator({ seed: 7, size: 'tiny' }));
  const executor = options.executor ?? fakeExecutor();
  const clock = { now: DAY_ZERO };
  const approvals = new Map<string, GatewayApproval>();
  const base = simGatewayConfig(sim);
  const config = {
    ...base,
    database: options.database ?? {},
    sweepLeaseSeconds: options.sweepLeaseSeconds ?? 120,
    accounts: [...base.accounts, ...(options.extraAccounts ?? [])],
  };
  const gateway = await startGateway(config, {
    now: () => clock.now,
    executors: new Map([['webhook', executor]]),
    approvals: { approvedFor: async (_account, requestId) => approvals.get(requestId) ?? null },
    fetch: helpdeskFetch(config.helpdeskNetwork),
    afterExecute: options.afterExecute,
  });
  const user = (email: string) => sim.data.userByEmail(ZENDESK, email) as SimUser;
  const live = [...sim.data.account(ZENDESK).tickets.values()].filter(
    (t) => !t.archived && t.status !== 'closed',
  );
  const tickets = live.filter((t, i) => live.findIndex((u) => u.requesterId === t.requesterId) === i);
  const call = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${gateway.url}${path}`, init);
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  return {
    sim,
    gateway,
    executor,
    clock,
    approvals,
    ada: user('ada@acme.test'),
    ben: user('ben@acme.test'),
    cleo: user('cleo@acme.test'),
    tickets,
    ticket: (n) => live[n % live.length] as SimTicket,
    post: (body) =>
      call('/v1/grants', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    get: (path) => call(path),
    async close() {
      await gateway.close();
      if (!options.sim) await sim.close();
    },
  };
}

/** Writes a credit note on the ticket as `author` (Zendesk records the audit's author), returning the grant id. */
export function writeNote(
  h: Harness,
  ticket: SimTicket,
  author: SimUser,
  marker: Partial<CreditMarker> & { amount: number },
): string {
  return writeCreditNote(h.sim, ticket, author, marker);
}

export const submit = (h: Harness, ticket: SimTicket, grantId: string) =>
  h.post({ account: ZENDESK, ticket: ticket.id, grantId });
