/**
 * The credit gateway's codes (issue 19), defined here so pages may name them without zod or
 * lib/gateway: lib/gateway/protocol.ts builds its wire schemas from these lists, and the review
 * page words the ones it knows in the manager's language. The gateway's English `message` goes
 * beside each code, for a page that does not know it.
 */

/** Why the gateway refused a grant. */
export const GRANT_REFUSAL_CODES = [
  'unknown-account', // the gateway serves no such helpdesk account
  'note-not-found', // no note on the ticket carries this grant id
  'not-private', // the note is public
  'author-mismatch', // the note was not written by the agent its marker names
  'customer-mismatch', // the marker's customer is not the ticket's requester
  'not-an-agent', // the author is not an agent of the account (a customer's note)
  'no-tier', // the policy gives this agent no authority
  'currency', // not the policy's currency
  'over-per-grant',
  'over-customer-period',
  'over-period',
  'request-not-approved', // an approver's grant of a request the gateway has no approval for
  'policy-invalid', // the gateway's own policy is missing or invalid: fail closed
] as const;
export type GrantRefusalCode = (typeof GRANT_REFUSAL_CODES)[number];

export const isGrantRefusalCode = (code: string): code is GrantRefusalCode =>
  (GRANT_REFUSAL_CODES as readonly string[]).includes(code);

/**
 * The `error` of a non-2xx answer to the manager routes (the review, a decision): what the
 * gateway sends today. A newer gateway may send others; `GatewayError.error` stays a string.
 */
export const MANAGER_ERROR_CODES = [
  'bad-request', // the review's own check of the query or body
  'invalid-request', // the shared body check (routes/errors.ts)
  'unknown-account',
  'policy-invalid',
  'unauthenticated', // the helpdesk did not accept the manager's credential
  'forbidden', // neither an administrator nor an approver
  'helpdesk-unavailable',
  'unavailable',
  'not-an-approver',
  'unknown-request',
  'own-request',
  'already-decided',
] as const;
export type ManagerErrorCode = (typeof MANAGER_ERROR_CODES)[number];

export const isManagerErrorCode = (code: string): code is ManagerErrorCode =>
  (MANAGER_ERROR_CODES as readonly string[]).includes(code);
