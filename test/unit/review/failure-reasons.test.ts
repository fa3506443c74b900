import { describe, expect, it } from 'vitest';
import { readPolicy } from '@/lib/credit/policy';
import { openDb } from '@/lib/db/schema';
import type { PolicyResult } from '@/lib/domain/policy';
import type { AccountRef } from '@/lib/domain/ticket-ref';
import type { ReviewDeps } from '@/lib/review/deps';
import type { BackgroundToReview } from '@/lib/review/protocol';
import { ACCOUNT, fakeHelpdesk } from './fake-helpdesk';
import { fakeReviewRuntime } from './fake-runtime';

const NOW = Date.parse('2026-12-03T12:00:00Z');
const ZENDESK: AccountRef = { helpdesk: 'zendesk', account: ACCOUNT };
const POLICY = readPolicy(undefined, {
  currency: 'USD',
  period: 'week',
  timeZone: 'UTC',
  tiers: [{ name: 'Standard', perGrant: 2500, perCustomerPerPeriod: 5000, perPeriod: 100_000 }],
  reasons: ['late delivery'],
});
const withGateway = (account?: string): PolicyResult => {
  const origin = { url: 'https://credits.acme.test/', fetchedAt: NOW };
  if ('error' in POLICY) return POLICY;
  return account === undefined
    ? { error: 'one policy per account', source: 'managed', gateway: origin }
    : { ...POLICY, gateway: origin };
};

/** A review worker whose loads post to `messages`; every dep a test does not name is inert. */
function runtime(deps: Partial<ReviewDeps>) {
  const helpdesk = fakeHelpdesk(() => NOW);
  const messages: BackgroundToReview[] = [];
  const review = fakeReviewRuntime(
    {
      db: openDb(`failure-reasons-${Math.random()}`),
      adapter: helpdesk.adapter,
      now: () => NOW,
      perPeriod: 100_000,
    },
    { loadPolicy: async () => POLICY, accounts: async () => [ZENDESK], ...deps },
  );
  const port = { postMessage: (m: unknown) => void messages.push(m as BackgroundToReview) };
  return { review, messages, load: () => review.load(port, 'policy') };
}

const failed = (messages: BackgroundToReview[]) => messages.find((m) => m.type === 'failed');
const accountFailures = (messages: BackgroundToReview[]) => {
  const loaded = messages.findLast((m) => m.type === 'loaded');
  return loaded?.type === 'loaded' ? loaded.failures : undefined;
};
const answering = (status: number, body: unknown) =>
  (async () => Response.json(body, { status })) as unknown as typeof fetch;

describe('a failed load names its reason, for the page to word (review i18n)', () => {
  it('no account to read', async () => {
    const { load, messages } = runtime({ accounts: async () => [] });
    await load();
    expect(failed(messages)).toEqual({
      type: 'failed',
      message: expect.stringContaining('Open a helpdesk tab'),
      reason: { why: 'no-accounts' },
    });
  });

  it('credits off by the policy', async () => {
    const none = readPolicy(undefined, undefined);
    const { load, messages } = runtime({ loadPolicy: async () => none });
    await load();
    expect(failed(messages)).toEqual({
      type: 'failed',
      message: 'error' in none ? none.error : '',
      reason: { why: 'credit-off', off: { why: 'no-policy' } },
    });
  });

  it('a gateway this build cannot call', async () => {
    const { load, messages } = runtime({ loadPolicy: async (account) => withGateway(account) });
    await load();
    expect(failed(messages)).toEqual({
      type: 'failed',
      message: 'The credit gateway is configured, but this build cannot call it.',
      reason: { why: 'no-gateway' },
    });
  });

  it('an account without a credential, and one the gateway refuses, named with their reasons', async () => {
    const noKey = runtime({
      loadPolicy: async (account) => withGateway(account),
      gateway: { fetch: answering(200, {}), authorization: async () => null },
    });
    await noKey.load();
    expect(accountFailures(noKey.messages)).toEqual([
      { account: ACCOUNT, message: expect.any(String), reason: { why: 'no-credential', account: ACCOUNT } },
    ]);

    const refused = runtime({
      loadPolicy: async (account) => withGateway(account),
      gateway: {
        fetch: answering(403, {
          error: 'forbidden',
          message: 'Rey is neither an administrator nor an approver.',
        }),
        authorization: async () => 'Bearer rey',
      },
    });
    await refused.load();
    const [failure] = accountFailures(refused.messages) ?? [];
    expect(failure?.reason).toEqual({
      why: 'gateway-refused',
      status: 403,
      code: 'forbidden',
      detail: 'Rey is neither an administrator nor an approver.',
    });
    // The English list stays for a page that cannot word the reason.
    const loaded = refused.messages.findLast((m) => m.type === 'loaded');
    expect(loaded?.type === 'loaded' && loaded.errors).toEqual([
      `${ACCOUNT}: The credit gateway answered 403: Rey is neither an administrator nor an approver.`,
    ]);
  });
});
