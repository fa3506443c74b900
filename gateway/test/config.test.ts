import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { policyOf } from '../src/accounts/account';
import { databaseOf, parseConfig } from '../src/config';
import { authorizationOf } from '../src/helpdesk/auth';

const example = JSON.parse(readFileSync(new URL('../config.example.json', import.meta.url), 'utf8'));
const env = { DATABASE_URL: 'postgres://u:p@db/frontline', ZENDESK_API_TOKEN: 'tok' };

describe('gateway configuration', () => {
  it('accepts the documented example, with its policy valid and secrets from the environment', () => {
    const config = parseConfig(example, env);
    expect(config.database).toEqual({ url: env.DATABASE_URL });
    const account = config.accounts[0]!;
    expect('policy' in policyOf(account)).toBe(true);
    expect(authorizationOf(account, env)).toBe(
      `Basic ${Buffer.from('frontline-gateway@acme.com/token:tok').toString('base64')}`,
    );
  });

  it('reads the connection string from the variable the file names', () => {
    expect(() => parseConfig(example, {})).toThrow(/DATABASE_URL is not set/);
    const named = parseConfig(
      { ...example, database: { url: { env: 'PG_URL' } } },
      { PG_URL: 'postgres://x/y' },
    );
    expect(databaseOf(named)).toEqual({ url: 'postgres://x/y', poolSize: undefined });
  });

  it('names a missing secret instead of sending an empty one', () => {
    const account = parseConfig(example, env).accounts[0]!;
    expect(() => authorizationOf(account, {})).toThrow(/ZENDESK_API_TOKEN is not set/);
  });

  it('says which field is wrong', () => {
    expect(() => parseConfig({ accounts: [{ kind: 'zendesk', account: 'Bad Host' }] }, {})).toThrow(
      /invalid gateway configuration: accounts\.0\./,
    );
  });

  it('keeps an invalid policy as a per-account refusal, not a startup failure', () => {
    const broken = { ...example, accounts: [{ ...example.accounts[0], policy: { currency: 'USD' } }] };
    const policy = policyOf(parseConfig(broken, env).accounts[0]!);
    expect(policy).toMatchObject({ error: expect.stringContaining('invalid') });
  });

  it('authenticates Freshdesk with the key and Zendesk OAuth with a bearer token', () => {
    const config = parseConfig(
      {
        accounts: [
          { kind: 'freshdesk', account: 'acme.freshdesk.com', credentials: { apiKey: 'k1' }, policy: {} },
          { kind: 'zendesk', account: 'acme.zendesk.com', credentials: { accessToken: 'oa' }, policy: {} },
        ],
      },
      {},
    );
    expect(authorizationOf(config.accounts[0]!, {})).toBe(`Basic ${Buffer.from('k1:X').toString('base64')}`);
    expect(authorizationOf(config.accounts[1]!, {})).toBe('Bearer oa');
  });
});
