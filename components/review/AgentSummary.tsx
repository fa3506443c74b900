import type { OutlierFlag } from '../../lib/review/outliers';
import type { AgentStats } from '../../lib/review/stats';
import { money, percent } from './format';
import { rt } from './strings';

export interface AgentLine extends AgentStats {
  outlier: OutlierFlag;
}

interface Props {
  agents: readonly AgentLine[];
  currency: string;
  rule: string | null;
}

export function AgentSummary({ agents, currency, rule }: Props) {
  return (
    <section class="fl-review__card" data-testid="review-agent-summary">
      <h2>{rt('agents')}</h2>
      <table class="fl-review__table">
        <thead>
          <tr>
            <th>{rt('col_agentName')}</th>
            <th>{rt('col_count')}</th>
            <th>{rt('col_total')}</th>
            <th>{rt('col_median')}</th>
            <th>{rt('col_share')}</th>
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
              data-outlier={a.outlier ?? 'no'}
            >
              <td>
                {a.agentName}
                {a.outlier && (
                  <span class={`fl-review__flag fl-review__flag--${a.outlier}`}>
                    {' '}
                    {rt(`outlier_${a.outlier}`)}
                  </span>
                )}
              </td>
              <td>{a.count}</td>
              <td class="fl-amount">{money(a.total, currency)}</td>
              <td class="fl-amount">{money(a.median, currency)}</td>
              <td>{a.solvedShare === null ? rt('unknown_share') : percent(a.solvedShare)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="fl-review__muted">{rule === null ? rt('outlier_none') : rt('outlier_rule', { rule })}</p>
    </section>
  );
}
