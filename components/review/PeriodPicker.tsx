import { PERIOD_CHOICES, type PeriodChoice } from '../../lib/domain/review/period-choice';
import { type ReviewKey, rt } from '../../lib/i18n/review-catalogue';

const PERIOD_LABEL: Record<PeriodChoice, ReviewKey> = {
  policy: 'review_period_policy',
  'this-week': 'review_period_this_week',
  'last-week': 'review_period_last_week',
  'this-month': 'review_period_this_month',
  'last-month': 'review_period_last_month',
};

interface Props {
  choice: PeriodChoice;
  loading: boolean;
  onLoad(choice: PeriodChoice): void;
}

/** Choosing a period loads it; "Load" reloads the one shown. */
export function PeriodPicker({ choice, loading, onLoad }: Props) {
  return (
    <div class="fl-review__period">
      <label>
        {rt('review_period')}{' '}
        <select
          data-testid="review-period"
          value={choice}
          onChange={(e) => onLoad((e.currentTarget as HTMLSelectElement).value as PeriodChoice)}
        >
          {PERIOD_CHOICES.map((c) => (
            <option key={c} value={c}>
              {rt(PERIOD_LABEL[c])}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        class="fl-btn"
        data-testid="review-load"
        disabled={loading}
        onClick={() => onLoad(choice)}
      >
        {loading ? rt('review_loading') : rt('review_load')}
      </button>
    </div>
  );
}
