import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The gateway runs in plain Node: nothing it loads may need the extension's APIs (wxt,
 * `browser`), which lib/transport and lib/storage do. Walks the value imports (type-only
 * imports are erased) from each executor and lists the packages reached.
 */
function packagesReached(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, typeOnly, specifier] of source.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)) {
      if (typeOnly || !specifier) continue;
      if (specifier.startsWith('.')) visit(resolve(dirname(file), `${specifier}.ts`));
      else packages.add(specifier);
    }
  };
  visit(resolve(entry));
  return packages;
}

describe('the executors load in plain Node', () => {
  it.each(['gateway/src/executors/stripe.ts', 'gateway/src/executors/webhook.ts'])(
    '%s imports no extension API',
    (entry) => {
      const reached = [...packagesReached(entry)];
      expect(reached.filter((p) => p.startsWith('wxt') || p.includes('browser'))).toEqual([]);
      expect(reached.filter((p) => !p.startsWith('node:'))).toEqual(
        expect.arrayContaining(entry.endsWith('stripe.ts') ? ['stripe', 'zod'] : ['zod']),
      );
    },
  );
});
