import type { FastifyPluginAsync } from 'fastify';

/** How long a browser may reuse a preflight's answer (Chromium caps it at 2 hours). */
export const PREFLIGHT_MAX_AGE_SECONDS = 7200;

const API_PREFIX = '/v1/';

/**
 * Cross-origin answers for the /v1 routes. The extension's service worker calls the gateway
 * from its own origin (`chrome-extension://…`) without a host permission for it, so the
 * browser lets it read an answer only when the gateway allows that origin.
 *
 * `*` is right here: the gateway uses no cookies and the extension omits credentials, so
 * allowing any origin lets a web page read nothing it could not read itself; the grant
 * routes believe nothing a caller says, and the managers' routes demand an Authorization
 * header that a page cannot borrow from the browser (it is not a cookie).
 *
 * Retry-After is exposed because the client waits by it when the gateway answers 503.
 */
const corsPlugin: FastifyPluginAsync = async (app) => {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(API_PREFIX)) return;
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-expose-headers', 'Retry-After');
  });
  app.options(`${API_PREFIX}*`, async (_request, reply) =>
    reply
      .code(204)
      .header('access-control-allow-methods', 'GET, POST')
      .header('access-control-allow-headers', 'Authorization, Content-Type')
      .header('access-control-max-age', String(PREFLIGHT_MAX_AGE_SECONDS))
      .send(),
  );
};

/**
 * Registered at the app's root: the hook must see the requests of every other route plugin,
 * which Fastify's encapsulation hides from an ordinary plugin (`skip-override` is what the
 * fastify-plugin package sets, without the dependency).
 */
export const corsRoutes = (): FastifyPluginAsync =>
  Object.assign(corsPlugin, { [Symbol.for('skip-override')]: true });
