import { describe, expect, it, vi } from 'vitest';
import type { HttpResponse } from '../../../lib/helpdesks/http';
import { createHub } from '../../../lib/messaging/hub';
import { contentPort as contentRoute } from '../../../lib/messaging/ports/content';
import { PORT } from '../../../lib/messaging/ports/names';
import { type RuntimePort, routePort } from '../../../lib/messaging/router';
import { createSessionTransport } from '../../../lib/transport/session';

const EXTENSION = 'abcdefghijklmnopabcdefghijklmnop';

/** A content script's port as the background sees it; `answer` plays the content script sending a message. */
function contentPort(tabId: number, url: string, frameId = 0) {
  const listeners: ((message: unknown) => void)[] = [];
  const port = {
    name: PORT.content,
    sender: { id: EXTENSION, url, frameId, tab: { id: tabId, url } },
    sent: [] as unknown[],
    postMessage(message: unknown) {
      port.sent.push(message);
    },
    disconnect: vi.fn(),
    onMessage: { addListener: (listener: (message: unknown) => void) => listeners.push(listener) },
    onDisconnect: { addListener: () => undefined },
    answer: (message: unknown) => {
      for (const listener of listeners) listener(message);
    },
  };
  return port satisfies RuntimePort;
}

const ok = (body: string): HttpResponse => ({ status: 200, headers: {}, body });
const result = (id: string, body: string) => ({ type: 'http-result', id, response: ok(body), error: null });

function world() {
  const hub = createHub();
  const session = createSessionTransport(hub, () => 'req-1');
  const routes = {
    [PORT.content]: contentRoute({
      hub,
      extensionId: EXTENSION,
      location: () => undefined,
      httpResult: session.settle,
      contentGone: () => undefined,
    }),
  };
  const connect = (port: ReturnType<typeof contentPort>) => routePort(port, routes);
  return { hub, session, connect };
}

describe('an http-result from another tab', () => {
  it('is ignored; the answer of the tab that was asked is used', async () => {
    const w = world();
    const asked = contentPort(1, 'https://acme.zendesk.com/agent/tickets/1');
    const other = contentPort(2, 'https://acme.zendesk.com/agent/tickets/2');
    w.connect(asked);
    w.connect(other);
    const answer = w.session.request(
      'acme.zendesk.com',
      { method: 'GET', path: '/api/v2/users/me.json' },
      new AbortController().signal,
      1,
    );
    expect(asked.sent).toEqual([{ type: 'http', id: 'req-1', request: expect.anything() }]);
    expect(other.sent).toEqual([]);

    other.answer(result('req-1', 'forged'));
    asked.answer(result('req-1', 'genuine'));
    expect(await answer).toEqual(ok('genuine'));
  });

  it('is ignored from another account’s tab too, and an error from it does not fail the request', async () => {
    const w = world();
    const asked = contentPort(1, 'https://acme.zendesk.com/agent/tickets/1');
    const other = contentPort(3, 'https://evil.zendesk.com/agent/tickets/9');
    w.connect(asked);
    w.connect(other);
    const answer = w.session.request(
      'acme.zendesk.com',
      { method: 'GET', path: '/api/v2/users/me.json' },
      new AbortController().signal,
    );
    other.answer({ type: 'http-result', id: 'req-1', response: null, error: 'refused' });
    asked.answer(result('req-1', 'genuine'));
    expect(await answer).toEqual(ok('genuine'));
  });

  it('is ignored from an earlier port of the same tab (a reloaded page), and from a sub-frame', async () => {
    const w = world();
    const before = contentPort(1, 'https://acme.zendesk.com/agent/tickets/1');
    w.connect(before);
    const now = contentPort(1, 'https://acme.zendesk.com/agent/tickets/1');
    w.connect(now);
    const frame = contentPort(1, 'https://acme.zendesk.com/agent/frame', 4);
    w.connect(frame);
    expect(frame.disconnect).toHaveBeenCalled();
    const answer = w.session.request(
      'acme.zendesk.com',
      { method: 'GET', path: '/api/v2/users/me.json' },
      new AbortController().signal,
    );
    before.answer(result('req-1', 'stale'));
    frame.answer(result('req-1', 'framed'));
    now.answer(result('req-1', 'genuine'));
    expect(await answer).toEqual(ok('genuine'));
  });
});
