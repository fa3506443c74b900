/**
 * What moves money for an accepted grant (issue 19). The gateway calls an executor at
 * most once per grant id in effect: every call for a grant carries the grant id as its
 * idempotency key, so a retry after a crash or a lost answer replays the first result
 * instead of moving money again (Stripe: `Idempotency-Key`; the billing webhook: the
 * `Idempotency-Key` header and the signed grant id).
 */
export interface Execution {
  grantId: string;
  account: string;
  ticket: string;
  agentId: string;
  /** The ticket's requester as the helpdesk shows it; the email finds the billing customer. */
  customer: { id: string; email: string | null; name: string | null };
  /** Integer minor units, positive: the amount credited to the customer. */
  amount: number;
  currency: string;
  reason: string;
  /** When the grant's note was written (the helpdesk's time). */
  notedAt: string;
}

export interface ExecutionResult {
  /** The executor's own id for what it did, e.g. Stripe's balance transaction `cbtxn_…`. */
  reference: string;
}

/** A failed execution; `permanent` ones are not retried (a 4xx, an unknown customer). */
export class ExecutorError extends Error {
  constructor(
    readonly permanent: boolean,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ExecutorError';
  }
}

export interface Executor {
  readonly name: 'stripe' | 'webhook';
  execute(execution: Execution): Promise<ExecutionResult>;
}
