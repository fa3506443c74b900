import { derivedOwnerRule } from '../../lib/domain/helpdesk';
import type { OwnerView } from '../../lib/domain/snapshot';
import type { HelpdeskKind } from '../../lib/domain/ticket-ref';
import { t } from '../../lib/i18n/t';

export interface OwnerModel {
  name: string | null;
  email: string | null;
  /** How we know: "claimed" (a recorded marker) or how it was derived on this helpdesk. */
  source: string | null;
  /** Who has the case now, when that is not the owner. */
  nowWith: string | null;
}

const derivedSource = (helpdesk: HelpdeskKind): string =>
  derivedOwnerRule(helpdesk) === 'first-assigned'
    ? t('owner_source_first_assigned')
    : t('owner_source_first_replied');

export const ownerModel = (view: OwnerView, helpdesk: HelpdeskKind): OwnerModel => {
  const { owner, assignee, groupName } = view;
  const source =
    view.source === 'marker'
      ? t('owner_source_marker')
      : view.source === 'derived'
        ? derivedSource(helpdesk)
        : null;
  let nowWith: string | null = null;
  if (assignee && assignee.id !== owner?.id) {
    nowWith = groupName
      ? t('owner_now_with_group', { assignee: assignee.name, group: groupName })
      : t('owner_now_with', { assignee: assignee.name });
  } else if (!assignee && groupName) {
    nowWith = t('owner_now_in_group', { group: groupName });
  }
  return { name: owner?.name ?? null, email: owner?.email ?? null, source: owner ? source : null, nowWith };
};
