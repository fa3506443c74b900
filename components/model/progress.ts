import type { HistoryView } from '../../lib/domain/snapshot';
import { t, tp, locale as uiLocale } from '../../lib/i18n/t';
import { cachedFormat } from './intl-cache';

export interface Progress {
  text: string;
  /** 0..1 for the bar, or null when the total is unknown. */
  ratio: number | null;
  complete: boolean;
}

/**
 * "Loaded 300 of 1,240" while pages stream in. An agent who sees only some of the
 * customer's tickets gets "14 tickets you can see" once all are in: no total claims more.
 */
export const progressOf = (
  view: Pick<HistoryView, 'loaded' | 'total' | 'complete' | 'completeness'>,
  locale = uiLocale,
): Progress => {
  const nf = cachedFormat(`n|${locale}`, () => new Intl.NumberFormat(locale));
  const loaded = nf.format(view.loaded);
  if (view.completeness?.scope === 'visible' && view.complete) {
    return { text: tp('history_visible', view.loaded), ratio: 1, complete: true };
  }
  if (view.total === null) {
    return { text: t('history_loaded_unknown', { loaded }), ratio: null, complete: view.complete };
  }
  return {
    text: t('history_loaded', { loaded, total: nf.format(view.total) }),
    ratio: view.total === 0 ? 1 : Math.min(1, view.loaded / view.total),
    complete: view.complete,
  };
};
