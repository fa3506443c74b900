import { type GrantRefusalCode, isGrantRefusalCode } from '../../../lib/domain/gateway-codes';
import { type ReviewKey, rt } from '../../../lib/i18n/review-catalogue';

const TEXT: Record<GrantRefusalCode, ReviewKey> = {
  'unknown-account': 'review_refusal_why_unknown_account',
  'note-not-found': 'review_refusal_why_note_not_found',
  'not-private': 'review_refusal_why_not_private',
  'author-mismatch': 'review_refusal_why_author_mismatch',
  'customer-mismatch': 'review_refusal_why_customer_mismatch',
  'not-an-agent': 'review_refusal_why_not_an_agent',
  'no-tier': 'review_refusal_why_no_tier',
  currency: 'review_refusal_why_currency',
  'over-per-grant': 'review_refusal_why_over_per_grant',
  'over-customer-period': 'review_refusal_why_over_customer_period',
  'over-period': 'review_refusal_why_over_period',
  'request-not-approved': 'review_refusal_why_request_not_approved',
  'policy-invalid': 'review_refusal_why_policy_invalid',
};

/**
 * Why the credit gateway refused a grant, in the manager's language; the gateway's own English
 * for a code this page does not know (a newer gateway's).
 */
export const refusalCodeText = (refusal: { code: string; message: string }, translate = rt): string =>
  isGrantRefusalCode(refusal.code) ? translate(TEXT[refusal.code]) : refusal.message;
