import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  areaKey,
  credentialRefusals,
  credentials,
  dockState,
  managedPolicySeen,
  pinMirror,
  selfManagedPolicy,
  settings,
} from '../../../lib/storage/items';

const ROOT = join(__dirname, '../../..');
const ITEMS = 'lib/storage/items.ts';

const sources = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((item) => {
    const path = `${dir}/${item.name}`;
    if (item.isDirectory()) return sources(path);
    return /\.tsx?$/.test(item.name) ? [path] : [];
  });

/** A storage key declared or used by hand: an item key, a raw area read or write, a key tested in a change. */
const DECLARATION =
  /'(?:local|sync|managed|session):|defineItem\(|storage\.(?:local|sync|managed|session)\.|'[\w.$]+' in changes/;

describe('storage items', () => {
  it('declares every storage key once, in lib/storage/items.ts', () => {
    const elsewhere = ['lib', 'entrypoints', 'components']
      .flatMap(sources)
      .filter((path) => path !== ITEMS)
      .flatMap((path) =>
        readFileSync(join(ROOT, path), 'utf8')
          .split('\n')
          .flatMap((line, i) =>
            DECLARATION.test(line) && !/^\s*(?:\*|\/\/)/.test(line)
              ? [`${path}:${i + 1} ${line.trim()}`]
              : [],
          ),
      );
    expect(elsewhere).toEqual([]);
  });

  it('reads nothing when merely imported (the content script must never read credentials)', async () => {
    const local = vi.spyOn(fakeBrowser.storage.local, 'get');
    const sync = vi.spyOn(fakeBrowser.storage.sync, 'get');
    vi.resetModules();
    await import('../../../lib/storage/items');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(local).not.toHaveBeenCalled();
    expect(sync).not.toHaveBeenCalled();
  });

  it('keeps each value under the key earlier versions stored it in', async () => {
    expect(
      [
        selfManagedPolicy,
        managedPolicySeen,
        settings,
        credentials,
        credentialRefusals,
        dockState,
        pinMirror,
      ].map((item) => item().key),
    ).toEqual([
      'local:policy',
      'local:managedPolicySeen',
      'local:settings',
      'local:credentials',
      'local:credentialRefusals',
      'local:dock',
      'sync:pins',
    ]);
    const policy = { currency: 'USD', tiers: [] };
    await fakeBrowser.storage.local.set({ policy, dock: { width: 400, collapsed: true } });
    await fakeBrowser.storage.sync.set({ pins: { v: 2, at: 1, n: 1, p: [], r: [] } });
    expect(await selfManagedPolicy().getValue()).toEqual(policy);
    expect(await dockState().getValue()).toEqual({ width: 400, collapsed: true });
    expect(await pinMirror().getValue()).toEqual({ v: 2, at: 1, n: 1, p: [], r: [] });
    expect(await settings().getValue()).toBeNull();
    expect(areaKey(pinMirror)).toBe('pins');
  });
});
