import { memo } from 'preact/compat';
import type { OutlierFlag } from '../../lib/domain/review/outliers';
import { SHARE_RULE } from '../../lib/domain/review/solved';
import type { AgentStats } from '../../lib/domain/review/stats';
import { rt } from '../../lib/i18n/review-catalogue';
import { money, percent } from './format';

export interface AgentLine extends AgentStats {
  outlier: OutlierFlag;
}

interface Props {
  agents: readonly AgentLine[];
  currency: string;
  /** The outlier rule when the team is big enough to have fences. */
  rule: string | null;
  /** Counts not in yet (the first paint from the cache). */
  counting: boolean;
}

export const AgentSummary = memo(function AgentSummary({ agents, currency, rule, counting }: Props) {
  return (
    <section class="fl-review__card" data-testid="review-agent-summary">
      <h2>{rt('review_agents')}</h2>
      <table class="fl-review__table">
        <thead>
          <tr>
            <th>{rt('review_col_agent_name')}</th>
            <th>{rt('review_col_count')}</th>
            <th>{rt('review_col_total')}</th>
            <th>{rt('review_col_median')}</th>
            <th>{rt('review_col_share')}</th>
          </tr>
        </thead>
        <tbody>
          {agents.map((a) => (
            <tr
              key={a.agentKey}
              data-testid="review-agent"
              data-agent-key={a.agentKey}
              data-agent={a.agentName}
              data-count={a.count}
              data-total={a.total}
              data-share={a.solvedShare ?? ''}
              data-outlier={a.outlier ?? 'no'}
            >
              <td>
                {a.agentName}
                {a.outlier && (
                  <span class={`fl-review__flag fl-review__flag--${a.outlier}`}>
                    {' '}
                    {rt(a.outlier === 'high' ? 'review_outlier_high' : 'review_outlier_low')}
                  </span>
                )}
              </td>
              <td>{a.count}</td>
              <td class="fl-amount">{money(a.total, currency)}</td>
              <td class="fl-amount">{money(a.median, currency)}</td>
              <td>
                {a.solvedShare !== null
                  ? percent(a.solvedShare)
                  : counting
                    ? rt('review_counting')
                    : rt('review_unknown_share')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="fl-review__muted">
        {rule === null ? rt('review_outlier_none') : rt('review_outlier_rule', { rule })}
      </p>
      <p class="fl-review__muted">{rt('review_share_rule', { rule: SHARE_RULE })}</p>
    </section>
  );
});
