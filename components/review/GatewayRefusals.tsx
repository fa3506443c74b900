import { memo } from 'preact/compat';
import type { RefusalItem } from '../../lib/domain/review/page-data';
import { rt } from '../../lib/i18n/review-catalogue';
import { money, time } from './format';
import { refusalCodeText } from './model/refusal-code';

interface Props {
  refusals: readonly RefusalItem[];
}

/**
 * Grants the credit gateway refused (a forged id, another agent's note, over a limit): each
 * named with its ticket, the gateway's code and why in the manager's language (the gateway's
 * message for a code this page does not know). Moved nothing; shown so a manager sees who tried.
 */
export const GatewayRefusals = memo(function GatewayRefusals({ refusals }: Props) {
  return (
    <section class="fl-review__card" data-testid="gateway-refusals">
      <h2>{rt('review_refusals')}</h2>
      {refusals.length === 0 ? (
        <p>{rt('review_refusals_none')}</p>
      ) : (
        <ul>
          {refusals.map((r) => (
            <li key={r.grantId} data-testid="gateway-refusal" data-code={r.code} data-ticket={r.ticket.id}>
              <a href={r.url} target="_blank" rel="noreferrer">
                {rt('review_refusal_item', {
                  ticket: `#${r.ticket.id}`,
                  agent: r.agentName ?? r.agentId ?? '—',
                  amount: r.amount !== null ? ` (${money(r.amount, r.currency)})` : '',
                  at: time(r.at),
                })}
              </a>
              : <code>{r.code}</code> {refusalCodeText(r)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
