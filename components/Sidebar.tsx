import { useEffect, useRef, useState } from 'preact/hooks';
import type { CaseworkCommand } from '../lib/domain/casework';
import type { FollowThroughView } from '../lib/domain/followthrough';
import type { HistoryCopy } from '../lib/domain/history-rows';
import type { SidebarSnapshot } from '../lib/domain/snapshot';
import type { TicketRef } from '../lib/domain/ticket-ref';
import { t } from '../lib/i18n/t';
import { OfflineBanner, SignedOutBanner } from './Banners';
import { CaseHistory } from './CaseHistory';
import { CustomerCard } from './CustomerCard';
import { ClaimOwnership, ContinuityBanner, EscalateForm, ReportBack } from './casework';
import { CreditPanel } from './credit/CreditPanel';
import type { CreditActions } from './credit/types';
import { EscalationStatus } from './EscalationStatus';
import { FollowThroughPanel } from './followthrough/FollowThroughPanel';
import { type PinInput, PinToggle } from './followthrough/PinToggle';
import type { EntriesState } from './model/entries';
import { newestUpdate, type SectionKey, type SectionState } from './model/section';
import './followthrough/followthrough.css';
import { OwnerCard } from './OwnerCard';
import { Skeleton } from './Skeleton';
import { TicketHeader } from './TicketHeader';

export type { ApprovalRequest, GrantRequest } from './credit/types';
export type { EntriesState } from './model/entries';
export type { SectionKey } from './model/section';

/** The credit actions are optional: without one, its control is not shown (the panel fails closed). */
/** The follow-through list for the sidebar's tab: the same list as the toolbar popup. */
export interface FollowThroughTab {
  view: FollowThroughView | null;
  checking: boolean;
  onOpen: (ticket: TicketRef) => void;
  onUnpin: (ticket: TicketRef) => void;
  onCheckNow: () => void;
}

export interface SidebarProps extends CreditActions {
  snapshot: SidebarSnapshot | null;
  /** Ticket id → its conversation, for tickets the rep expanded in the history. */
  entries: Readonly<Record<string, EntriesState>>;
  /** The case history's rows held so far (they come apart from the snapshot); null before the first. */
  history?: HistoryCopy | null;
  onRetry: (section: SectionKey) => void;
  /** A history row was expanded, or its conversation's Retry pressed: load (or reload) its entries. */
  onExpand: (ticketId: string) => void;
  onCollapseSidebar: () => void;
  /** Epoch ms, ticking (once a second is plenty) so "updated 12 s ago" stays true. */
  now: number;
  /** The policy currency, for per-ticket credit totals (which carry none); else the customer's credits' currency. */
  currency?: string | null;
  /** Claim, hand off, escalate, report back, route to the owner; without it those controls are not shown. */
  onCasework?: (command: CaseworkCommand) => void;
  /** Why the rep's last ownership or escalation command was refused (its reply said so); null otherwise. */
  caseworkRefusal?: string | null;
  onPin?: (input: PinInput) => void;
  onUnpin?: () => void;
  followThrough?: FollowThroughTab;
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
  history = null,
  onRetry,
  onExpand,
  onCollapseSidebar,
  now,
  currency,
  onCasework,
  caseworkRefusal = null,
  onPin,
  onUnpin,
  followThrough,
  ...creditActions
}: SidebarProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [tab, setTab] = useState<'case' | 'followthrough'>('case');
  const shown = snapshot ? ticketKey(snapshot.ticket) : null;
  // A switch paints the ticket's header and cards in its first frame, and mounts the credit panel
  // and the history, which start anew for each ticket, in the next: together they are most of a
  // switch's work, and a placeholder for one frame shows nothing of the ticket before.
  const [settled, setSettled] = useState(shown);
  useEffect(() => setSettled(shown), [shown]);
  const casework = snapshot?.casework ?? null;
  const caseworkProps = onCasework ? { onCommand: onCasework, refusal: caseworkRefusal } : null;
  // After a grant or an escalation the rep likely wants to see the case through.
  const offerPin =
    (snapshot?.credit.data?.grants.some((grant) => grant.state === 'recorded') ?? false) ||
    (snapshot?.escalation.data?.state ?? 'none') !== 'none';
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
      {followThrough && (
        <div class="fl-tabs" role="tablist" aria-label={t('sidebar_tabs_label')}>
          <button
            type="button"
            role="tab"
            class="fl-tabs__tab"
            aria-selected={tab === 'case'}
            onClick={() => setTab('case')}
          >
            {t('sidebar_tab_case')}
          </button>
          <button
            type="button"
            role="tab"
            class="fl-tabs__tab"
            data-testid="followthrough-tab"
            aria-selected={tab === 'followthrough'}
            onClick={() => setTab('followthrough')}
          >
            {t('sidebar_tab_followthrough')}
            {(followThrough.view?.badgeCount ?? 0) > 0 && (
              <span class="fl-tabs__count">{followThrough.view?.badgeCount}</span>
            )}
          </button>
        </div>
      )}
      {followThrough && tab === 'followthrough' ? (
        <div class="fl-scroll">
          <FollowThroughPanel
            view={followThrough.view}
            checking={followThrough.checking}
            now={now}
            onOpen={followThrough.onOpen}
            onUnpin={followThrough.onUnpin}
            onCheckNow={followThrough.onCheckNow}
          />
        </div>
      ) : (
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
                {onPin && onUnpin && (
                  <PinToggle pin={snapshot.pin} offer={offerPin} onPin={onPin} onUnpin={onUnpin} />
                )}
                <CustomerCard state={snapshot.customer} now={now} onRetry={() => onRetry('customer')} />
                {casework && caseworkProps && <ContinuityBanner view={casework} {...caseworkProps} />}
                <OwnerCard
                  state={snapshot.owner}
                  helpdesk={snapshot.ticket.helpdesk}
                  onRetry={() => onRetry('owner')}
                />
                {casework && caseworkProps && <ClaimOwnership view={casework} {...caseworkProps} />}
                {casework && caseworkProps && <ReportBack view={casework} now={now} {...caseworkProps} />}
                <EscalationStatus
                  state={snapshot.escalation}
                  now={now}
                  onRetry={() => onRetry('escalation')}
                />
                {casework && caseworkProps && <EscalateForm view={casework} {...caseworkProps} />}
                {settled !== shown ? (
                  <>
                    <Placeholder testId="credit-panel" />
                    <Placeholder testId="case-history" />
                  </>
                ) : (
                  <>
                    <CreditPanel
                      // A new ticket re-arms the grant form: its amount, reason and intent id belong to one ticket.
                      key={`credit:${ticketKey(snapshot.ticket)}`}
                      state={snapshot.credit}
                      helpdesk={snapshot.ticket.helpdesk}
                      ticket={snapshot.ticket}
                      now={now}
                      onRetry={() => onRetry('credit')}
                      {...creditActions}
                    />
                    <CaseHistory
                      // A new ticket starts with a fresh filter, expansion and scroll position.
                      key={ticketKey(snapshot.ticket)}
                      state={snapshot.history}
                      helpdesk={snapshot.ticket.helpdesk}
                      held={history?.ticket === ticketKey(snapshot.ticket) ? history : null}
                      entries={entries}
                      currency={currency ?? creditCurrency(snapshot)}
                      now={now}
                      scrollRef={scrollRef}
                      onExpand={onExpand}
                      onRetry={() => onRetry('history')}
                    />
                  </>
                )}
              </>
            )}
          </div>
        </div>
      )}
    </aside>
  );
}
