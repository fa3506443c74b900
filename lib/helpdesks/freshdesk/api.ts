import type { z } from 'zod';
import { type IndexedGrant, indexHolds, withGrants } from '../../domain/grant-index';
import type { Agent, Case, Customer, Entry, Group } from '../../domain/model';
import type { TicketRef } from '../../domain/ticket-ref';
import type { TicketContext } from '../adapter';
import { type Client, HelpdeskError } from '../http';
import { indexTags } from '../index-tags';
import { endpointName, fetchJson, jsonId, pathId, send } from '../parse';
import { createAuthorCheck } from './authors';
import { freshdeskLedgerField } from './ledger-field';
import {
  descriptionEntry,
  freshdeskLedgerOf,
  noteHtml,
  toAgent,
  toCase,
  toCustomer,
  toEntry,
  toGroup,
} from './normalize';
import { allLinkPages, withQuery } from './paging';
import {
  FreshdeskAgent,
  FreshdeskCompany,
  FreshdeskContact,
  FreshdeskConversation,
  FreshdeskConversationList,
  FreshdeskGroupList,
  FreshdeskTicket,
  FreshdeskTicketIndexState,
  FreshdeskTicketTags,
  FreshdeskTicketWithRequester,
} from './schemas';
import { freshdeskStatuses, isCustomStatus } from './statuses';

const ticketPath = (ref: TicketRef, archived: boolean, suffix = ''): string => {
  const base = archived ? '/api/v2/tickets/archived' : '/api/v2/tickets';
  return `${base}/${pathId(ref.id, `GET /api/v2/tickets/:id${suffix}`)}${suffix}`;
};

const isNotFound = (e: unknown): boolean => e instanceof HelpdeskError && e.kind === 'not-found';

/** Archived tickets leave `/tickets/:id` (404) and live on at `/tickets/archived/:id`. */
async function withArchivedFallback<T>(
  read: (archived: boolean) => Promise<T>,
): Promise<{ value: T; archived: boolean }> {
  try {
    return { value: await read(false), archived: false };
  } catch (e) {
    if (!isNotFound(e)) throw e;
    return { value: await read(true), archived: true };
  }
}

export async function freshdeskMe(client: Client, account: string): Promise<Agent> {
  const { data } = await fetchJson(client, { method: 'GET', path: '/api/v2/agents/me' }, FreshdeskAgent);
  return toAgent(data, account);
}

/** Freshdesk lists the agent's groups on the agent itself. */
export async function freshdeskMyGroupIds(
  client: Client,
  _account: string,
  _agentId: string,
): Promise<string[]> {
  const { data } = await fetchJson(client, { method: 'GET', path: '/api/v2/agents/me' }, FreshdeskAgent);
  return data.group_ids ?? [];
}

/** The company name is a nicety: an agent without access to companies still gets the ticket. */
async function companyName(client: Client, companyId: string | null | undefined): Promise<string | null> {
  if (!companyId) return null;
  try {
    const path = `/api/v2/companies/${companyId}`;
    return (await fetchJson(client, { method: 'GET', path }, FreshdeskCompany)).data.name;
  } catch (e) {
    if (e instanceof HelpdeskError && (e.kind === 'not-found' || e.kind === 'forbidden')) return null;
    throw e;
  }
}

interface Requester {
  requester: { id: string; name: string; email?: string | null | undefined };
  organization: string | null;
}

async function liveTicket(client: Client, ref: TicketRef): Promise<{ ticket: FreshdeskTicket } & Requester> {
  const path = withQuery(ticketPath(ref, false), { include: 'requester' });
  const { data } = await fetchJson(client, { method: 'GET', path }, FreshdeskTicketWithRequester);
  return {
    ticket: data,
    requester: data.requester,
    organization: await companyName(client, data.company_id),
  };
}

/** The archived endpoint is not documented to take `include`, so the contact is looked up. */
async function archivedTicket(
  client: Client,
  ref: TicketRef,
): Promise<{ ticket: FreshdeskTicket } & Requester> {
  const { data: ticket } = await fetchJson(
    client,
    { method: 'GET', path: ticketPath(ref, true) },
    FreshdeskTicket,
  );
  const contactPath = `/api/v2/contacts/${ticket.requester_id}`;
  const contactRead = fetchJson(client, { method: 'GET', path: contactPath }, FreshdeskContact);
  const [{ data: contact }, fromTicket] = await Promise.all([
    contactRead,
    companyName(client, ticket.company_id),
  ]);
  return {
    ticket,
    requester: contact,
    organization: fromTicket ?? (await companyName(client, contact.company_id)),
  };
}

export async function freshdeskTicket(client: Client, ref: TicketRef): Promise<TicketContext> {
  const [{ value, archived }, meanings, ledgerField] = await Promise.all([
    withArchivedFallback((archived) => (archived ? archivedTicket(client, ref) : liveTicket(client, ref))),
    freshdeskStatuses(client, ref.account),
    freshdeskLedgerField(client, ref.account),
  ]);
  return {
    case: toCase(value.ticket, ref.account, archived, meanings, ledgerField),
    requester: toCustomer(value.requester, ref.account, value.organization),
    agents: [],
    groups: [],
  };
}

/** The description first, then every conversation page; archived tickets included. */
export async function freshdeskEntries(client: Client, ref: TicketRef): Promise<Entry[]> {
  const [ticket, rest] = await Promise.all([
    withArchivedFallback(
      async (archived) =>
        (await fetchJson(client, { method: 'GET', path: ticketPath(ref, archived) }, FreshdeskTicket)).data,
    ),
    freshdeskThread(client, ref),
  ]);
  return [descriptionEntry(ticket.value, ref), ...rest];
}

/** The conversations without the ticket: the opening message (the ticket's description) is not among them. */
export async function freshdeskThread(client: Client, ref: TicketRef): Promise<Entry[]> {
  return vouchAuthors(client, ref.account, await conversationsOf(client, ref));
}

async function conversationsOf(client: Client, ref: TicketRef): Promise<Entry[]> {
  const conversations = await withArchivedFallback((archived) =>
    allLinkPages(
      client,
      ticketPath(ref, archived, '/conversations'),
      { per_page: '100' },
      FreshdeskConversationList,
    ),
  );
  return conversations.value
    .map((c) => toEntry(c, ref))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function freshdeskGroups(client: Client, account: string): Promise<Group[]> {
  const groups = await allLinkPages(client, '/api/v2/groups', { per_page: '100' }, FreshdeskGroupList);
  return groups.map((g) => toGroup(g, account));
}

/**
 * One `GET /api/v2/{kind}/:id` per id, in parallel (Freshdesk has no show-many);
 * an id that answers 404 (deleted) is left out.
 */
async function eachById<S extends z.ZodType>(
  client: Client,
  kind: 'tickets' | 'contacts' | 'agents',
  ids: readonly string[],
  schema: S,
): Promise<z.output<S>[]> {
  const unique = [...new Set(ids)].map((id) => pathId(id, `GET /api/v2/${kind}/:id`));
  const found = await Promise.all(
    unique.map(async (id) => {
      try {
        return (await fetchJson(client, { method: 'GET', path: `/api/v2/${kind}/${id}` }, schema)).data;
      } catch (e) {
        if (isNotFound(e)) return null;
        throw e;
      }
    }),
  );
  return found.filter((item) => item !== null);
}

/**
 * Plain `GET /tickets/:id` reads (`include` costs credits). A 404 is deleted, or
 * archived, which a pin of an open case rarely is and another request would be needed to tell.
 */
export const freshdeskCases = async (
  client: Client,
  account: string,
  ids: readonly string[],
): Promise<Case[]> => {
  const [tickets, ledgerField] = await Promise.all([
    eachById(client, 'tickets', ids, FreshdeskTicket),
    freshdeskLedgerField(client, account),
  ]);
  // Statuses and the ledger field come from one ticket_fields read an hour (ticket-fields.ts).
  const meanings = tickets.some((t) => isCustomStatus(t.status))
    ? await freshdeskStatuses(client, account)
    : undefined;
  return tickets.map((t) => toCase(t, account, false, meanings, ledgerField));
};

export const freshdeskCustomers = async (
  client: Client,
  account: string,
  ids: readonly string[],
): Promise<Customer[]> =>
  (await eachById(client, 'contacts', ids, FreshdeskContact)).map((c) => toCustomer(c, account, null));

export const freshdeskAgents = async (
  client: Client,
  account: string,
  ids: readonly string[],
): Promise<Agent[]> =>
  (await eachById(client, 'agents', ids, FreshdeskAgent)).map((a) => toAgent(a, account));

const vouchAuthors = createAuthorCheck(freshdeskAgents);

export async function freshdeskAddPrivateNote(client: Client, ref: TicketRef, text: string): Promise<Entry> {
  const path = ticketPath(ref, false, '/notes');
  const { data } = await fetchJson(
    client,
    { method: 'POST', path, body: { body: noteHtml(text), private: true } },
    FreshdeskConversation,
  );
  // Only an agent's API key can write a note, and this is the note it wrote.
  return { ...toEntry(data, ref), authorIsAgent: true, authorConfirmed: true };
}

/**
 * Freshdesk v2 has no add-tag call and `tags` replaces the list: read, merge, write.
 * There is no safe-update either, so a tag written by someone else between the read
 * and the write can be lost; the window is one round trip.
 */
export async function freshdeskChangeTag(
  client: Client,
  ref: TicketRef,
  tag: string,
  change: 'add' | 'remove',
): Promise<void> {
  const path = ticketPath(ref, false);
  if (tag.trim() === '') throw new HelpdeskError('invalid', endpointName('PUT', path), 'empty tag');
  const { data } = await fetchJson(client, { method: 'GET', path }, FreshdeskTicketTags);
  const has = data.tags.includes(tag);
  if (has === (change === 'add')) return;
  const tags = change === 'add' ? [...data.tags, tag] : data.tags.filter((t) => t !== tag);
  await send(client, { method: 'PUT', path, body: { tags } });
}

/** A merge lost to a concurrent writer is read, merged and written again this often, then left to the caller. */
export const INDEX_WRITE_TRIES = 3;

/**
 * The team index write (HelpdeskAdapter.indexGrants). Freshdesk has no safe update and
 * `tags` replaces the list, so: read the ticket, merge the missing tags and the ledger
 * lines, write both in one `PUT /api/v2/tickets/{id}`, then read again to see they are
 * there. A concurrent writer (another rep's merge from an older read, a Freshdesk page's
 * stale Update) may have put back its own list meanwhile: the loop merges again, up to
 * INDEX_WRITE_TRIES writes. The last read is the check, so a write is never assumed to have held.
 */
export async function freshdeskIndexGrants(
  client: Client,
  ref: TicketRef,
  grants: readonly IndexedGrant[],
): Promise<void> {
  const path = ticketPath(ref, false);
  const endpoint = endpointName('PUT', path);
  const wanted = indexTags(grants);
  const field = await freshdeskLedgerField(client, ref.account);
  for (let writes = 0; ; writes++) {
    const { data } = await fetchJson(client, { method: 'GET', path }, FreshdeskTicketIndexState);
    const missing = wanted.filter((t) => !data.tags.includes(t));
    const current = field === null ? null : freshdeskLedgerOf(data.custom_fields, field);
    const ledgerChanges = field !== null && !indexHolds(current, grants);
    if (missing.length === 0 && !ledgerChanges) return;
    if (writes >= INDEX_WRITE_TRIES) {
      throw new HelpdeskError(
        'conflict',
        endpoint,
        `Another update kept replacing the ticket's tags or ledger while its team index was written (${writes} tries)`,
        409,
      );
    }
    const body = {
      tags: [...data.tags, ...missing],
      ...(field !== null && ledgerChanges ? { custom_fields: { [field]: withGrants(current, grants) } } : {}),
    };
    await send(client, { method: 'PUT', path, body });
  }
}

export async function freshdeskAssign(
  client: Client,
  ref: TicketRef,
  to: { assigneeId?: string | null; groupId?: string | null },
): Promise<void> {
  const path = ticketPath(ref, false);
  const endpoint = endpointName('PUT', path);
  const body: { responder_id?: number | null; group_id?: number | null } = {};
  if (to.assigneeId !== undefined)
    body.responder_id = to.assigneeId === null ? null : jsonId(to.assigneeId, endpoint);
  if (to.groupId !== undefined) body.group_id = to.groupId === null ? null : jsonId(to.groupId, endpoint);
  if (Object.keys(body).length === 0) return;
  await send(client, { method: 'PUT', path, body });
}
