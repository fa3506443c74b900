import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../../lib/helpdesks/http';
import { readRateHeaders } from '../../../lib/transport/rate-headers';
import { heldUntil, pauseTicket, ticketLimited, ticketOfWrite } from '../../../lib/transport/ticket-pause';
import { flush } from './fake-clock';
import { get, response } from './fake-transport';
import { ACME, ok, setup } from './scheduler-setup';
import { watch } from './settled';

const note = (id: string): HttpRequest => ({
  method: 'PUT',
  path: `/api/v2/tickets/${id}.json`,
  body: { ticket: { comment: { body: 'x', public: false } } },
});

/** Zendesk's per-ticket refusal: its own text and Retry-After, the account's quota still there. */
const perTicket429 = () =>
  response(
    429,
    { 'retry-after': '93', 'x-rate-limit': '700', 'x-rate-limit-remaining': '650' },
    'Rate limit for ticket updates exceeded',
  );

describe('scheduler: per-ticket 429s', () => {
  it('a per-ticket 429 ("Rate limit for ticket updates exceeded") holds only that ticket’s writes for its Retry-After; its reads and other tickets flow', async () => {
    let refused = false;
    const { clock, net, scheduler } = setup((request) => {
      if (request.method === 'PUT' && request.path.startsWith('/api/v2/tickets/7') && !refused) {
        refused = true;
        return perTicket429();
      }
      return ok();
    });
    const client = scheduler.client(ACME, { priority: 'view' });
    const limited = watch(client(note('7')));
    await flush();
    const later = watch(client(note('7')));
    const read = watch(client(get('/api/v2/tickets/7.json')));
    const other = watch(client(note('8')));
    const otherRead = watch(client(get('/api/v2/tickets/8/comments.json')));
    await clock.advance(0);
    expect([read, other, otherRead].map((r) => r.response?.status)).toEqual([200, 200, 200]);
    expect(limited.done || later.done).toBe(false);
    expect(scheduler.stats(ACME)).toMatchObject({
      pausedUntil: 0,
      ticketPauses: { '7': clock.start + 93_000 },
    });
    await clock.advance(92_999);
    expect(limited.done || later.done).toBe(false);
    await clock.advance(1);
    expect(limited.response?.status).toBe(200);
    expect(later.response?.status).toBe(200);
    expect(
      net.calls.filter((c) => c.request.path === '/api/v2/tickets/7.json' && c.request.method === 'PUT'),
    ).toHaveLength(3);
  });

  it('background work goes while a view write waits for its ticket', async () => {
    let refused = false;
    const { clock, scheduler } = setup((request) => {
      if (request.method === 'PUT' && !refused) {
        refused = true;
        return perTicket429();
      }
      return ok();
    });
    const write = watch(scheduler.client(ACME, { priority: 'view' })(note('7')));
    await flush();
    const background = watch(scheduler.client(ACME, { priority: 'background' })(get('/api/v2/search.json')));
    await clock.advance(0);
    expect(background.response?.status).toBe(200);
    expect(write.done).toBe(false);
  });

  it('an account 429 on a ticket write (no quota left) still pauses the whole account', async () => {
    const { clock, net, scheduler } = setup((_, index) =>
      index === 0
        ? response(
            429,
            { 'retry-after': '20', 'x-rate-limit': '700', 'x-rate-limit-remaining': '0' },
            'Number of allowed API requests per minute exceeded',
          )
        : ok(),
    );
    const client = scheduler.client(ACME, { priority: 'view' });
    void client(note('7'));
    await flush();
    const read = watch(client(get('/api/v2/tickets/8.json')));
    await clock.advance(19_999);
    expect(read.done).toBe(false);
    expect(net.calls).toHaveLength(1);
    await clock.advance(1);
    expect(read.response?.status).toBe(200);
  });
});

describe('ticket pauses, as pure functions', () => {
  const T = 1_700_000_000_000;

  it.each([
    [note('12'), '12'],
    [{ method: 'PUT', path: '/api/v2/tickets/12/tags.json', body: {} } as HttpRequest, '12'],
    [{ method: 'POST', path: '/api/v2/tickets/12/notes', body: {} } as HttpRequest, '12'],
    [{ method: 'PUT', path: '/api/v2/tickets/12', body: {} } as HttpRequest, '12'],
    [get('/api/v2/tickets/12.json'), null],
    [{ method: 'PUT', path: '/api/v2/tickets/update_many.json', body: {} } as HttpRequest, null],
    [{ method: 'POST', path: '/api/v2/users/12', body: {} } as HttpRequest, null],
  ])('the ticket a write changes: %j → %s', (request, ticket) => {
    expect(ticketOfWrite(request)).toBe(ticket);
  });

  it('a 429 limits one ticket when it names the per-ticket limit, or on a ticket write while quota remains', () => {
    const info = (headers: Record<string, string>) => readRateHeaders(headers, T);
    expect(ticketLimited(note('7'), perTicket429(), info({ 'retry-after': '93' }))).toBe('7');
    const plain = response(429, {}, 'Rate limit for ticket updates exceeded');
    expect(ticketLimited(note('7'), plain, info({}))).toBe('7');
    const quotaLeft = response(429, { 'x-ratelimit-remaining': '40' }, '');
    expect(ticketLimited(note('7'), quotaLeft, info({ 'x-ratelimit-remaining': '40' }))).toBe('7');
    const account = response(429, {}, 'Number of allowed API requests per minute exceeded');
    expect(ticketLimited(note('7'), account, info({}))).toBeNull();
    expect(ticketLimited(get('/api/v2/tickets/7.json'), perTicket429(), info({}))).toBeNull();
    expect(ticketLimited(note('7'), ok(), info({}))).toBeNull();
  });

  it('holds a ticket’s writes until the longest pause ends, never its reads', () => {
    const pauses = new Map<string, number>();
    pauseTicket(pauses, '7', T, 93_000);
    pauseTicket(pauses, '7', T, 1_000);
    expect(heldUntil(pauses, note('7'), T)).toBe(T + 93_000);
    expect(heldUntil(pauses, get('/api/v2/tickets/7.json'), T)).toBe(0);
    expect(heldUntil(pauses, note('8'), T)).toBe(0);
    expect(heldUntil(pauses, note('7'), T + 93_000)).toBe(0);
  });
});
