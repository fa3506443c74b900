import { putAgents } from '@/lib/db/queries';
import { openDb } from '@/lib/db/schema';
import { encodeIndex, type IndexedGrant } from '@/lib/domain/grant-index';
import { creditNoteText } from '@/lib/domain/note-text';
import { agentCreditTag } from '@/lib/domain/tags';
import { refKey } from '@/lib/domain/ticket-ref';
import type { BackgroundToReview } from '@/lib/review/protocol';
import { agent, fakeHelpdesk, ticketRef } from './fake-helpdesk';
import { fakeReviewRuntime } from './fake-runtime';

/** Sunday evening: the week's grants are all in. */
const NOW = Date.parse('2026-11-22T20:00:00Z');
const WEEK_START = Date.parse('2026-11-16T00:30:00Z');
/** Issue 17's budget for a reload with nothing new. */
export const RELOAD_REQUESTS = 5;
export const AGENTS = 200;
export const TICKETS = 6000;
export const GRANTS = 10_000;
/** Issue 17's budget: a 20 % share of 700 requests a minute. */
export const PER_MINUTE = 140;

/**
 * The manager review of a 200-rep week (6,000 tickets, 10,000 grants, every
 * ticket indexed) against a fake helpdesk that pages as Zendesk (100 a page,
 * 1,000 a search) or Freshdesk (30 a page, 300 a search, whole days) does. It counts
 * the requests made before the per-agent totals are shown and in all, and turns
 * them into minutes at the budget's rate. `week` says over how many days the grants
 * fall (6.5: Sunday evening; 3.3: Thursday morning, as bench:team's day, ~1,800
 * tickets a day) and when the manager opens the review.
 */
export async function weekOfTeam(
  pages: { cap: number; pageSize: number; byDay?: boolean },
  knownAgents: boolean,
  week: { days: number; now: number } = { days: 6.5, now: NOW },
  /** Changes to the helpdesk before the first load. */
  prepare: (helpdesk: ReturnType<typeof fakeHelpdesk>) => void = () => undefined,
) {
  let now = week.now;
  const helpdesk = fakeHelpdesk(() => now);
  helpdesk.index.field = true;
  Object.assign(helpdesk.index, pages);
  const agents = Array.from({ length: AGENTS }, (_, i) => agent(String(1000 + i), `Agent ${i}`));
  for (const a of agents) helpdesk.agents.set(a.id, a);
  const lines = new Map<number, IndexedGrant[]>();
  for (let g = 0; g < GRANTS; g++) {
    // Neighbouring grants share a ticket, so tickets are updated evenly over the week.
    const t = Math.floor((g * TICKETS) / GRANTS);
    const ref = ticketRef(100_000 + t);
    const who = agents[(g * 7) % AGENTS]!;
    const customer = String(5000 + t);
    // Spread over the week, ~860 tickets a day: past Freshdesk's 300 a search, inside Zendesk's 1,000.
    const at = new Date(WEEK_START + Math.floor((g * week.days * 86_400) / GRANTS) * 1000).toISOString();
    const id = `77777777-7777-4777-8777-${String(g).padStart(12, '0')}`;
    helpdesk.requesters.set(ref.id, customer);
    helpdesk.note(
      ref,
      creditNoteText(
        {
          kind: 'credit',
          id,
          amount: 500,
          currency: 'USD',
          agent: who.id,
          customer,
          reason: 'Late delivery',
        },
        who.name,
      ),
      who.id,
      at,
    );
    helpdesk.tag(ref, 'frontline_credit', at);
    helpdesk.tag(ref, agentCreditTag(who.id), at);
    lines.set(t, [
      ...(lines.get(t) ?? []),
      { id, agentId: who.id, customerId: customer, amount: 500, currency: 'USD', at },
    ]);
  }
  for (const [t, grants] of lines) helpdesk.ledgers.set(refKey(ticketRef(100_000 + t)), encodeIndex(grants));
  prepare(helpdesk);

  const db = openDb(`team-scale-${Math.random()}`);
  // A manager who has opened the review before holds the team's agents (names are cached).
  if (knownAgents) await putAgents(db, agents, NOW);
  const requestsNow = () => Object.values(helpdesk.requests).reduce((a, b) => a + b, 0);
  let atTotals: number | null = null;
  const messages: BackgroundToReview[] = [];
  const runtime = fakeReviewRuntime({
    db: db,
    adapter: helpdesk.adapter,
    now: () => now,
    perPeriod: 10000,
  });
  const port = {
    postMessage: (m: unknown) => {
      const message = m as BackgroundToReview;
      messages.push(message);
      if (atTotals === null && message.type === 'loaded' && message.rows.length === GRANTS)
        atTotals = requestsNow();
    },
  };
  await runtime.load(port, 'policy');
  const final = messages.findLast((m) => m.type === 'loaded');
  const total = requestsNow();
  /** The manager loads the period again `afterMs` later; what that asked, by kind. */
  const reload = async (afterMs: number) => {
    now += afterMs;
    const before = { ...helpdesk.requests };
    await runtime.load(port, 'policy');
    const asked = Object.fromEntries(
      Object.entries(helpdesk.requests).map(([k, v]) => [k, v - before[k as keyof typeof before]]),
    );
    return { asked, total: Object.values(asked).reduce((a, b) => a + b, 0), final: messages.at(-1) };
  };
  return { helpdesk, final, atTotals: atTotals ?? Number.NaN, total, reload };
}

export const minutes = (requests: number) => (requests / PER_MINUTE).toFixed(1);
