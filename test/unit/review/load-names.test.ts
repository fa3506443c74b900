import { describe, expect, it } from 'vitest';
import { openDb } from '@/lib/db/schema';
import { encodeIndex, type IndexedGrant } from '@/lib/domain/grant-index';
import { creditNoteText } from '@/lib/domain/note-text';
import { agentCreditTag } from '@/lib/domain/tags';
import { refKey } from '@/lib/domain/ticket-ref';
import type { BackgroundToReview } from '@/lib/review/protocol';
import { agent, fakeHelpdesk, ticketRef } from './fake-helpdesk';
import { fakeReviewRuntime } from './fake-runtime';

const NOW = Date.parse('2026-11-19T08:00:00Z');
const GRANTS = 50;

/**
 * 50 grants made in the five minutes before the manager's first load, each for a customer of
 * its own, on a helpdesk that reads one customer a request (Freshdesk): a load names at most
 * NAME_REQUESTS of them.
 */
async function lastMinutesOfTheDay() {
  let now = NOW;
  const helpdesk = fakeHelpdesk(() => now);
  helpdesk.index.field = true;
  const rep = agent('1001', 'Ada');
  helpdesk.agents.set(rep.id, rep);
  for (let g = 0; g < GRANTS; g++) {
    const ref = ticketRef(200_000 + g);
    const customer = String(7000 + g);
    const at = new Date(NOW - 5 * 60_000 + g * 1_000).toISOString();
    const id = `88888888-8888-4888-8888-${String(g).padStart(12, '0')}`;
    helpdesk.requesters.set(ref.id, customer);
    helpdesk.note(
      ref,
      creditNoteText(
        {
          kind: 'credit',
          id,
          amount: 500,
          currency: 'USD',
          agent: rep.id,
          customer,
          reason: 'Late delivery',
        },
        rep.name,
      ),
      rep.id,
      at,
    );
    helpdesk.tag(ref, 'frontline_credit', at);
    helpdesk.tag(ref, agentCreditTag(rep.id), at);
    const line: IndexedGrant = {
      id,
      agentId: rep.id,
      customerId: customer,
      amount: 500,
      currency: 'USD',
      at,
    };
    helpdesk.ledgers.set(refKey(ref), encodeIndex([line]));
  }
  const asked: string[][] = [];
  Object.assign(helpdesk.adapter, {
    customers: {
      perRequest: 1,
      read: async (_c: unknown, account: string, ids: readonly string[]) => {
        asked.push([...ids]);
        return ids.map((id) => ({
          helpdesk: 'zendesk' as const,
          account,
          id,
          name: `Name ${id}`,
          email: null,
          organization: null,
        }));
      },
    },
  });
  const messages: BackgroundToReview[] = [];
  const runtime = fakeReviewRuntime({
    db: openDb(`reload-names-${Math.random()}`),
    adapter: helpdesk.adapter,
    now: () => now,
    perPeriod: 100_000,
  });
  const port = { postMessage: (m: unknown) => void messages.push(m as BackgroundToReview) };
  /** Rows of the fullest `loaded` posted when the agents' names were first asked; null: never asked. */
  let rowsWhenAgentsAsked: number | null = null;
  const agents = helpdesk.adapter.agents;
  Object.assign(helpdesk.adapter, {
    agents: (...args: Parameters<typeof agents>) => {
      rowsWhenAgentsAsked ??= Math.max(0, ...messages.map((m) => (m.type === 'loaded' ? m.rows.length : 0)));
      return agents(...args);
    },
  });
  const load = async (afterMs: number) => {
    now += afterMs;
    asked.length = 0;
    await runtime.load(port, 'policy');
    return { asked: asked.flat(), final: messages.findLast((m) => m.type === 'loaded') };
  };
  return { load, rowsWhenAgentsAsked: () => rowsWhenAgentsAsked };
}

describe('customer names on a reload (issue 17)', () => {
  it('review reload with nothing new asks no customer name, not even for grants of the search lag window it already held; a later reload names the next ones', async () => {
    const { load } = await lastMinutesOfTheDay();
    const first = await load(0);
    expect(first.asked).toHaveLength(20);
    const again = await load(60_000);
    expect(again.final?.type === 'loaded' && again.final.rows.length).toBe(GRANTS);
    expect(again.asked).toEqual([]);
    // Once the last naming is 15 minutes old, a load names the next customers the cache lacks.
    const later = await load(15 * 60_000);
    expect(later.asked).toHaveLength(20);
    expect(later.asked.some((id) => first.asked.includes(id))).toBe(false);
  });

  it('review totals paint before agent names are asked: a first load posts every indexed grant before its first agent read (Freshdesk reads one agent a request)', async () => {
    const { load, rowsWhenAgentsAsked } = await lastMinutesOfTheDay();
    await load(0);
    expect(rowsWhenAgentsAsked()).toBe(GRANTS);
  });
});
