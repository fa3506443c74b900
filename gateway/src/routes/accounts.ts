import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { periodBounds } from '../../../lib/credit/period';
import { tierFor } from '../../../lib/credit/policy';
import {
  type GatewayAuthority,
  type GatewayError,
  GatewayPolicy,
  type PeriodSpan,
} from '../../../lib/gateway/protocol';
import { adapterFor } from '../../../lib/helpdesks/adapters';
import { accountOf, policyNamesEmails, policyOf } from '../accounts/account';
import type { AccountConfig } from '../config';
import type { GatewayDeps } from '../deps';
import { usedIn } from '../grants/ledger';
import { badRequest, unavailable } from './errors';

const Params = z.object({ account: z.string().min(1).max(253) });
const AgentParams = Params.extend({ agent: z.string().regex(/^\d{1,20}$/, 'agent must be an agent id') });
const AuthorityQuery = z.object({
  customer: z
    .string()
    .regex(/^\d{1,20}$/)
    .optional(),
});

const unknownAccount = (reply: FastifyReply, account: string): FastifyReply =>
  reply.code(404).send({
    error: 'unknown-account',
    message: `The gateway serves no account ${account}.`,
  } satisfies GatewayError);

/** Fail closed: without a valid policy the gateway enforces nothing and says why. */
const policyInvalid = (reply: FastifyReply, message: string): FastifyReply =>
  reply
    .code(503)
    .send({ error: 'policy-invalid', message: `Credits are off: ${message}.` } satisfies GatewayError);

const spanOf = (bounds: { start: number; end: number }): PeriodSpan => ({
  start: new Date(bounds.start).toISOString(),
  end: new Date(bounds.end).toISOString(),
});

const withPolicy = (account: AccountConfig) => policyOf(account);

/** The policy the gateway enforces and what an agent has used of it, by the gateway's clock. */
export const accountRoutes =
  (deps: GatewayDeps): FastifyPluginAsync =>
  async (app) => {
    app.get('/v1/accounts/:account/policy', async (request, reply) => {
      const params = Params.safeParse(request.params);
      if (!params.success) return badRequest(reply, params.error);
      const account = accountOf(deps.config, params.data.account);
      if (!account) return unknownAccount(reply, params.data.account);
      const policy = withPolicy(account);
      if ('error' in policy) return policyInvalid(reply, policy.error);
      const now = deps.now();
      // The billing webhook's secret stays on the gateway.
      const { billingWebhook: _secret, ...shown } = policy.policy;
      return GatewayPolicy.parse({
        policy: shown,
        now: new Date(now).toISOString(),
        period: spanOf(periodBounds(now, policy.policy.period, policy.policy.timeZone)),
        executors: account.executor ? [account.executor] : [],
      });
    });

    app.get('/v1/accounts/:account/agents/:agent/authority', async (request, reply) => {
      const params = AgentParams.safeParse(request.params);
      if (!params.success) return badRequest(reply, params.error);
      const query = AuthorityQuery.safeParse(request.query);
      if (!query.success) return badRequest(reply, query.error);
      const account = accountOf(deps.config, params.data.account);
      if (!account) return unknownAccount(reply, params.data.account);
      const policy = withPolicy(account);
      if ('error' in policy) return policyInvalid(reply, policy.error);
      const agentId = params.data.agent;
      try {
        const email = policyNamesEmails(policy.policy)
          ? ((await adapterFor(account.kind).agents(deps.helpdesk(account), account.account, [agentId]))[0]
              ?.email ?? null)
          : null;
        const period = spanOf(periodBounds(deps.now(), policy.policy.period, policy.policy.timeZone));
        const used = await usedIn(deps.store, account.account, agentId, period, query.data.customer ?? null);
        return {
          agentId,
          tier: tierFor(policy.policy, { id: agentId, email })?.name ?? null,
          period,
          used: used.used,
          customerUsed: used.customerUsed,
          currency: policy.policy.currency,
        } satisfies GatewayAuthority;
      } catch (error) {
        return unavailable(reply, error);
      }
    });
  };
