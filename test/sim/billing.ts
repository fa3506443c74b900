/** A stand-in billing webhook: records what it receives and fails on demand (for the credits feature). */
export interface BillingEvent {
  at: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface Billing {
  receive(headers: Record<string, string>, body: unknown): { status: number; body: unknown };
  received(): BillingEvent[];
  /** The next `times` calls (default: all until reset) answer `status`. */
  fail(status: number, times?: number): void;
  reset(): void;
}

export function createBilling(): Billing {
  let events: BillingEvent[] = [];
  let failure: { status: number; left: number } | null = null;
  return {
    receive(headers, body) {
      if (failure && failure.left > 0) {
        failure.left--;
        return { status: failure.status, body: { error: 'billing unavailable (simulated)' } };
      }
      events.push({ at: new Date().toISOString(), headers, body });
      return { status: 200, body: { ok: true, received: events.length } };
    },
    received: () => events,
    fail(status, times = Number.POSITIVE_INFINITY) {
      failure = { status, left: times };
    },
    reset() {
      events = [];
      failure = null;
    },
  };
}
