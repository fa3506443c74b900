import { creditNoteText } from '../../lib/domain/note-text';
import type { SimTicket } from '../sim/data/model';
import type { Simulator } from '../sim/server';
import { simFetch } from '../sim/testing/client';
import { grant, grantRow, newCreditNotes, UNBOUND_POLICY } from './credit-steps';
import { expect, openTicket, type Profile, setExtensionStorage, test } from './fixtures';

const ZD = 'acme.zendesk.com';
const FD = 'acme.freshdesk.com';

const setPolicy = (profile: Profile) => setExtensionStorage(profile, { policy: UNBOUND_POLICY });
const tagsOf = (sim: Simulator, host: string, id: string) => sim.data.ticket(host, id)?.tags ?? [];

/** An open ticket of the account no other test of this spec used (the simulator is shared by a worker). */
const used = new Set<string>();
function openTicketOf(sim: Simulator, host: string): SimTicket {
  const found = [...sim.data.account(host).tickets.values()].find(
    (t) =>
      !t.archived &&
      t.status === (host === ZD ? 'open' : '2') &&
      !used.has(t.id) &&
      !t.tags.includes('frontline_credit'),
  );
  if (!found) throw new Error(`no open ticket left on ${host}`);
  used.add(found.id);
  return found;
}

/**
 * Another integration updating the same ticket's tags, over and over, without safe
 * update (Ben's API token): each of its updates overlaps whatever else is in progress.
 */
function rivalWriter(sim: Simulator, ticketId: string) {
  const auth = `Basic ${Buffer.from(`ben@acme.test/token:${sim.data.account(ZD).apiToken}`).toString('base64')}`;
  let running = true;
  let n = 0;
  const loop = (async () => {
    while (running) {
      simFetch(sim, ZD, `/api/v2/tickets/${ticketId}/tags.json`, {
        method: 'PUT',
        headers: { authorization: auth },
        body: { tags: [`rival_${n++}`] },
      }).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
    writes: () => n,
  };
}

test('tags stay: concurrent note and tag writes never lose the tag (Zendesk update collisions on, another writer on the same ticket)', async ({
  profile,
  sim,
}) => {
  test.setTimeout(90_000);
  await setPolicy(profile);
  const ticket = openTicketOf(sim, ZD);
  const { page, frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
  const written = newCreditNotes(sim, ZD, ticket.id);
  await expect(frame.getByTestId('authority-meter')).toBeVisible();
  sim.control.setCollisions(400);
  const rival = rivalWriter(sim, ticket.id);
  let id: string;
  try {
    id = await grant(frame, 0);
    // The note, the tag and its retries all overlap the other writer's updates.
    await page.waitForTimeout(6000);
  } finally {
    await rival.stop();
  }
  expect(rival.writes()).toBeGreaterThan(20);
  await expect(grantRow(frame, id)).toHaveAttribute('data-state', 'recorded', { timeout: 60_000 });
  sim.control.setCollisions(0);
  expect(written()).toHaveLength(1);
  // Whatever a colliding writer dropped, the sidebar's next read of the thread puts back.
  await page.reload();
  await expect.poll(() => tagsOf(sim, ZD, ticket.id), { timeout: 20_000 }).toContain('frontline_credit');
  expect(written()).toHaveLength(1);
});

test('tags stay: a ticket whose credit tag was removed gets it back after the sidebar reads its thread', async ({
  profile,
  sim,
}) => {
  await setPolicy(profile);
  const ticket = openTicketOf(sim, ZD);
  const ada = sim.data.userByEmail(ZD, 'ada@acme.test')!;
  // A grant another browser recorded: its note counts, and someone removed its tag since.
  sim.control.addNote(
    ticket,
    creditNoteText(
      {
        kind: 'credit',
        id: '5f0c6a4e-8f1b-4c2d-9a7e-0b1c2d3e4f50',
        amount: 500,
        currency: 'USD',
        agent: ada.id,
        customer: ticket.requesterId,
        reason: 'Goodwill',
      },
      ada.name,
    ),
    'ada@acme.test',
  );
  expect(tagsOf(sim, ZD, ticket.id)).not.toContain('frontline_credit');
  await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
  await expect.poll(() => tagsOf(sim, ZD, ticket.id), { timeout: 20_000 }).toContain('frontline_credit');
  // One ticket update puts back both tags (the team index write).
  expect(tagsOf(sim, ZD, ticket.id)).toContain(`fl_credit_${ada.id}`);
  const writes = sim.control
    .log()
    .entries.filter(
      (e) => e.client === 'api' && e.method === 'PUT' && e.path.startsWith(`/api/v2/tickets/${ticket.id}`),
    );
  expect(writes).toHaveLength(1);
});

test('tags stay: after a credit on Freshdesk the sidebar asks for a reload before Update, and after it the page’s Update keeps the tag', async ({
  profile,
  sim,
}) => {
  await setPolicy(profile);
  const ticket = openTicketOf(sim, FD);
  const { page, frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
  const apiKey = sim.data.userByEmail(FD, 'ada@acme.test')!.apiKey!;
  await frame.getByTestId('credentials-api-key').fill(apiKey);
  await frame.getByTestId('credentials-save').click();
  await expect(frame.getByTestId('authority-meter')).toBeVisible();
  await expect(frame.getByTestId('page-stale')).toHaveCount(0);
  const id = await grant(frame, 0);
  await expect(grantRow(frame, id)).toHaveAttribute('data-state', 'recorded', { timeout: 30_000 });
  // The notice waits for the team index write that follows the note.
  await expect(frame.getByTestId('page-stale')).toContainText('Reload this ticket before you press Update');
  expect(tagsOf(sim, FD, ticket.id)).toContain('frontline_credit');
  // The page still shows the tags it loaded before the grant: its Update would write those back.
  await expect(page.locator('[data-sim="ticket-tags"]')).not.toContainText('frontline_credit');
  await expect(frame.getByTestId('page-stale')).toContainText('Reload this ticket before you press Update');
  await Promise.all([page.waitForEvent('load'), frame.getByTestId('page-reload').click()]);
  await expect(page.locator('[data-sim="ticket-tags"]')).toContainText('frontline_credit', {
    timeout: 15_000,
  });
  await page.locator('[data-sim="ticket-update"]').click();
  await expect(page.locator('[data-sim="ticket-update"]')).toHaveAttribute('data-sim-status', '200');
  expect(tagsOf(sim, FD, ticket.id)).toContain('frontline_credit');
});

test('sim: the Freshdesk page’s own Update writes back the tags it loaded, dropping a tag the API added since', async ({
  profile,
  sim,
}) => {
  const ticket = openTicketOf(sim, FD);
  const page = await profile.context.newPage();
  await page.goto(sim.data.ticketUrl(ticket));
  await expect(page.locator('[data-sim="ticket-update"]')).toBeVisible({ timeout: 15_000 });
  sim.data.ticket(FD, ticket.id)!.tags.push('frontline_credit');
  await page.locator('[data-sim="ticket-update"]').click();
  await expect(page.locator('[data-sim="ticket-update"]')).toHaveAttribute('data-sim-status', '200');
  expect(tagsOf(sim, FD, ticket.id)).not.toContain('frontline_credit');
});
