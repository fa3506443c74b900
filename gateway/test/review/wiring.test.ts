import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../../../lib/gateway/protocol';
import { type RunningGateway, startGateway } from '../../src/start';

/** The review's routes and its migration are part of the gateway `startGateway` runs. */
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
afterAll(async () => {
  await gateway?.close();
});

describe('the review in the running gateway', () => {
  it('runs migration 002 and answers the review routes', async () => {
    const { rows } = await gateway.deps.store.query<{ name: string }>('SELECT name FROM gateway_migrations');
    expect(rows.map((r) => r.name)).toContain('002_approvals.sql');
    const period = 'from=2026-12-01T00:00:00Z&until=2026-12-02T00:00:00Z';
    // The policy is invalid: the review fails closed before asking anyone who the caller is.
    const review = await fetch(`${gateway.url}/v1/accounts/acme.zendesk.com/review?${period}`);
    expect(review.status).toBe(503);
    expect(GatewayError.parse(await review.json())).toMatchObject({ error: 'policy-invalid' });
    const unknown = await fetch(`${gateway.url}/v1/accounts/nope.zendesk.com/review?${period}`);
    expect(unknown.status).toBe(404);
    expect(await gateway.deps.approvals.approvedFor('acme.zendesk.com', crypto.randomUUID())).toBeNull();
  });
});
