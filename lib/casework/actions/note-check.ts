import { findMarker, type Marker, parseMarker } from '../../domain/markers';
import type { Entry } from '../../domain/model';
import type { NoteCheck } from './payload';

const OPENING = '[frontline:';
/** Helpdesk clocks and ours differ; a report written this much before our click still counts as ours. */
const CLOCK_SKEW_MS = 10 * 60_000;

/**
 * The marker a private note ends with. A helpdesk that flattens `<br>` when it
 * makes plain text (the simulator's Freshdesk does) glues the marker to the line
 * before; not finding our own marker would write the note twice, so a note that
 * merely ends with a valid marker counts here.
 */
export function trailingMarker(entry: Entry): Marker | null {
  if (entry.public || entry.fromCustomer) return null;
  const strict = findMarker(entry.text, true);
  if (strict !== null) return strict;
  const text = entry.text.trimEnd();
  const at = text.lastIndexOf(OPENING);
  return at === -1 ? null : parseMarker(text.slice(at));
}

const chronological = (entries: readonly Entry[]): Entry[] =>
  [...entries].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));

/**
 * Whether the note of an operation is already on the ticket: checked before a
 * re-send, so a worker killed between "sent" and "acknowledged" never writes it
 * twice. An escalation is found by its id; an ownership change by being the
 * latest one (the effect is what matters); a report-back by its escalation and
 * author, written after the click.
 */
export function alreadyWritten(entries: readonly Entry[], check: NoteCheck, clickedAt: number): boolean {
  const found = chronological(entries).flatMap((entry) => {
    const marker = trailingMarker(entry);
    return marker === null ? [] : [{ marker, entry }];
  });
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
