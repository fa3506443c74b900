import { defaultRangeExtractor } from '@tanstack/virtual-core';
import type { RefObject } from 'preact';
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { helpdeskName } from '../lib/domain/helpdesk';
import { createHistoryRows, type HistoryCopy } from '../lib/domain/history-rows';
import type { HistoryView } from '../lib/domain/snapshot';
import type { HelpdeskKind } from '../lib/domain/ticket-ref';
import { t } from '../lib/i18n/t';
import { HistoryRow } from './HistoryRow';
import { useHeight } from './hooks/use-height';
import { useOffsetWithin } from './hooks/use-offset-within';
import { createRowMemory, useVirtualizer } from './hooks/use-virtualizer';
import { type EntriesState, loadedBodies } from './model/entries';
import {
  filterHistory,
  type HistoryFilter,
  NO_FILTER,
  type RowList,
  type StatusFilter,
  statusCounts,
} from './model/history';
import { progressOf } from './model/progress';
import { nextIndex } from './model/roving';
import type { SectionState } from './model/section';
import { statusLabel } from './model/status';
import { Section } from './Section';

/** A collapsed row's height; measurement corrects it, so it only shapes the first frame. */
const ROW_ESTIMATE = 73;
const estimateSize = () => ROW_ESTIMATE;
const MINUTE_MS = 60_000;
/** The first frame paints rows before the scroll area is measured. */
const FIRST_RECT = { width: 400, height: globalThis.innerHeight || 800 };
/** One per sidebar page: the history of a ticket the rep comes back to knows its rows' heights. */
const rowMemory = createRowMemory();
const NO_ROWS = createHistoryRows();

interface ListProps {
  view: HistoryView;
  helpdesk: HelpdeskKind;
  /** The rows the sidebar holds so far (they arrive as deltas after the snapshot); null before the first. */
  held: HistoryCopy | null;
  entries: Readonly<Record<string, EntriesState>>;
  currency: string | null;
  now: number;
  scrollRef: RefObject<HTMLElement>;
  onExpand: (ticketId: string) => void;
}

function Toolbar({
  view,
  helpdesk,
  held,
  filter,
  onFilter,
  shown,
  innerRef,
}: {
  view: HistoryView;
  helpdesk: HelpdeskKind;
  held: HistoryCopy | null;
  filter: HistoryFilter;
  onFilter: (next: HistoryFilter) => void;
  shown: number;
  innerRef: RefObject<HTMLDivElement>;
}) {
  const filterId = useId();
  const statusId = useId();
  const counts = useMemo(() => statusCounts((held?.rows ?? NO_ROWS).counts()), [held]);
  const count = held?.rows.length ?? 0;
  const progress = progressOf({
    loaded: count,
    total: view.total,
    complete: view.complete && synced(view, held),
    completeness: view.completeness,
  });
  const filtering = filter.text.trim() !== '' || filter.status !== 'all';
  return (
    <div class="fl-toolbar" ref={innerRef}>
      <div class="fl-toolbar__row">
        <label class="fl-sr" for={filterId}>
          {t('history_filter_label')}
        </label>
        <input
          id={filterId}
          class="fl-input"
          type="search"
          data-testid="case-history-filter"
          placeholder={t('history_filter_placeholder')}
          value={filter.text}
          autocomplete="off"
          spellcheck={false}
          onInput={(e) => onFilter({ ...filter, text: e.currentTarget.value })}
          onKeyDown={(e) => {
            // Escape first clears the filter; only an empty filter lets it collapse the sidebar.
            if (e.key === 'Escape' && filter.text !== '') {
              e.preventDefault();
              e.stopPropagation();
              onFilter({ ...filter, text: '' });
            }
          }}
        />
        <label class="fl-sr" for={statusId}>
          {t('history_status_label')}
        </label>
        <select
          id={statusId}
          class="fl-select"
          data-testid="case-history-status"
          value={filter.status}
          onChange={(e) => onFilter({ ...filter, status: e.currentTarget.value as StatusFilter })}
        >
          <option value="all">{t('history_status_all')}</option>
          {counts.map(({ status, count }) => (
            <option key={status} value={status}>
              {t('history_status_option', {
                status: status === 'custom' ? t('status_custom_any') : statusLabel(status, status),
                count,
              })}
            </option>
          ))}
        </select>
      </div>
      <div class="fl-progress" data-testid="history-progress" role="status" data-complete={progress.complete}>
        <span>
          {progress.text}
          {filtering && ` · ${t('history_showing', { shown, count })}`}
        </span>
        {!progress.complete && (
          <span class="fl-progress__bar" aria-hidden="true">
            <span
              class="fl-progress__fill"
              style={{ width: `${Math.round((progress.ratio ?? 0.1) * 100)}%` }}
            />
          </span>
        )}
      </div>
      {view.completeness && !view.completeness.archivedIncluded && (
        <div class="fl-progress" data-testid="history-completeness">
          {t('history_no_archived')}
          {view.completeness.contactUrl && (
            <a href={view.completeness.contactUrl} target="_blank" rel="noopener noreferrer">
              {t('history_contact_link', { helpdesk: helpdeskName(helpdesk) })}
            </a>
          )}
        </div>
      )}
    </div>
  );
}

/** The rows held are all the background has: the count and "loaded" can be trusted. */
const synced = (view: HistoryView, held: HistoryCopy | null) =>
  held !== null && held.feed === view.feed && held.version >= view.version;

function HistoryList({
  view,
  helpdesk,
  held: given,
  entries,
  currency,
  now,
  scrollRef,
  onExpand,
}: ListProps) {
  // A switched-to ticket paints its card first and its rows a frame later: rows held from an
  // earlier ticket of the same requester would otherwise lay out (and measure) before the card shows.
  const [painted, setPainted] = useState(false);
  useEffect(() => setPainted(true), []);
  const held = painted ? given : null;
  const [filter, setFilter] = useState<HistoryFilter>(NO_FILTER);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const bodies = useMemo(() => loadedBodies(entries), [entries]);
  const filtering = filter.text.trim() !== '' || filter.status !== 'all';
  // Unfiltered, the list is the held rows themselves: a delta costs the rows in view, not
  // a copy of 100,000. A new list object per delta tells the virtualizer the keys moved.
  const shown: RowList = useMemo(() => {
    const rows = held?.rows ?? NO_ROWS;
    return filtering ? filterHistory(rows, filter, bodies) : { length: rows.length, at: rows.at };
  }, [held, filtering, filter, bodies]);
  const [active, setActive] = useState(() => Math.max(0, (given?.rows ?? NO_ROWS).currentIndex()));
  // A row shows a time or a date, never seconds: the sidebar's clock ticks every second, and
  // each tick would otherwise draw every row in view again.
  const rowNow = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const activeIndex = Math.max(0, Math.min(active, shown.length - 1));

  // Latest values for the stable callbacks below, so memoized rows do not re-render on every scroll.
  const latest = useRef({ shown, expanded, onExpand, active: activeIndex });
  latest.current = { shown, expanded, onExpand, active: activeIndex };
  // A row to focus once it is rendered (arrow keys may move to a row not yet in the DOM).
  const focusNext = useRef<number | null>(null);

  const listRef = useRef<HTMLUListElement>(null);
  const toolbarRef = useRef<HTMLDivElement>(null);
  const toolbarHeight = useHeight(toolbarRef);
  const scrollMargin = useOffsetWithin(listRef, scrollRef);
  // Stable per list, so the virtualizer does not rebuild its measurements on every render.
  const getItemKey = useCallback((i: number) => shown.at(i)?.case.ref.id ?? i, [shown]);

  const virtualizer = useVirtualizer(
    {
      count: shown.length,
      getScrollElement: () => scrollRef.current,
      estimateSize,
      getItemKey,
      overscan: 6,
      scrollMargin,
      scrollPaddingStart: toolbarHeight,
      // The focused row stays mounted even when scrolled away, so keyboard focus is never lost.
      rangeExtractor: (range) => {
        const indexes = defaultRangeExtractor(range);
        return indexes.includes(activeIndex) || activeIndex >= shown.length
          ? indexes
          : [...indexes, activeIndex].sort((a, b) => a - b);
      },
    },
    rowMemory,
    FIRST_RECT,
  );

  useLayoutEffect(() => {
    if (focusNext.current === null) return;
    const row = listRef.current?.querySelector<HTMLElement>(`[data-row-index="${focusNext.current}"]`);
    if (!row) return;
    row.focus({ preventScroll: true });
    focusNext.current = null;
  });

  const applyFilter = (next: HistoryFilter) => {
    setFilter(next);
    setActive(0);
  };

  const toggle = useCallback((index: number) => {
    const { shown, expanded, onExpand } = latest.current;
    const id = shown.at(index)?.case.ref.id;
    if (id === undefined) return;
    setActive(index);
    const next = new Set(expanded);
    if (next.has(id)) next.delete(id);
    else {
      next.add(id);
      onExpand(id);
    }
    setExpanded(next);
  }, []);

  const retryEntries = useCallback((ticketId: string) => latest.current.onExpand(ticketId), []);

  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.target as HTMLElement).dataset.rowIndex === undefined) return;
    const page = Math.floor((scrollRef.current?.clientHeight ?? 600) / ROW_ESTIMATE);
    // From the latest active row, not the focused element: keys can repeat faster than focus follows.
    const to = nextIndex(e.key, latest.current.active, shown.length, page);
    if (to === null) return;
    e.preventDefault();
    latest.current.active = to;
    focusNext.current = to;
    setActive(to);
    virtualizer.scrollToIndex(to, { align: 'auto' });
  };

  return (
    <>
      <Toolbar
        view={view}
        helpdesk={helpdesk}
        held={held}
        filter={filter}
        onFilter={applyFilter}
        shown={shown.length}
        innerRef={toolbarRef}
      />
      {shown.length === 0 ? (
        synced(view, held) || filtering ? (
          <p class="fl-empty">{filtering ? t('history_no_match') : t('history_empty')}</p>
        ) : null
      ) : null}
      <ul
        ref={listRef}
        class="fl-vlist"
        aria-label={t('history_list_label')}
        style={{ height: `${virtualizer.getTotalSize()}px` }}
        onKeyDown={onKeyDown}
      >
        {virtualizer.getVirtualItems().map((row) => {
          const item = shown.at(row.index);
          if (!item) return null;
          const id = item.case.ref.id;
          return (
            <li
              key={row.key}
              ref={virtualizer.measureElement}
              data-index={row.index}
              class="fl-vrow"
              aria-setsize={shown.length}
              aria-posinset={row.index + 1}
              style={{ transform: `translateY(${row.start - scrollMargin}px)` }}
            >
              <HistoryRow
                item={item}
                index={row.index}
                tabbable={row.index === activeIndex}
                expanded={expanded.has(id)}
                entries={entries[id]}
                currency={currency}
                now={rowNow}
                onToggle={toggle}
                onRetryEntries={retryEntries}
              />
            </li>
          );
        })}
      </ul>
    </>
  );
}

interface Props extends Omit<ListProps, 'view'> {
  state: SectionState<HistoryView>;
  onRetry: () => void;
}

/** Every ticket of this customer, newest first, filterable, virtualized for thousands of rows. */
export function CaseHistory({ state, onRetry, ...list }: Props) {
  return (
    <Section
      testId="case-history"
      title={t('history_title')}
      state={state}
      onRetry={onRetry}
      skeletonLines={5}
      class="fl-history"
    >
      {(view) => <HistoryList view={view} {...list} />}
    </Section>
  );
}
