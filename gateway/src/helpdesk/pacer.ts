import { readRateHeaders } from '../../../lib/transport/rate-headers';

/**
 * Keeps the gateway to its own small share of an account's API rate limit (the reps' browsers
 * spend the rest): at most `perMinute` requests in any minute, and a pause when the helpdesk
 * says the account itself is nearly out or asks us to wait (Retry-After).
 */
export interface Pacer {
  /** Resolves when one more request may go. */
  take(): Promise<void>;
  /** Reads an answer's rate headers. */
  observe(headers: Record<string, string>): void;
}

const MINUTE_MS = 60_000;
/** Below this many requests left in the account's window, the gateway waits for the reset. */
const RESERVE = 10;
const MAX_PAUSE_MS = 60_000;

export function createPacer(
  perMinute: number,
  now: () => number = Date.now,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Pacer {
  const sent: number[] = [];
  let pausedUntil = 0;
  return {
    async take() {
      for (;;) {
        const at = now();
        while (sent.length > 0 && (sent[0] ?? 0) <= at - MINUTE_MS) sent.shift();
        const wait = Math.max(
          pausedUntil - at,
          sent.length >= perMinute ? (sent[0] ?? at) + MINUTE_MS - at : 0,
        );
        if (wait <= 0) {
          sent.push(at);
          return;
        }
        await sleep(Math.min(wait, MAX_PAUSE_MS));
      }
    },
    observe(headers) {
      const at = now();
      const info = readRateHeaders(headers, at);
      const retry = info.retryAfterMs ?? 0;
      const low = info.remaining !== null && info.remaining < RESERVE ? (info.resetMs ?? 5_000) : 0;
      const pause = Math.min(MAX_PAUSE_MS, Math.max(retry, low));
      if (pause > 0) pausedUntil = Math.max(pausedUntil, at + pause);
    },
  };
}
