import { readPolicy } from '@/lib/credit/policy';
import type { FrontlineDb } from '@/lib/db/schema';
import type { HelpdeskAdapter } from '@/lib/helpdesks/adapter';
import type { ReviewDeps } from '@/lib/review/deps';
import { createReviewRuntime } from '@/lib/review/runtime';
import { ACCOUNT } from './fake-helpdesk';

/**
 * The review's runtime over a fake helpdesk adapter (fake-helpdesk.ts), as the scale and
 * name-loading tests drive it: the adapter answers everything, so the client must never be
 * asked; grants, undo and notes are the credit service's business, not these tests'.
 */
export const fakeReviewRuntime = (
  options: {
    db: FrontlineDb;
    adapter: HelpdeskAdapter;
    now: () => number;
    /** The Standard tier's period limit. */
    perPeriod: number;
  },
  /** What a test drives itself (the policy, the accounts, the gateway). */
  overrides: Partial<ReviewDeps> = {},
) =>
  createReviewRuntime({
    db: options.db,
    adapterFor: () => options.adapter,
    client: () => async () => {
      throw new Error('the fake adapter makes no requests');
    },
    loadPolicy: async () =>
      readPolicy(undefined, {
        currency: 'USD',
        period: 'week',
        timeZone: 'UTC',
        tiers: [
          { name: 'Standard', perGrant: 2500, perCustomerPerPeriod: 5000, perPeriod: options.perPeriod },
        ],
        reasons: ['Late delivery'],
      }),
    accounts: async () => [{ helpdesk: 'zendesk', account: ACCOUNT }],
    now: options.now,
    grant: async () => ({ ok: true }),
    undo: async () => ({ ok: true }),
    drain: () => undefined,
    notesWaiting: () => undefined,
    changed: () => undefined,
    withLock: (_name, work) => work(),
    ...overrides,
  });
