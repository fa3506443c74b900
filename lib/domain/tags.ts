/**
 * The helpdesk tags Frontline adds beside its notes' markers (./markers.ts): a
 * marker says what happened, a tag lets the helpdesk's own search find the
 * ticket (a manager's review, the ledger rebuild, the history's escalated flag).
 */

/** A grant was recorded on the ticket. */
export const CREDIT_TAG = 'frontline_credit';
/** A rep asked a manager to approve a credit above their limit. */
export const APPROVAL_TAG = 'frontline_approval_requested';
/** The case's owner was recorded (claim, hand-off, route to owner). */
export const OWNER_TAG = 'frontline_owner';
/** The case was escalated at some point; whether it still is comes from the markers. */
export const ESCALATED_TAG = 'frontline_escalated';

/**
 * The per-agent tag beside CREDIT_TAG: a rep's own grants are one tag search away
 * whatever the team's size. Ids are `^\d{1,20}$`, so it is at most 30 characters,
 * inside Freshdesk's 32-character limit on a tag.
 */
export const agentCreditTag = (agentId: string): string => `fl_credit_${agentId}`;
