import { browser } from 'wxt/browser';

type Port = ReturnType<typeof browser.runtime.connect>;

export interface PortClient<Out> {
  send(message: Out): void;
  close(): void;
}

export interface PortClientOptions<In> {
  name: string;
  /** Narrow an untyped message; return null to drop it. */
  accept(message: unknown): In | null;
  onMessage(message: In): void;
  /** Called on every (re)connection: resubscribe here. */
  onConnect(send: (message: unknown) => void): void;
  /** False once the extension was reloaded or updated: stop reconnecting. */
  alive(): boolean;
}

const RETRY_MS = [0, 100, 250, 500, 1000, 2000];

/**
 * A runtime port that reconnects by itself. The service worker stops after
 * ~30 s idle and its ports drop; connecting again wakes it up.
 */
export function connectPort<In, Out>(options: PortClientOptions<In>): PortClient<Out> {
  let port: Port | null = null;
  let closed = false;
  let failures = 0;
  let queue: Out[] = [];

  const retry = () => {
    const delay = RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)];
    setTimeout(open, delay);
  };

  const open = () => {
    if (closed) return;
    // Asking is what lets the content script notice it was orphaned (extension reloaded or
    // updated): only this decides when to stop, never a failed connect on its own.
    if (!options.alive()) {
      closed = true;
      return;
    }
    try {
      port = browser.runtime.connect({ name: options.name });
    } catch {
      // The extension is between two lives (reloading): try again, and ask alive() first.
      retry();
      return;
    }
    const current = port;
    current.onMessage.addListener((raw: unknown) => {
      failures = 0;
      const message = options.accept(raw);
      if (message !== null) options.onMessage(message);
    });
    current.onDisconnect.addListener(() => {
      if (port === current) port = null;
      retry();
    });
    options.onConnect((message) => current.postMessage(message));
    const pending = queue;
    queue = [];
    for (const message of pending) current.postMessage(message);
  };

  open();

  return {
    send(message) {
      try {
        if (port) return port.postMessage(message);
      } catch {
        // The port died between the worker stopping and onDisconnect firing: queue it.
      }
      queue.push(message);
    },
    close() {
      closed = true;
      try {
        port?.disconnect();
      } catch {
        // Already gone with the extension context: nothing left to close.
      }
      port = null;
    },
  };
}
