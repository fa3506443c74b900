import { useMemo, useState } from 'preact/hooks';
import type { ReviewRow } from '../../lib/review/review-row';
import { filterRows, nextSort, SORT_KEYS, type Sort, sortRows } from '../../lib/review/table';
import { money, time } from './format';
import { rt } from './strings';

/** Rendering every row of 5,000 would stall the page; the filter narrows, the count says how many exist. */
const SHOWN_MAX = 500;

export function ReviewTable({ rows }: { rows: readonly ReviewRow[] }) {
  const [sort, setSort] = useState<Sort>({ key: 'at', descending: true });
  const [filter, setFilter] = useState('');
  const visible = useMemo(() => sortRows(filterRows(rows, filter), sort), [rows, filter, sort]);
  const shown = visible.slice(0, SHOWN_MAX);
  return (
    <section class="fl-review__card" data-testid="review-table">
      <input
        class="fl-review__filter"
        type="search"
        data-testid="review-filter"
        placeholder={rt('filter')}
        aria-label={rt('filter')}
        value={filter}
        onInput={(e) => setFilter((e.currentTarget as HTMLInputElement).value)}
      />
      {rows.length === 0 ? (
        <p>{rt('no_grants')}</p>
      ) : (
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
                    {rt(`col_${key}`)}
                    {sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.grantId} data-testid="review-row" data-agent={r.agentName} data-minor={r.amount}>
                <td>{r.agentName}</td>
                <td>{r.customerName}</td>
                <td>#{r.ticketId}</td>
                <td class="fl-amount">{money(r.amount, r.currency)}</td>
                <td>{r.reason}</td>
                <td>{time(r.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="fl-review__muted">{rt('shown', { shown: shown.length, all: rows.length })}</p>
    </section>
  );
}
