import { getAccount, putMyGroups } from '../../db/queries';
import type { FrontlineDb } from '../../db/schema';
import type { Agent } from '../../domain/model';
import type { TicketRef } from '../../domain/ticket-ref';

/** How long the agent's groups read from the helpdesk are used before asking again. */
export const MY_GROUPS_FRESH_MS = 60 * 60_000;

interface StoredMyGroupsDeps {
  db: FrontlineDb;
  now(): number;
  /** The helpdesk's answer. */
  read(ticket: TicketRef, me: Agent): Promise<string[]>;
}

/**
 * The agent's groups from the database while fresh, else from the helpdesk and kept there.
 * Chrome stops an idle worker after 30 s, and my-groups.ts remembers only for a worker's life:
 * without this a rep's next ticket asked the helpdesk again after every restart.
 */
export const storedMyGroups =
  (deps: StoredMyGroupsDeps) =>
  async (ticket: TicketRef, me: Agent): Promise<string[]> => {
    const kept = (await getAccount(deps.db, ticket.account))?.myGroups;
    if (kept !== undefined && kept.agentId === me.id && kept.at > deps.now() - MY_GROUPS_FRESH_MS)
      return kept.ids;
    const ids = await deps.read(ticket, me);
    await putMyGroups(deps.db, ticket.account, ticket.helpdesk, { agentId: me.id, ids, at: deps.now() });
    return ids;
  };
