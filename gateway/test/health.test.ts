import { afterEach, describe, expect, it } from 'vitest';
import { Health } from '../../lib/gateway/protocol';
import { type RunningGateway, startGateway } from '../src/start';

const CONFIG = {
  listen: { host: '127.0.0.1', port: 0 },
  logLevel: 'silent' as const,
  accounts: [
    {
      kind: 'zendesk' as const,
      account: 'acme.zendesk.com',
      credentials: { email: 'gateway@acme.test', token: 'secret' },
      policy: {},
    },
  ],
};

// Embedded Postgres starts in seconds alone, but far slower on a loaded shared machine.
describe('gateway skeleton', { timeout: 180_000 }, () => {
  let gateway: RunningGateway | null = null;
  afterEach(async () => {
    await gateway?.close();
    gateway = null;
  });

  it('migrates an embedded Postgres and answers /health', async () => {
    gateway = await startGateway(CONFIG);
    const response = await fetch(`${gateway.url}/health`);
    expect(response.status).toBe(200);
    expect(Health.parse(await response.json())).toMatchObject({ ok: true, store: 'pglite' });
    const { rows } = await gateway.deps.store.query<{ name: string }>('SELECT name FROM gateway_migrations');
    expect(rows.map((r) => r.name)).toContain('001_grants.sql');
  });

  it('refuses a configuration without accounts, saying so', async () => {
    await expect(startGateway({ accounts: [] })).rejects.toThrow(/at least one helpdesk account/);
  });
});
