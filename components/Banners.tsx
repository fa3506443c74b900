import { helpdeskName } from '../lib/domain/helpdesk';
import type { HelpdeskKind } from '../lib/domain/ticket-ref';
import { t } from '../lib/i18n/t';
import { formatAgo } from './model/time';

export function OfflineBanner({ savedAt, now }: { savedAt: number | null; now: number }) {
  return (
    <div class="fl-banner fl-banner--offline" role="status" data-testid="offline-banner">
      {savedAt === null ? t('offline_banner') : t('offline_banner_since', { ago: formatAgo(savedAt, now) })}
    </div>
  );
}

export function SignedOutBanner({ helpdesk }: { helpdesk: HelpdeskKind }) {
  const name = helpdeskName(helpdesk);
  return (
    <div class="fl-banner fl-banner--signin" role="alert" data-testid="signed-out">
      {t('signed_out', { helpdesk: name })}
    </div>
  );
}
