import type { Agent } from '../domain/model';
import type { PolicyResult } from '../domain/policy';
import { isApprover } from './policy';

/**
 * Whether an agent id is one of the policy's approvers. The policy may name them by
 * email: the agents this browser knows give the emails. No policy: nobody is.
 */
export function approverCheck(
  policy: PolicyResult,
  agents: readonly Pick<Agent, 'id' | 'email'>[],
): ((agentId: string) => boolean) | undefined {
  if ('error' in policy) return undefined;
  const emails = new Map(agents.map((a) => [a.id, a.email]));
  return (id) => isApprover(policy.policy, { id, email: emails.get(id) ?? null });
}
