import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:tls';
import { chromium } from '@playwright/test';
import type { HelpdeskFetch } from '../../gateway/src/helpdesk/client';
import { helpdeskFetch } from '../../gateway/src/helpdesk/network';
import { type RunningGateway, startGateway } from '../../gateway/src/start';
import { GatewayReview } from '../../lib/gateway/protocol';
import { makeCertificate } from '../sim/cert';
import type { SimTicket, SimUser } from '../sim/data/model';
import type { Simulator } from '../sim/server';
import { type StripeSim, startStripeSim } from '../sim/stripe/server';
import { chromiumArgs, chromiumMissing, findChromium } from '../support/chromium';
import { test as base, EXTENSION_DIR, type Profile, setExtensionStorage } from './fixtures';

/**
 * A worker's credit gateway for the e2e specs (issue 19): the Stripe simulator, the gateway on
 * in-memory PGlite reading the worker's helpdesk simulator with its own user (Cleo, an admin),
 * served to Chromium over HTTPS as gateway.acme.test, and a profile whose policy names only
 * that gateway, as an organisation's managed policy would.
 */

export const ZENDESK = 'acme.zendesk.com';
export const GATEWAY_HOST = 'gateway.acme.test';
export const GATEWAY_URL = `https://${GATEWAY_HOST}`;
/** The gateway's own helpdesk user: its notes carry the references; it has no tier. */
export const GATEWAY_USER = 'cleo@acme.test';

/** Per customer is the limit the specs reach; the period's is out of reach of other specs' grants. */
export const gatewayPolicy = (ada: SimUser) => ({
  currency: 'USD',
  period: 'day',
  timeZone: 'UTC',
  tiers: [{ name: 'Rep', perGrant: 2500, perCustomerPerPeriod: 5000, perPeriod: 1_000_000 }],
  agents: [{ agent: ada.id, tier: 'Rep' }],
  presets: [500, 1000, 2500],
  reasons: ['Late delivery', 'Goodwill'],
  undoSeconds: 1,
});

export interface GatewayWorld {
  gateway: RunningGateway;
  stripe: StripeSim;
  ada: SimUser;
  /** Where Chromium reaches the gateway's TLS front: host-resolver maps GATEWAY_HOST here. */
  tlsPort: number;
  /** Node's fetch trusting the simulator's CA and mapping its hosts: a helpdesk user's own API calls. */
  helpdeskFetch: HelpdeskFetch;
  /** How far the gateway's clock is from the real one; a spec moves it to stand for a wrong browser clock. */
  clock: { offsetMs: number };
}

/** The gateway listens on plain HTTP; this terminates TLS in front of it with a throwaway certificate. */
async function tlsFront(target: number): Promise<{ port: number; close(): Promise<void> }> {
  const { key, cert } = await makeCertificate([GATEWAY_HOST]);
  const server: Server = createServer({ key, cert }, (socket) => {
    const upstream = connect(target, '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the TLS front has no port');
  return {
    port: address.port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function startWorld(sim: Simulator): Promise<GatewayWorld & { close(): Promise<void> }> {
  const user = (email: string) => {
    const found = sim.data.userByEmail(ZENDESK, email);
    if (!found) throw new Error(`the simulator has no ${email}`);
    return found;
  };
  const ada = user('ada@acme.test');
  // Said here, once, rather than as every grant's write-back failing later.
  user(GATEWAY_USER);
  const stripe = await startStripeSim();
  const caDir = mkdtempSync(join(tmpdir(), 'gw-e2e-ca-'));
  const caFile = join(caDir, 'sim-ca.pem');
  writeFileSync(caFile, sim.ca);
  const clock = { offsetMs: 0 };
  const network = {
    caFile,
    resolve: Object.fromEntries([...sim.data.accounts.keys()].map((host) => [host, '127.0.0.1'])),
  };
  const gateway = await startGateway(
    {
      listen: { host: '127.0.0.1', port: 0 },
      logLevel: 'silent',
      helpdeskNetwork: network,
      accounts: [
        {
          kind: 'zendesk',
          account: ZENDESK,
          apiBase: `https://${ZENDESK}:${sim.port}`,
          credentials: { email: GATEWAY_USER, token: sim.data.account(ZENDESK).apiToken },
          requestsPerMinute: 10_000,
          policy: gatewayPolicy(ada),
          executor: 'stripe',
        },
      ],
      executors: {
        stripe: { secretKey: stripe.secretKey, apiBase: stripe.url, maxNetworkRetries: 0, timeoutMs: 5_000 },
      },
    },
    { now: () => Date.now() + clock.offsetMs },
  );
  const front = await tlsFront(Number(new URL(gateway.url).port));
  return {
    gateway,
    stripe,
    ada,
    tlsPort: front.port,
    helpdeskFetch: helpdeskFetch(network),
    clock,
    async close() {
      await front.close();
      await gateway.close();
      await stripe.close();
      rmSync(caDir, { recursive: true, force: true });
    },
  };
}

/** fixtures.ts' flags, with the gateway's host name added to Chromium's host-resolver rules. */
export function gatewayChromiumArgs(simPort: number, tlsPort: number): string[] {
  return chromiumArgs(EXTENSION_DIR, simPort).map((arg) =>
    arg.startsWith('--host-resolver-rules=') ? `${arg},MAP ${GATEWAY_HOST} 127.0.0.1:${tlsPort}` : arg,
  );
}

async function launchGatewayProfile(sim: Simulator, world: GatewayWorld): Promise<Profile> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(chromiumMissing());
  const dir = mkdtempSync(join(tmpdir(), 'frontline-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath,
    headless: true,
    args: gatewayChromiumArgs(sim.port, world.tlsPort),
    viewport: { width: 1400, height: 900 },
  });
  const serviceWorker = async () =>
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 10_000 }));
  const extensionId = new URL((await serviceWorker()).url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<object, { world: GatewayWorld }>({
  world: [
    async ({ sim }, use) => {
      const world = await startWorld(sim);
      await use(world);
      await world.close();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  profile: async ({ sim, world }, use) => {
    const profile = await launchGatewayProfile(sim, world);
    await setExtensionStorage(profile, { policy: { gateway: { url: GATEWAY_URL } } });
    await use(profile);
    await profile.close();
    sim.control.reset();
  },
});

/**
 * Live Zendesk tickets of distinct requesters, none the sample ticket's (other specs of the
 * worker grant on that customer), each requester with a Stripe customer of the same email.
 */
export function gatewayTickets(sim: Simulator, world: GatewayWorld): SimTicket[] {
  const sampleRequester = sim.data.sampleTicket('zendesk').requesterId;
  const live = [...sim.data.account(ZENDESK).tickets.values()].filter(
    (t) => !t.archived && t.status !== 'closed' && t.requesterId !== sampleRequester,
  );
  const tickets = live.filter((t, i) => live.findIndex((u) => u.requesterId === t.requesterId) === i);
  const known = new Set(world.stripe.control.customers().map((c) => c.email));
  for (const ticket of tickets) {
    const email = sim.data.user(ZENDESK, ticket.requesterId)?.email;
    if (email && !known.has(email)) world.stripe.control.addCustomer({ email });
  }
  return tickets;
}

export { writeCreditNote } from '../sim/testing/grants';

/**
 * A private note written through Zendesk's REST API by `author` with their own API token,
 * as anyone holding an agent's login could: the helpdesk records them as its author.
 */
export async function postPrivateNote(
  sim: Simulator,
  world: GatewayWorld,
  ticket: SimTicket,
  author: SimUser,
  body: string,
): Promise<void> {
  const token = Buffer.from(`${author.email}/token:${sim.data.account(ZENDESK).apiToken}`).toString('base64');
  const response = await world.helpdeskFetch(
    `https://${ZENDESK}:${sim.port}/api/v2/tickets/${ticket.id}.json`,
    {
      method: 'PUT',
      headers: { authorization: `Basic ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ticket: { comment: { body, public: false } } }),
    },
  );
  if (response.status !== 200)
    throw new Error(`Zendesk answered ${response.status} to ${author.email}'s note`);
}

/** POST /v1/grants as any caller would: the gateway is told ids only. */
export async function submitGrant(world: GatewayWorld, ticket: SimTicket, grantId: string) {
  const response = await fetch(`${world.gateway.url}/v1/grants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account: ZENDESK, ticket: ticket.id, grantId }),
  });
  return (await response.json()) as Record<string, unknown>;
}

/** The gateway's review of one UTC day (the policy's zone) as an admin loads it with their API token. */
export async function reviewOf(sim: Simulator, world: GatewayWorld, at: number, adminEmail = GATEWAY_USER) {
  const day = new Date(at).toISOString().slice(0, 10);
  const token = Buffer.from(`${adminEmail}/token:${sim.data.account(ZENDESK).apiToken}`).toString('base64');
  const response = await fetch(
    `${world.gateway.url}/v1/accounts/${ZENDESK}/review?from=${day}T00:00:00Z&until=${day}T23:59:59Z`,
    { headers: { authorization: `Basic ${token}` } },
  );
  if (response.status !== 200) throw new Error(`the review answered ${response.status}`);
  return GatewayReview.parse(await response.json());
}
