import { z } from 'zod';
import type { CreditOff } from './credit-off';

/** How long a report-back on an escalation may take when no policy says otherwise. */
export const DEFAULT_REPORT_BACK_HOURS = 24;

/**
 * The manager's credit policy. It comes from `storage.managed` (Chrome's
 * `managed_schema`, public/managed-schema.json, must stay in step: a test checks
 * them against each other) or from the options page. Amounts are integer minor
 * units. Chrome stores policy integers as 32-bit, so limits stop at 2^31 − 1
 * (21,474,836.47 in a two-digit currency) in both schemas.
 */

export const MAX_LIMIT = 2_147_483_647;

const Limit = (field: string) =>
  z
    .number({ error: `${field} must be a whole number of minor units (cents)` })
    .int(`${field} must be a whole number of minor units (cents)`)
    .min(0, `${field} cannot be negative`)
    .max(MAX_LIMIT, `${field} is above the largest supported limit (${MAX_LIMIT})`);

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export const Tier = z
  .strictObject({
    name: z.string().trim().min(1, 'a tier needs a name').max(60),
    perGrant: Limit('perGrant'),
    perCustomerPerPeriod: Limit('perCustomerPerPeriod'),
    perPeriod: Limit('perPeriod'),
  })
  .superRefine((tier, ctx) => {
    if (tier.perGrant > tier.perCustomerPerPeriod) {
      ctx.addIssue({
        code: 'custom',
        path: ['perGrant'],
        message: 'perGrant cannot be more than perCustomerPerPeriod',
      });
    }
    if (tier.perCustomerPerPeriod > tier.perPeriod) {
      ctx.addIssue({
        code: 'custom',
        path: ['perCustomerPerPeriod'],
        message: 'perCustomerPerPeriod cannot be more than perPeriod',
      });
    }
  });
export type Tier = z.infer<typeof Tier>;

/** A helpdesk agent id (digits) or an email address, matched case-insensitively. */
const AgentKey = z
  .string()
  .trim()
  .regex(/^(?:\d{1,20}|[^\s@]+@[^\s@]+)$/, 'must be a helpdesk agent id or an email address');

export const AgentTier = z.strictObject({ agent: AgentKey, tier: z.string().trim().min(1) });
export type AgentTier = z.infer<typeof AgentTier>;

export const BillingWebhook = z.strictObject({
  url: z.url({ protocol: /^https$/, error: 'billingWebhook.url must be an https:// address' }),
  secret: z.string().min(16, 'billingWebhook.secret must be at least 16 characters'),
});
export type BillingWebhook = z.infer<typeof BillingWebhook>;

/**
 * A helpdesk host of the organization's own and its account (`support.acme.com` →
 * `acme.freshdesk.com`). Only the shape here: each entry's host rules are checked on their
 * own (lib/domain/custom-host), so one bad host drops that host, not every credit.
 */
export const HelpdeskHostEntry = z.strictObject({ host: z.string(), account: z.string() });

/** A Zendesk OAuth client's unique identifier (Admin Center › Apps and integrations › OAuth clients). */
export const OAuthClientId = z
  .string()
  .trim()
  .regex(/^[\w.-]{1,200}$/, 'zendeskOAuthClientId must be the OAuth client’s unique identifier');

/**
 * The organization's credit gateway (issue 19). With one, the gateway alone enforces limits and
 * moves money, and the credit fields come from it (`GET {url}/v1/accounts/:account/policy`), so a
 * managed policy may name only this; credit fields beside it are ignored.
 */
export const GatewayRef = z.strictObject({
  url: z.url({ protocol: /^https$/, error: 'gateway.url must be an https:// address' }),
});
export type GatewayRef = z.infer<typeof GatewayRef>;

export const Period = z.enum(['day', 'week', 'month'], { error: 'period must be day, week or month' });
export type Period = z.infer<typeof Period>;

export const AuthorityPolicy = z
  .strictObject({
    currency: z
      .string()
      .refine((c) => CURRENCIES.has(c), 'currency must be an ISO 4217 code such as USD or EUR'),
    period: Period,
    timeZone: z.string().refine(isTimeZone, 'timeZone must be an IANA time zone such as Europe/Berlin'),
    tiers: z.array(Tier).min(1, 'at least one tier is needed'),
    agents: z.array(AgentTier).default([]),
    /** Agents not listed get this tier; with none, unlisted agents have no authority. */
    defaultTier: z.string().trim().min(1).optional(),
    /** One-click amounts, minor units. */
    presets: z.array(Limit('presets').min(1, 'presets must be more than zero')).max(6).default([]),
    reasons: z.array(z.string().trim().min(1).max(100)).min(1, 'at least one reason is needed'),
    /** Agent ids or emails who may approve over-limit requests. */
    approvers: z.array(AgentKey).default([]),
    undoSeconds: z.number().int().min(0).max(60, 'undoSeconds must be between 0 and 60').default(5),
    reportBackDueHours: z.number().int().min(1).max(720).default(DEFAULT_REPORT_BACK_HOURS),
    billingWebhook: BillingWebhook.optional(),
    /** Not a credit field: the administrator's custom helpdesk hosts, read by lib/hosts. */
    helpdeskHosts: z.array(HelpdeskHostEntry).optional(),
    /** The OAuth client reps connect their own Zendesk accounts with (lib/oauth); none: no OAuth. */
    zendeskOAuthClientId: OAuthClientId.optional(),
    /** Not a credit field here: where the policy in force comes from (lib/gateway). */
    gateway: GatewayRef.optional(),
  })
  .superRefine((policy, ctx) => {
    const names = policy.tiers.map((t) => t.name);
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'name'],
          message: `tier "${name}" is defined twice`,
        });
      }
    });
    const known = new Set(names);
    policy.agents.forEach((a, i) => {
      if (!known.has(a.tier)) {
        ctx.addIssue({
          code: 'custom',
          path: ['agents', i, 'tier'],
          message: `no tier is named "${a.tier}"`,
        });
      }
    });
    const keys = policy.agents.map((a) => a.agent.toLowerCase());
    keys.forEach((key, i) => {
      if (keys.indexOf(key) !== i) {
        ctx.addIssue({ code: 'custom', path: ['agents', i, 'agent'], message: `${key} is listed twice` });
      }
    });
    if (policy.defaultTier !== undefined && !known.has(policy.defaultTier)) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultTier'],
        message: `no tier is named "${policy.defaultTier}"`,
      });
    }
  });
export type AuthorityPolicy = z.infer<typeof AuthorityPolicy>;
/** What the options page edits and the managed store holds, before defaults are filled in. */
export type AuthorityPolicyInput = z.input<typeof AuthorityPolicy>;

export type PolicySource = 'managed' | 'self-managed';

/** Where a gateway's policy came from and when this browser read it (epoch ms; null: never). */
export interface GatewayOrigin {
  url: string;
  fetchedAt: number | null;
}

/** `gateway`: the organization's gateway enforces this policy; without it the limits are advisory. */
export type PolicyResult =
  | { policy: AuthorityPolicy; source: PolicySource; gateway?: GatewayOrigin }
  | { error: string; off?: CreditOff; source: PolicySource | 'none'; gateway?: GatewayOrigin };

const pathOf = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (acc, part) =>
      typeof part === 'number' ? `${acc}[${part}]` : acc === '' ? String(part) : `${acc}.${String(part)}`,
    '',
  );

const valueAt = (input: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>(
    (value, key) =>
      typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined,
    input,
  );

/** "tiers[0].perGrant: perGrant cannot be negative"; at most three, so the sidebar stays readable. */
export const describeIssues = (error: z.ZodError, input: unknown): string =>
  error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = pathOf(issue.path);
      const missing = issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined;
      const message = missing ? 'is missing' : issue.message;
      return path === '' ? message : `${path}: ${message}`;
    })
    .join('; ');
