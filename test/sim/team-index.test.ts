import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from './server';
import { csrfToken, type SimResponse, signIn, simFetch } from './testing/client';

/** The team index's helpdesk side (docs/team-index.md): the ledger field, its values, the tag rules. */
const ZD = 'acme.zendesk.com';
const FD = 'acme.freshdesk.com';
const LINE = 'g1 0b0c2a4e-5f8a-4c1e-9d2a-3e4f5a6b7c8d 101 9001 2500 EUR 2026-12-03T10:00:00.000Z';

let sim: Simulator;
const cookies: Record<string, string> = {};
let csrf: string;

const get = (host: string, path: string): Promise<SimResponse> =>
  simFetch(sim, host, path, { cookie: cookies[host] });
const put = (host: string, path: string, body: unknown): Promise<SimResponse> =>
  simFetch(sim, host, path, {
    method: 'PUT',
    body,
    cookie: cookies[host],
    headers: host === ZD ? { 'x-csrf-token': csrf } : {},
  });

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, ledgerField: true });
  cookies[ZD] = await signIn(sim, ZD);
  cookies[FD] = await signIn(sim, FD);
  csrf = await csrfToken(sim, ZD, cookies[ZD] ?? '');
});
afterAll(() => sim.close());

interface ZdField {
  id: number;
  type: string;
  title: string;
  active: boolean;
}
interface ZdTicket {
  id: number;
  updated_at: string;
  tags: string[];
  custom_fields: { id: number; value: unknown }[];
  fields: { id: number; value: unknown }[];
}

const zdLedgerId = async (): Promise<number> => {
  const fields = (await get(ZD, '/api/v2/ticket_fields.json')).json<{ ticket_fields: ZdField[] }>();
  const field = fields.ticket_fields.find((f) => f.title === 'Frontline ledger');
  expect(field).toMatchObject({ type: 'textarea', active: true });
  return field?.id ?? 0;
};

describe('Zendesk: the "Frontline ledger" textarea field', () => {
  it('is in ticket_fields, and a safe-update PUT writes its value with additional_tags', async () => {
    const id = await zdLedgerId();
    const ticket = sim.data.sampleTicket('zendesk');
    const before = (await get(ZD, `/api/v2/tickets/${ticket.id}.json`)).json<{ ticket: ZdTicket }>().ticket;
    const res = await put(ZD, `/api/v2/tickets/${ticket.id}.json`, {
      ticket: {
        additional_tags: ['frontline_credit', 'fl_credit_101'],
        custom_fields: [{ id, value: LINE }],
        safe_update: true,
        updated_stamp: before.updated_at,
      },
    });
    expect(res.status).toBe(200);
    const after = (await get(ZD, `/api/v2/tickets/${ticket.id}.json`)).json<{ ticket: ZdTicket }>().ticket;
    expect(after.tags).toEqual(expect.arrayContaining([...before.tags, 'frontline_credit', 'fl_credit_101']));
    expect(after.custom_fields).toContainEqual({ id, value: LINE });
    expect(after.fields).toContainEqual({ id, value: LINE });
    // A second writer with the stamp read before the first write is refused.
    const stale = await put(ZD, `/api/v2/tickets/${ticket.id}.json`, {
      ticket: { custom_fields: [{ id, value: '' }], safe_update: true, updated_stamp: before.updated_at },
    });
    expect(stale.status).toBe(409);
  });

  it('serves the value in show_many and in search results', async () => {
    const id = await zdLedgerId();
    const ticket = sim.data.sampleTicket('zendesk');
    const many = (await get(ZD, `/api/v2/tickets/show_many.json?ids=${ticket.id}`)).json<{
      tickets: ZdTicket[];
    }>();
    expect(many.tickets[0]?.custom_fields).toContainEqual({ id, value: LINE });
    const found = (
      await get(ZD, `/api/v2/search.json?query=${encodeURIComponent('type:ticket tags:fl_credit_101')}`)
    ).json<{ results: ZdTicket[] }>();
    expect(found.results.map((t) => t.id)).toContain(Number(ticket.id));
    expect(found.results.find((t) => t.id === Number(ticket.id))?.custom_fields).toContainEqual({
      id,
      value: LINE,
    });
  });
});

describe('Freshdesk: the cf_frontline_ledger paragraph field and the 32-character tags', () => {
  interface FdTicket {
    id: number;
    tags: string[];
    custom_fields: Record<string, unknown>;
  }

  it('is in ticket_fields as custom_paragraph; PUT replaces tags and merges custom_fields; search serves it', async () => {
    const fields = (await get(FD, '/api/v2/ticket_fields')).json<
      { name: string; type: string; label: string }[]
    >();
    expect(fields).toContainEqual(
      expect.objectContaining({
        name: 'cf_frontline_ledger',
        type: 'custom_paragraph',
        label: 'Frontline ledger',
      }),
    );
    const ticket = sim.data.sampleTicket('freshdesk');
    const res = await put(FD, `/api/v2/tickets/${ticket.id}`, {
      tags: ['frontline_credit', 'fl_credit_101'],
      custom_fields: { cf_frontline_ledger: LINE },
    });
    expect(res.status).toBe(200);
    const read = (await get(FD, `/api/v2/tickets/${ticket.id}`)).json<FdTicket>();
    expect(read.tags).toEqual(['frontline_credit', 'fl_credit_101']);
    expect(read.custom_fields.cf_frontline_ledger).toBe(LINE);
    // Another field's write leaves the ledger alone (custom_fields merge per key).
    await put(FD, `/api/v2/tickets/${ticket.id}`, { custom_fields: { cf_order_number: 'A-1' } });
    expect(
      (await get(FD, `/api/v2/tickets/${ticket.id}`)).json<FdTicket>().custom_fields.cf_frontline_ledger,
    ).toBe(LINE);
    const query = encodeURIComponent(`"tag:'fl_credit_101'"`);
    const found = (await get(FD, `/api/v2/search/tickets?query=${query}`)).json<{ results: FdTicket[] }>();
    expect(found.results.find((t) => t.id === Number(ticket.id))?.custom_fields.cf_frontline_ledger).toBe(
      LINE,
    );
  });

  it('refuses a tag longer than 32 characters with the real validation error, and takes 32', async () => {
    const ticket = sim.data.sampleTicket('freshdesk');
    const long = await put(FD, `/api/v2/tickets/${ticket.id}`, { tags: ['x'.repeat(33)] });
    expect(long.status).toBe(400);
    expect(long.json()).toEqual({
      description: 'Validation failed',
      errors: [
        {
          field: 'tags',
          message: 'It should only contain elements that have maximum of 32 characters',
          code: 'invalid_value',
        },
      ],
    });
    expect((await put(FD, `/api/v2/tickets/${ticket.id}`, { tags: ['x'.repeat(32)] })).status).toBe(200);
  });

  it('the field can be switched off: ticket_fields no longer lists it and tickets drop its value', async () => {
    sim.control.setLedgerField(FD, false);
    const fields = (await get(FD, '/api/v2/ticket_fields')).json<{ name: string }[]>();
    expect(fields.map((f) => f.name)).not.toContain('cf_frontline_ledger');
    const ticket = sim.data.sampleTicket('freshdesk');
    expect((await get(FD, `/api/v2/tickets/${ticket.id}`)).json<FdTicket>().custom_fields).not.toHaveProperty(
      'cf_frontline_ledger',
    );
    sim.control.setLedgerField(FD, true);
  });
});
