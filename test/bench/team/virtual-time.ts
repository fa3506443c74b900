/**
 * One virtual clock for the whole team and the simulator's rate limiter: a working day passes
 * in minutes of real time. Time moves only when nothing is left to do at the present instant:
 * no request on the wire and no promise callback, database transaction or new sleep for a few
 * event-loop turns. Then it jumps to the next sleeper, waking every sleeper due within
 * `tickMs` of it together (the batching bounds the steps of an 8-hour day; a sleeper woken up
 * to `tickMs` early is the model's only distortion of time).
 */
interface Sleeper {
  at: number;
  seq: number;
  resolve: () => void;
}

const realImmediate = globalThis.setImmediate;
const turn = (): Promise<void> => new Promise((resolve) => realImmediate(resolve));
/** Event-loop turns without activity that count as quiet. */
const QUIET_TURNS = 4;
/** Callbacks queued with setImmediate and not yet run: fake-indexeddb steps every transaction so. */
let immediates = 0;
let immediateActivity = 0;

/**
 * Counts setImmediate callbacks (fake-indexeddb looks the function up at each call), so a
 * database transaction in progress keeps the clock still.
 */
function countImmediates(): void {
  const counted = ((callback: (...args: unknown[]) => void, ...args: unknown[]) => {
    immediates++;
    immediateActivity++;
    return realImmediate(() => {
      immediates--;
      callback(...args);
    });
  }) as typeof setImmediate;
  globalThis.setImmediate = Object.assign(counted, { __promisify__: realImmediate.__promisify__ });
}

export function virtualTime(start: number, tickMs = 250) {
  if (globalThis.setImmediate === realImmediate) countImmediates();
  let time = start;
  let seq = 0;
  let activity = 0;
  let inFlight = 0;
  let idle: (() => void)[] = [];
  const sleepers: Sleeper[] = [];

  const now = (): number => time;

  const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      activity++;
      // Whole milliseconds, as Date.now() gives: a fractional clock leaks into stored times
      // (the ledger cursor's `\d+` format refused them, and every view refreshed the ledger).
      const sleeper = { at: time + Math.max(0, Math.ceil(ms)), seq: seq++, resolve };
      sleepers.push(sleeper);
      signal?.addEventListener(
        'abort',
        () => {
          const i = sleepers.indexOf(sleeper);
          if (i >= 0) sleepers.splice(i, 1);
          resolve();
        },
        { once: true },
      );
    });

  /** Wraps a request on the wire: time stands still until it is answered. */
  const onWire = async <T>(send: () => Promise<T>): Promise<T> => {
    inFlight++;
    activity++;
    try {
      return await send();
    } finally {
      inFlight--;
      activity++;
      if (inFlight === 0) {
        const waiting = idle;
        idle = [];
        for (const wake of waiting) wake();
      }
    }
  };

  /** Until nothing runs at the present instant. */
  const settle = async (): Promise<void> => {
    for (;;) {
      if (inFlight > 0) await new Promise<void>((resolve) => idle.push(resolve));
      const before = activity + immediateActivity;
      for (let i = 0; i < QUIET_TURNS; i++) await turn();
      if (inFlight === 0 && immediates === 0 && activity + immediateActivity === before) return;
    }
  };

  /** Runs until `end` (or until no one sleeps): settle, jump to the next sleeper, wake its tick. */
  const runUntil = async (end: number): Promise<void> => {
    for (;;) {
      await settle();
      sleepers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = sleepers[0];
      if (next === undefined || next.at > end) break;
      time = Math.max(time, next.at);
      const due = sleepers.filter((s) => s.at <= time + tickMs);
      sleepers.splice(0, due.length);
      for (const s of due) {
        time = Math.max(time, s.at);
        s.resolve();
      }
    }
    time = Math.max(time, end);
  };

  return {
    now,
    sleep,
    onWire,
    settle,
    runUntil,
    pending: () => sleepers.length,
    inFlight: () => inFlight,
    immediates: () => immediates,
  };
}

export type VirtualTime = ReturnType<typeof virtualTime>;

/**
 * Replaces the global Date so `Date.now()` and `new Date()` read the virtual clock: the
 * modules under test stamp grants, outbox rows and cache ages with them. Install after the
 * simulator's certificate is made (TLS checks it against the real time).
 */
export function installVirtualDate(now: () => number): () => void {
  const Real = Date;
  class VirtualDate extends Real {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(now());
      // Date's constructor overloads do not spread; the arguments are the caller's own.
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return now();
    }
  }
  globalThis.Date = VirtualDate as DateConstructor;
  return () => {
    globalThis.Date = Real;
  };
}
