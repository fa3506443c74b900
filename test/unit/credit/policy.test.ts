import { describe, expect, it } from 'vitest';
import { isApprover, readPolicy, tierFor } from '../../../lib/credit/policy';
import { AuthorityPolicy } from '../../../lib/domain/policy';
import { POLICY } from './examples';

const policy = AuthorityPolicy.parse(POLICY);
const errorOf = (value: unknown): string => {
  const result = readPolicy(undefined, value);
  if (!('error' in result)) throw new Error('expected an invalid policy');
  return result.error;
};

describe('AuthorityPolicy', () => {
  it('fills in defaults', () => {
    const minimal = AuthorityPolicy.parse({
      currency: 'EUR',
      period: 'month',
      timeZone: 'Europe/Berlin',
      tiers: [{ name: 'all', perGrant: 0, perCustomerPerPeriod: 0, perPeriod: 0 }],
      reasons: ['goodwill'],
    });
    expect(minimal).toMatchObject({
      agents: [],
      presets: [],
      approvers: [],
      undoSeconds: 5,
      reportBackDueHours: 24,
    });
    expect(minimal.defaultTier).toBeUndefined();
    expect(minimal.billingWebhook).toBeUndefined();
  });

  it.each([
    [{ currency: 'usd' }, 'currency: currency must be an ISO 4217 code'],
    [{ currency: 'XYZ' }, 'currency: currency must be an ISO 4217 code'],
    [{ period: 'year' }, 'period: period must be day, week or month'],
    [{ timeZone: 'Mars/Olympus' }, 'timeZone: timeZone must be an IANA time zone'],
    [{ tiers: [] }, 'tiers: at least one tier is needed'],
    [
      { tiers: [{ name: 'x', perGrant: -1, perCustomerPerPeriod: 0, perPeriod: 0 }] },
      'tiers[0].perGrant: perGrant cannot be negative',
    ],
    [
      { tiers: [{ name: 'x', perGrant: 2.5, perCustomerPerPeriod: 5, perPeriod: 5 }] },
      'tiers[0].perGrant: perGrant must be a whole number of minor units',
    ],
    [
      { tiers: [{ name: 'x', perGrant: 10, perCustomerPerPeriod: 5, perPeriod: 50 }] },
      'tiers[0].perGrant: perGrant cannot be more than perCustomerPerPeriod',
    ],
    [
      { tiers: [{ name: 'x', perGrant: 1, perCustomerPerPeriod: 50, perPeriod: 5 }] },
      'tiers[0].perCustomerPerPeriod: perCustomerPerPeriod cannot be more than perPeriod',
    ],
    [
      { tiers: [{ name: 'x', perGrant: 1, perCustomerPerPeriod: 1, perPeriod: 2 ** 31 }] },
      'tiers[0].perPeriod: perPeriod is above the largest supported limit',
    ],
    [{ tiers: [{ name: 'x', perGrant: 1, perCustomerPerPeriod: 1 }] }, 'tiers[0].perPeriod: is missing'],
    [
      {
        tiers: [
          { name: 'x', perGrant: 1, perCustomerPerPeriod: 1, perPeriod: 1 },
          { name: 'x', perGrant: 1, perCustomerPerPeriod: 1, perPeriod: 1 },
        ],
        agents: [],
        defaultTier: 'x',
      },
      'tiers[1].name: tier "x" is defined twice',
    ],
    [{ agents: [{ agent: '7', tier: 'boss' }] }, 'agents[0].tier: no tier is named "boss"'],
    [
      { agents: [{ agent: 'ada', tier: 'junior' }] },
      'agents[0].agent: must be a helpdesk agent id or an email address',
    ],
    [
      {
        agents: [
          { agent: 'a@x.io', tier: 'junior' },
          { agent: 'A@X.io', tier: 'senior' },
        ],
      },
      'agents[1].agent: a@x.io is listed twice',
    ],
    [{ defaultTier: 'boss' }, 'defaultTier: no tier is named "boss"'],
    [{ presets: [0] }, 'presets[0]: presets must be more than zero'],
    [{ reasons: [] }, 'reasons: at least one reason is needed'],
    [{ undoSeconds: 61 }, 'undoSeconds: undoSeconds must be between 0 and 60'],
    [
      { billingWebhook: { url: 'http://billing.example.com', secret: 'a-very-long-shared-secret' } },
      'billingWebhook.url: billingWebhook.url must be an https:// address',
    ],
    [
      { billingWebhook: { url: 'https://billing.example.com', secret: 'short' } },
      'billingWebhook.secret: billingWebhook.secret must be at least 16',
    ],
    [{ surprise: true }, 'surprise'],
  ])('%o → names the field', (patch, message) => {
    expect(errorOf({ ...POLICY, ...patch })).toContain(message);
  });

  it('reports a missing field as missing', () => {
    const { currency: _, ...rest } = POLICY;
    expect(errorOf(rest)).toContain('currency: is missing');
  });
});

describe('readPolicy', () => {
  it('a managed policy wins over the local one', () => {
    expect(readPolicy(POLICY, { ...POLICY, currency: 'EUR' })).toEqual({ policy, source: 'managed' });
  });

  it('uses the local policy when nothing is managed', () => {
    expect(readPolicy({}, POLICY)).toEqual({ policy, source: 'self-managed' });
    expect(readPolicy(undefined, POLICY)).toEqual({ policy, source: 'self-managed' });
  });

  it('fails closed on an invalid managed policy, never falling back to the local one', () => {
    const result = readPolicy({ ...POLICY, period: 'fortnight' }, POLICY);
    expect(result).toMatchObject({ source: 'managed' });
    expect('error' in result && result.error).toMatch(
      /^Credits are off: the credit policy set by your organization is invalid \(period: /,
    );
  });

  it('fails closed with no policy at all', () => {
    expect(readPolicy({}, undefined)).toEqual({
      error: 'Credits are off: no credit policy is set. Ask your manager to set one in Frontline’s options.',
      off: { why: 'no-policy' },
      source: 'none',
    });
    expect(readPolicy(null, null)).toMatchObject({ source: 'none' });
  });

  it('fails closed on an invalid local policy', () => {
    expect(readPolicy({}, 'not a policy')).toMatchObject({ source: 'self-managed' });
    expect(readPolicy({}, { ...POLICY, tiers: 'lots' })).toMatchObject({ source: 'self-managed' });
  });

  it('lists at most three problems', () => {
    const error = errorOf({});
    expect(error.split('; ')).toHaveLength(3);
  });
});

describe('tierFor and isApprover', () => {
  it('matches by id, then email (any case), then the default tier', () => {
    expect(tierFor(policy, { id: '7', email: null })?.name).toBe('senior');
    expect(tierFor(policy, { id: '8', email: 'bo@example.COM' })?.name).toBe('junior');
    expect(tierFor(policy, { id: '99', email: 'new@example.com' })?.name).toBe('junior');
  });

  it('an id match beats an email match', () => {
    const p = AuthorityPolicy.parse({
      ...POLICY,
      agents: [
        { agent: 'ada@x.io', tier: 'junior' },
        { agent: '7', tier: 'senior' },
      ],
    });
    expect(tierFor(p, { id: '7', email: 'ada@x.io' })?.name).toBe('senior');
  });

  it('no default tier: unlisted agents have no authority', () => {
    const { defaultTier: _, ...rest } = POLICY;
    const p = AuthorityPolicy.parse(rest);
    expect(tierFor(p, { id: '99', email: null })).toBeNull();
    expect(tierFor(p, { id: '7', email: null })?.name).toBe('senior');
  });

  it('approvers by id or email', () => {
    expect(isApprover(policy, { id: '9', email: null })).toBe(true);
    expect(isApprover(policy, { id: '1', email: 'LEAD@example.com' })).toBe(true);
    expect(isApprover(policy, { id: '7', email: 'ada@example.com' })).toBe(false);
  });
});
