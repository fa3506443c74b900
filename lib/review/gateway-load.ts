import type { LoadedReview } from '../domain/review/page-data';
import type { PeriodChoice } from '../domain/review/period-choice';
import { choiceBounds } from './choice-bounds';
import type { ReviewDeps, ReviewReply } from './deps';
import { accountFailure, accountLine, NO_ACCOUNTS, NO_GATEWAY, policyFailure, Refused } from './failure';
import { fetchGatewayReview, noCredential } from './gateway-source';
import { gatewayPart } from './gateway-view';
import { agentNames, customerNames } from './names';
import { sourceOf } from './source';

const noGatewayNamed = () =>
  new Refused('no credit gateway is named for this account', { why: 'no-gateway-named' });

/**
 * A period from the credit gateway: per account, the gateway's policy gives the period's
 * bounds and one request answers its grants, totals, refusals and approval queue. Names
 * come from this browser's cache only, so a view costs that one request whatever the
 * team's size. An account that fails is named with why; the others still load.
 */
export async function loadFromGateway(
  deps: ReviewDeps,
  reply: ReviewReply,
  choice: PeriodChoice,
): Promise<void> {
  const started = deps.now();
  const accounts = await deps.accounts();
  if (accounts.length === 0) return reply({ type: 'failed', ...NO_ACCOUNTS });
  const gateway = deps.gateway;
  if (!gateway) return reply({ type: 'failed', ...NO_GATEWAY });
  const loaded: LoadedReview = {
    type: 'loaded',
    start: 0,
    end: 0,
    timeZone: 'UTC',
    partial: false,
    rows: [],
    counts: [],
    queue: [],
    suspects: [],
    disagreements: [],
    refusals: [],
    errors: [],
    failures: [],
    tickets: 0,
    read: 0,
    missed: 0,
    ms: 0,
  };
  let period: Pick<LoadedReview, 'start' | 'end' | 'timeZone'> | null = null;
  for (const account of accounts) {
    try {
      const policy = await deps.loadPolicy(account.account);
      if ('error' in policy) {
        const { message, reason } = policyFailure(policy);
        throw reason ? new Refused(message, reason) : new Error(message);
      }
      const url = policy.gateway?.url;
      if (!url) throw noGatewayNamed();
      const bounds = choiceBounds(choice, started, policy.policy);
      period ??= { start: bounds.start, end: bounds.end, timeZone: policy.policy.timeZone };
      const authorization = await gateway.authorization(account);
      if (authorization === null) throw noCredential(account.account);
      const review = await fetchGatewayReview(gateway.fetch, url, account.account, authorization, bounds);
      const src = sourceOf(deps, account);
      const now = deps.now();
      const agentIds = [
        ...review.grants.map((g) => g.agentId),
        ...review.approvals.map((a) => a.agentId),
        ...review.refusals.flatMap((r) => (r.agentId === null ? [] : [r.agentId])),
      ];
      const customerIds = [
        ...review.grants.map((g) => g.customerId),
        ...review.approvals.map((a) => a.customerId),
      ];
      const names = {
        agent: await agentNames(deps.db, src, agentIds, now, true),
        customer: await customerNames(deps.db, src, customerIds, now, true),
      };
      const part = gatewayPart(review, account, names, policy.policy.currency);
      loaded.rows.push(...part.rows);
      loaded.queue.push(...part.queue);
      loaded.refusals?.push(...part.refusals);
      loaded.tickets += new Set(review.grants.map((g) => g.ticket)).size;
    } catch (error) {
      const failure = accountFailure(account.account, error);
      loaded.failures?.push(failure);
      loaded.errors.push(accountLine(failure));
    }
  }
  const shown = period ?? {
    ...choiceBounds(choice, started, { period: 'week', timeZone: 'UTC' }),
    timeZone: 'UTC',
  };
  reply({
    ...loaded,
    start: shown.start,
    end: shown.end,
    timeZone: shown.timeZone,
    ms: deps.now() - started,
  });
}
