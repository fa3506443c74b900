import { afterEach, describe, expect, it, vi } from 'vitest';
import { csrfTokens } from '../../../lib/content/csrf';
import { pageFetch } from '../../../lib/content/page-fetch';
import { sessionFetch } from '../../../lib/content/session-fetch';
import { freshdeskPage } from '../../../lib/helpdesks/freshdesk/page';
import { statusError } from '../../../lib/helpdesks/parse';
import { classifyWriteFailure } from '../../../lib/helpdesks/write-failure';
import { zendeskPage } from '../../../lib/helpdesks/zendesk/page';
import { closedTicket, fakePage, forbidden, ME_PATH, me, ok, RENEW_PATH, renewed } from './fake-page';

afterEach(() => vi.unstubAllGlobals());

const NOTE = {
  method: 'PUT' as const,
  path: '/api/v2/tickets/1.json',
  body: { ticket: { comment: { body: 'Credit', public: false } } },
};
const NOTE_PATH = '/api/v2/tickets/1.json';
const zendesk = () => ({ allows: () => true, csrf: csrfTokens(zendeskPage.csrf) });

describe('sessionFetch: a stale CSRF token', () => {
  it('renews a token refused as stale and sends the write once more, saying so', async () => {
    const { calls } = fakePage({
      [ME_PATH]: [() => me('t0')],
      [NOTE_PATH]: [forbidden, () => ok()],
      [RENEW_PATH]: [() => renewed('t1')],
    });
    const response = await sessionFetch(NOTE, zendesk());
    expect(response.status).toBe(200);
    expect(response.csrfRenewed).toBe(true);
    expect(calls.filter((c) => c.path !== ME_PATH)).toEqual([
      { method: 'PUT', path: NOTE_PATH, token: 't0' },
      { method: 'GET', path: RENEW_PATH, token: null },
      { method: 'PUT', path: NOTE_PATH, token: 't1' },
    ]);
  });

  it('retries once only: a write refused again after renewing is returned as refused, flagged', async () => {
    const { calls } = fakePage({
      [ME_PATH]: [() => me('t0')],
      [NOTE_PATH]: [forbidden, forbidden, () => ok()],
      [RENEW_PATH]: [() => renewed('t1'), () => renewed('t2')],
    });
    const response = await sessionFetch(NOTE, zendesk());
    expect(response.status).toBe(403);
    expect(response.csrfRenewed).toBe(true);
    expect(calls.filter((c) => c.path === NOTE_PATH)).toHaveLength(2);
    expect(calls.filter((c) => c.path === RENEW_PATH)).toHaveLength(1);
  });

  it('does not retry a 422 RecordInvalid (a closed ticket): the token was not the problem', async () => {
    const { calls } = fakePage({ [ME_PATH]: [() => me('t0')], [NOTE_PATH]: [closedTicket] });
    const response = await sessionFetch(NOTE, zendesk());
    expect(response.status).toBe(422);
    expect(response.csrfRenewed).toBeUndefined();
    expect(calls.map((c) => c.path)).toEqual([ME_PATH, NOTE_PATH]);
  });

  it('never resends a write that got no answer: it may have landed', async () => {
    const { calls } = fakePage({
      [ME_PATH]: [() => me('t0')],
      [NOTE_PATH]: [() => new TypeError('Failed to fetch'), () => ok()],
      [RENEW_PATH]: [() => renewed('t1')],
    });
    await expect(sessionFetch(NOTE, zendesk())).rejects.toThrow('Failed to fetch');
    expect(calls.map((c) => c.path)).toEqual([ME_PATH, NOTE_PATH]);
  });

  it('keeps the refusal plain when renewing gives no new token', async () => {
    const { calls } = fakePage({
      [ME_PATH]: [() => me('t0')],
      [NOTE_PATH]: [forbidden, () => ok()],
      [RENEW_PATH]: [() => renewed('t0')],
    });
    const response = await sessionFetch(NOTE, zendesk());
    expect(response.status).toBe(403);
    expect(response.csrfRenewed).toBeUndefined();
    expect(calls.filter((c) => c.path === NOTE_PATH)).toHaveLength(1);
  });

  it('never retries a read, and sends it without a token', async () => {
    const { calls } = fakePage({ [NOTE_PATH]: [forbidden, () => ok()] });
    const response = await sessionFetch({ method: 'GET', path: NOTE_PATH }, zendesk());
    expect(response.status).toBe(403);
    expect(calls).toEqual([{ method: 'GET', path: NOTE_PATH, token: null }]);
  });

  it('Freshdesk: a refused session write is returned as it is', async () => {
    const { calls } = fakePage({ [NOTE_PATH]: [forbidden, () => ok()] });
    const response = await sessionFetch(NOTE, { allows: () => true, csrf: csrfTokens(freshdeskPage.csrf) });
    expect(response.status).toBe(403);
    expect(calls).toHaveLength(1);
  });

  it('the outcome says a refusal came after renewing the session token, and a plain one does not', () => {
    const refused = { status: 403, headers: {}, body: '{"error":"Forbidden","description":"No access"}' };
    expect(
      classifyWriteFailure(statusError('PUT /api/v2/tickets/:id', { ...refused, csrfRenewed: true })),
    ).toEqual({
      permanent: true,
      message: 'The helpdesk refused it (403): No access (refused after renewing the session token)',
    });
    expect(classifyWriteFailure(statusError('PUT /api/v2/tickets/:id', refused)).message).toBe(
      'The helpdesk refused it (403): No access',
    );
  });
});

describe('sessionFetch in Firefox', () => {
  it('uses content.fetch, the page’s own, when the page window offers it', async () => {
    const { fetch } = fakePage({});
    const page = {
      fetch: vi.fn(async function (this: unknown) {
        expect(this).toBe(page);
        return ok();
      }),
    };
    vi.stubGlobal('content', page);
    const response = await sessionFetch({ method: 'GET', path: NOTE_PATH }, zendesk());
    expect(response.status).toBe(200);
    expect(page.fetch).toHaveBeenCalledOnce();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('uses the content script’s fetch where there is no content window (Chromium)', async () => {
    const { fetch } = fakePage({ [NOTE_PATH]: [() => ok()] });
    await sessionFetch({ method: 'GET', path: NOTE_PATH }, zendesk());
    expect(fetch).toHaveBeenCalledOnce();
  });

  it('ignores a `content` without a fetch (a page element with id="content")', () => {
    const { fetch } = fakePage({});
    expect(pageFetch({ content: { id: 'content' } })).toBe(fetch);
  });
});
