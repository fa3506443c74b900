import type { TicketRef } from '../domain/ticket-ref';
import { FRAME_LINK } from './ports/names';
import { ContentToSidebar } from './protocol';

interface LinkWindow {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  parent: unknown;
}

/**
 * The sidebar frame's end of the content script's direct line (lib/content/frame-link.ts): the one
 * port handed over by the frame's parent with the key from this frame's URL fragment. Anything else
 * posted to the frame is ignored, and every message on the port is checked. Returns a stop function.
 */
export function listenToContent(
  key: string,
  onLocation: (ticket: TicketRef | null) => void,
  win: LinkWindow = window,
): () => void {
  let port: MessagePort | null = null;
  const handshake = (event: MessageEvent) => {
    const data = event.data as { type?: unknown; key?: unknown } | null;
    const genuine =
      key !== '' &&
      event.source === win.parent &&
      data?.type === FRAME_LINK &&
      data.key === key &&
      event.ports.length === 1;
    if (!genuine) return;
    win.removeEventListener('message', handshake);
    port = event.ports[0]!;
    port.onmessage = (message: MessageEvent) => {
      const parsed = ContentToSidebar.safeParse(message.data);
      if (parsed.success) onLocation(parsed.data.ticket);
    };
  };
  win.addEventListener('message', handshake);
  return () => {
    win.removeEventListener('message', handshake);
    port?.close();
  };
}
