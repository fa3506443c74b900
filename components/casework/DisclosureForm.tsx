import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { t } from '../../lib/i18n/t';

interface Props {
  /** The toggle: its text, class and test id; disabled when the action is not available. */
  label: string;
  toggleClass: string;
  testId: string;
  disabled?: boolean;
  /** The form's accessible name. */
  title: string;
  submitLabel: string;
  canSubmit: boolean;
  /** Called as the form opens, to prefill it from the case as it is now. */
  onOpen?(): void;
  onSubmit(): void;
  children: ComponentChildren;
}

/**
 * A button that opens a small form below it, as the casework actions do:
 * Escape or Cancel closes it, and closing hands focus back to the button so
 * the rep's keyboard place is kept.
 */
export function DisclosureForm(props: Props) {
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  return (
    <>
      <button
        type="button"
        ref={toggle}
        class={props.toggleClass}
        data-testid={props.testId}
        aria-expanded={open}
        disabled={props.disabled}
        onClick={() => {
          if (!open) props.onOpen?.();
          setOpen(!open);
        }}
      >
        {props.label}
      </button>
      {open && (
        <form
          class="fl-cw__form"
          aria-label={props.title}
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            // Handled here: the sidebar collapses on an Escape nobody took.
            e.preventDefault();
            close();
          }}
          onSubmit={(e) => {
            e.preventDefault();
            if (!props.canSubmit) return;
            props.onSubmit();
            close();
          }}
        >
          {props.children}
          <div class="fl-cw__buttons">
            <button
              type="submit"
              class="fl-primary fl-cw__submit"
              data-testid={`${props.testId}-submit`}
              disabled={!props.canSubmit}
            >
              {props.submitLabel}
            </button>
            <button type="button" class="fl-btn" onClick={close}>
              {t('casework_cancel')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
