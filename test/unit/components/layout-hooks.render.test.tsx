import { useRef } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useHeight } from '../../../components/hooks/use-height';
import { useOffsetWithin } from '../../../components/hooks/use-offset-within';
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
});
