import { describe, expect, it } from 'vitest';
import { AuthorityPolicy } from '../../../lib/domain/policy';
import { authenticateManager, type Manager, ManagerAuthError } from '../../src/managers/authenticate';
import { credentialKey, verifiedCache } from '../../src/managers/cache';
import { forwardingClient } from '../../src/managers/forwarding-client';
import { basic, type FakePerson, fakeHelpdesk } from './fake-helpdesk';

const policy = AuthorityPolicy.parse({
  currency: 'USD',
  period: 'week',
  timeZone: 'UTC',
  tiers: [{ name: 'rep', perGrant: 1000, perCustomerPerPeriod: 2000, perPeriod: 10000 }],
  reasons: ['late delivery'],
  approvers: ['30', 'lead@acme.test'],
});

const ZD = 'acme.zendesk.com';
const FD = 'acme.freshdesk.com';
const zendeskPeople: Record<string, FakePerson> = {
  'Bearer admin-oauth-token': { id: 10, name: 'Ada Admin', email: 'ada@acme.test', role: 'admin' },
  [basic('rep@acme.test/token', 'tok')]: { id: 20, name: 'Rey Rep', email: 'rep@acme.test', role: 'agent' },
  'Bearer approver-token-1': { id: 30, name: 'Ari Approver', email: 'ari@acme.test', role: 'agent' },
  'Bearer lead-token-0001': { id: 31, name: 'Lee Lead', email: 'LEAD@acme.test', role: 'agent' },
  'Bearer customer-token-1': { id: 40, name: 'Cus Tomer', email: 'c@x.test', role: 'end-user' },
};
const freshdeskPeople: Record<string, FakePerson> = {
  [basic('adminkey', 'X')]: { id: 10, name: 'Fay Admin', email: 'fay@acme.test', role: 'admin' },
  [basic('agentkey', 'X')]: { id: 20, name: 'Al Agent', email: 'al@acme.test', role: 'agent' },
  [basic('approverkey', 'X')]: { id: 30, name: 'Ari Approver', email: 'ari@acme.test', role: 'agent' },
};

function setup(kind: 'zendesk' | 'freshdesk', now = () => 0) {
  const helpdesk = fakeHelpdesk(kind, kind === 'zendesk' ? zendeskPeople : freshdeskPeople);
  const cache = verifiedCache<Manager>(now);
  const deps = {
    cache,
    clientFor: (_account: string, authorization: string) =>
      forwardingClient('https://helpdesk.test', authorization, helpdesk.fetchImpl),
  };
  const account = kind === 'zendesk' ? ZD : FD;
  const sign = (header: string | undefined) => authenticateManager(deps, { account, kind, policy }, header);
  return { sign, calls: helpdesk.calls, cache };
}

async function refusal(p: Promise<unknown>): Promise<ManagerAuthError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof ManagerAuthError)) throw new Error(`expected a ManagerAuthError, got ${String(e)}`);
  return e;
}

describe('manager sign-in on Zendesk', () => {
  it('accepts an admin by OAuth bearer', async () => {
    const { sign } = setup('zendesk');
    expect(await sign('Bearer admin-oauth-token')).toEqual({
      account: ZD,
      agentId: '10',
      name: 'Ada Admin',
      email: 'ada@acme.test',
      role: 'admin',
    });
  });

  it('accepts an approver named by id or by email (any case), not only admins', async () => {
    const { sign } = setup('zendesk');
    expect((await sign('Bearer approver-token-1')).role).toBe('approver');
    expect((await sign('Bearer lead-token-0001')).role).toBe('approver');
  });

  it('refuses a plain agent with 403 naming why', async () => {
    const { sign } = setup('zendesk');
    const e = await refusal(sign(basic('rep@acme.test/token', 'tok')));
    expect(e.status).toBe(403);
    expect(e.message).toContain('neither an administrator');
  });

  it('refuses an end user (users/me says not an agent) with 403', async () => {
    const e = await refusal(setup('zendesk').sign('Bearer customer-token-1'));
    expect(e.status).toBe(403);
  });

  it('refuses a token the helpdesk does not know with 401', async () => {
    const e = await refusal(setup('zendesk').sign('Bearer forged-token-123'));
    expect(e.status).toBe(401);
    expect(e.message).toContain('Zendesk did not accept');
  });

  it('refuses a missing header, and a Zendesk password, before asking the helpdesk', async () => {
    const { sign, calls } = setup('zendesk');
    expect((await refusal(sign(undefined))).status).toBe(401);
    expect((await refusal(sign(basic('ada@acme.test', 'hunter2')))).message).toContain('API token');
    expect(calls).toEqual([]);
  });

  it('asks the helpdesk once per credential while cached, again after the cache expires', async () => {
    let time = 0;
    const { sign, calls, cache } = setup('zendesk', () => time);
    await sign('Bearer admin-oauth-token');
    const asked = calls.length;
    await sign('Bearer admin-oauth-token');
    expect(calls.length).toBe(asked);
    time += 5 * 60_000;
    await sign('Bearer admin-oauth-token');
    expect(calls.length).toBe(asked * 2);
    expect(cache.get(credentialKey(ZD, 'Bearer admin-oauth-token'))).not.toBeNull();
  });

  it('never caches a refusal', async () => {
    const { sign, calls } = setup('zendesk');
    await refusal(sign('Bearer forged-token-123'));
    await refusal(sign('Bearer forged-token-123'));
    expect(calls.length).toBe(2);
  });
});

describe('manager sign-in on Freshdesk', () => {
  it('accepts the Account Administrator by API key', async () => {
    expect(await setup('freshdesk').sign(basic('adminkey', 'X'))).toMatchObject({
      agentId: '10',
      role: 'admin',
    });
  });

  it('accepts an approver from the policy without asking for roles', async () => {
    const { sign, calls } = setup('freshdesk');
    expect((await sign(basic('approverkey', 'X'))).role).toBe('approver');
    expect(calls).not.toContain('/api/v2/roles');
  });

  it('refuses an agent (roles answered 403) with 403, a bad key with 401, a bearer with 401', async () => {
    const { sign } = setup('freshdesk');
    expect((await refusal(sign(basic('agentkey', 'X')))).status).toBe(403);
    expect((await refusal(sign(basic('nokey', 'X')))).status).toBe(401);
    expect((await refusal(sign('Bearer admin-oauth-token'))).message).toContain('API key');
  });
});

describe('the cache key', () => {
  it('is a SHA-256 of account and credential, so the credential itself is never kept', () => {
    const key = credentialKey(ZD, 'Bearer admin-oauth-token');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toBe(credentialKey(FD, 'Bearer admin-oauth-token'));
  });
});
