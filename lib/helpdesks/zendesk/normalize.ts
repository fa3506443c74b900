import { z } from 'zod';
import type { Agent, AssignmentChange, Case, CaseStatus, Customer, Entry, Group } from '../../domain/model';
import type { TicketRef } from '../../domain/ticket-ref';
import {
  assignmentEventsOf,
  commentOfEvent,
  type ZendeskAudit,
  type ZendeskGroup,
  type ZendeskTicket,
  type ZendeskUser,
  type ZendeskVia,
} from './schemas';

const DAY_MS = 24 * 60 * 60 * 1000;

const CustomFields = z.array(z.object({ id: z.number(), value: z.unknown() }));

/** The field's text in a ticket's `custom_fields` (`[{id, value}]`); null when empty or not text. */
export function zendeskLedgerOf(customFields: unknown, fieldId: string): string | null {
  const parsed = CustomFields.safeParse(customFields);
  if (!parsed.success) return null;
  const value = parsed.data.find((f) => String(f.id) === fieldId)?.value;
  return typeof value === 'string' && value !== '' ? value : null;
}

export function zendeskStatus(raw: string): CaseStatus {
  switch (raw) {
    case 'new':
    case 'open':
    case 'pending':
    case 'solved':
    case 'closed':
      return raw;
    case 'hold':
      return 'on-hold';
    default:
      return 'custom';
  }
}

/**
 * A sandbox is its production subdomain plus a number (`acme1718000000.zendesk.com`,
 * helpdesk-apis.md §7 after support.zendesk.com/hc/en-us/articles/203660756). The number's
 * length is not documented; a short one (`acme2`) is far likelier a production name, so six
 * digits or more count. A wrong guess only moves the "Archived" label.
 */
const SANDBOX_HOST = /^[a-z][a-z0-9-]*?\d{6,}\.zendesk\.com$/i;

/**
 * Days after which Zendesk archives a closed ticket: 120, sandboxes 3
 * (support.zendesk.com/hc/en-us/articles/4408887617050 and /6150628316058). High-volume
 * accounts archive sooner, by an age Zendesk does not publish, so a guess from this is a
 * label only: nothing is decided on it (a closed Zendesk ticket refuses writes either way,
 * and the history finds archived tickets through search, not by age).
 */
export const archiveAgeDays = (account: string): number => (SANDBOX_HOST.test(account) ? 3 : 120);

/** Whether a lone ticket is probably archived; `updated_at` of a closed ticket is about when it closed. */
export const looksArchived = (ticket: ZendeskTicket, account: string, now: number): boolean =>
  ticket.status === 'closed' && now - Date.parse(ticket.updated_at) >= archiveAgeDays(account) * DAY_MS;

/** Zendesk marks system authors with negative ids (-1). */
const authorId = (id: number): string | null => (id >= 0 && Number.isSafeInteger(id) ? String(id) : null);

/** `ledgerField`: the account's ledger field id (ledger-field.ts), null when it has none or was not asked. */
export function toCase(
  ticket: ZendeskTicket,
  account: string,
  archived: boolean,
  ledgerField: string | null = null,
): Case {
  return {
    ref: { helpdesk: 'zendesk', account, id: ticket.id },
    subject: ticket.subject ?? '',
    status: zendeskStatus(ticket.status),
    rawStatus: ticket.status,
    priority: ticket.priority,
    channel: ticket.via?.channel ?? null,
    createdAt: ticket.created_at,
    updatedAt: ticket.updated_at,
    requesterId: ticket.requester_id,
    assigneeId: ticket.assignee_id,
    groupId: ticket.group_id,
    tags: ticket.tags,
    archived,
    ...(ledgerField === null ? {} : { ledger: zendeskLedgerOf(ticket.custom_fields, ledgerField) }),
  };
}

export function toCustomer(
  user: ZendeskUser,
  account: string,
  organizations: readonly { id: string; name: string }[],
): Customer {
  const organization = organizations.find((o) => o.id === user.organization_id);
  return {
    helpdesk: 'zendesk',
    account,
    id: user.id,
    name: user.name,
    email: user.email ?? null,
    organization: organization?.name ?? null,
  };
}

export const toAgent = (
  user: { id: string; name: string; email?: string | null },
  account: string,
): Agent => ({
  helpdesk: 'zendesk',
  account,
  id: user.id,
  name: user.name,
  email: user.email ?? null,
});

export const toGroup = (group: ZendeskGroup, account: string): Group => ({
  helpdesk: 'zendesk',
  account,
  id: group.id,
  name: group.name,
});

export const isAgentRole = (role: string | null | undefined): boolean => role === 'agent' || role === 'admin';

/**
 * The thread as the audits tell it: each Comment event with the audit that created it.
 * The audit's author is who made the change (a comment's `author_id` can be set by the
 * API caller), and the side-loaded users say who is an agent. An author missing from
 * the users is not verified.
 */
export function auditsAsEntries(
  audits: readonly ZendeskAudit[],
  users: readonly ZendeskUser[],
  ticket: TicketRef,
  requesterId: string | null,
): Entry[] {
  const roles = new Map(users.map((u) => [u.id, u.role]));
  return audits.flatMap((audit) =>
    audit.events.flatMap((event) => {
      const comment = commentOfEvent(event);
      if (comment === null) return [];
      const author = comment.author_id === undefined ? null : authorId(comment.author_id);
      const role = author === null ? undefined : roles.get(author);
      return [
        {
          ticket,
          id: comment.id,
          authorId: author,
          public: comment.public,
          fromCustomer: author !== null && author === requesterId,
          text: comment.plain_body ?? comment.body,
          createdAt: audit.created_at,
          ...(role === undefined ? {} : { authorIsAgent: isAgentRole(role) }),
          authorConfirmed: author !== null && comment.author_id === audit.author_id,
        },
      ];
    }),
  );
}

const idOrNull = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;

const byRule = (via: ZendeskVia): boolean => via?.channel === 'rule';

/**
 * Reassignments from the audits: `Change` events on `assignee_id`/`group_id`, plus the
 * `Create` event that set the first assignee or group (the owner is the first assignee).
 * Each event is parsed on its own: `skipped` counts those that did not parse, and the rest
 * of the trail stands. A change a trigger or automation made (`via.channel: "rule"` on the
 * event, else on its audit) says so: routing is not an escalation.
 */
export function toAssignmentChanges(
  audits: readonly ZendeskAudit[],
  ticket: TicketRef,
): { changes: AssignmentChange[]; skipped: number } {
  const changes: AssignmentChange[] = [];
  let skipped = 0;
  for (const audit of audits) {
    const parsed = assignmentEventsOf(audit);
    skipped += parsed.skipped;
    for (const event of parsed.events) {
      const field = event.field_name === 'assignee_id' ? 'assignee' : 'group';
      const from = event.type === 'Change' ? idOrNull(event.previous_value) : null;
      const to = idOrNull(event.value);
      if (from === to) continue;
      changes.push({
        ticket,
        at: audit.created_at,
        authorId: authorId(audit.author_id),
        field,
        from,
        to,
        ...(byRule(event.via ?? audit.via) ? { byRule: true } : {}),
      });
    }
  }
  return { changes: changes.sort((a, b) => a.at.localeCompare(b.at)), skipped };
}
