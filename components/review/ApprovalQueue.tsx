import { memo } from 'preact/compat';
import { useState } from 'preact/hooks';
import type { QueueItem } from '../../lib/domain/review/page-data';
import type { Decision } from '../../lib/domain/review/page-state';
import type { TicketRef } from '../../lib/domain/ticket-ref';
import { rt } from '../../lib/i18n/review-catalogue';
import { money, time } from './format';
import { failureText } from './model/failure';

interface Props {
  /** The helpdesk has not been asked yet: the queue is unknown, not empty. */
  loading: boolean;
  queue: readonly QueueItem[];
  decisions: Readonly<Record<string, Decision>>;
  onApprove(requestId: string, ticket: TicketRef): void;
  onDecline(requestId: string, ticket: TicketRef, reason: string): void;
}

function Request({
  item,
  decision,
  onApprove,
  onDecline,
}: Omit<Props, 'queue' | 'decisions' | 'loading'> & { item: QueueItem; decision?: Decision }) {
  const [reason, setReason] = useState('');
  const busy = decision?.state === 'sending' || decision?.state === 'done';
  return (
    <li class="fl-review__request" data-testid="approval-item" data-request={item.requestId}>
      <p>
        <strong>
          {rt('review_queue_item', {
            agent: item.agentName,
            customer: item.customerName,
            amount: money(item.amount, item.currency),
            ticket: `#${item.ticket.id}`,
          })}
        </strong>
      </p>
      <p>
        {item.reason} · {time(item.at)}
      </p>
      <div class="fl-review__actions">
        <button
          type="button"
          class="fl-btn"
          data-testid="approve"
          disabled={busy}
          onClick={() => onApprove(item.requestId, item.ticket)}
        >
          {rt('review_approve')}
        </button>
        <input
          type="text"
          data-testid="decline-reason"
          aria-label={rt('review_decline_reason')}
          placeholder={rt('review_decline_reason')}
          maxLength={500}
          value={reason}
          onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)}
        />
        <button
          type="button"
          class="fl-btn"
          data-testid="decline"
          disabled={busy || reason.trim() === ''}
          onClick={() => onDecline(item.requestId, item.ticket, reason.trim())}
        >
          {rt('review_decline')}
        </button>
      </div>
      {decision && (
        <p data-testid="approval-decision-status" data-state={decision.state} aria-live="polite">
          {decision.state === 'sending'
            ? rt('review_sending')
            : decision.state === 'done'
              ? rt('review_decided')
              : failureText({ message: decision.message ?? '', reason: decision.reason })}
        </p>
      )}
    </li>
  );
}

/** Over-limit requests from reps that no approver has answered yet. */
export const ApprovalQueue = memo(function ApprovalQueue({
  loading,
  queue,
  decisions,
  onApprove,
  onDecline,
}: Props) {
  return (
    <section class="fl-review__card" data-testid="approval-queue" aria-busy={loading}>
      <h2>{rt('review_queue')}</h2>
      {loading ? (
        <p>{rt('review_loading')}</p>
      ) : queue.length === 0 ? (
        <p>{rt('review_queue_empty')}</p>
      ) : (
        <ul class="fl-review__list">
          {queue.map((item) => (
            <Request
              key={item.requestId}
              item={item}
              decision={decisions[item.requestId]}
              onApprove={onApprove}
              onDecline={onDecline}
            />
          ))}
        </ul>
      )}
    </section>
  );
});
