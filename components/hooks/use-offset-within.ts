import type { RefObject } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';

/**
 * How far `target` sits below the top of the scrolling `container`'s content:
 * the virtualizer's `scrollMargin` when the list shares one scroll area with
 * the cards above it. Re-measured whenever the container's content resizes.
 */
export const useOffsetWithin = (
  target: RefObject<HTMLElement>,
  container: RefObject<HTMLElement>,
): number => {
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => {
    const el = target.current;
    const box = container.current;
    if (!el || !box) return;
    const measure = () => {
      const next = Math.round(
        el.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop,
      );
      setOffset((prev) => (prev === next ? prev : next));
    };
    // As useHeight: the observer's first call, after layout, is the first measurement.
    if (typeof ResizeObserver === 'undefined') return measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box.firstElementChild ?? box);
    return () => observer.disconnect();
  }, [target, container]);
  return offset;
};
