import type { EscalationMarker, ReportBackMarker } from '../../domain/markers';
import { noteWithMarker } from '../../domain/note-text';

/** Names come from people: fold them onto one line so the marker stays the note's last line. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The rep's edited summary, as written; the marker says where it went and by when to report back. */
export const escalationNoteText = (summary: string, marker: EscalationMarker): string =>
  noteWithMarker(summary.trim(), marker);

/** "Ben Backline reported back to Alice Agent." (and returned the ticket), then the report. */
export const reportBackNoteText = (
  marker: ReportBackMarker,
  names: { by: string; owner: string | null },
  report: string,
): string => {
  const to = names.owner === null ? '' : ` to ${oneLine(names.owner)}`;
  const back =
    marker.returned && names.owner !== null ? ` The ticket goes back to ${oneLine(names.owner)}.` : '';
  return noteWithMarker(`${oneLine(names.by)} reported back${to}.${back}\n\n${report.trim()}`, marker);
};
