import type { RefObject } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';

/** An element's height, kept current by a ResizeObserver rather than a layout read on every render. */
export const useHeight = (target: RefObject<HTMLElement>): number => {
  const [height, setHeight] = useState(0);
  useLayoutEffect(() => {
    const el = target.current;
    if (!el) return;
    const measure = () => setHeight(el.offsetHeight);
    // The observer's first call comes after the frame's layout, before its paint: measuring here
    // instead would force a layout while the switched-to ticket's card waits to show.
    if (typeof ResizeObserver === 'undefined') return measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [target]);
  return height;
};
