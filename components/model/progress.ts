import type { HistoryView } from '../../lib/domain/snapshot';
import { t, locale as uiLocale } from '../../lib/i18n/t';

export interface Progress {
  text: string;
  /** 0..1 for the bar, or null when the total is unknown. */
  ratio: number | null;
  complete: boolean;
}

/** "Loaded 300 of 1,240" while pages stream in. */
export const progressOf = (
  view: Pick<HistoryView, 'loaded' | 'total' | 'complete'>,
  locale = uiLocale,
): Progress => {
  const nf = new Intl.NumberFormat(locale);
  const loaded = nf.format(view.loaded);
  if (view.total === null) {
    return { text: t('history_loaded_unknown', { loaded }), ratio: null, complete: view.complete };
  }
  return {
    text: t('history_loaded', { loaded, total: nf.format(view.total) }),
    ratio: view.total === 0 ? 1 : Math.min(1, view.loaded / view.total),
    complete: view.complete,
  };
};
