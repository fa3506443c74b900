import type { DayTotal } from '../../lib/domain/review/daily';
import { rt } from '../../lib/i18n/review-catalogue';
import { money } from './format';

const WIDTH = 560;
const HEIGHT = 140;
const AXIS = 18;

interface Props {
  days: readonly DayTotal[];
  currency: string;
  timeZone: string;
}

/** The team's total per day of the period: one bar a day, labelled with the day of the month. */
export function DailyChart({ days, currency, timeZone }: Props) {
  if (days.length === 0) return null;
  const max = Math.max(1, ...days.map((d) => d.total));
  const step = WIDTH / days.length;
  const label = new Intl.DateTimeFormat(undefined, { day: 'numeric', timeZone });
  const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone });
  return (
    <figure class="fl-review__daily" data-testid="review-daily-chart">
      <figcaption>{rt('review_chart_daily')}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT + AXIS}`}
        width="100%"
        role="img"
        aria-label={rt('review_chart_daily')}
      >
        {days.map((d, i) => {
          const h = (d.total / max) * (HEIGHT - 4);
          return (
            <g key={d.start}>
              <title>{`${full.format(d.start)}: ${money(d.total, currency)} (${d.count})`}</title>
              <rect
                x={i * step + step * 0.15}
                y={HEIGHT - h}
                width={step * 0.7}
                height={Math.max(h, d.total > 0 ? 1 : 0)}
                rx={2}
                class="fl-review__bar"
              />
              {(days.length <= 14 || i % Math.ceil(days.length / 10) === 0) && (
                <text x={i * step + step / 2} y={HEIGHT + 13} text-anchor="middle" class="fl-review__svgtext">
                  {label.format(d.start)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
