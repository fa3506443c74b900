import { outboxTimer } from '../../db/outbox-timer';
import { hasAgent, putAgents } from '../../db/queries';
import { personKey } from '../../db/rows';
import type { FrontlineDb } from '../../db/schema';
import type { Agent } from '../../domain/model';
import type { HelpdeskKind, TicketRef } from '../../domain/ticket-ref';
import type { HelpdeskAdapter } from '../../helpdesks/adapter';
import type { CaseState } from '../case-state';
import type { CaseworkServiceDeps } from './deps';
import { createMyGroups } from './my-groups';
import { createCaseworkService } from './service';
import { storedMyGroups } from './stored-my-groups';

export const CASEWORK_DRAIN_ALARM = 'frontline-casework-drain';

interface CaseworkRuntimeDeps {
  db: FrontlineDb;
  adapterFor(kind: HelpdeskKind): HelpdeskAdapter;
  client: CaseworkServiceDeps['client'];
  changed(ticket: TicketRef): void;
  dueHours(): number | Promise<number>;
}

/** The casework engine with the worker's parts: Web Locks, and the outbox drained on a timer and an alarm. */
export function createCaseworkRuntime(deps: CaseworkRuntimeDeps) {
  const service = createCaseworkService({
    ...deps,
    now: Date.now,
    withLock: <T>(name: string, work: () => Promise<T>) => navigator.locks.request(name, work) as Promise<T>,
  });
  const drain = outboxTimer(CASEWORK_DRAIN_ALARM, () => service.drain());

  const myGroups = createMyGroups({
    ask: storedMyGroups({
      db: deps.db,
      now: Date.now,
      read: (ticket, me) =>
        deps.adapterFor(ticket.helpdesk).myGroupIds(deps.client(ticket, 'view'), ticket.account, me.id),
    }),
    changed: deps.changed,
    now: Date.now,
  });

  // The owner of another case of this customer may be an agent the sync never needed a name for.
  const asked = new Set<string>();
  const nameAgent = async (ticket: TicketRef, agentId: string) => {
    const key = personKey(ticket.account, agentId);
    if (asked.has(key) || (await hasAgent(deps.db, key))) return;
    asked.add(key);
    try {
      const client = deps.client(ticket, 'background');
      await putAgents(
        deps.db,
        await deps.adapterFor(ticket.helpdesk).agents(client, ticket.account, [agentId]),
        Date.now(),
      );
      deps.changed(ticket);
    } catch {
      asked.delete(key);
    }
  };

  return {
    drain,
    run: service.run,
    async view(ticket: TicketRef, me: Agent | null, state: CaseState | null) {
      const groups = me ? myGroups(ticket, me) : [];
      if (groups === null) return null;
      const view = await service.view(ticket, me, groups, state);
      const owner = view?.continuity?.ownerId;
      if (owner) void nameAgent(ticket, owner);
      return view;
    },
  };
}

export type CaseworkRuntime = ReturnType<typeof createCaseworkRuntime>;
