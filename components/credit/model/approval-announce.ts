import type { ApprovalView } from '../../../lib/domain/snapshot';
import { t } from '../../../lib/i18n/t';
import { money } from './format';

type ApprovalState = ApprovalView['state'];

/** Each request's state when the live regions last spoke, by request id. */
export type SeenApprovals = ReadonlyMap<string, ApprovalState>;

/** One request's news: its id keys the line, as two requests may read alike. */
export interface ApprovalNews {
  id: string;
  text: string;
}

export interface ApprovalAnnouncement {
  /** Said politely: requests sent, waiting, approved or declined since the last change. */
  progress: ApprovalNews[];
  /** Said at once: requests that failed to send. */
  failure: ApprovalNews[];
}

export const NOTHING_SAID: ApprovalAnnouncement = { progress: [], failure: [] };

export const seenApprovals = (approvals: readonly ApprovalView[]): SeenApprovals =>
  new Map(approvals.map((a) => [a.id, a.state]));

export const sameApprovals = (a: SeenApprovals, b: SeenApprovals): boolean =>
  a.size === b.size && [...a].every(([id, state]) => b.get(id) === state);

const words = (approval: ApprovalView): string => {
  const amount = money(approval.amount, approval.currency);
  const note = approval.note?.trim() || null;
  switch (approval.state) {
    case 'sending':
      return t('credit_announce_approval_sending', { amount });
    case 'pending':
      return t('credit_announce_approval_pending', { amount });
    case 'approved':
      return t('credit_announce_approval_approved', { amount });
    case 'declined':
      return note === null
        ? t('credit_announce_approval_declined', { amount })
        : t('credit_announce_approval_declined_note', { amount, note });
    case 'failed':
      return note === null
        ? t('credit_announce_approval_failed_unknown', { amount })
        : t('credit_announce_approval_failed', { amount, error: note });
  }
};

const news = (approval: ApprovalView): ApprovalNews => ({ id: approval.id, text: words(approval) });

/**
 * What a screen reader hears of the approval requests: only those new or in another state than
 * `seen`, so a snapshot that changes nothing of theirs (the undo countdown, a refresh) says nothing
 * again, and each step of a request is said once.
 */
export const approvalAnnouncement = (
  seen: SeenApprovals,
  approvals: readonly ApprovalView[],
): ApprovalAnnouncement => {
  const changed = approvals.filter((a) => seen.get(a.id) !== a.state);
  return {
    progress: changed.filter((a) => a.state !== 'failed').map(news),
    failure: changed.filter((a) => a.state === 'failed').map(news),
  };
};
