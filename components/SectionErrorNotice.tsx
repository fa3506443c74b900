import type { SectionError } from '../lib/domain/snapshot';
import { t } from '../lib/i18n/t';
import { errorText } from './model/section';

/** One section's failure: the reason in a rep's words and, when it can help, a retry. */
export function SectionErrorNotice({ error, onRetry }: { error: SectionError; onRetry: () => void }) {
  return (
    <div class="fl-error" role="alert" data-testid="section-error">
      <p class="fl-error__text">{errorText(error)}</p>
      {error.retryable && (
        <button type="button" class="fl-btn" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}
