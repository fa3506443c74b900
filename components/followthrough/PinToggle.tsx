import { useRef, useState } from 'preact/hooks';
import type { PinView } from '../../lib/domain/followthrough';
import { t } from '../../lib/i18n/t';
import { dateInputValue, dueFromDateInput } from './model/follow';

export interface PinInput {
  dueAt: string | null;
  note: string;
}

interface Props {
  /** null while the background has not said yet. */
  pin: PinView | null;
  /** After a credit grant or an escalation: ask whether to pin. */
  offer?: boolean;
  onPin: (input: PinInput) => void;
  onUnpin: () => void;
}

const NOTE_MAX = 280;

function PinIcon() {
  return (
    <svg class="fl-pin__icon" viewBox="0 0 16 16" fill="none" aria-hidden="true">
      <path
        d="M10 1.5 14.5 6l-2 .5-2.5 2.5.5 3.5-1.5 1.5-3-3L2 15l-1-1 4-4-3-3L3.5 5.5 7 6l2.5-2.5z"
        stroke="currentColor"
        stroke-width="1.3"
        stroke-linejoin="round"
      />
    </svg>
  );
}

/** Pin the case in view, with an optional follow-up day and note; pinned, it unpins. */
export function PinToggle({ pin, offer = false, onPin, onUnpin }: Props) {
  const [editing, setEditing] = useState(false);
  const [due, setDue] = useState('');
  const [note, setNote] = useState('');
  const pinned = pin?.pinned ?? false;
  const toggle = useRef<HTMLButtonElement>(null);
  // The form's buttons go away as it closes: the keyboard goes back to the toggle, not to <body>.
  const close = () => {
    setEditing(false);
    toggle.current?.focus();
  };

  const open = () => {
    setDue(dateInputValue(pin?.dueAt ?? null));
    setNote(pin?.note ?? '');
    setEditing(true);
  };
  const submit = (e: Event) => {
    e.preventDefault();
    onPin({ dueAt: dueFromDateInput(due), note: note.trim() });
    close();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  };

  return (
    <div class="fl-pin" data-pinned={pinned ? 'true' : 'false'}>
      {offer && !pinned && !editing && <p class="fl-pin__offer">{t('pin_offer')}</p>}
      <div class="fl-pin__row">
        <button
          type="button"
          class={`fl-pin__toggle${pinned ? ' fl-pin__toggle--on' : ''}`}
          ref={toggle}
          data-testid="pin-toggle"
          aria-pressed={pinned}
          aria-label={pinned ? t('pin_unpin_label') : t('pin_toggle_label')}
          disabled={pin === null}
          onClick={() => (pinned ? onUnpin() : open())}
        >
          <PinIcon />
          <span>{pinned ? t('pin_pinned') : t('pin_pin')}</span>
        </button>
        {pinned && !editing && (
          <button type="button" class="fl-pin__edit" data-testid="pin-edit" onClick={open}>
            {t('pin_edit')}
          </button>
        )}
      </div>
      {editing && (
        <form class="fl-pin__form" data-testid="pin-form" onSubmit={submit} onKeyDown={onKeyDown}>
          <label class="fl-pin__field">
            <span>{t('pin_due_label')}</span>
            <input
              type="date"
              data-testid="pin-due"
              value={due}
              onInput={(e) => setDue((e.currentTarget as HTMLInputElement).value)}
            />
          </label>
          <label class="fl-pin__field">
            <span>{t('pin_note_label')}</span>
            <textarea
              data-testid="pin-note"
              rows={2}
              maxLength={NOTE_MAX}
              placeholder={t('pin_note_placeholder')}
              value={note}
              onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)}
            />
          </label>
          <div class="fl-pin__actions">
            <button type="submit" class="fl-pin__save" data-testid="pin-save">
              {pinned ? t('pin_update') : t('pin_save')}
            </button>
            <button type="button" class="fl-pin__cancel" onClick={close}>
              {t('pin_cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
