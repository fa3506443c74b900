import type { CaseworkCommand } from '../../domain/casework';
import type { EscalationMarker, OwnerMarker, ReportBackMarker } from '../../domain/markers';
import type { Agent, AssignmentChange, Case, Entry, Group } from '../../domain/model';
import { ownerNoteText } from '../../domain/note-text';
import { ESCALATED_TAG, OWNER_TAG } from '../../domain/tags';
import { deriveCaseState, ownerOfOtherCase } from '../case-state';
import type { HistoryCase } from '../casework-view';
import type { EscalationStatus } from '../escalation';
import { markersIn, ofKind } from '../markers-in-entries';
import { escalationNoteText, reportBackNoteText } from './note-texts';
import { type Assignment, NOT_STARTED, type OpPayload } from './payload';

const HOUR_MS = 3_600_000;
/** Frontline writes the escalation note and reassigns in separate calls; changes this close belong to it. */
const SAME_ACT_MS = 10 * 60_000;

/** What the cache holds about the ticket when the rep clicks. */
export interface PlanContext {
  case: Case;
  entries: readonly Entry[];
  trail: readonly AssignmentChange[];
  agents: readonly Agent[];
  groups: readonly Group[];
  /** The requester's cases, for route-to-owner's note; may be empty. */
  history: readonly HistoryCase[];
  me: Agent;
  /** Epoch ms. */
  now: number;
  dueHours: number;
}

export type PlanResult =
  | { ok: true; payload: OpPayload }
  | { ok: true; payload: null }
  | { ok: false; message: string };

type Command<K extends CaseworkCommand['kind']> = Extract<CaseworkCommand, { kind: K }>;

export const NOT_OWNER = 'Only the case’s owner can hand it over.';
export const TO_SELF = 'Choose someone other than yourself.';
export const NOT_CURRENT = 'This escalation is no longer open: it was returned or replaced.';

const nameIn = (ctx: PlanContext, id: string): string =>
  id === ctx.me.id ? ctx.me.name : (ctx.agents.find((a) => a.id === id)?.name ?? `Agent ${id}`);

const stateOf = (ctx: PlanContext) => deriveCaseState(ctx);

const payloadOf = (
  ctx: PlanContext,
  command: CaseworkCommand,
  rest: Pick<OpPayload, 'note' | 'check' | 'addTags' | 'assign'>,
): PlanResult => ({
  ok: true,
  payload: { command, ticket: ctx.case.ref, ...rest, progress: NOT_STARTED },
});

const latestOwnerMarker = (ctx: PlanContext): OwnerMarker | null =>
  ofKind(markersIn(ctx.entries, ctx.case.requesterId), 'owner').at(-1)?.marker ?? null;

function planClaim(ctx: PlanContext, command: Command<'claim'>): PlanResult {
  // Claimed already (this click's twin, or earlier): nothing to write.
  if (latestOwnerMarker(ctx)?.agent === ctx.me.id) return { ok: true, payload: null };
  const marker: OwnerMarker = { kind: 'owner', agent: ctx.me.id };
  return payloadOf(ctx, command, {
    note: ownerNoteText(marker, { owner: ctx.me.name }),
    check: { kind: 'owner', agent: marker.agent },
    addTags: [OWNER_TAG],
    assign: null,
  });
}

function planHandoff(ctx: PlanContext, command: Command<'handoff'>): PlanResult {
  const { ownerId } = stateOf(ctx).owner;
  if (ownerId !== null && ownerId !== ctx.me.id) return { ok: false, message: NOT_OWNER };
  if (command.toAgentId === ctx.me.id) return { ok: false, message: TO_SELF };
  const marker: OwnerMarker = {
    kind: 'owner',
    agent: command.toAgentId,
    ...(ownerId === null ? {} : { from: ownerId }),
  };
  return payloadOf(ctx, command, {
    note: ownerNoteText(marker, { owner: nameIn(ctx, command.toAgentId), from: ctx.me.name }, command.note),
    check: {
      kind: 'owner',
      agent: marker.agent,
      ...(marker.from === undefined ? {} : { from: marker.from }),
    },
    addTags: [OWNER_TAG],
    assign: { assigneeId: command.toAgentId },
  });
}

/** To a group: the group's queue, nobody in particular unless an agent was named too. */
const escalationAssignment = (command: Command<'escalate'>): Assignment =>
  command.toGroupId === undefined
    ? { assigneeId: command.toAgentId ?? null }
    : { groupId: command.toGroupId, assigneeId: command.toAgentId ?? null };

function planEscalate(ctx: PlanContext, command: Command<'escalate'>): PlanResult {
  if (command.toGroupId === undefined && command.toAgentId === ctx.me.id)
    return { ok: false, message: TO_SELF };
  const marker: EscalationMarker = {
    kind: 'escalation',
    id: command.opId,
    ...(command.toGroupId === undefined ? {} : { group: command.toGroupId }),
    ...(command.toAgentId === undefined ? {} : { agent: command.toAgentId }),
    by: ctx.me.id,
    // Nobody owned it: whoever escalates is who the holder reports back to.
    owner: stateOf(ctx).owner.ownerId ?? ctx.me.id,
    due: new Date(ctx.now + ctx.dueHours * HOUR_MS).toISOString(),
  };
  return payloadOf(ctx, command, {
    note: escalationNoteText(command.summary, marker),
    check: { kind: 'escalation', id: marker.id },
    addTags: [ESCALATED_TAG],
    assign: escalationAssignment(command),
  });
}

/** The group the case was in before the escalation moved it, when the trail tells (Zendesk). */
const groupBefore = (ctx: PlanContext, status: EscalationStatus): string | null | undefined => {
  if (status.since === null) return undefined;
  const since = Date.parse(status.since);
  return [...ctx.trail]
    .filter((c) => c.field === 'group' && Date.parse(c.at) >= since - SAME_ACT_MS)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0]?.from;
};

const returnAssignment = (ctx: PlanContext, status: EscalationStatus, ownerId: string): Assignment => {
  const group = groupBefore(ctx, status);
  // Zendesk refuses an assignee outside the ticket's group; put the group back with the owner.
  return group === undefined ? { assigneeId: ownerId } : { assigneeId: ownerId, groupId: group };
};

function planReportBack(ctx: PlanContext, command: Command<'report-back'>): PlanResult {
  const { escalation: status } = stateOf(ctx);
  const open = ['escalated', 'updated', 'overdue', 'reported-back'].includes(status.state);
  if (!open || status.escalationId !== command.escalationId) return { ok: false, message: NOT_CURRENT };
  const escalationOwner = status.ownerId;
  const returned = command.returnToOwner && escalationOwner !== null;
  const marker: ReportBackMarker = {
    kind: 'report-back',
    escalation: command.escalationId,
    by: ctx.me.id,
    returned,
  };
  return payloadOf(ctx, command, {
    note: reportBackNoteText(
      marker,
      { by: ctx.me.name, owner: escalationOwner === null ? null : nameIn(ctx, escalationOwner) },
      command.text,
    ),
    check: { kind: 'report-back', escalation: marker.escalation, by: marker.by },
    // frontline_escalated stays: it marks that the case was escalated (history, a manager's search);
    // whether it still is comes from the markers.
    addTags: [],
    assign: returned && escalationOwner !== null ? returnAssignment(ctx, status, escalationOwner) : null,
  });
}

function planRouteToOwner(ctx: PlanContext, command: Command<'route-to-owner'>): PlanResult {
  const name = nameIn(ctx, command.ownerId);
  const marker: OwnerMarker = { kind: 'owner', agent: command.ownerId };
  const other = ctx.history.find(
    (h) =>
      h.case.ref.id !== ctx.case.ref.id && ownerOfOtherCase(h.case, h.entries).ownerId === command.ownerId,
  );
  const why = other === undefined ? '' : `Same customer as #${other.case.ref.id}, which ${name} owns.`;
  return payloadOf(ctx, command, {
    note: ownerNoteText(marker, { owner: name }, why),
    check: { kind: 'owner', agent: marker.agent },
    addTags: [OWNER_TAG],
    assign: { assigneeId: command.ownerId },
  });
}

/**
 * What one command writes, decided from the cache when the rep clicks: the
 * note (a human line, the rep's text, the marker last), the tags and the
 * reassignment. `payload: null` means there is nothing left to write.
 */
export function planCommand(ctx: PlanContext, command: CaseworkCommand): PlanResult {
  switch (command.kind) {
    case 'claim':
      return planClaim(ctx, command);
    case 'handoff':
      return planHandoff(ctx, command);
    case 'escalate':
      return planEscalate(ctx, command);
    case 'report-back':
      return planReportBack(ctx, command);
    case 'route-to-owner':
      return planRouteToOwner(ctx, command);
  }
}
