import { afterEach, describe, expect, it } from 'vitest';
import type { TicketRef } from '../../../lib/domain/ticket-ref';
import { MINUTE, setup } from './engine';

const opened: { close(): void }[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const PER_HELPDESK = 250;
/**
 * Pinning 500 tickets one by one takes most of each test (a cycle itself takes about 0.3 s); on a
 * machine shared with other test runs that passes the 20 s default.
 */
const SETUP_TIMEOUT = 90_000;
const MOVED = 10;

/** 500 pins, half on each helpdesk, all pinned and checked once (the baseline). */
async function fiveHundred(budget: number) {
  const s = setup({ budget: () => budget });
  opened.push(s.db);
  const zd: TicketRef[] = [];
  const fd: TicketRef[] = [];
  for (let i = 0; i < PER_HELPDESK; i++) {
    zd.push(s.helpdesk.add('zendesk', 10_000 + i));
    fd.push(s.helpdesk.add('freshdesk', 20_000 + i));
  }
  for (const ticket of [...zd, ...fd]) await s.engine.pin({ ticket });
  return { ...s, zd, fd };
}

const count = (requests: { helpdesk: string; request: { path: string } }[], helpdesk: string) =>
  requests.filter((r) => r.helpdesk === helpdesk).length;

describe('a watch cycle with 500 pins', () => {
  it(
    'reads Zendesk in show_many batches of 100, Freshdesk one request a pin, the thread only of moved tickets',
    async () => {
      const { engine, helpdesk, tick, zd, fd } = await fiveHundred(1_000);
      const baselineStart = performance.now();
      const baseline = await engine.check();
      const baselineMs = performance.now() - baselineStart;
      // Nothing moved since pinning: ceil(250/100) = 3 show_many + 250 Freshdesk reads.
      expect(count(helpdesk.requests, 'zendesk')).toBe(3);
      expect(count(helpdesk.requests, 'freshdesk')).toBe(PER_HELPDESK);
      expect(baseline.requests).toBe(3 + PER_HELPDESK);

      helpdesk.reset();
      tick(MINUTE);
      for (const ref of zd.slice(0, MOVED)) helpdesk.customerReply(ref);
      for (const ref of fd.slice(0, MOVED)) helpdesk.customerReply(ref);
      const started = performance.now();
      const result = await engine.check();
      const ms = performance.now() - started;

      const zdPaths = helpdesk.requests.filter((r) => r.helpdesk === 'zendesk').map((r) => r.request.path);
      expect(zdPaths.filter((p) => p.startsWith('/api/v2/tickets/show_many.json'))).toHaveLength(3);
      expect(zdPaths.filter((p) => p.includes('/audits.json'))).toHaveLength(MOVED);
      // 3 show_many + the audits of each moved ticket + 1 users/show_many for the owner's name.
      expect(count(helpdesk.requests, 'zendesk')).toBe(3 + MOVED + 1);
      // 250 reads + the conversations of each moved ticket + 1 agent for the owner's name.
      expect(count(helpdesk.requests, 'freshdesk')).toBe(PER_HELPDESK + MOVED + 1);
      expect(result.badgeCount).toBe(2 * MOVED);
      expect(result.deferred).toBe(0);
      console.info(
        `500 pins: baseline cycle ${baseline.requests} requests in ${baselineMs.toFixed(0)} ms; ` +
          `cycle with ${2 * MOVED} moved: ${result.requests} requests in ${ms.toFixed(0)} ms`,
      );
    },
    SETUP_TIMEOUT,
  );

  it(
    'stays within the budget and rotates through the pins it could not afford',
    async () => {
      const budget = 60;
      const { engine, helpdesk, tick, fd } = await fiveHundred(budget);
      const first = await engine.check();
      expect(count(helpdesk.requests, 'zendesk')).toBeLessThanOrEqual(budget);
      expect(count(helpdesk.requests, 'freshdesk')).toBe(budget);
      expect(first.requests).toBe(3 + budget);
      expect(first.deferred).toBe(PER_HELPDESK - budget);

      // Each cycle takes the least recently checked pins: every Freshdesk pin is read within ceil(250/60) cycles.
      const read = new Set<string>();
      const collect = () => {
        for (const r of helpdesk.requests) if (r.helpdesk === 'freshdesk') read.add(r.request.path);
      };
      collect();
      for (let cycle = 1; cycle < Math.ceil(PER_HELPDESK / budget); cycle++) {
        helpdesk.reset();
        tick(5 * MINUTE);
        const result = await engine.check();
        expect(count(helpdesk.requests, 'freshdesk')).toBeLessThanOrEqual(budget);
        expect(result.requests).toBeLessThanOrEqual(2 * budget);
        collect();
      }
      expect(read.size).toBe(PER_HELPDESK);

      // Moved tickets beyond the budget wait for the next cycle rather than be read half.
      helpdesk.reset();
      tick(5 * MINUTE);
      for (const ref of fd.slice(0, 40)) helpdesk.customerReply(ref);
      let flagged = 0;
      for (let cycle = 0; cycle < 12 && flagged < 40; cycle++) {
        helpdesk.reset();
        tick(5 * MINUTE);
        flagged = (await engine.check()).badgeCount;
        expect(count(helpdesk.requests, 'freshdesk')).toBeLessThanOrEqual(budget);
      }
      expect(flagged).toBe(40);
    },
    SETUP_TIMEOUT,
  );
});
