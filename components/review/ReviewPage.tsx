import { useMemo } from 'preact/hooks';
import { dailyTotals } from '../../lib/domain/review/daily';
import { fences, OUTLIER_RULE, outlierOf } from '../../lib/domain/review/outliers';
import type { ReviewActions, ReviewState } from '../../lib/domain/review/page-state';
import { agentStats } from '../../lib/domain/review/stats';
import { rt } from '../../lib/i18n/review-catalogue';
import { AgentSummary } from './AgentSummary';
import { ApprovalQueue } from './ApprovalQueue';
import { ExportButton } from './ExportButton';
import { time } from './format';
import { GatewayRefusals } from './GatewayRefusals';
import { IndexDisagreements } from './IndexDisagreements';
import { accountFailureText, failureText } from './model/failure';
import { PeriodPicker } from './PeriodPicker';
import { RetroStack } from './RetroStack';
import { ReviewChart } from './ReviewChart';
import { ReviewTable } from './ReviewTable';
import { SuspectNotes } from './SuspectNotes';

/**
 * The review tab. Progress arrives many times a second while the helpdesk is
 * read: the sections are memoized and their props kept stable (useMemo), so
 * only the status line renders again.
 */
export function ReviewPage({ state, actions }: { state: ReviewState; actions: ReviewActions }) {
  const { data } = state;
  const rows = data?.rows ?? [];
  const summary = useMemo(() => {
    const stats = agentStats(rows, data?.counts ?? []);
    const bounds = fences(stats.map((s) => s.total));
    return { bounds, agents: stats.map((s) => ({ ...s, outlier: outlierOf(s.total, bounds) })) };
  }, [rows, data]);
  const days = useMemo(
    () => (data ? dailyTotals(rows, { start: data.start, end: data.end }, data.timeZone) : []),
    [rows, data],
  );
  const solvedRows = useMemo(() => rows.filter((r) => r.solved === true), [rows]);
  const names = useMemo(() => new Map(rows.map((r) => [`${r.account}:${r.agentId}`, r.agentName])), [rows]);
  const currency = rows[0]?.currency ?? 'USD';
  return (
    <main class="fl fl-review">
      <header class="fl-review__header">
        <h1>{rt('review_title')}</h1>
        <PeriodPicker choice={state.choice} loading={state.loading} onLoad={actions.load} />
        {data && (
          <ExportButton rows={rows} name={`credits-${new Date(data.start).toISOString().slice(0, 10)}.csv`} />
        )}
      </header>
      <div class="fl-review__status" aria-live="polite" data-testid="review-status">
        {state.progress && rt('review_progress', state.progress)}
        {state.error && <span class="fl-review__error">{failureText(state.error)}</span>}
        {data?.partial && <span>{rt('review_so_far', { grants: rows.length })}</span>}
        {data && !data.partial && !state.loading && (
          <span>
            {rt('review_range', { from: time(data.start), to: time(data.end), zone: data.timeZone })} ·{' '}
            {rt('review_loaded', {
              grants: rows.length,
              tickets: data.tickets,
              read: data.read,
              seconds: Math.round(data.ms / 100) / 10,
            })}
          </span>
        )}
        {data && data.missed > 0 && (
          <span class="fl-review__error">{rt('review_missed', { missed: data.missed })}</span>
        )}
        {data && data.errors.length > 0 && (
          <span class="fl-review__error">
            {rt('review_errors', {
              errors: (data.failures?.map((f) => accountFailureText(f)) ?? data.errors).join('; '),
            })}
          </span>
        )}
      </div>
      {data && (
        <div class="fl-review__grid">
          <ApprovalQueue
            loading={data.partial}
            queue={data.queue}
            decisions={state.decisions}
            onApprove={actions.approve}
            onDecline={actions.decline}
          />
          {data.refusals && <GatewayRefusals refusals={data.refusals} />}
          <SuspectNotes loading={data.partial} suspects={data.suspects} />
          <IndexDisagreements loading={data.partial} disagreements={data.disagreements} names={names} />
          <AgentSummary
            agents={summary.agents}
            currency={currency}
            rule={summary.bounds ? OUTLIER_RULE : null}
            counting={data.partial}
          />
          <ReviewChart agents={summary.agents} currency={currency} days={days} timeZone={data.timeZone} />
          <RetroStack
            rows={solvedRows}
            conversation={state.conversation}
            coached={state.coached}
            onOpen={actions.conversation}
            onCoach={actions.coach}
          />
          <ReviewTable rows={rows} />
        </div>
      )}
    </main>
  );
}
