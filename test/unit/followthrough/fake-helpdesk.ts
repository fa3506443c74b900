import type { HelpdeskKind, TicketRef } from '../../../lib/domain/ticket-ref';
import { freshdeskAllows } from '../../../lib/helpdesks/freshdesk/allow-list';
import type { Client, HttpRequest, HttpResponse } from '../../../lib/helpdesks/http';
import { zendeskAllows } from '../../../lib/helpdesks/zendesk/allow-list';

export const ZD = 'acme.zendesk.com';
export const FD = 'acme.freshdesk.com';
export const REQUESTER = 9001;
export const AGENT = 501;
export const HOLDER = 502;

interface FakeEntry {
  id: number;
  author: number;
  text: string;
  isPublic: boolean;
  fromCustomer: boolean;
  at: string;
}

interface FakeTicket {
  id: number;
  subject: string;
  status: string;
  updatedAt: string;
  entries: FakeEntry[];
}

const json = (body: unknown, status = 200): HttpResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const FD_STATUS: Record<string, number> = { open: 2, pending: 3, solved: 4, closed: 5 };

/**
 * Zendesk and Freshdesk as the adapters see them, just enough for the pin watcher:
 * tickets, show_many, comments/conversations and agents. Every request must pass the
 * adapter's allow-list, so the list provably covers the watcher's requests.
 */
export function fakeHelpdesk(clock: { now: number }) {
  const tickets: Record<HelpdeskKind, Map<number, FakeTicket>> = { zendesk: new Map(), freshdesk: new Map() };
  const requests: { helpdesk: HelpdeskKind; request: HttpRequest }[] = [];
  let nextEntry = 1_000_000;
  let failWith: HttpResponse | Error | null = null;
  const iso = () => new Date(clock.now).toISOString();

  const add = (helpdesk: HelpdeskKind, id: number, status = 'open'): TicketRef => {
    const at = iso();
    tickets[helpdesk].set(id, {
      id,
      subject: `Ticket ${id}`,
      status,
      updatedAt: at,
      entries: [{ id: nextEntry++, author: REQUESTER, text: 'Help', isPublic: true, fromCustomer: true, at }],
    });
    return { helpdesk, account: helpdesk === 'zendesk' ? ZD : FD, id: String(id) };
  };

  const touch = (ref: TicketRef, entry?: Omit<FakeEntry, 'id' | 'at'>) => {
    const ticket = tickets[ref.helpdesk].get(Number(ref.id));
    if (!ticket) throw new Error(`no ticket ${ref.id}`);
    ticket.updatedAt = iso();
    if (entry) ticket.entries.push({ ...entry, id: nextEntry++, at: ticket.updatedAt });
    return ticket;
  };

  const zdTicket = (t: FakeTicket) => ({
    id: t.id,
    subject: t.subject,
    status: t.status,
    priority: null,
    via: { channel: 'email' },
    created_at: t.entries[0]?.at,
    updated_at: t.updatedAt,
    requester_id: REQUESTER,
    assignee_id: AGENT,
    group_id: null,
    tags: [],
  });

  const fdTicket = (t: FakeTicket) => ({
    id: t.id,
    subject: t.subject,
    status: FD_STATUS[t.status] ?? 2,
    priority: 1,
    source: 1,
    created_at: t.entries[0]?.at,
    updated_at: t.updatedAt,
    requester_id: REQUESTER,
    responder_id: AGENT,
    group_id: null,
    tags: [],
    description_text: t.entries[0]?.text ?? '',
  });

  const zendesk = (path: string, query: URLSearchParams): HttpResponse => {
    const map = tickets.zendesk;
    if (path === '/api/v2/tickets/show_many.json') {
      const ids = (query.get('ids') ?? '').split(',').map(Number);
      return json({
        tickets: ids.flatMap((id) => (map.has(id) ? [zdTicket(map.get(id) as FakeTicket)] : [])),
      });
    }
    if (path === '/api/v2/users/show_many.json') {
      const ids = (query.get('ids') ?? '').split(',').map(Number);
      return json({ users: ids.map((id) => ({ id, name: `Agent ${id}`, email: null, role: 'agent' })) });
    }
    const m = /^\/api\/v2\/tickets\/(\d+)(\/audits)?\.json$/.exec(path);
    const ticket = m ? map.get(Number(m[1])) : undefined;
    if (!ticket) return json({ error: 'RecordNotFound' }, 404);
    if (!m?.[2]) return json({ ticket: zdTicket(ticket), users: [], groups: [], organizations: [] });
    const authors = [...new Set(ticket.entries.map((e) => e.author))];
    return json({
      audits: ticket.entries.map((e) => ({
        id: e.id,
        author_id: e.author,
        created_at: e.at,
        events: [
          {
            id: e.id,
            type: 'Comment',
            author_id: e.author,
            plain_body: e.text,
            body: e.text,
            public: e.isPublic,
          },
        ],
      })),
      users: authors.map((id) => ({ id, name: `User ${id}`, role: id === REQUESTER ? 'end-user' : 'agent' })),
      meta: { has_more: false, after_cursor: null },
    });
  };

  const freshdesk = (path: string): HttpResponse => {
    const map = tickets.freshdesk;
    const agent = /^\/api\/v2\/agents\/(\d+)$/.exec(path);
    if (agent) return json({ id: Number(agent[1]), contact: { name: `Agent ${agent[1]}`, email: null } });
    const m = /^\/api\/v2\/tickets\/(\d+)(\/conversations)?$/.exec(path);
    const ticket = m ? map.get(Number(m[1])) : undefined;
    if (!ticket) return json({ code: 'not_found' }, 404);
    if (!m?.[2]) return json(fdTicket(ticket));
    return json(
      ticket.entries.slice(1).map((e) => ({
        id: e.id,
        body_text: e.text,
        private: !e.isPublic,
        incoming: e.fromCustomer,
        user_id: e.author,
        created_at: e.at,
      })),
    );
  };

  const clientFor =
    (account: string): Client =>
    async (request) => {
      const helpdesk: HelpdeskKind = account.endsWith('.zendesk.com') ? 'zendesk' : 'freshdesk';
      requests.push({ helpdesk, request });
      const allows = helpdesk === 'zendesk' ? zendeskAllows : freshdeskAllows;
      if (!allows(request.method, request.path, request.body))
        throw new Error(`not allowed: ${request.path}`);
      if (failWith instanceof Error) throw failWith;
      if (failWith) return failWith;
      const [path = '', query = ''] = request.path.split('?');
      return helpdesk === 'zendesk' ? zendesk(path, new URLSearchParams(query)) : freshdesk(path);
    };

  return {
    add,
    clientFor,
    requests,
    customerReply: (ref: TicketRef) =>
      touch(ref, { author: REQUESTER, text: 'Any news?', isPublic: true, fromCustomer: true }),
    note: (ref: TicketRef, text: string, author = HOLDER) =>
      touch(ref, { author, text, isPublic: false, fromCustomer: false }),
    agentReply: (ref: TicketRef) =>
      touch(ref, { author: AGENT, text: 'On it', isPublic: true, fromCustomer: false }),
    setStatus: (ref: TicketRef, status: string) => {
      touch(ref).status = status;
    },
    remove: (ref: TicketRef) => tickets[ref.helpdesk].delete(Number(ref.id)),
    failNext: (failure: HttpResponse | Error | null) => {
      failWith = failure;
    },
    reset: () => {
      requests.length = 0;
    },
  };
}

export type FakeHelpdesk = ReturnType<typeof fakeHelpdesk>;
