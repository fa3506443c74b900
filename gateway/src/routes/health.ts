import type { FastifyPluginAsync } from 'fastify';
import { Health } from '../../../lib/gateway/protocol';
import type { GatewayDeps } from '../deps';
import { GATEWAY_VERSION } from '../version';

/** `GET /health`: 200 while the store answers a query, 503 otherwise. */
export const healthRoutes =
  (deps: GatewayDeps): FastifyPluginAsync =>
  async (app) => {
    app.get('/health', async (_request, reply) => {
      const ok = await deps.store.query('SELECT 1').then(
        () => true,
        () => false,
      );
      return reply
        .code(ok ? 200 : 503)
        .send(Health.parse({ ok, store: deps.store.kind, version: GATEWAY_VERSION }));
    });
  };
