import type { FastifyPluginAsync } from 'fastify';
import { GrantSubmission, GrantVerdict } from '../../../lib/gateway/protocol';
import type { GatewayDeps } from '../deps';
import { submitGrant } from '../grants/submit';
import { badRequest, unavailable } from './errors';

/** `POST /v1/grants`: no caller authentication, since nothing the caller says is believed. */
export const grantRoutes =
  (deps: GatewayDeps): FastifyPluginAsync =>
  async (app) => {
    app.post('/v1/grants', async (request, reply) => {
      const parsed = GrantSubmission.safeParse(request.body);
      if (!parsed.success) return badRequest(reply, parsed.error);
      try {
        return GrantVerdict.parse(await submitGrant(deps, parsed.data));
      } catch (error) {
        return unavailable(reply, error);
      }
    });
  };
