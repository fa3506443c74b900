import type { DayTotal } from '../../lib/review/daily';
import type { Fences } from '../../lib/review/outliers';
import type { AgentLine } from './AgentSummary';
import { DailyChart } from './DailyChart';
import { money } from './format';
import { rt } from './strings';

const BAR = 22;
const GAP = 8;
const LABEL = 140;
const WIDTH = 560;

interface Props {
  agents: readonly AgentLine[];
  currency: string;
  fences: Fences | null;
  days: readonly DayTotal[];
  timeZone: string;
}

/**
 * Horizontal bars of each agent's total, outliers coloured, and the fences as
 * dashed lines; below, the team's total per day. Hand-made SVG: a handful of rects does not justify a chart
 * library in an extension bundle.
 */
export function ReviewChart({ agents, currency, fences, days, timeZone }: Props) {
  const max = Math.max(1, ...agents.map((a) => a.total), fences?.high ?? 0);
  const scale = (value: number) => LABEL + (Math.max(0, value) / max) * (WIDTH - LABEL - 90);
  const height = agents.length * (BAR + GAP) + GAP;
  return (
    <section class="fl-review__card" data-testid="review-chart">
      <h2>{rt('chart')}</h2>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={rt('chart')}>
        {agents.map((a, i) => {
          const y = GAP + i * (BAR + GAP);
          return (
            <g
              key={a.agentKey}
              data-testid="review-chart-bar"
              data-agent={a.agentName}
              data-outlier={a.outlier ?? 'no'}
            >
              <text
                x={LABEL - 6}
                y={y + BAR / 2}
                text-anchor="end"
                dominant-baseline="middle"
                class="fl-review__svgtext"
              >
                {a.agentName}
              </text>
              <rect
                x={LABEL}
                y={y}
                width={Math.max(1, scale(a.total) - LABEL)}
                height={BAR}
                rx={3}
                class={a.outlier ? `fl-review__bar fl-review__bar--${a.outlier}` : 'fl-review__bar'}
              />
              <text
                x={scale(a.total) + 6}
                y={y + BAR / 2}
                dominant-baseline="middle"
                class="fl-review__svgtext"
              >
                {money(a.total, currency)}
              </text>
            </g>
          );
        })}
        {fences &&
          [fences.low, fences.high]
            .filter((v) => v > 0)
            .map((v) => (
              <line key={v} x1={scale(v)} x2={scale(v)} y1={0} y2={height} class="fl-review__fence" />
            ))}
      </svg>
      <DailyChart days={days} currency={currency} timeZone={timeZone} />
    </section>
  );
}
