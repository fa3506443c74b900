import type { HttpResponse } from '../../../lib/helpdesks/http';

export interface Settled {
  response?: HttpResponse;
  error?: unknown;
  done: boolean;
}

/** Watches a promise without awaiting it, so tests can check "not yet" and never leak a rejection. */
export function watch(promise: Promise<HttpResponse>): Settled {
  const state: Settled = { done: false };
  promise.then(
    (response) => {
      state.response = response;
      state.done = true;
    },
    (error: unknown) => {
      state.error = error;
      state.done = true;
    },
  );
  return state;
}
