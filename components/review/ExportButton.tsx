import { toCsv } from '../../lib/domain/review/csv';
import type { ReviewRow } from '../../lib/domain/review/review-row';
import { rt } from '../../lib/i18n/review-catalogue';

/** Downloads through a Blob URL: no downloads permission needed, and nothing leaves the browser. */
function download(rows: readonly ReviewRow[], name: string) {
  const url = URL.createObjectURL(new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportButton({ rows, name }: { rows: readonly ReviewRow[]; name: string }) {
  return (
    <button
      type="button"
      class="fl-btn"
      data-testid="review-export"
      disabled={rows.length === 0}
      onClick={() => download(rows, name)}
    >
      {rt('review_export')}
    </button>
  );
}
