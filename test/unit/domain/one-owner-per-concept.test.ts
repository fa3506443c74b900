import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isOpenStatus, OPEN_STATUSES } from '../../../lib/domain/case-status';
import { CaseStatus } from '../../../lib/domain/model';
import * as tags from '../../../lib/domain/tags';

const ROOT = join(__dirname, '../../..');

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });

/** Files under lib/ and components/ whose text matches, as paths relative to the project. */
const definedIn = (pattern: RegExp) =>
  [...sources(join(ROOT, 'lib')), ...sources(join(ROOT, 'components'))]
    .filter((path) => pattern.test(readFileSync(path, 'utf8')))
    .map((path) => relative(ROOT, path));

describe('one owner per concept (issue 15)', () => {
  it('tags beside the markers: every Frontline tag is declared in lib/domain/tags.ts alone', () => {
    expect(definedIn(/=\s*'frontline_[a-z_]+'/)).toEqual(['lib/domain/tags.ts']);
    expect(definedIn(/`fl_credit_\$\{|'fl_credit_/)).toEqual(['lib/domain/tags.ts']);
    expect(
      Object.values(tags)
        .filter((t) => typeof t === 'string')
        .sort(),
    ).toEqual(['frontline_approval_requested', 'frontline_credit', 'frontline_escalated', 'frontline_owner']);
    expect(tags.agentCreditTag('7')).toBe('fl_credit_7');
  });

  it('open statuses are defined once, in lib/domain/case-status.ts', () => {
    expect(definedIn(/\[\s*'new',\s*'open',\s*'pending',\s*'on-hold',\s*'custom',?\s*\]/)).toEqual([
      'lib/domain/case-status.ts',
    ]);
    expect(CaseStatus.options.filter(isOpenStatus)).toEqual(['new', 'open', 'pending', 'on-hold', 'custom']);
    expect(OPEN_STATUSES.has('solved')).toBe(false);
    expect(OPEN_STATUSES.has('closed')).toBe(false);
  });
});
