import { browser } from 'wxt/browser';
import { type CommandResult, isCommandReply } from '../domain/command';

type Port = ReturnType<typeof browser.runtime.connect>;

export interface PortClient<Out> {
  /** A message answered by a push, or by nothing. */
  send(message: Out): void;
  /**
   * A command: resolves with the background's reply. It is sent under a fresh
   * `requestId`, or under the one the command names (an approval request's id).
   */
  request(message: Out & { requestId?: string }): Promise<CommandResult>;
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

/** A command posted to a worker that then stopped gets no reply: the rep is told rather than left waiting. */
export const LOST =
  'The connection to Frontline dropped before an answer came: check whether it was done, then try again.';

interface Pending {
  /** Every caller of this request: an approval's id sent again by a double click waits for the same reply. */
  resolve: ((result: CommandResult) => void)[];
  /** Posted to a port (not still queued for the next one). */
  posted: boolean;
}

/**
 * A runtime port that reconnects by itself. The service worker stops after
 * ~30 s idle and its ports drop; connecting again wakes it up.
 */
export function connectPort<In, Out>(options: PortClientOptions<In>): PortClient<Out> {
  let port: Port | null = null;
  let closed = false;
  let failures = 0;
  let queue: Out[] = [];
  const pending = new Map<string, Pending>();

  const post = (target: Port, message: Out) => {
    target.postMessage(message);
    const id = (message as { requestId?: unknown }).requestId;
    const waiting = typeof id === 'string' ? pending.get(id) : undefined;
    if (waiting) waiting.posted = true;
  };

  /** Answers every caller of a request, once. */
  const settle = (id: string, result: CommandResult) => {
    for (const resolve of pending.get(id)?.resolve ?? []) resolve(result);
    pending.delete(id);
  };

  /** Commands the stopped worker had received are lost; queued ones go to the next. */
  const losePosted = () => {
    for (const [id, waiting] of pending) if (waiting.posted) settle(id, { ok: false, message: LOST });
  };

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
      if (isCommandReply(raw)) {
        const { type: _, requestId, ...result } = raw;
        return settle(requestId, result);
      }
      const message = options.accept(raw);
      if (message !== null) options.onMessage(message);
    });
    current.onDisconnect.addListener(() => {
      if (port === current) port = null;
      losePosted();
      retry();
    });
    options.onConnect((message) => current.postMessage(message));
    const queued = queue;
    queue = [];
    for (const message of queued) post(current, message);
  };

  open();

  const send = (message: Out) => {
    try {
      if (port) return post(port, message);
    } catch {
      // The port died between the worker stopping and onDisconnect firing: queue it.
    }
    queue.push(message);
  };

  return {
    send,
    request(message) {
      const requestId = message.requestId ?? crypto.randomUUID();
      return new Promise<CommandResult>((resolve) => {
        const waiting = pending.get(requestId);
        if (waiting) waiting.resolve.push(resolve);
        else pending.set(requestId, { resolve: [resolve], posted: false });
        send({ ...message, requestId });
      });
    },
    close() {
      closed = true;
      for (const id of [...pending.keys()]) settle(id, { ok: false, message: LOST });
      try {
        port?.disconnect();
      } catch {
        // Already gone with the extension context: nothing left to close.
      }
      port = null;
    },
  };
}
