import { PERIOD_CHOICES, type PeriodChoice } from '../../lib/review/period-choice';
import { rt } from './strings';

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
        {rt('period')}{' '}
        <select
          data-testid="review-period"
          value={choice}
          onChange={(e) => onLoad((e.currentTarget as HTMLSelectElement).value as PeriodChoice)}
        >
          {PERIOD_CHOICES.map((c) => (
            <option key={c} value={c}>
              {rt(`period_${c}`)}
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
        {loading ? rt('loading') : rt('load')}
      </button>
    </div>
  );
}
