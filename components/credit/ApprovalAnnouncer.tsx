import { useRef } from 'preact/hooks';
import type { ApprovalView } from '../../lib/domain/snapshot';
import {
  type ApprovalAnnouncement,
  approvalAnnouncement,
  NOTHING_SAID,
  type SeenApprovals,
  sameApprovals,
  seenApprovals,
} from './model/approval-announce';

/**
 * The approval requests' progress for screen readers, as GrantAnnouncer says the grants': two
 * live regions always in the page. The rows (ApprovalList) show the same and are not live, so
 * nothing is said twice. What the panel showed when it opened is not news: only later changes are said.
 */
export function ApprovalAnnouncer({ approvals }: { approvals: readonly ApprovalView[] }) {
  const seen = useRef<SeenApprovals | null>(null);
  const said = useRef<ApprovalAnnouncement>(NOTHING_SAID);
  const now = seenApprovals(approvals);
  if (seen.current === null) seen.current = now;
  else if (!sameApprovals(seen.current, now)) {
    said.current = approvalAnnouncement(seen.current, approvals);
    seen.current = now;
  }
  const { progress, failure } = said.current;
  return (
    <div class="fl-sr">
      <div role="status" data-testid="approval-progress-live">
        {progress.map(({ id, text }) => (
          <p key={id}>{text}</p>
        ))}
      </div>
      <div role="alert" data-testid="approval-failure-live">
        {failure.map(({ id, text }) => (
          <p key={id}>{text}</p>
        ))}
      </div>
    </div>
  );
}
