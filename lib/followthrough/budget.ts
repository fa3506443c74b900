import type { Client } from '../helpdesks/http';

/**
 * Thrown when a cycle's requests for an account are spent. Named AbortError so the
 * adapters pass it through untouched (they wrap any other failure as a network error);
 * the watcher treats the pin as "not checked this time", never as a failure.
 */
export class BudgetSpent extends Error {
  constructor() {
    super('The watcher has used its requests for this account in this cycle');
    this.name = 'AbortError';
  }
}

export interface MeteredClient {
  client: Client;
  /** Requests sent so far. */
  used(): number;
  left(): number;
}

/** A client that sends at most `limit` requests; the rest are refused with BudgetSpent. */
export function meter(client: Client, limit: number): MeteredClient {
  let used = 0;
  return {
    client: (request, options) => {
      if (used >= limit) return Promise.reject(new BudgetSpent());
      used++;
      return client(request, options);
    },
    used: () => used,
    left: () => Math.max(0, limit - used),
  };
}
