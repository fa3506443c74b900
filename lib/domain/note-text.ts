import {
  type ApprovalRequestMarker,
  type CreditMarker,
  type CreditRefusedMarker,
  formatMarker,
  type Marker,
  type OwnerMarker,
} from './markers';
import { formatMoney } from './money-format';

/** Names and reasons come from people: fold them onto one line so the marker stays the last line. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** A human-readable body, a blank line, then the marker as the note's last line. */
export const noteWithMarker = (body: string, marker: Marker): string => {
  const text = body.replace(/\s+$/, '');
  const line = formatMarker(marker);
  return text === '' ? line : `${text}\n\n${line}`;
};

export const creditNoteText = (marker: CreditMarker, agentName: string, locale = 'en-US'): string =>
  noteWithMarker(
    `Credit of ${formatMoney(marker, locale)} granted by ${oneLine(agentName)}. Reason: ${oneLine(marker.reason)}`,
    marker,
  );

/** The gateway's refusal of a grant, in its words, written on the ticket by the grant's agent. */
export const creditRefusedNoteText = (marker: CreditRefusedMarker, message: string): string =>
  noteWithMarker(`The credit gateway refused this credit (${marker.code}): ${oneLine(message)}`, marker);

export const approvalRequestNoteText = (
  marker: ApprovalRequestMarker,
  agentName: string,
  locale = 'en-US',
): string =>
  noteWithMarker(
    `Approval requested by ${oneLine(agentName)} for a credit of ${formatMoney(marker, locale)}. Reason: ${oneLine(marker.reason)}`,
    marker,
  );

/** A claim ("Ada Agent owns this case.") or a hand-off ("… handed this case to Ada Agent."), plus the rep's note. */
export const ownerNoteText = (
  marker: OwnerMarker,
  names: { owner: string; from?: string },
  note = '',
): string => {
  const headline =
    marker.from !== undefined && names.from !== undefined
      ? `${oneLine(names.from)} handed this case to ${oneLine(names.owner)}.`
      : `${oneLine(names.owner)} owns this case.`;
  const extra = note.trim();
  return noteWithMarker(extra === '' ? headline : `${headline}\n\n${extra}`, marker);
};
