import { HelpdeskError, type HttpRequest, type HttpResponse } from '../helpdesks/http';
import { endpointName } from '../helpdesks/parse';
import { type BackoffPolicy, fullJitterDelay } from './backoff';

/** Resolves after `ms`; may resolve early when `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/** How one attempt ended: an answer with any HTTP status, or why there was none. */
export type Outcome = { response: HttpResponse } | { error: unknown };

export const abortError = (): DOMException => new DOMException('The request was cancelled', 'AbortError');

export const isAbortError = (error: unknown): boolean =>
  error instanceof DOMException && error.name === 'AbortError';

/** Rejects as soon as `signal` aborts, so a cancelled job stops waiting on a backoff sleep. */
export const abortable = (promise: Promise<void>, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });

/**
 * The wait before retry number `retries` (from 0), with full jitter. Resolves true when
 * it ran out, false as soon as `cancel` aborts: a cancelled job stops waiting at once.
 */
export const backOff = (
  retries: number,
  cancel: AbortSignal,
  sleep: Sleep,
  random: () => number,
  policy: BackoffPolicy,
): Promise<boolean> =>
  abortable(sleep(fullJitterDelay(retries, random, policy), cancel), cancel).then(
    () => true,
    () => false,
  );

/** A failure without an answer, named by its endpoint so the caller can say what failed. */
export const networkError = (request: HttpRequest, message: string): HelpdeskError =>
  new HelpdeskError('network', endpointName(request.method, request.path), message);

/**
 * One try on the wire. It settles as soon as `cancel` aborts or `timeoutMs` passes,
 * even if `send` never answers (a tab closed mid-request), so a hung request cannot
 * hold a concurrency slot. `send` gets a signal that aborts in both cases.
 */
export const attempt = (
  send: (signal: AbortSignal) => Promise<HttpResponse>,
  request: HttpRequest,
  cancel: AbortSignal,
  timeoutMs: number,
  sleep: Sleep,
): Promise<Outcome> =>
  new Promise((resolve) => {
    const controller = new AbortController();
    const timer = new AbortController();
    const onCancel = () => controller.abort(abortError());
    let settled = false;
    const settle = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      timer.abort();
      cancel.removeEventListener('abort', onCancel);
      resolve(outcome);
    };
    cancel.addEventListener('abort', onCancel, { once: true });
    controller.signal.addEventListener('abort', () => settle({ error: controller.signal.reason }), {
      once: true,
    });
    void sleep(timeoutMs, timer.signal).then(() => {
      if (!settled) controller.abort(networkError(request, `No answer within ${timeoutMs / 1000} s`));
    });
    new Promise<HttpResponse>((answer) => answer(send(controller.signal))).then(
      (response) => settle({ response }),
      (error: unknown) => settle({ error }),
    );
  });

/** `resend`: back in line at once (after the account's pause); `back-off`: after a jittered wait. */
export type Retry = 'resend' | 'back-off' | 'settle';

/**
 * After an answer. The helpdesk refused a 429 without acting on it, so any method may be
 * re-sent; a 5xx is retried for GETs only.
 */
export function retryAfterAnswer(
  status: number,
  request: HttpRequest,
  retries: number,
  maxRetries: number,
): Retry {
  if (status === 429) return retries < maxRetries ? 'resend' : 'settle';
  if (status >= 500 && request.method === 'GET' && retries < maxRetries) return 'back-off';
  return 'settle';
}

/**
 * After no answer. A final HelpdeskError (e.g. `signed-out`) reaches the caller as it is.
 * A write may have landed before the connection dropped: only the caller can check (e.g.
 * look for the grant's marker) before sending it again, so only GETs are retried.
 */
export function retryAfterFailure(
  error: unknown,
  request: HttpRequest,
  retries: number,
  maxRetries: number,
): Retry | 'settle-as-network' {
  if (error instanceof HelpdeskError && error.kind !== 'network') return 'settle';
  if (request.method === 'GET' && retries < maxRetries) return 'back-off';
  return 'settle-as-network';
}
