import type { AuthorityPolicyInput } from '../../../lib/domain/policy';

export const POLICY: AuthorityPolicyInput = {
  currency: 'USD',
  period: 'week',
  timeZone: 'America/New_York',
  tiers: [
    { name: 'junior', perGrant: 1000, perCustomerPerPeriod: 2000, perPeriod: 10000 },
    { name: 'senior', perGrant: 5000, perCustomerPerPeriod: 10000, perPeriod: 50000 },
  ],
  agents: [
    { agent: '7', tier: 'senior' },
    { agent: 'Bo@Example.com', tier: 'junior' },
  ],
  defaultTier: 'junior',
  presets: [500, 1000, 2500],
  reasons: ['late delivery', 'damaged item'],
  approvers: ['9', 'lead@example.com'],
  undoSeconds: 5,
  reportBackDueHours: 24,
  billingWebhook: { url: 'https://billing.example.com/credits', secret: 'a-very-long-shared-secret' },
};
