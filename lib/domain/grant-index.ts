import { z } from 'zod';
import type { CreditGrant } from './credit-grant';
import { NumericId } from './ticket-ref';

/**
 * The team index of a ticket's grants: one line per grant in the ticket field
 * "Frontline ledger", so a page of search results carries every grant of its
 * tickets and nobody reads one thread per ticket to add them up.
 *
 *   g1 <grant uuid> <agentId> <customerId> <amount> <CUR> <at>[ r=<request uuid>]
 *
 * The private note with its marker (./markers.ts) stays the record; this is an
 * index anyone with ticket edit rights can change, so reading it is strict: a
 * line that does not parse, a text longer than the field holds, or one grant
 * id written twice with different values makes the read `damaged` (the reader
 * then trusts the notes for that ticket) and only the well-formed, unambiguous
 * lines come back.
 */

export const LEDGER_FIELD_LABEL = 'Frontline ledger';

/**
 * The longest ledger text Frontline writes or reads. Neither vendor documents a cap for
 * these fields (Zendesk "About custom field types" gives one only for drop-down values,
 * 255 characters; Freshdesk's API docs none for a paragraph field: docs/team-index.md),
 * so the cap is ours and modest: 10,000 characters hold 58 grants at the longest line
 * (171 characters) and about 100 at usual ids, and keep a page of 100 search results
 * light even when someone fills the field.
 */
export const MAX_LEDGER_CHARS = 10_000;

const LINE_VERSION = 'g1';

export const IndexedGrant = z.strictObject({
  id: z.uuid(),
  agentId: NumericId,
  customerId: NumericId,
  amount: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  currency: z.string().regex(/^[A-Z]{3}$/),
  at: z.iso.datetime({ offset: true }),
  request: z.uuid().optional(),
});
export type IndexedGrant = z.infer<typeof IndexedGrant>;

export interface IndexRead {
  grants: IndexedGrant[];
  /** A line or the text did not parse, was too long, or named one grant twice with different values. */
  damaged: boolean;
}

const INT = /^[1-9]\d*$/;
const REQUEST = /^r=(.+)$/;

const lineOf = (grant: IndexedGrant): string => {
  const g = IndexedGrant.parse(grant);
  const parts = [LINE_VERSION, g.id, g.agentId, g.customerId, String(g.amount), g.currency, g.at];
  if (g.request !== undefined) parts.push(`r=${g.request}`);
  return parts.join(' ');
};

/** One line, or null when it is not exactly a canonical g1 line. */
const parseLine = (line: string): IndexedGrant | null => {
  const parts = line.split(' ');
  if (parts.length < 7 || parts.length > 8 || parts[0] !== LINE_VERSION) return null;
  const [, id, agentId, customerId, amount = '', currency, at, extra] = parts;
  if (!INT.test(amount)) return null;
  let request: string | undefined;
  if (extra !== undefined) {
    request = REQUEST.exec(extra)?.[1];
    if (request === undefined) return null;
  }
  const parsed = IndexedGrant.safeParse({
    id,
    agentId,
    customerId,
    amount: Number(amount),
    currency,
    at,
    ...(request === undefined ? {} : { request }),
  });
  // The canonical form only: `+0001` or `1e3` must not pass as an amount another reader spells differently.
  return parsed.success && lineOf(parsed.data) === line ? parsed.data : null;
};

const byId = (a: IndexedGrant, b: IndexedGrant): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Canonical text: sorted by id, one line each, no duplicates. Throws on an invalid grant, as formatMarker does. */
export function encodeIndex(grants: readonly IndexedGrant[]): string {
  const lines = new Map<string, string>();
  for (const grant of grants) lines.set(grant.id, lineOf(grant));
  return [...lines.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, line]) => line)
    .join('\n');
}

/** Reads the field strictly; blank lines are allowed (helpdesks may add a trailing newline), nothing else is. */
export function decodeIndex(text: string): IndexRead {
  let damaged = text.length > MAX_LEDGER_CHARS;
  const found = new Map<string, { grant: IndexedGrant; line: string }>();
  const conflicting = new Set<string>();
  for (const line of text.slice(0, MAX_LEDGER_CHARS).split(/\r\n|\n|\r/)) {
    if (line.trim() === '') continue;
    const grant = parseLine(line);
    if (grant === null) {
      damaged = true;
      continue;
    }
    const seen = found.get(grant.id);
    if (seen !== undefined && seen.line !== line) {
      // Neither copy is believed: the reader falls back to the notes, which hold the truth.
      conflicting.add(grant.id);
      damaged = true;
    }
    found.set(grant.id, { grant, line });
  }
  const grants = [...found.values()]
    .map(({ grant }) => grant)
    .filter((g) => !conflicting.has(g.id))
    .sort(byId);
  return { grants, damaged };
}

const newestFirst = (a: IndexedGrant, b: IndexedGrant): number => Date.parse(b.at) - Date.parse(a.at);

/**
 * The field's text with `add` in it: idempotent (adding a grant already there
 * changes nothing), drops lines that do not parse (healing), and a grant in
 * `add` replaces a line with its id (the caller's grant comes from a trusted
 * note). When the text would outgrow the field, the oldest lines not in `add`
 * go first: the notes keep them, the index is only the fast path. The result
 * always fits MAX_LEDGER_CHARS.
 */
export function withGrants(text: string | null, add: readonly IndexedGrant[]): string {
  const merged = new Map<string, IndexedGrant>();
  for (const grant of decodeIndex(text ?? '').grants) merged.set(grant.id, grant);
  for (const grant of add) merged.set(grant.id, IndexedGrant.parse(grant));
  const adding = new Set(add.map((g) => g.id));
  const kept = [...merged.values()];
  // Popped from the end: the oldest of the other lines first, then (only if `add` alone is
  // too long) the oldest of `add`.
  const droppable = [
    ...kept.filter((g) => adding.has(g.id)).sort(newestFirst),
    ...kept.filter((g) => !adding.has(g.id)).sort(newestFirst),
  ];
  let encoded = encodeIndex(kept);
  while (encoded.length > MAX_LEDGER_CHARS && droppable.length > 0) {
    const oldest = droppable.pop();
    if (oldest !== undefined) merged.delete(oldest.id);
    encoded = encodeIndex([...merged.values()]);
  }
  return encoded;
}

/**
 * The same grant, its time compared as an instant: the helpdesk writes `…:19Z` where a parsed
 * time reads `…:19.000Z`, and a text comparison would rewrite such a field on every read.
 */
const sameGrant = (a: IndexedGrant, b: IndexedGrant): boolean =>
  lineOf({ ...a, at: b.at }) === lineOf(b) && Date.parse(a.at) === Date.parse(b.at);

/**
 * Whether the field's text already holds each of `grants` exactly and nothing damaged:
 * then there is nothing to write. Compared by meaning, not by text, so a helpdesk that
 * stores the lines with other line breaks is not written again and again.
 */
export function indexHolds(text: string | null, grants: readonly IndexedGrant[]): boolean {
  const read = decodeIndex(text ?? '');
  return !read.damaged && grants.every((g) => read.grants.some((line) => sameGrant(line, g)));
}

/** A grant's index line; `request` is the approval request it decides (the marker's `request`). */
export const indexedGrantOf = (grant: CreditGrant, request?: string): IndexedGrant => ({
  id: grant.id,
  agentId: grant.agentId,
  customerId: grant.customerId,
  amount: grant.amount.amount,
  currency: grant.amount.currency,
  at: grant.at,
  ...(request === undefined ? {} : { request }),
});
