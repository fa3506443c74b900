import { findMarker, type Marker, parseMarker } from '../../domain/markers';
import type { Entry } from '../../domain/model';
import type { FoundMarker } from '../markers-in-entries';
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

/** Ids are compared as BigInt: Zendesk ids pass 2^53 and Number would tie them. */
const compareIds = (a: string, b: string): number => {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * Every marker on a ticket, oldest first, as markersIn finds them but also
 * when glued to the line before (see trailingMarker). Pass the result as
 * `markers` to deriveOwner and deriveEscalation.
 */
export const notesMarkers = (entries: readonly Entry[]): FoundMarker[] =>
  [...entries]
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || compareIds(a.id, b.id))
    .flatMap((entry) => {
      const marker = trailingMarker(entry);
      return marker === null ? [] : [{ marker, entry }];
    });

/**
 * Whether the note of an operation is already on the ticket: checked before a
 * re-send, so a worker killed between "sent" and "acknowledged" never writes it
 * twice. An escalation is found by its id; an ownership change by being the
 * latest one (the effect is what matters); a report-back by its escalation and
 * author, written after the click.
 */
export function alreadyWritten(entries: readonly Entry[], check: NoteCheck, clickedAt: number): boolean {
  const found = notesMarkers(entries);
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
