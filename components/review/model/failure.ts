import type { ManagerErrorCode } from '../../../lib/domain/gateway-codes';
import { type AccountFailure, type PlainReason, ReviewReason } from '../../../lib/domain/review/failure';
import { type ReviewKey, rt } from '../../../lib/i18n/review-catalogue';
import { locale, type Translator, t } from '../../../lib/i18n/t';
import { creditOffText } from '../../credit/model/credit-off';
import { refusalText } from '../../credit/model/refusal';

/**
 * The translators a failure is worded with: the review's catalogue, and the sidebar's for the
 * reasons the two pages share (credits off, a limit's refusal), which the same
 * `_locales/<lang>/messages.json` holds.
 */
export interface ReviewWords {
  rt: Translator<ReviewKey>['t'];
  t: Translator['t'];
  locale: string;
}

const WORDS: ReviewWords = { rt, t, locale };

const PLAIN: Record<PlainReason, ReviewKey> = {
  'not-approver': 'review_failed_not_approver',
  'request-gone': 'review_failed_request_gone',
  'own-request': 'review_failed_own_request',
  declined: 'review_failed_declined',
  'no-gateway': 'review_failed_no_gateway',
  'no-gateway-named': 'review_failed_no_gateway_named',
  'no-accounts': 'review_failed_no_accounts',
  'signed-out': 'review_failed_signed_out',
  'gateway-unreachable': 'review_gateway_unreachable',
  'gateway-unreadable': 'review_gateway_unreadable',
  lost: 'review_failed_lost',
};

const GATEWAY: Record<ManagerErrorCode, ReviewKey> = {
  'bad-request': 'review_gateway_bad_request',
  'invalid-request': 'review_gateway_bad_request',
  'unknown-account': 'review_gateway_unknown_account',
  'policy-invalid': 'review_gateway_policy_invalid',
  unauthenticated: 'review_gateway_unauthenticated',
  forbidden: 'review_gateway_forbidden',
  'helpdesk-unavailable': 'review_gateway_helpdesk_unavailable',
  unavailable: 'review_gateway_unavailable',
  'not-an-approver': 'review_gateway_not_an_approver',
  'unknown-request': 'review_gateway_unknown_request',
  'own-request': 'review_gateway_own_request',
  'already-decided': 'review_gateway_already_decided',
};

const gatewayText = (reason: Extract<ReviewReason, { why: 'gateway-refused' }>, words: ReviewWords) => {
  // A status is an id here, not a count: "403" in every language's digits.
  const status = String(reason.status);
  if (reason.code !== null) return words.rt(GATEWAY[reason.code], { detail: reason.detail });
  return reason.detail === ''
    ? words.rt('review_gateway_status', { status })
    : words.rt('review_gateway_status_detail', { status, detail: reason.detail });
};

/**
 * A refused decision or note, or a failed load, in the manager's language, worded from the
 * background's reason; its English `message` when the reason is missing or this page cannot read it.
 */
export const failureText = (
  failure: { message: string; reason?: unknown },
  words: ReviewWords = WORDS,
): string => {
  const parsed = ReviewReason.safeParse(failure.reason);
  if (!parsed.success) return failure.message;
  const reason = parsed.data;
  switch (reason.why) {
    case 'approved':
      return words.rt('review_failed_approved', { grant: reason.grantId });
    case 'no-credential':
      return words.rt('review_failed_no_credential', { account: reason.account });
    case 'credit-off':
      return creditOffText(reason.off, failure.message, words.t);
    case 'limit':
      return refusalText({ message: failure.message, refusal: reason.refusal }, words);
    case 'gateway-refused':
      return gatewayText(reason, words);
    default:
      return words.rt(PLAIN[reason.why]);
  }
};

/** An account the review could not read, named with why. */
export const accountFailureText = (failure: AccountFailure, words: ReviewWords = WORDS): string =>
  words.rt('review_account_failed', { account: failure.account, failure: failureText(failure, words) });
