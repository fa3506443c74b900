import { t } from '../lib/i18n/t';

/** The refreshing indicator; its label is read out, the ring is decoration. */
export function Spinner() {
  return (
    <span role="status" class="fl-refreshing">
      <span class="fl-spinner" aria-hidden="true" />
      <span class="fl-sr">{t('refreshing')}</span>
    </span>
  );
}
