import type { OwnerView } from '../lib/domain/snapshot';
import type { HelpdeskKind } from '../lib/domain/ticket-ref';
import { t } from '../lib/i18n/t';
import { initialsOf } from './model/initials';
import { ownerModel } from './model/owner';
import type { SectionState } from './model/section';
import { Section } from './Section';

interface Props {
  state: SectionState<OwnerView>;
  helpdesk: HelpdeskKind;
  onRetry: () => void;
}

/** The rep who owns the case start to finish, and who has it now when that is someone else. */
export function OwnerCard({ state, helpdesk, onRetry }: Props) {
  return (
    <Section
      testId="owner"
      title={t('owner_title')}
      state={state}
      onRetry={onRetry}
      skeletonLines={2}
      focusTarget
    >
      {(view) => {
        const model = ownerModel(view, helpdesk);
        return (
          <>
            <div class="fl-person">
              <span class="fl-avatar" aria-hidden="true">
                {model.name ? initialsOf(model.name) : '–'}
              </span>
              <div class="fl-person__text">
                <p class="fl-line">
                  <span class="fl-name" dir="auto">
                    {model.name ?? t('owner_none')}
                  </span>
                  {model.source && <span class="fl-chip fl-chip--inline">{model.source}</span>}
                </p>
                {model.email && <p class="fl-line fl-muted">{model.email}</p>}
              </div>
            </div>
            {model.nowWith && <p class="fl-line fl-muted fl-line--spaced">{model.nowWith}</p>}
          </>
        );
      }}
    </Section>
  );
}
