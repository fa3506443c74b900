import type { HttpRequest, HttpResponse } from '../../../lib/helpdesks/http';
import type { RawTransport } from '../../../lib/transport/scheduler';

export interface Call {
  account: string;
  request: HttpRequest;
  signal: AbortSignal;
  /** Clock time when the transport was called. */
  at: number;
  respond(status: number, headers?: Record<string, string>, body?: string): void;
  fail(error: unknown): void;
}

export const response = (
  status: number,
  headers: Record<string, string> = {},
  body = '{}',
): HttpResponse => ({
  status,
  headers,
  body,
});

/** A transport whose every call waits until the test answers it. */
export function manualTransport(now: () => number) {
  const calls: Call[] = [];
  const transport: RawTransport = (account, request, signal) =>
    new Promise((resolve, reject) => {
      calls.push({
        account,
        request,
        signal,
        at: now(),
        respond: (status, headers = {}, body = '{}') => resolve(response(status, headers, body)),
        fail: reject,
      });
    });
  return { transport, calls };
}

/** A transport that answers at once from a script; `answer` sees the call count so far. */
export function scriptedTransport(
  now: () => number,
  answer: (request: HttpRequest, index: number) => HttpResponse | Error,
) {
  const calls: { account: string; request: HttpRequest; at: number; signal: AbortSignal }[] = [];
  const transport: RawTransport = async (account, request, signal) => {
    const index = calls.length;
    calls.push({ account, request, at: now(), signal });
    const result = answer(request, index);
    if (result instanceof Error) throw result;
    return result;
  };
  return { transport, calls };
}

export const get = (path: string): HttpRequest => ({ method: 'GET', path });
