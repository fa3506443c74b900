import type { Entry } from '../../domain/model';
import type { Client } from '../http';

/** How long an answer about who is an agent is reused (per worker life; a restart asks again). */
const AGENTS_FRESH_MS = 10 * 60_000;
const MARKER_OPENING = '[frontline:';

type AgentsById = (client: Client, account: string, ids: readonly string[]) => Promise<{ id: string }[]>;

/**
 * Freshdesk names a conversation's author (`user_id`) but not whether they are an
 * agent, and keeps no audit trail. Only notes that carry a marker need to know, so
 * only their authors are read (an agent by id; a contact's id answers 404), and
 * the answer is reused for a while: a ledger scan meets the same reps on every ticket.
 */
export function createAuthorCheck(agentsById: AgentsById, now: () => number = Date.now) {
  const known = new Map<string, { agent: boolean; at: number }>();
  const keyOf = (account: string, id: string) => `${account} ${id}`;

  return async (client: Client, account: string, entries: readonly Entry[]): Promise<Entry[]> => {
    const needed = (e: Entry) =>
      !e.public && !e.fromCustomer && e.authorId !== null && e.text.includes(MARKER_OPENING);
    const fresh = (id: string) => (known.get(keyOf(account, id))?.at ?? -Infinity) > now() - AGENTS_FRESH_MS;
    const ask = [...new Set(entries.filter(needed).map((e) => e.authorId as string))].filter(
      (id) => !fresh(id),
    );
    if (ask.length > 0) {
      const agents = new Set((await agentsById(client, account, ask)).map((a) => a.id));
      for (const id of ask) known.set(keyOf(account, id), { agent: agents.has(id), at: now() });
    }
    return entries.map((e) => {
      const vouched = e.fromCustomer
        ? false
        : e.authorId === null
          ? undefined
          : known.get(keyOf(account, e.authorId))?.agent;
      // No trail to confirm against: the conversation's user_id is all Freshdesk tells.
      return { ...e, ...(vouched === undefined ? {} : { authorIsAgent: vouched }), authorConfirmed: true };
    });
  };
}
