import type { Helpdesk } from './model';

/**
 * Id ranges shaped like the real ones: Zendesk users, groups, comments and audits
 * far above 2^32 (ticket ids stay small and sequential, as in a real account);
 * Freshdesk ids in the 5·10^11 range of 2025 recordings. Everything stays below 2^53.
 */
export interface IdPlan {
  users: number;
  groups: number;
  organizations: number;
  /** Generated comment `k` of ticket `t` gets `comments + t·1000 + 2k`, its audit the next odd id. */
  comments: number;
  /** Records created while the simulator runs (notes, replies, audits). */
  runtime: number;
  customFields: number;
  customStatuses: number;
}

export const ID_PLANS: Record<Helpdesk, IdPlan> = {
  zendesk: {
    users: 6_130_907_993_114,
    groups: 6_130_852_536_346,
    organizations: 6_130_869_157_658,
    comments: 33_144_692_244_499,
    runtime: 7_000_000_000_000_000,
    customFields: 360_012_345_678,
    customStatuses: 6_130_830_355_738,
  },
  freshdesk: {
    users: 501_005_088_825,
    groups: 501_000_283_279,
    organizations: 501_000_512_000,
    comments: 501_012_837_977,
    runtime: 601_000_000_000,
    customFields: 501_002_000_000,
    customStatuses: 6,
  },
};

export const MAX_GENERATED_COMMENTS = 490;
