import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREFLIGHT_MAX_AGE_SECONDS } from '../src/routes/cors';
import { type RunningGateway, startGateway } from '../src/start';

const ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

let gateway: RunningGateway;
beforeAll(async () => {
  gateway = await startGateway({
    listen: { host: '127.0.0.1', port: 0 },
    logLevel: 'silent',
    accounts: [
      {
        kind: 'zendesk',
        account: 'acme.zendesk.com',
        credentials: { email: 'gateway@acme.test', token: 'secret' },
        policy: {},
      },
    ],
  });
}, 180_000);
afterAll(() => gateway?.close());

const call = (path: string, init: RequestInit = {}) =>
  fetch(`${gateway.url}${path}`, { ...init, headers: { origin: ORIGIN, ...init.headers } });

describe('the gateway answers the extension cross-origin', () => {
  it('answers a preflight for a JSON POST with the methods, headers and how long to keep it', async () => {
    const response = await call('/v1/grants', {
      method: 'OPTIONS',
      headers: {
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type');
    expect(response.headers.get('access-control-max-age')).toBe(String(PREFLIGHT_MAX_AGE_SECONDS));
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('answers a preflight for the managers’ routes (Authorization header) too', async () => {
    const response = await call('/v1/accounts/acme.zendesk.com/review?from=a&until=b', {
      method: 'OPTIONS',
      headers: { 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-headers')).toContain('Authorization');
  });

  it('lets the browser read answers and errors of /v1, and Retry-After', async () => {
    const policy = await call('/v1/accounts/acme.zendesk.com/policy');
    expect(policy.headers.get('access-control-allow-origin')).toBe('*');
    expect(policy.headers.get('access-control-expose-headers')).toBe('Retry-After');
    const malformed = await call('/v1/grants', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account: 'acme.zendesk.com' }),
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('leaves /health to the operator’s probes: no cross-origin answer', async () => {
    const health = await call('/health');
    expect(health.status).toBe(200);
    expect(health.headers.get('access-control-allow-origin')).toBeNull();
  });
});
