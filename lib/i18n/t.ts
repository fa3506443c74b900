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

/**
 * Keys of a catalogue that have plural forms, named without the suffix. English needs `_one` and
 * `_other`; a language's `_locales` file holds the CLDR forms its own rules select
 * (Arabic `_zero` … `_many`, Japanese `_other` alone), so `_other` is the form every language has.
 */
type PluralOf<K extends string> = { [P in K]: P extends `${infer Base}_other` ? Base : never }[K];

export interface Translator<K extends string = MessageKey> {
  t(key: K, params?: Params): string;
  /** Picks `<key>_<category>` for `count` by the locale's CLDR rules, `<key>_other` when that form is missing. */
  tp(key: PluralOf<K>, count: number, params?: Params): string;
  locale: string;
}

const RIGHT_TO_LEFT = new Set(['ar', 'he', 'fa', 'ur']);
const LETTER = /\p{L}/u;

export const directionOf = (locale: string): 'ltr' | 'rtl' =>
  RIGHT_TO_LEFT.has(locale.split('-')[0] ?? '') ? 'rtl' : 'ltr';

/** A translator over one English catalogue: the lookup's message first, the catalogue's otherwise. */
export function translatorOf<K extends string>(
  catalogue: Readonly<Record<K, string>>,
  lookup: Lookup,
  locale: string,
): Translator<K> {
  const rules = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale);
  const english = catalogue as Readonly<Record<string, string | undefined>>;
  const isolate = directionOf(locale) === 'rtl';
  /**
   * Counts, seconds and hours in the locale's digits and grouping; ids are strings and stay as they are.
   * Right to left, a name, URL or email keeps its own direction as in <bdi> (U+2068 … U+2069), so
   * "Eve (VIP)" or a URL's trailing slash does not jump to the other end of the sentence; an id
   * without letters is left bare, or "#397" would read "397#".
   */
  const localized = (params: Params = {}): Params =>
    Object.fromEntries(
      Object.entries(params).map(([name, v]) => [
        name,
        typeof v === 'number' ? numbers.format(v) : isolate && LETTER.test(v) ? `\u2068${v}\u2069` : v,
      ]),
    );
  const t = (key: K, params?: Params): string =>
    interpolate(lookup(key) || catalogue[key], localized(params));
  const tp = (key: PluralOf<K>, count: number, params: Params = {}): string => {
    const form = `${key}_${rules.select(count)}`;
    const other = `${key}_other`;
    const template = lookup(form) || lookup(other) || english[form] || english[other] || '';
    return interpolate(template, localized({ count, ...params }));
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

/**
 * Each `getMessage` crosses into the browser's binding, and a sidebar render asks for a hundred
 * keys (a fifth of a warm switch's time); a page's messages cannot change while it lives.
 */
const messages = new Map<string, string>();
const browserLookup: Lookup = (key) => {
  let message = messages.get(key);
  if (message === undefined) {
    try {
      message = getMessage(key) ?? '';
    } catch {
      message = '';
    }
    messages.set(key, message);
  }
  return message;
};

/** A tag every Intl constructor accepts; Intl throws a RangeError on a malformed one. */
export const safeLocale = (candidate: string | undefined): string => {
  try {
    return Intl.getCanonicalLocales(candidate?.replace('_', '-') || 'en')[0] ?? 'en';
  } catch {
    return 'en';
  }
};

/**
 * The locale text is written and formatted in. The browser's own when the catalogue the browser
 * picked is in its language (en-GB and de-CH keep their dates and digits); the catalogue's language
 * otherwise, so a browser in a language Frontline lacks reads English with English plurals and dates.
 */
export const uiLocaleOf = (browserLocale: string | undefined, catalogueLanguage: string): string => {
  const candidate = safeLocale(browserLocale);
  const language = safeLocale(catalogueLanguage);
  return candidate.split('-')[0] === language ? candidate : language;
};

const reportedLocale = (): string | undefined => {
  try {
    return browser?.i18n?.getUILanguage() || globalThis.navigator?.language;
  } catch {
    return globalThis.navigator?.language;
  }
};

const browserLocale = (): string =>
  uiLocaleOf(reportedLocale(), browserLookup('ui_language') || en.ui_language);

/** A page's own catalogue (one the sidebar need not carry), translated as the shared one is. */
export const translatorFor = <K extends string>(catalogue: Readonly<Record<K, string>>): Translator<K> =>
  translatorOf(catalogue, browserLookup, browserLocale());

const shared = createTranslator(browserLookup, browserLocale());

export const t = shared.t;
export const tp = shared.tp;
export const locale = shared.locale;
export const dir = directionOf(locale);

/** Gives a page the UI language and its direction, so text and the logical-property layout follow it. */
export const localizeDocument = (root: HTMLElement): void => {
  root.lang = locale;
  root.dir = dir;
};
