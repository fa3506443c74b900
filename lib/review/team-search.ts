import type { Case } from '../domain/model';
import { agentCreditTag, CREDIT_TAG } from '../domain/tags';
import type { TicketQuery } from '../helpdesks/adapter';
import { searchAll } from '../helpdesks/search-walk';
import { taggedAgents } from './index-check';
import type { AccountSource } from './source';

const DAY_MS = 86_400_000;
/** A part of a day this short holding more than one search serves is not split further. */
const SHORTEST_PART_MS = 60_000;
const toDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);
const isDayStart = (ms: number): boolean => ms % DAY_MS === 0;
/** Per-agent searches in flight at once; the scheduler still budgets them. */
const PARALLEL = 4;

export interface CreditSearch {
  cases: Case[];
  /** Tagged tickets of days past the cap that neither the day's pages nor an agent's search listed. */
  missed: number;
}

interface FullDay {
  day: string;
  total: number;
}

/** Ticket id → the `updatedAt` this browser last saw of it: what a reload may stop at. */
export type HeldTickets = (id: string) => string | undefined;

/**
 * Where a part [from, until) that one search cannot list is halved: at a day boundary while
 * it spans days; inside a day only where search compares to the second (Zendesk), at a whole
 * second; null when it cannot be split further.
 */
function middleOf(from: number, until: number, searchTime: 'second' | 'day'): number | null {
  const days = Math.floor((until - from) / DAY_MS);
  if (days > 1 || (days === 1 && !isDayStart(from))) {
    const middle = Math.ceil(from / DAY_MS) * DAY_MS + Math.floor(days / 2) * DAY_MS;
    if (middle > from && middle < until) return middle;
  }
  if (searchTime === 'day' || until - from <= SHORTEST_PART_MS) return null;
  return from + Math.floor((until - from) / 2_000) * 1_000;
}

/**
 * The search of the part [from, until): whole days as days; a bound inside a day as an
 * instant (`updated>from−1 s` is `updated>=from` on a clock of whole seconds), or the
 * reload's `updatedSince` where that is later.
 */
function partQuery(query: TicketQuery & { tag: string }, from: number, until: number): TicketQuery {
  const since = query.updatedSince === undefined ? null : Date.parse(query.updatedSince);
  const lower = isDayStart(from) ? since : Math.max(since ?? 0, from - 1_000);
  return {
    tag: query.tag,
    from: toDay(from),
    until: toDay(Math.ceil(until / DAY_MS) * DAY_MS),
    ...(lower === null ? {} : { updatedSince: new Date(lower).toISOString() }),
    ...(isDayStart(until) ? {} : { updatedBefore: new Date(until).toISOString() }),
  };
}

/**
 * Every `frontline_credit` ticket updated in [from, until) (and after
 * `updatedSince`), with the ledger field each search result carries. The span is
 * halved until each part fits what one search serves (Zendesk 1,000, Freshdesk
 * 300): by days, and on Zendesk, whose search compares to the second, inside a day
 * too (6,000 tickets by Thursday hold ~1,800 a day: two parts of a day, not one
 * search per agent). A single day past the cap where search compares days only
 * (Freshdesk at 6,000 tickets a week holds ~850 a day) is split by agent: each
 * agent's `fl_credit_{id}` tickets over the span of the full days, for the agents
 * this browser knows (`knownAgents`) and those the tickets found so far name in
 * their tags, until no new agent turns up. A ticket of a full day that no agent's
 * tag leads to (a grant from before the index, or an agent nobody named) is counted
 * as missed, not silently dropped.
 *
 * A reload (`updatedSince`) reads the first page alone before anything else: results
 * come newest update first, so once that page reaches a ticket this browser holds at
 * the same update (`held`), everything older was listed before (search indexes
 * updates in the order they happen) and the page is the whole answer.
 */
export async function searchCreditTickets(
  src: AccountSource,
  span: Pick<TicketQuery, 'from' | 'until' | 'updatedSince'> & { until: string },
  knownAgents: readonly string[],
  held: HeldTickets = () => undefined,
): Promise<CreditSearch> {
  const found = new Map<string, Case>();
  const full: FullDay[] = [];
  const query = { ...span, tag: CREDIT_TAG };
  const since = span.updatedSince === undefined ? null : Date.parse(span.updatedSince);
  /**
   * Results come newest update first: a first page that reaches back to `updatedSince`
   * holds every ticket updated after it, although the search counts more (Freshdesk
   * rounds `updatedSince` down to its day). A reload of a busy day stops there.
   */
  const reachedSince = (cases: readonly Case[]): boolean =>
    since !== null && cases.some((c) => Date.parse(c.updatedAt) <= since);
  const reachedHeld = (cases: readonly Case[]): boolean => cases.some((c) => held(c.ref.id) === c.updatedAt);
  const searchTime = src.adapter.searchTime;
  async function walk(from: number, until: number): Promise<void> {
    const answer = await src.adapter.searchTickets(src.client, src.account, partQuery(query, from, until));
    for (const c of answer.cases) found.set(c.ref.id, c);
    if (answer.complete || reachedSince(answer.cases)) return;
    const middle = middleOf(from, until, searchTime);
    if (middle === null) {
      full.push({ day: toDay(from), total: answer.total });
      return;
    }
    await walk(from, middle);
    await walk(middle, until);
  }
  if (since !== null) {
    const first = await src.adapter.searchTickets(src.client, src.account, { ...query, firstPage: true });
    for (const c of first.cases) found.set(c.ref.id, c);
    if (first.complete || reachedSince(first.cases) || reachedHeld(first.cases))
      return { cases: [...found.values()], missed: 0 };
  }
  await walk(dayMs(span.from), dayMs(span.until));
  if (full.length === 0) return { cases: [...found.values()], missed: 0 };

  const fullMs = full.map((d) => dayMs(d.day));
  const fullSpan = {
    from: toDay(Math.min(...fullMs)),
    until: toDay(Math.max(...fullMs) + DAY_MS),
    ...(span.updatedSince === undefined ? {} : { updatedSince: span.updatedSince }),
  };
  const searched = new Set<string>();
  const agentsToSearch = () =>
    [...new Set([...knownAgents, ...[...found.values()].flatMap((c) => [...taggedAgents(c.tags)])])].filter(
      (a) => !searched.has(a),
    );
  for (let next = agentsToSearch(); next.length > 0; next = agentsToSearch()) {
    for (let i = 0; i < next.length; i += PARALLEL) {
      const batch = next.slice(i, i + PARALLEL);
      for (const a of batch) searched.add(a);
      const answers = await Promise.all(
        batch.map((a) =>
          searchAll(src.adapter, src.client, src.account, { ...fullSpan, tag: agentCreditTag(a) }),
        ),
      );
      for (const { cases } of answers)
        for (const c of cases) if (c.tags.includes(CREDIT_TAG)) found.set(c.ref.id, c);
    }
  }
  const cases = [...found.values()];
  const missed = full.reduce(
    (sum, d) =>
      sum + Math.max(0, d.total - cases.filter((c) => toDay(Date.parse(c.updatedAt)) === d.day).length),
    0,
  );
  return { cases, missed };
}
