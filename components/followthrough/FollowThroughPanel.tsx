import type { FollowThroughView } from '../../lib/domain/followthrough';
import type { TicketRef } from '../../lib/domain/ticket-ref';
import { t } from '../../lib/i18n/t';
import { Skeleton } from '../Skeleton';
import { FollowThroughList } from './FollowThroughList';
import { badgeLabel, checkErrorText, lastCheckedText } from './model/follow';

interface Props {
  /** null until the background's first answer. */
  view: FollowThroughView | null;
  checking: boolean;
  now: number;
  onOpen: (ticket: TicketRef) => void;
  onUnpin: (ticket: TicketRef) => void;
  onCheckNow: () => void;
  timeZone?: string;
}

/** "My follow-through": the count needing the rep, when it was last checked (or why not), and the list. */
export function FollowThroughPanel({ view, checking, now, onOpen, onUnpin, onCheckNow, timeZone }: Props) {
  const count = view?.badgeCount ?? 0;
  return (
    <section class="fl-card fl-ft" data-testid="followthrough" aria-busy={view === null}>
      <header class="fl-ft__head">
        <h2 class="fl-ft__title">{t('followthrough_title')}</h2>
        <span
          class={`fl-ft__badge${count > 0 ? ' fl-ft__badge--on' : ''}`}
          data-testid="followthrough-badge"
          data-count={count}
          role="status"
          aria-label={badgeLabel(count)}
        >
          {count}
        </span>
      </header>
      {view !== null && (
        <div class="fl-ft__status">
          <span data-testid="followthrough-checked">{lastCheckedText(view, now)}</span>
          <button
            type="button"
            class="fl-ft__check"
            data-testid="followthrough-check-now"
            disabled={checking}
            onClick={onCheckNow}
          >
            {checking ? t('followthrough_checking') : t('followthrough_check_now')}
          </button>
        </div>
      )}
      {view?.checkError && (
        <p class="fl-ft__error" role="status" data-testid="followthrough-error">
          {checkErrorText(view.checkError)}
        </p>
      )}
      {view === null ? (
        <Skeleton lines={3} />
      ) : (
        <FollowThroughList
          items={view.items}
          now={now}
          onOpen={onOpen}
          onUnpin={onUnpin}
          {...(timeZone === undefined ? {} : { timeZone })}
        />
      )}
    </section>
  );
}
