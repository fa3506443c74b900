import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/** A focused control the browser has dropped: removed from the page, or disabled under the rep's fingers. */
const gone = (el: HTMLElement): boolean =>
  !el.isConnected || (el as HTMLButtonElement).disabled === true || el.closest('fieldset[disabled]') !== null;

/**
 * Keeps the keyboard's place when the control that had focus goes away (the undo
 * button when its window closes) or is disabled (the grant button while it sends):
 * the browser drops focus on <body>, and the rep's next Tab would start again at
 * the top of the sidebar. `remember` notes what matters about a control as it
 * gains focus; after each render, if focus was lost that way, `next` names where
 * it goes now, or null to wait for a later render (a new row not there yet).
 */
export function useFocusRescue<T>(
  container: RefObject<HTMLElement>,
  remember: (el: HTMLElement) => T,
  next: (memo: T, root: HTMLElement) => HTMLElement | null,
): void {
  const last = useRef<{ el: HTMLElement; memo: T } | null>(null);
  // Heard at the document, not on the container: the container is rendered anew when what holds it
  // goes and comes back (the credit panel's body while its view is worked out again), and a listener
  // on the one first rendered, or none when there was none yet, would hear nothing after.
  useEffect(() => {
    const onFocusIn = (e: FocusEvent) => {
      const el = e.target as HTMLElement;
      if (container.current?.contains(el)) last.current = { el, memo: remember(el) };
    };
    document.addEventListener('focusin', onFocusIn);
    return () => document.removeEventListener('focusin', onFocusIn);
  }, [container, remember]);
  useEffect(() => {
    const root = container.current;
    const lost = last.current;
    if (!root || !lost) return;
    const active = root.ownerDocument.activeElement;
    if (active && active !== root.ownerDocument.body) {
      // Focus went somewhere on purpose: outside, nothing is ours to keep.
      if (!root.contains(active)) last.current = null;
      return;
    }
    if (!gone(lost.el)) return;
    next(lost.memo, root)?.focus();
  });
}
