import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  draftFromPolicy,
  emptyDraft,
  formWouldChange,
  isPresent,
  parseInterval,
  parseJson,
  policyFromDraft,
  readSettings,
  redactSecret,
  toMajor,
  validatePolicy,
} from '../../../components/options/model';
import { parseAmount } from '../../../lib/domain/money-format';
import { MAX_LIMIT } from '../../../lib/domain/policy';

const POLICY = {
  currency: 'USD',
  period: 'week',
  timeZone: 'Europe/Berlin',
  tiers: [
    { name: 'Standard', perGrant: 2500, perCustomerPerPeriod: 5000, perPeriod: 20000 },
    { name: 'Senior', perGrant: 10000, perCustomerPerPeriod: 20000, perPeriod: MAX_LIMIT },
  ],
  agents: [{ agent: 'ada@acme.test', tier: 'Senior' }],
  defaultTier: 'Standard',
  presets: [500, 1000, 2500],
  reasons: ['Late delivery', 'Damaged item'],
  approvers: ['12345678901'],
  undoSeconds: 5,
  reportBackDueHours: 24,
  billingWebhook: { url: 'https://billing.acme.test/credits', secret: 'a-long-shared-secret' },
};

const inputOf = (result: ReturnType<typeof policyFromDraft>) => {
  if (result.errors.length > 0) throw new Error(result.errors.join('; '));
  return result.input;
};
const errorsOf = (result: ReturnType<typeof policyFromDraft>) => ({ errors: result.errors });

describe('draft ↔ policy', () => {
  it('shows amounts in major units and converts them back to the same minor units', () => {
    const draft = draftFromPolicy(POLICY);
    expect(draft.tiers[0]).toEqual({
      name: 'Standard',
      perGrant: '25.00',
      perCustomerPerPeriod: '50.00',
      perPeriod: '200.00',
    });
    expect(draft.tiers[1]?.perPeriod).toBe('21474836.47');
    expect(draft.presets).toBe('5.00 10.00 25.00');
    expect(draft.reasons).toBe('Late delivery\nDamaged item');
    expect(inputOf(policyFromDraft(draft))).toEqual(POLICY);
  });

  it('uses the currency’s own minor digits', () => {
    const yen = draftFromPolicy({ ...POLICY, currency: 'JPY' });
    expect(yen.tiers[0]?.perGrant).toBe('2500');
    expect(inputOf(policyFromDraft({ ...yen, presets: '300 1000' })).presets).toEqual([300, 1000]);
    // A thousands separator reads as a decimal comma, which a yen amount cannot have: refused, not guessed.
    expect(errorsOf(policyFromDraft({ ...yen, presets: '300 1,000' }))).toEqual({
      errors: ['presets[1]: enter an amount such as 25'],
    });
    expect(inputOf(policyFromDraft({ ...draftFromPolicy(POLICY), presets: '5, 10 2,50' })).presets).toEqual([
      500, 1000, 250,
    ]);
  });

  it('converts any limit exactly, with no float on the way', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_LIMIT }),
        fc.constantFrom('USD', 'JPY', 'KWD', 'EUR'),
        (minor, currency) => {
          const digits = currency === 'JPY' ? 0 : currency === 'KWD' ? 3 : 2;
          expect(parseAmount(toMajor(minor, digits), currency)).toBe(minor);
        },
      ),
    );
  });

  it('names the fields that are not amounts or whole numbers', () => {
    const draft = draftFromPolicy(POLICY);
    const result = policyFromDraft({
      ...draft,
      tiers: [
        { ...(draft.tiers[0] ?? { name: '', perCustomerPerPeriod: '', perPeriod: '' }), perGrant: '25.001' },
      ],
      presets: 'five',
      undoSeconds: '2.5',
    });
    expect(errorsOf(result)).toEqual({
      errors: [
        'tiers[0].perGrant: enter an amount such as 25.00',
        'presets[0]: enter an amount such as 25.00',
        'undoSeconds: enter a whole number',
      ],
    });
  });

  it('refuses a currency Intl does not know before reading any amount', () => {
    const result = policyFromDraft({ ...draftFromPolicy(POLICY), currency: 'U$' });
    expect(errorsOf(result)).toEqual({
      errors: ['currency: currency must be an ISO 4217 code such as USD or EUR'],
    });
  });

  it('leaves out what is blank so the schema’s defaults apply', () => {
    const draft = { ...emptyDraft('Europe/Paris'), defaultTier: '', undoSeconds: '', reportBackDueHours: '' };
    const input = inputOf(
      policyFromDraft({
        ...draft,
        tiers: [{ name: 'Standard', perGrant: '10', perCustomerPerPeriod: '20', perPeriod: '100' }],
        reasons: 'Goodwill\n\n',
        agents: [{ agent: '', tier: '' }],
      }),
    );
    expect(input).not.toHaveProperty('defaultTier');
    expect(input).not.toHaveProperty('undoSeconds');
    expect(input).not.toHaveProperty('billingWebhook');
    expect(input.agents).toEqual([]);
    const verdict = validatePolicy(input);
    expect(verdict.ok && verdict.policy.undoSeconds).toBe(5);
    expect(verdict.ok && verdict.policy.timeZone).toBe('Europe/Paris');
  });

  it('reads partial or odd shapes without throwing', () => {
    expect(draftFromPolicy(undefined, 'Asia/Tokyo').timeZone).toBe('Asia/Tokyo');
    const odd = draftFromPolicy({ currency: 7, tiers: [null, { perGrant: 'x' }], agents: [3] });
    expect(odd.currency).toBe('USD');
    expect(odd.tiers).toEqual([
      { name: '', perGrant: '', perCustomerPerPeriod: '', perPeriod: '' },
      { name: '', perGrant: 'x', perCustomerPerPeriod: '', perPeriod: '' },
    ]);
    expect(odd.agents).toEqual([{ agent: '', tier: '' }]);
  });
});

describe('validatePolicy', () => {
  it('accepts a valid policy with defaults filled in', () => {
    const verdict = validatePolicy(POLICY);
    expect(verdict.ok).toBe(true);
  });

  it('names the field in every message', () => {
    const bad = {
      ...POLICY,
      tiers: [{ name: 'Standard', perGrant: 9000, perCustomerPerPeriod: 5000, perPeriod: 20000 }],
    };
    expect(validatePolicy(bad)).toEqual({
      ok: false,
      message:
        'tiers[0].perGrant: perGrant cannot be more than perCustomerPerPeriod; agents[0].tier: no tier is named "Senior"',
    });
    const { reasons: _reasons, ...missing } = POLICY;
    expect(validatePolicy(missing)).toEqual({ ok: false, message: 'reasons: is missing' });
  });
});

describe('helpers', () => {
  it('parses JSON or says why not', () => {
    expect(parseJson('{"a":1}')).toEqual({ value: { a: 1 } });
    const bad = parseJson('{a:1}');
    expect('error' in bad && bad.error).toMatch(/^This is not valid JSON: /);
  });

  it('treats an empty managed store as none', () => {
    expect(isPresent(undefined)).toBe(false);
    expect(isPresent({})).toBe(false);
    expect(isPresent([])).toBe(false);
    expect(isPresent(POLICY)).toBe(true);
  });

  it('hides the webhook secret of a managed policy', () => {
    const shown = redactSecret(POLICY) as typeof POLICY;
    expect(shown.billingWebhook.secret).not.toContain('shared');
    expect(shown.billingWebhook.url).toBe(POLICY.billingWebhook.url);
    expect(POLICY.billingWebhook.secret).toBe('a-long-shared-secret');
    expect(redactSecret({ currency: 'USD' })).toEqual({ currency: 'USD' });
  });

  it('reads settings with defaults and checks the interval', () => {
    expect(readSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(readSettings({ watchIntervalMinutes: 15, notifications: false })).toEqual({
      watchIntervalMinutes: 15,
      notifications: false,
    });
    expect(readSettings({ watchIntervalMinutes: 0.5, notifications: 'yes' })).toEqual(DEFAULT_SETTINGS);
    expect(parseInterval(' 10 ')).toBe(10);
    for (const bad of ['0', '1441', '2.5', '', 'ten', '-3']) expect(parseInterval(bad), bad).toBeNull();
  });
});

describe('switching between form and JSON loses nothing (issue 18, options on a fresh install)', () => {
  it('a fresh install’s empty form becomes JSON with its blank amounts as text, and comes back as it was', () => {
    const fresh = emptyDraft('Europe/Paris');
    const result = policyFromDraft(fresh);
    expect(result.errors).toContain('tiers[0].perGrant: enter an amount such as 25.00');
    expect(result.input.tiers).toEqual([
      { name: 'Standard', perGrant: '', perCustomerPerPeriod: '', perPeriod: '' },
    ]);
    expect(draftFromPolicy(JSON.parse(JSON.stringify(result.input)), 'UTC')).toEqual(fresh);
  });

  it('keeps half-typed amounts, numbers and an unknown currency’s amounts as typed', () => {
    const draft = {
      ...draftFromPolicy(POLICY),
      currency: 'XXY',
      presets: '5 lots',
      undoSeconds: 'ten',
    };
    const back = draftFromPolicy(policyFromDraft(draft).input);
    expect(back.tiers).toEqual(draft.tiers);
    expect(back.presets).toBe('5.00 lots');
    expect(back.undoSeconds).toBe('ten');
  });

  it('carries JSON keys the form has no field for (helpdeskHosts) through the form', () => {
    const withHosts = {
      ...POLICY,
      helpdeskHosts: [{ host: 'support.acme.com', account: 'acme.freshdesk.com' }],
    };
    expect(inputOf(policyFromDraft(draftFromPolicy(withHosts)))).toEqual(withHosts);
    expect(formWouldChange(withHosts)).toEqual([]);
  });

  it('names what the form would change or drop, so the JSON editor keeps it', () => {
    expect(formWouldChange(POLICY)).toEqual([]);
    expect(formWouldChange({ ...POLICY, presets: [500, 12.5] })).toEqual(['presets[1]']);
    expect(
      formWouldChange({ ...POLICY, tiers: [{ ...POLICY.tiers[0], colour: 'red' }], reasons: [' Goodwill '] }),
    ).toEqual(['tiers[0].colour', 'reasons[0]']);
    expect(formWouldChange([1, 2])).toEqual(['(the whole document)']);
  });
});
