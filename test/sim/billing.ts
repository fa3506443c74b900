import { createHmac, timingSafeEqual } from 'node:crypto';

/** A stand-in billing webhook: records what it receives and fails on demand (for the credits feature). */
export interface BillingEvent {
  at: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface Billing {
  /** One call to the webhook: `raw` is the body exactly as sent (the signature covers its bytes). */
  receive(headers: Record<string, string>, raw: string): { status: number; body: unknown };
  /** Credits taken: one per grant id, however often it was sent. */
  received(): BillingEvent[];
  /** Every call that reached the receiver: taken, repeated, refused or failed on demand. */
  calls(): number;
  /** The next `times` calls (default: all until reset) answer `status`. */
  fail(status: number, times?: number): void;
  /** With a secret, calls must carry a valid Frontline-Signature (401 otherwise); null accepts unsigned calls. */
  setSecret(secret: string | null): void;
  reset(): void;
}

/** How old a signed call may be, as the README's receiver example has it. */
export const TOLERANCE_SECONDS = 5 * 60;

/**
 * Checks `Frontline-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<grantId>.<body>">`
 * as a receiver should: constant-time compare, and a timestamp within the tolerance.
 * Returns why it is refused, or null.
 */
export function verifySignature(
  secret: string,
  header: string | undefined,
  grantId: string | undefined,
  raw: string,
  nowSeconds: number,
): string | null {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.trim().split('=', 2)));
  const t = Number(parts.t);
  if (!header || !Number.isInteger(t) || typeof parts.v1 !== 'string') return 'no signature';
  if (!grantId) return 'no Idempotency-Key';
  if (Math.abs(nowSeconds - t) > TOLERANCE_SECONDS) return 'timestamp outside the tolerance';
  const expected = createHmac('sha256', secret).update(`${t}.${grantId}.${raw}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? null : 'bad signature';
}

export function createBilling(): Billing {
  let events: BillingEvent[] = [];
  let calls = 0;
  let failure: { status: number; left: number } | null = null;
  let secret: string | null = null;
  return {
    receive(headers, raw) {
      calls++;
      if (failure && failure.left > 0) {
        failure.left--;
        return { status: failure.status, body: { error: 'billing unavailable (simulated)' } };
      }
      const grantId = headers['idempotency-key'];
      if (secret !== null) {
        const refused = verifySignature(
          secret,
          headers['frontline-signature'],
          grantId,
          raw,
          Math.floor(Date.now() / 1000),
        );
        if (refused !== null) return { status: 401, body: { error: refused } };
      }
      if (grantId !== undefined && events.some((e) => e.headers['idempotency-key'] === grantId)) {
        return { status: 200, body: { ok: true, duplicate: true } };
      }
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        return { status: 400, body: { error: 'not JSON' } };
      }
      events.push({ at: new Date().toISOString(), headers, body });
      return { status: 200, body: { ok: true, received: events.length } };
    },
    received: () => events,
    calls: () => calls,
    fail(status, times = Number.POSITIVE_INFINITY) {
      failure = { status, left: times };
    },
    setSecret(next) {
      secret = next;
    },
    reset() {
      events = [];
      calls = 0;
      failure = null;
      secret = null;
    },
  };
}
