import type { HttpRequest, HttpResponse } from '../helpdesks/http';
import type { ContentSource, Hub } from '../messaging/hub';
import { REQUEST_TIMEOUT_MS } from './in-flight';

/** Thrown when no answer came back: the scheduler treats it as a network error. */
export class TransportError extends Error {
  override name = 'TransportError';
}

/**
 * The session transport: the request runs in the content script of a tab on
 * that account, same-origin, with the agent's own cookies. The background
 * never holds the agent's session.
 */
export function createSessionTransport(hub: Hub, newId: () => string = () => crypto.randomUUID()) {
  const pending = new Map<
    string,
    {
      tabId: number;
      /** The content port the request went to: only its answer counts. */
      port: unknown;
      /** `PUT /api/v2/tickets/1.json`, for the log. */
      what: string;
      resolve(response: HttpResponse): void;
      reject(error: Error): void;
    }
  >();

  const request = (account: string, req: HttpRequest, signal: AbortSignal, preferTab?: number) =>
    new Promise<HttpResponse>((resolve, reject) => {
      const tab = hub.contentFor(account, preferTab);
      if (!tab) {
        reject(new TransportError(`no open ${account} tab to run the request in`));
        return;
      }
      const id = newId();
      const timer = setTimeout(
        () => settle(() => reject(new TransportError('the helpdesk did not answer in time'))),
        // A little past the content script's own abort, so its answer (or error) wins.
        REQUEST_TIMEOUT_MS + 1_000,
      );
      const onAbort = () => settle(() => reject(signal.reason ?? new DOMException('Aborted', 'AbortError')));
      const settle = (finish: () => void) => {
        if (!pending.delete(id)) return;
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        finish();
      };
      pending.set(id, {
        tabId: tab.tabId,
        port: tab.content,
        what: `${req.method} ${req.path}`,
        resolve: (response) => settle(() => resolve(response)),
        reject: (error) => settle(() => reject(error)),
      });
      signal.addEventListener('abort', onAbort, { once: true });
      hub.toContent(tab.tabId, { type: 'http', id, request: req });
    });

  return {
    request,
    /**
     * The content script's answer to a request it was given. An answer naming
     * the id from any other tab or port is ignored: content scripts are not
     * trusted, and only the one asked may answer.
     */
    settle(from: ContentSource, id: string, response: HttpResponse | null, error: string | null) {
      const waiter = pending.get(id);
      if (!waiter || waiter.tabId !== from.tabId || waiter.port !== from.port) return;
      // Rare, and worth seeing when a real account behaves unexpectedly: which write, and how it ended.
      if (response?.csrfRenewed)
        console.info(
          `Frontline: ${waiter.what} was sent again with a renewed CSRF token: ${response.status}`,
        );
      if (response) waiter.resolve(response);
      else waiter.reject(new TransportError(error ?? 'no response'));
    },
    /** A tab's content script went away: its requests will never be answered. */
    failTab(tabId: number, reason: string) {
      for (const waiter of [...pending.values()])
        if (waiter.tabId === tabId) waiter.reject(new TransportError(reason));
    },
  };
}

export type SessionTransport = ReturnType<typeof createSessionTransport>;
