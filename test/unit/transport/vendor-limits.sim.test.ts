import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketRef } from '../../../lib/domain/ticket-ref';
import { HOUR_MS } from '../../../lib/transport/rate-headers';
import type { Helpdesk, SimTicket } from '../../sim/data/model';
import { type Simulator, startSimulator } from '../../sim/server';
import { basic, simFetch } from '../../sim/testing/client';
import { fakeClock } from './fake-clock';
import { simBrowser, track, until } from './sim-browser';

/**
 * The real scheduler, adapters and token transport against the simulator over HTTPS, with the
 * scheduler and the simulator's rate limiters on one virtual clock: an hour passes in no time.
 * Only the clock is fake; every request crosses the network, so the test waits (in real time)
 * for the scheduler to go quiet before it moves the clock.
 */
const clock = fakeClock(Date.parse('2026-03-02T09:00:00Z'));
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 11, size: 'tiny', clock: clock.now });
});
afterAll(() => sim.close());

const frontline = (helpdesk: Helpdesk) => simBrowser(sim, clock, helpdesk);

const refOf = (ticket: SimTicket): TicketRef => ({
  helpdesk: ticket.helpdesk,
  account: ticket.account,
  id: ticket.id,
});

const statuses = () => sim.control.log().entries.map((entry) => entry.status);

describe('vendor rate limits, end to end on the simulator with a virtual clock', () => {
  it('an hourly-limited account waits out a 1,500 s Retry-After on a virtual clock without errors', async () => {
    sim.control.setPlan('estate');
    const { host, scheduler, client, adapter } = frontline('freshdesk');
    const ticket = refOf(sim.data.sampleTicket('freshdesk'));
    const start = clock.now();

    await adapter.ticket(client('view'), ticket);
    expect(scheduler.stats(host)).toMatchObject({ windowMs: HOUR_MS, planLimit: 5000, limit: 1000 });

    // Other agents and integrations spend the rest of the hour's 5,000; 35 minutes in, we ask again.
    sim.control.spendQuota(host, 5_000);
    await clock.advance(2_100_000);
    sim.control.resetLog();
    const view = track(adapter.ticket(client('view'), ticket));
    const background = track(adapter.entries(client('background'), ticket));
    await until(() => scheduler.stats(host).pausedUntil > 0 && scheduler.stats(host).inFlight === 0);
    expect(scheduler.stats(host).pausedUntil).toBe(start + 2_100_000 + 1_500_000);
    const refusals = statuses();
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.every((status) => status === 429)).toBe(true);

    await clock.advance(1_499_000);
    expect(sim.control.log().total).toBe(refusals.length);
    expect(view.done || background.done).toBe(false);

    await clock.advance(1_000);
    await until(() => view.done && background.done);
    expect(view.error ?? background.error).toBeUndefined();
    expect(view.value?.case.ref.id).toBe(ticket.id);
    // Every request after the pause was answered, none refused again (the simulator has no companies route: 404).
    expect(statuses().slice(refusals.length)).not.toContain(429);
    sim.control.setPlan('sim');
  });

  it('a per-ticket 429 leaves other tickets’ reads flowing', async () => {
    sim.control.setPlan('sim');
    sim.control.setTicketUpdateLimit(true);
    const { host, scheduler, client, adapter } = frontline('zendesk');
    const [limited, other] = [...sim.data.accountOf('zendesk').tickets.values()].filter(
      (t) => !t.archived && t.status !== 'closed',
    );
    if (limited === undefined || other === undefined) throw new Error('two open tickets expected');

    // Ada updated the ticket 30 times in the helpdesk's last 10 minutes, the first 507 s ago.
    const token = basic('ada@acme.test/token', sim.data.accountOf('zendesk').apiToken);
    for (let i = 0; i < 30; i++) {
      const update = await simFetch(sim, host, `/api/v2/tickets/${limited.id}.json`, {
        method: 'PUT',
        headers: { authorization: token },
        body: { ticket: { comment: { body: `update ${i}`, public: false } } },
      });
      expect(update.status).toBe(200);
    }
    await clock.advance(507_000);
    const held = clock.now();

    const note = track(adapter.addPrivateNote(client('view'), refOf(limited), 'Credit note from Frontline'));
    await until(() => scheduler.stats(host).ticketPauses[limited.id] !== undefined);
    expect(scheduler.stats(host)).toMatchObject({
      pausedUntil: 0,
      ticketPauses: { [limited.id]: held + 93_000 },
    });

    // No virtual time passes: the limited ticket's reads, and the other ticket's reads and write, go now.
    const [limitedNow, otherNow, otherEntries, otherNote] = await Promise.all([
      adapter.ticket(client('view'), refOf(limited)),
      adapter.ticket(client('view'), refOf(other)),
      adapter.entries(client('background'), refOf(other)),
      adapter.addPrivateNote(client('view'), refOf(other), 'Another ticket’s note'),
    ]);
    expect(limitedNow.case.ref.id).toBe(limited.id);
    expect(otherNow.case.ref.id).toBe(other.id);
    expect(otherEntries.length).toBeGreaterThan(0);
    expect(otherNote.text).toContain('Another ticket’s note');
    expect(note.done).toBe(false);
    expect(clock.now()).toBe(held);

    await clock.advance(93_000);
    await until(() => note.done);
    expect(note.error).toBeUndefined();
    expect(
      sim.data.comments(host, limited.id).some((c) => c.body.includes('Credit note from Frontline')),
    ).toBe(true);
    sim.control.setTicketUpdateLimit(false);
  });
});
