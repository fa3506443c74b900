import type { RuntimePort } from './ports/table';

export interface Readiness {
  done(): boolean;
  ready: Promise<void>;
}

/**
 * Routes a port at once when the sender checks can run, else when they can: the messages
 * that arrive meanwhile (a content script's first says where its tab is) are handed on in
 * order, and a port that closed while it waited is never routed.
 */
export function routeWhenReady(
  raw: RuntimePort,
  readiness: Readiness,
  route: (port: RuntimePort) => void,
): void {
  if (readiness.done()) {
    route(raw);
    return;
  }
  const early: unknown[] = [];
  let listeners: ((message: unknown) => void)[] | null = null;
  let gone = false;
  raw.onMessage.addListener((message) => {
    if (listeners) for (const listener of listeners) listener(message);
    else early.push(message);
  });
  raw.onDisconnect.addListener(() => {
    gone = true;
  });
  void readiness.ready.then(() => {
    if (gone) return;
    const attached: ((message: unknown) => void)[] = [];
    route({
      name: raw.name,
      sender: raw.sender,
      postMessage: (message) => raw.postMessage(message),
      disconnect: () => raw.disconnect(),
      onMessage: { addListener: (listener) => void attached.push(listener) },
      onDisconnect: raw.onDisconnect,
    });
    listeners = attached;
    for (const message of early.splice(0)) for (const listener of attached) listener(message);
  });
}
