import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FrontlineDb } from '../../../lib/db/schema';

const ROOT = join(__dirname, '../../..');
const SCANNED = ['lib', 'entrypoints', 'components'];

const sources = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((item) => {
    const path = join(dir, item.name);
    if (item.isDirectory()) return sources(path);
    return /\.tsx?$/.test(item.name) ? [path] : [];
  });

/** `db.<table>`, `db.transaction`, `db.table(`: whatever the receiver is called (db, deps.db, tx). */
const accessPattern = (tables: readonly string[]): RegExp =>
  new RegExp(`\\b(?:db|tx)\\.(?:${[...tables, 'transaction', 'table', 'tables'].join('|')})\\b`, 'g');

/** Every table access outside lib/db, as `file:line text`. */
const accessesOutsideDb = (tables: readonly string[]): string[] =>
  SCANNED.flatMap(sources)
    .map((path) => relative(ROOT, join(ROOT, path)).split('\\').join('/'))
    .filter((path) => !path.startsWith('lib/db/'))
    .flatMap((path) =>
      readFileSync(join(ROOT, path), 'utf8')
        .split('\n')
        .flatMap((line, i) => (accessPattern(tables).test(line) ? [`${path}:${i + 1} ${line.trim()}`] : [])),
    );

describe('table access only inside lib/db', () => {
  const tables = new FrontlineDb('frontline-table-names').tables.map((table) => table.name);

  it('finds no db.<table> or db.transaction outside lib/db', () => {
    expect(tables.length).toBeGreaterThan(10);
    expect(accessesOutsideDb(tables)).toEqual([]);
  });

  it('finds no Dexie import outside lib/db', () => {
    const importing = SCANNED.flatMap(sources).filter(
      (path) => !path.startsWith('lib/db/') && /from 'dexie'/.test(readFileSync(join(ROOT, path), 'utf8')),
    );
    expect(importing).toEqual([]);
  });

  it('would see an access added outside lib/db (the check itself can fail)', () => {
    const pattern = accessPattern(tables);
    expect(pattern.test('  const rows = await deps.db.grants.get(id);')).toBe(true);
    expect(accessPattern(tables).test("  await db.transaction('rw', db.outbox, work);")).toBe(true);
    expect(accessPattern(tables).test('  const row = await getGrant(db, id);')).toBe(false);
  });
});
