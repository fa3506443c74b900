import { describe, expect, it } from 'vitest';
import { en } from '../../../lib/i18n/catalogue';
import { reviewEn, rt } from '../../../lib/i18n/review-catalogue';
import { createTranslator, interpolate, safeLocale, t, tp, translatorOf } from '../../../lib/i18n/t';

describe('interpolate', () => {
  it('fills named placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('inserts values literally, even ones that look like placeholders or markup', () => {
    expect(interpolate('Hi {name}', { name: '{name} <script>' })).toBe('Hi {name} <script>');
  });
});

describe('createTranslator', () => {
  it('prefers the browser catalogue and falls back to English when it has no message', () => {
    const fr = createTranslator((key) => (key === 'retry' ? 'Réessayer' : ''), 'fr');
    expect(fr.t('retry')).toBe('Réessayer');
    expect(fr.t('refreshing')).toBe(en.refreshing);
  });

  it('picks plural forms by the locale rules and formats the count', () => {
    const english = createTranslator(() => '', 'en');
    expect(english.tp('tickets_total', 1)).toBe('1 ticket');
    expect(english.tp('tickets_total', 1240)).toBe('1,240 tickets');
    expect(english.tp('tickets_total', 0)).toBe('0 tickets');
  });
});

describe('the shared translator', () => {
  it('falls back to English when browser.i18n is unavailable (the fake browser throws)', () => {
    expect(t('signed_out', { helpdesk: 'Zendesk' })).toBe('Sign in to Zendesk to see this ticket’s context.');
    expect(tp('tickets_open', 3)).toBe('3 open');
  });
});

describe('safeLocale', () => {
  it('accepts Chrome-style and BCP 47 tags and rejects garbage', () => {
    expect(safeLocale('en_US')).toBe('en-US');
    expect(safeLocale('de')).toBe('de');
    expect(safeLocale('not a locale!')).toBe('en');
    expect(safeLocale(undefined)).toBe('en');
  });
});

describe('the catalogues', () => {
  it('use only key characters that chrome.i18n accepts', () => {
    for (const key of [...Object.keys(en), ...Object.keys(reviewEn)]) expect(key).toMatch(/^[a-z0-9_]+$/);
  });

  it('share one key space: the review’s keys are its own, so one messages.json holds both', () => {
    for (const key of Object.keys(reviewEn)) {
      expect(key.startsWith('review_')).toBe(true);
      expect(key in en).toBe(false);
    }
  });

  it('translate the review’s strings as the shared ones are', () => {
    const fr = translatorOf(reviewEn, (key) => (key === 'review_approve' ? 'Approuver' : ''), 'fr');
    expect(fr.t('review_approve')).toBe('Approuver');
    expect(rt('review_shown', { shown: 3, all: 9 })).toBe('3 of 9 grants shown');
  });
});
