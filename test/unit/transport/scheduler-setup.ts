import type { HttpRequest } from '../../../lib/helpdesks/http';
import { createScheduler, type SchedulerOptions } from '../../../lib/transport/scheduler';
import { fakeClock } from './fake-clock';
import { manualTransport, response, scriptedTransport } from './fake-transport';

/** A scheduler on a fake clock, for the tests of its parts through createScheduler. */
export const ACME = 'acme.zendesk.com';
export const OTHER = 'other.freshdesk.com';
export const post = (path: string): HttpRequest => ({ method: 'POST', path, body: { note: 'x' } });

export function setup(
  answer: Parameters<typeof scriptedTransport>[1],
  options: Partial<SchedulerOptions> = {},
) {
  const clock = fakeClock();
  const net = scriptedTransport(clock.now, answer);
  const scheduler = createScheduler({
    transport: net.transport,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    ...options,
  });
  return { clock, net, scheduler };
}

export function setupManual(options: Partial<SchedulerOptions> = {}) {
  const clock = fakeClock();
  const net = manualTransport(clock.now);
  const scheduler = createScheduler({
    transport: net.transport,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    ...options,
  });
  return { clock, net, scheduler };
}

export const ok = () => response(200, {}, '{"ok":true}');
