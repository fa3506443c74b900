import { z } from 'zod';
import { type IndexedGrant, indexHolds, withGrants } from '../../domain/grant-index';
import type { Agent, AssignmentChange, Case, Customer, Entry, Group } from '../../domain/model';
import type { TicketRef } from '../../domain/ticket-ref';
import type { TicketContext } from '../adapter';
import { type Client, HelpdeskError } from '../http';
import { indexTags } from '../index-tags';
import { endpointName, fetchJson, jsonId, parseBody, parseValue, pathId, send } from '../parse';
import { zendeskLedgerField } from './ledger-field';
import {
  auditsAsEntries,
  isAgentRole,
  looksArchived,
  toAgent,
  toAssignmentChanges,
  toCase,
  toCustomer,
  toGroup,
  zendeskLedgerOf,
} from './normalize';
import { allCursorPages, withQuery } from './paging';
import {
  isCommentEvent,
  type ZendeskAudit,
  ZendeskAuditsPage,
  ZendeskCommentEvent,
  ZendeskGroupsPage,
  ZendeskMeResponse,
  ZendeskTicketResponse,
  ZendeskTicketsResponse,
  ZendeskUpdateResponse,
  type ZendeskUser,
  ZendeskUserResponse,
  ZendeskUsersResponse,
} from './schemas';

/** Zendesk's cap on ids for users/show_many and tickets/show_many. */
export const SHOW_MANY_LIMIT = 100;

const ticketPath = (ref: TicketRef, suffix = ''): string =>
  `/api/v2/tickets/${pathId(ref.id, `GET /api/v2/tickets/:id${suffix}`)}${suffix}.json`;

/** The same path as ticket() so the scheduler's in-flight de-duplication and ETags apply. */
const ticketWithSideLoads = (ref: TicketRef) =>
  withQuery(ticketPath(ref), { include: 'users,groups,organizations' });

export async function zendeskMe(client: Client, account: string): Promise<Agent> {
  const path = '/api/v2/users/me.json';
  const endpoint = endpointName('GET', path);
  const { data } = await fetchJson(client, { method: 'GET', path }, ZendeskMeResponse);
  const { id, name, email, role } = data.user;
  // Signed out, users/me still answers 200, with an anonymous user that has no id.
  if (id === null || id === undefined) {
    throw new HelpdeskError('signed-out', endpoint, 'Not signed in to Zendesk (anonymous user)', 200);
  }
  if (!isAgentRole(role)) {
    throw new HelpdeskError(
      'forbidden',
      endpoint,
      `Signed in to Zendesk as ${role ?? 'a user'}, not an agent`,
      200,
    );
  }
  return toAgent({ id, name, email }, account);
}

export async function zendeskTicket(client: Client, ref: TicketRef, now: number): Promise<TicketContext> {
  const [{ data }, ledgerField] = await Promise.all([
    fetchJson(client, { method: 'GET', path: ticketWithSideLoads(ref) }, ZendeskTicketResponse),
    zendeskLedgerField(client, ref.account, now),
  ]);
  const { ticket, users, groups, organizations } = data;
  let requester = users.find((u) => u.id === ticket.requester_id);
  if (!requester) {
    const path = `/api/v2/users/${ticket.requester_id}.json`;
    requester = (await fetchJson(client, { method: 'GET', path }, ZendeskUserResponse)).data.user;
  }
  return {
    case: toCase(ticket, ref.account, looksArchived(ticket, ref.account, now), ledgerField),
    requester: toCustomer(requester, ref.account, organizations),
    agents: users.filter((u) => isAgentRole(u.role)).map((u) => toAgent(u, ref.account)),
    groups: groups.map((g) => toGroup(g, ref.account)),
  };
}

/**
 * The audits with their authors side-loaded: the thread's comments (with who really
 * wrote each) and the reassignment trail come from the same pages, and one read of
 * them serves both (the scheduler merges identical requests in flight).
 */
const AUDITS_ENDPOINT = 'GET /api/v2/tickets/:id/audits';

const auditPages = (client: Client, ref: TicketRef) =>
  allCursorPages(client, ticketPath(ref, '/audits'), { include: 'users' }, ZendeskAuditsPage);

/** Oldest first; `fromCustomer` needs the requester, fetched alongside, not before. */
export async function zendeskEntries(client: Client, ref: TicketRef): Promise<Entry[]> {
  const [ticket, pages] = await Promise.all([
    fetchJson(client, { method: 'GET', path: ticketWithSideLoads(ref) }, ZendeskTicketResponse),
    // The requester is only needed once both answers are in: the audits wait for nothing.
    auditPages(client, ref),
  ]);
  return threadOf(pages, ref, ticket.data.ticket.requester_id);
}

/** The audits alone: the first of them holds the opening message, so nothing is left out. */
export const zendeskThread = async (client: Client, ref: TicketRef, requesterId: string): Promise<Entry[]> =>
  threadOf(await auditPages(client, ref), ref, requesterId);

type AuditPage = { audits: readonly ZendeskAudit[]; users: readonly ZendeskUser[] };

/** A comment that does not parse fails the thread, naming the field: a lost message must not vanish. */
const checkComments = (pages: readonly AuditPage[]): void => {
  for (const page of pages) {
    for (const [i, audit] of page.audits.entries()) {
      for (const [j, event] of audit.events.entries()) {
        if (isCommentEvent(event))
          parseValue(ZendeskCommentEvent, event, AUDITS_ENDPOINT, undefined, `audits.${i}.events.${j}`);
      }
    }
  }
};

const threadOf = (pages: readonly AuditPage[], ref: TicketRef, requesterId: string): Entry[] => {
  checkComments(pages);
  return auditsAsEntries(
    pages.flatMap((p) => p.audits),
    pages.flatMap((p) => p.users),
    ref,
    requesterId,
  ).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
};

export async function zendeskAssignmentTrail(client: Client, ref: TicketRef): Promise<AssignmentChange[]> {
  const { changes, skipped } = toAssignmentChanges(
    (await auditPages(client, ref)).flatMap((p) => p.audits),
    ref,
  );
  // The trail stands without them; the count is what support needs to ask for the odd audit.
  if (skipped > 0) console.warn(`Frontline skipped ${skipped} unreadable audit event(s) on ticket ${ref.id}`);
  return changes;
}

export async function zendeskGroups(client: Client, account: string): Promise<Group[]> {
  const pages = await allCursorPages(client, '/api/v2/groups.json', {}, ZendeskGroupsPage);
  return pages
    .flatMap((p) => p.groups)
    .filter((g) => !g.deleted)
    .map((g) => toGroup(g, account));
}

export async function zendeskMyGroupIds(
  client: Client,
  _account: string,
  agentId: string,
): Promise<string[]> {
  const id = pathId(agentId, 'GET /api/v2/users/:id/groups');
  const pages = await allCursorPages(client, `/api/v2/users/${id}/groups.json`, {}, ZendeskGroupsPage);
  return pages
    .flatMap((p) => p.groups)
    .filter((g) => !g.deleted)
    .map((g) => g.id);
}

/**
 * `GET /api/v2/{kind}/show_many.json?ids=…`, 100 ids a request, in parallel;
 * ids Zendesk does not return (deleted, no access) are left out.
 */
async function showMany<S extends z.ZodType>(
  client: Client,
  kind: 'users' | 'tickets',
  ids: readonly string[],
  schema: S,
): Promise<z.output<S>[]> {
  const endpoint = `GET /api/v2/${kind}/show_many`;
  const unique = [...new Set(ids)].map((id) => pathId(id, endpoint));
  const chunks = Array.from({ length: Math.ceil(unique.length / SHOW_MANY_LIMIT) }, (_, i) =>
    unique.slice(i * SHOW_MANY_LIMIT, (i + 1) * SHOW_MANY_LIMIT),
  );
  const answers = await Promise.all(
    chunks.map((chunk) =>
      fetchJson(
        client,
        { method: 'GET', path: withQuery(`/api/v2/${kind}/show_many.json`, { ids: chunk.join(',') }) },
        schema,
      ),
    ),
  );
  return answers.map((a) => a.data);
}

export async function zendeskAgents(
  client: Client,
  account: string,
  ids: readonly string[],
): Promise<Agent[]> {
  const answers = await showMany(client, 'users', ids, ZendeskUsersResponse);
  return answers.flatMap((a) => a.users.map((u) => toAgent(u, account)));
}

/** End users by id; the organization is not side-loaded (the review shows names). */
export async function zendeskCustomers(
  client: Client,
  account: string,
  ids: readonly string[],
): Promise<Customer[]> {
  const answers = await showMany(client, 'users', ids, ZendeskUsersResponse);
  return answers.flatMap((a) => a.users.map((u) => toCustomer(u, account, [])));
}

export async function zendeskCases(
  client: Client,
  account: string,
  ids: readonly string[],
  now: number,
): Promise<Case[]> {
  const [answers, ledgerField] = await Promise.all([
    showMany(client, 'tickets', ids, ZendeskTicketsResponse),
    zendeskLedgerField(client, account, now),
  ]);
  return answers.flatMap((a) =>
    a.tickets.map((t) => toCase(t, account, looksArchived(t, account, now), ledgerField)),
  );
}

export async function zendeskAddPrivateNote(client: Client, ref: TicketRef, text: string): Promise<Entry> {
  const path = ticketPath(ref);
  const endpoint = endpointName('PUT', path);
  const response = await send(client, {
    method: 'PUT',
    path,
    body: { ticket: { comment: { body: text, public: false } } },
  });
  const { audit } = parseBody(ZendeskUpdateResponse, response, endpoint);
  const index = audit.events.findIndex(
    (e) => typeof e === 'object' && e !== null && (e as { type?: unknown }).type === 'Comment',
  );
  if (index === -1) {
    throw new HelpdeskError(
      'malformed',
      endpoint,
      `${endpoint}: audit.events: no Comment event`,
      200,
      'audit.events',
    );
  }
  const comment = parseValue(
    ZendeskCommentEvent,
    audit.events[index],
    endpoint,
    response.status,
    `audit.events.${index}`,
  );
  const authorId =
    comment.author_id !== undefined && comment.author_id >= 0 ? String(comment.author_id) : null;
  return {
    ticket: ref,
    id: comment.id,
    authorId: authorId ?? (audit.author_id >= 0 ? String(audit.author_id) : null),
    public: comment.public,
    fromCustomer: false,
    text: comment.plain_body ?? comment.body,
    createdAt: audit.created_at,
    // Only an agent can write through this API; the audit says whether the comment is theirs.
    authorIsAgent: true,
    authorConfirmed: authorId !== null && authorId === String(audit.author_id),
  };
}

function checkTag(tag: string, endpoint: string): string {
  // Zendesk splits tags on whitespace, so one tag with a space would become two.
  if (tag === '' || /\s/.test(tag)) throw new HelpdeskError('invalid', endpoint, `${endpoint}: invalid tag`);
  return tag;
}

/** A tag write that keeps colliding is tried this often, then left to the caller's backoff. */
export const SAFE_TAG_TRIES = 3;

/** The ticket's `updated_at` exactly as Zendesk wrote it (JsonTime would reformat it), and its tags. */
const TicketStamp = z.object({
  ticket: z.object({ updated_at: z.string().min(1), tags: z.array(z.string()) }),
});

/**
 * Adds a tag with Zendesk's safe update. Zendesk OpenAPI, tags, PUT
 * /api/v2/tickets/{ticket_id}/tags, "Safe Update": "If the same ticket is updated by
 * multiple API requests at the same time, some tags could be lost because of ticket
 * update collisions"; with `safe_update` and `updated_stamp` (the ticket's latest
 * `updated_at`) the tags change only if the ticket did not change since, else the
 * request "returns a 409 Conflict error". The OpenAPI example sends `"safe_update":"true"`
 * while the ticket schema types it boolean and says false acts as true: the boolean
 * goes. The 409 body is not in the OpenAPI (client code's fakes use
 * `{"error":"UpdateConflict","description":"Safe Update prevented the update…"}`), so
 * only the status is relied on. The ticket read is the sidebar's own (same path), so
 * the scheduler can share it; a ticket that has the tag already is not written.
 */
export async function zendeskAddTag(client: Client, ref: TicketRef, tag: string): Promise<void> {
  const path = ticketPath(ref, '/tags');
  const endpoint = endpointName('PUT', path);
  checkTag(tag, endpoint);
  for (let tries = 1; ; tries++) {
    const read = { method: 'GET' as const, path: ticketWithSideLoads(ref) };
    const { ticket } = (await fetchJson(client, read, TicketStamp)).data;
    if (ticket.tags.includes(tag)) return;
    try {
      await send(client, {
        method: 'PUT',
        path,
        body: { tags: [tag], safe_update: true, updated_stamp: ticket.updated_at },
      });
      return;
    } catch (error) {
      if (!(error instanceof HelpdeskError) || error.kind !== 'conflict') throw error;
      if (tries >= SAFE_TAG_TRIES) {
        throw new HelpdeskError(
          'conflict',
          endpoint,
          `The ticket kept changing while the ${tag} tag was added (${tries} tries)`,
          409,
        );
      }
    }
  }
}

/** What the index write reads: the exact stamp, the tags and the custom fields. */
const TicketIndexState = z.object({
  ticket: z.object({
    updated_at: z.string().min(1),
    tags: z.array(z.string()),
    custom_fields: z.unknown().optional(),
  }),
});

/**
 * The team index write (HelpdeskAdapter.indexGrants): `PUT /api/v2/tickets/{id}.json` with
 * `additional_tags` (added to the ticket's tags, not replacing them: Zendesk "Updating tag
 * lists", helpdesk-apis.md §1), the merged ledger text in `custom_fields`, and `safe_update`
 * with the `updated_stamp` just read, so a concurrent update (another rep's grant on the
 * same ticket) turns this one into a 409 instead of being overwritten; then it is read and
 * merged again, up to SAFE_TAG_TRIES times. The field's whole text is written, so the merge
 * must start from the latest read: that is what the stamp guarantees.
 */
export async function zendeskIndexGrants(
  client: Client,
  ref: TicketRef,
  grants: readonly IndexedGrant[],
): Promise<void> {
  const path = ticketPath(ref);
  const endpoint = endpointName('PUT', path);
  const wanted = indexTags(grants);
  for (const tag of wanted) checkTag(tag, endpoint);
  const field = await zendeskLedgerField(client, ref.account);
  for (let tries = 1; ; tries++) {
    const read = { method: 'GET' as const, path: ticketWithSideLoads(ref) };
    const { ticket } = (await fetchJson(client, read, TicketIndexState)).data;
    const missing = wanted.filter((t) => !ticket.tags.includes(t));
    const current = field === null ? null : zendeskLedgerOf(ticket.custom_fields, field);
    const ledgerChanges = field !== null && !indexHolds(current, grants);
    if (missing.length === 0 && !ledgerChanges) return;
    const update = {
      ...(missing.length > 0 ? { additional_tags: missing } : {}),
      ...(ledgerChanges
        ? { custom_fields: [{ id: jsonId(field, endpoint), value: withGrants(current, grants) }] }
        : {}),
      safe_update: true,
      updated_stamp: ticket.updated_at,
    };
    try {
      await send(client, { method: 'PUT', path, body: { ticket: update } });
      return;
    } catch (error) {
      if (!(error instanceof HelpdeskError) || error.kind !== 'conflict') throw error;
      if (tries >= SAFE_TAG_TRIES) {
        throw new HelpdeskError(
          'conflict',
          endpoint,
          `The ticket kept changing while its team index was written (${tries} tries)`,
          409,
        );
      }
    }
  }
}

/**
 * Removes a tag. Safe update is documented for adding tags only; a removal that
 * collides with another update can still drop a tag, which the next thread read
 * puts back (lib/credit/heal-index.ts).
 */
export async function zendeskRemoveTag(client: Client, ref: TicketRef, tag: string): Promise<void> {
  const path = ticketPath(ref, '/tags');
  await send(client, {
    method: 'DELETE',
    path,
    body: { tags: [checkTag(tag, endpointName('DELETE', path))] },
  });
}

export async function zendeskAssign(
  client: Client,
  ref: TicketRef,
  to: { assigneeId?: string | null; groupId?: string | null },
): Promise<void> {
  const path = ticketPath(ref);
  const endpoint = endpointName('PUT', path);
  const ticket: { assignee_id?: number | null; group_id?: number | null } = {};
  if (to.assigneeId !== undefined)
    ticket.assignee_id = to.assigneeId === null ? null : jsonId(to.assigneeId, endpoint);
  if (to.groupId !== undefined) ticket.group_id = to.groupId === null ? null : jsonId(to.groupId, endpoint);
  if (Object.keys(ticket).length === 0) return;
  await send(client, { method: 'PUT', path, body: { ticket } });
}
