import type { Case } from '../lib/domain/model';
import type { TicketRef } from '../lib/domain/ticket-ref';
import { t } from '../lib/i18n/t';
import { phaseOf, type SectionState } from './model/section';
import { SectionErrorNotice } from './SectionErrorNotice';
import { Skeleton } from './Skeleton';
import { Spinner } from './Spinner';
import { StatusBadge } from './StatusBadge';

interface Props {
  ticket: TicketRef | null;
  state: SectionState<Case> | null;
  onRetry: () => void;
  onCollapse: () => void;
}

/** The ticket beside which the sidebar sits, and the way to fold the sidebar away. */
export function TicketHeader({ ticket, state, onRetry, onCollapse }: Props) {
  const data = state?.data ?? null;
  return (
    <header class="fl-top">
      <div class="fl-top__main">
        <div class="fl-top__meta">
          {ticket && <span>{t('ticket_number', { id: ticket.id })}</span>}
          {data && <StatusBadge status={data.status} rawStatus={data.rawStatus} />}
          {state?.refreshing && <Spinner />}
        </div>
        {data ? (
          <h1 class="fl-top__subject" data-testid="ticket-subject" dir="auto">
            {data.subject}
          </h1>
        ) : (
          phaseOf(state) === 'skeleton' && <Skeleton lines={1} />
        )}
        <SectionErrorNotice error={state?.error ?? null} blocking={!data} onRetry={onRetry} />
      </div>
      <button
        type="button"
        class="fl-iconbtn"
        aria-label={t('collapse_sidebar')}
        title={t('collapse_sidebar')}
        onClick={onCollapse}
      >
        <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
          <path d="m3 2 5 5-5 5M8 2l5 5-5 5" fill="none" stroke="currentColor" stroke-width="1.5" />
        </svg>
      </button>
    </header>
  );
}
