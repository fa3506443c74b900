/**
 * Faults on demand. Where a fault fires says what Stripe would have done:
 * - `429` fires before the idempotency layer (Stripe's rate limiter runs first): nothing is
 *   applied and nothing is saved under the key.
 * - `402` is a decline by the endpoint: nothing is applied, and the answer is saved under the key.
 * - `500`, `503`, `hang` and `drop` fire `before` (default: nothing applied, nothing saved, a
 *   retry with the same key runs afresh) or `after` the endpoint applied the request. After: a
 *   `500`/`503` is saved under the key and replayed to every retry with it (Stripe saves results,
 *   500s included, once execution began, and says `Stripe-Should-Retry: false`); a `hang` or
 *   `drop` loses the answer, and the real answer is saved, so a retry with the key replays it.
 */
export type FaultKind = '402' | '429' | '500' | '503' | 'hang' | 'drop';
export type FaultApply = 'before' | 'after';

export interface FaultSpec {
  kind: FaultKind;
  /** How many matching requests it answers; default 1. */
  times?: number;
  apply?: FaultApply;
  /** Only requests of this method; default any. */
  method?: 'GET' | 'POST';
  /** Only paths matching this; default any. */
  path?: RegExp;
}

export interface ArmedFault {
  kind: FaultKind;
  apply: FaultApply;
}

export interface Faults {
  add(spec: FaultSpec): void;
  /** The fault this request meets, counting it down. */
  take(method: string, path: string): ArmedFault | null;
  pending(): number;
  clear(): void;
}

export function createFaults(): Faults {
  let queue: (Required<Pick<FaultSpec, 'kind' | 'apply'>> & FaultSpec & { left: number })[] = [];
  return {
    add(spec) {
      const apply = spec.apply ?? 'before';
      if (apply === 'after' && (spec.kind === '402' || spec.kind === '429')) {
        throw new Error(`a ${spec.kind} fault cannot fire after the request applied`);
      }
      queue.push({ ...spec, apply, left: spec.times ?? 1 });
    },
    take(method, path) {
      const fault = queue.find(
        (f) => f.left > 0 && (!f.method || f.method === method) && (!f.path || f.path.test(path)),
      );
      if (!fault) return null;
      fault.left--;
      queue = queue.filter((f) => f.left > 0);
      return { kind: fault.kind, apply: fault.apply };
    },
    pending: () => queue.reduce((sum, f) => sum + f.left, 0),
    clear() {
      queue = [];
    },
  };
}
