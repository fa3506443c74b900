import {
  elementScroll,
  observeElementOffset,
  type Rect,
  Virtualizer,
  type VirtualizerOptions,
} from '@tanstack/virtual-core';
import { useLayoutEffect, useReducer, useState } from 'preact/hooks';

type Options = VirtualizerOptions<HTMLElement, HTMLElement>;
type Key = ReturnType<NonNullable<Options['getItemKey']>>;

export type ElementVirtualizerOptions = Omit<
  Options,
  'observeElementRect' | 'observeElementOffset' | 'scrollToFn' | 'measureElement' | 'initialRect'
>;

/**
 * What a list learnt of its rows' heights and its scroll area, kept by its caller beyond one
 * mount: a list mounted anew for the next ticket (the history, keyed by ticket) starts from them.
 */
export interface RowMemory {
  sizes: Map<Key, number>;
  rect: Rect | null;
}

/** Heights are a few bytes each; past this many the memory starts again. */
const REMEMBERED_ROWS = 20_000;

export const createRowMemory = (): RowMemory => ({ sizes: new Map(), rect: null });

/*
 * The library's defaults read sizes synchronously (`offsetHeight` as each row mounts,
 * `getBoundingClientRect` as the list mounts) while Preact is still building the tree: each read
 * forces a layout of a half-built sidebar, a third of a warm switch. A height known from an
 * earlier mount is used instead, and the ResizeObserver that watches every row reports any
 * change after the browser's own layout; only a row never seen is read at once.
 */
const measureWith =
  (memory: RowMemory): Options['measureElement'] =>
  (element, entry, instance) => {
    const key = instance.options.getItemKey(instance.indexFromElement(element));
    const box = entry?.borderBoxSize[0];
    const size = box
      ? Math.round(box.blockSize)
      : (instance.itemSizeCache.get(key) ?? memory.sizes.get(key) ?? element.offsetHeight);
    if (memory.sizes.size >= REMEMBERED_ROWS) memory.sizes.clear();
    memory.sizes.set(key, size);
    return size;
  };

const observeRectWith =
  (memory: RowMemory): Options['observeElementRect'] =>
  (instance, onRect) => {
    const element = instance.scrollElement;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const box = entry?.borderBoxSize[0];
      if (!box) return;
      memory.rect = { width: Math.round(box.inlineSize), height: Math.round(box.blockSize) };
      onRect(memory.rect);
    });
    observer.observe(element);
    return () => observer.disconnect();
  };

/**
 * @tanstack/virtual-core in Preact: the same contract as its React adapter.
 * The instance lives for the component's life; options are refreshed each
 * render; a change in the virtualizer (scroll, measurement) re-renders.
 * Until the scroll area is observed, its rect is the remembered one or `fallbackRect`.
 */
export const useVirtualizer = (
  options: ElementVirtualizerOptions,
  memory: RowMemory,
  fallbackRect: Rect,
): Virtualizer<HTMLElement, HTMLElement> => {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const [bound] = useState(() => ({
    measureElement: measureWith(memory),
    observeElementRect: observeRectWith(memory),
    initialRect: memory.rect ?? fallbackRect,
  }));
  const resolved: Options = {
    ...bound,
    observeElementOffset,
    scrollToFn: elementScroll,
    ...options,
    onChange: (instance, sync) => {
      rerender(0);
      options.onChange?.(instance, sync);
    },
  };
  const [instance] = useState(() => new Virtualizer<HTMLElement, HTMLElement>(resolved));
  instance.setOptions(resolved);
  useLayoutEffect(() => instance._didMount(), [instance]);
  useLayoutEffect(() => {
    instance._willUpdate();
  });
  return instance;
};
