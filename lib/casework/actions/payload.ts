import { z } from 'zod';
import { CaseworkCommand } from '../../domain/casework';
import { NumericId, TicketRef } from '../../domain/ticket-ref';

/** How a re-send recognizes the operation's note already on the ticket (see note-check.ts). */
export const NoteCheck = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('escalation'), id: z.uuid() }),
  z.object({ kind: z.literal('owner'), agent: NumericId, from: NumericId.optional() }),
  z.object({ kind: z.literal('report-back'), escalation: z.uuid(), by: NumericId }),
]);
export type NoteCheck = z.infer<typeof NoteCheck>;

export const Assignment = z.object({
  assigneeId: NumericId.nullable().optional(),
  groupId: NumericId.nullable().optional(),
});
export type Assignment = z.infer<typeof Assignment>;

/** Which steps are behind us. `noteTried`: the note may be on the wire, so a re-send checks first. */
export const Progress = z.object({
  noteTried: z.boolean(),
  noteDone: z.boolean(),
  tagsDone: z.boolean(),
});
export type Progress = z.infer<typeof Progress>;

/**
 * Everything one operation writes, decided when the rep clicked and frozen in
 * the outbox row, so a retry after a restart writes exactly the same note.
 */
export const OpPayload = z.object({
  command: CaseworkCommand,
  ticket: TicketRef,
  note: z.string().min(1),
  check: NoteCheck,
  addTags: z.array(z.string().min(1)),
  assign: Assignment.nullable(),
  progress: Progress,
});
export type OpPayload = z.infer<typeof OpPayload>;

export const NOT_STARTED: Progress = { noteTried: false, noteDone: false, tagsDone: false };
