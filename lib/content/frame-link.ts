import { FRAME_LINK, type FrameLocation } from '../messaging/ports/names';

export interface FrameLink {
  /** Where the rep is now: the ticket this tab shows, or null. */
  locate(ticket: FrameLocation['ticket']): void;
}

/**
 * A direct line from the content script to its own sidebar frame, for the one thing that must be
 * quick: where the rep is. A runtime message to the frame goes through the browser process, whose
 * main thread is just then committing the helpdesk's same-document navigation (10–20 ms in the
 * bench's trace); a MessagePort between the two renderers is not held up by it. The background
 * still decides what the sidebar shows: this only lets the frame show a snapshot it already holds
 * that much sooner (lib/messaging/content-link.ts).
 *
 * The port is handed over with the key the frame was given in its URL's fragment. The page can read
 * neither (the frame is inside a closed shadow root and of another origin), so a port the page might
 * post is refused. Each load of the frame gets a fresh channel: the old document's port died with it.
 */
export function linkFrame(frame: HTMLIFrameElement, key: string): FrameLink {
  let port: MessagePort | null = null;
  frame.addEventListener('load', () => {
    port?.close();
    const channel = new MessageChannel();
    port = channel.port1;
    // Any origin: Chrome loads the sidebar's dynamic URL (use_dynamic_url) under the extension's own
    // id, so the src's origin is not the document's. What is in this frame can only be our page: the
    // src is set here, and the page can reach neither the element nor the frame's window.
    frame.contentWindow?.postMessage({ type: FRAME_LINK, key }, '*', [channel.port2]);
  });
  return {
    locate(ticket) {
      port?.postMessage({ type: 'location', ticket } satisfies FrameLocation);
    },
  };
}
