/** The demo team's credit policy: the gateway's, or with `--no-gateway` the profile's own. */
export const DEMO_POLICY = {
  currency: 'USD',
  period: 'week',
  timeZone: 'UTC',
  tiers: [{ name: 'Standard', perGrant: 2500, perCustomerPerPeriod: 5000, perPeriod: 20000 }],
  defaultTier: 'Standard',
  presets: [500, 1000, 2500],
  reasons: ['Late delivery', 'Damaged item', 'Service outage', 'Goodwill'],
  undoSeconds: 5,
};
