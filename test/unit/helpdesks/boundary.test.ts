import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { platforms } from '../../../lib/helpdesks/registry';

/*
 * "A new helpdesk is one new folder" holds only while nothing outside lib/helpdesks/
 * names a helpdesk. This reads the source tree the way `grep` would, so a branch on a
 * helpdesk's name or a host pattern written elsewhere fails here.
 */

const ROOT = join(__dirname, '../../..');
const SCANNED = ['lib', 'components', 'entrypoints', 'wxt.config.ts'];

function sourceFiles(path: string): string[] {
  const full = join(ROOT, path);
  if (statSync(full).isFile()) return /\.(ts|tsx)$/.test(path) ? [path] : [];
  return readdirSync(full).flatMap((name) => sourceFiles(join(path, name)));
}

const outside = SCANNED.flatMap(sourceFiles).filter((file) => !file.startsWith(join('lib', 'helpdesks')));
const kinds = platforms().map((p) => p.kind);

/** Files (relative to the repository) whose text matches `pattern`. */
const filesMatching = (pattern: RegExp): string[] =>
  outside.filter((file) => pattern.test(readFileSync(join(ROOT, file), 'utf8'))).map((f) => relative('.', f));

describe('the helpdesk boundary', () => {
  it('scans the tree (a wrong root would pass vacuously)', () => {
    expect(outside).toContain(join('lib', 'messaging', 'sender.ts'));
    expect(outside.length).toBeGreaterThan(100);
  });

  it('has no helpdesk name as a string literal or an object key outside lib/helpdesks', () => {
    const literal = new RegExp(`(['"\`])(${kinds.join('|')})\\1|^\\s*(${kinds.join('|')})\\??:`, 'm');
    expect(filesMatching(literal)).toEqual([]);
  });

  it('has no helpdesk host pattern outside lib/helpdesks', () => {
    // A host regex (`zendesk\.com`, `(zendesk|freshdesk)\.com`) or a match pattern (`*.zendesk.com`).
    const host = new RegExp(`(${kinds.join('|')})\\W{0,3}\\\\\\.com|\\*\\.(${kinds.join('|')})\\.com`, 'i');
    expect(filesMatching(host)).toEqual([]);
  });

  it('keeps components away from lib/helpdesks: they read helpdesks through lib/domain', () => {
    const files = outside.filter((file) => file.startsWith('components'));
    const importing = files.filter((file) =>
      /from '[^']*lib\/helpdesks\//.test(readFileSync(join(ROOT, file), 'utf8')),
    );
    expect(importing).toEqual([]);
  });
});
