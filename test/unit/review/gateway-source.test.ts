import { describe, expect, it } from 'vitest';
import { readPolicy } from '@/lib/credit/policy';
import { openDb } from '@/lib/db/schema';
import type { PolicyResult } from '@/lib/domain/policy';
import type { GatewayReview } from '@/lib/gateway/protocol';
import { fetchGatewayReview, managerAuthorization } from '@/lib/review/gateway-source';
import { gatewayPart } from '@/lib/review/gateway-view';
import type { BackgroundToReview } from '@/lib/review/protocol';
import { createReviewRuntime } from '@/lib/review/runtime';
import { ACCOUNT, fakeHelpdesk } from './fake-helpdesk';

const GATEWAY = 'https://credits.acme.test/';
const NOW = Date.parse('2026-12-03T12:00:00Z');
const G1 = '11111111-1111-4111-8111-111111111111';
const FORGED = '22222222-2222-4222-8222-222222222222';
const REQ = '33333333-3333-4333-8333-333333333333';

const REVIEW: GatewayReview = {
  from: '2026-11-30T00:00:00.000Z',
  until: '2026-12-07T00:00:00.000Z',
  grants: [
    {
      grantId: G1,
      ticket: '101',
      agentId: '7',
      customerId: '900',
      amount: 2500,
      currency: 'USD',
      reason: 'late delivery',
      notedAt: '2026-12-01T10:00:00.000Z',
      requestId: null,
      execution: { executor: 'stripe', state: 'executed', reference: 'cbtxn_1', error: null },
    },
  ],
  totals: [{ agentId: '7', count: 1, amount: 2500 }],
  refusals: [
    {
      grantId: FORGED,
      ticket: '102',
      agentId: '7',
      amount: 99_000,
      code: 'author-mismatch',
      message: 'The note was written by agent 8, not agent 7.',
      at: '2026-12-02T09:00:00.000Z',
    },
  ],
  approvals: [
    {
      requestId: REQ,
      ticket: '103',
      agentId: '8',
      customerId: '901',
      amount: 4200,
      currency: 'USD',
      reason: 'damaged item',
      requestedAt: '2026-12-02T11:00:00.000Z',
      decision: null,
      decidedBy: null,
      decidedAt: null,
    },
  ],
};

const POLICY = {
  currency: 'USD',
  period: 'week',
  timeZone: 'UTC',
  tiers: [{ name: 'Standard', perGrant: 2500, perCustomerPerPeriod: 5000, perPeriod: 100_000 }],
  reasons: ['late delivery'],
};

/** The gateway's answers as a fetch, with what was asked. */
function fakeGateway(status = 200, body: unknown = REVIEW) {
  const asked: { url: string; authorization: string | null }[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    asked.push({ url: String(input), authorization: new Headers(init?.headers).get('authorization') });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fetchFn, asked };
}

describe('the manager credential sent to the gateway', () => {
  it('prefers the OAuth bearer, else the stored API credential as the helpdesk wants it', () => {
    expect(managerAuthorization({ bearer: 'tok', token: null })).toBe('Bearer tok');
    const zendesk = managerAuthorization({
      bearer: null,
      token: { helpdesk: 'zendesk', email: 'ada@acme.test', token: 'abc' },
    });
    expect(atob(zendesk?.slice(6) ?? '')).toBe('ada@acme.test/token:abc');
    const freshdesk = managerAuthorization({ bearer: null, token: { helpdesk: 'freshdesk', apiKey: 'KEY' } });
    expect(atob(freshdesk?.slice(6) ?? '')).toBe('KEY:X');
    expect(managerAuthorization({ bearer: null, token: null })).toBeNull();
  });
});

describe('fetchGatewayReview', () => {
  it('asks the period in one request with the credential, and parses the answer', async () => {
    const { fetchFn, asked } = fakeGateway();
    const bounds = { start: Date.parse(REVIEW.from), end: Date.parse(REVIEW.until) };
    expect(await fetchGatewayReview(fetchFn, GATEWAY, ACCOUNT, 'Bearer t', bounds)).toEqual(REVIEW);
    expect(asked).toEqual([
      {
        url: `https://credits.acme.test/v1/accounts/${ACCOUNT}/review?from=2026-11-30T00%3A00%3A00.000Z&until=2026-12-07T00%3A00%3A00.000Z`,
        authorization: 'Bearer t',
      },
    ]);
  });

  it("says the gateway's refusal in its words", async () => {
    const { fetchFn } = fakeGateway(403, { error: 'forbidden', message: 'Rey is not an approver.' });
    await expect(
      fetchGatewayReview(fetchFn, GATEWAY, ACCOUNT, 'Bearer t', { start: 0, end: 1 }),
    ).rejects.toThrow('The credit gateway answered 403: Rey is not an approver.');
  });
});

describe('gatewayPart', () => {
  it('shows accepted grants as rows, the undecided queue, and names every refusal with its code', () => {
    const part = gatewayPart(
      REVIEW,
      { helpdesk: 'zendesk', account: ACCOUNT },
      { agent: (id) => `Agent ${id}`, customer: (id) => `Customer ${id}` },
      'USD',
    );
    expect(part.rows).toEqual([expect.objectContaining({ grantId: G1, amount: 2500, agentName: 'Agent 7' })]);
    expect(part.queue).toEqual([
      expect.objectContaining({ requestId: REQ, agentName: 'Agent 8', amount: 4200 }),
    ]);
    expect(part.refusals).toEqual([
      expect.objectContaining({
        grantId: FORGED,
        code: 'author-mismatch',
        message: 'The note was written by agent 8, not agent 7.',
        url: `https://${ACCOUNT}/agent/tickets/102`,
      }),
    ]);
  });
});

describe('the review page in gateway mode', () => {
  function runtime(gateway: ReturnType<typeof fakeGateway>, authorization: string | null = 'Bearer mgr') {
    const helpdesk = fakeHelpdesk(() => NOW);
    const withGateway = (account?: string): PolicyResult => {
      const read = readPolicy(undefined, POLICY);
      if ('error' in read) return read;
      const origin = { url: GATEWAY, fetchedAt: NOW };
      return account === undefined
        ? { error: 'one policy per account', source: 'managed', gateway: origin }
        : { ...read, gateway: origin };
    };
    const messages: BackgroundToReview[] = [];
    const rt = createReviewRuntime({
      db: openDb(`gateway-review-${Math.random()}`),
      adapterFor: () => helpdesk.adapter,
      client: () => async () => {
        throw new Error('gateway mode reads nothing from the helpdesk');
      },
      loadPolicy: async (account) => withGateway(account),
      gateway: { fetch: gateway.fetchFn, authorization: async () => authorization },
      accounts: async () => [{ helpdesk: 'zendesk', account: ACCOUNT }],
      now: () => NOW,
      grant: async () => ({ ok: true }),
      undo: async () => ({ ok: true }),
      drain: () => undefined,
      notesWaiting: () => undefined,
      changed: () => undefined,
      withLock: (_name, work) => work(),
    });
    const port = { postMessage: (m: unknown) => void messages.push(m as BackgroundToReview) };
    return { load: () => rt.load(port, 'policy'), messages, helpdesk };
  }

  it('loads the period from the gateway in one request, with the forged grant named', async () => {
    const gateway = fakeGateway();
    const { load, messages, helpdesk } = runtime(gateway);
    await load();
    expect(gateway.asked).toHaveLength(1);
    expect(gateway.asked[0]?.authorization).toBe('Bearer mgr');
    expect(Object.values(helpdesk.requests).every((n) => n === 0)).toBe(true);
    const loaded = messages.findLast((m) => m.type === 'loaded');
    if (loaded?.type !== 'loaded') throw new Error('no period was loaded');
    expect(loaded.errors).toEqual([]);
    expect(loaded.rows.map((r) => r.grantId)).toEqual([G1]);
    expect(loaded.queue.map((q) => q.requestId)).toEqual([REQ]);
    expect(loaded.refusals?.map((r) => [r.grantId, r.code])).toEqual([[FORGED, 'author-mismatch']]);
    expect(loaded.start).toBe(Date.parse('2026-11-30T00:00:00Z'));
  });

  it('names the account and why when the extension holds no credential for it', async () => {
    const gateway = fakeGateway();
    const { load, messages } = runtime(gateway, null);
    await load();
    expect(gateway.asked).toHaveLength(0);
    const loaded = messages.findLast((m) => m.type === 'loaded');
    expect(loaded?.type === 'loaded' && loaded.errors[0]).toContain('save its API key');
  });
});
