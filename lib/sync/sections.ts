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
    return {
      message: `Could not load ${what}: ${name} did not answer.`,
      status: null,
      retryable: true,
      reason: { kind: 'no-answer', subject, name },
    };
  }
  const status = error.status ?? null;
  const suffix = status ? ` (${status})` : '';
  const described = (message: string, retryable: boolean, detail?: string): SectionError => ({
    message,
    status,
    retryable,
    reason: { kind: error.kind, subject, name, ...(detail ? { detail } : {}) },
  });
  switch (error.kind) {
    case 'forbidden':
      return described(`${name} refused access to ${what}${suffix}.`, false);
    case 'not-found':
      return described(`${name} has no record of ${what}${suffix}.`, false);
    case 'signed-out':
      return described(`Sign in to ${name} to load ${what}.`, true);
    case 'malformed':
      return described(
        `${name} sent an answer for ${what} that Frontline cannot read${error.field ? ` (field ${error.field})` : ''}.`,
        true,
        error.field,
      );
    case 'rate-limited':
      return described(`${name} is busy; ${what} will load shortly${suffix}.`, true);
    case 'server':
      return described(`${name} failed while loading ${what}${suffix}.`, true);
    case 'network':
      return described(`${name} could not be reached for ${what}.`, true);
    default:
      return described(`${name} could not load ${what}${suffix}: ${error.message}`, true, error.message);
  }
}
