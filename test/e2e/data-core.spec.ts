import { apiRequests, expect, expectSubject, killServiceWorker, openTicket, test } from './fixtures';

const ZD = 'acme.zendesk.com';

test('the sidebar recovers after the service worker is killed, without a page reload', async ({
  profile,
  sim,
}) => {
  const ticket = sim.data.sampleTicket('zendesk');
  const { page, frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
  await page.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
  });

  await killServiceWorker(page, profile.extensionId);

  // Moving to another ticket needs the background: the ports must have reconnected.
  const link = page.locator('[data-sim-active] [data-sim="requester-ticket-link"]').first();
  const otherId = (await link.getAttribute('href'))!.match(/(\d+)$/)![1]!;
  await link.click();
  await expectSubject(frame, sim.data.ticket(ZD, otherId)!.subject);
  await expect(frame.getByTestId('case-history-item').first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
});

test('three tabs on three tickets each show their own context', async ({ profile, sim }) => {
  const zendesk = sim.data.sampleTicket('zendesk');
  const others = sim.data
    .requesterTickets(ZD, zendesk.requesterId)
    .filter((t) => t.id !== zendesk.id && !t.archived)
    .slice(0, 1);
  const freshdesk = sim.data.sampleTicket('freshdesk');
  const tickets = [zendesk, others[0]!, freshdesk];
  const opened = await Promise.all(
    tickets.map((ticket) => openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject)),
  );
  for (const [index, { frame }] of opened.entries()) {
    await expectSubject(frame, tickets[index]!.subject);
    // The history is virtualized: filter it to this ticket to bring its row on screen.
    await frame.getByTestId('case-history-filter').fill(`#${tickets[index]!.id}`);
    const current = frame.locator('[data-testid="case-history-item"][aria-current="true"]');
    await expect(frame.getByTestId('customer-card')).toContainText(
      sim.data.user(tickets[index]!.account, tickets[index]!.requesterId)!.name,
    );
    await expect(current).toHaveCount(1);
  }
});

test('a 429 with Retry-After pauses the requests, then they resume, and no error shows', async ({
  profile,
  sim,
}) => {
  const ticket = sim.data.sampleTicket('zendesk');
  sim.control.resetLog();
  sim.control.addFault({ route: '/api/v2/**', kind: '429', retryAfter: 2, times: 3, host: ZD });
  const started = Date.now();
  const { frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
  expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  // Every part resumed: the whole history came in, and no section shows an error.
  await expect(frame.getByTestId('history-progress')).toContainText(/ of /, { timeout: 30_000 });
  await expect(frame.getByTestId('section-error')).toHaveCount(0);
  const requests = apiRequests(sim, ZD).filter((entry) => entry.path.startsWith('/api/v2/'));
  expect(requests.filter((entry) => entry.status === 429)).toHaveLength(3);
  expect(requests.filter((entry) => entry.status === 200).length).toBeGreaterThan(3);
});

test('a malformed answer for one endpoint shows an error in that section only', async ({ profile, sim }) => {
  const ticket = sim.data.sampleTicket('zendesk');
  sim.control.addFault({ route: '/api/v2/tickets/*/audits.json', kind: 'malformed', host: ZD });
  const { frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
  const escalation = frame.getByTestId('escalation-status');
  // The audits carry both the conversation (Frontline's notes) and the reassignment trail.
  await expect(escalation.getByTestId('section-error')).toContainText(
    "Zendesk sent an answer for this ticket's conversation",
  );
  await expect(frame.getByTestId('section-error')).toHaveCount(2);
  await expect(frame.getByTestId('owner').getByTestId('section-error')).toBeVisible();
  await expect(frame.getByTestId('customer-card').getByTestId('section-error')).toHaveCount(0);
  await expect(frame.getByTestId('case-history').getByTestId('section-error')).toHaveCount(0);
  await expect(frame.getByTestId('case-history-item').first()).toBeVisible();
});
