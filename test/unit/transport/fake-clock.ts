/** Lets every pending promise callback run (one macrotask turn drains the microtask queue). */
export const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/** A clock that only moves when the test says so; `sleep` resolves when it passes the wake time. */
export function fakeClock(start = 1_700_000_000_000) {
  let time = start;
  let seq = 0;
  const timers: Timer[] = [];

  const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      const timer = { at: time + Math.max(0, ms), seq: seq++, resolve };
      timers.push(timer);
      signal?.addEventListener('abort', () => resolve(), { once: true });
    });

  /** Moves time forward, firing every timer due on the way in order. */
  const advance = async (ms: number): Promise<void> => {
    const end = time + ms;
    await flush();
    for (;;) {
      timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = timers[0];
      if (next === undefined || next.at > end) break;
      timers.shift();
      time = next.at;
      next.resolve();
      await flush();
    }
    time = end;
    await flush();
  };

  return { now: () => time, sleep, advance, start };
}
