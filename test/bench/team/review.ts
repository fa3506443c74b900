import { readPolicy } from '../../../lib/credit/policy';
import type { AuthorityPolicyInput } from '../../../lib/domain/policy';
import type { HelpdeskKind } from '../../../lib/domain/ticket-ref';
import { adapterFor } from '../../../lib/helpdesks/adapters';
import { loadReview } from '../../../lib/review/load';
import type { BackgroundToReview } from '../../../lib/review/protocol';
import type { Priority } from '../../../lib/transport/job-queue';
import type { Browser } from './rep';
import type { Traffic } from './traffic';
import type { VirtualTime } from './virtual-time';

export interface ReviewLoadFigures {
  /** Virtual ms from the click to the first rows holding every grant of the week (per-agent totals); null: never. */
  totalsMs: number | null;
  /** Virtual ms to the final `loaded` (names, counts, queue, suspects). */
  everythingMs: number | null;
  requests: number;
  rows: number;
  tickets: number;
  read: number;
  missed: number;
  errors: string[];
}

/**
 * The manager opens the review for the policy's week (first load, fresh profile), then
 * loads it again with nothing new: the real loadReview on the manager's own browser, whose
 * scheduler takes its share of the plan. Time is the virtual clock's, shared with the
 * simulator's rate limiter, so waiting for the limit counts.
 */
export async function managerReview(options: {
  manager: Browser;
  time: VirtualTime;
  traffic: Traffic;
  policy: AuthorityPolicyInput;
  host: string;
  helpdesk: HelpdeskKind;
  /** Grants of the week in the notes: the rows that make the per-agent totals whole. */
  truthGrants: number;
  /** Give up after this much virtual time. */
  limitMs: number;
}): Promise<{ first: ReviewLoadFigures; reload: ReviewLoadFigures }> {
  const { manager, time, traffic } = options;
  const deps = {
    db: manager.db,
    adapterFor,
    client: (_a: unknown, priority: Priority) => manager.client('review', priority),
    loadPolicy: async () => readPolicy(undefined, options.policy),
    accounts: async () => [{ helpdesk: options.helpdesk, account: options.host }],
    now: time.now,
    grant: manager.credit.grant,
    undo: manager.credit.undo,
    drain: () => undefined,
    changed: () => undefined,
    withLock: manager.withLock,
    notesWaiting: () => undefined,
  };
  const once = async (): Promise<ReviewLoadFigures> => {
    const started = time.now();
    const before = traffic.total(manager.who, 'review');
    const figures: ReviewLoadFigures = {
      totalsMs: null,
      everythingMs: null,
      requests: 0,
      rows: 0,
      tickets: 0,
      read: 0,
      missed: 0,
      errors: [],
    };
    const reply = (message: BackgroundToReview) => {
      if (message.type === 'failed') figures.errors.push(message.message);
      if (message.type !== 'loaded') return;
      if (figures.totalsMs === null && message.rows.length >= options.truthGrants)
        figures.totalsMs = time.now() - started;
      if (!message.partial) {
        figures.everythingMs = time.now() - started;
        Object.assign(figures, {
          rows: message.rows.length,
          tickets: message.tickets,
          read: message.read,
          missed: message.missed,
        });
        figures.errors.push(...message.errors);
      }
    };
    let done = false;
    const load = loadReview(deps, reply, 'policy').finally(() => {
      done = true;
    });
    while (!done && time.now() - started < options.limitMs) await time.runUntil(time.now() + 5_000);
    if (!done) figures.errors.push(`not finished after ${Math.round(options.limitMs / 60_000)} min`);
    else await load;
    figures.requests = traffic.total(manager.who, 'review') - before;
    return figures;
  };
  const first = await once();
  const reload = await once();
  return { first, reload };
}
