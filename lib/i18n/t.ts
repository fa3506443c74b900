import { browser } from 'wxt/browser';
import { en, type MessageKey } from './catalogue';

export type Params = Record<string, string | number>;
/** Returns the translated template for a key, or '' when there is none. */
export type Lookup = (key: string) => string;

const PLACEHOLDER = /\{(\w+)\}/g;

/** Fills `{name}` placeholders; an unknown name stays visible so a bad catalogue is noticed, not hidden. */
export const interpolate = (template: string, params: Params = {}): string =>
  template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });

/** Keys of a catalogue that have `_one` / `_other` forms, named without the suffix. */
type PluralOf<K extends string> = {
  [P in K]: P extends `${infer Base}_one` ? (`${Base}_other` extends K ? Base : never) : never;
}[K];

export interface Translator<K extends string = MessageKey> {
  t(key: K, params?: Params): string;
  /** Plural-aware: picks `<key>_one` or `<key>_other` for `count` by the locale's rules. */
  tp(key: PluralOf<K>, count: number, params?: Params): string;
  locale: string;
}

/** A translator over one English catalogue: the lookup's message first, the catalogue's otherwise. */
export function translatorOf<K extends string>(
  catalogue: Readonly<Record<K, string>>,
  lookup: Lookup,
  locale: string,
): Translator<K> {
  const rules = new Intl.PluralRules(locale);
  const t = (key: K, params?: Params): string => interpolate(lookup(key) || catalogue[key], params);
  const tp = (key: PluralOf<K>, count: number, params: Params = {}): string => {
    const form = rules.select(count) === 'one' ? 'one' : 'other';
    const formatted = new Intl.NumberFormat(locale).format(count);
    return t(`${key}_${form}` as K, { count: formatted, ...params });
  };
  return { t, tp, locale };
}

export const createTranslator = (lookup: Lookup, locale: string): Translator =>
  translatorOf(en, lookup, locale);

/**
 * `browser.i18n` when the extension ships translations; the fake browser in tests throws, hence the guard.
 * WXT types `getMessage` with the keys of `_locales`; ours live in ./catalogue, so the name is widened to string.
 */
const getMessage = (key: string): string | undefined =>
  (browser?.i18n?.getMessage as ((name: string) => string) | undefined)?.(key);

const browserLookup: Lookup = (key) => {
  try {
    return getMessage(key) ?? '';
  } catch {
    return '';
  }
};

/** A tag every Intl constructor accepts; Intl throws a RangeError on a malformed one. */
export const safeLocale = (candidate: string | undefined): string => {
  try {
    return Intl.getCanonicalLocales(candidate?.replace('_', '-') || 'en')[0] ?? 'en';
  } catch {
    return 'en';
  }
};

const browserLocale = (): string => {
  try {
    return safeLocale(browser?.i18n?.getUILanguage() || globalThis.navigator?.language);
  } catch {
    return safeLocale(globalThis.navigator?.language);
  }
};

/** A page's own catalogue (one the sidebar need not carry), translated as the shared one is. */
export const translatorFor = <K extends string>(catalogue: Readonly<Record<K, string>>): Translator<K> =>
  translatorOf(catalogue, browserLookup, browserLocale());

const shared = createTranslator(browserLookup, browserLocale());

export const t = shared.t;
export const tp = shared.tp;
export const locale = shared.locale;
