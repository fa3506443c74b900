import { describe, expect, it } from 'vitest';
import type { TicketRef } from '../../../lib/domain/ticket-ref';
import { runCycle } from '../../../lib/followthrough/watch-cycle';
import { DAY, MINUTE, startEach } from './engine';

const setup = startEach();
const CYCLE = 5 * MINUTE;

/** One rep's pins: `perHelpdesk` on each helpdesk, pinned and checked once, then left quiet a day. */
async function quietPins(perHelpdesk: number) {
  const s = setup();
  const zd: TicketRef[] = [];
  const fd: TicketRef[] = [];
  for (let i = 0; i < perHelpdesk; i++) {
    zd.push(s.helpdesk.add('zendesk', 10_000 + i));
    fd.push(s.helpdesk.add('freshdesk', 20_000 + i));
  }
  for (const ticket of [...zd, ...fd]) await s.engine.pin({ ticket });
  await s.engine.check();
  s.tick(DAY);
  s.helpdesk.reset();
  return { ...s, zd, fd };
}

const count = (requests: { helpdesk: string }[], helpdesk: string) =>
  requests.filter((r) => r.helpdesk === helpdesk).length;

describe('what one rep’s watcher costs the account', () => {
  it('nothing pinned: a cycle sends no request', async () => {
    const { engine, helpdesk } = setup();
    expect((await engine.check()).requests).toBe(0);
    expect(helpdesk.requests).toHaveLength(0);
  });

  it('an hour of 5-minute cycles over 20 quiet pins a helpdesk: Zendesk 17 requests (was 20), Freshdesk 44 (was 267), and the 3 customer replies are found', async () => {
    const { engine, helpdesk, tick, zd, fd } = await quietPins(20);
    let badge = 0;
    // Thirteen cycles: minute 0 to minute 60. The customers of 3 pins on each helpdesk write at minute 15.
    for (let cycle = 0; cycle <= 12; cycle++) {
      if (cycle === 3) for (const ref of [...zd.slice(0, 3), ...fd.slice(0, 3)]) helpdesk.customerReply(ref);
      badge = (await engine.check()).badgeCount;
      if (cycle < 12) tick(CYCLE);
    }
    // Zendesk: a show_many every cycle, the audits of the 3 that moved, one users/show_many for the owner.
    expect(count(helpdesk.requests, 'zendesk')).toBe(13 + 3 + 1);
    // Freshdesk: a ticket nobody touched for a day is read hourly (at minute 0 and 60), the 3 that moved
    // then have their conversations read, and one agent is named.
    expect(count(helpdesk.requests, 'freshdesk')).toBe(20 + 20 + 3 + 1);
    expect(badge).toBe(6);
    const perMinute = (n: number) => (n / 60).toFixed(2);
    console.info(
      `one rep, 20+20 quiet pins, an hour: Zendesk ${perMinute(count(helpdesk.requests, 'zendesk'))}/min, ` +
        `Freshdesk ${perMinute(count(helpdesk.requests, 'freshdesk'))}/min`,
    );
  });

  it('a Freshdesk pin that moved in the last hour is read every cycle, one quiet for an hour every 15 minutes', async () => {
    const { engine, helpdesk, tick, fd } = await quietPins(3);
    const [hot, warm] = fd;
    if (hot === undefined || warm === undefined) throw new Error('two pins');
    helpdesk.agentReply(warm);
    tick(2 * 60 * MINUTE);
    helpdesk.agentReply(hot);
    await engine.check();
    helpdesk.reset();
    const reads = (ref: TicketRef) =>
      helpdesk.requests.filter((r) => r.request.path.split('?')[0] === `/api/v2/tickets/${ref.id}`).length;
    for (let cycle = 1; cycle <= 6; cycle++) {
      tick(CYCLE);
      await engine.check();
    }
    expect(reads(hot)).toBe(6);
    expect(reads(warm)).toBe(2);
  });

  it('Check now reads every pin, due or not', async () => {
    const { engine, helpdesk, tick, deps } = await quietPins(20);
    await engine.check();
    tick(CYCLE);
    helpdesk.reset();
    await engine.check();
    expect(count(helpdesk.requests, 'freshdesk')).toBe(0);
    await runCycle(deps, true);
    expect(count(helpdesk.requests, 'freshdesk')).toBe(20);
  });
});
