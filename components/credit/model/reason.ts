/** The protocol caps a reason at 500 characters; free text gets what the chosen reason leaves. */
export const REASON_MAX = 500;

/** "Late delivery" or "Late delivery: parcel lost twice"; blank details add nothing. */
export const composeReason = (reason: string, details: string): string => {
  const extra = details.trim().replace(/\s+/g, ' ');
  return (extra === '' ? reason : `${reason}: ${extra}`).slice(0, REASON_MAX);
};

/** Room left for details after "Reason: ". */
export const detailsRoom = (reason: string): number => Math.max(0, REASON_MAX - reason.length - 2);
