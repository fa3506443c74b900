import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectPort, LOST } from '../../../lib/messaging/port-client';

/** The ports the client opened, newest last; `reply` and `drop` play the background. */
const opened: ReturnType<typeof fakePort>[] = [];

function fakePort() {
  const onMessage: ((message: unknown) => void)[] = [];
  const onDisconnect: (() => void)[] = [];
  return {
    sent: [] as unknown[],
    postMessage(message: unknown) {
      this.sent.push(message);
    },
    disconnect: () => undefined,
    onMessage: { addListener: (listener: (message: unknown) => void) => void onMessage.push(listener) },
    onDisconnect: { addListener: (listener: () => void) => void onDisconnect.push(listener) },
    reply: (message: unknown) => {
      for (const listener of onMessage) listener(message);
    },
    drop: () => {
      for (const listener of onDisconnect) listener();
    },
  };
}

vi.mock('wxt/browser', () => ({
  browser: {
    runtime: {
      connect: () => {
        const port = fakePort();
        opened.push(port);
        return port;
      },
    },
  },
}));

const clients: { close(): void }[] = [];

const connect = () => {
  const pushed: unknown[] = [];
  const client = connectPort<unknown, { type: string; requestId?: string }>({
    name: 'frontline:test',
    accept: (raw) => raw,
    onMessage: (message) => pushed.push(message),
    onConnect: () => undefined,
    alive: () => true,
  });
  clients.push(client);
  return { client, pushed, port: opened.at(-1)! };
};

// A dropped port reconnects on a timer: closed here, so none reconnects into the next test.
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
  opened.length = 0;
});

describe('port client: a command resolves with its reply', () => {
  it('sends it under a fresh requestId and resolves with the reply to that id, ok or refused', async () => {
    const { client, pushed, port } = connect();
    const first = client.request({ type: 'grant' });
    const second = client.request({ type: 'grant' });
    const [a, b] = port.sent as { requestId: string }[];
    expect(a!.requestId).not.toBe(b!.requestId);
    port.reply({ type: 'reply', requestId: b!.requestId, ok: false, message: 'Refused.' });
    port.reply({ type: 'reply', requestId: a!.requestId, ok: true });
    expect(await first).toEqual({ ok: true });
    expect(await second).toEqual({ ok: false, message: 'Refused.' });
    // Replies are the client's own business: the pushes see none.
    expect(pushed).toEqual([]);
  });

  it('a command naming its own requestId is answered under it, every caller alike', async () => {
    const { client, port } = connect();
    const clicks = [
      client.request({ type: 'approve', requestId: 'r-7' }),
      client.request({ type: 'approve', requestId: 'r-7' }),
    ];
    expect(port.sent).toEqual([
      { type: 'approve', requestId: 'r-7' },
      { type: 'approve', requestId: 'r-7' },
    ]);
    port.reply({ type: 'reply', requestId: 'r-7', ok: true, message: null });
    expect(await Promise.all(clicks)).toEqual([
      { ok: true, message: null },
      { ok: true, message: null },
    ]);
  });

  it('a command the stopped worker had received is reported lost, not left waiting', async () => {
    const { client, port } = connect();
    const sent = client.request({ type: 'grant' });
    port.drop();
    expect(await sent).toEqual({ ok: false, message: LOST });
  });

  it('a command sent while the worker was away waits for the next port and its reply there', async () => {
    vi.useFakeTimers();
    try {
      const { client, port } = connect();
      port.drop();
      const queued = client.request({ type: 'grant' });
      await vi.runAllTimersAsync();
      const next = opened.at(-1)!;
      expect(next).not.toBe(port);
      const [message] = next.sent as { requestId: string }[];
      next.reply({ type: 'reply', requestId: message!.requestId, ok: true });
      expect(await queued).toEqual({ ok: true });
    } finally {
      vi.useRealTimers();
    }
  });
});
