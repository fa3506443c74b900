import { z } from 'zod';
import type { HelpdeskKind, TicketRef } from '../domain/ticket-ref';
import { TicketRef as TicketRefSchema } from '../domain/ticket-ref';

/**
 * The pins mirrored to `browser.storage.sync`, so they follow the rep to another
 * browser. Chrome's quotas: 8,192 bytes per item (key + JSON), 102,400 in all, 512
 * items, 120 writes a minute. So the form is compact and split into chunks:
 *
 *   pins    = { v: 1, at, n, p: [chunk 0] }   `at`: when written; `n`: chunk count
 *   pins.1 … pins.{n-1} = [chunk k]
 *
 * and a pin is a tuple [h, sub, id, pinnedAt s, dueAt s | 0, note?]: `h` = z|f, `sub`
 * the account's subdomain. A note left out did not fit the total quota (it stays local).
 */
export const SYNC_KEY = 'pins';
export const chunkKey = (k: number): string => (k === 0 ? SYNC_KEY : `${SYNC_KEY}.${k}`);

/** Below the 8,192-byte item quota, leaving room for the key and the envelope. */
export const CHUNK_BYTES = 7_800;
/** Below the 102,400-byte total, leaving room for other settings. */
export const TOTAL_BYTES = 90_000;

export interface MirrorPin {
  ticket: TicketRef;
  pinnedAt: number;
  dueAt: number | null;
  /** null: not carried by the mirror (quota), so a merge keeps the local note. */
  note: string | null;
}

export interface Mirror {
  at: number;
  pins: MirrorPin[];
}

const CODE: Record<HelpdeskKind, string> = { zendesk: 'z', freshdesk: 'f' };
const KIND: Record<string, HelpdeskKind> = { z: 'zendesk', f: 'freshdesk' };

type Tuple = [string, string, string, number, number] | [string, string, string, number, number, string];

const toTuple = (pin: MirrorPin, withNote: boolean): Tuple => {
  const base: [string, string, string, number, number] = [
    CODE[pin.ticket.helpdesk],
    pin.ticket.account.split('.')[0] ?? '',
    pin.ticket.id,
    Math.floor(pin.pinnedAt / 1000),
    pin.dueAt === null ? 0 : Math.floor(pin.dueAt / 1000),
  ];
  return withNote && pin.note ? [...base, pin.note] : base;
};

const RawTuple = z.tuple([z.string(), z.string(), z.string(), z.number(), z.number()], z.string());

/** A tuple from another browser is trusted no more than a message: invalid ones are dropped. */
const fromTuple = (raw: unknown): MirrorPin | null => {
  const parsed = RawTuple.safeParse(raw);
  if (!parsed.success) return null;
  const [code, sub, id, pinnedS, dueS, note] = parsed.data;
  const helpdesk = KIND[code];
  if (helpdesk === undefined) return null;
  const ticket = TicketRefSchema.safeParse({ helpdesk, account: `${sub}.${helpdesk}.com`, id });
  if (!ticket.success) return null;
  return {
    ticket: ticket.data,
    pinnedAt: pinnedS * 1000,
    dueAt: dueS > 0 ? dueS * 1000 : null,
    note: note ?? null,
  };
};

const bytes = (value: unknown): number => new TextEncoder().encode(JSON.stringify(value)).length;

/**
 * The storage items for `mirror`. Notes are dropped, newest pins' last, until the
 * whole fits the total quota; a mirror too big even without notes keeps the newest pins.
 */
export function encodeMirror(mirror: Mirror): Record<string, unknown> {
  const newestFirst = [...mirror.pins].sort((a, b) => b.pinnedAt - a.pinnedAt);
  const tuples = newestFirst.map((pin) => toTuple(pin, true));
  let total = bytes(tuples);
  for (let i = tuples.length - 1; i >= 0 && total > TOTAL_BYTES; i--) {
    const bare = toTuple(newestFirst[i] as MirrorPin, false);
    total -= bytes(tuples[i]) - bytes(bare);
    tuples[i] = bare;
  }
  while (total > TOTAL_BYTES && tuples.length > 0) total -= bytes(tuples.pop()) + 1;

  const chunks: Tuple[][] = [[]];
  let size = 0;
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
    [SYNC_KEY]: { v: 1, at: mirror.at, n: chunks.length, p: chunks[0] },
  };
  for (let k = 1; k < chunks.length; k++) items[chunkKey(k)] = chunks[k];
  return items;
}

const Head = z.object({
  v: z.literal(1),
  at: z.number(),
  n: z.number().int().min(1).max(512),
  p: z.array(z.unknown()),
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
  const pins = raw.map(fromTuple).filter((pin) => pin !== null);
  return { at: head.data.at, pins };
}
