import type { EntriesState, EntriesView, SectionError } from '../../lib/domain/snapshot';
import { t } from '../../lib/i18n/t';
import { compareIds, fold } from './history';

export type { EntriesState };

export type EntriesPhase =
  | { phase: 'loading' }
  | { phase: 'failed'; error: SectionError }
  | { phase: 'ready'; view: EntriesView };

/** Nothing yet counts as loading: expanding asks for the entries and they arrive later. */
export const entriesPhase = (state: EntriesState | undefined): EntriesPhase => {
  if (!state || 'loading' in state) return { phase: 'loading' };
  if ('error' in state) return { phase: 'failed', error: state.error };
  return { phase: 'ready', view: state };
};

export interface EntryModel {
  id: string;
  kind: 'public' | 'private';
  author: string;
  fromCustomer: boolean;
  createdAt: string;
  text: string;
}

/** Oldest first, as the conversation happened; author ids resolved to names. */
export const entryModels = (view: EntriesView): EntryModel[] =>
  [...view.entries]
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || compareIds(a.id, b.id))
    .map((entry) => ({
      id: entry.id,
      kind: entry.public ? 'public' : 'private',
      author:
        (entry.authorId !== null ? view.authors[entry.authorId] : undefined) ??
        (entry.fromCustomer ? t('entry_customer') : t('entry_unknown_author')),
      fromCustomer: entry.fromCustomer,
      createdAt: entry.createdAt,
      text: entry.text,
    }));

/** Ticket id → folded text of its loaded entries, for the history's text filter. */
export const loadedBodies = (entries: Readonly<Record<string, EntriesState>>): Map<string, string> => {
  const bodies = new Map<string, string>();
  for (const [ticketId, state] of Object.entries(entries)) {
    if ('entries' in state) bodies.set(ticketId, fold(state.entries.map((e) => e.text).join('\n')));
  }
  return bodies;
};
