import type { CustomerView } from '../lib/domain/snapshot';
import { t, tp } from '../lib/i18n/t';
import { summarizeCredits } from './model/credits';
import { freshnessText } from './model/freshness';
import { initialsOf } from './model/initials';
import { formatMoney } from './model/money';
import type { SectionState } from './model/section';
import { Section } from './Section';

interface Props {
  state: SectionState<CustomerView>;
  now: number;
  onRetry: () => void;
}

function Credits({ view }: { view: CustomerView }) {
  const summary = summarizeCredits(view.credits);
  if (summary.byAgent.length === 0) return <p class="fl-line fl-muted">{t('credits_none')}</p>;
  return (
    <ul class="fl-credits">
      {summary.byAgent.map(({ agentName, amounts }) => (
        <li key={agentName}>
          <span class="fl-name" dir="auto">
            {agentName}
          </span>
          <span class="fl-amount" dir="auto">
            {amounts.map((m) => formatMoney(m.amount, m.currency)).join(' + ')}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Who the customer is, how often they write, and what they were credited lately. */
export function CustomerCard({ state, now, onRetry }: Props) {
  return (
    <Section
      testId="customer-card"
      title={t('customer_title')}
      state={state}
      onRetry={onRetry}
      aside={state.data !== null && <span>{freshnessText(state.updatedAt, now)}</span>}
    >
      {(view) => {
        const { customer } = view;
        const totals = summarizeCredits(view.credits).totals;
        return (
          <>
            <div class="fl-person">
              <span class="fl-avatar" aria-hidden="true">
                {initialsOf(customer.name)}
              </span>
              <div class="fl-person__text">
                <p class="fl-line fl-name" dir="auto">
                  {customer.name}
                </p>
                <p class="fl-line fl-muted">
                  {[customer.email ?? t('customer_no_email'), customer.organization]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
              </div>
            </div>
            <ul class="fl-stats">
              <li class="fl-chip">{tp('tickets_total', view.totalTickets)}</li>
              <li class="fl-chip">{tp('tickets_open', view.openTickets)}</li>
              {totals.map((m) => (
                <li key={m.currency} class="fl-chip fl-amount" dir="auto">
                  {formatMoney(m.amount, m.currency)}
                </li>
              ))}
            </ul>
            <h3 class="fl-sub">{t('credits_title')}</h3>
            <Credits view={view} />
          </>
        );
      }}
    </Section>
  );
}
