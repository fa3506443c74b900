import type { Case } from '../domain/model';
import { agentCreditTag, CREDIT_TAG } from '../domain/tags';
import type { TicketQuery } from '../helpdesks/adapter';
import { searchAll } from '../helpdesks/search-walk';
import { taggedAgents } from './index-check';
import type { AccountSource } from './source';

const DAY_MS = 86_400_000;
const toDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);
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

/**
 * Every `frontline_credit` ticket updated in [from, until) (and after
 * `updatedSince`), with the ledger field each search result carries. Days are
 * halved until each part fits what one search serves (Zendesk 1,000, Freshdesk
 * 300). A single day past that (Freshdesk at 6,000 tickets a week holds ~850 a
 * day) is split by agent: each agent's `fl_credit_{id}` tickets over the span of
 * the full days, for the agents this browser knows (`knownAgents`) and those the
 * tickets found so far name in their tags, until no new agent turns up. A ticket
 * of a full day that no agent's tag leads to (a grant from before the index, or
 * an agent nobody named) is counted as missed, not silently dropped.
 */
export async function searchCreditTickets(
  src: AccountSource,
  span: Pick<TicketQuery, 'from' | 'until' | 'updatedSince'> & { until: string },
  knownAgents: readonly string[],
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
  async function walk(from: number, until: number): Promise<void> {
    const answer = await src.adapter.searchTickets(src.client, src.account, {
      ...query,
      from: toDay(from),
      until: toDay(until),
    });
    for (const c of answer.cases) found.set(c.ref.id, c);
    const days = Math.round((until - from) / DAY_MS);
    if (answer.complete || reachedSince(answer.cases)) return;
    if (days <= 1) {
      full.push({ day: toDay(from), total: answer.total });
      return;
    }
    const middle = from + Math.floor(days / 2) * DAY_MS;
    await walk(from, middle);
    await walk(middle, until);
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
