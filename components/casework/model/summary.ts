import type { HandoffSummary } from '../../../lib/domain/casework';
import { t } from '../../../lib/i18n/t';
import { formatMoney } from '../../model/money';

/**
 * The hand-off summary the rep edits before escalating: what the customer
 * wants, what was tried, what was credited. Plain text: it becomes a private
 * note, and the holder reads it in the helpdesk.
 */
export const summaryText = (summary: HandoffSummary, locale?: string): string => {
  const tried =
    summary.tried.length === 0
      ? [`- ${t('casework_summary_tried_none')}`]
      : summary.tried.map(
          (line) =>
            `- ${line.author} (${t(line.kind === 'reply' ? 'casework_summary_reply' : 'casework_summary_note')}): ${line.text}`,
        );
  const credits = summary.credits.map(
    (c) =>
      `- ${t('casework_summary_credit_line', {
        amount: formatMoney(c.amount, c.currency, locale),
        agent: c.agentName,
        reason: c.reason,
      })}`,
  );
  return [
    t('casework_summary_wants'),
    summary.wants,
    '',
    t('casework_summary_tried'),
    ...tried,
    ...(credits.length === 0 ? [] : ['', t('casework_summary_credits'), ...credits]),
  ].join('\n');
};
