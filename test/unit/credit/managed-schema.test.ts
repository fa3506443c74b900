import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPolicy } from '../../../lib/credit/policy';
import { AgentTier, AuthorityPolicy, BillingWebhook, GatewayRef, Tier } from '../../../lib/domain/policy';
import managedSchema from '../../../public/managed-schema.json';
import { publishedPolicy, type Schema, schemaProblems } from './chrome-schema';
import { POLICY } from './examples';

const schema = managedSchema as Schema;
const props = (s: unknown): string[] => Object.keys((s as { properties: object }).properties).sort();
const top = schema.properties as Record<string, Schema>;

/** Chrome filters the administrator's value, then Frontline validates what Chrome published. */
const throughChrome = (value: Record<string, unknown>) =>
  readPolicy(publishedPolicy(schema, value), undefined);

describe('public/managed-schema.json', () => {
  it('is a schema Chrome loads', () => {
    expect(schemaProblems(schema)).toEqual([]);
  });

  it('declares exactly the zod fields', () => {
    expect(props(schema)).toEqual(Object.keys(AuthorityPolicy.shape).sort());
    expect(props(top.tiers?.items)).toEqual(Object.keys(Tier.shape).sort());
    expect(props(top.agents?.items)).toEqual(Object.keys(AgentTier.shape).sort());
    expect(props(top.billingWebhook)).toEqual(Object.keys(BillingWebhook.shape).sort());
    expect(props(top.gateway)).toEqual(Object.keys(GatewayRef.shape).sort());
  });

  it('passes a policy naming only the credit gateway through Chrome', () => {
    const value = { gateway: { url: 'https://gateway.acme.test' } };
    expect(publishedPolicy(schema, value)).toEqual(value);
  });

  it('keeps the webhook secret off chrome://policy', () => {
    const webhook = top.billingWebhook?.properties as Record<string, Schema> | undefined;
    expect(webhook?.secret?.sensitiveValue).toBe(true);
  });
});

const validPolicy = fc
  .record({
    currency: fc.constantFrom('USD', 'EUR', 'JPY', 'KWD'),
    period: fc.constantFrom('day', 'week', 'month'),
    timeZone: fc.constantFrom(
      'UTC',
      'America/New_York',
      'Europe/Berlin',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
    ),
    limits: fc.array(
      fc
        .tuple(fc.nat(2 ** 31 - 1), fc.nat(2 ** 31 - 1), fc.nat(2 ** 31 - 1))
        .map((l) => l.sort((a, b) => a - b)),
      { minLength: 1, maxLength: 4 },
    ),
    agents: fc.uniqueArray(fc.oneof(fc.stringMatching(/^\d{1,20}$/), fc.emailAddress()), {
      maxLength: 5,
      comparator: (a, b) => a.toLowerCase() === b.toLowerCase(),
    }),
    presets: fc.array(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { maxLength: 6 }),
    reasons: fc.array(fc.constantFrom('late delivery', 'damaged', 'goodwill'), {
      minLength: 1,
      maxLength: 3,
    }),
    undoSeconds: fc.integer({ min: 0, max: 60 }),
    reportBackDueHours: fc.integer({ min: 1, max: 720 }),
    webhook: fc.boolean(),
    useDefault: fc.boolean(),
  })
  .map((r) => {
    const tiers = r.limits.map(([perGrant, perCustomerPerPeriod, perPeriod], i) => ({
      name: `tier ${i}`,
      perGrant,
      perCustomerPerPeriod,
      perPeriod,
    }));
    return {
      currency: r.currency,
      period: r.period,
      timeZone: r.timeZone,
      tiers,
      agents: r.agents.map((agent, i) => ({ agent, tier: tiers[i % tiers.length]?.name ?? 'tier 0' })),
      ...(r.useDefault ? { defaultTier: 'tier 0' } : {}),
      presets: r.presets,
      reasons: r.reasons,
      approvers: r.agents.slice(0, 2),
      undoSeconds: r.undoSeconds,
      reportBackDueHours: r.reportBackDueHours,
      ...(r.webhook
        ? { billingWebhook: { url: 'https://billing.example.com/hook', secret: 'x'.repeat(32) } }
        : {}),
    };
  });

describe('Chrome and zod agree', () => {
  it('every policy zod accepts passes through Chrome unchanged', () => {
    fc.assert(
      fc.property(validPolicy, (policy) => {
        expect(AuthorityPolicy.safeParse(policy).success).toBe(true);
        expect(publishedPolicy(schema, policy)).toEqual(policy);
      }),
      { numRuns: 500 },
    );
  });

  const tier = { name: 'x', perGrant: 1, perCustomerPerPeriod: 2, perPeriod: 3 };
  it.each([
    ['a lower-case currency', { currency: 'usd' }],
    ['an unknown period', { period: 'year' }],
    ['a negative limit', { tiers: [{ ...tier, perGrant: -1 }] }],
    ['a fractional limit', { tiers: [{ ...tier, perGrant: 0.5 }] }],
    ['a limit beyond 32 bits', { tiers: [{ ...tier, perPeriod: 2 ** 31 }] }],
    ['a tier missing a limit', { tiers: [{ name: 'x', perGrant: 1, perCustomerPerPeriod: 2 }] }],
    ['tiers as an object', { tiers: { junior: tier } }],
    ['reasons as a string', { reasons: 'late delivery' }],
  ])('both refuse %s: Chrome drops a required policy, so credits fail closed', (_name, patch) => {
    const value = { ...POLICY, ...patch } as Record<string, unknown>;
    expect(AuthorityPolicy.safeParse(value).success).toBe(false);
    const [key] = Object.keys(patch);
    expect(publishedPolicy(schema, value)).not.toHaveProperty(key as string);
    expect(throughChrome(value)).toHaveProperty('error');
  });

  it.each([
    ['a zero preset', { presets: [0, 500] }],
    ['a string preset', { presets: ['500'] }],
    ['a malformed approver', { approvers: ['lead at example'] }],
  ])('both refuse %s: Chrome drops it, which only removes a convenience', (_name, patch) => {
    const value = { ...POLICY, ...patch } as Record<string, unknown>;
    expect(AuthorityPolicy.safeParse(value).success).toBe(false);
    const [key] = Object.keys(patch);
    const published = publishedPolicy(schema, value);
    expect(published).not.toHaveProperty(key as string);
    expect(throughChrome(value)).toHaveProperty('source', 'managed');
  });

  it.each([
    ['perGrant above perCustomerPerPeriod', { tiers: [{ ...tier, perGrant: 5 }] }],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }],
    ['an unknown currency code', { currency: 'XYZ' }],
    ['an agent mapped to a missing tier', { agents: [{ agent: '7', tier: 'boss' }] }],
    ['an agent entry that is neither id nor email', { agents: [{ agent: 'ada', tier: 'junior' }] }],
    ['an agent entry without a tier', { agents: [{ agent: '7' }] }],
    ['undo beyond a minute', { undoSeconds: 61 }],
    ['a zero report-back window', { reportBackDueHours: 0 }],
    ['an http webhook', { billingWebhook: { url: 'http://billing.example.com', secret: 'x'.repeat(32) } }],
    ['a webhook without secret', { billingWebhook: { url: 'https://billing.example.com' } }],
    ['a short webhook secret', { billingWebhook: { url: 'https://billing.example.com', secret: 'short' } }],
  ])('Chrome passes %s on to zod, which fails closed (dropping it would fail open)', (_name, patch) => {
    const value = { ...POLICY, ...patch } as Record<string, unknown>;
    expect(publishedPolicy(schema, value)).toEqual(value);
    expect(throughChrome(value)).toHaveProperty('error');
  });

  it('an unknown key is dropped by Chrome and refused by zod when set locally', () => {
    const value = { ...POLICY, surprise: 1 };
    expect(publishedPolicy(schema, value)).toEqual(POLICY);
    expect(AuthorityPolicy.safeParse(value).success).toBe(false);
  });
});
