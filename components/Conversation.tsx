import { useState } from 'preact/hooks';
import { t } from '../lib/i18n/t';
import { LinkifiedText } from './LinkifiedText';
import { type EntriesState, type EntryModel, entriesPhase, entryModels } from './model/entries';
import { foldText } from './model/fold';
import { formatFull, formatWhen } from './model/time';
import { SectionErrorNotice } from './SectionErrorNotice';
import { Skeleton } from './Skeleton';

function Entry({ entry, now }: { entry: EntryModel; now: number }) {
  const [open, setOpen] = useState(false);
  const folded = foldText(entry.text);
  const shown = open || !folded.folded ? entry.text : `${folded.head}…`;
  return (
    <li class={`fl-entry fl-entry--${entry.kind}`} data-testid="case-entry" data-kind={entry.kind}>
      <div class="fl-entry__head">
        <span class="fl-entry__author">{entry.author}</span>
        <span class="fl-entry__kind">{entry.kind === 'public' ? t('entry_public') : t('entry_private')}</span>
        <time dateTime={entry.createdAt} title={formatFull(entry.createdAt)}>
          {formatWhen(entry.createdAt, now)}
        </time>
      </div>
      <p class="fl-entry__body">
        <LinkifiedText text={shown} />
      </p>
      {folded.folded && (
        <button type="button" class="fl-linkbtn" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('show_less') : t('show_more')}
        </button>
      )}
    </li>
  );
}

interface Props {
  id: string;
  state: EntriesState | undefined;
  now: number;
  onRetry: () => void;
}

/** An expanded ticket's replies and notes, loaded on demand. */
export function Conversation({ id, state, now, onRetry }: Props) {
  const current = entriesPhase(state);
  return (
    <div class="fl-conv" id={id} aria-busy={current.phase === 'loading'}>
      {current.phase === 'loading' && (
        <>
          <span class="fl-sr">{t('entries_loading')}</span>
          <Skeleton lines={3} />
        </>
      )}
      <SectionErrorNotice
        error={current.phase === 'failed' ? current.error : null}
        blocking
        onRetry={onRetry}
      />
      {current.phase === 'ready' &&
        (current.view.entries.length === 0 ? (
          <p class="fl-line fl-muted">{t('entries_empty')}</p>
        ) : (
          <ol class="fl-conv__list">
            {entryModels(current.view).map((entry) => (
              <Entry key={entry.id} entry={entry} now={now} />
            ))}
          </ol>
        ))}
    </div>
  );
}
