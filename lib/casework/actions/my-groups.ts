import type { Agent } from '../../domain/model';
import type { TicketRef } from '../../domain/ticket-ref';

/** After a failed ask, the sidebar works without the agent's groups this long before asking again. */
export const GROUPS_RETRY_MS = 60_000;

export interface MyGroupsDeps {
  ask(ticket: TicketRef, me: Agent): Promise<string[]>;
  /** The answer (or the failure) came: the ticket's sidebar is published again. */
  changed(ticket: TicketRef): void;
  now(): number;
}

/**
 * The agent's groups (they decide whose escalation it is), asked once per
 * account per worker life. A publish never waits on the helpdesk for them:
 * publishing is serial per ticket, so one slow answer after a worker restart
 * held back every snapshot behind it (a grant's "Recording…" never showed).
 * Until the answer comes the casework view is not ready (null) and the
 * answer republishes; a failure counts as no groups until the retry time.
 */
export function createMyGroups(deps: MyGroupsDeps) {
  const known = new Map<string, { ids: string[]; until: number }>();
  const asking = new Set<string>();
  return (ticket: TicketRef, me: Agent): string[] | null => {
    const found = known.get(ticket.account);
    if (found && found.until > deps.now()) return found.ids;
    if (!asking.has(ticket.account)) {
      asking.add(ticket.account);
      deps
        .ask(ticket, me)
        .then(
          (ids) => known.set(ticket.account, { ids, until: Number.POSITIVE_INFINITY }),
          () => known.set(ticket.account, { ids: [], until: deps.now() + GROUPS_RETRY_MS }),
        )
        .finally(() => {
          asking.delete(ticket.account);
          deps.changed(ticket);
        });
    }
    return found?.ids ?? null;
  };
}
