import { minorDigits, parseAmount, toDecimalString } from '../../lib/domain/money-format';
import { AuthorityPolicy, describeIssues } from '../../lib/domain/policy';
import { opt } from '../../lib/i18n/options-catalogue';

type Json = Record<string, unknown>;

/**
 * The options page's editing model. The form holds text (amounts in major
 * units, as a manager thinks of them); the stored policy holds integer minor
 * units. Conversion goes through the currency's digits exactly, never a float.
 */

export interface TierDraft {
  name: string;
  perGrant: string;
  perCustomerPerPeriod: string;
  perPeriod: string;
}

export interface AgentDraft {
  agent: string;
  tier: string;
}

export interface PolicyDraft {
  currency: string;
  period: string;
  timeZone: string;
  tiers: TierDraft[];
  /** '' when unlisted agents get no tier. */
  defaultTier: string;
  agents: AgentDraft[];
  /** Major units separated by spaces: "5 10 25". */
  presets: string;
  /** One per line. */
  reasons: string;
  /** One per line. */
  approvers: string;
  undoSeconds: string;
  reportBackDueHours: string;
  webhookUrl: string;
  webhookSecret: string;
  zendeskOAuthClientId: string;
  /** Keys of the JSON the form has no field for (`helpdeskHosts`, newer keys): kept, so switching loses nothing. */
  extra: Json;
}

export const TIER_LIMITS = ['perGrant', 'perCustomerPerPeriod', 'perPeriod'] as const;

export const emptyTier = (): TierDraft => ({
  name: '',
  perGrant: '',
  perCustomerPerPeriod: '',
  perPeriod: '',
});

export const emptyDraft = (timeZone = 'UTC'): PolicyDraft => ({
  currency: 'USD',
  period: 'week',
  timeZone,
  tiers: [{ ...emptyTier(), name: 'Standard' }],
  defaultTier: 'Standard',
  agents: [],
  presets: '',
  reasons: '',
  approvers: '',
  undoSeconds: '5',
  reportBackDueHours: '24',
  webhookUrl: '',
  webhookSecret: '',
  zendeskOAuthClientId: '',
  extra: {},
});

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const str = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

const safeDigits = (currency: string): number | null => {
  try {
    return minorDigits(currency);
  } catch {
    return null;
  }
};

/** Minor units as the major-unit text a manager types ("2500" USD → "25.00"); anything else as it came. */
export const toMajor = (value: unknown, digits: number): string =>
  typeof value === 'number' && Number.isSafeInteger(value)
    ? toDecimalString(value, digits)
    : value === undefined
      ? ''
      : String(value);

const count = (value: unknown, fallback: string): string =>
  typeof value === 'number' ? String(value) : value === undefined ? fallback : String(value);

/** The policy keys the form shows; everything else rides along in `PolicyDraft.extra`. */
const FORM_KEYS = new Set([
  'currency',
  'period',
  'timeZone',
  'tiers',
  'defaultTier',
  'agents',
  'presets',
  'reasons',
  'approvers',
  'undoSeconds',
  'reportBackDueHours',
  'billingWebhook',
  'zendeskOAuthClientId',
]);

/** A draft from whatever is stored, tolerant of partial or odd shapes: validation on save says what is wrong. */
export const draftFromPolicy = (input: unknown, timeZone = 'UTC'): PolicyDraft => {
  if (!isObject(input)) return emptyDraft(timeZone);
  const currency = str(input.currency, 'USD');
  const digits = safeDigits(currency) ?? 2;
  const webhook = isObject(input.billingWebhook) ? input.billingWebhook : {};
  return {
    currency,
    period: str(input.period, 'week'),
    timeZone: str(input.timeZone, timeZone),
    tiers: list(input.tiers).map((tier) => {
      const row = isObject(tier) ? tier : {};
      return {
        name: str(row.name),
        perGrant: toMajor(row.perGrant, digits),
        perCustomerPerPeriod: toMajor(row.perCustomerPerPeriod, digits),
        perPeriod: toMajor(row.perPeriod, digits),
      };
    }),
    defaultTier: str(input.defaultTier),
    agents: list(input.agents).map((a) =>
      isObject(a) ? { agent: str(a.agent), tier: str(a.tier) } : { agent: '', tier: '' },
    ),
    presets: list(input.presets)
      .map((p) => toMajor(p, digits))
      .join(' '),
    reasons: list(input.reasons).map(String).join('\n'),
    approvers: list(input.approvers).map(String).join('\n'),
    undoSeconds: count(input.undoSeconds, '5'),
    reportBackDueHours: count(input.reportBackDueHours, '24'),
    webhookUrl: str(webhook.url),
    webhookSecret: str(webhook.secret),
    zendeskOAuthClientId: str(input.zendeskOAuthClientId),
    extra: Object.fromEntries(Object.entries(input).filter(([key]) => !FORM_KEYS.has(key))),
  };
};

const lines = (text: string): string[] =>
  text
    .split(/[\n\r]+/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** "5, 10 25" → ["5", "10", "25"]: a comma followed by a space separates, a bare one is a decimal comma. */
const amounts = (text: string): string[] =>
  text
    .replace(/,\s+/g, ' ')
    .split(/[\s;]+/)
    .filter((word) => word !== '');

/**
 * The JSON a draft stands for, and the fields that could not be read as amounts or numbers (named
 * by their path, as the schema names them). An unreadable field stays in the JSON as the text typed,
 * so the JSON editor shows it and nothing typed is lost; Save refuses while `errors` is not empty.
 */
export interface DraftResult {
  input: Json;
  errors: string[];
}

export const policyFromDraft = (draft: PolicyDraft): DraftResult => {
  const errors: string[] = [];
  const currency = draft.currency.trim().toUpperCase();
  const digits = safeDigits(currency);
  const example = digits === 0 ? '25' : `25.${'0'.repeat(digits ?? 2)}`;
  const minor = (text: string, field: string): number | string => {
    if (digits === null) return text;
    const value = parseAmount(text, currency);
    if (value === null) errors.push(opt('options_amount_invalid', { field, example }));
    return value ?? text;
  };
  const whole = (text: string, field: string): number | string | undefined => {
    if (text.trim() === '') return undefined;
    if (!/^\d{1,9}$/.test(text.trim())) {
      errors.push(opt('options_number_invalid', { field }));
      return text;
    }
    return Number(text.trim());
  };
  if (digits === null) errors.push('currency: currency must be an ISO 4217 code such as USD or EUR');

  const tiers = draft.tiers.map((tier, i) => ({
    name: tier.name.trim(),
    perGrant: minor(tier.perGrant, `tiers[${i}].perGrant`),
    perCustomerPerPeriod: minor(tier.perCustomerPerPeriod, `tiers[${i}].perCustomerPerPeriod`),
    perPeriod: minor(tier.perPeriod, `tiers[${i}].perPeriod`),
  }));
  const presets = amounts(draft.presets).map((word, i) => minor(word, `presets[${i}]`));
  const input: Json = {
    ...draft.extra,
    currency,
    period: draft.period,
    timeZone: draft.timeZone.trim(),
    tiers,
    agents: draft.agents
      .map((a) => ({ agent: a.agent.trim(), tier: a.tier.trim() }))
      .filter((a) => a.agent !== '' || a.tier !== ''),
    presets,
    reasons: lines(draft.reasons),
    approvers: lines(draft.approvers.replace(/,/g, '\n')),
  };
  if (draft.defaultTier.trim() !== '') input.defaultTier = draft.defaultTier.trim();
  const undo = whole(draft.undoSeconds, 'undoSeconds');
  if (undo !== undefined) input.undoSeconds = undo;
  const hours = whole(draft.reportBackDueHours, 'reportBackDueHours');
  if (hours !== undefined) input.reportBackDueHours = hours;
  if (draft.webhookUrl.trim() !== '' || draft.webhookSecret !== '') {
    input.billingWebhook = { url: draft.webhookUrl.trim(), secret: draft.webhookSecret };
  }
  if (draft.zendeskOAuthClientId.trim() !== '')
    input.zendeskOAuthClientId = draft.zendeskOAuthClientId.trim();
  return { input, errors };
};

const pathJoin = (base: string, key: string | number): string =>
  typeof key === 'number' ? `${base}[${key}]` : base === '' ? key : `${base}.${key}`;

const ROOT = '(the whole document)';

/** Paths of `original` whose value `copy` does not hold as it is (what `copy` adds is not counted). */
const changedPaths = (original: unknown, copy: unknown, path = ''): string[] => {
  const here = [path || ROOT];
  if (Array.isArray(original)) {
    if (!Array.isArray(copy) || copy.length !== original.length) return here;
    return original.flatMap((item, i) => changedPaths(item, copy[i], pathJoin(path, i)));
  }
  if (isObject(original)) {
    if (!isObject(copy)) return here;
    return Object.entries(original).flatMap(([key, value]) =>
      changedPaths(value, copy[key], pathJoin(path, key)),
    );
  }
  return Object.is(original, copy) ? [] : here;
};

/**
 * What the form would change or drop of a JSON document if it took it over: a float amount,
 * an untrimmed reason, a field of an unknown shape. Empty when the form holds it exactly,
 * the only case in which the JSON editor hands over to the form.
 */
export const formWouldChange = (value: unknown): string[] =>
  changedPaths(value, policyFromDraft(draftFromPolicy(value)).input);

/** What keeps a draft from saving: fields that are not amounts or numbers first, then the schema's verdict. */
export const draftProblems = (result: DraftResult): string[] => {
  if (result.errors.length > 0) return result.errors;
  const verdict = validatePolicy(result.input);
  return verdict.ok ? [] : verdict.message.split('; ');
};

export type Validation = { ok: true; policy: AuthorityPolicy } | { ok: false; message: string };

/** The schema's verdict, with messages that name the field ("tiers[0].perGrant: …"). */
export const validatePolicy = (input: unknown): Validation => {
  const parsed = AuthorityPolicy.safeParse(input);
  return parsed.success
    ? { ok: true, policy: parsed.data }
    : { ok: false, message: describeIssues(parsed.error, input) };
};

export type JsonResult = { value: unknown } | { error: string };

export const parseJson = (text: string): JsonResult => {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return {
      error: opt('options_json_invalid', { reason: error instanceof Error ? error.message : String(error) }),
    };
  }
};

export const toJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** Chrome returns {} from storage.managed when no policy is set: that is "none", like undefined. */
export const isPresent = (value: unknown): boolean => isObject(value) && Object.keys(value).length > 0;

/** A managed policy shown to a rep: the webhook's shared secret is the organization's, not theirs to read. */
export const redactSecret = (value: unknown): unknown =>
  isObject(value) && isObject(value.billingWebhook) && 'secret' in value.billingWebhook
    ? { ...value, billingWebhook: { ...value.billingWebhook, secret: '••••••••' } }
    : value;

export interface Settings {
  watchIntervalMinutes: number;
  notifications: boolean;
}

export const DEFAULT_SETTINGS: Settings = { watchIntervalMinutes: 5, notifications: false };
export const MAX_INTERVAL = 1440;

const validInterval = (n: unknown): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_INTERVAL;

/** Stored settings with defaults for anything missing or out of range. */
export const readSettings = (raw: unknown): Settings => {
  const value = isObject(raw) ? raw : {};
  return {
    watchIntervalMinutes: validInterval(value.watchIntervalMinutes)
      ? value.watchIntervalMinutes
      : DEFAULT_SETTINGS.watchIntervalMinutes,
    notifications:
      typeof value.notifications === 'boolean' ? value.notifications : DEFAULT_SETTINGS.notifications,
  };
};

/** The interval as typed; null when it is not a whole number of minutes from 1 to 1440. */
export const parseInterval = (text: string): number | null => {
  const trimmed = text.trim();
  if (!/^\d{1,4}$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return validInterval(n) ? n : null;
};
