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
