import { describe, expect, it } from 'vitest';
import { en } from '../../../lib/i18n/catalogue';
import { translations } from '../../../lib/i18n/locale-files';
import { createTranslator, directionOf, uiLocaleOf } from '../../../lib/i18n/t';

/** A translator as the browser gives it: the language's messages, English for what they lack. */
const translatorIn = (language: string, locale = language) => {
  const messages = translations[language] ?? {};
  return createTranslator((key) => messages[key] ?? '', locale);
};

describe('plural forms by CLDR category', () => {
  it('Arabic uses zero, one, two, few, many and other (0/1/2/3/11/100)', () => {
    const ar = translatorIn('ar');
    expect([0, 1, 2, 3, 11, 100].map((n) => ar.tp('tickets_total', n))).toEqual([
      'لا توجد تذاكر',
      'تذكرة واحدة',
      'تذكرتان',
      '3 تذاكر',
      '11 تذكرة',
      '100 تذكرة',
    ]);
  });

  it('Arabic counts take the digits of the rep’s region (Arabic-Indic in Egypt)', () => {
    expect(translatorIn('ar', 'ar-EG').tp('tickets_total', 11)).toBe('١١ تذكرة');
  });

  it('Japanese has only the other form, also for one', () => {
    const ja = translatorIn('ja');
    expect(ja.tp('tickets_total', 1)).toBe('チケット 1 件');
    expect(ja.tp('tickets_total', 2)).toBe('チケット 2 件');
  });

  it('French counts zero as singular and a million with “de”', () => {
    const fr = translatorIn('fr');
    expect(fr.tp('tickets_total', 0)).toBe('0 ticket');
    expect(fr.tp('tickets_total', 1)).toBe('1 ticket');
    expect(fr.tp('tickets_total', 2)).toBe('2 tickets');
    expect(fr.tp('tickets_total', 1_000_000)).toBe('1\u202f000\u202f000 de tickets');
  });

  it('Spanish and German pick one and other, with their own digit grouping', () => {
    expect(translatorIn('es').tp('history_visible', 1)).toBe('1 ticket que puedes ver');
    expect(translatorIn('de').tp('followthrough_badge_label', 1240)).toBe(
      '1.240 angeheftete Fälle brauchen Sie',
    );
    expect(translatorIn('de').tp('followthrough_badge_label', 1)).toBe('1 angehefteter Fall braucht Sie');
  });

  it('a form the language lacks falls back to its other form, never to English', () => {
    const partial = createTranslator((key) => (key === 'tickets_total_other' ? '{count} تذكرة' : ''), 'ar');
    expect(partial.tp('tickets_total', 3)).toBe('3 تذكرة');
  });

  it('English without a browser catalogue still picks one and other', () => {
    const english = createTranslator(() => '', 'en');
    expect(english.tp('tickets_total', 1)).toBe(en.tickets_total_one.replace('{count}', '1'));
    expect(english.tp('tickets_total', 2)).toBe('2 tickets');
  });
});

describe('the UI locale', () => {
  it('keeps the browser’s region when the catalogue is in its language', () => {
    expect(uiLocaleOf('en-GB', 'en')).toBe('en-GB');
    expect(uiLocaleOf('de_CH', 'de')).toBe('de-CH');
  });

  it('follows the catalogue when the browser’s language has none, so English text gets English dates', () => {
    expect(uiLocaleOf('pt-BR', 'en')).toBe('en');
    expect(uiLocaleOf(undefined, 'ja')).toBe('ja');
  });

  it('is right-to-left for Arabic only among the shipped languages', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('ar-EG')).toBe('rtl');
    for (const language of ['en', 'de', 'es', 'fr', 'ja']) expect(directionOf(language)).toBe('ltr');
  });
});

describe('numbers inside messages', () => {
  it('take the locale’s decimal sign and grouping; string ids are left as they are', () => {
    const de = translatorIn('de');
    expect(de.t('credit_undo', { seconds: 1.5 })).toBe('Rückgängig (1,5 s)');
    expect(de.t('history_loaded', { loaded: 1240, total: 5000 })).toBe('1.240 von 5.000 geladen');
    expect(de.t('ticket_number', { id: '12345' })).toBe('#12345');
  });

  it('use the region’s digits in Arabic (Egypt)', () => {
    expect(translatorIn('ar', 'ar-EG').t('casework_escalate_due', { hours: 24 })).toContain('٢٤');
  });
});

describe('names inside right-to-left messages', () => {
  it('keep their own direction, as in <bdi>, in Arabic only', () => {
    expect(translatorIn('ar').t('owner_now_with', { assignee: 'Eve (VIP)' })).toBe(
      'الآن لدى \u2068Eve (VIP)\u2069',
    );
    expect(translatorIn('de').t('owner_now_with', { assignee: 'Eve (VIP)' })).toBe('Jetzt bei Eve (VIP)');
  });

  it('leave a bare id alone, so “#397” stays one number right to left', () => {
    expect(translatorIn('ar').t('ticket_number', { id: '397' })).toBe('#397');
  });
});
