import { adapterFor } from '../../../lib/helpdesks/adapters';
import type { Client } from '../../../lib/helpdesks/http';
import type { Priority } from '../../../lib/transport/job-queue';
import { createScheduler, type Scheduler, type SchedulerOptions } from '../../../lib/transport/scheduler';
import { createTokenTransport, type TokenCredential } from '../../../lib/transport/token';
import type { Helpdesk } from '../../sim/data/model';
import type { Simulator } from '../../sim/server';
import { simFetch } from '../../sim/testing/client';
import type { fakeClock } from './fake-clock';

/** `fetch` as a browser with the host mapping would call it, answered by the simulator over HTTPS. */
export const simBackedFetch = (sim: Simulator) =>
  (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const response = await simFetch(sim, url.hostname, url.pathname + url.search, {
      method: init?.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      ...(init?.body === undefined || init.body === null ? {} : { body: String(init.body) }),
    });
    const empty = response.status === 204 || response.status === 304;
    return new Response(empty ? null : response.body, { status: response.status, headers: response.headers });
  }) as typeof fetch;

/**
 * One browser's request path for an agent on one helpdesk: its own scheduler → token transport →
 * simulator, on the test's virtual clock.
 */
export function simBrowser(
  sim: Simulator,
  clock: ReturnType<typeof fakeClock>,
  helpdesk: Helpdesk,
  email = 'ada@acme.test',
  options: Partial<SchedulerOptions> = {},
) {
  const account = sim.data.accountOf(helpdesk);
  const agent = sim.data.userByEmail(account.host, email);
  const credential: TokenCredential =
    helpdesk === 'zendesk'
      ? { helpdesk, email: agent?.email ?? '', token: account.apiToken }
      : { helpdesk, apiKey: agent?.apiKey ?? '' };
  const scheduler: Scheduler = createScheduler({
    transport: createTokenTransport({
      fetch: simBackedFetch(sim),
      credential: async () => credential,
      refused: async () => undefined,
    }),
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    ...options,
  });
  const client = (priority: Priority): Client => scheduler.client(account.host, { priority });
  return { host: account.host, scheduler, client, adapter: adapterFor(helpdesk) };
}

/** Waits in real time until `ready` holds: the requests in flight are real HTTPS. */
export async function until(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 1_000; i++) {
    if (ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('the scheduler never got there');
}

/** Tracks a promise without awaiting it. */
export function track<T>(promise: Promise<T>) {
  const state: { value?: T; error?: unknown; done: boolean } = { done: false };
  promise.then(
    (value) => Object.assign(state, { value, done: true }),
    (error: unknown) => Object.assign(state, { error, done: true }),
  );
  return state;
}
