import { helpdeskName } from '../../../lib/domain/helpdesk';
import type { GrantView } from '../../../lib/domain/snapshot';
import type { HelpdeskKind } from '../../../lib/domain/ticket-ref';
import { t } from '../../../lib/i18n/t';
import { money } from './format';

export interface GrantAnnouncement {
  /** Said politely: the grant's progress. Empty when there is nothing to say. */
  progress: string;
  /** Said at once: a failure the rep must act on. */
  failure: string;
}

const newest = (grants: readonly GrantView[]): GrantView | undefined =>
  [...grants].sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];

/**
 * What a screen reader hears about the newest grant. The words change only when
 * its state does (never with the countdown's seconds), so each step is said once.
 */
export const grantAnnouncement = (
  grants: readonly GrantView[],
  helpdesk: HelpdeskKind,
): GrantAnnouncement => {
  const grant = newest(grants);
  if (grant === undefined) return { progress: '', failure: '' };
  const amount = money(grant.amount, grant.currency);
  const name = helpdeskName(helpdesk);
  switch (grant.state) {
    case 'pending':
      return { progress: t('credit_announce_pending', { amount }), failure: '' };
    case 'committing':
      return { progress: t('credit_announce_committing', { amount, helpdesk: name }), failure: '' };
    case 'recorded':
      return { progress: t('credit_announce_recorded', { amount, helpdesk: name }), failure: '' };
    case 'undone':
      return { progress: t('credit_announce_undone', { amount }), failure: '' };
    case 'failed':
      return {
        progress: '',
        failure: t('credit_announce_failed', {
          amount,
          error: grant.error ?? t('credit_state_failed_unknown'),
        }),
      };
  }
};
