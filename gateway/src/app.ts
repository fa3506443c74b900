import Fastify, { type FastifyInstance } from 'fastify';
import type { GatewayDeps } from './deps';
import { reviewDepsOf } from './review/deps';
import { reviewRoutes } from './review/plugin';
import { accountRoutes } from './routes/accounts';
import { corsRoutes } from './routes/cors';
import { grantRoutes } from './routes/grants';
import { healthRoutes } from './routes/health';

/**
 * The gateway's HTTP app: one plugin per route group. The logger is the deps' (pino), so every
 * request line and every grant's own lines are structured JSON.
 */
export async function buildApp(deps: GatewayDeps): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: deps.logger, bodyLimit: 16 * 1024 });
  await app.register(corsRoutes());
  await app.register(healthRoutes(deps));
  await app.register(grantRoutes(deps));
  await app.register(accountRoutes(deps));
  // Route plugins of other parts register below, one line each (gw-review: review/plugin.ts).
  await app.register(reviewRoutes(reviewDepsOf(deps)));
  return app;
}
