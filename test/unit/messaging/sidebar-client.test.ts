import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PortClientOptions } from '../../../lib/messaging/port-client';
import type { BackgroundToSidebar, SidebarToBackground } from '../../../lib/messaging/protocol';
import { createSidebarClient, type SidebarClient } from '../../../lib/messaging/sidebar-client';
import { CURRENT_ID, makeHistory, sampleSnapshot } from '../components/fixtures';

let port: PortClientOptions<BackgroundToSidebar> | null = null;
const sent: SidebarToBackground[] = [];

vi.mock('../../../lib/messaging/port-client', () => ({
  connectPort: (options: PortClientOptions<BackgroundToSidebar>) => {
    port = options;
    return { send: (message: SidebarToBackground) => sent.push(message), close: () => undefined };
  },
}));

/** A message as it arrives over the port: validated first, as the client does. */
const receive = (raw: unknown) => {
  const message = port!.accept(raw);
  if (message) port!.onMessage(message);
};
const snapshotAt = (feed: string, version: number, id = CURRENT_ID) => {
  const snapshot = sampleSnapshot();
  return {
    type: 'snapshot',
    snapshot: {
      ...snapshot,
      ticket: { ...snapshot.ticket, id },
      history: {
        ...snapshot.history,
        data: { loaded: version, total: null, complete: false, feed, version },
      },
    },
  };
};
const rows = makeHistory(3).map(({ current: _current, ...row }) => row);
const delta = (feed: string, from: number, to: number, list: unknown[], id = CURRENT_ID) => ({
  type: 'history',
  delta: { ticket: { ...sampleSnapshot().ticket, id }, feed, from, to, rows: list },
});
const heldIds = (client: SidebarClient) => {
  const held = client.store.getState().history;
  return held ? Array.from({ length: held.rows.length }, (_, i) => held.rows.at(i)!.case.ref.id) : null;
};

let client: SidebarClient;
beforeEach(() => {
  sent.length = 0;
  client = createSidebarClient();
});
afterEach(() => client.close());

describe('sidebar client: the history as deltas (finding 9)', () => {
  it('asks for every row first, then only for what changed after the version it holds', () => {
    receive(snapshotAt('f1', 4));
    expect(sent).toEqual([{ type: 'history', ticket: sampleSnapshot().ticket, feed: null, since: 0 }]);
    receive(delta('f1', 0, 4, rows));
    expect(heldIds(client)).toHaveLength(4);
    expect(client.store.getState().history?.rows.at(0)?.current).toBe(true);

    // The same version again (a poll, another section refreshing): nothing to ask.
    receive(snapshotAt('f1', 4));
    expect(sent).toHaveLength(1);

    receive(snapshotAt('f1', 5));
    expect(sent.at(-1)).toMatchObject({ type: 'history', feed: 'f1', since: 4 });
    const renamed = { ...rows[2]!, case: { ...rows[2]!.case, subject: 'Renamed', status: 'solved' } };
    receive(delta('f1', 4, 5, [renamed]));
    expect(heldIds(client)).toHaveLength(4);
    expect(client.store.getState().history?.version).toBe(5);
    expect(client.store.getState().history?.rows.counts().get('solved')).toBeGreaterThan(0);
  });

  it('drops a malformed delta, one that does not start where it stands, and one for another ticket', () => {
    receive(snapshotAt('f1', 4));
    receive(delta('f1', 0, 4, rows));
    receive(snapshotAt('f1', 6));
    const before = client.store.getState().history;
    receive(delta('f1', 4, 6, [{ ...rows[0], case: { subject: 42 } }]));
    receive(delta('f1', 5, 6, rows));
    receive(delta('f1', 0, 6, rows, '999'));
    expect(client.store.getState().history).toBe(before);
  });

  it('starts over for a new feed (a restarted worker) and for another requester’s ticket', () => {
    receive(snapshotAt('f1', 4));
    receive(delta('f1', 0, 4, rows));
    receive(snapshotAt('f2', 1));
    expect(sent.at(-1)).toMatchObject({ feed: null, since: 0 });
    receive(delta('f2', 0, 1, rows.slice(0, 1)));
    expect(heldIds(client)).toEqual([rows[0]!.case.ref.id]);

    receive(snapshotAt('f3', 3, '77'));
    expect(client.store.getState().history).toBeNull();
    expect(sent.at(-1)).toMatchObject({ ticket: { id: '77' }, feed: null, since: 0 });
  });

  it('another ticket of a requester seen lately keeps the rows held and asks only for what changed (5,000-row paint)', () => {
    receive(snapshotAt('f1', 4));
    receive(delta('f1', 0, 4, rows));
    receive(snapshotAt('f9', 2, '77'));
    receive(delta('f9', 0, 2, rows.slice(0, 1), '77'));

    const other = rows[1]!.case.ref.id;
    receive(snapshotAt('f1', 5, other));
    const held = client.store.getState().history;
    expect(held?.ticket).toContain(other);
    expect(heldIds(client)).toHaveLength(4);
    expect(sent.at(-1)).toMatchObject({ ticket: { id: other }, feed: 'f1', since: 4 });
    const flagged = Array.from({ length: held!.rows.length }, (_, i) => held!.rows.at(i)!)
      .filter((item) => item.current)
      .map((item) => item.case.ref.id);
    expect(flagged).toEqual([other]);
  });

  it('asks again after the port reconnects, when an answer was lost with the worker', () => {
    receive(snapshotAt('f1', 4));
    expect(sent).toHaveLength(1);
    receive(snapshotAt('f1', 5));
    expect(sent).toHaveLength(1);
    port!.onConnect((message) => sent.push(message as SidebarToBackground));
    receive(snapshotAt('f1', 5));
    expect(sent.at(-1)).toMatchObject({ type: 'history', feed: null, since: 0 });
  });
});

describe('sidebar client: a ticket it holds shows the moment the content script says so (issue 18, warm switch)', () => {
  const refOf = (id: string) => ({ ...sampleSnapshot().ticket, id });

  it('shows the held snapshot of a ticket seen lately, with its rows, before the background answers', () => {
    receive(snapshotAt('f1', 4));
    receive(delta('f1', 0, 4, rows));
    receive(snapshotAt('f9', 2, '77'));
    const asked = sent.length;

    client.locate(refOf(CURRENT_ID));
    const state = client.store.getState();
    expect(state.snapshot?.ticket.id).toBe(CURRENT_ID);
    expect(heldIds(client)).toHaveLength(4);
    expect(state.entries).toEqual({});
    // The rows are asked for once the background's snapshot confirms the ticket, not on the content script's word.
    expect(sent).toHaveLength(asked);

    receive(snapshotAt('f1', 5));
    expect(client.store.getState().snapshot?.history.data?.version).toBe(5);
    expect(sent.at(-1)).toMatchObject({ type: 'history', ticket: { id: CURRENT_ID }, feed: 'f1', since: 4 });
  });

  it('waits for the background on a ticket it never held, on no ticket, and on the ticket already shown', () => {
    receive(snapshotAt('f1', 4));
    const shown = client.store.getState();
    client.locate(refOf('404'));
    client.locate(null);
    client.locate(refOf(CURRENT_ID));
    expect(client.store.getState()).toBe(shown);
  });

  it('holds the last snapshot the background sent of each ticket, not the first', () => {
    receive(snapshotAt('f1', 4));
    receive(snapshotAt('f1', 6));
    receive(snapshotAt('f9', 2, '77'));
    client.locate(refOf(CURRENT_ID));
    expect(client.store.getState().snapshot?.history.data?.version).toBe(6);
  });

  it('forgets the oldest of more than 20 tickets', () => {
    for (let id = 100; id < 121; id++) receive(snapshotAt(`f${id}`, 1, String(id)));
    client.locate(refOf('100'));
    expect(client.store.getState().snapshot?.ticket.id).toBe('120');
    client.locate(refOf('101'));
    expect(client.store.getState().snapshot?.ticket.id).toBe('101');
  });
});
