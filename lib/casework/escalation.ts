import type { EscalationMarker } from '../domain/markers';
import type { AssignmentChange, Case, Entry } from '../domain/model';
import { DEFAULT_REPORT_BACK_HOURS } from '../domain/policy';
import type { EscalationView } from '../domain/snapshot';
import { platformOf } from '../helpdesks/registry';
import { directEscalationId, inferredEscalationId } from './direct-escalation-id';
import { type FoundMarker, markersIn, ofKind } from './markers-in-entries';

/** Frontline writes the escalation note and reassigns in separate calls; this ties the two together. */
const SAME_ACT_MS = 10 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

export interface EscalationInput {
  case: Case;
  /** Reassignments: Zendesk audits, or changes the sync saw on Freshdesk; may be empty. */
  trail: readonly AssignmentChange[];
  entries: readonly Entry[];
  ownerId: string | null;
  /** Epoch ms. */
  now: number;
  /** Report-back due time for escalations made without Frontline (policy; default 24 h). */
  policyDueHours?: number;
  /** Markers already found in `entries`; found here when omitted. */
  markers?: readonly FoundMarker[];
}

export interface EscalationStatus {
  state: EscalationView['state'];
  /** The marker's id, or a stable id for an escalation made directly in the helpdesk. */
  escalationId: string | null;
  /**
   * `marker`: Frontline's note; `helpdesk`: the helpdesk's trail shows the reassignment;
   * `inferred`: the helpdesk keeps no trail (Freshdesk) and the ticket is held away from its
   * owner, so `since` is an upper bound (when Frontline first saw it so).
   */
  source: 'marker' | 'helpdesk' | 'inferred' | null;
  holderAgentId: string | null;
  holderGroupId: string | null;
  /** Who the holder reports back to. */
  ownerId: string | null;
  since: string | null;
  dueAt: string | null;
  reportedAt: string | null;
}

interface Escalation {
  id: string;
  source: 'marker' | 'helpdesk' | 'inferred';
  since: number;
  /** Report-backs from before this do not count: an earlier escalation's. */
  reportsFrom: number;
  due: number;
  holderAgentId: string | null;
  holderGroupId: string | null;
  ownerId: string | null;
  by: string | null;
}

const NONE: EscalationStatus = {
  state: 'none',
  escalationId: null,
  source: null,
  holderAgentId: null,
  holderGroupId: null,
  ownerId: null,
  since: null,
  dueAt: null,
  reportedAt: null,
};

const ms = (iso: string): number => Date.parse(iso);
const iso = (epoch: number): string => new Date(epoch).toISOString();

const fromMarker = ({ marker, entry }: FoundMarker<EscalationMarker>): Escalation => ({
  id: marker.id,
  source: 'marker',
  since: ms(entry.createdAt),
  reportsFrom: ms(entry.createdAt),
  due: ms(marker.due),
  holderAgentId: marker.agent ?? null,
  holderGroupId: marker.group ?? null,
  ownerId: marker.owner,
  by: marker.by,
});

/** The field's value just before `t`, read from the changes around it. */
const valueBefore = (changes: readonly AssignmentChange[], t: number): string | null | undefined => {
  const before = changes.filter((c) => ms(c.at) < t).at(-1);
  if (before) return before.to;
  return changes.find((c) => ms(c.at) >= t)?.from;
};

/** The field's value just after the changes at `t`. */
const valueAfter = (changes: readonly AssignmentChange[], t: number): string | null | undefined => {
  const upTo = changes.filter((c) => ms(c.at) <= t).at(-1);
  if (upTo) return upTo.to;
  return changes.find((c) => ms(c.at) > t)?.from;
};

/**
 * Reassignments away from the owner that no Frontline escalation note
 * explains: someone escalated the case directly in the helpdesk.
 */
const directEscalations = (
  input: EscalationInput,
  markerTimes: readonly number[],
  dueHours: number,
): Escalation[] => {
  const { ownerId } = input;
  if (ownerId === null) return [];
  // Changes Frontline only saw (no trail) have no time of their own: inferredEscalation reads them.
  const sorted = input.trail.filter((c) => !c.seen).sort((a, b) => ms(a.at) - ms(b.at));
  const assignees = sorted.filter((c) => c.field === 'assignee');
  const groups = sorted.filter((c) => c.field === 'group');
  const times = [...new Set(assignees.map((c) => ms(c.at)))];
  return times.flatMap((t) => {
    const before = valueBefore(assignees, t);
    const after = valueAfter(assignees, t);
    const explained = markerTimes.some((m) => Math.abs(m - t) <= SAME_ACT_MS);
    if (before !== ownerId || after === ownerId || after === undefined || explained) return [];
    const at = assignees.find((c) => ms(c.at) === t)?.at ?? iso(t);
    return [
      {
        id: directEscalationId(input.case.ref, at),
        source: 'helpdesk' as const,
        since: t,
        reportsFrom: t,
        due: t + dueHours * HOUR_MS,
        holderAgentId: after,
        holderGroupId: valueAfter(groups, t) ?? input.case.groupId,
        ownerId,
        by: sorted.find((c) => ms(c.at) === t)?.authorId ?? null,
      },
    ];
  });
};

/** When Frontline first saw the field at its current value, if it saw it change or arrive. */
const firstSeenAt = (
  input: EscalationInput,
  field: AssignmentChange['field'],
  value: string | null,
): AssignmentChange | undefined => {
  const last = input.trail.filter((c) => c.seen && c.field === field).at(-1);
  return last?.to === value ? last : undefined;
};

/**
 * Where the helpdesk keeps no trail (Freshdesk), a ticket held away from its owner (another
 * agent, or unassigned in a group Frontline saw it moved to) was escalated directly in the
 * helpdesk. When is not known: `since` is when Frontline first saw it so (the ticket's
 * `updated_at` then), else the ticket's `updated_at`; either is an upper bound. A Frontline
 * escalation to the same holder explains it.
 */
const inferredEscalation = (
  input: EscalationInput,
  byMarker: readonly Escalation[],
  dueHours: number,
): Escalation[] => {
  const { ownerId, case: item } = input;
  if (ownerId === null || platformOf(item.ref.helpdesk).trailSource !== 'observed') return [];
  const agent = item.assigneeId;
  const groupMove = firstSeenAt(input, 'group', item.groupId);
  const away = agent !== null ? agent !== ownerId : groupMove?.from != null && item.groupId !== null;
  if (!away) return [];
  // A Frontline escalation to this agent, or to this group (whose member may have taken it), explains it.
  const explained = byMarker.some(
    (e) =>
      (agent !== null && e.holderAgentId === agent) ||
      (e.holderAgentId === null && e.holderGroupId === item.groupId),
  );
  if (explained) return [];
  const seen = agent !== null ? firstSeenAt(input, 'assignee', agent) : groupMove;
  const since = ms(seen?.at ?? item.updatedAt);
  const lastWithOwner = input.trail
    .filter((c) => c.seen && c.field === 'assignee' && c.to === ownerId)
    .at(-1);
  return [
    {
      id: inferredEscalationId(item.ref, agent, item.groupId),
      source: 'inferred',
      since,
      // The reassignment came after the owner was last seen holding it: a report-back may predate `since`.
      reportsFrom: lastWithOwner ? ms(lastWithOwner.at) : Number.NEGATIVE_INFINITY,
      due: since + dueHours * HOUR_MS,
      holderAgentId: agent,
      holderGroupId: item.groupId,
      ownerId,
      by: null,
    },
  ];
};

/** When the case went back to the owner after the escalation, if it did. */
const returnedAt = (input: EscalationInput, e: Escalation): number | null => {
  const assignees = input.trail.filter((c) => c.field === 'assignee');
  const back = assignees
    .filter((c) => ms(c.at) > e.since && c.to === e.ownerId)
    .sort((a, b) => ms(a.at) - ms(b.at))[0];
  return back ? ms(back.at) : null;
};

/** With no trail (Freshdesk between syncs), the current assignee is all we know. */
const backWithOwnerNow = (input: EscalationInput, e: Escalation): boolean =>
  !input.trail.some((c) => c.field === 'assignee' && ms(c.at) > e.since) &&
  e.holderAgentId !== null &&
  e.holderAgentId !== e.ownerId &&
  input.case.assigneeId !== null &&
  input.case.assigneeId === e.ownerId;

const holderWrote = (input: EscalationInput, e: Escalation): boolean =>
  input.entries.some(
    (entry) =>
      ms(entry.createdAt) > e.since &&
      !entry.fromCustomer &&
      entry.authorId !== null &&
      (e.holderAgentId !== null
        ? entry.authorId === e.holderAgentId
        : entry.authorId !== e.ownerId && entry.authorId !== e.by),
  );

/**
 * The state of the case's latest escalation, from markers and the helpdesk's
 * own trail. A report-back settles it; otherwise an expired due time makes it
 * overdue even if the holder wrote meanwhile, because the obligation is to
 * report back, not merely to touch the ticket.
 */
export const deriveEscalation = (input: EscalationInput): EscalationStatus => {
  const markers = input.markers ?? markersIn(input.entries, input.case.requesterId);
  const dueHours = input.policyDueHours ?? DEFAULT_REPORT_BACK_HOURS;
  const byMarker = ofKind(markers, 'escalation').map(fromMarker);
  const direct = directEscalations(
    input,
    byMarker.map((e) => e.since),
    dueHours,
  );
  const inferred = inferredEscalation(input, byMarker, dueHours);
  const latest = [...byMarker, ...direct, ...inferred].sort((a, b) => a.since - b.since).at(-1);
  if (!latest) return NONE;

  const base: EscalationStatus = {
    state: 'escalated',
    escalationId: latest.id,
    source: latest.source,
    holderAgentId: latest.holderAgentId,
    holderGroupId: latest.holderGroupId,
    ownerId: latest.ownerId,
    since: iso(latest.since),
    dueAt: iso(latest.due),
    reportedAt: null,
  };

  const report = ofKind(markers, 'report-back')
    .filter((r) => r.marker.escalation === latest.id && ms(r.entry.createdAt) >= latest.reportsFrom)
    .at(-1);
  const reportedAt = report ? iso(ms(report.entry.createdAt)) : null;
  if (report?.marker.returned) return { ...base, state: 'returned', reportedAt };
  const back = returnedAt(input, latest);
  if (back !== null) return { ...base, state: 'returned', reportedAt: reportedAt ?? iso(back) };
  if (backWithOwnerNow(input, latest)) return { ...base, state: 'returned', reportedAt };
  if (report) return { ...base, state: 'reported-back', reportedAt };
  if (input.now > latest.due) return { ...base, state: 'overdue' };
  if (holderWrote(input, latest)) return { ...base, state: 'updated' };
  return base;
};

/** The sidebar's view: holder ids turned into a name a rep reads. */
export const toEscalationView = (
  status: EscalationStatus,
  names: { agent: (id: string) => string | null; group: (id: string) => string | null },
): EscalationView => {
  const agent =
    status.holderAgentId === null ? null : (names.agent(status.holderAgentId) ?? status.holderAgentId);
  const group =
    status.holderGroupId === null ? null : (names.group(status.holderGroupId) ?? status.holderGroupId);
  const holder = agent !== null && group !== null ? `${agent} (${group})` : (agent ?? group);
  return {
    state: status.state,
    holder,
    since: status.since,
    dueAt: status.dueAt,
    reportedAt: status.reportedAt,
    ...(status.source === 'inferred' ? { inferred: true } : {}),
  };
};
