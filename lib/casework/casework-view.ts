import { isOpenStatus } from '../domain/case-status';
import type {
  AgentOption,
  CaseworkCommandKind,
  CaseworkView,
  Continuity,
  GrantedLine,
  GroupOption,
  HandoffSummary,
  HolderObligation,
  PendingOp,
  TriedLine,
} from '../domain/casework';
import type { Agent, AssignmentChange, Case, Entry, Group } from '../domain/model';
import { type CaseState, deriveCaseState, ownerOfOtherCase } from './case-state';
import type { EscalationStatus } from './escalation';
import { markersIn, ofKind } from './markers-in-entries';
import type { OwnerResult } from './owner';

/** One earlier case of the requester, with its entries when the cache has them. */
export interface HistoryCase {
  case: Case;
  entries: readonly Entry[] | null;
}

export interface CaseworkInput {
  case: Case;
  entries: readonly Entry[];
  trail: readonly AssignmentChange[];
  agents: readonly Agent[];
  groups: readonly Group[];
  /** The requester's cases (this one may be among them; it is skipped). */
  history: readonly HistoryCase[];
  me: Agent | null;
  /** The groups the signed-in agent belongs to: a group escalation is theirs to report back on. */
  myGroupIds: readonly string[];
  /** Epoch ms. */
  now: number;
  /** Report-back due hours of the policy (default 24). */
  dueHours: number;
  pending: readonly PendingOp[];
  /** Groups the policy names as escalation tiers; when absent, tiers are recognized by name. */
  tierGroupIds?: readonly string[];
  /** Owner and escalation as this publish worked them out for the snapshot; worked out here when absent. */
  state?: CaseState;
}

const WANTS_MAX = 300;
const TRIED_MAX = 140;
const TRIED_LINES = 5;
const ACTIVE = new Set<EscalationStatus['state']>(['escalated', 'updated', 'overdue']);
/** "Tier 2", "L3 support", "Billing escalations", "Backline": the usual names of escalation groups. */
const TIER_NAME = /\b(?:tier|level|l)\s*\d+\b|escalat|backline|second line|third line/i;
/** Frontline's own notes (claims, credits, escalations) are bookkeeping, not something that was tried. */
const OUR_NOTE = '[frontline:';

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

export const shorten = (text: string, max: number): string => {
  const line = oneLine(text);
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
};

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

export const isTierGroup = (group: Group, tierGroupIds?: readonly string[]): boolean =>
  tierGroupIds === undefined ? TIER_NAME.test(group.name) : tierGroupIds.includes(group.id);

const escalationGroups = (groups: readonly Group[], tierGroupIds?: readonly string[]): GroupOption[] =>
  groups
    .map((g) => ({ id: g.id, name: g.name, tier: isTierGroup(g, tierGroupIds) }))
    .sort((a, b) => Number(b.tier) - Number(a.tier) || byName(a, b));

const agentOptions = (agents: readonly Agent[], except: readonly (string | null)[]): AgentOption[] =>
  agents
    .filter((a) => !except.includes(a.id))
    .map((a) => ({ id: a.id, name: a.name }))
    .sort(byName);

const chronological = (entries: readonly Entry[]): Entry[] =>
  [...entries].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));

/** What the customer wants, what agents tried, and what was credited: the hand-off summary's parts. */
export const handoffSummary = (
  item: Case,
  entries: readonly Entry[],
  nameOf: (id: string | null) => string,
): HandoffSummary => {
  const ordered = chronological(entries);
  const first = ordered.find((e) => e.fromCustomer && e.text.trim() !== '');
  const tried: TriedLine[] = ordered
    .filter((e) => !e.fromCustomer && e.authorId !== item.requesterId && !e.text.includes(OUR_NOTE))
    .filter((e) => e.text.trim() !== '')
    .slice(-TRIED_LINES)
    .map((e) => ({
      author: nameOf(e.authorId),
      kind: e.public ? 'reply' : 'note',
      text: shorten(e.text, TRIED_MAX),
      at: e.createdAt,
    }));
  const credits: GrantedLine[] = ofKind(markersIn(entries, item.requesterId), 'credit').map(({ marker }) => ({
    amount: marker.amount,
    currency: marker.currency,
    agentName: nameOf(marker.agent),
    reason: marker.reason,
  }));
  return { wants: shorten(first?.text ?? item.subject, WANTS_MAX), tried, credits };
};

const holds = (status: EscalationStatus, input: CaseworkInput, meId: string): boolean => {
  if (!ACTIVE.has(status.state) || status.escalationId === null || status.ownerId === meId) return false;
  if (status.holderAgentId !== null) return status.holderAgentId === meId;
  // A group holds it: every member does, and so does whoever the group gave the ticket to.
  return (
    status.holderGroupId !== null &&
    (input.myGroupIds.includes(status.holderGroupId) || input.case.assigneeId === meId)
  );
};

const obligationOf = (
  status: EscalationStatus,
  input: CaseworkInput,
  meId: string,
  nameOf: (id: string | null) => string,
): HolderObligation | null => {
  if (!holds(status, input, meId) || status.escalationId === null) return null;
  return {
    escalationId: status.escalationId,
    ownerId: status.ownerId,
    ownerName: status.ownerId === null ? null : nameOf(status.ownerId),
    dueAt: status.dueAt,
    overdue: status.state === 'overdue',
  };
};

/**
 * Another open case of this customer with an owner (recorded or derived). A
 * recorded owner beats a derived one, then the most recently updated case wins.
 * Nothing to offer when this ticket's ownership is already recorded or it is
 * already with that owner.
 */
const continuityOf = (
  input: CaseworkInput,
  owner: OwnerResult,
  nameOf: (id: string | null) => string,
): Continuity | null => {
  if (owner.source === 'marker') return null;
  const candidates = input.history
    .filter((h) => h.case.ref.id !== input.case.ref.id && isOpenStatus(h.case.status))
    .map((h) => ({ item: h.case, owner: ownerOfOtherCase(h.case, h.entries) }))
    .filter((c) => c.owner.ownerId !== null && c.owner.ownerId !== input.case.assigneeId)
    .sort(
      (a, b) =>
        Number(b.owner.source === 'marker') - Number(a.owner.source === 'marker') ||
        Date.parse(b.item.updatedAt) - Date.parse(a.item.updatedAt),
    );
  const best = candidates[0];
  const ownerId = best?.owner.ownerId;
  if (best === undefined || ownerId == null) return null;
  return {
    ownerId,
    ownerName: nameOf(ownerId),
    ticketId: best.item.ref.id,
    subject: best.item.subject,
    mine: ownerId === input.me?.id,
  };
};

/**
 * Everything the casework actions show beside a ticket, from the cache alone:
 * pure, so the same cache always offers the same actions.
 */
export function buildCaseworkView(input: CaseworkInput): CaseworkView {
  const { me } = input;
  const names = new Map<string, string>(input.agents.map((a) => [a.id, a.name]));
  if (me !== null) names.set(me.id, me.name);
  const nameOf = (id: string | null) => (id === null ? '' : (names.get(id) ?? `Agent ${id}`));
  const { owner, escalation: status } = input.state ?? deriveCaseState(input);
  const inFlight = (kind: CaseworkCommandKind) =>
    input.pending.some((p) => p.kind === kind && p.state !== 'failed');
  const meId = me?.id ?? null;
  const isOwner = meId !== null && owner.ownerId === meId;
  const signedIn = meId !== null;

  return {
    meId,
    ownerId: owner.ownerId,
    isOwner,
    canClaim: signedIn && !(isOwner && owner.source === 'marker') && !inFlight('claim'),
    canHandOff: signedIn && (isOwner || owner.ownerId === null) && !inFlight('handoff'),
    handoffTargets: agentOptions(input.agents, [meId, owner.ownerId]),
    canEscalate: signedIn && !inFlight('escalate'),
    escalationGroups: escalationGroups(input.groups, input.tierGroupIds),
    escalationAgents: agentOptions(input.agents, [meId]),
    summary: handoffSummary(input.case, input.entries, nameOf),
    dueHours: input.dueHours,
    obligation: meId === null || inFlight('report-back') ? null : obligationOf(status, input, meId, nameOf),
    continuity: inFlight('route-to-owner') ? null : continuityOf(input, owner, nameOf),
    pending: [...input.pending].sort((a, b) => b.at - a.at),
  };
}
