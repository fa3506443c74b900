import {
  AuthorityPolicy,
  DEFAULT_REPORT_BACK_HOURS,
  describeIssues,
  GatewayRef,
  type PolicyResult,
  type PolicySource,
  type Tier,
} from '../domain/policy';

/**
 * Loading and checking the manager's credit policy; its schema and types are in
 * lib/domain/policy.ts, where the options page's components can read them.
 */

export const isPresent = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.keys(value).length > 0;

export const NO_POLICY =
  'Credits are off: no credit policy is set. Ask your manager to set one in Frontline’s options.';

const invalid = (
  why: 'managed-invalid' | 'local-invalid',
  detail: string,
  source: PolicySource,
): PolicyResult => ({
  error:
    why === 'managed-invalid'
      ? `Credits are off: the credit policy set by your organization is invalid (${detail}). Ask your administrator to fix it.`
      : `Credits are off: the credit policy in Frontline’s options is invalid (${detail}).`,
  off: { why, detail },
  source,
});

export const MANAGED_VANISHED =
  'Your organization’s credit policy is no longer readable; credits are off until an administrator restores it';

/**
 * The policy in force. A managed policy wins whenever the organization set
 * one, even a broken one: falling back to a self-managed policy then would let
 * a rep grant more than the manager allowed. For the same reason a managed
 * policy this profile has seen before still wins once it cannot be read
 * (`managedSeen`): its absence is an error, not an invitation to self-manage.
 * Missing or invalid → an error the sidebar shows, and no grants (fail closed).
 */
export const readPolicy = (managed: unknown, local: unknown, managedSeen = false): PolicyResult => {
  if (managedSeen && !isPresent(managed))
    return { error: MANAGED_VANISHED, off: { why: 'managed-vanished' }, source: 'managed' };
  if (isPresent(managed)) {
    const parsed = AuthorityPolicy.safeParse(managed);
    return parsed.success
      ? { policy: parsed.data, source: 'managed' }
      : invalid('managed-invalid', describeIssues(parsed.error, managed), 'managed');
  }
  if (local === undefined || local === null) {
    return { error: NO_POLICY, off: { why: 'no-policy' }, source: 'none' };
  }
  const parsed = AuthorityPolicy.safeParse(local);
  return parsed.success
    ? { policy: parsed.data, source: 'self-managed' }
    : invalid('local-invalid', describeIssues(parsed.error, local), 'self-managed');
};

export type GatewayChoice =
  | { gateway: GatewayRef; source: PolicySource }
  | { error: string; source: PolicySource };

const gatewayIn = (value: unknown): unknown =>
  isPresent(value) && 'gateway' in value ? value.gateway : undefined;

/**
 * Whether the policy in force is a gateway's, by the same precedence as readPolicy: a managed
 * policy (or one seen before) decides alone, else the options page's. Null: no gateway, the
 * policy is read as it stands and its limits are advisory. A malformed gateway entry is an
 * error, never a fall back to the credit fields beside it: fail closed.
 */
export const gatewayChoice = (
  managed: unknown,
  local: unknown,
  managedSeen = false,
): GatewayChoice | null => {
  const managedWins = managedSeen || isPresent(managed);
  const source: PolicySource = managedWins ? 'managed' : 'self-managed';
  const raw = gatewayIn(managedWins ? managed : local);
  if (raw === undefined) return null;
  const parsed = GatewayRef.safeParse(raw);
  return parsed.success
    ? { gateway: parsed.data, source }
    : {
        error: `Credits are off: the credit gateway named in the ${source === 'managed' ? 'policy set by your organization' : 'options'} is invalid (${describeIssues(parsed.error, raw)}).`,
        source,
      };
};

/** Escalations are not money: without a valid policy they still get the schema's default due time. */
export const reportBackHoursOf = (result: PolicyResult): number =>
  'policy' in result ? result.policy.reportBackDueHours : DEFAULT_REPORT_BACK_HOURS;

export interface AgentIdentity {
  id: string;
  email: string | null;
}

/** The agent's tier: listed by id first, then by email, else the default tier, else none (no authority). */
export const tierFor = (policy: AuthorityPolicy, agent: AgentIdentity): Tier | null => {
  const email = agent.email?.toLowerCase() ?? null;
  const entry =
    policy.agents.find((a) => a.agent === agent.id) ??
    (email === null ? undefined : policy.agents.find((a) => a.agent.toLowerCase() === email));
  const name = entry?.tier ?? policy.defaultTier;
  return policy.tiers.find((t) => t.name === name) ?? null;
};

/** Whether this agent may decide approval requests. */
export const isApprover = (policy: AuthorityPolicy, agent: AgentIdentity): boolean => {
  const email = agent.email?.toLowerCase() ?? null;
  return policy.approvers.some((a) => a === agent.id || (email !== null && a.toLowerCase() === email));
};
