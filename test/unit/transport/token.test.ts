import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { HelpdeskError } from '../../../lib/helpdesks/http';
import {
  CredentialRefused,
  createTokenTransport,
  credentialRefusal,
  saveCredential,
  storedAccounts,
  storedCredential,
} from '../../../lib/transport/token';

interface Sent {
  url: string;
  init: RequestInit;
}

function fakeFetch(status = 200, body = '{"ok":true}', headers: Record<string, string> = {}) {
  const sent: Sent[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push({ url: String(input), init: init ?? {} });
    return new Response(body, { status, headers });
  }) as typeof fetch;
  return { fetchFn, sent };
}

const signal = new AbortController().signal;
const headersOf = (s: Sent | undefined) => Object.fromEntries(new Headers(s?.init.headers).entries());
const decode = (header: string | undefined) => atob((header ?? '').replace(/^Basic /, ''));

describe('token transport', () => {
  it('Zendesk: email/token basic auth to https://{account}, JSON body, no cookies', async () => {
    await saveCredential('acme.zendesk.com', { helpdesk: 'zendesk', email: 'ada@acme.test', token: 'T0K' });
    const { fetchFn, sent } = fakeFetch(200, '{"ticket":{}}', { 'X-Rate-Limit': '700', ETag: 'W/"1"' });
    const transport = createTokenTransport({ fetch: fetchFn });
    const response = await transport(
      'acme.zendesk.com',
      {
        method: 'PUT',
        path: '/api/v2/tickets/42.json',
        body: { ticket: { comment: { body: 'hi', public: false } } },
      },
      signal,
    );
    expect(response).toEqual({
      status: 200,
      headers: { 'content-type': 'text/plain;charset=UTF-8', 'x-rate-limit': '700', etag: 'W/"1"' },
      body: '{"ticket":{}}',
    });
    expect(sent[0]?.url).toBe('https://acme.zendesk.com/api/v2/tickets/42.json');
    expect(sent[0]?.init).toMatchObject({ method: 'PUT', credentials: 'omit', redirect: 'error', signal });
    expect(sent[0]?.init.body).toBe('{"ticket":{"comment":{"body":"hi","public":false}}}');
    const headers = headersOf(sent[0]);
    expect(decode(headers.authorization)).toBe('ada@acme.test/token:T0K');
    expect(headers['content-type']).toBe('application/json');
  });

  it('Freshdesk: KEY:X basic auth, and If-None-Match when asked', async () => {
    const { fetchFn, sent } = fakeFetch();
    const transport = createTokenTransport({
      fetch: fetchFn,
      credential: async () => ({ helpdesk: 'freshdesk', apiKey: 'abcdefgh' }),
    });
    await transport(
      'acme.freshdesk.com',
      { method: 'GET', path: '/api/v2/tickets/7', ifNoneMatch: 'W/"x"' },
      signal,
    );
    const headers = headersOf(sent[0]);
    expect(decode(headers.authorization)).toBe('abcdefgh:X');
    expect(headers['if-none-match']).toBe('W/"x"');
    expect(sent[0]?.init.body).toBeUndefined();
  });

  it('refuses paths off the allow-list and hosts that are no helpdesk, before any request', async () => {
    const { fetchFn, sent } = fakeFetch();
    const transport = createTokenTransport({
      fetch: fetchFn,
      credential: async () => ({ helpdesk: 'zendesk', email: 'a@b.c', token: 't' }),
    });
    for (const [account, path] of [
      ['acme.zendesk.com', '/api/v2/users/1/password.json'],
      ['acme.zendesk.com', '/api/v2/tickets/1.json/../../users.json'],
      ['evil.example.com', '/api/v2/tickets/1.json'],
    ] as const) {
      await expect(transport(account, { method: 'GET', path }, signal)).rejects.toMatchObject({
        kind: 'invalid',
      });
    }
    expect(sent).toEqual([]);
  });

  it('without a credential (or one for the other helpdesk) it is signed out, which the scheduler passes on', async () => {
    const { fetchFn, sent } = fakeFetch();
    const none = createTokenTransport({ fetch: fetchFn, credential: async () => null });
    const wrong = createTokenTransport({
      fetch: fetchFn,
      credential: async () => ({ helpdesk: 'freshdesk', apiKey: 'abcdefgh' }),
    });
    for (const transport of [none, wrong]) {
      const error = await transport(
        'acme.zendesk.com',
        { method: 'GET', path: '/api/v2/users/me.json' },
        signal,
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HelpdeskError);
      expect(error).toMatchObject({ kind: 'signed-out' });
    }
    expect(sent).toEqual([]);
  });

  it('a network failure reaches the scheduler as a thrown error', async () => {
    const transport = createTokenTransport({
      fetch: (async () => {
        throw new TypeError('fetch failed');
      }) as typeof fetch,
      credential: async () => ({ helpdesk: 'freshdesk', apiKey: 'abcdefgh' }),
    });
    await expect(
      transport('acme.freshdesk.com', { method: 'GET', path: '/api/v2/agents/me' }, signal),
    ).rejects.toThrow('fetch failed');
  });
});

describe('stored credentials', () => {
  it('are kept per account in storage.local, validated on read, and can be forgotten', async () => {
    await saveCredential('acme.freshdesk.com', { helpdesk: 'freshdesk', apiKey: 'abcdefgh' });
    await saveCredential('acme.zendesk.com', { helpdesk: 'zendesk', email: 'a@b.c', token: 't' });
    expect(await storedCredential('acme.freshdesk.com')).toEqual({
      helpdesk: 'freshdesk',
      apiKey: 'abcdefgh',
    });
    await saveCredential('acme.freshdesk.com', null);
    expect(await storedCredential('acme.freshdesk.com')).toBeNull();
    expect(await storedCredential('acme.zendesk.com')).not.toBeNull();
    await browser.storage.local.set({ credentials: { 'x.zendesk.com': { helpdesk: 'zendesk' } } });
    expect(await storedCredential('x.zendesk.com')).toBeNull();
  });

  it("take the shape their helpdesk's platform declares: its fields only, none missing or short, no unknown helpdesk", async () => {
    await browser.storage.local.set({
      credentials: {
        'a.zendesk.com': { helpdesk: 'zendesk', email: 'a@b.c', token: 't', apiKey: 'stray', extra: 1 },
        'b.zendesk.com': { helpdesk: 'zendesk', email: 'ab', token: 't' },
        'c.freshdesk.com': { helpdesk: 'freshdesk', token: 't' },
        'd.freshdesk.com': { helpdesk: 'freshdesk', apiKey: '' },
        'e.acmedesk.example': { helpdesk: 'acme', key: 'abcdefgh' },
      },
    });
    expect(await storedCredential('a.zendesk.com')).toEqual({
      helpdesk: 'zendesk',
      email: 'a@b.c',
      token: 't',
    });
    for (const account of ['b.zendesk.com', 'c.freshdesk.com', 'd.freshdesk.com', 'e.acmedesk.example']) {
      expect(await storedCredential(account)).toBeNull();
    }
    expect((await storedAccounts()).map((a) => a.account)).toEqual(['a.zendesk.com']);
  });
});

describe('a refused credential (finding 7)', () => {
  const note = {
    method: 'POST' as const,
    path: '/api/v2/tickets/42/notes',
    body: { body: 'x', private: true },
  };

  it('401 with a stored Freshdesk key is a credential failure, remembered until a new key is saved', async () => {
    await saveCredential('acme.freshdesk.com', { helpdesk: 'freshdesk', apiKey: 'wrong-key-123' });
    const { fetchFn } = fakeFetch(401, '{"code":"invalid_credentials"}');
    const transport = createTokenTransport({ fetch: fetchFn });
    const error = await transport('acme.freshdesk.com', note, signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialRefused);
    expect(error).toMatchObject({ helpdesk: 'freshdesk', status: 401 });
    expect(await credentialRefusal('acme.freshdesk.com')).toBe(401);
    expect(await storedAccounts()).toContainEqual({
      account: 'acme.freshdesk.com',
      helpdesk: 'freshdesk',
      refused: 401,
    });
    await saveCredential('acme.freshdesk.com', { helpdesk: 'freshdesk', apiKey: 'right-key-456' });
    expect(await credentialRefusal('acme.freshdesk.com')).toBeNull();
  });

  it('a refusal of a key the rep already replaced is not held against the new one', async () => {
    await saveCredential('acme.freshdesk.com', { helpdesk: 'freshdesk', apiKey: 'right-key-456' });
    const { fetchFn } = fakeFetch(401);
    const transport = createTokenTransport({
      fetch: fetchFn,
      credential: async () => ({ helpdesk: 'freshdesk', apiKey: 'old-key-789' }),
    });
    await expect(transport('acme.freshdesk.com', note, signal)).rejects.toBeInstanceOf(CredentialRefused);
    expect(await credentialRefusal('acme.freshdesk.com')).toBeNull();
  });

  it('403 on a write refuses the credential; 403 on a read (an admin-only record) does not', async () => {
    const refusals: number[] = [];
    const { fetchFn } = fakeFetch(403);
    const transport = createTokenTransport({
      fetch: fetchFn,
      credential: async () => ({ helpdesk: 'freshdesk', apiKey: 'abcdefgh' }),
      refused: async (_account, _used, status) => void refusals.push(status),
    });
    expect(
      (await transport('acme.freshdesk.com', { method: 'GET', path: '/api/v2/agents/7' }, signal)).status,
    ).toBe(403);
    await expect(transport('acme.freshdesk.com', note, signal)).rejects.toBeInstanceOf(CredentialRefused);
    expect(refusals).toEqual([403]);
  });
});
