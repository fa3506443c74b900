import { describe, expect, it, vi } from 'vitest';
import { type CommandResult, NOT_READY } from '../../../lib/domain/command';
import { createHub } from '../../../lib/messaging/hub';
import { contentPort } from '../../../lib/messaging/ports/content';
import { listPort } from '../../../lib/messaging/ports/list';
import { PORT } from '../../../lib/messaging/ports/names';
import { reviewPort } from '../../../lib/messaging/ports/review';
import { sidebarPort } from '../../../lib/messaging/ports/sidebar';
import { MALFORMED, type RuntimePort, UNKNOWN_TYPE, WRONG_SENDER } from '../../../lib/messaging/ports/table';
import { type PortRoute, routePort } from '../../../lib/messaging/router';
import type { SenderLike } from '../../../lib/messaging/sender';

const EXTENSION = 'abcdefghijklmnopabcdefghijklmnop';
const SELF = { id: EXTENSION, baseUrl: `chrome-extension://${EXTENSION}/` };
const HELPDESK = 'https://acme.zendesk.com/agent/tickets/1';
const TICKET = { helpdesk: 'zendesk', account: 'acme.zendesk.com', id: '1' } as const;
const ME = {
  helpdesk: 'zendesk',
  account: 'acme.zendesk.com',
  id: '10',
  name: 'Ada',
  email: 'ada@acme.test',
} as const;
const GRANT_ID = '11111111-1111-4111-8111-111111111111';
const REQUEST = 'req-1';

const senders = {
  content: { id: EXTENSION, url: HELPDESK, frameId: 0, tab: { id: 7, url: HELPDESK } },
  sidebar: { id: EXTENSION, url: 'chrome-extension://dyn/sidebar.html', tab: { id: 7, url: HELPDESK } },
  popup: { id: EXTENSION, url: `chrome-extension://${EXTENSION}/popup.html` },
  review: { id: EXTENSION, url: `chrome-extension://${EXTENSION}/review.html` },
  /** A helpdesk page's own script, or another extension, claiming to be one of ours. */
  page: { url: HELPDESK, frameId: 0, tab: { id: 7, url: HELPDESK } },
} satisfies Record<string, SenderLike>;

/** A port as the background sees it; `say` plays the other end sending a message. */
function fakePort(name: string, sender: SenderLike) {
  const listeners: ((message: unknown) => void)[] = [];
  const port = {
    name,
    sender,
    sent: [] as unknown[],
    postMessage: (message: unknown) => void port.sent.push(message),
    disconnect: vi.fn(),
    onMessage: { addListener: (listener: (message: unknown) => void) => void listeners.push(listener) },
    onDisconnect: { addListener: () => undefined },
    say: (message: unknown) => {
      for (const listener of listeners) listener(message);
    },
  };
  return port satisfies RuntimePort;
}

function sidebarWorld(grant = vi.fn(async (): Promise<CommandResult> => ({ ok: true }))) {
  const hub = createHub();
  hub.entry(7).ticket = TICKET;
  const deps = {
    hub,
    extension: SELF,
    tabs: { hello: vi.fn(), retry: vi.fn(), entries: vi.fn(), history: vi.fn() },
    context: vi.fn(async () => ({ me: ME, customerId: '900' })),
    credit: {
      grant,
      undo: vi.fn(async () => ({ ok: true }) as const),
      requestApproval: vi.fn(async () => ({ ok: true }) as const),
      drain: vi.fn(async () => undefined),
    },
    casework: { run: vi.fn(async () => ({ ok: true }) as const), drain: vi.fn(async () => undefined) },
    follow: vi.fn(async () => undefined),
    saveCredential: vi.fn(async () => undefined),
    republish: vi.fn(async () => undefined),
  };
  return { deps, route: sidebarPort(deps) };
}

const contentWorld = () => {
  const deps = {
    hub: createHub(),
    extensionId: EXTENSION,
    location: vi.fn(),
    httpResult: vi.fn(),
    contentGone: vi.fn(),
  };
  return { deps, route: contentPort(deps) };
};

const listWorld = () => {
  const follow = {
    opened: vi.fn(),
    closed: vi.fn(),
    hello: vi.fn(async () => undefined),
    pin: vi.fn(async () => undefined),
    unpin: vi.fn(async () => undefined),
    seen: vi.fn(async () => undefined),
    checkNow: vi.fn(async () => undefined),
  };
  return { deps: follow, route: listPort({ extension: SELF, follow }) };
};

const reviewWorld = () => {
  const review = {
    load: vi.fn(async () => undefined),
    conversation: vi.fn(async () => undefined),
    decide: vi.fn(async () => ({ ok: true }) as const),
    coach: vi.fn(async () => ({ ok: true }) as const),
  };
  return { deps: review, route: reviewPort({ extension: SELF, review }) };
};

interface Case {
  port: string;
  world: () => { deps: object; route: PortRoute<unknown> };
  sender: SenderLike;
  /** A message the table handles, and the same type with a payload that does not validate. */
  valid: Record<string, unknown>;
  malformed: Record<string, unknown>;
}

const cases: Case[] = [
  {
    port: 'content',
    world: contentWorld,
    sender: senders.content,
    valid: { type: 'location', url: HELPDESK },
    malformed: { type: 'location', url: 'not a url' },
  },
  {
    port: 'sidebar',
    world: () => sidebarWorld(),
    sender: senders.sidebar,
    valid: { type: 'grant', grantId: GRANT_ID, ticket: TICKET, amount: 500, reason: 'Late delivery' },
    malformed: { type: 'grant', grantId: GRANT_ID, ticket: TICKET, amount: -5, reason: 'Late delivery' },
  },
  {
    port: 'list',
    world: listWorld,
    sender: senders.popup,
    valid: { type: 'unpin', ticket: TICKET },
    malformed: { type: 'unpin', ticket: { ...TICKET, id: '../1' } },
  },
  {
    port: 'review',
    world: reviewWorld,
    sender: senders.review,
    valid: { type: 'coach', grantId: GRANT_ID, ticket: TICKET, text: 'Well done' },
    malformed: { type: 'coach', grantId: 'not-a-uuid', ticket: TICKET, text: 'Well done' },
  },
];

/** Every handler a world's deps hold: none may run for a refused message. */
const calls = (deps: object): number =>
  Object.values(deps).reduce<number>((sum, value) => {
    if (vi.isMockFunction(value)) return sum + value.mock.calls.length;
    if (typeof value === 'object' && value !== null && !('entry' in value)) return sum + calls(value);
    return sum;
  }, 0);

describe.each(cases)('the $port port table', ({ world, sender, valid, malformed }) => {
  const port = () => fakePort('any', sender);

  it('refuses an unknown type', async () => {
    const { deps, route } = world();
    const reply = await route.table.answer({ type: 'drop-tables', requestId: REQUEST }, port());
    expect(reply).toEqual({ type: 'reply', requestId: REQUEST, ok: false, message: UNKNOWN_TYPE });
    // A type inherited from Object is no handler either.
    expect(await route.table.answer({ type: 'constructor', requestId: REQUEST }, port())).toMatchObject({
      ok: false,
      message: UNKNOWN_TYPE,
    });
    expect(calls(deps)).toBe(0);
  });

  it('refuses a malformed payload', async () => {
    const { deps, route } = world();
    const reply = await route.table.answer({ ...malformed, requestId: REQUEST }, port());
    expect(reply).toEqual({ type: 'reply', requestId: REQUEST, ok: false, message: MALFORMED });
    expect(calls(deps)).toBe(0);
  });

  it('refuses a wrong sender, even with a valid message', async () => {
    const { deps, route } = world();
    for (const wrong of [senders.page, { ...sender, id: 'another-extension' }]) {
      const reply = await route.table.answer({ ...valid, requestId: REQUEST }, fakePort('any', wrong));
      expect(reply).toEqual({ type: 'reply', requestId: REQUEST, ok: false, message: WRONG_SENDER });
    }
    expect(calls(deps)).toBe(0);
  });

  it('runs a valid message and answers it under its requestId', async () => {
    const { deps, route } = world();
    expect(await route.table.answer({ ...valid, requestId: REQUEST }, port())).toEqual({
      type: 'reply',
      requestId: REQUEST,
      ok: true,
    });
    expect(calls(deps)).toBeGreaterThan(0);
  });
});

describe('a command gets a reply with its requestId', () => {
  const grant = { type: 'grant', grantId: GRANT_ID, ticket: TICKET, amount: 500, reason: 'Late delivery' };

  it('done: the reply says ok, after the snapshot was republished', async () => {
    const { deps, route } = sidebarWorld();
    const port = fakePort(PORT.sidebar, senders.sidebar);
    routePort(port, { [PORT.sidebar]: route });
    port.say({ ...grant, requestId: 'r-ok' });
    await vi.waitFor(() => expect(port.sent).toEqual([{ type: 'reply', requestId: 'r-ok', ok: true }]));
    expect(deps.credit.grant).toHaveBeenCalledWith(
      { grantId: GRANT_ID, ticket: TICKET, amount: 500, reason: 'Late delivery' },
      ME,
      '900',
    );
    expect(deps.republish).toHaveBeenCalledWith(TICKET);
  });

  it('refused: the reply carries the message to show, every time it is refused', async () => {
    const message = 'Add your helpdesk API key first: credits are recorded with it.';
    const { deps, route } = sidebarWorld(vi.fn(async (): Promise<CommandResult> => ({ ok: false, message })));
    const port = fakePort(PORT.sidebar, senders.sidebar);
    routePort(port, { [PORT.sidebar]: route });
    port.say({ ...grant, requestId: 'r-1' });
    port.say({ ...grant, requestId: 'r-2' });
    await vi.waitFor(() => expect(port.sent).toHaveLength(2));
    expect(port.sent).toEqual([
      { type: 'reply', requestId: 'r-1', ok: false, message },
      { type: 'reply', requestId: 'r-2', ok: false, message },
    ]);
    expect(deps.republish).not.toHaveBeenCalled();
  });

  it('a command for a ticket this tab no longer shows, or before any, is refused with why', async () => {
    const { deps, route } = sidebarWorld();
    const port = fakePort(PORT.sidebar, senders.sidebar);
    const other = { ...grant, ticket: { ...TICKET, id: '2' }, requestId: 'r-other' };
    expect(await route.table.answer(other, port)).toMatchObject({ requestId: 'r-other', ok: false });
    deps.hub.entry(7).ticket = null;
    expect(await route.table.answer({ ...grant, requestId: 'r-none' }, port)).toEqual({
      type: 'reply',
      requestId: 'r-none',
      ok: false,
      message: NOT_READY,
    });
    expect(deps.credit.grant).not.toHaveBeenCalled();
  });

  it('a handler that throws is answered with its error, not left unanswered', async () => {
    const { route } = sidebarWorld(
      vi.fn(async (): Promise<CommandResult> => {
        throw new Error('database closed');
      }),
    );
    const port = fakePort(PORT.sidebar, senders.sidebar);
    expect(await route.table.answer({ ...grant, requestId: 'r-x' }, port)).toEqual({
      type: 'reply',
      requestId: 'r-x',
      ok: false,
      message: 'database closed',
    });
  });

  it('a message sent without a requestId is answered by pushes only', async () => {
    const { deps, route } = sidebarWorld();
    const port = fakePort(PORT.sidebar, senders.sidebar);
    routePort(port, { [PORT.sidebar]: route });
    port.say({ type: 'hello' });
    await vi.waitFor(() => expect(deps.tabs.hello).toHaveBeenCalledWith(7));
    expect(port.sent).toEqual([]);
  });

  it('a port whose sender is not the context its name claims is disconnected', () => {
    const { route } = sidebarWorld();
    const port = fakePort(PORT.sidebar, senders.page);
    routePort(port, { [PORT.sidebar]: route });
    expect(port.disconnect).toHaveBeenCalled();
    const unknown = fakePort('frontline:other', senders.sidebar);
    routePort(unknown, { [PORT.sidebar]: route });
    expect(unknown.disconnect).toHaveBeenCalled();
  });
});
