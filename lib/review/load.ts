import type { PeriodBounds } from '../credit/period';
import { recordedGrantsIn } from '../db/review-queries';
import { disagreementsOf, lastReviewLoad, putReviewLoad, reviewTicketsOf } from '../db/review-ticket-queries';
import type { Case } from '../domain/model';
import type { AccountFailure } from '../domain/review/failure';
import type { DisagreementItem, LoadedReview, QueueItem, SuspectItem } from '../domain/review/page-data';
import type { PeriodChoice } from '../domain/review/period-choice';
import type { ReviewRow } from '../domain/review/review-row';
import type { SolvedCount } from '../domain/review/solved';
import type { AccountRef } from '../domain/ticket-ref';
import { choiceBounds } from './choice-bounds';
import type { ReviewDeps, ReviewReply } from './deps';
import { accountFailure, accountLine, NO_ACCOUNTS, policyFailure } from './failure';
import { loadFromGateway } from './gateway-load';
import { queueOf } from './queue';
import { ALL_NAMES, CACHED_NAMES, type NameFetch, namedRows } from './rows';
import { solvedCounts } from './solved-counts';
import { sourceOf } from './source';
import { suspectsOfPeriod } from './suspects';
import { readTeamGrants } from './team-read';
import { ticketAddress } from './ticket-address';

/** Pending requests are looked for this far back whatever period is shown. */
const QUEUE_DAYS = 30;
const DAY_MS = 86_400_000;
/** Rows shown while the helpdesk is read are refreshed at most this often. */
const PARTIAL_MS = 1_500;
/**
 * A reload searches tickets updated since the last complete load began, less this:
 * search lags minutes behind writes, so a ticket updated just before that load may
 * only now be listed.
 */
const SEARCH_LAG_MS = 15 * 60_000;
/** Solved counts (two requests per agent) are asked again once they are this old. */
const COUNTS_MS = 15 * 60_000;
/**
 * Customer names the cache lacks (a bounded number of requests a load, names.ts) are asked
 * again once the last asking is this old; meanwhile a reload names only its new rows' customers,
 * so one with nothing new asks none.
 */
const NAMES_MS = 15 * 60_000;

type Period = Pick<LoadedReview, 'start' | 'end' | 'timeZone'>;
type Totals = Pick<LoadedReview, 'tickets' | 'read' | 'missed'>;

/** Every account's part added up: rows, counts, queue, suspects, errors and totals. */
interface Gathered extends Totals {
  rows: ReviewRow[];
  counts: SolvedCount[];
  queue: QueueItem[];
  suspects: SuspectItem[];
  disagreements: DisagreementItem[];
  errors: string[];
  failures: AccountFailure[];
}

const emptyGathered = (): Gathered => ({
  rows: [],
  counts: [],
  queue: [],
  suspects: [],
  disagreements: [],
  errors: [],
  failures: [],
  tickets: 0,
  read: 0,
  missed: 0,
});

/** What this browser holds of the period, shown while the helpdesk is read: no counts, queue or suspects yet. */
const partialPeriod = (period: Period, rows: ReviewRow[], ms: number): LoadedReview => ({
  type: 'loaded',
  ...period,
  partial: true,
  ...emptyGathered(),
  rows,
  ms,
});

/**
 * Loads a period for the page: first what this browser holds (named from the
 * cache alone), then each account rebuilt from the helpdesk, growing the rows
 * as chunks are merged, with progress; then the whole period with the solved
 * counts, the approval queue and the suspect notes. An account that fails is
 * named with why; the others still load.
 */
export async function loadReview(deps: ReviewDeps, reply: ReviewReply, choice: PeriodChoice): Promise<void> {
  const started = deps.now();
  const policy = await deps.loadPolicy();
  // A gateway keeps one policy per account: without an account the answer is an error naming it.
  if (policy.gateway) return loadFromGateway(deps, reply, choice);
  if ('error' in policy) return reply({ type: 'failed', ...policyFailure(policy) });
  const bounds = choiceBounds(choice, started, policy.policy);
  const accounts = await deps.accounts();
  if (accounts.length === 0) return reply({ type: 'failed', ...NO_ACCOUNTS });
  const period: Period = { start: bounds.start, end: bounds.end, timeZone: policy.policy.timeZone };
  const statuses = new Map<string, Case['status']>();
  const stored = async (names: NameFetch) => {
    const rows: ReviewRow[] = [];
    for (const account of accounts) {
      for (const [key, t] of await reviewTicketsOf(deps.db, account.account)) statuses.set(key, t.status);
      rows.push(
        ...(await namedRows(
          deps,
          sourceOf(deps, account),
          await recordedGrantsIn(deps.db, account.account, bounds),
          statuses,
          names,
        )),
      );
    }
    return partialPeriod(period, rows, deps.now() - started);
  };
  const first = await stored(CACHED_NAMES);
  if (first.rows.length > 0) reply(first);
  let shownAt = deps.now();

  const all = emptyGathered();
  for (const account of accounts) {
    try {
      await loadAccount(deps, account, bounds, started, all, statuses, {
        progress: (done, of) => reply({ type: 'progress', loaded: all.read + done, of: all.read + of }),
        // The rows grow as chunks are merged, every PARTIAL_MS at most: each post renders the whole page.
        // The index's grants paint before any name is asked: Freshdesk reads one agent a request.
        merged: async (first) => {
          if (!first && deps.now() - shownAt < PARTIAL_MS) return;
          if (first) reply(await stored(CACHED_NAMES));
          reply(await stored({ agents: true, customers: false }));
          shownAt = deps.now();
        },
      });
    } catch (error) {
      const failure = accountFailure(account.account, error);
      all.failures.push(failure);
      all.errors.push(accountLine(failure));
    }
  }
  reply({ type: 'loaded', ...period, partial: false, ...all, ms: deps.now() - started });
}

interface LoadHooks {
  progress(done: number, of: number): void;
  merged(first: boolean): Promise<void>;
}

/**
 * One account's part of the period, added to `all`: its grants read from the team
 * index first (readTeamGrants), on a reload only what changed since the last
 * complete load; `statuses` learns every ticket's status the review has seen.
 */
async function loadAccount(
  deps: ReviewDeps,
  account: AccountRef,
  bounds: PeriodBounds,
  started: number,
  all: Gathered,
  statuses: Map<string, Case['status']>,
  hooks: LoadHooks,
): Promise<void> {
  const src = sourceOf(deps, account);
  const last = await lastReviewLoad(deps.db, account.account, bounds.start);
  const heldBefore = new Set((await recordedGrantsIn(deps.db, account.account, bounds)).map((g) => g.id));
  const since = last === null ? undefined : new Date(last.startedAt - SEARCH_LAG_MS).toISOString();
  const read = await readTeamGrants(deps, src, bounds, started, since, {
    progress: hooks.progress,
    merged: hooks.merged,
  });
  all.tickets += read.tickets.length;
  all.read += read.read;
  all.missed += read.missed;
  for (const [key, t] of await reviewTicketsOf(deps.db, account.account)) statuses.set(key, t.status);
  const namesDue = last === null || deps.now() - last.namedAt >= NAMES_MS;
  const own = await namedRows(
    deps,
    src,
    await recordedGrantsIn(deps.db, account.account, bounds),
    statuses,
    namesDue ? ALL_NAMES : { agents: true, customers: { heldBefore } },
  );
  all.rows.push(...own);
  const agents = [...new Set(own.map((r) => r.agentId))];
  const fresh =
    last !== null &&
    deps.now() - last.countedAt < COUNTS_MS &&
    agents.every((a) => last.counts.some((c) => c.agentKey === `${account.account}:${a}`));
  const whole = since === undefined && read.missed === 0;
  const counts = fresh ? last.counts : await solvedCounts(src, agents, bounds, whole ? read.tickets : null);
  all.counts.push(...counts);
  all.queue.push(...(await queueOf(deps, src, Math.min(bounds.start, started - QUEUE_DAYS * DAY_MS))));
  all.suspects.push(...(await suspectsOfPeriod(deps, src, bounds.start, bounds.end)));
  all.disagreements.push(
    ...(await disagreementsOf(deps.db, account.account))
      .filter((d) => Date.parse(d.at) >= bounds.start)
      .map((d) => ({ ...d, url: ticketAddress(d.ticket) })),
  );
  await putReviewLoad(deps.db, account.account, bounds.start, {
    startedAt: started,
    countedAt: fresh ? last.countedAt : deps.now(),
    counts,
    namedAt: namesDue ? deps.now() : last.namedAt,
  });
}
