import { useRef } from 'preact/hooks';
import type { SidebarSnapshot } from '../lib/domain/snapshot';
import type { TicketRef } from '../lib/domain/ticket-ref';
import { t } from '../lib/i18n/t';
import { OfflineBanner, SignedOutBanner } from './Banners';
import { CaseHistory } from './CaseHistory';
import { CustomerCard } from './CustomerCard';
import { CreditPanel } from './credit/CreditPanel';
import type { CreditActions } from './credit/types';
import { EscalationStatus } from './EscalationStatus';
import type { EntriesState } from './model/entries';
import { newestUpdate, type SectionKey, type SectionState } from './model/section';
import { OwnerCard } from './OwnerCard';
import { Skeleton } from './Skeleton';
import { TicketHeader } from './TicketHeader';

export type { ApprovalCommand, GrantCommand } from './credit/types';
export type { EntriesState } from './model/entries';
export type { SectionKey } from './model/section';

/** The credit actions are optional: without one, its control is not shown (the panel fails closed). */
export interface SidebarProps extends CreditActions {
  snapshot: SidebarSnapshot | null;
  /** Ticket id → its conversation, for tickets the rep expanded in the history. */
  entries: Readonly<Record<string, EntriesState>>;
  onRetry: (section: SectionKey) => void;
  /** A history row was expanded, or its conversation's Retry pressed: load (or reload) its entries. */
  onExpand: (ticketId: string) => void;
  onCollapseSidebar: () => void;
  /** Epoch ms, ticking (once a second is plenty) so "updated 12 s ago" stays true. */
  now: number;
  /** The policy currency, for per-ticket credit totals (which carry none); else the customer's credits' currency. */
  currency?: string | null;
}

const EMPTY: SectionState<never> = { data: null, refreshing: false, error: null, updatedAt: null };

function Placeholder({ testId }: { testId: string }) {
  return (
    <section class="fl-card" data-testid={testId} aria-busy="true">
      <Skeleton lines={3} />
    </section>
  );
}

/** Same shape as `refKey`, written here because importing a value from ticket-ref.ts would bundle zod into the view. */
const ticketKey = (ref: TicketRef): string => `${ref.helpdesk}:${ref.account}:${ref.id}`;

const creditCurrency = (snapshot: SidebarSnapshot): string | null =>
  snapshot.customer.data?.credits[0]?.currency ?? null;

/** The whole sidebar: presentational; every piece of data and every action comes through props. */
export function Sidebar({
  snapshot,
  entries,
  onRetry,
  onExpand,
  onCollapseSidebar,
  now,
  currency,
  ...creditActions
}: SidebarProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault();
      onCollapseSidebar();
    }
  };
  return (
    <aside class="fl" data-testid="sidebar-root" aria-label={t('sidebar_label')} onKeyDown={onKeyDown}>
      <TicketHeader
        ticket={snapshot?.ticket ?? null}
        state={snapshot?.case ?? EMPTY}
        onRetry={() => onRetry('case')}
        onCollapse={onCollapseSidebar}
      />
      {snapshot?.signedOut && <SignedOutBanner helpdesk={snapshot.ticket.helpdesk} />}
      {snapshot?.offline && <OfflineBanner savedAt={newestUpdate(snapshot)} now={now} />}
      <div class="fl-scroll" ref={scrollRef}>
        <div class="fl-stack">
          {snapshot === null ? (
            <>
              <Placeholder testId="customer-card" />
              <Placeholder testId="owner" />
              <Placeholder testId="escalation-status" />
              <Placeholder testId="credit-panel" />
              <Placeholder testId="case-history" />
            </>
          ) : (
            <>
              <CustomerCard state={snapshot.customer} now={now} onRetry={() => onRetry('customer')} />
              <OwnerCard
                state={snapshot.owner}
                helpdesk={snapshot.ticket.helpdesk}
                onRetry={() => onRetry('owner')}
              />
              <EscalationStatus state={snapshot.escalation} now={now} onRetry={() => onRetry('escalation')} />
              <CreditPanel
                // A new ticket re-arms the grant form: its amount, reason and intent id belong to one ticket.
                key={`credit:${ticketKey(snapshot.ticket)}`}
                state={snapshot.credit}
                helpdesk={snapshot.ticket.helpdesk}
                now={now}
                onRetry={() => onRetry('credit')}
                {...creditActions}
              />
              <CaseHistory
                // A new ticket starts with a fresh filter, expansion and scroll position.
                key={ticketKey(snapshot.ticket)}
                state={snapshot.history}
                entries={entries}
                currency={currency ?? creditCurrency(snapshot)}
                now={now}
                scrollRef={scrollRef}
                onExpand={onExpand}
                onRetry={() => onRetry('history')}
              />
            </>
          )}
        </div>
      </div>
    </aside>
  );
}
