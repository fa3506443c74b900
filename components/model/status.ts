import type { Case, CaseStatus } from '../../lib/domain/model';
import { t } from '../../lib/i18n/t';

export const statusLabel = (status: CaseStatus, rawStatus: string): string => {
  switch (status) {
    case 'new':
      return t('status_new');
    case 'open':
      return t('status_open');
    case 'pending':
      return t('status_pending');
    case 'on-hold':
      return t('status_on_hold');
    case 'solved':
      return t('status_solved');
    case 'closed':
      return t('status_closed');
    case 'custom':
      return t('status_custom', { raw: rawStatus });
  }
};

export const caseStatusLabel = (c: Pick<Case, 'status' | 'rawStatus'>): string =>
  statusLabel(c.status, c.rawStatus);
