import { AuthorityPolicy } from '../../../lib/domain/policy';
import type { GatewayAuthority, GatewayPolicy, GrantVerdict } from '../../../lib/gateway/protocol';
import { POLICY } from '../credit/examples';

export const GATEWAY_URL = 'https://gateway.acme.test';

/** The gateway's policy: the examples' limits without the webhook (the gateway keeps its secrets). */
const { billingWebhook: _secret, ...limits } = POLICY;
export const GATEWAY_POLICY = AuthorityPolicy.parse(limits);

export const policyAnswer = (now: number): GatewayPolicy => ({
  policy: GATEWAY_POLICY,
  now: new Date(now).toISOString(),
  period: { start: '2023-11-13T05:00:00.000Z', end: '2023-11-20T05:00:00.000Z' },
  executors: ['stripe'],
});

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | 'network';

export interface GatewayCall {
  method: string;
  path: string;
  body: unknown;
}

/**
 * A credit gateway in memory, answering the wire contract (lib/gateway/protocol.ts). `next`
 * queues one-off replies per route (a 503, a network failure, garbage); otherwise each route
 * answers from its state: the policy, a verdict per grant id (executed by default), the authority.
 */
export function fakeGateway(now: () => number) {
  const calls: GatewayCall[] = [];
  const next: Record<string, Reply[]> = {};
  const verdicts = new Map<string, GrantVerdict>();
  const state = {
    policy: (): unknown => policyAnswer(now()),
    authority: null as GatewayAuthority | null,
  };
  const route = (method: string, path: string): string => {
    if (method === 'POST' && path === '/v1/grants') return 'grants';
    if (method === 'POST' && path === '/v1/approval-requests') return 'approvals';
    if (path.endsWith('/policy')) return 'policy';
    if (path.includes('/authority')) return 'authority';
    return 'unknown';
  };
  const answer = (name: string, body: unknown): Reply => {
    switch (name) {
      case 'policy':
        return { status: 200, body: state.policy() };
      case 'grants': {
        const grantId = (body as { grantId: string }).grantId;
        const verdict = verdicts.get(grantId) ?? {
          status: 'executed',
          grantId,
          executor: 'stripe',
          reference: `cbtxn_${grantId.slice(-6)}`,
          period: { start: '2023-11-13T05:00:00.000Z', end: '2023-11-20T05:00:00.000Z' },
        };
        return { status: 200, body: verdict };
      }
      case 'approvals':
        return { status: 202, body: { ok: true } };
      case 'authority':
        return state.authority === null
          ? { status: 404, body: { error: 'x', message: 'none' } }
          : { status: 200, body: state.authority };
      default:
        return { status: 404, body: { error: 'not-found', message: 'no such route' } };
    }
  };
  const gatewayFetch = (async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const body = init?.body === undefined ? undefined : JSON.parse(String(init.body));
    calls.push({ method, path: `${url.pathname}${url.search}`, body });
    const name = route(method, url.pathname);
    const reply = next[name]?.shift() ?? answer(name, body);
    if (reply === 'network') throw new TypeError('fetch failed');
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'Content-Type': 'application/json', ...reply.headers },
    });
  }) as typeof fetch;
  const queue = (name: 'policy' | 'grants' | 'approvals' | 'authority', ...replies: Reply[]) => {
    next[name] = [...(next[name] ?? []), ...replies];
  };
  return { fetch: gatewayFetch, calls, verdicts, state, queue };
}

/** Storage for the policy cache, in memory. */
export function memoryCache() {
  const box: { value: unknown } = { value: null };
  return {
    box,
    read: async () => box.value,
    write: async (value: unknown) => {
      box.value = structuredClone(value);
    },
  };
}
