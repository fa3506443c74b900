import type { IndexedGrant } from '../domain/grant-index';
import { agentCreditTag, CREDIT_TAG } from '../domain/tags';

/** The tags a ticket holding `grants` carries: `frontline_credit` and one per granting agent. */
export const indexTags = (grants: readonly IndexedGrant[]): string[] => [
  CREDIT_TAG,
  ...new Set(grants.map((g) => agentCreditTag(g.agentId))),
];
