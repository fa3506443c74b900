import { z } from 'zod';
import type { Entry } from './model';
import { NumericId } from './ticket-ref';

/**
 * The machine-readable last line of Frontline's private notes:
 *
 *   [frontline:KIND v1 key=value key=value …]
 *
 * Grammar (strict; anything else is "not a marker"):
 * - exactly one space between parts, no space inside the brackets' edges;
 * - KIND is one of the kinds below, the version is `v1` (other versions are
 *   rejected, so a future writer never gets half-read by an old reader);
 * - keys are lower-case words, each allowed key at most once, every required
 *   key present, keys written in the canonical order of the kind;
 * - a value is non-empty and made only of RFC 3986 unreserved characters
 *   (`A-Z a-z 0-9 . _ ~ -`), `:` (so times stay readable) and upper-case `%XX`
 *   escapes of UTF-8 bytes, in the canonical encoding (`%41` for `A` is refused). That keeps spaces, brackets,
 *   `=` and newlines out of the line whatever a free-text reason contains, and it
 *   survives the helpdesks' HTML → text conversion unchanged.
 * - integers are decimal without sign or leading zeros; booleans are yes|no.
 */

export const MARKER_VERSION = 1;

const Uuid = z.uuid();
const Currency = z.string().regex(/^[A-Z]{3}$/);
const PositiveMinor = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const IsoTime = z.iso.datetime({ offset: true });
/** Free text, one to 500 characters; must be valid Unicode so it can be percent-encoded. */
const Text = z
  .string()
  .min(1)
  .max(500)
  .refine((s) => s.isWellFormed(), 'contains a lone surrogate');

export const CreditMarker = z.strictObject({
  kind: z.literal('credit'),
  id: Uuid,
  amount: PositiveMinor,
  currency: Currency,
  agent: NumericId,
  customer: NumericId,
  reason: Text,
  /** The approval request this grant decides, when an approver granted it: one grant per request. */
  request: Uuid.optional(),
});
export type CreditMarker = z.infer<typeof CreditMarker>;

/** `from` names the previous owner when ownership was handed over. */
export const OwnerMarker = z.strictObject({
  kind: z.literal('owner'),
  agent: NumericId,
  from: NumericId.optional(),
});
export type OwnerMarker = z.infer<typeof OwnerMarker>;

/** Escalated to `group` and/or `agent` by `by`; `owner` keeps owning; report back by `due`. */
export const EscalationMarker = z
  .strictObject({
    kind: z.literal('escalation'),
    id: Uuid,
    group: NumericId.optional(),
    agent: NumericId.optional(),
    by: NumericId,
    owner: NumericId,
    due: IsoTime,
  })
  .refine((m) => m.group !== undefined || m.agent !== undefined, 'escalation needs a group or an agent');
export type EscalationMarker = z.infer<typeof EscalationMarker>;

export const ReportBackMarker = z.strictObject({
  kind: z.literal('report-back'),
  escalation: Uuid,
  by: NumericId,
  returned: z.boolean(),
});
export type ReportBackMarker = z.infer<typeof ReportBackMarker>;

export const ApprovalRequestMarker = z.strictObject({
  kind: z.literal('approval-request'),
  id: Uuid,
  amount: PositiveMinor,
  currency: Currency,
  agent: NumericId,
  customer: NumericId,
  reason: Text,
});
export type ApprovalRequestMarker = z.infer<typeof ApprovalRequestMarker>;

/** An approval names the grant it created; a decline names none. */
export const ApprovalDecisionMarker = z
  .strictObject({
    kind: z.literal('approval-decision'),
    request: Uuid,
    decision: z.enum(['approve', 'decline']),
    by: NumericId,
    grant: Uuid.optional(),
  })
  .refine(
    (m) => (m.decision === 'approve') === (m.grant !== undefined),
    'grant is given exactly when approved',
  );
export type ApprovalDecisionMarker = z.infer<typeof ApprovalDecisionMarker>;

export const CoachingMarker = z.strictObject({
  kind: z.literal('coaching'),
  grant: Uuid,
  by: NumericId,
});
export type CoachingMarker = z.infer<typeof CoachingMarker>;

/**
 * The organization's credit gateway refused this grant (issue 19): the grant's own agent writes
 * it, so the grant stops counting for every browser's advisory meter; `code` is the gateway's.
 */
export const CreditRefusedMarker = z.strictObject({
  kind: z.literal('credit-refused'),
  grant: Uuid,
  agent: NumericId,
  code: z.string().regex(/^[a-z][a-z-]{0,59}$/),
});
export type CreditRefusedMarker = z.infer<typeof CreditRefusedMarker>;

export const Marker = z.union([
  CreditMarker,
  OwnerMarker,
  EscalationMarker,
  ReportBackMarker,
  ApprovalRequestMarker,
  ApprovalDecisionMarker,
  CoachingMarker,
  CreditRefusedMarker,
]);
export type Marker = z.infer<typeof Marker>;
export type MarkerKind = Marker['kind'];

interface KindCodec {
  /** Keys in the order they are written. */
  keys: readonly string[];
  ints: readonly string[];
  bools: readonly string[];
  schema: z.ZodType<Marker>;
}

const CODECS: Record<MarkerKind, KindCodec> = {
  credit: {
    keys: ['id', 'amount', 'currency', 'agent', 'customer', 'reason', 'request'],
    ints: ['amount'],
    bools: [],
    schema: CreditMarker,
  },
  owner: { keys: ['agent', 'from'], ints: [], bools: [], schema: OwnerMarker },
  escalation: {
    keys: ['id', 'group', 'agent', 'by', 'owner', 'due'],
    ints: [],
    bools: [],
    schema: EscalationMarker,
  },
  'report-back': {
    keys: ['escalation', 'by', 'returned'],
    ints: [],
    bools: ['returned'],
    schema: ReportBackMarker,
  },
  'approval-request': {
    keys: ['id', 'amount', 'currency', 'agent', 'customer', 'reason'],
    ints: ['amount'],
    bools: [],
    schema: ApprovalRequestMarker,
  },
  'approval-decision': {
    keys: ['request', 'decision', 'by', 'grant'],
    ints: [],
    bools: [],
    schema: ApprovalDecisionMarker,
  },
  coaching: { keys: ['grant', 'by'], ints: [], bools: [], schema: CoachingMarker },
  'credit-refused': { keys: ['grant', 'agent', 'code'], ints: [], bools: [], schema: CreditRefusedMarker },
};

const isKind = (kind: string): kind is MarkerKind => Object.hasOwn(CODECS, kind);

/** encodeURIComponent leaves `!'()*` alone (outside our charset) and escapes `:` (inside it). */
const encodeValue = (value: string): string =>
  encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll('%3A', ':');

const decodeValue = (raw: string): string | null => {
  try {
    const value = decodeURIComponent(raw);
    return encodeValue(value) === raw ? value : null;
  } catch {
    return null;
  }
};

const VALUE = /^(?:[A-Za-z0-9._~:-]|%[0-9A-F]{2})+$/;
const PAIR = /^([a-z]+)=(.+)$/;
const LINE = /^\[frontline:([a-z-]+) v([1-9]\d*)((?: [^ \][]+)+)\]$/;
const INT = /^(?:0|[1-9]\d*)$/;

const toWire = (value: unknown): string => {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return encodeValue(String(value));
};

/** Writes a marker line. Throws on an invalid marker: writing one no reader accepts would lose money. */
export const formatMarker = (marker: Marker): string => {
  const valid = Marker.parse(marker);
  const codec = CODECS[valid.kind];
  const fields = valid as Record<string, unknown>;
  const pairs = codec.keys.filter((k) => fields[k] !== undefined).map((k) => `${k}=${toWire(fields[k])}`);
  return `[frontline:${valid.kind} v${MARKER_VERSION} ${pairs.join(' ')}]`;
};

const fromWire = (codec: KindCodec, key: string, raw: string): unknown => {
  if (codec.ints.includes(key)) return INT.test(raw) ? Number(raw) : null;
  if (codec.bools.includes(key)) return raw === 'yes' ? true : raw === 'no' ? false : null;
  return decodeValue(raw);
};

/** Parses exactly one marker line; null for anything that is not a valid v1 marker. */
export const parseMarker = (line: string): Marker | null => {
  const match = LINE.exec(line);
  if (!match) return null;
  const [, kind = '', version, body = ''] = match;
  if (!isKind(kind) || version !== String(MARKER_VERSION)) return null;
  const codec = CODECS[kind];
  const fields: Record<string, unknown> = { kind };
  let lastIndex = -1;
  for (const part of body.slice(1).split(' ')) {
    const pair = PAIR.exec(part);
    if (!pair) return null;
    const [, key = '', raw = ''] = pair;
    const index = codec.keys.indexOf(key);
    // Unknown, repeated or out-of-order keys all fail here: canonical order is required.
    if (index <= lastIndex || !VALUE.test(raw)) return null;
    lastIndex = index;
    const value = fromWire(codec, key, raw);
    if (value === null) return null;
    fields[key] = value;
  }
  const result = codec.schema.safeParse(fields);
  return result.success ? result.data : null;
};

/**
 * The marker of a note, if any. Only private notes count (a customer can write
 * anything in a public reply), and only their last non-empty line.
 */
export const findMarker = (text: string, isPrivate: boolean): Marker | null => {
  if (!isPrivate) return null;
  const lines = text.split(/\r\n|\r|\n/);
  let last = '';
  for (let i = lines.length - 1; i >= 0 && last === ''; i--) last = (lines[i] ?? '').trim();
  const whole = parseMarker(last);
  if (whole !== null) return whole;
  // A helpdesk that flattens line breaks when it makes plain text (the simulated
  // Freshdesk does; the real one is unverified) glues the marker to the text before.
  // The marker must still end the note and pass the strict grammar on its own;
  // not finding our own marker would make a retry write the note twice.
  const at = last.lastIndexOf(MARKER_OPENING);
  return at > 0 ? parseMarker(last.slice(at)) : null;
};

const MARKER_OPENING = '[frontline:';

/**
 * The human part of a note findMarker found a marker in: the text before the
 * marker, whether the marker has its own line or a flattened note glued it to
 * that text (marker values never hold a `[`, so the last opening is the marker's).
 */
export const textBeforeMarker = (text: string): string => {
  const at = text.lastIndexOf(MARKER_OPENING);
  return (at < 0 ? text : text.slice(0, at)).trim();
};

/** The marker an entry carries: agents' private notes only, never a customer's words. */
export const entryMarker = (entry: Pick<Entry, 'public' | 'fromCustomer' | 'text'>): Marker | null =>
  entry.public || entry.fromCustomer ? null : findMarker(entry.text, true);

/** What a person reads of an entry: a Frontline note without its machine-readable marker. */
export const readableText = (entry: Pick<Entry, 'public' | 'fromCustomer' | 'text'>): string =>
  entryMarker(entry) === null ? entry.text : textBeforeMarker(entry.text);
