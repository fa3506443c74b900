import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = join(__dirname, '../../../components/options');

/** What a file imports from lib/, type imports included. */
const libImports = (source: string): string[] =>
  [...source.matchAll(/from '((?:\.\.\/)+lib\/[^']+|@\/lib\/[^']+)'/g)].map((m) =>
    (m[1] ?? '').replace(/^(?:\.\.\/)+|^@\//, ''),
  );

describe('components/options layering', () => {
  it('imports from lib/ only lib/domain (and the i18n catalogue), never lib/credit/policy', () => {
    const outside = readdirSync(DIR)
      .filter((name) => /\.tsx?$/.test(name))
      .flatMap((name) =>
        libImports(readFileSync(join(DIR, name), 'utf8'))
          .filter((path) => !path.startsWith('lib/domain/') && !path.startsWith('lib/i18n/'))
          .map((path) => `${name} → ${path}`),
      );
    expect(outside).toEqual([]);
  });
});
