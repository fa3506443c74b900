import { describe, expect, it } from 'vitest';
import {
  CHUNK_BYTES,
  decodeMirror,
  encodeMirror,
  MAX_REMOVED,
  type MirrorPin,
  TOTAL_BYTES,
} from '../../../lib/followthrough/sync-mirror';
import { NOW, ref } from './fixtures';

describe('storage.sync mirror', () => {
  const pins = (n: number, note: string): MirrorPin[] =>
    Array.from({ length: n }, (_, i) => ({
      ticket: {
        helpdesk: i % 2 ? 'freshdesk' : 'zendesk',
        account: i % 2 ? 'acme.freshdesk.com' : 'acme.zendesk.com',
        id: String(6130907993114 + i),
      },
      pinnedAt: NOW - i * 60_000,
      dueAt: i % 3 ? null : NOW + i * 60_000,
      note,
      version: 1_000 + i,
      origin: 'b1',
    }));
  const size = (key: string, value: unknown) => new TextEncoder().encode(key + JSON.stringify(value)).length;

  it('round-trips pins, ids as strings', () => {
    const removed = [{ ticket: ref, version: 7, origin: 'a1' }];
    const mirror = { at: NOW, pins: pins(3, 'Call back “tomorrow” 📞'), removed };
    const decoded = decodeMirror(encodeMirror(mirror));
    expect(decoded?.at).toBe(NOW);
    expect(decoded?.pins.sort((a, b) => b.pinnedAt - a.pinnedAt)).toEqual(mirror.pins);
    expect(decoded?.removed).toEqual(removed);
  });

  it('splits 500 pins with long notes under the per-item and total quotas, dropping notes only as needed', () => {
    const removed = Array.from({ length: 80 }, (_, i) => ({
      ticket: { ...ref, id: String(7_000_000_000_000 + i) },
      version: 9_000_000_000_000 + i,
      origin: 'abcdefgh',
    }));
    const items = encodeMirror({ at: NOW, pins: pins(500, 'n'.repeat(280)), removed });
    const sizes = Object.entries(items).map(([key, value]) => size(key, value));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(8192);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(102_400);
    const decoded = decodeMirror(items);
    expect(decoded?.pins).toHaveLength(500);
    const withNotes = decoded?.pins.filter((p) => p.note !== null) ?? [];
    expect(withNotes.length).toBeGreaterThan(100);
    // The newest pins keep their notes.
    expect(Math.min(...withNotes.map((p) => p.pinnedAt))).toBeGreaterThan(
      Math.max(...(decoded?.pins.filter((p) => p.note === null).map((p) => p.pinnedAt) ?? [])),
    );
    expect(decoded?.removed).toHaveLength(MAX_REMOVED);
    expect(CHUNK_BYTES).toBeLessThan(8192);
    expect(TOTAL_BYTES).toBeLessThan(102_400);
  });

  it('ignores a half-written mirror and invalid pins', () => {
    const items = encodeMirror({ at: NOW, pins: pins(500, ''), removed: [] });
    expect(Object.keys(items).length).toBeGreaterThan(1);
    const { 'pins.1': _dropped, ...partial } = items;
    expect(decodeMirror(partial)).toBeNull();
    const bad = decodeMirror({
      pins: {
        v: 1,
        at: NOW,
        n: 1,
        p: [
          ['x', 'acme', '1', 1, 0],
          ['z', 'ev il', '1', 1, 0],
          ['z', 'acme', '12', 1, 0],
        ],
      },
    });
    expect(bad?.pins.map((p) => p.ticket.id)).toEqual(['12']);
  });

  it('still reads a version 1 mirror (no versions): its pins count as version 0', () => {
    const old = decodeMirror({ pins: { v: 1, at: NOW, n: 1, p: [['z', 'acme', '12', 1, 0, 'Call']] } });
    expect(old).toEqual({
      at: NOW,
      pins: [
        {
          ticket: { helpdesk: 'zendesk', account: 'acme.zendesk.com', id: '12' },
          pinnedAt: 1000,
          dueAt: null,
          note: 'Call',
          version: 0,
          origin: '',
        },
      ],
      removed: [],
    });
  });
});
