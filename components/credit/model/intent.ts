import type { CreditView, SectionError } from '../../../lib/domain/snapshot';

/**
 * A command sent and not yet answered. Its id is the idempotency key: until
 * the background answers, every click resends the same id, so a double click
 * can never make two grants.
 */
export interface Waiting {
  id: string;
  kind: 'grant' | 'approval';
  /** The section's error when the command was sent, so only a new error counts as the answer. */
  errorKey: string | null;
}

export const errorKey = (error: SectionError | null): string | null =>
  error === null ? null : `${error.status ?? ''}|${error.message}`;

/**
 * `answered`: the id is in the snapshot (whatever its state, even failed);
 * `error`: the credit section reported a new error. Either way the form
 * re-arms with a fresh id; until then it keeps waiting.
 */
export const settle = (
  waiting: Waiting | null,
  credit: CreditView | null,
  error: SectionError | null,
): 'answered' | 'error' | null => {
  if (waiting === null) return null;
  const ids = waiting.kind === 'grant' ? credit?.grants : credit?.approvals;
  if (ids?.some((item) => item.id === waiting.id)) return 'answered';
  const key = errorKey(error);
  return key !== null && key !== waiting.errorKey ? 'error' : null;
};
