import { outboxTimer } from '../../db/outbox-timer';
import type { FrontlineDb } from '../../db/schema';
import type { Agent } from '../../domain/model';
import type { HelpdeskKind, TicketRef } from '../../domain/ticket-ref';
import type { HelpdeskAdapter } from '../../helpdesks/adapter';
import type { CaseworkServiceDeps } from './deps';
import { createCaseworkService } from './service';

export const CASEWORK_DRAIN_ALARM = 'frontline-casework-drain';

interface CaseworkRuntimeDeps {
  db: FrontlineDb;
  adapterFor(kind: HelpdeskKind): HelpdeskAdapter;
  client: CaseworkServiceDeps['client'];
  changed(ticket: TicketRef): void;
  dueHours(): number;
}

/** The casework engine with the worker's parts: Web Locks, and the outbox drained on a timer and an alarm. */
export function createCaseworkRuntime(deps: CaseworkRuntimeDeps) {
  const service = createCaseworkService({
    ...deps,
    now: Date.now,
    withLock: <T>(name: string, work: () => Promise<T>) => navigator.locks.request(name, work) as Promise<T>,
  });
  const drain = outboxTimer(CASEWORK_DRAIN_ALARM, () => service.drain());

  // The agent's groups, asked once per account per worker life: they decide whose escalation it is.
  const groups = new Map<string, Promise<string[]>>();
  const myGroupIds = (ticket: TicketRef, me: Agent) => {
    let found = groups.get(ticket.account);
    if (!found) {
      const client = deps.client(ticket, 'view');
      found = deps.adapterFor(ticket.helpdesk).myGroupIds(client, ticket.account, me.id);
      found.catch(() => groups.delete(ticket.account));
      groups.set(ticket.account, found);
    }
    return found.catch(() => []);
  };

  return {
    drain,
    run: service.run,
    async view(ticket: TicketRef, me: Agent | null) {
      return service.view(ticket, me, me ? await myGroupIds(ticket, me) : []);
    },
  };
}

export type CaseworkRuntime = ReturnType<typeof createCaseworkRuntime>;
