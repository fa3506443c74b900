import { afterEach, describe, expect, it } from 'vitest';
import { hourlyPerAccount, scopeAccountSettings } from '../../../lib/helpdesks/account-cache';
import type { Client } from '../../../lib/helpdesks/http';

const client: Client = async () => ({ status: 200, headers: {}, body: '{}' });

describe('account settings cache per profile (bench:team: each profile its own worker)', () => {
  afterEach(() => scopeAccountSettings(() => ''));

  it('two profiles in one process each read the setting once, as two workers do', async () => {
    let scope = 'a';
    scopeAccountSettings(() => scope);
    let reads = 0;
    const setting = hourlyPerAccount(async () => ++reads, 0);
    expect(await setting(client, 'acme.zendesk.com', 0)).toBe(1);
    expect(await setting(client, 'acme.zendesk.com', 1)).toBe(1);
    scope = 'b';
    expect(setting.known('acme.zendesk.com', 2)).toBeUndefined();
    expect(await setting(client, 'acme.zendesk.com', 2)).toBe(2);
    scope = 'a';
    expect(setting.known('acme.zendesk.com', 3)).toBe(1);
    expect(reads).toBe(2);
  });

  it('one worker (no scope set) keeps one read an hour per account', async () => {
    let reads = 0;
    const setting = hourlyPerAccount(async () => ++reads, 0);
    await setting(client, 'acme.zendesk.com', 0);
    await setting(client, 'acme.zendesk.com', 1000);
    expect(reads).toBe(1);
  });
});
