import { z } from 'zod';
import { NumericId } from './ticket-ref';

/** The rep's free text in a note: the helpdesks take far more, but a hand-off note is read, not archived. */
export const NOTE_MAX = 4000;

const OpId = z.uuid();
const NoteText = z.string().max(NOTE_MAX);

/**
 * What the sidebar asks the background to do on a ticket. `opId` is a UUID the
 * sidebar makes when the rep clicks: the idempotency key of the whole write, so a
 * double click, a resent message or a retry never writes twice.
 */
export const ClaimCommand = z.strictObject({ kind: z.literal('claim'), opId: OpId });

export const HandoffCommand = z.strictObject({
  kind: z.literal('handoff'),
  opId: OpId,
  toAgentId: NumericId,
  note: NoteText,
});

export const EscalateCommand = z
  .strictObject({
    kind: z.literal('escalate'),
    opId: OpId,
    toGroupId: NumericId.optional(),
    toAgentId: NumericId.optional(),
    summary: NoteText.refine((s) => s.trim() !== '', 'a hand-off summary is needed'),
  })
  .refine((c) => c.toGroupId !== undefined || c.toAgentId !== undefined, 'escalate to a group or an agent');

export const ReportBackCommand = z.strictObject({
  kind: z.literal('report-back'),
  opId: OpId,
  escalationId: z.uuid(),
  text: NoteText.refine((s) => s.trim() !== '', 'a report is needed'),
  returnToOwner: z.boolean(),
});

export const RouteToOwnerCommand = z.strictObject({
  kind: z.literal('route-to-owner'),
  opId: OpId,
  ownerId: NumericId,
});

export const CaseworkCommand = z.discriminatedUnion('kind', [
  ClaimCommand,
  HandoffCommand,
  EscalateCommand,
  ReportBackCommand,
  RouteToOwnerCommand,
]);
export type CaseworkCommand = z.infer<typeof CaseworkCommand>;
export type CaseworkCommandKind = CaseworkCommand['kind'];
export const CASEWORK_COMMAND_KINDS = [
  'claim',
  'handoff',
  'escalate',
  'report-back',
  'route-to-owner',
] as const satisfies readonly CaseworkCommandKind[];

/** A write on its way: `sending` (not tried or in flight), `retrying` after a transient failure, or `failed` for good. */
export const PendingOp = z.object({
  opId: OpId,
  kind: z.enum(CASEWORK_COMMAND_KINDS),
  state: z.enum(['sending', 'retrying', 'failed']),
  /** Why the last try failed, in words a rep understands; null while nothing failed. */
  error: z.string().nullable(),
  /** Epoch ms the rep clicked. */
  at: z.number(),
});
export type PendingOp = z.infer<typeof PendingOp>;

export const AgentOption = z.object({ id: NumericId, name: z.string() });
export type AgentOption = z.infer<typeof AgentOption>;

/** `tier`: an escalation tier ("Tier 2", "Billing escalations"), listed first in the picker. */
export const GroupOption = z.object({ id: NumericId, name: z.string(), tier: z.boolean() });
export type GroupOption = z.infer<typeof GroupOption>;

/** One agent reply or note, shortened to a line, for "what was tried". */
export const TriedLine = z.object({
  author: z.string(),
  kind: z.enum(['reply', 'note']),
  text: z.string(),
  at: z.string(),
});
export type TriedLine = z.infer<typeof TriedLine>;

/** A credit recorded on this ticket (from its credit markers). Amount in minor units. */
export const GrantedLine = z.object({
  amount: z.number().int(),
  currency: z.string(),
  agentName: z.string(),
  reason: z.string(),
});
export type GrantedLine = z.infer<typeof GrantedLine>;

/** The parts of the hand-off summary; the sidebar words them (with t()) into the text the rep edits. */
export const HandoffSummary = z.object({
  /** The customer's first message, trimmed; the subject when there is none. */
  wants: z.string(),
  tried: z.array(TriedLine),
  credits: z.array(GrantedLine),
});
export type HandoffSummary = z.infer<typeof HandoffSummary>;

/** "You hold an escalation for Alice: report back by 14:00." */
export const HolderObligation = z.object({
  escalationId: z.uuid(),
  ownerId: NumericId.nullable(),
  ownerName: z.string().nullable(),
  dueAt: z.iso.datetime({ offset: true }).nullable(),
  overdue: z.boolean(),
});
export type HolderObligation = z.infer<typeof HolderObligation>;

/** Another open case of this customer has an owner: offer to route this ticket to them. */
export const Continuity = z.object({
  ownerId: NumericId,
  ownerName: z.string(),
  ticketId: NumericId,
  subject: z.string(),
  /** The owner is the signed-in rep. */
  mine: z.boolean(),
});
export type Continuity = z.infer<typeof Continuity>;

/** What the casework actions need beyond OwnerView and EscalationView. */
export const CaseworkView = z.object({
  /** The signed-in agent; null when signed out (then nothing can be done). */
  meId: NumericId.nullable(),
  ownerId: NumericId.nullable(),
  isOwner: z.boolean(),
  /** False when this rep already owns the case by a recorded claim. */
  canClaim: z.boolean(),
  /** Only the owner (or anyone, while nobody owns it) hands a case over. */
  canHandOff: z.boolean(),
  handoffTargets: z.array(AgentOption),
  canEscalate: z.boolean(),
  escalationGroups: z.array(GroupOption),
  escalationAgents: z.array(AgentOption),
  summary: HandoffSummary,
  /** Report-back due time an escalation made now gets (policy; default 24). */
  dueHours: z.number().positive(),
  obligation: HolderObligation.nullable(),
  continuity: Continuity.nullable(),
  /** Writes of this ticket not yet confirmed, and the ones that failed, newest first. */
  pending: z.array(PendingOp),
});
export type CaseworkView = z.infer<typeof CaseworkView>;
