import type { PortTable, RuntimePort } from './ports/table';

export type { RuntimePort } from './ports/table';

/** A port's table and what happens when a context opens or closes it. */
export interface PortRoute<From> {
  table: PortTable<From>;
  /** The port passed the sender check: remember it (the hub, the open lists). */
  opened?(port: RuntimePort, from: From): void;
  closed?(port: RuntimePort, from: From): void;
}

/** Routes by port name; a name's context is checked on the sender, never on what a message says. */
export type PortRoutes = Record<string, PortRoute<unknown>>;

/** A port that stops posting once its context has gone, instead of throwing into a handler. */
function guarded(port: RuntimePort): RuntimePort {
  let open = true;
  port.onDisconnect.addListener(() => {
    open = false;
  });
  return {
    name: port.name,
    sender: port.sender,
    onMessage: port.onMessage,
    onDisconnect: port.onDisconnect,
    disconnect: () => port.disconnect(),
    postMessage(message) {
      if (!open) return;
      try {
        port.postMessage(message);
      } catch {
        open = false;
      }
    },
  };
}

/**
 * Accepts a port only from the context its name claims and hands every message
 * to that port's table; a command's reply goes back on the same port.
 */
export function routePort(raw: RuntimePort, routes: PortRoutes): void {
  const route = Object.hasOwn(routes, raw.name) ? routes[raw.name] : undefined;
  const port = guarded(raw);
  const from = route?.table.from(port) ?? null;
  if (!route || from === null) {
    raw.disconnect();
    return;
  }
  route.opened?.(port, from);
  port.onMessage.addListener((message) => {
    void route.table.answer(message, port).then((reply) => {
      if (reply) port.postMessage(reply);
    });
  });
  // The handler runs first, while the hub still knows what the tab showed.
  port.onDisconnect.addListener(() => route.closed?.(port, from));
}
