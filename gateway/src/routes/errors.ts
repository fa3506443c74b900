import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { GatewayError } from '../../../lib/gateway/protocol';
import { HelpdeskError } from '../../../lib/helpdesks/http';

export const badRequest = (reply: FastifyReply, error: z.ZodError): FastifyReply =>
  reply.code(400).send({
    error: 'invalid-request',
    message: error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
  } satisfies GatewayError);

const RETRY_SECONDS = 5;

/**
 * Anything thrown while judging (helpdesk unreachable or rate-limited, store down) is
 * transient for the caller: 503 with Retry-After, and the grant is judged again on retry.
 */
export function unavailable(reply: FastifyReply, error: unknown): FastifyReply {
  const helpdesk = error instanceof HelpdeskError;
  const body: GatewayError = {
    error: helpdesk ? 'helpdesk-unavailable' : 'unavailable',
    message: helpdesk
      ? `The helpdesk could not be read: ${error.message}`
      : 'The credit gateway cannot decide right now; try again shortly.',
    retryAfterSeconds: RETRY_SECONDS,
  };
  reply.log.error({ err: error instanceof Error ? error.message : String(error) }, body.error);
  return reply.code(503).header('retry-after', String(RETRY_SECONDS)).send(body);
}
