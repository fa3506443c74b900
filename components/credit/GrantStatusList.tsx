import type { GrantView } from '../../lib/domain/snapshot';
import type { HelpdeskKind } from '../../lib/domain/ticket-ref';
import { t } from '../../lib/i18n/t';
import type { WhenOptions } from '../model/time';
import { money } from './model/format';
import { grantStatusModel } from './model/grant-status';

interface Props {
  grants: readonly GrantView[];
  helpdesk: HelpdeskKind;
  now: number;
  onUndo?: (grantId: string) => void;
  when?: WhenOptions;
}

/** Newest first by time; the background sends them so, this only guards the order the rep reads. */
const newestFirst = (grants: readonly GrantView[]): GrantView[] =>
  [...grants].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));

/** This ticket's grants: pending with an undo countdown, committing, recorded, undone or failed. */
export function GrantStatusList({ grants, helpdesk, now, onUndo, when }: Props) {
  if (grants.length === 0) return null;
  return (
    <ul class="fl-grants" aria-label={t('credit_grants_label')}>
      {newestFirst(grants).map((grant) => {
        const model = grantStatusModel(grant, now, helpdesk, when);
        const amount = money(grant.amount, grant.currency);
        return (
          <li
            key={grant.id}
            class={`fl-grantrow fl-grantrow--${model.tone}`}
            data-testid="grant-status"
            data-state={grant.state}
            data-grant-id={grant.id}
            // The keyboard lands here when the row's undo button goes away.
            tabIndex={-1}
          >
            <div class="fl-grantrow__main">
              <span class="fl-grantrow__amount fl-amount">{amount}</span>
              <span class="fl-grantrow__reason">{grant.reason}</span>
            </div>
            <div class="fl-grantrow__state">
              {grant.state === 'recorded' && (
                <span class="fl-check" aria-hidden="true">
                  ✓
                </span>
              )}
              <span>{model.text}</span>
              {model.secondsLeft > 0 && onUndo && (
                <button
                  type="button"
                  class="fl-btn fl-btn--undo fl-amount"
                  data-testid="grant-undo"
                  aria-label={t('credit_undo_label', { amount, seconds: model.secondsLeft })}
                  onClick={() => onUndo(grant.id)}
                >
                  {t('credit_undo', { seconds: model.secondsLeft })}
                </button>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
