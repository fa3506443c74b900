import type { PolicyResult } from '../domain/policy';
import type { AccountFailure, ReviewFailure, ReviewReason } from '../domain/review/failure';

/**
 * The review's failures as the background builds them: the English it logs and sends, with the
 * reason the page words (lib/domain/review/failure.ts). A step deep in a load or a decision throws
 * `Refused` to carry its reason out through the code that names the account or answers the page.
 */
export class Refused extends Error {
  constructor(
    message: string,
    readonly reason: ReviewReason,
  ) {
    super(message);
    this.name = 'Refused';
  }
}

export const NO_ACCOUNTS: ReviewFailure = {
  message: 'Open a helpdesk tab (or add an API key in the options) to load the team’s credits.',
  reason: { why: 'no-accounts' },
};

export const NO_GATEWAY: ReviewFailure = {
  message: 'The credit gateway is configured, but this build cannot call it.',
  reason: { why: 'no-gateway' },
};

/** A thrown failure for the page: a `Refused` keeps its reason, anything else only its English. */
export const failureOf = (error: unknown): ReviewFailure =>
  error instanceof Refused
    ? { message: error.message, reason: error.reason }
    : { message: error instanceof Error ? error.message : String(error) };

/** The policy's refusal: why credits are off, when the policy said. */
export const policyFailure = (policy: Extract<PolicyResult, { error: string }>): ReviewFailure => ({
  message: policy.error,
  reason: policy.off ? { why: 'credit-off', off: policy.off } : undefined,
});

/** An account a load could not read, and the line the English `errors` list names it by. */
export const accountFailure = (account: string, error: unknown): AccountFailure => ({
  account,
  ...failureOf(error),
});

export const accountLine = (failure: AccountFailure): string => `${failure.account}: ${failure.message}`;
