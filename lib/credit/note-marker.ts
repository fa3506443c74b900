import { findMarker, type Marker, parseMarker } from '../domain/markers';
import type { Entry } from '../domain/model';

const OPENING = '[frontline:';

/**
 * The marker a private note ends with. findMarker wants it on its own last
 * line; a helpdesk that flattens `<br>` when it makes plain text (unverified
 * for Freshdesk's `body_text`; the simulator does it) glues it to the line
 * before. Not finding our own marker would re-send a credit, so a note that
 * merely ends with a valid marker counts too. Public replies never do.
 */
export function noteMarker(entry: Entry): Marker | null {
  if (entry.public) return null;
  const strict = findMarker(entry.text, true);
  if (strict !== null) return strict;
  const text = entry.text.trimEnd();
  const at = text.lastIndexOf(OPENING);
  return at === -1 ? null : parseMarker(text.slice(at));
}
