import { GatewayError, type GrantSubmission, GrantVerdict } from '../../../lib/gateway/protocol';

/**
 * Sends grant submissions to a gateway with a fixed number in flight, as 200 reps' browsers
 * would, over Node's fetch (undici: one keep-alive connection per request in flight). A 503
 * is what the protocol calls a transient failure: the request is sent again after its
 * `Retry-After`, as the extension does, and the retries are counted.
 */
export interface Answer<T> {
  item: T;
  verdict: GrantVerdict;
  /** From the first send to the verdict, retries included: what the rep waits. */
  ms: number;
  /** Each attempt's own round trip. */
  attemptMs: number[];
  retries: number;
}

export interface SubmitOptions {
  concurrency: number;
  /** Attempts per submission before giving up (503s only; anything else fails at once). */
  attempts?: number;
  /** Caps the wait a 503 asks for, so a test cannot stall on a long Retry-After. */
  maxRetryWaitMs?: number;
}

export interface SubmitResult<T> {
  answers: Answer<T>[];
  wallMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function submitOne<T>(
  url: string,
  item: T,
  body: GrantSubmission,
  options: Required<SubmitOptions>,
): Promise<Answer<T>> {
  const started = performance.now();
  const attemptMs: number[] = [];
  for (let attempt = 1; ; attempt++) {
    const sent = performance.now();
    const response = await fetch(`${url}/v1/grants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    attemptMs.push(performance.now() - sent);
    if (response.status === 200) {
      const verdict = GrantVerdict.parse(JSON.parse(text));
      return { item, verdict, ms: performance.now() - started, attemptMs, retries: attempt - 1 };
    }
    const error = GatewayError.safeParse(safeJson(text));
    if (response.status !== 503 || attempt >= options.attempts) {
      throw new Error(
        `grant ${body.grantId}: HTTP ${response.status} after ${attempt} attempt(s): ${error.success ? error.data.message : text.slice(0, 300)}`,
      );
    }
    const wait = (error.success ? (error.data.retryAfterSeconds ?? 1) : 1) * 1000;
    await sleep(Math.min(wait, options.maxRetryWaitMs));
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export async function submitAll<T>(
  url: string,
  items: readonly T[],
  bodyOf: (item: T) => GrantSubmission,
  options: SubmitOptions,
): Promise<SubmitResult<T>> {
  const settings: Required<SubmitOptions> = { attempts: 5, maxRetryWaitMs: 1_000, ...options };
  const answers: Answer<T>[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      const item = items[index] as T;
      answers[index] = await submitOne(url, item, bodyOf(item), settings);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(settings.concurrency, items.length) }, worker));
  return { answers, wallMs: performance.now() - started };
}
