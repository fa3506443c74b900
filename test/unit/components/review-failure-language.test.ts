import { describe, expect, it } from 'vitest';
import { accountFailureText, failureText, type ReviewWords } from '../../../components/review/model/failure';
import { refusalCodeText } from '../../../components/review/model/refusal-code';
import { GRANT_REFUSAL_CODES, MANAGER_ERROR_CODES } from '../../../lib/domain/gateway-codes';
import type { ReviewReason } from '../../../lib/domain/review/failure';
import ar from '../../../lib/i18n/locales/ar.json';
import de from '../../../lib/i18n/locales/de.json';
import { reviewEn } from '../../../lib/i18n/review-catalogue';
import { createTranslator, translatorOf } from '../../../lib/i18n/t';
import { BackgroundToReview } from '../../../lib/review/protocol';

const wordsIn = (messages: Record<string, string>, locale: string): ReviewWords => ({
  rt: translatorOf(reviewEn, (key) => messages[key] ?? '', locale).t,
  t: createTranslator((key) => messages[key] ?? '', locale).t,
  locale,
});
const english = wordsIn({}, 'en');
const german = wordsIn(de, 'de');
const arabic = wordsIn(ar, 'ar');

const GRANT = '11111111-1111-4111-8111-111111111111';
const ACCOUNT = 'acme.zendesk.com';

/** Every reason the background sends, with the English it sends beside it where the two agree word for word. */
const REASONS: [ReviewReason, string | null][] = [
  [{ why: 'not-approver' }, 'Only the policy’s approvers can decide requests.'],
  [{ why: 'request-gone' }, 'This request is no longer found on its ticket.'],
  [{ why: 'own-request' }, 'You asked for this credit yourself: another approver must decide it.'],
  [{ why: 'declined' }, 'This request was already declined.'],
  [{ why: 'approved', grantId: GRANT }, `This request was already approved: credit ${GRANT} was granted.`],
  [{ why: 'no-gateway' }, 'The credit gateway is configured, but this build cannot call it.'],
  [{ why: 'no-gateway-named' }, null],
  [
    { why: 'no-accounts' },
    'Open a helpdesk tab (or add an API key in the options) to load the team’s credits.',
  ],
  [{ why: 'signed-out' }, 'You are signed out of this helpdesk: sign in again, then retry.'],
  [{ why: 'no-credential', account: ACCOUNT }, null],
  [{ why: 'gateway-unreachable' }, null],
  [{ why: 'gateway-unreadable' }, null],
  [
    { why: 'lost' },
    'The connection to Frontline dropped before an answer came. The queue was read again: check whether it was decided.',
  ],
  [{ why: 'credit-off', off: { why: 'no-policy' } }, null],
  [{ why: 'credit-off', off: { why: 'managed-invalid', detail: 'tiers: required' } }, null],
  [{ why: 'limit', refusal: { limit: 'per-grant', room: 2500, currency: 'USD', period: 'week' } }, null],
  [{ why: 'gateway-refused', status: 502, code: null, detail: '' }, null],
  [{ why: 'gateway-refused', status: 418, code: null, detail: 'A newer refusal.' }, null],
  ...MANAGER_ERROR_CODES.map((code): [ReviewReason, null] => [
    { why: 'gateway-refused', status: 403, code, detail: 'the gateway’s words' },
    null,
  ]),
];

const FALLBACK = 'The background’s English.';
const failure = (reason: unknown): { message: string; reason?: unknown } => ({ message: FALLBACK, reason });

describe('the review’s refusals and failures, in the manager’s language', () => {
  it.each(REASONS)('%o reads in English, German and Arabic', (reason, background) => {
    const inEnglish = failureText(failure(reason), english);
    if (background !== null) expect(inEnglish).toBe(background);
    expect(inEnglish).not.toBe(FALLBACK);
    const inGerman = failureText(failure(reason), german);
    const inArabic = failureText(failure(reason), arabic);
    expect(inGerman).not.toBe(inEnglish);
    expect(inArabic).not.toBe(inEnglish);
    expect(inArabic).toMatch(/\p{Script=Arabic}/u);
    // Nothing is left as a placeholder in any language.
    for (const text of [inEnglish, inGerman, inArabic]) expect(text).not.toMatch(/\{\w+\}/);
  });

  it('keeps the figures and names a reason carries', () => {
    expect(failureText(failure({ why: 'approved', grantId: GRANT }), german)).toContain(GRANT);
    expect(failureText(failure({ why: 'no-credential', account: ACCOUNT }), arabic)).toContain(ACCOUNT);
    const unknown = { why: 'gateway-refused', status: 418, code: null, detail: 'A newer refusal.' };
    // A status is an id: Western digits in Arabic too; the gateway's own words stay as it sent them.
    expect(failureText(failure(unknown), arabic)).toContain('418');
    expect(failureText(failure(unknown), german)).toContain('A newer refusal.');
    expect(
      failureText(
        failure({ why: 'gateway-refused', status: 400, code: 'bad-request', detail: 'from: required' }),
        german,
      ),
    ).toContain('from: required');
  });

  it.each([
    ['no reason', undefined],
    ['an unknown reason', { why: 'something-new' }],
    ['a malformed reason', { why: 'approved' }],
    ['a reason of another shape', 'not-approver'],
    ['a malformed limit', { why: 'limit', refusal: { limit: 'per-grant' } }],
  ])('%s falls back to the English message', (_, reason) => {
    expect(failureText(failure(reason), german)).toBe(FALLBACK);
  });

  it('names an account that failed, with why', () => {
    const failed = { account: ACCOUNT, message: FALLBACK, reason: { why: 'gateway-unreachable' } as const };
    expect(accountFailureText(failed, english)).toBe(`${ACCOUNT}: The credit gateway could not be reached.`);
    expect(accountFailureText(failed, german)).toBe(`${ACCOUNT}: ${de.review_gateway_unreachable}`);
    expect(accountFailureText({ account: ACCOUNT, message: FALLBACK }, german)).toBe(
      `${ACCOUNT}: ${FALLBACK}`,
    );
  });

  it('a failed load whose reason this page cannot read still shows its English', () => {
    const parsed = BackgroundToReview.parse({ type: 'failed', message: FALLBACK, reason: { why: 'later' } });
    expect(parsed).toEqual({ type: 'failed', message: FALLBACK });
    expect(failureText(parsed.type === 'failed' ? parsed : failure(null), german)).toBe(FALLBACK);
  });
});

describe('why the gateway refused a grant, in the manager’s language', () => {
  const rt = (messages: Record<string, string>, locale: string) => wordsIn(messages, locale).rt;

  it.each(GRANT_REFUSAL_CODES)('%s is worded in English, German and Arabic', (code) => {
    const refusal = { code, message: FALLBACK };
    const inEnglish = refusalCodeText(refusal, rt({}, 'en'));
    expect(inEnglish).not.toBe(FALLBACK);
    expect(refusalCodeText(refusal, rt(de, 'de'))).not.toBe(inEnglish);
    expect(refusalCodeText(refusal, rt(ar, 'ar'))).toMatch(/\p{Script=Arabic}/u);
  });

  it('a code this page does not know shows the gateway’s message', () => {
    expect(refusalCodeText({ code: 'something-new', message: FALLBACK }, rt(de, 'de'))).toBe(FALLBACK);
  });
});
