import type { ApprovalView } from '../../lib/domain/snapshot';
import { t } from '../../lib/i18n/t';
import { approvalModel } from './model/approval';
import { money } from './model/format';

/** Over-limit requests for this ticket: sending, pending, then the approver's decision and note. */
export function ApprovalList({ approvals }: { approvals: readonly ApprovalView[] }) {
  if (approvals.length === 0) return null;
  return (
    <ul class="fl-grants" aria-label={t('credit_approvals_label')}>
      {approvals.map((approval) => {
        const model = approvalModel(approval);
        return (
          <li
            key={approval.id}
            class={`fl-grantrow fl-grantrow--${model.tone}`}
            data-testid="approval-status"
            data-state={approval.state}
            data-approval-id={approval.id}
            // The keyboard lands here after the rep asks for approval.
            tabIndex={-1}
          >
            <div class="fl-grantrow__main">
              <span class="fl-grantrow__amount fl-amount">
                {t('credit_approval_for', { amount: money(approval.amount, approval.currency) })}
              </span>
              <span class="fl-grantrow__reason">{approval.reason}</span>
            </div>
            {/* Not live: ApprovalAnnouncer says each change once. */}
            <div class="fl-grantrow__state">
              <span>{model.text}</span>
            </div>
            {model.note && <p class="fl-grantrow__note">{model.note}</p>}
          </li>
        );
      })}
    </ul>
  );
}
