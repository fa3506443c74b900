import type { SectionError } from '../lib/domain/snapshot';
import { t } from '../lib/i18n/t';
import { errorText } from './model/section';

interface Props {
  error: SectionError | null;
  /** Nothing of the section is on screen: the rep is stopped, so the failure is said at once. */
  blocking: boolean;
  onRetry: () => void;
}

/**
 * One section's failure: the reason in a rep's words and, when it can help, a retry.
 * The live region stays in the page while there is no error, so the error's arrival
 * is announced: politely over cached data, assertively when the section has nothing.
 */
export function SectionErrorNotice({ error, blocking, onRetry }: Props) {
  return (
    <div class="fl-live" aria-live={blocking ? 'assertive' : 'polite'} data-testid="section-live">
      {error && (
        <div class="fl-error" data-testid="section-error">
          <p class="fl-error__text">{errorText(error)}</p>
          {error.retryable && (
            <button type="button" class="fl-btn" onClick={onRetry}>
              {t('retry')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
