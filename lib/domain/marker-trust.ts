import { findMarker, type Marker } from './markers';
import type { Entry } from './model';

/** Why a marker was not believed; the review names each in words (review-catalogue). */
export type SuspectReason =
  | 'author-not-agent'
  | 'author-unverified'
  | 'author-not-named'
  | 'customer-not-requester'
  | 'not-approver'
  | 'self-approval'
  | 'amount-conflict';

export type JudgedMarker =
  | { marker: Marker; counts: true }
  | { marker: Marker; counts: false; why: SuspectReason };

export interface TrustFacts {
  /** The ticket's requester: the only customer a credit on this ticket can be for (null: unknown, none is). */
  requesterId: string | null;
  /**
   * Whether an agent may decide approval requests (the policy's approvers, by id or email).
   * Absent: no policy is known, and no decision counts.
   */
  isApprover?: (agentId: string) => boolean;
  /** The agent who asked for an approval request of this ticket, when its note counts. */
  requestAgent?: (requestId: string) => string | undefined;
}

type AuthorFacts = Pick<
  Entry,
  'public' | 'fromCustomer' | 'text' | 'authorId' | 'authorIsAgent' | 'authorConfirmed'
>;

/** The agent a marker says wrote it; null when any agent of the account may write it. */
function namedAuthor(marker: Marker): string | null {
  switch (marker.kind) {
    case 'credit':
    case 'approval-request':
    case 'credit-refused':
      return marker.agent;
    case 'escalation':
    case 'report-back':
    case 'approval-decision':
    case 'coaching':
      return marker.by;
    case 'owner':
      // A hand-off is written by the owner handing over (`from`); a claim by the claimer, and
      // a routing to a customer's owner by whoever routes: both without `from`, and any agent
      // may reassign a ticket in the helpdesk itself, so any agent may write those.
      return marker.from ?? null;
  }
}

function rule(marker: Marker, authorId: string, facts: TrustFacts): SuspectReason | null {
  const named = namedAuthor(marker);
  if (named !== null && named !== authorId) return 'author-not-named';
  if (
    (marker.kind === 'credit' || marker.kind === 'approval-request') &&
    marker.customer !== facts.requesterId
  )
    return 'customer-not-requester';
  if (marker.kind === 'approval-decision') {
    if (!facts.isApprover?.(marker.by)) return 'not-approver';
    const asker = facts.requestAgent?.(marker.request);
    if (asker === undefined || asker === marker.by) return 'self-approval';
  }
  return null;
}

/**
 * Whether an entry's marker counts: the helpdesk vouches for people, the marker's
 * words do not. A marker counts only in a private note written by an agent of the
 * account whose authorship the helpdesk confirms, who is the agent the marker names;
 * a credit or approval request is for the ticket's requester; a decision comes from
 * an approver who did not ask. Null when the entry carries no marker (a public
 * reply's text never does). Anything not verified fails closed.
 */
export function judgeMarker(entry: AuthorFacts, facts: TrustFacts): JudgedMarker | null {
  if (entry.public) return null;
  const marker = findMarker(entry.text, true);
  if (marker === null) return null;
  if (entry.fromCustomer || entry.authorIsAgent === false)
    return { marker, counts: false, why: 'author-not-agent' };
  if (entry.authorId === null || entry.authorIsAgent !== true)
    return { marker, counts: false, why: 'author-unverified' };
  if (entry.authorConfirmed !== true) return { marker, counts: false, why: 'author-unverified' };
  const why = rule(marker, entry.authorId, facts);
  return why === null ? { marker, counts: true } : { marker, counts: false, why };
}

export interface JudgedEntry {
  entry: Entry;
  judged: JudgedMarker;
}

const byTime = (a: Entry, b: Entry): number => Date.parse(a.createdAt) - Date.parse(b.createdAt);

/**
 * Every marker of one ticket's entries, oldest first, judged. Requests are judged
 * first, so a decision can be checked against the agent whose request it decides
 * (a request that does not count has no agent, and no decision of it counts).
 */
export function judgeEntries(
  entries: readonly Entry[],
  facts: Omit<TrustFacts, 'requestAgent'>,
): JudgedEntry[] {
  const sorted = [...entries].sort(byTime);
  const asked = new Map<string, string>();
  for (const entry of sorted) {
    const judged = judgeMarker(entry, facts);
    if (judged?.counts && judged.marker.kind === 'approval-request' && !asked.has(judged.marker.id))
      asked.set(judged.marker.id, judged.marker.agent);
  }
  const full: TrustFacts = { ...facts, requestAgent: (id) => asked.get(id) };
  return sorted.flatMap((entry) => {
    const judged = judgeMarker(entry, full);
    return judged === null ? [] : [{ entry, judged }];
  });
}

/** The markers that count, with their notes, oldest first. */
export const trustedMarkers = (
  entries: readonly Entry[],
  facts: Omit<TrustFacts, 'requestAgent'>,
): { marker: Marker; entry: Entry }[] =>
  judgeEntries(entries, facts).flatMap(({ entry, judged }) =>
    judged.counts ? [{ marker: judged.marker, entry }] : [],
  );
