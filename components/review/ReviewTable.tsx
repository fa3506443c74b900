import { memo } from 'preact/compat';
import { useMemo, useState } from 'preact/hooks';
import type { ReviewRow } from '../../lib/domain/review/review-row';
import {
  filterRows,
  nextSort,
  SORT_KEYS,
  type Sort,
  type SortKey,
  sortRows,
} from '../../lib/domain/review/table';
import { type ReviewKey, rt } from '../../lib/i18n/review-catalogue';
import { money, time } from './format';

const COLUMN_LABEL: Record<SortKey, ReviewKey> = {
  agentName: 'review_col_agent_name',
  customerName: 'review_col_customer_name',
  ticketId: 'review_col_ticket_id',
  amount: 'review_col_amount',
  reason: 'review_col_reason',
  at: 'review_col_at',
};

/** Rendering every row of 5,000 would stall the page; the filter narrows, the count says how many exist. */
const SHOWN_MAX = 500;

export const ReviewTable = memo(function ReviewTable({ rows }: { rows: readonly ReviewRow[] }) {
  const [sort, setSort] = useState<Sort>({ key: 'at', descending: true });
  const [filter, setFilter] = useState('');
  const visible = useMemo(() => sortRows(filterRows(rows, filter), sort), [rows, filter, sort]);
  const shown = visible.slice(0, SHOWN_MAX);
  return (
    <section class="fl-review__card fl-review__card--wide" data-testid="review-table">
      <input
        class="fl-review__filter"
        type="search"
        data-testid="review-filter"
        placeholder={rt('review_filter')}
        aria-label={rt('review_filter')}
        value={filter}
        onInput={(e) => setFilter((e.currentTarget as HTMLInputElement).value)}
      />
      {rows.length === 0 ? (
        <p>{rt('review_no_grants')}</p>
      ) : (
        <div class="fl-review__scroll">
          <table class="fl-review__table">
            <thead>
              <tr>
                {SORT_KEYS.map((key) => (
                  <th
                    key={key}
                    aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                  >
                    <button
                      type="button"
                      data-testid={`review-sort-${key}`}
                      onClick={() => setSort(nextSort(sort, key))}
                    >
                      {rt(COLUMN_LABEL[key])}
                      {sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : ''}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr
                  key={r.grantId}
                  data-testid="review-row"
                  data-grant={r.grantId}
                  data-agent={r.agentName}
                  data-minor={r.amount}
                >
                  <td>{r.agentName}</td>
                  <td>{r.customerName}</td>
                  <td class="fl-review__nowrap">#{r.ticketId}</td>
                  <td class="fl-amount">{money(r.amount, r.currency)}</td>
                  <td>{r.reason}</td>
                  <td class="fl-review__nowrap">{time(r.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="fl-review__muted">{rt('review_shown', { shown: shown.length, all: rows.length })}</p>
    </section>
  );
});
