import { z } from 'zod';
import { type GrantRefusal, isGrantRefusal } from '../command';
import { MANAGER_ERROR_CODES } from '../gateway-codes';
import { CreditOffView } from '../snapshot';

/** The reasons that need no figures to be worded. */
const PLAIN_REASONS = [
  'not-approver',
  'request-gone',
  'own-request',
  'declined',
  'no-gateway',
  'no-gateway-named',
  'no-accounts',
  'signed-out',
  'gateway-unreachable',
  'gateway-unreadable',
  // The page's own: the worker stopped before it answered a decision or a note.
  'lost',
] as const;
export type PlainReason = (typeof PLAIN_REASONS)[number];

/**
 * Why the review refused a decision or a coaching note, or could not load: the background
 * decides in these terms, language-neutral, and the page words them in the manager's
 * language (components/review/model/failure.ts). The English `message` sent beside it stays
 * what an older page, or one that cannot read the reason, shows.
 */
export const ReviewReason = z.discriminatedUnion('why', [
  z.object({ why: z.enum(PLAIN_REASONS) }),
  z.object({ why: z.literal('approved'), grantId: z.string() }),
  z.object({ why: z.literal('no-credential'), account: z.string() }),
  /** The policy in force turned credits off (lib/domain/credit-off.ts). */
  z.object({ why: z.literal('credit-off'), off: CreditOffView }),
  /** The approver's own limits refused the grant of an approval. */
  z.object({ why: z.literal('limit'), refusal: z.custom<GrantRefusal>(isGrantRefusal) }),
  /**
   * A non-2xx answer of the credit gateway: `code` when it is one this build knows, and
   * the gateway's own English `detail` (its words, not translated).
   */
  z.object({
    why: z.literal('gateway-refused'),
    status: z.number().int(),
    code: z.enum(MANAGER_ERROR_CODES).nullable(),
    detail: z.string(),
  }),
]);
export type ReviewReason = z.infer<typeof ReviewReason>;

/** A refusal or failure as the page is told it: the English, and the reason to word it by. */
export interface ReviewFailure {
  message: string;
  reason?: ReviewReason;
}

/** An account the review could not read, with why. */
export const AccountFailure = z.object({
  account: z.string(),
  message: z.string(),
  // A reason this page cannot read leaves the English message, rather than dropping the period.
  reason: ReviewReason.optional().catch(undefined),
});
export type AccountFailure = z.infer<typeof AccountFailure>;
