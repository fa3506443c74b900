import { describe, expect, it } from 'vitest';
import type { RuntimePort } from '../../../lib/messaging/ports/table';
import { routeWhenReady } from '../../../lib/messaging/route-when-ready';

function fakePort() {
  const onMessage: ((m: unknown) => void)[] = [];
  const onDisconnect: (() => void)[] = [];
  const port: RuntimePort = {
    name: 'content',
    postMessage: () => undefined,
    disconnect: () => undefined,
    onMessage: { addListener: (l) => void onMessage.push(l) },
    onDisconnect: { addListener: (l) => void onDisconnect.push(l) },
  };
  return {
    port,
    send: (m: unknown) => {
      for (const l of onMessage) l(m);
    },
    close: () => {
      for (const l of onDisconnect) l();
    },
  };
}

function readiness() {
  let done = false;
  let resolve: () => void = () => undefined;
  const ready = new Promise<void>((r) => {
    resolve = r;
  });
  return {
    done: () => done,
    ready,
    finish: () => {
      done = true;
      resolve();
    },
  };
}

describe('routeWhenReady: ports that arrive before the custom hosts are known', () => {
  it('routes at once when the table is ready', () => {
    const { port } = fakePort();
    const routed: RuntimePort[] = [];
    routeWhenReady(port, { done: () => true, ready: Promise.resolve() }, (p) => routed.push(p));
    expect(routed).toEqual([port]);
  });

  it('waits, then hands on the messages sent meanwhile, in order, and the later ones too', async () => {
    const fake = fakePort();
    const state = readiness();
    const seen: unknown[] = [];
    routeWhenReady(fake.port, state, (p) => p.onMessage.addListener((m) => seen.push(m)));
    fake.send('location');
    fake.send('second');
    expect(seen).toEqual([]);
    state.finish();
    await state.ready;
    await Promise.resolve();
    fake.send('third');
    expect(seen).toEqual(['location', 'second', 'third']);
  });

  it('never routes a port that closed while it waited', async () => {
    const fake = fakePort();
    const state = readiness();
    let routed = false;
    routeWhenReady(fake.port, state, () => {
      routed = true;
    });
    fake.close();
    state.finish();
    await state.ready;
    await Promise.resolve();
    expect(routed).toBe(false);
  });
});
