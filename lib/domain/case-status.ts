import type { CaseStatus } from './model';

/** Statuses of a case still being worked: everything but solved and closed (custom ones count as open). */
export const OPEN_STATUSES: ReadonlySet<CaseStatus> = new Set<CaseStatus>([
  'new',
  'open',
  'pending',
  'on-hold',
  'custom',
]);

export const isOpenStatus = (status: CaseStatus): boolean => OPEN_STATUSES.has(status);

/** Done with: solved or closed, including an account's own statuses that mean either (the adapters map them). */
export const isSolvedStatus = (status: CaseStatus): boolean => status === 'solved' || status === 'closed';
