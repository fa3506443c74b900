import type { AddressInfo } from 'node:net';
import { buildApp } from './app';
import { databaseOf, type GatewayConfig, type GatewayConfigInput, parseConfig } from './config';
import type { Approvals, GatewayDeps } from './deps';
import { buildExecutors, type Executors } from './executors/registry';
import { startSweeper } from './grants/sweeper';
import { type HelpdeskFetch, helpdeskClient } from './helpdesk/client';
import { helpdeskFetch } from './helpdesk/network';
import { createLogger } from './logger';
import { approvalsOf } from './review/decide';
import { migrate } from './store/migrate';
import { openStore } from './store/open';
import type { Store } from './store/store';

/** What tests and the demo replace; everything else comes from the configuration. */
export interface GatewayOverrides {
  now?: () => number;
  executors?: Executors;
  fetch?: HelpdeskFetch;
  approvals?: Approvals;
  store?: Store;
  afterExecute?: (grantId: string) => void;
}

export interface RunningGateway {
  url: string;
  deps: GatewayDeps;
  close(): Promise<void>;
}

/** Opens the store, migrates it, listens, and starts the sweeper. */
export async function startGateway(
  input: GatewayConfig | GatewayConfigInput,
  overrides: GatewayOverrides = {},
): Promise<RunningGateway> {
  const config = parseConfig(input);
  const logger = createLogger(config.logLevel);
  const executors = overrides.executors ?? buildExecutors(config);
  const store = overrides.store ?? (await openStore(databaseOf(config)));
  await migrate(store);
  const fetch = overrides.fetch ?? helpdeskFetch(config.helpdeskNetwork);
  const clients = new Map(config.accounts.map((a) => [a.account, helpdeskClient(a, fetch)]));
  const deps: GatewayDeps = {
    store,
    config,
    now: overrides.now ?? Date.now,
    helpdesk: (account) => {
      const client = clients.get(account.account);
      if (!client) throw new Error(`no helpdesk client for ${account.account}`);
      return client;
    },
    executors,
    approvals: overrides.approvals ?? approvalsOf(store),
    logger,
    afterExecute: overrides.afterExecute,
  };
  const app = await buildApp(deps);
  await app.listen({ host: config.listen.host, port: config.listen.port });
  const { port } = app.server.address() as AddressInfo;
  const host = config.listen.host.includes(':') ? `[${config.listen.host}]` : config.listen.host;
  const sweeper = startSweeper(deps, config.sweepSeconds * 1000);
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    deps,
    async close() {
      await sweeper.stop();
      await app.close();
      if (!overrides.store) await store.close();
    },
  };
}
