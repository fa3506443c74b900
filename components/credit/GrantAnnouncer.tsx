import type { GrantView } from '../../lib/domain/snapshot';
import type { HelpdeskKind } from '../../lib/domain/ticket-ref';
import { grantAnnouncement } from './model/announce';

/**
 * The grant's progress for screen readers: two live regions, always in the page
 * so a change of their words is announced (a region added with its text is not).
 * The rows show the same visually; a failure is said at once.
 */
export function GrantAnnouncer({
  grants,
  helpdesk,
}: {
  grants: readonly GrantView[];
  helpdesk: HelpdeskKind;
}) {
  const { progress, failure } = grantAnnouncement(grants, helpdesk);
  return (
    <div class="fl-sr">
      <p role="status" data-testid="grant-progress-live">
        {progress}
      </p>
      <p role="alert" data-testid="grant-failure-live">
        {failure}
      </p>
    </div>
  );
}
