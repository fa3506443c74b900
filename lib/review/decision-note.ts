import type { ApprovalDecisionMarker } from '../domain/markers';
import { formatMoney } from '../domain/money-format';
import { noteWithMarker } from '../domain/note-text';

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

interface DecisionText {
  approver: string;
  amount: number;
  currency: string;
  /** Required for a decline: the rep sees it in the sidebar. */
  reason?: string;
}

/**
 * The approver's decision as a private note: the first line for people (the
 * rep's sidebar shows a decline's text as its reason), the marker last.
 */
export function decisionNoteText(
  marker: ApprovalDecisionMarker,
  text: DecisionText,
  locale = 'en-US',
): string {
  const money = formatMoney({ amount: text.amount, currency: text.currency }, locale);
  const body =
    marker.decision === 'approve'
      ? `${oneLine(text.approver)} approved the credit of ${money}.`
      : `${oneLine(text.approver)} declined the credit of ${money}. Reason: ${oneLine(text.reason ?? '')}`;
  return noteWithMarker(body, marker);
}
