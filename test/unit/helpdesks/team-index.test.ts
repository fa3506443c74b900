import { describe, expect, it } from 'vitest';
import { decodeIndex, encodeIndex, type IndexedGrant } from '../../../lib/domain/grant-index';
import { freshdeskAdapter as freshdesk } from '../../../lib/helpdesks/freshdesk';
import { INDEX_WRITE_TRIES } from '../../../lib/helpdesks/freshdesk/api';
import { ledgerFieldIn as fdLedgerFieldIn } from '../../../lib/helpdesks/freshdesk/ledger-field';
import type { HttpRequest } from '../../../lib/helpdesks/http';
import { zendeskAdapter as zendesk } from '../../../lib/helpdesks/zendesk';
import { SAFE_TAG_TRIES } from '../../../lib/helpdesks/zendesk/api';
import { caught, fakeClient, fixtureJson, json, type Route, split } from './fake-client';

/** The team index on both helpdesks (issue 17): the ledger field found, read, and written in one update. */
type Json = Record<string, unknown>;

const A: IndexedGrant = {
  id: '0b0c2a4e-5f8a-4c1e-9d2a-3e4f5a6b7c8d',
  agentId: '101',
  customerId: '9001',
  amount: 2500,
  currency: 'EUR',
  at: '2026-12-03T10:00:00.000Z',
};
const B: IndexedGrant = { ...A, id: '7f1e2d3c-4b5a-4968-8776-655443322110', agentId: '102', amount: 100 };

let accounts = 0;
/** The field cache is per account: each test takes a fresh one. */
const fresh = (helpdesk: 'zendesk' | 'freshdesk') =>
  `team-index-${++accounts}.${helpdesk === 'zendesk' ? 'zendesk' : 'freshdesk'}.com`;

// --- Zendesk -----------------------------------------------------------------------------

const ZD_FIELDS = fixtureJson<{ ticket_fields: Json[] }>('zendesk/ticket_fields.json');
const LEDGER_ID = 360011672493;
/** The recorded account's fields with its textarea retitled as an admin would create the ledger field. */
const zdFields = (title = 'Frontline ledger', active = true) => ({
  ...ZD_FIELDS,
  ticket_fields: ZD_FIELDS.ticket_fields.map((f) => (f.id === LEDGER_ID ? { ...f, title, active } : f)),
});
const zdBase = (fixtureJson('zendesk/tickets_list_cursor_page.json').tickets as Json[])[0]!;
const zdTicket = (id: number, ledger: string | null, extra: Json = {}): Json => ({
  ...zdBase,
  id,
  custom_fields: [
    { id: 360011747994, value: 'order 7' },
    { id: LEDGER_ID, value: ledger },
  ],
  ...extra,
});

const REQUESTER = { id: zdBase.requester_id, name: 'Requester', role: 'end-user' };

describe('Zendesk ledger field detection and Case.ledger', () => {
  const route =
    (fields: unknown, ledger: string | null): Route =>
    (r) => {
      const { pathname } = split(r);
      if (pathname === '/api/v2/ticket_fields.json') return json(fields);
      if (pathname === '/api/v2/search.json')
        return json({ results: [zdTicket(5, ledger)], next_page: null, count: 1 });
      if (pathname === '/api/v2/tickets/show_many.json') return json({ tickets: [zdTicket(5, ledger)] });
      return json({ ticket: zdTicket(4, ledger), users: [REQUESTER], groups: [], organizations: [] });
    };

  it('an active textarea titled "Frontline ledger" is the field: ticket, search and show_many carry its text', async () => {
    const account = fresh('zendesk');
    const { client, requests } = fakeClient(route(zdFields(), encodeIndex([A])), zendesk.allows);
    const ref = { helpdesk: 'zendesk' as const, account, id: '4' };
    expect((await zendesk.ticket(client, ref)).case.ledger).toBe(encodeIndex([A]));
    const found = await zendesk.searchTickets(client, account, {
      tag: 'frontline_credit',
      from: '2026-12-01',
    });
    expect(found.cases[0]?.ledger).toBe(encodeIndex([A]));
    expect((await zendesk.cases?.read(client, account, ['5']))?.[0]?.ledger).toBe(encodeIndex([A]));
    // Asked once for the account, not per read.
    expect(requests.filter((r) => split(r).pathname === '/api/v2/ticket_fields.json')).toHaveLength(1);
  });

  it('an empty field reads as null, not as missing', async () => {
    const { client } = fakeClient(route(zdFields(), null), zendesk.allows);
    const ref = { helpdesk: 'zendesk' as const, account: fresh('zendesk'), id: '4' };
    expect((await zendesk.ticket(client, ref)).case.ledger).toBeNull();
  });

  it.each([
    ['no field has the title', zdFields('Textarea Field')],
    ['the field is inactive', zdFields('Frontline ledger', false)],
    ['ticket_fields is refused (kept for the hour)', { error: 'Forbidden' }],
  ])('without the field (%s) Case.ledger is undefined: the notes path', async (_name, fields) => {
    const refused = 'error' in fields;
    const { client, requests } = fakeClient(
      (r) =>
        refused && split(r).pathname === '/api/v2/ticket_fields.json'
          ? json(fields, 403)
          : route(fields, encodeIndex([A]))(r),
      zendesk.allows,
    );
    const ref = { helpdesk: 'zendesk' as const, account: fresh('zendesk'), id: '4' };
    expect((await zendesk.ticket(client, ref)).case).not.toHaveProperty('ledger');
    await zendesk.ticket(client, ref);
    expect(requests.filter((r) => split(r).pathname === '/api/v2/ticket_fields.json')).toHaveLength(1);
  });
});

describe('Zendesk team index write: one safe update, retried on 409', () => {
  /** A ticket whose reads answer `states` in turn (the last one repeats) and whose writes answer `statuses`. */
  const zdIndexTicket = (
    states: { stamp: string; ledger: string | null; tags: string[] }[],
    statuses: number[],
  ) => {
    const account = fresh('zendesk');
    const fake = fakeClient((r) => {
      const { pathname } = split(r);
      if (pathname === '/api/v2/ticket_fields.json') return json(zdFields());
      if (r.method === 'GET') {
        const state = (states.length > 1 ? states.shift() : states[0])!;
        return json({
          ticket: zdTicket(4, state.ledger, { updated_at: state.stamp, tags: state.tags }),
          users: [],
          groups: [],
          organizations: [],
        });
      }
      const status = statuses.shift() ?? 200;
      return status === 409
        ? json({ error: 'UpdateConflict', description: 'Safe Update prevented the update' }, 409)
        : json({ ticket: zdTicket(4, null), audit: { events: [] } });
    }, zendesk.allows);
    return { ...fake, ref: { helpdesk: 'zendesk' as const, account, id: '4' } };
  };
  const puts = (requests: HttpRequest[]) =>
    requests.filter((r) => r.method === 'PUT').map((r) => (r.body as { ticket: Json }).ticket);

  it('adds only the missing tags and the merged ledger, with safe_update and the stamp it read', async () => {
    const { client, requests, ref } = zdIndexTicket(
      [{ stamp: '2026-12-03T10:00:01Z', ledger: encodeIndex([B]), tags: ['vip', 'frontline_credit'] }],
      [],
    );
    await zendesk.indexGrants(client, ref, [A]);
    expect(puts(requests)).toEqual([
      {
        additional_tags: ['fl_credit_101'],
        custom_fields: [{ id: LEDGER_ID, value: encodeIndex([A, B]) }],
        safe_update: true,
        updated_stamp: '2026-12-03T10:00:01Z',
      },
    ]);
    expect(requests.find((r) => r.method === 'PUT')?.path).toBe('/api/v2/tickets/4.json');
  });

  it('concurrent grants: a 409 reads the ticket again and merges into what the other writer left', async () => {
    const { client, requests, ref } = zdIndexTicket(
      [
        { stamp: '2026-12-03T10:00:01Z', ledger: null, tags: [] },
        // Another rep's grant landed between our read and our write.
        {
          stamp: '2026-12-03T10:00:02Z',
          ledger: encodeIndex([B]),
          tags: ['frontline_credit', 'fl_credit_102'],
        },
      ],
      [409],
    );
    await zendesk.indexGrants(client, ref, [A]);
    const [first, second] = puts(requests);
    expect(first).toMatchObject({ updated_stamp: '2026-12-03T10:00:01Z' });
    expect(second).toEqual({
      additional_tags: ['fl_credit_101'],
      custom_fields: [{ id: LEDGER_ID, value: encodeIndex([A, B]) }],
      safe_update: true,
      updated_stamp: '2026-12-03T10:00:02Z',
    });
  });

  it(`after ${SAFE_TAG_TRIES} collisions in a row it is a transient conflict for the outbox to retry`, async () => {
    const { client, requests, ref } = zdIndexTicket(
      [{ stamp: '2026-12-03T10:00:01Z', ledger: null, tags: [] }],
      [409, 409, 409],
    );
    expect(await caught(() => zendesk.indexGrants(client, ref, [A]))).toMatchObject({
      kind: 'conflict',
      permanent: false,
    });
    expect(puts(requests)).toHaveLength(SAFE_TAG_TRIES);
  });

  it('writes nothing when the tags and the line are there (line breaks as the helpdesk keeps them)', async () => {
    const { client, requests, ref } = zdIndexTicket(
      [
        {
          stamp: '2026-12-03T10:00:01Z',
          ledger: `${encodeIndex([A, B]).replace('\n', '\r\n')}\r\n`,
          tags: ['frontline_credit', 'fl_credit_101'],
        },
      ],
      [],
    );
    await zendesk.indexGrants(client, ref, [A]);
    expect(puts(requests)).toEqual([]);
  });

  it('without the field, writes the tags alone', async () => {
    const account = fresh('zendesk');
    const { client, requests } = fakeClient((r) => {
      if (split(r).pathname === '/api/v2/ticket_fields.json') return json(zdFields('Something else'));
      if (r.method === 'GET') return json({ ticket: zdTicket(4, null, { tags: [] }), users: [] });
      return json({ ticket: zdTicket(4, null), audit: { events: [] } });
    }, zendesk.allows);
    await zendesk.indexGrants(client, { helpdesk: 'zendesk', account, id: '4' }, [A]);
    expect(puts(requests)).toEqual([
      {
        additional_tags: ['frontline_credit', 'fl_credit_101'],
        safe_update: true,
        updated_stamp: zdBase.updated_at,
      },
    ]);
  });
});

// --- Freshdesk ---------------------------------------------------------------------------

/** Freshdesk's documented ticket_fields shape (developers.freshdesk.com/api/#ticket_fields): no recording holds a paragraph field. */
const FD_LEDGER = { id: 3, name: 'cf_frontline_ledger', label: 'Frontline ledger', type: 'custom_paragraph' };
const FD_FIELDS = [
  { id: 1, name: 'status', label: 'Status', type: 'default_status', choices: {} },
  { id: 2, name: 'cf_order_number', label: 'Order number', type: 'custom_text' },
  FD_LEDGER,
];
const fdView = fixtureJson('freshdesk/ticket_view.json');

describe('Freshdesk ledger field detection', () => {
  it.each([
    ['the paragraph field named cf_frontline_ledger', FD_FIELDS, 'cf_frontline_ledger'],
    [
      'a single-line text of that name (cannot hold the lines)',
      [{ ...FD_LEDGER, type: 'custom_text' }],
      null,
    ],
    ['no such field', FD_FIELDS.slice(0, 2), null],
  ])('%s', (_name, fields, expected) => {
    expect(fdLedgerFieldIn(fields)).toBe(expected);
  });

  it('ticket, search and the pin watcher’s reads carry the field; one ticket_fields read serves statuses and field', async () => {
    const account = fresh('freshdesk');
    const text = encodeIndex([A]);
    const ticket = { ...fdView, id: 223, custom_fields: { cf_frontline_ledger: text, cf_order_number: 'x' } };
    const { client, requests } = fakeClient((r) => {
      const { pathname } = split(r);
      if (pathname === '/api/v2/ticket_fields') return json(FD_FIELDS);
      if (pathname === '/api/v2/search/tickets') return json({ results: [ticket], total: 1 });
      return json({ ...ticket, requester: { id: 1, name: 'Dana' } });
    }, freshdesk.allows);
    const ref = { helpdesk: 'freshdesk' as const, account, id: '223' };
    expect((await freshdesk.ticket(client, ref)).case.ledger).toBe(text);
    const found = await freshdesk.searchTickets(client, account, {
      tag: 'fl_credit_101',
      from: '2026-12-01',
    });
    expect(found.cases[0]?.ledger).toBe(text);
    expect((await freshdesk.cases?.read(client, account, ['223']))?.[0]?.ledger).toBe(text);
    expect(requests.filter((r) => split(r).pathname === '/api/v2/ticket_fields')).toHaveLength(1);
  });
});

describe('Freshdesk team index write: read, merge, write, read again', () => {
  interface State {
    tags: string[];
    ledger: string | null;
  }
  /**
   * A ticket on a fresh account. `writer` runs after each of our writes, as a concurrent
   * writer (another rep's merge from an older read, a stale page's Update) would.
   */
  const fdIndexTicket = (start: State, writer: (state: State, write: number) => void = () => undefined) => {
    const account = fresh('freshdesk');
    const state = { ...start };
    let writes = 0;
    const fake = fakeClient((r) => {
      const { pathname } = split(r);
      if (pathname === '/api/v2/ticket_fields') return json(FD_FIELDS);
      if (r.method === 'PUT') {
        const body = r.body as { tags: string[]; custom_fields?: { cf_frontline_ledger: string } };
        state.tags = body.tags;
        if (body.custom_fields) state.ledger = body.custom_fields.cf_frontline_ledger;
        writer(state, ++writes);
        return json({ ...fdView, id: 223 });
      }
      return json({
        ...fdView,
        id: 223,
        tags: state.tags,
        custom_fields: { cf_frontline_ledger: state.ledger },
      });
    }, freshdesk.allows);
    return { ...fake, state, ref: { helpdesk: 'freshdesk' as const, account, id: '223' } };
  };
  const methods = (requests: HttpRequest[]) =>
    requests.filter((r) => split(r).pathname !== '/api/v2/ticket_fields').map((r) => r.method);

  it('writes the whole merged tag list and the field in one PUT, then reads to verify', async () => {
    const { client, requests, state, ref } = fdIndexTicket({ tags: ['vip'], ledger: encodeIndex([B]) });
    await freshdesk.indexGrants(client, ref, [A]);
    expect(methods(requests)).toEqual(['GET', 'PUT', 'GET']);
    expect(requests.find((r) => r.method === 'PUT')?.body).toEqual({
      tags: ['vip', 'frontline_credit', 'fl_credit_101'],
      custom_fields: { cf_frontline_ledger: encodeIndex([A, B]) },
    });
    expect(decodeIndex(state.ledger ?? '').grants).toEqual([A, B]);
  });

  it('a concurrent writer that removes our line and tag after our write: the check sees it and merges again', async () => {
    const { client, requests, state, ref } = fdIndexTicket({ tags: [], ledger: null }, (s, write) => {
      // Another rep's merge, from a read older than our write, puts back its own list.
      if (write === 1) {
        s.tags = ['frontline_credit', 'fl_credit_102'];
        s.ledger = encodeIndex([B]);
      }
    });
    await freshdesk.indexGrants(client, ref, [A]);
    expect(methods(requests)).toEqual(['GET', 'PUT', 'GET', 'PUT', 'GET']);
    expect(state.tags).toEqual(['frontline_credit', 'fl_credit_102', 'fl_credit_101']);
    expect(decodeIndex(state.ledger ?? '').grants).toEqual([A, B]);
  });

  it(`a writer that keeps undoing it: ${INDEX_WRITE_TRIES} writes, then a transient conflict for the outbox`, async () => {
    const { client, requests, ref } = fdIndexTicket({ tags: [], ledger: null }, (s) => {
      s.tags = [];
      s.ledger = null;
    });
    expect(await caught(() => freshdesk.indexGrants(client, ref, [A]))).toMatchObject({
      kind: 'conflict',
      permanent: false,
    });
    expect(requests.filter((r) => r.method === 'PUT')).toHaveLength(INDEX_WRITE_TRIES);
  });

  it('nothing missing: one read, no write', async () => {
    const { client, requests, ref } = fdIndexTicket({
      tags: ['frontline_credit', 'fl_credit_101'],
      ledger: encodeIndex([A]),
    });
    await freshdesk.indexGrants(client, ref, [A]);
    expect(methods(requests)).toEqual(['GET']);
  });
});
