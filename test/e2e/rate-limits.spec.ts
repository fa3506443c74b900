import type { Frame } from '@playwright/test';
import type { SimTicket } from '../sim/data/model';
import { type Simulator, startSimulator } from '../sim/server';
import { basic, simFetch } from '../sim/testing/client';
import { grant, grantRow, newCreditNotes } from './credit-steps';
import { apiRequests, test as base, expect, openTicket, setExtensionStorage } from './fixtures';

const HOST = 'acme.zendesk.com';
/** How far ahead of real time the simulator's rate limiters run: a test moves them ten minutes on in no time. */
const ahead = { ms: 0 };

/** This spec's simulator enforces Zendesk's per-ticket update limit, on a clock the test can move. */
const test = base.extend<Record<never, never>, { sim: Simulator }>({
  sim: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring form.
    async ({}, use) => {
      const sim = await startSimulator({
        seed: 1,
        size: 'demo',
        ticketUpdateLimit: true,
        clock: () => Date.now() + ahead.ms,
      });
      await use(sim);
      await sim.close();
    },
    { scope: 'worker' },
  ],
});

const POLICY = {
  currency: 'USD',
  period: 'week',
  timeZone: 'UTC',
  // Limits that never bind here: a worker's tests share the simulator and grant on the same customer.
  tiers: [{ name: 'Standard', perGrant: 2500, perCustomerPerPeriod: 1_000_000, perPeriod: 1_000_000 }],
  defaultTier: 'Standard',
  presets: [500, 1000, 2500],
  reasons: ['Late delivery'],
  undoSeconds: 1,
};

const recorded = (frame: Frame, id: string) =>
  expect(grantRow(frame, id)).toHaveAttribute('data-state', 'recorded', { timeout: 60_000 });

/** Ada updates the ticket 30 times through the API: her per-ticket budget for the next 10 minutes. */
async function spendTicketUpdates(sim: Simulator, ticket: SimTicket): Promise<void> {
  const token = basic('ada@acme.test/token', sim.data.account(HOST).apiToken);
  for (let i = 0; i < 30; i++) {
    const answer = await simFetch(sim, HOST, `/api/v2/tickets/${ticket.id}.json`, {
      method: 'PUT',
      headers: { authorization: token },
      body: { ticket: { comment: { body: `integration update ${i}`, public: false } } },
    });
    expect(answer.status).toBe(200);
  }
}

test('zendesk: a per-ticket 429 holds only that ticket’s credit note; another ticket loads meanwhile', async ({
  profile,
  sim,
}) => {
  await setExtensionStorage(profile, { policy: POLICY });
  const ticket = sim.data.sampleTicket('zendesk');
  const other = [...sim.data.account(HOST).tickets.values()].find(
    (t) => !t.archived && t.status !== 'closed' && t.id !== ticket.id && t.requesterId !== ticket.requesterId,
  );
  if (other === undefined) throw new Error('another open ticket expected');
  const { frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);

  await spendTicketUpdates(sim, ticket);
  // The oldest of the 30 updates leaves Zendesk's 10-minute window in 20 s.
  ahead.ms = 580_000;
  sim.control.resetLog();
  const written = newCreditNotes(sim, HOST, ticket.id);
  const id = await grant(frame, 2);

  await expect
    .poll(() =>
      apiRequests(sim, HOST).some(
        (entry) => entry.status === 429 && entry.route === 'PUT /api/v2/tickets/:id',
      ),
    )
    .toBe(true);
  await openTicket(profile, sim.data.ticketUrl(other), other.subject);
  expect(written()).toHaveLength(0);
  await expect(grantRow(frame, id)).not.toHaveAttribute('data-state', 'failed');

  await recorded(frame, id);
  expect(written()).toHaveLength(1);
  const refused = apiRequests(sim, HOST).filter((entry) => entry.status === 429);
  expect(refused.every((entry) => entry.route === 'PUT /api/v2/tickets/:id')).toBe(true);
  expect(refused).toHaveLength(1);
  ahead.ms = 0;
});
