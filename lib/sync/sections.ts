import type { SectionError } from '../domain/snapshot';
import type { HelpdeskKind } from '../domain/ticket-ref';
import { HelpdeskError } from '../helpdesks/http';
import { platformOf } from '../helpdesks/registry';
import type { SectionName } from '../messaging/protocol';

export interface SectionStatus {
  refreshing: boolean;
  error: SectionError | null;
  updatedAt: number | null;
}

export type SectionStatuses = Record<SectionName, SectionStatus>;

export const idleSections = (): SectionStatuses => ({
  case: { refreshing: false, error: null, updatedAt: null },
  customer: { refreshing: false, error: null, updatedAt: null },
  owner: { refreshing: false, error: null, updatedAt: null },
  escalation: { refreshing: false, error: null, updatedAt: null },
  history: { refreshing: false, error: null, updatedAt: null },
  credit: { refreshing: false, error: null, updatedAt: null },
});

/** What was being fetched, in the words a rep would use ("this ticket's audits"). */
export type Subject = 'ticket' | 'requester' | 'history' | 'conversation' | 'audits' | 'agents' | 'groups';

const SUBJECT_TEXT: Record<Subject, string> = {
  ticket: 'this ticket',
  requester: "this customer's profile",
  history: "this customer's other tickets",
  conversation: "this ticket's conversation",
  audits: "this ticket's audits",
  agents: 'the agent list',
  groups: 'the group list',
};

/**
 * A failure becomes a sentence a rep understands, e.g.
 * "Zendesk refused access to this ticket's audits (403)".
 */
export function describeError(error: unknown, helpdesk: HelpdeskKind, subject: Subject): SectionError {
  const { name } = platformOf(helpdesk);
  const what = SUBJECT_TEXT[subject];
  if (!(error instanceof HelpdeskError)) {
    return { message: `Could not load ${what}: ${name} did not answer.`, status: null, retryable: true };
  }
  const status = error.status ?? null;
  const suffix = status ? ` (${status})` : '';
  switch (error.kind) {
    case 'forbidden':
      return { message: `${name} refused access to ${what}${suffix}.`, status, retryable: false };
    case 'not-found':
      return { message: `${name} has no record of ${what}${suffix}.`, status, retryable: false };
    case 'signed-out':
      return { message: `Sign in to ${name} to load ${what}.`, status, retryable: true };
    case 'malformed':
      return {
        message: `${name} sent an answer for ${what} that Frontline cannot read${error.field ? ` (field ${error.field})` : ''}.`,
        status,
        retryable: true,
      };
    case 'rate-limited':
      return { message: `${name} is busy; ${what} will load shortly${suffix}.`, status, retryable: true };
    case 'server':
      return { message: `${name} failed while loading ${what}${suffix}.`, status, retryable: true };
    case 'network':
      return { message: `${name} could not be reached for ${what}.`, status, retryable: true };
    default:
      return {
        message: `${name} could not load ${what}${suffix}: ${error.message}`,
        status,
        retryable: true,
      };
  }
}
