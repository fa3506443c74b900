import type { Entry } from '../../domain/model';
import { markersIn } from '../markers-in-entries';
import type { NoteCheck } from './payload';

/** Helpdesk clocks and ours differ; a report written this much before our click still counts as ours. */
const CLOCK_SKEW_MS = 10 * 60_000;

/**
 * Whether the note of an operation is already on the ticket: checked before a
 * re-send, so a worker killed between "sent" and "acknowledged" never writes it
 * twice. An escalation is found by its id; an ownership change by being the
 * latest one (the effect is what matters); a report-back by its escalation and
 * author, written after the click.
 */
export function alreadyWritten(entries: readonly Entry[], check: NoteCheck, clickedAt: number): boolean {
  // Casework markers name no customer: the requester does not matter to them.
  const found = markersIn(entries, null);
  switch (check.kind) {
    case 'escalation':
      return found.some(({ marker }) => marker.kind === 'escalation' && marker.id === check.id);
    case 'owner': {
      const latest = found.filter(({ marker }) => marker.kind === 'owner').at(-1)?.marker;
      return latest?.kind === 'owner' && latest.agent === check.agent && latest.from === check.from;
    }
    case 'report-back':
      return found.some(
        ({ marker, entry }) =>
          marker.kind === 'report-back' &&
          marker.escalation === check.escalation &&
          marker.by === check.by &&
          Date.parse(entry.createdAt) >= clickedAt - CLOCK_SKEW_MS,
      );
  }
}
