import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../../lib/helpdesks/http';
import type { Helpdesk } from '../../sim/data/model';
import { type Simulator, startSimulator } from '../../sim/server';
import { fakeClock } from './fake-clock';
import { simBrowser, track, until } from './sim-browser';

/**
 * Two browsers (Ada's and Ben's, each with its own scheduler) on one helpdesk account, while other
 * users and integrations draw 600 of its 700 requests a minute. The simulator's limiter and both
 * schedulers share one virtual clock; every request is real HTTPS to the simulator.
 */
const clock = fakeClock(Date.parse('2026-03-02T09:00:00Z'));
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 13, size: 'tiny', clock: clock.now });
});
afterAll(() => sim.close());

/** A ticket read; `n` makes each read its own request (identical GETs in flight are shared). */
const ticketRead = (helpdesk: Helpdesk, id: string, n: number): HttpRequest => ({
  method: 'GET',
  path: `${helpdesk === 'zendesk' ? `/api/v2/tickets/${id}.json` : `/api/v2/tickets/${id}`}?n=${n}`,
});

describe('one budget for the whole account, two browsers on the simulator', () => {
  it.each(['zendesk', 'freshdesk'] as const)(
    '%s: both browsers’ background work pauses below the floor (210 of 700 left) until the reset, a view read still goes, and no 429 is caused',
    async (helpdesk) => {
      sim.control.setPlan('enterprise');
      sim.control.resetLog();
      const account = sim.data.accountOf(helpdesk);
      const ids = [...account.tickets.values()].filter((t) => !t.archived).map((t) => t.id);
      const browsers = [
        simBrowser(sim, clock, helpdesk, 'ada@acme.test'),
        simBrowser(sim, clock, helpdesk, 'ben@acme.test'),
      ];
      const [ada, ben] = browsers;
      if (ada === undefined || ben === undefined || ids.length === 0)
        throw new Error('two browsers and a ticket');
      const start = clock.now();
      sim.control.setOthersLoad(account.host, 600);

      // The window's first minute: both browsers read, and learn the account has room.
      await Promise.all(
        browsers.map((b, i) => b.client('background')(ticketRead(helpdesk, ids[0] ?? '', i))),
      );
      expect(ada.scheduler.stats(account.host).backgroundHeldUntil).toBe(0);

      // 50 s on, the others have drawn 500: under 210 (30% of 700) remain. Each browser's ledger,
      // watcher and names queue six reads; the first answers say how little is left.
      await clock.advance(50_000);
      const background = browsers.flatMap((b, n) =>
        Array.from({ length: 6 }, (_, i) =>
          track(b.client('background')(ticketRead(helpdesk, ids[0] ?? '', 2 + n * 6 + i))),
        ),
      );
      await until(() =>
        browsers.every(
          (b) =>
            b.scheduler.stats(account.host).backgroundHeldUntil > 0 &&
            b.scheduler.stats(account.host).inFlight === 0,
        ),
      );
      for (const b of browsers)
        expect(b.scheduler.stats(account.host).backgroundHeldUntil).toBe(start + 60_000);
      const probes = sim.control.log().total - 2;
      // At most the requests each browser had in flight before its first answer came back.
      expect(probes).toBeLessThanOrEqual(8);
      expect(background.filter((r) => r.done)).toHaveLength(probes);

      // The ticket a rep has in view is not held.
      const view = await ada.client('view')(ticketRead(helpdesk, ids[0] ?? '', 99));
      expect(view.status).toBe(200);
      await clock.advance(9_999);
      expect(sim.control.log().total).toBe(2 + probes + 1);
      expect(background.filter((r) => r.done)).toHaveLength(probes);

      // The window resets: both browsers go on, and the account never answered 429.
      await clock.advance(1);
      await until(() => background.every((r) => r.done));
      expect(background.every((r) => r.error === undefined)).toBe(true);
      expect(sim.control.log().entries.map((e) => e.status)).not.toContain(429);
      sim.control.setOthersLoad(account.host, 0);
      sim.control.setPlan('sim');
    },
  );
});
