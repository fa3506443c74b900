import { en } from './catalogue';
import { hostsEn } from './hosts-catalogue';
import ar from './locales/ar.json' with { type: 'json' };
import de from './locales/de.json' with { type: 'json' };
import es from './locales/es.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };
import ja from './locales/ja.json' with { type: 'json' };
import { manifestEn } from './manifest-catalogue';
import { oauthEn } from './oauth-catalogue';
import { optionsEn } from './options-catalogue';
import { reviewEn } from './review-catalogue';

export type Messages = Readonly<Record<string, string>>;

/** Every page's English catalogue: together the key space of one `messages.json`. */
export const english: Messages = { ...en, ...reviewEn, ...hostsEn, ...oauthEn, ...optionsEn, ...manifestEn };

/**
 * The translations, by the `_locales` folder name the browser matches its UI language against.
 * They reach the pages only through `browser.i18n`, so no page bundle carries them.
 */
export const translations: Readonly<Record<string, Messages>> = { de, es, fr, ja, ar };

/** Chrome's and Firefox's format; a `$` there starts a substitution, so a literal one is doubled. */
export const messagesJson = (messages: Messages): string =>
  `${JSON.stringify(
    Object.fromEntries(
      Object.entries(messages).map(([key, text]) => [key, { message: text.replaceAll('$', '$$$$') }]),
    ),
    null,
    1,
  )}\n`;

/** The `_locales` files the build writes beside the manifest (wxt.config.ts, `build:publicAssets`). */
export const localeFiles = (): { relativeDest: string; contents: string }[] =>
  Object.entries({ en: english, ...translations }).map(([language, messages]) => ({
    relativeDest: `_locales/${language}/messages.json`,
    contents: messagesJson(messages),
  }));
