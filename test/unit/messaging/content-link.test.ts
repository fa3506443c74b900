import { describe, expect, it, vi } from 'vitest';
import { listenToContent } from '../../../lib/messaging/content-link';
import { FRAME_LINK } from '../../../lib/messaging/ports/names';

const TICKET = { helpdesk: 'zendesk', account: 'acme.zendesk.com', id: '42' } as const;

/** A frame's window: its parent, and whatever is posted to it. */
function fakeFrame() {
  const parent = {};
  let listener: ((event: MessageEvent) => void) | null = null;
  const win = {
    parent,
    addEventListener: (_: 'message', handler: (event: MessageEvent) => void) => {
      listener = handler;
    },
    removeEventListener: () => {
      listener = null;
    },
  };
  /** Posts a handshake as `source`, with a fresh channel; returns the sender's end. */
  const handshake = (data: unknown, source: unknown = parent, ports = 1) => {
    const channel = new MessageChannel();
    const transferred = ports === 1 ? [channel.port2] : [];
    listener?.({ data, source, ports: transferred } as unknown as MessageEvent);
    return channel.port1;
  };
  return { win, handshake, listening: () => listener !== null };
}

/** Sends on the port and waits for the message to cross (MessagePorts deliver asynchronously). */
const deliver = async (port: MessagePort, message: unknown) => {
  port.postMessage(message);
  await new Promise((resolve) => setTimeout(resolve, 20));
};

describe('the sidebar frame’s end of the content script’s direct line', () => {
  it('takes the port its parent hands over with the key from its URL, and passes on checked locations', async () => {
    const frame = fakeFrame();
    const onLocation = vi.fn();
    const stop = listenToContent('k-1', onLocation, frame.win);
    const port = frame.handshake({ type: FRAME_LINK, key: 'k-1' });
    expect(frame.listening()).toBe(false);

    await deliver(port, { type: 'location', ticket: TICKET });
    await deliver(port, { type: 'location', ticket: null });
    await deliver(port, { type: 'location', ticket: { ...TICKET, id: '4 2' } });
    await deliver(port, { type: 'snapshot', ticket: TICKET });
    expect(onLocation.mock.calls).toEqual([[TICKET], [null]]);
    stop();
    port.close();
  });

  it.each([
    ['a wrong key', { type: FRAME_LINK, key: 'guess' }, 'parent', 1],
    ['no key', { type: FRAME_LINK }, 'parent', 1],
    ['another sender than its parent', { type: FRAME_LINK, key: 'k-1' }, 'other', 1],
    ['no port', { type: FRAME_LINK, key: 'k-1' }, 'parent', 0],
    ['another message', { type: 'hello', key: 'k-1' }, 'parent', 1],
  ])('refuses a handshake with %s', async (_, data, from, ports) => {
    const frame = fakeFrame();
    const onLocation = vi.fn();
    const stop = listenToContent('k-1', onLocation, frame.win);
    const port = frame.handshake(data, from === 'parent' ? frame.win.parent : {}, ports);
    await deliver(port, { type: 'location', ticket: TICKET });
    expect(onLocation).not.toHaveBeenCalled();
    expect(frame.listening()).toBe(true);
    stop();
    port.close();
  });

  it('refuses every handshake when the frame was loaded without a key', async () => {
    const frame = fakeFrame();
    const onLocation = vi.fn();
    const stop = listenToContent('', onLocation, frame.win);
    const port = frame.handshake({ type: FRAME_LINK, key: '' });
    await deliver(port, { type: 'location', ticket: TICKET });
    expect(onLocation).not.toHaveBeenCalled();
    stop();
    port.close();
  });
});
