import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { english, type Messages, translations } from '../../../lib/i18n/locale-files';

const ROOT = join(import.meta.dirname, '../../..');
const SOURCE_DIRS = ['components', 'entrypoints', 'lib'];
/** The catalogues define the keys; a key counts as used only where code names it. */
const DEFINING = /lib\/i18n\/(?:\w+-)?catalogue\.ts$|lib\/i18n\/locales\//;

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !DEFINING.test(path) ? [path] : [];
  });

const source = SOURCE_DIRS.flatMap((dir) => sourceFiles(join(ROOT, dir)))
  .map((path) => readFileSync(path, 'utf8'))
  .join('\n');

/** Prefixes of keys built at run time, as in `review_suspect_${why}`. */
const dynamicPrefixes = [...source.matchAll(/`([a-z0-9_]+_)\$\{/g)].map((match) => match[1]!);

const PLURAL = /^(.+)_(zero|one|two|few|many|other)$/;
const pluralBases = new Set(
  Object.keys(english).flatMap((key) => (key.endsWith('_other') ? [key.slice(0, -'_other'.length)] : [])),
);
const baseOf = (key: string): string | null => {
  const match = PLURAL.exec(key);
  return match && pluralBases.has(match[1]!) ? match[1]! : null;
};

const isUsed = (key: string): boolean => {
  const named = baseOf(key) ?? key;
  return (
    new RegExp(`['"\`]${named}['"\`]`).test(source) ||
    dynamicPrefixes.some((prefix) => named.startsWith(prefix))
  );
};

/** The keys a language must have: English's, with each plural in the CLDR forms its own rules select. */
const expectedKeys = (language: string): Set<string> => {
  const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const keys = Object.keys(english).filter((key) => baseOf(key) === null);
  for (const base of pluralBases) keys.push(...forms.map((form) => `${base}_${form}`));
  return new Set(keys);
};

const placeholders = (text: string): string[] =>
  [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();

/** What a key's placeholders must be in every language: a plural form is held to English's `_other`. */
const englishPlaceholders = (key: string): string[] => {
  const base = baseOf(key);
  return placeholders(english[base === null ? key : `${base}_other`] ?? '');
};

/**
 * A plural form for a single number may spell it out ("تذكرتان", two tickets), so `{count}` alone
 * may be left out there; every other placeholder, and `{count}` in `_other`, must be kept.
 */
const placeholderMismatch = (language: string, key: string, text: string): string | null => {
  const want = englishPlaceholders(key);
  const got = placeholders(text);
  const spelled = baseOf(key) !== null && !key.endsWith('_other');
  const same = spelled
    ? got.every((name) => want.includes(name)) && want.every((name) => name === 'count' || got.includes(name))
    : got.join() === want.join();
  return same ? null : `${language}.${key}: {${got.join('}{')}} where English has {${want.join('}{')}}`;
};

const languages = Object.entries(translations);

describe('the language catalogues', () => {
  it('ship German, Spanish, French, Japanese and Arabic beside English', () => {
    expect(Object.keys(translations).sort()).toEqual(['ar', 'de', 'es', 'fr', 'ja']);
  });

  it.each(languages)(
    '%s has every English key, with every plural form its language needs',
    (language, messages) => {
      const missing = [...expectedKeys(language)].filter((key) => !messages[key]?.trim());
      expect(missing).toEqual([]);
    },
  );

  it.each(languages)(
    '%s has no key English lacks (nor a plural form its language does not use)',
    (language, messages) => {
      const expected = expectedKeys(language);
      expect(Object.keys(messages).filter((key) => !expected.has(key))).toEqual([]);
    },
  );

  it.each(languages)('%s keeps the placeholders of every English message', (language, messages: Messages) => {
    const mismatches = Object.entries(messages).flatMap(([key, text]) => {
      const mismatch = placeholderMismatch(language, key, text);
      return mismatch === null ? [] : [mismatch];
    });
    expect(mismatches).toEqual([]);
  });

  it.each(languages)(
    '%s names its own language, the key the pages read to pick plurals and direction',
    (language, messages) => {
      expect(messages.ui_language).toBe(language);
    },
  );

  it('has no unused key: every English key is named somewhere in the code', () => {
    expect(Object.keys(english).filter((key) => !isUsed(key))).toEqual([]);
  });
});

describe('the catalogue checks themselves', () => {
  it('notice a missing key, an extra plural form and a changed placeholder', () => {
    const german = { ...translations.de! };
    delete german.retry;
    german.tickets_total_few = '{count} Tickets';
    german.credit_grant = '{betrag} gutschreiben';
    const expected = expectedKeys('de');
    expect([...expected].filter((key) => !german[key])).toEqual(['retry']);
    expect(Object.keys(german).filter((key) => !expected.has(key))).toEqual(['tickets_total_few']);
    expect(placeholderMismatch('de', 'credit_grant', german.credit_grant)).toContain('{betrag}');
  });

  it('notice a key no code names', () => {
    expect(isUsed('retry')).toBe(true);
    expect(isUsed('tickets_total_one')).toBe(true);
    expect(isUsed('review_suspect_self_approval')).toBe(true);
    expect(isUsed('sidebar_nothing_names_this')).toBe(false);
  });

  it('let a single-number plural form spell its number out, but not drop another placeholder', () => {
    expect(placeholderMismatch('ar', 'tickets_total_two', 'تذكرتان')).toBeNull();
    expect(placeholderMismatch('ar', 'tickets_total_other', 'تذاكر')).not.toBeNull();
    expect(placeholderMismatch('ar', 'history_visible_two', 'تذكرتان {extra}')).not.toBeNull();
  });
});
