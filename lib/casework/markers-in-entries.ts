import { trustedMarkers } from '../domain/marker-trust';
import type { Marker, MarkerKind } from '../domain/markers';
import type { Entry } from '../domain/model';

export interface FoundMarker<M extends Marker = Marker> {
  marker: M;
  /** The note that carries it: its time and author are the marker's. */
  entry: Entry;
}

/** Ids are compared as BigInt: Zendesk ids pass 2^53 and Number would tie them. */
const compareIds = (a: string, b: string): number => {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

const byTime = (a: Entry, b: Entry): number =>
  Date.parse(a.createdAt) - Date.parse(b.createdAt) || compareIds(a.id, b.id);

/**
 * Every marker on a ticket that counts (see judgeMarker: a private note by the agent it
 * names, the helpdesk vouching for who wrote it), oldest first. `requesterId` is the
 * ticket's requester, the only customer its credits can be for; casework markers name none.
 */
export const markersIn = (entries: readonly Entry[], requesterId: string | null): FoundMarker[] =>
  trustedMarkers([...entries].sort(byTime), { requesterId });

export const ofKind = <K extends MarkerKind>(
  found: readonly FoundMarker[],
  kind: K,
): FoundMarker<Extract<Marker, { kind: K }>>[] =>
  found.filter((f): f is FoundMarker<Extract<Marker, { kind: K }>> => f.marker.kind === kind);
