import { z } from 'zod';
import type { TicketRef } from '../domain/ticket-ref';
import { TicketRef as TicketRefSchema } from '../domain/ticket-ref';
import { platformOf, platforms } from '../helpdesks/registry';
import { areaKey, pinMirror } from '../storage/items';

/**
 * The pins mirrored to `browser.storage.sync`, so they follow the rep to another
 * browser. Chrome's quotas: 8,192 bytes per item (key + JSON), 102,400 in all, 512
 * items, 120 writes a minute. So the form is compact and split into chunks:
 *
 *   pins    = { v: 2, at, n, p: [chunk 0], r: [removed] }   `at`: when written; `n`: chunk count
 *   pins.1 … pins.{n-1} = [chunk k]
 *
 * A pin is a tuple [h, sub, id, pinnedAt s, dueAt s | 0, version, origin, note?]: `h` =
 * z|f, `sub` the account's subdomain. A note left out did not fit the total quota (it
 * stays local). A removed pin is [h, sub, id, version, origin]. `version` is a Lamport
 * clock and `origin` the browser that wrote it: merges order changes by them, never by
 * wall clocks, which differ between machines (sync-merge.ts). Version 1 (no versions,
 * no removals) is still read, as version 0 from origin ''.
 */
export const SYNC_KEY = areaKey(pinMirror);
export const chunkKey = (k: number): string => (k === 0 ? SYNC_KEY : `${SYNC_KEY}.${k}`);

/** Below the 8,192-byte item quota, leaving room for the key and the envelope. */
export const CHUNK_BYTES = 7_800;
/** Below the 102,400-byte total, leaving room for other settings. */
export const TOTAL_BYTES = 90_000;

/** A change's place in the order all browsers agree on: higher version wins, then higher origin. */
export interface Stamp {
  version: number;
  origin: string;
}

/** What pins written before versions carry. */
export const UNSTAMPED: Stamp = { version: 0, origin: '' };

/** At most this many removals are carried (the newest): enough for a browser offline a while. */
export const MAX_REMOVED = 50;

export interface MirrorPin extends Stamp {
  ticket: TicketRef;
  pinnedAt: number;
  dueAt: number | null;
  /** null: not carried by the mirror (quota), so a merge keeps the local note. */
  note: string | null;
}

export interface MirrorRemoved extends Stamp {
  ticket: TicketRef;
}

export interface Mirror {
  /** When written, by the writer's clock: shown, never compared. */
  at: number;
  pins: MirrorPin[];
  removed: MirrorRemoved[];
}

type Base = [string, string, string, number, number, number, string];
type Tuple = Base | [...Base, string];

const subOf = (ticket: TicketRef): string => ticket.account.split('.')[0] ?? '';

const toTuple = (pin: MirrorPin, withNote: boolean): Tuple => {
  const base: Base = [
    platformOf(pin.ticket.helpdesk).code,
    subOf(pin.ticket),
    pin.ticket.id,
    Math.floor(pin.pinnedAt / 1000),
    pin.dueAt === null ? 0 : Math.floor(pin.dueAt / 1000),
    pin.version,
    pin.origin,
  ];
  return withNote && pin.note ? [...base, pin.note] : base;
};

const ticketOf = (code: string, sub: string, id: string): TicketRef | null => {
  const platform = platforms().find((p) => p.code === code);
  if (platform === undefined) return null;
  const ticket = TicketRefSchema.safeParse({ helpdesk: platform.kind, account: platform.accountOf(sub), id });
  return ticket.success ? ticket.data : null;
};

const Version = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const Origin = z.string().max(40);
const RawTupleV1 = z.tuple([z.string(), z.string(), z.string(), z.number(), z.number()], z.string());
const RawTuple = z.tuple(
  [z.string(), z.string(), z.string(), z.number(), z.number(), Version, Origin],
  z.string(),
);
const RawRemoved = z.tuple([z.string(), z.string(), z.string(), Version, Origin]);

/** A tuple from another browser is trusted no more than a message: invalid ones are dropped. */
const fromTuple = (raw: unknown, format: 1 | 2): MirrorPin | null => {
  let fields: [string, string, string, number, number, number, string, string | undefined];
  if (format === 1) {
    const parsed = RawTupleV1.safeParse(raw);
    if (!parsed.success) return null;
    const [code, sub, id, pinnedS, dueS, note] = parsed.data;
    fields = [code, sub, id, pinnedS, dueS, UNSTAMPED.version, UNSTAMPED.origin, note];
  } else {
    const parsed = RawTuple.safeParse(raw);
    if (!parsed.success) return null;
    const [code, sub, id, pinnedS, dueS, version, origin, note] = parsed.data;
    fields = [code, sub, id, pinnedS, dueS, version, origin, note];
  }
  const [code, sub, id, pinnedS, dueS, version, origin, note] = fields;
  const ticket = ticketOf(code, sub, id);
  if (ticket === null) return null;
  return {
    ticket,
    pinnedAt: pinnedS * 1000,
    dueAt: dueS > 0 ? dueS * 1000 : null,
    note: note ?? null,
    version,
    origin,
  };
};

const fromRemoved = (raw: unknown): MirrorRemoved | null => {
  const parsed = RawRemoved.safeParse(raw);
  if (!parsed.success) return null;
  const [code, sub, id, version, origin] = parsed.data;
  const ticket = ticketOf(code, sub, id);
  return ticket === null ? null : { ticket, version, origin };
};

/** The newest removals first, at most MAX_REMOVED of them. */
export const newestRemoved = (removed: readonly MirrorRemoved[]): MirrorRemoved[] =>
  [...removed]
    .sort((a, b) => b.version - a.version || (a.origin < b.origin ? 1 : a.origin > b.origin ? -1 : 0))
    .slice(0, MAX_REMOVED);

const bytes = (value: unknown): number => new TextEncoder().encode(JSON.stringify(value)).length;

/**
 * The storage items for `mirror`. Notes are dropped, newest pins' last, until the
 * whole fits the total quota; a mirror too big even without notes keeps the newest pins.
 */
export function encodeMirror(mirror: Mirror): Record<string, unknown> {
  const removed = newestRemoved(mirror.removed).map((r) => [
    platformOf(r.ticket.helpdesk).code,
    subOf(r.ticket),
    r.ticket.id,
    r.version,
    r.origin,
  ]);
  const newestFirst = [...mirror.pins].sort((a, b) => b.pinnedAt - a.pinnedAt);
  const tuples = newestFirst.map((pin) => toTuple(pin, true));
  let total = bytes(tuples) + bytes(removed);
  for (let i = tuples.length - 1; i >= 0 && total > TOTAL_BYTES; i--) {
    const bare = toTuple(newestFirst[i] as MirrorPin, false);
    total -= bytes(tuples[i]) - bytes(bare);
    tuples[i] = bare;
  }
  while (total > TOTAL_BYTES && tuples.length > 0) total -= bytes(tuples.pop()) + 1;

  const chunks: Tuple[][] = [[]];
  let size = bytes(removed);
  for (const tuple of tuples) {
    const b = bytes(tuple) + 1;
    if (size + b > CHUNK_BYTES && (chunks.at(-1)?.length ?? 0) > 0) {
      chunks.push([]);
      size = 0;
    }
    chunks.at(-1)?.push(tuple);
    size += b;
  }
  const items: Record<string, unknown> = {
    [SYNC_KEY]: { v: 2, at: mirror.at, n: chunks.length, p: chunks[0], r: removed },
  };
  for (let k = 1; k < chunks.length; k++) items[chunkKey(k)] = chunks[k];
  return items;
}

const Head = z.object({
  v: z.union([z.literal(1), z.literal(2)]),
  at: z.number(),
  n: z.number().int().min(1).max(512),
  p: z.array(z.unknown()),
  r: z.array(z.unknown()).default([]),
});

/** The chunk count a stored head names, so stale chunks can be removed. */
export const chunkCount = (head: unknown): number => {
  const parsed = Head.safeParse(head);
  return parsed.success ? parsed.data.n : 0;
};

/** The keys to read: the head first, then its chunks. */
export const chunkKeys = (n: number): string[] => Array.from({ length: n }, (_, k) => chunkKey(k));

/** null when there is no mirror or it cannot be read whole (a half-written set is ignored). */
export function decodeMirror(items: Record<string, unknown>): Mirror | null {
  const head = Head.safeParse(items[SYNC_KEY]);
  if (!head.success) return null;
  const raw: unknown[] = [...head.data.p];
  for (let k = 1; k < head.data.n; k++) {
    const chunk = items[chunkKey(k)];
    if (!Array.isArray(chunk)) return null;
    raw.push(...chunk);
  }
  const format = head.data.v;
  const pins = raw.map((tuple) => fromTuple(tuple, format)).filter((pin) => pin !== null);
  const removed = head.data.r.map(fromRemoved).filter((r) => r !== null);
  return { at: head.data.at, pins, removed };
}
