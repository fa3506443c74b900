import type { FastifyBaseLogger } from 'fastify';
import type { GatewayApproval } from '../../lib/gateway/protocol';
import type { Client } from '../../lib/helpdesks/http';
import type { AccountConfig, GatewayConfig } from './config';
import type { Executors } from './executors/registry';
import type { Store } from './store/store';

/** The approvals the gateway holds (gw-review's table); the default holds none. */
export interface Approvals {
  approvedFor(account: string, requestId: string): Promise<GatewayApproval | null>;
}

export const NO_APPROVALS: Approvals = { approvedFor: async () => null };

/** Everything the routes and the grant flow use, passed in so tests can replace any of it. */
export interface GatewayDeps {
  store: Store;
  config: GatewayConfig;
  /** The gateway's clock, epoch ms: it alone decides the period. */
  now: () => number;
  /** A helpdesk API client with the gateway's own credentials for one configured account. */
  helpdesk: (account: AccountConfig) => Client;
  executors: Executors;
  approvals: Approvals;
  logger: FastifyBaseLogger;
  /**
   * Test hook (documented in gateway/README.md): called right after an executor answered and
   * its reference was stored, before the write-back. The restart test exits the process here.
   */
  afterExecute?: (grantId: string) => void;
}
