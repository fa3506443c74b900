import { helpdeskName } from '../../../lib/domain/helpdesk';
import type { GrantView } from '../../../lib/domain/snapshot';
import type { HelpdeskKind } from '../../../lib/domain/ticket-ref';
import { t } from '../../../lib/i18n/t';
import { formatWhen, type WhenOptions } from '../../model/time';

export type GrantTone = 'active' | 'good' | 'neutral' | 'danger';

export interface GrantStatusModel {
  state: GrantView['state'];
  text: string;
  tone: GrantTone;
  /** Whole seconds left to undo, rounded up so "0 s" never shows while undo still works; 0 when it cannot. */
  secondsLeft: number;
}

/** Seconds left in the undo window at `now`: it closes at `undoUntil`. */
export const undoSecondsLeft = (grant: GrantView, now: number): number =>
  grant.state !== 'pending' || grant.undoUntil === null
    ? 0
    : Math.max(0, Math.ceil((grant.undoUntil - now) / 1000));

export const grantStatusModel = (
  grant: GrantView,
  now: number,
  helpdesk: HelpdeskKind,
  when: WhenOptions = {},
): GrantStatusModel => {
  const name = helpdeskName(helpdesk);
  // A grant that is waiting says why (a refused key, a retry, billing still to be told).
  const committing = grant.error
    ? t('credit_state_committing_detail', { helpdesk: name, detail: grant.error })
    : t('credit_state_committing', { helpdesk: name });
  const secondsLeft = undoSecondsLeft(grant, now);
  switch (grant.state) {
    case 'pending':
      // Past the window the background is about to commit; say so rather than show a dead countdown.
      return secondsLeft > 0
        ? { state: grant.state, text: t('credit_state_pending'), tone: 'active', secondsLeft }
        : { state: grant.state, text: committing, tone: 'active', secondsLeft };
    case 'committing':
      return { state: grant.state, text: committing, tone: 'active', secondsLeft };
    case 'recorded': {
      const time = formatWhen(grant.at, now, when);
      // Gateway mode: the gateway's reference says the money moved (good news, not a wait).
      const detail = grant.error ?? grant.credited;
      return detail
        ? {
            state: grant.state,
            text: t('credit_state_recorded_detail', { time, detail }),
            tone: grant.error ? 'active' : 'good',
            secondsLeft,
          }
        : { state: grant.state, text: t('credit_state_recorded', { time }), tone: 'good', secondsLeft };
    }
    case 'undone':
      return { state: grant.state, text: t('credit_state_undone'), tone: 'neutral', secondsLeft };
    case 'failed':
      return {
        state: grant.state,
        text: grant.error
          ? t('credit_state_failed', { error: grant.error })
          : t('credit_state_failed_unknown'),
        tone: 'danger',
        secondsLeft,
      };
  }
};
