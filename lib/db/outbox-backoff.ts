const FIRST_MS = 2_000;
const CAP_MS = 10 * 60_000;

/**
 * Wait before the next try of an outbox item after `failures` failed tries:
 * 2 s, 4 s, 8 s … capped at 10 minutes. No jitter: items are few, per rep, and
 * the scheduler already spreads helpdesk requests.
 */
export const retryDelay = (failures: number): number =>
  Math.min(CAP_MS, FIRST_MS * 2 ** Math.max(0, Math.min(failures - 1, 30)));
