import { findMarker, type Marker, type MarkerKind } from '../domain/markers';
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
 * Every marker on a ticket, oldest first. Only agents' private notes count:
 * customers can't write private notes, but a customer-authored entry is refused
 * anyway so a pasted marker can never move money or ownership.
 */
export const markersIn = (entries: readonly Entry[]): FoundMarker[] =>
  [...entries]
    .filter((e) => !e.public && !e.fromCustomer)
    .sort(byTime)
    .flatMap((entry) => {
      const marker = findMarker(entry.text, true);
      return marker ? [{ marker, entry }] : [];
    });

export const ofKind = <K extends MarkerKind>(
  found: readonly FoundMarker[],
  kind: K,
): FoundMarker<Extract<Marker, { kind: K }>>[] =>
  found.filter((f): f is FoundMarker<Extract<Marker, { kind: K }>> => f.marker.kind === kind);
