import { describe, expect, it } from 'vitest';
import { policyInForce } from '../../../lib/credit/gateway-policy';
import { gatewayChoice } from '../../../lib/credit/policy';
import { REFRESH_MS, refreshGatewayPolicySoon, USABLE_MS } from '../../../lib/gateway/policy-cache';
import { POLICY } from '../credit/examples';
import { fakeGateway, GATEWAY_POLICY, GATEWAY_URL, memoryCache } from './fake-gateway';

const ACCOUNT = 'acme.zendesk.com';
const START = Date.parse('2023-11-14T15:00:00Z');

function setup(managed: unknown = { gateway: { url: GATEWAY_URL } }, local: unknown = undefined) {
  const clock = { now: START };
  const gateway = fakeGateway(() => clock.now);
  const storage = memoryCache();
  const cache = { fetch: gateway.fetch, now: () => clock.now, read: storage.read, write: storage.write };
  const load = (...args: [account?: string]) =>
    policyInForce({ managed, local, managedSeen: false }, args.length === 0 ? ACCOUNT : args[0], cache);
  const policyCalls = () => gateway.calls.filter((c) => c.path.endsWith('/policy')).length;
  return { clock, gateway, storage, cache, load, policyCalls };
}

describe('which policy is in force', () => {
  it('a managed policy naming only a gateway reads the policy from it, for the ticket’s account', async () => {
    const s = setup();
    const result = await s.load();
    expect(result).toEqual({
      policy: GATEWAY_POLICY,
      source: 'managed',
      gateway: { url: GATEWAY_URL, fetchedAt: START },
    });
    expect(s.gateway.calls).toEqual([
      { method: 'GET', path: `/v1/accounts/${ACCOUNT}/policy`, body: undefined },
    ]);
  });

  it('credit fields beside the gateway are ignored: the gateway’s policy wins', async () => {
    const s = setup({
      ...POLICY,
      tiers: [{ name: 'x', perGrant: 9, perCustomerPerPeriod: 9, perPeriod: 9 }],
      gateway: { url: GATEWAY_URL },
    });
    const result = await s.load();
    expect('policy' in result && result.policy.tiers).toEqual(GATEWAY_POLICY.tiers);
  });

  it('without a gateway the policy is read as before, and names no gateway (advisory)', async () => {
    const s = setup(null, POLICY);
    const result = await s.load();
    expect(result).toMatchObject({ source: 'self-managed' });
    expect(result).not.toHaveProperty('gateway');
    expect(s.gateway.calls).toEqual([]);
  });

  it('the options page may name a gateway too', async () => {
    const s = setup(null, { gateway: { url: GATEWAY_URL } });
    expect(await s.load()).toMatchObject({ source: 'self-managed', gateway: { url: GATEWAY_URL } });
  });

  it.each([
    ['an http gateway', { gateway: { url: 'http://gateway.acme.test' } }],
    ['a gateway without url', { gateway: {} }],
    ['a gateway as a string', { gateway: GATEWAY_URL }],
  ])('%s is an error, never a fall back to the credit fields beside it', async (_name, managed) => {
    const s = setup({ ...POLICY, ...managed });
    expect(await s.load()).toMatchObject({
      error: expect.stringMatching(/credit gateway named .* is invalid/),
    });
    expect(s.gateway.calls).toEqual([]);
  });

  it('a managed policy seen before decides alone: the rep’s own gateway entry does not count', () => {
    expect(gatewayChoice(undefined, { gateway: { url: GATEWAY_URL } }, true)).toBeNull();
  });

  it('without an account there is no gateway policy to read: off, and says why', async () => {
    const s = setup();
    expect(await s.load(undefined)).toMatchObject({
      error: expect.stringMatching(/one policy per helpdesk account/),
    });
  });
});

describe('the cached gateway policy', () => {
  it('is read once an hour, then again', async () => {
    const s = setup();
    await s.load();
    s.clock.now += REFRESH_MS - 1;
    await s.load();
    expect(s.policyCalls()).toBe(1);
    s.clock.now += 1;
    expect(await s.load()).toMatchObject({ gateway: { fetchedAt: START + REFRESH_MS } });
    expect(s.policyCalls()).toBe(2);
  });

  it('survives an unreachable gateway for a few hours, then fails closed', async () => {
    const s = setup();
    await s.load();
    s.clock.now += REFRESH_MS;
    s.gateway.queue('policy', 'network', { status: 503, body: { error: 'store', message: 'down' } });
    expect(await s.load()).toMatchObject({ policy: GATEWAY_POLICY, gateway: { fetchedAt: START } });
    expect(await s.load()).toMatchObject({ policy: GATEWAY_POLICY, gateway: { fetchedAt: START } });
    s.clock.now = START + USABLE_MS;
    s.gateway.queue('policy', 'network');
    expect(await s.load()).toEqual({
      error: expect.stringMatching(/cannot be reached and this browser has no recent copy/),
      off: { why: 'gateway-unreachable', detail: expect.any(String) },
      source: 'managed',
      gateway: { url: GATEWAY_URL, fetchedAt: START },
    });
  });

  it('an unreachable gateway and no copy: credits are off', async () => {
    const s = setup();
    s.gateway.queue('policy', 'network');
    expect(await s.load()).toMatchObject({ error: expect.stringMatching(/cannot be reached/) });
  });

  it.each([
    ['an invalid policy', { status: 200, body: { policy: { currency: 'USD' }, now: 'x' } }],
    ['an unknown account', { status: 404, body: { error: 'unknown-account', message: 'no such account' } }],
    ['a body that is not JSON', { status: 200 }],
  ])('%s fails closed at once, and drops the older copy', async (_name, reply) => {
    const s = setup();
    await s.load();
    s.clock.now += REFRESH_MS;
    s.gateway.queue('policy', reply);
    expect(await s.load()).toMatchObject({ error: expect.stringMatching(/gives no valid policy/) });
    s.gateway.queue('policy', 'network');
    expect(await s.load()).toMatchObject({ error: expect.stringMatching(/cannot be reached/) });
  });

  it('a clock set back before the copy was read asks the gateway again', async () => {
    const s = setup();
    await s.load();
    s.clock.now = START - 60_000;
    await s.load();
    expect(s.policyCalls()).toBe(2);
  });

  it('a failure path asks for a fresh copy before the hour is up, and keeps the old one as a fallback', async () => {
    const s = setup();
    await s.load();
    await refreshGatewayPolicySoon(s.cache, GATEWAY_URL, ACCOUNT);
    s.gateway.queue('policy', 'network');
    expect(await s.load()).toMatchObject({ policy: GATEWAY_POLICY });
    expect(s.policyCalls()).toBe(2);
    await s.load();
    expect(s.policyCalls()).toBe(3);
  });

  it('a malformed cache in storage reads as none', async () => {
    const s = setup();
    s.storage.box.value = { [`${GATEWAY_URL} ${ACCOUNT}`]: { fetchedAt: 'soon' } };
    expect(await s.load()).toMatchObject({ policy: GATEWAY_POLICY });
    expect(s.policyCalls()).toBe(1);
  });

  it('keeps one copy per account', async () => {
    const s = setup();
    await s.load('acme.zendesk.com');
    await s.load('acme.freshdesk.com');
    await s.load('acme.zendesk.com');
    expect(s.gateway.calls.map((c) => c.path)).toEqual([
      '/v1/accounts/acme.zendesk.com/policy',
      '/v1/accounts/acme.freshdesk.com/policy',
    ]);
  });
});
