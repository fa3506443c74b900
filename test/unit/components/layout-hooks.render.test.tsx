import { useRef } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useHeight } from '../../../components/hooks/use-height';
import { useOffsetWithin } from '../../../components/hooks/use-offset-within';
import { createRowMemory, type RowMemory, useVirtualizer } from '../../../components/hooks/use-virtualizer';
import { mount, unmount } from './dom';

/** Observers that call back only when the test says layout happened. */
const observers: (() => void)[] = [];
class FakeResizeObserver {
  constructor(private readonly callback: () => void) {}
  observe() {
    observers.push(() => this.callback());
  }
  disconnect() {}
}

function Probe() {
  const box = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  const height = useHeight(inner);
  const offset = useOffsetWithin(inner, box);
  return (
    <div ref={box}>
      <div ref={inner} data-height={height} data-offset={offset} />
    </div>
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  observers.length = 0;
});

describe('layout hooks (warm switch)', () => {
  it('a mounting list forces no layout: heights and offsets are read when the observer reports', () => {
    vi.stubGlobal('ResizeObserver', FakeResizeObserver);
    const reads = vi.fn(() => 66);
    const sample = mount(<div />);
    const proto = Object.getPrototypeOf(sample);
    unmount(sample);
    const rect = vi.fn(() => ({ top: 0 }));
    Object.defineProperty(proto, 'offsetHeight', { configurable: true, get: reads });
    Object.defineProperty(proto, 'getBoundingClientRect', { configurable: true, value: rect });
    try {
      const host = mount(<Probe />);
      expect(reads).not.toHaveBeenCalled();
      expect(rect).not.toHaveBeenCalled();
      for (const report of observers) report();
      expect(reads).toHaveBeenCalled();
      expect(rect).toHaveBeenCalled();
      unmount(host);
    } finally {
      delete (proto as { offsetHeight?: number }).offsetHeight;
      delete (proto as { getBoundingClientRect?: unknown }).getBoundingClientRect;
    }
  });

  it('a list mounted anew reads no row it measured before, and never reads its scroll area', () => {
    vi.stubGlobal('ResizeObserver', FakeResizeObserver);
    const memory = createRowMemory();
    function List({ rows }: { rows: RowMemory }) {
      const scroll = useRef<HTMLDivElement>(null);
      const list = useVirtualizer(
        {
          count: 10,
          getScrollElement: () => scroll.current,
          estimateSize: () => 50,
          getItemKey: (i) => `row-${i}`,
        },
        rows,
        { width: 400, height: 800 },
      );
      return (
        <div ref={scroll}>
          {list.getVirtualItems().map((row) => (
            <div key={row.key} data-index={row.index} ref={list.measureElement} />
          ))}
        </div>
      );
    }
    const reads = vi.fn(() => 66);
    const sample = mount(<div />);
    const proto = Object.getPrototypeOf(sample);
    unmount(sample);
    const rect = vi.fn(() => ({ top: 0, width: 400, height: 800 }));
    Object.defineProperty(proto, 'offsetHeight', { configurable: true, get: reads });
    Object.defineProperty(proto, 'getBoundingClientRect', { configurable: true, value: rect });
    try {
      unmount(mount(<List rows={memory} />));
      expect(reads).toHaveBeenCalledTimes(10);
      expect(memory.sizes.get('row-3')).toBe(66);
      reads.mockClear();
      unmount(mount(<List rows={memory} />));
      expect(reads).not.toHaveBeenCalled();
      expect(rect).not.toHaveBeenCalled();
    } finally {
      delete (proto as { offsetHeight?: number }).offsetHeight;
      delete (proto as { getBoundingClientRect?: unknown }).getBoundingClientRect;
    }
  });
});
