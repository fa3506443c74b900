import type { GatewayConfigInput } from '../../gateway/src/config';
import { type RunningGateway, startGateway } from '../../gateway/src/start';
import { simNetwork } from '../../gateway/test/support/sim-gateway';
import { makeCertificate } from '../sim/cert';
import type { Simulator } from '../sim/server';
import { type StripeSim, startStripeSim } from '../sim/stripe/server';
import { startTlsFront, type TlsFront } from './tls-front';

/**
 * The demo's credit gateway (issue 19): the real gateway on embedded Postgres (PGlite in
 * memory), reading the demo's simulated helpdesk with its own user, moving money at the
 * Stripe simulator, behind an HTTPS front on a host name Chromium maps to it.
 */

/** Where the demo's Chromium finds the gateway; `.test` is reserved, so it can never be a real host. */
export const GATEWAY_HOST = 'gateway.acme.test';

/** The gateway's own helpdesk user, whose notes carry the references: the data set's admin stands in for an agent of its own. */
const GATEWAY_USER = 'cleo@acme.test';

/** Every requester's email across the simulator's accounts: each gets a Stripe customer. */
export function requesterEmails(sim: Simulator): string[] {
  const emails = new Set<string>();
  for (const account of sim.data.accounts.values())
    for (const ticket of account.tickets.values()) {
      const email = account.users.get(ticket.requesterId)?.email;
      if (email) emails.add(email);
    }
  return [...emails];
}

/** One gateway account per simulated helpdesk account, each credited through Stripe. */
export function demoGatewayConfig(sim: Simulator, stripe: StripeSim, policy: unknown): GatewayConfigInput {
  const accounts = [...sim.data.accounts.values()].map((account) => {
    const common = {
      account: account.host,
      apiBase: `https://${account.host}:${sim.port}`,
      requestsPerMinute: 600,
      policy,
      executor: 'stripe' as const,
    };
    if (account.helpdesk === 'zendesk')
      return {
        kind: 'zendesk' as const,
        credentials: { email: GATEWAY_USER, token: account.apiToken },
        ...common,
      };
    const apiKey = sim.data.userByEmail(account.host, GATEWAY_USER)?.apiKey;
    if (!apiKey) throw new Error(`${account.host} has no ${GATEWAY_USER} with an API key for the gateway`);
    return { kind: 'freshdesk' as const, credentials: { apiKey }, ...common };
  });
  return {
    listen: { host: '127.0.0.1', port: 0 },
    database: {},
    logLevel: 'warn',
    helpdeskNetwork: simNetwork(sim),
    accounts,
    executors: { stripe: { secretKey: stripe.secretKey, apiBase: stripe.url } },
    sweepSeconds: 10,
  };
}

export interface DemoGateway {
  /** What the extension's policy names: `https://gateway.acme.test`. */
  url: string;
  /** The gateway itself, plain HTTP on loopback. */
  localUrl: string;
  /** Where the HTTPS front listens on 127.0.0.1. */
  frontPort: number;
  /** Chromium's `--host-resolver-rules` entry sending GATEWAY_HOST to the HTTPS front. */
  hostRule: string;
  gateway: RunningGateway;
  stripe: StripeSim;
  close(): Promise<void>;
}

export async function startDemoGateway(sim: Simulator, policy: unknown): Promise<DemoGateway> {
  const stripe = await startStripeSim();
  for (const email of requesterEmails(sim)) stripe.control.addCustomer({ email });
  const gateway = await startGateway(demoGatewayConfig(sim, stripe, policy));
  let front: TlsFront;
  try {
    front = await startTlsFront(gateway.url, await makeCertificate([GATEWAY_HOST]));
  } catch (error) {
    await gateway.close();
    await stripe.close();
    throw error;
  }
  return {
    url: `https://${GATEWAY_HOST}`,
    localUrl: gateway.url,
    frontPort: front.port,
    hostRule: `MAP ${GATEWAY_HOST} 127.0.0.1:${front.port}`,
    gateway,
    stripe,
    async close() {
      await front.close();
      await gateway.close();
      await stripe.close();
    },
  };
}

/** Chromium's flags with `rule` first in `--host-resolver-rules` (the first matching rule wins). */
export function withHostRule(args: readonly string[], rule: string): string[] {
  const flag = '--host-resolver-rules=';
  return args.some((a) => a.startsWith(flag))
    ? args.map((a) => (a.startsWith(flag) ? `${flag}${rule},${a.slice(flag.length)}` : a))
    : [...args, `${flag}${rule}`];
}
