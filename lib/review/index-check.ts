import type { CreditGrant } from '../domain/credit-grant';
import { decodeIndex, type IndexedGrant } from '../domain/grant-index';
import type { Case } from '../domain/model';
import type { IndexDisagreement } from '../domain/review/page-data';
import { agentCreditTag, CREDIT_TAG } from '../domain/tags';

/** What the index says of a ticket the search found, and whether its notes must be read. */
export type IndexCheck =
  /** The account has no ledger field: the notes are the only source (today's path). */
  | { kind: 'no-field' }
  /** Lines, tags and requester agree: the grants come from the lines, no thread read. */
  | { kind: 'indexed'; grants: IndexedGrant[] }
  /** Something disagrees: the notes are read, then compared with these lines. */
  | { kind: 'verify'; grants: IndexedGrant[]; damaged: boolean };

const AGENT_TAG = /^fl_credit_(\d{1,20})$/;

/** The agents whose `fl_credit_{id}` tag the ticket carries. */
export const taggedAgents = (tags: readonly string[]): Set<string> =>
  new Set(tags.flatMap((t) => AGENT_TAG.exec(t)?.slice(1, 2) ?? []));

/**
 * Whether the ticket's index can be taken as it is. It cannot when the text is
 * damaged; when the ticket is tagged `frontline_credit` but holds no line (the field
 * was emptied, or the grant predates the index); when an agent's tag has no line of
 * theirs or a line's agent has no tag (one was removed or added by hand); or when a
 * line's customer is not the ticket's requester (a credit is for the requester
 * whatever anything else says). A rep's edit of the index thus costs one thread read,
 * never a grant.
 */
export function checkIndex(c: Pick<Case, 'ledger' | 'tags' | 'requesterId'>): IndexCheck {
  if (c.ledger === undefined) return { kind: 'no-field' };
  const { grants, damaged } = decodeIndex(c.ledger ?? '');
  const tagged = taggedAgents(c.tags);
  const lined = new Set(grants.map((g) => g.agentId));
  const agrees =
    !damaged &&
    (grants.length > 0 || !c.tags.includes(CREDIT_TAG)) &&
    [...tagged].every((a) => lined.has(a)) &&
    [...lined].every((a) => c.tags.includes(agentCreditTag(a))) &&
    grants.every((g) => g.customerId === c.requesterId);
  return agrees ? { kind: 'indexed', grants } : { kind: 'verify', grants, damaged };
}

/**
 * The ticket's index against the grants its trusted notes hold: null when they
 * agree. A note's grant with no line is counted from the note; a line with no
 * trusted note is counted too (flagged here), since the review must fail towards
 * showing a grant someone recorded rather than hiding it.
 */
export function disagreementOf(
  c: Pick<Case, 'ref' | 'updatedAt'>,
  check: Extract<IndexCheck, { kind: 'verify' }>,
  noted: readonly CreditGrant[],
): IndexDisagreement | null {
  const lines = new Map(check.grants.map((g) => [g.id, g]));
  const notes = new Map(noted.map((g) => [g.id, g]));
  const notIndexed = noted.filter((g) => !lines.has(g.id));
  const unbacked = check.grants.filter((g) => !notes.has(g.id));
  const whys: IndexDisagreement['whys'] = [
    ...(check.damaged ? (['damaged'] as const) : []),
    ...(notIndexed.length > 0 ? (['not-in-index'] as const) : []),
    ...(unbacked.length > 0 ? (['no-note'] as const) : []),
  ];
  if (whys.length === 0) return null;
  const concerned = [...notIndexed, ...unbacked];
  return {
    ticket: c.ref,
    whys,
    grantIds: concerned.map((g) => g.id).sort(),
    agentIds: [...new Set(concerned.map((g) => g.agentId))].sort(),
    at: c.updatedAt,
  };
}

/** Shown where a grant came from its index line alone: its note (and reason) was not read. */
export const INDEX_REASON = 'From the team index (note not read)';

/**
 * An index line as a recorded grant on its ticket, for the ledger's one merge; its
 * customer is the ticket's requester, as for a note's marker.
 */
export const grantOfLine = (c: Pick<Case, 'ref' | 'requesterId'>, g: IndexedGrant): CreditGrant => ({
  id: g.id,
  ticket: c.ref,
  customerId: c.requesterId,
  agentId: g.agentId,
  amount: { amount: g.amount, currency: g.currency },
  reason: INDEX_REASON,
  at: g.at,
  state: 'recorded',
});
