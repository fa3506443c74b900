import type { ApprovalView } from '../../../lib/domain/snapshot';
import { t } from '../../../lib/i18n/t';
import type { GrantTone } from './grant-status';

export interface ApprovalModel {
  text: string;
  tone: GrantTone;
  /** The approver's note on a decision, or why the request failed. */
  note: string | null;
}

const TEXT = {
  sending: 'credit_approval_sending',
  pending: 'credit_approval_pending',
  approved: 'credit_approval_approved',
  declined: 'credit_approval_declined',
  failed: 'credit_approval_failed',
} as const;

const TONE: Record<ApprovalView['state'], GrantTone> = {
  sending: 'active',
  pending: 'active',
  approved: 'good',
  declined: 'neutral',
  failed: 'danger',
};

export const approvalModel = (approval: ApprovalView): ApprovalModel => ({
  text: t(TEXT[approval.state]),
  tone: TONE[approval.state],
  note: approval.note?.trim() || null,
});
