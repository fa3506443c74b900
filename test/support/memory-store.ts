import type { HistoryCompleteness } from '../../lib/domain/history-completeness';
import type { Agent, AssignmentChange, Case, Entry, Group } from '../../lib/domain/model';
import { refKey, type TicketRef } from '../../lib/domain/ticket-ref';
import type { CachedContext, ContextStore } from '../../lib/sync/store';

/** A ContextStore in plain maps, for tests of the sync logic. */
export function memoryStore(now: () => number = Date.now): ContextStore & { cases: Map<string, Case> } {
  const cases = new Map<string, Case>();
  const requesters = new Map<string, CachedContext['requester']>();
  const entries = new Map<string, Entry[]>();
  const trails = new Map<string, AssignmentChange[]>();
  const agents = new Map<string, Agent>();
  const groups = new Map<string, Group>();
  const history = new Map<
    string,
    { total: number | null; at: number; completeness: HistoryCompleteness | undefined }
  >();
  const me = new Map<string, Agent>();
  const groupsListed = new Map<string, number>();
  const touched = new Map<string, number>();

  return {
    cases,
    async read(ref: TicketRef) {
      const current = cases.get(refKey(ref)) ?? null;
      const requesterKey = current ? `${ref.account}:${current.requesterId}` : '';
      const done = history.get(requesterKey);
      return {
        case: current,
        requester: current ? (requesters.get(requesterKey) ?? null) : null,
        historyComplete: done !== undefined,
        historyTotal: done?.total ?? null,
        historyCompleteness: done?.completeness ?? null,
        historyFetchedAt: done?.at ?? null,
        entries: entries.get(refKey(ref)) ?? null,
        trail: trails.get(refKey(ref)) ?? null,
        agents: [...agents.values()],
        groups: [...groups.values()],
        grants: [],
        me: me.get(ref.account) ?? null,
        groupsListedAt: groupsListed.get(ref.account) ?? null,
      };
    },
    async readRequester(account, requesterId) {
      const done = history.get(`${account}:${requesterId}`);
      return {
        historyComplete: done !== undefined,
        historyTotal: done?.total ?? null,
        historyCompleteness: done?.completeness ?? null,
        historyFetchedAt: done?.at ?? null,
        grants: [],
      };
    },
    async readHistory(account, requesterId) {
      return [...cases.values()].filter((c) => c.ref.account === account && c.requesterId === requesterId);
    },
    async writeTicket(context) {
      cases.set(refKey(context.case.ref), context.case);
      requesters.set(`${context.case.ref.account}:${context.requester.id}`, context.requester);
      for (const agent of context.agents) agents.set(agent.id, agent);
      for (const group of context.groups) groups.set(group.id, group);
    },
    async writeHistoryPage(_account, _requesterId, page) {
      for (const item of page) cases.set(refKey(item.ref), item);
    },
    async finishHistory(account, requesterId, total, at, completeness) {
      history.set(`${account}:${requesterId}`, { total, at, completeness });
    },
    async writeEntries(ref, list) {
      entries.set(refKey(ref), list);
    },
    async readEntries(ref) {
      return entries.get(refKey(ref)) ?? null;
    },
    async writeTrail(ref, trail) {
      trails.set(refKey(ref), trail);
    },
    async writeAgents(list) {
      for (const agent of list) agents.set(agent.id, agent);
    },
    async writeGroupList(account, _helpdesk, list) {
      for (const group of list) groups.set(group.id, group);
      groupsListed.set(account, now());
    },
    async writeMe(account, agent) {
      me.set(account, agent);
    },
    async clearMe(account) {
      me.delete(account);
    },
    async touch(ref, at) {
      touched.set(refKey(ref), at);
    },
  };
}
