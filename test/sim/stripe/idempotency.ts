import type { SimReply } from './errors';

/**
 * Stripe's idempotency layer for POST requests (docs.stripe.com/api/idempotent_requests):
 * the first answer under a key is saved and replayed; the same key with other parameters is
 * refused; keys are per secret key; a key whose first request is still running is in use.
 * Stripe prunes keys once they are at least 24 hours old; `expire` does that on demand.
 */
export interface SavedAnswer {
  fingerprint: string;
  requestId: string;
  reply: SimReply | null;
}

export type Lookup =
  | { kind: 'new' }
  | { kind: 'replay'; reply: SimReply; requestId: string }
  | { kind: 'mismatch' }
  | { kind: 'in-use' };

export interface IdempotencyStore {
  lookup(secretKey: string, key: string, fingerprint: string): Lookup;
  /** Marks the key in use by a request that began executing. */
  begin(secretKey: string, key: string, fingerprint: string, requestId: string): void;
  /** Saves the answer to replay. */
  save(secretKey: string, key: string, reply: SimReply): void;
  /** Forgets a key whose request did not begin executing (nothing to replay). */
  release(secretKey: string, key: string): void;
  /** Prunes every key, as Stripe does once they are 24 hours old. */
  expire(): void;
  size(): number;
}

const slot = (secretKey: string, key: string): string => `${secretKey}\u0000${key}`;

export function createIdempotency(): IdempotencyStore {
  const saved = new Map<string, SavedAnswer>();
  return {
    lookup(secretKey, key, fingerprint) {
      const entry = saved.get(slot(secretKey, key));
      if (!entry) return { kind: 'new' };
      if (entry.fingerprint !== fingerprint) return { kind: 'mismatch' };
      if (entry.reply === null) return { kind: 'in-use' };
      return { kind: 'replay', reply: entry.reply, requestId: entry.requestId };
    },
    begin(secretKey, key, fingerprint, requestId) {
      saved.set(slot(secretKey, key), { fingerprint, requestId, reply: null });
    },
    save(secretKey, key, reply) {
      const entry = saved.get(slot(secretKey, key));
      if (entry) entry.reply = reply;
    },
    release(secretKey, key) {
      saved.delete(slot(secretKey, key));
    },
    expire() {
      saved.clear();
    },
    size: () => saved.size,
  };
}
