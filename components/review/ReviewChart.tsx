import { memo } from 'preact/compat';
import type { DayTotal } from '../../lib/domain/review/daily';
import { rt, rtp } from '../../lib/i18n/review-catalogue';
import type { AgentLine } from './AgentSummary';
import { DailyChart } from './DailyChart';
import { money } from './format';

const ROW = 30;
const BOX = 14;
const LABEL = 150;
const WIDTH = 640;
const RIGHT = 130;
/** What fits in the label column at 12 px; the whole name is in the row's tooltip. */
const LABEL_CHARS = 20;

const clip = (name: string): string => {
  const chars = [...name];
  return chars.length <= LABEL_CHARS ? name : `${chars.slice(0, LABEL_CHARS - 1).join('')}…`;
};

interface Props {
  agents: readonly AgentLine[];
  currency: string;
  days: readonly DayTotal[];
  timeZone: string;
}

/**
 * Each agent's grants as a box plot on one scale (whiskers smallest to
 * largest, box the middle half, a line at the median), the row coloured when
 * the agent's total is an outlier; the total is written beside it. Below, the
 * team's total per day. Hand-made SVG: a few shapes per agent do not justify a
 * chart library in an extension bundle.
 */
export const ReviewChart = memo(function ReviewChart({ agents, currency, days, timeZone }: Props) {
  const max = Math.max(1, ...agents.map((a) => a.spread.max));
  const x = (value: number) => LABEL + (Math.max(0, value) / max) * (WIDTH - LABEL - RIGHT);
  const height = agents.length * ROW + 20;
  return (
    <section class="fl-review__card" data-testid="review-chart">
      <h2>{rt('review_chart')}</h2>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={rt('review_chart')}>
        {agents.map((a, i) => {
          const mid = i * ROW + ROW / 2;
          const { min, q1, median, q3, max: top } = a.spread;
          const tone = a.outlier ? ` fl-review__bar--${a.outlier}` : '';
          return (
            <g
              key={a.agentKey}
              data-testid="review-chart-agent"
              data-agent={a.agentName}
              data-outlier={a.outlier ?? 'no'}
              data-median={median}
            >
              <title>
                {rtp('review_chart_spread', a.count, {
                  agent: a.agentName,
                  min: money(min, currency),
                  median: money(median, currency),
                  max: money(top, currency),
                })}
                {a.outlier && `, ${rt(a.outlier === 'high' ? 'review_outlier_high' : 'review_outlier_low')}`}
              </title>
              <text
                x={LABEL - 8}
                y={mid}
                text-anchor="end"
                dominant-baseline="middle"
                class="fl-review__svgtext"
              >
                {clip(a.agentName)}
              </text>
              <line x1={x(min)} x2={x(top)} y1={mid} y2={mid} class="fl-review__whisker" />
              <line x1={x(min)} x2={x(min)} y1={mid - 5} y2={mid + 5} class="fl-review__whisker" />
              <line x1={x(top)} x2={x(top)} y1={mid - 5} y2={mid + 5} class="fl-review__whisker" />
              <rect
                x={x(q1)}
                y={mid - BOX / 2}
                width={Math.max(2, x(q3) - x(q1))}
                height={BOX}
                rx={2}
                class={`fl-review__bar${tone}`}
              />
              <line
                x1={x(median)}
                x2={x(median)}
                y1={mid - BOX / 2}
                y2={mid + BOX / 2}
                class="fl-review__median"
              />
              <text x={WIDTH - RIGHT + 10} y={mid} dominant-baseline="middle" class="fl-review__svgtext">
                {rt('review_chart_total', { total: money(a.total, currency) })}
                {a.outlier && (
                  <tspan class={`fl-review__flag--${a.outlier}`} data-testid="review-chart-flag">
                    {' '}
                    {a.outlier === 'high' ? '▲' : '▼'}
                  </tspan>
                )}
              </text>
            </g>
          );
        })}
        <text x={LABEL} y={height - 4} class="fl-review__svgtext fl-review__axis">
          {money(0, currency)}
        </text>
        <text x={WIDTH - RIGHT} y={height - 4} text-anchor="end" class="fl-review__svgtext fl-review__axis">
          {money(max, currency)}
        </text>
      </svg>
      <DailyChart days={days} currency={currency} timeZone={timeZone} />
    </section>
  );
});
