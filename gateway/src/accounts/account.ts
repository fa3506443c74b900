import { AuthorityPolicy, describeIssues } from '../../../lib/domain/policy';
import type { TicketRef } from '../../../lib/domain/ticket-ref';
import type { AccountConfig, GatewayConfig } from '../config';

export const accountOf = (config: GatewayConfig, account: string): AccountConfig | null =>
  config.accounts.find((a) => a.account === account) ?? null;

export type PolicyOf = { policy: AuthorityPolicy } | { error: string };

/** The account's policy, or why there is none usable: fail closed, never a default. */
export function policyOf(account: AccountConfig): PolicyOf {
  if (account.policy === undefined || account.policy === null)
    return { error: `no credit policy is configured for ${account.account}` };
  const parsed = AuthorityPolicy.safeParse(account.policy);
  return parsed.success
    ? { policy: parsed.data }
    : {
        error: `the credit policy of ${account.account} is invalid (${describeIssues(parsed.error, account.policy)})`,
      };
}

export const ticketRef = (account: AccountConfig, ticket: string): TicketRef => ({
  helpdesk: account.kind,
  account: account.account,
  id: ticket,
});

/** Whether tiers or approvers name agents by email, so an agent's email must be read. */
export const policyNamesEmails = (policy: AuthorityPolicy): boolean =>
  [...policy.agents.map((a) => a.agent), ...policy.approvers].some((key) => key.includes('@'));
