import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AuthorityPolicy } from '../../../lib/domain/policy';
import {
  ApprovalSubmission,
  DecisionSubmission,
  GatewayApproval,
  GatewayReview,
} from '../../../lib/gateway/protocol';
import type { Client } from '../../../lib/helpdesks/http';
import type { HelpdeskKind } from '../../../lib/helpdesks/registry';
import {
  authenticateManager,
  type Manager,
  type ManagerAuthDeps,
  ManagerAuthError,
} from '../managers/authenticate';
import { reviewCsv } from './csv';
import { decideApproval } from './decide';
import { ReviewError } from './errors';
import { readReview } from './read-review';
import type { SqlStore } from './sql';
import { submitApprovalRequest } from './submit-request';

/** One configured account as the review needs it; `policy` null when the gateway's is invalid. */
export interface ReviewAccount {
  account: string;
  kind: HelpdeskKind;
  policy: AuthorityPolicy | null;
  /** The gateway's own client for the account. */
  client: Client;
}

export interface ReviewDeps {
  store: SqlStore;
  now: () => number;
  account(name: string): ReviewAccount | null;
  managers: ManagerAuthDeps;
}

/** A period no longer than a year and a day: the longest a manager's review asks for. */
const MAX_SPAN_MS = 367 * 86_400_000;

const Period = z
  .object({ from: z.iso.datetime({ offset: true }), until: z.iso.datetime({ offset: true }) })
  .transform((p) => ({ from: new Date(p.from).toISOString(), until: new Date(p.until).toISOString() }))
  .refine((p) => p.from < p.until, '`from` must be before `until`')
  .refine(
    (p) => Date.parse(p.until) - Date.parse(p.from) <= MAX_SPAN_MS,
    'a review period is at most a year',
  );

const Params = z.object({ account: z.string().min(1).max(253) });
const DecisionParams = Params.extend({ requestId: z.uuid() });

const issuesOf = (e: z.ZodError) =>
  e.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ReviewError(400, 'bad-request', issuesOf(parsed.error));
  return parsed.data;
}

function send(reply: FastifyReply, e: unknown): FastifyReply {
  if (e instanceof ReviewError || e instanceof ManagerAuthError) {
    const body = {
      error: e.code,
      message: e.message,
      ...(e.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: e.retryAfterSeconds }),
    };
    if (e.retryAfterSeconds !== undefined) reply.header('retry-after', String(e.retryAfterSeconds));
    return reply.code(e.status).send(body);
  }
  throw e;
}

/**
 * The managers' routes (issue 19): the period's review and its CSV, the approval requests
 * the extension reports, and an approver's decision. Every manager route signs the caller
 * in through the helpdesk first (managers/authenticate.ts).
 */
export const reviewRoutes =
  (deps: ReviewDeps): FastifyPluginAsync =>
  async (app) => {
    const accountOf = (name: string): ReviewAccount & { policy: AuthorityPolicy } => {
      const account = deps.account(name);
      if (!account) throw new ReviewError(404, 'unknown-account', `The gateway serves no account ${name}.`);
      if (!account.policy) {
        throw new ReviewError(
          503,
          'policy-invalid',
          `The gateway's policy for ${name} is missing or invalid.`,
        );
      }
      return { ...account, policy: account.policy };
    };
    const signIn = async (name: string, header: string | undefined): Promise<Manager> => {
      const account = accountOf(name);
      return authenticateManager(deps.managers, account, header);
    };
    const readPeriod = async (params: unknown, query: unknown, header: string | undefined) => {
      const { account } = parse(Params, params);
      const period = parse(Period, query);
      await signIn(account, header);
      return readReview(deps.store, account, period.from, period.until);
    };

    app.get('/v1/accounts/:account/review', async (request, reply) => {
      try {
        const review = await readPeriod(request.params, request.query, request.headers.authorization);
        return reply.header('cache-control', 'no-store').send(GatewayReview.parse(review));
      } catch (e) {
        return send(reply, e);
      }
    });

    app.get('/v1/accounts/:account/review.csv', async (request, reply) => {
      try {
        const review = await readPeriod(request.params, request.query, request.headers.authorization);
        const day = review.from.slice(0, 10);
        return reply
          .header('cache-control', 'no-store')
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="frontline-review-${day}.csv"`)
          .send(reviewCsv(review));
      } catch (e) {
        return send(reply, e);
      }
    });

    app.post('/v1/approval-requests', async (request, reply) => {
      try {
        const submission = parse(ApprovalSubmission, request.body);
        const account = accountOf(submission.account);
        const approval = await submitApprovalRequest(
          deps.store,
          { kind: account.kind, client: account.client, policy: account.policy },
          submission,
          deps.now(),
        );
        return reply.send(GatewayApproval.parse(approval));
      } catch (e) {
        return send(reply, e);
      }
    });

    app.post('/v1/accounts/:account/approvals/:requestId/decision', async (request, reply) => {
      try {
        const { account, requestId } = parse(DecisionParams, request.params);
        const { decision } = parse(DecisionSubmission, request.body);
        const manager = await signIn(account, request.headers.authorization);
        const approval = await decideApproval(deps.store, manager, requestId, decision, deps.now());
        request.log.info({ account, requestId, decision, by: manager.agentId }, 'approval decided');
        return reply.send(GatewayApproval.parse(approval));
      } catch (e) {
        return send(reply, e);
      }
    });
  };
