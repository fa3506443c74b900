import { z } from 'zod';
import { GRANT_REFUSAL_CODES } from '../domain/gateway-codes';
import { AuthorityPolicy } from '../domain/policy';

/**
 * The credit gateway's HTTP API (issue 19), shared by the gateway (gateway/) and the
 * extension (lib/gateway): both sides parse with these schemas, so a change here is a
 * change of the wire format on both at once. Amounts are integer minor units; instants
 * are ISO strings in UTC; `account` is the helpdesk's canonical host (`acme.zendesk.com`).
 *
 * Trust: a grant submission carries ids only. The gateway reads the note and the ticket
 * from the helpdesk with its own credentials and believes nothing the caller says, so the
 * grant endpoints need no caller authentication. The manager endpoints do: the caller
 * sends the credential its helpdesk accepts (`Authorization` as the helpdesk wants it:
 * a Zendesk OAuth bearer or `email/token` basic, a Freshdesk agent's API key as basic),
 * and the gateway checks it against `users/me` / `agents/me`, role and approvers list.
 */

export const GATEWAY_API_VERSION = 1;

const Account = z
  .string()
  .min(3)
  .max(253)
  .regex(/^[a-z0-9.-]+$/, 'account must be a helpdesk host name');
const TicketId = z.string().regex(/^\d{1,20}$/, 'ticket must be a helpdesk ticket id');
const AgentId = z.string().regex(/^\d{1,20}$/);
const Instant = z.iso.datetime({ offset: true });
const Minor = z.number().int().nonnegative();

/** `GET /health`: 200 while the store answers, 503 otherwise. */
export const Health = z.object({
  ok: z.boolean(),
  store: z.enum(['pglite', 'postgres']),
  version: z.string(),
});
export type Health = z.infer<typeof Health>;

/** The period the gateway's clock is in: `[start, end)`. */
export const PeriodSpan = z.object({ start: Instant, end: Instant });
export type PeriodSpan = z.infer<typeof PeriodSpan>;

/**
 * `GET /v1/accounts/:account/policy`: the policy the gateway enforces, without secrets
 * (no billing webhook), its clock, and which executors move money. The extension shows
 * it read-only and computes its advisory meter from it; limits are enforced only here.
 */
export const GatewayPolicy = z.object({
  policy: AuthorityPolicy,
  now: Instant,
  period: PeriodSpan,
  executors: z.array(z.enum(['stripe', 'webhook'])),
});
export type GatewayPolicy = z.infer<typeof GatewayPolicy>;

/** `POST /v1/grants`: sent by the extension after the grant's note is in the helpdesk. */
export const GrantSubmission = z.strictObject({
  account: Account,
  ticket: TicketId,
  grantId: z.uuid(),
});
export type GrantSubmission = z.infer<typeof GrantSubmission>;

/** Why the gateway refused a grant; `message` says it in words a rep understands. */
export const RefusalCode = z.enum(GRANT_REFUSAL_CODES);
export type RefusalCode = z.infer<typeof RefusalCode>;

/**
 * The answer to a submission, always 200 (a 4xx is a malformed request, a 503 with
 * `Retry-After` a transient failure: helpdesk or executor unreachable, store down).
 * The same grant id always gets the same verdict: submitting again is safe.
 * - `executed`: accepted and money moved once; `reference` is the executor's id
 *   (Stripe balance transaction `cbtxn_…`, or the webhook's answer), which the gateway
 *   also writes on the ticket as a private note by its own user.
 * - `accepted`: within limits and counted; execution is under way or retrying.
 * - `refused`: counted nowhere, moves nothing; the extension shows `message` and writes
 *   the refusal on the ticket.
 */
export const GrantVerdict = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('executed'),
    grantId: z.uuid(),
    executor: z.enum(['stripe', 'webhook']),
    reference: z.string().min(1).max(200),
    period: PeriodSpan,
  }),
  z.object({ status: z.literal('accepted'), grantId: z.uuid(), period: PeriodSpan }),
  z.object({
    status: z.literal('refused'),
    grantId: z.uuid(),
    code: RefusalCode,
    message: z.string().min(1).max(500),
  }),
]);
export type GrantVerdict = z.infer<typeof GrantVerdict>;

/** The body of every non-2xx answer; the manager routes' `error` codes are lib/domain/gateway-codes.ts's. */
export const GatewayError = z.object({
  error: z.string(),
  message: z.string(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
});
export type GatewayError = z.infer<typeof GatewayError>;

/**
 * `GET /v1/accounts/:account/agents/:agent/authority?customer=ID`: what this agent has
 * used this period (gateway clock), overall and for the customer, as the gateway counts
 * it. The sidebar's meter in gateway mode.
 */
export const GatewayAuthority = z.object({
  agentId: AgentId,
  tier: z.string().nullable(),
  period: PeriodSpan,
  used: Minor,
  customerUsed: Minor.nullable(),
  currency: z.string(),
});
export type GatewayAuthority = z.infer<typeof GatewayAuthority>;

/** One accepted grant, as the review lists it. */
export const GatewayGrant = z.object({
  grantId: z.uuid(),
  ticket: TicketId,
  agentId: AgentId,
  customerId: AgentId,
  amount: Minor,
  currency: z.string(),
  reason: z.string(),
  notedAt: Instant,
  requestId: z.uuid().nullable(),
  execution: z.object({
    executor: z.enum(['stripe', 'webhook']).nullable(),
    state: z.enum(['none', 'started', 'executed', 'failed']),
    reference: z.string().nullable(),
    error: z.string().nullable(),
  }),
});
export type GatewayGrant = z.infer<typeof GatewayGrant>;

/** A refused submission: forged, over the limit, or written by someone else. Named in the review. */
export const GatewayRefusal = z.object({
  grantId: z.uuid(),
  ticket: TicketId,
  /** What the note claimed, when a note was found. */
  agentId: AgentId.nullable(),
  amount: Minor.nullable(),
  code: RefusalCode,
  message: z.string(),
  at: Instant,
});
export type GatewayRefusal = z.infer<typeof GatewayRefusal>;

export const AgentTotal = z.object({ agentId: AgentId, count: z.number().int(), amount: Minor });
export type AgentTotal = z.infer<typeof AgentTotal>;

export const GatewayApproval = z.object({
  requestId: z.uuid(),
  ticket: TicketId,
  agentId: AgentId,
  customerId: AgentId,
  amount: Minor,
  currency: z.string(),
  reason: z.string(),
  requestedAt: Instant,
  decision: z.enum(['approve', 'decline']).nullable(),
  decidedBy: AgentId.nullable(),
  decidedAt: Instant.nullable(),
});
export type GatewayApproval = z.infer<typeof GatewayApproval>;

/**
 * `GET /v1/accounts/:account/review?from=ISO&until=ISO` (manager credential): one request
 * a view, whatever the team's size. `review.csv` with the same query answers the CSV.
 */
export const GatewayReview = z.object({
  from: Instant,
  until: Instant,
  grants: z.array(GatewayGrant),
  totals: z.array(AgentTotal),
  refusals: z.array(GatewayRefusal),
  approvals: z.array(GatewayApproval),
});
export type GatewayReview = z.infer<typeof GatewayReview>;

/** `POST /v1/approval-requests`: sent after the request's note is in the helpdesk; the gateway reads it. */
export const ApprovalSubmission = z.strictObject({
  account: Account,
  ticket: TicketId,
  requestId: z.uuid(),
});
export type ApprovalSubmission = z.infer<typeof ApprovalSubmission>;

/**
 * `POST /v1/accounts/:account/approvals/:requestId/decision` (manager credential). One
 * decision per request; an approver cannot decide their own request. An approval is
 * then granted by the approver's extension as today (its note names the request); the
 * gateway accepts such a grant only when it holds that approval, by that approver, for
 * that amount, customer and ticket.
 */
export const DecisionSubmission = z.strictObject({ decision: z.enum(['approve', 'decline']) });
export type DecisionSubmission = z.infer<typeof DecisionSubmission>;
