import { SAMPLE_CUSTOMER_EMAIL } from './generate';
import type {
  Helpdesk,
  SimAccount,
  SimAudit,
  SimComment,
  SimGroup,
  SimThread,
  SimTicket,
  SimUser,
} from './model';

/** What tests see of the simulator's data, and what every route reads and writes. */
export interface SimData {
  readonly accounts: Map<string, SimAccount>;
  account(host: string): SimAccount;
  /** The first account of a helpdesk (the demo account). */
  accountOf(helpdesk: Helpdesk): SimAccount;
  ticket(host: string, id: string): SimTicket | undefined;
  /** Every ticket of a requester, oldest first, archived included. */
  requesterTickets(host: string, requesterId: string): SimTicket[];
  thread(ticket: SimTicket): SimThread;
  comments(host: string, ticketId: string): SimComment[];
  audits(host: string, ticketId: string): SimAudit[];
  user(host: string, id: string): SimUser | undefined;
  userByEmail(host: string, email: string): SimUser | undefined;
  agents(host: string): SimUser[];
  customers(host: string): SimUser[];
  groups(host: string): SimGroup[];
  groupByName(host: string, name: string): SimGroup | undefined;
  /** A live ticket whose requester has several earlier tickets, archived ones among them. */
  sampleTicket(helpdesk: Helpdesk): SimTicket;
  /** The agent page of a ticket, e.g. `https://acme.zendesk.com/agent/tickets/12`. */
  ticketUrl(ticket: SimTicket): string;
  /** A fresh id for a record made at run time. */
  nextId(host: string): string;
}

export function createStore(accounts: SimAccount[]): SimData {
  const byHost = new Map(accounts.map((a) => [a.host, a]));
  const account = (host: string): SimAccount => {
    const found = byHost.get(host);
    if (!found) throw new Error(`no simulated account ${host}`);
    return found;
  };
  const thread = (ticket: SimTicket): SimThread => {
    if (!ticket.thread) {
      const owner = account(ticket.account);
      ticket.thread = owner.makeThread ? owner.makeThread(ticket, owner) : { comments: [], audits: [] };
    }
    return ticket.thread;
  };
  const users = (host: string): SimUser[] => [...account(host).users.values()];
  const requesterTickets = (host: string, requesterId: string): SimTicket[] =>
    account(host).byRequester.get(requesterId) ?? [];

  return {
    accounts: byHost,
    account,
    accountOf(helpdesk) {
      const found = accounts.find((a) => a.helpdesk === helpdesk);
      if (!found) throw new Error(`no simulated ${helpdesk} account`);
      return found;
    },
    ticket: (host, id) => byHost.get(host)?.tickets.get(id),
    requesterTickets,
    thread,
    comments(host, ticketId) {
      const ticket = account(host).tickets.get(ticketId);
      return ticket ? thread(ticket).comments : [];
    },
    audits(host, ticketId) {
      const ticket = account(host).tickets.get(ticketId);
      return ticket ? thread(ticket).audits : [];
    },
    user: (host, id) => byHost.get(host)?.users.get(id),
    userByEmail: (host, email) => users(host).find((u) => u.email.toLowerCase() === email.toLowerCase()),
    agents: (host) => users(host).filter((u) => u.role !== 'end-user'),
    customers: (host) => users(host).filter((u) => u.role === 'end-user'),
    groups: (host) => [...account(host).groups.values()],
    groupByName: (host, name) => [...account(host).groups.values()].find((g) => g.name === name),
    sampleTicket(helpdesk) {
      const owner = this.accountOf(helpdesk);
      const maya = [...owner.users.values()].find((u) => u.email === SAMPLE_CUSTOMER_EMAIL);
      const mine = maya ? (owner.byRequester.get(maya.id) ?? []).filter((t) => !t.archived) : [];
      if (mine.length > 0) return mine[mine.length - 1] as SimTicket;
      let best: SimTicket | undefined;
      let bestScore = -1;
      for (const [requesterId, list] of owner.byRequester) {
        const archived = list.filter((t) => t.archived).length;
        const live = list.filter((t) => !t.archived);
        const newest = live[live.length - 1];
        // Prefer a modest history (a bulk requester with thousands would make a slow demo).
        if (!newest || archived === 0 || list.length < 2 || list.length > 200) continue;
        const score = list.length + archived * 2;
        if (score > bestScore || (score === bestScore && requesterId < (best?.requesterId ?? ''))) {
          best = newest;
          bestScore = score;
        }
      }
      if (!best) throw new Error(`no ${helpdesk} requester with a history and archived tickets`);
      return best;
    },
    ticketUrl(ticket) {
      return ticket.helpdesk === 'zendesk'
        ? `https://${ticket.account}/agent/tickets/${ticket.id}`
        : `https://${ticket.account}/a/tickets/${ticket.id}`;
    },
    nextId(host) {
      const owner = account(host);
      owner.nextId += 2;
      return String(owner.nextId);
    },
  };
}
