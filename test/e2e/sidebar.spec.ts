import type { Frame, Page } from '@playwright/test';
import type { SimTicket } from '../sim/data/model';
import { expect, expectSubject, openTicket, test } from './fixtures';

const HOSTS = { zendesk: 'acme.zendesk.com', freshdesk: 'acme.freshdesk.com' } as const;

/**
 * What the sidebar must list for a requester: every ticket, newest first.
 * Freshdesk's public API cannot list archived tickets (list and search leave
 * them out, and there is no archive listing), so there only live ones count.
 */
function expectedHistory(tickets: SimTicket[], helpdesk: keyof typeof HOSTS): SimTicket[] {
  return tickets
    .filter((ticket) => helpdesk === 'zendesk' || !ticket.archived)
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

const rowIds = (frame: Frame) =>
  frame
    .getByTestId('case-history-item')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-ticket-id')));

async function navigateInApp(page: Page, path: string) {
  await page.evaluate(
    (to) => (window as unknown as { simNavigate(path: string): void }).simNavigate(to),
    path,
  );
}

for (const helpdesk of ['zendesk', 'freshdesk'] as const) {
  test(`${helpdesk}: the case history matches the helpdesk's data for the requester`, async ({
    profile,
    sim,
  }) => {
    const ticket = sim.data.sampleTicket(helpdesk);
    const all = sim.data.requesterTickets(HOSTS[helpdesk], ticket.requesterId);
    const expected = expectedHistory(all, helpdesk);
    if (helpdesk === 'zendesk') expect(expected.some((t) => t.archived)).toBe(true);

    const { frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
    await expect(frame.getByTestId('history-progress')).toContainText(
      `${expected.length} of ${expected.length}`,
      { timeout: 20_000 },
    );
    await expect(frame.getByTestId('customer-card')).toContainText(`${expected.length} tickets`);
    // The list is virtualized: the rows on screen are the newest, in order.
    await expect
      .poll(() => rowIds(frame))
      .toEqual(expected.slice(0, (await rowIds(frame)).length).map((t) => t.id));
    await frame.getByTestId('case-history-filter').fill(`#${ticket.id}`);
    const current = frame.locator('[data-testid="case-history-item"][aria-current="true"]');
    await expect(current).toHaveAttribute('data-ticket-id', ticket.id);
  });

  test(`${helpdesk}: expanding an earlier ticket shows its conversation`, async ({ profile, sim }) => {
    const ticket = sim.data.sampleTicket(helpdesk);
    const { frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
    const earlier = expectedHistory(
      sim.data.requesterTickets(HOSTS[helpdesk], ticket.requesterId),
      helpdesk,
    ).find((t) => t.id !== ticket.id)!;
    const row = frame.locator(`[data-testid="case-history-item"][data-ticket-id="${earlier.id}"]`);
    await row.click();
    const comments = sim.data.comments(HOSTS[helpdesk], earlier.id);
    await expect(frame.getByTestId('case-entry')).toHaveCount(comments.length, { timeout: 15_000 });
    await expect(frame.locator('[data-testid="case-entry"][data-kind="private"]')).toHaveCount(
      comments.filter((comment) => !comment.public).length,
    );
  });

  test(`${helpdesk}: moving to another customer's ticket updates every part`, async ({ profile, sim }) => {
    const ticket = sim.data.sampleTicket(helpdesk);
    const { page, frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
    const requester = sim.data.user(HOSTS[helpdesk], ticket.requesterId)!;
    await expect(frame.getByTestId('customer-card')).toContainText(requester.name);
    const other = [...sim.data.account(HOSTS[helpdesk]).tickets.values()].find(
      (t) => t.requesterId !== ticket.requesterId && !t.archived,
    )!;
    const otherRequester = sim.data.user(HOSTS[helpdesk], other.requesterId)!;
    await navigateInApp(page, new URL(sim.data.ticketUrl(other)).pathname);
    await expectSubject(frame, other.subject);
    await expect(frame.getByTestId('customer-card')).toContainText(otherRequester.email);
    const count = expectedHistory(
      sim.data.requesterTickets(HOSTS[helpdesk], other.requesterId),
      helpdesk,
    ).length;
    await expect(frame.getByTestId('history-progress')).toContainText(`${count} of ${count}`, {
      timeout: 20_000,
    });
    // The history is virtualized: filter it to this ticket to bring its row on screen.
    await frame.getByTestId('case-history-filter').fill(`#${other.id}`);
    await expect(frame.locator('[data-testid="case-history-item"][aria-current="true"]')).toHaveAttribute(
      'data-ticket-id',
      other.id,
    );
  });
}

test('a 500 on the conversation (Zendesk: the audits) shows an error in that section while the rest works', async ({
  profile,
  sim,
}) => {
  const ticket = sim.data.sampleTicket('zendesk');
  sim.control.addFault({ route: '/api/v2/tickets/*/audits.json', kind: '500', host: HOSTS.zendesk });
  const { frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
  await expect(frame.getByTestId('owner').getByTestId('section-error')).toContainText(
    "Zendesk failed while loading this ticket's conversation (500)",
    { timeout: 30_000 },
  );
  await expect(frame.getByTestId('customer-card').getByTestId('section-error')).toHaveCount(0);
  await expect(frame.getByTestId('case-history').getByTestId('section-error')).toHaveCount(0);
  await expect(frame.getByTestId('case-history-item').first()).toBeVisible();
  await expect(frame.getByTestId('customer-card')).toContainText(
    sim.data.user(HOSTS.zendesk, ticket.requesterId)!.name,
  );
});

test('hostile names, subjects and bodies render as literal text and run nothing', async ({
  profile,
  sim,
}) => {
  const host = HOSTS.zendesk;
  const tickets = [...sim.data.account(host).tickets.values()];
  const hostile =
    tickets.find(
      (t) =>
        !t.archived &&
        /<script|<img/.test(t.subject) &&
        /<|\u202e/i.test(sim.data.user(host, t.requesterId)!.name),
    ) ?? tickets.find((t) => !t.archived && /<script|<img/.test(t.subject))!;
  const dialogs: string[] = [];
  const { page, frame } = await openTicket(profile, sim.data.ticketUrl(hostile), hostile.subject);
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await expect(frame.getByTestId('ticket-subject')).toHaveText(hostile.subject);
  // The list is virtualized: filter it down to the hostile ticket to bring its row on screen.
  await frame.getByTestId('case-history-filter').fill(`#${hostile.id}`);
  const row = frame.locator(`[data-testid="case-history-item"][data-ticket-id="${hostile.id}"]`);
  await row.click();
  await expect(frame.getByTestId('case-entry').first()).toBeVisible({ timeout: 15_000 });
  const injected = await frame.evaluate(() => ({
    scripts: document.querySelectorAll('body script').length,
    images: document.querySelectorAll('img').length,
    iframes: document.querySelectorAll('iframe').length,
    handlers: [...document.querySelectorAll('*')].filter((el) =>
      [...el.attributes].some((a) => a.name.startsWith('on')),
    ).length,
    scriptLinks: [...document.querySelectorAll('a')].filter(
      (a) => !/^https?:/.test(a.getAttribute('href') ?? ''),
    ).length,
  }));
  expect(injected).toEqual({ scripts: 0, images: 0, iframes: 0, handlers: 0, scriptLinks: 0 });
  expect(dialogs).toEqual([]);
  expect(await page.title()).not.toBe('pwned');
});

test('going back to a ticket shown lately paints it from the sidebar while the worker is still busy (warm switch)', async ({
  profile,
  sim,
}) => {
  const host = HOSTS.zendesk;
  const [first, second, never] = [...sim.data.account(host).tickets.values()].filter((t) => !t.archived);
  const { page, frame } = await openTicket(profile, sim.data.ticketUrl(first!), first!.subject);
  await navigateInApp(page, new URL(sim.data.ticketUrl(second!)).pathname);
  await expectSubject(frame, second!.subject);
  // The page has no way to the frame's window: it is inside a closed shadow root.
  expect(await page.evaluate(() => window.length)).toBe(0);

  // The worker busy for 6 s: nothing it sends can arrive in that time. Half a second lets the
  // evaluate reach it first, on a loaded machine too.
  const worker = await profile.serviceWorker();
  const busyUntil = Date.now() + 6_000;
  const busy = worker.evaluate((until) => {
    while (Date.now() < until);
  }, busyUntil);
  await page.waitForTimeout(500);
  await navigateInApp(page, new URL(sim.data.ticketUrl(first!)).pathname);
  await expect(frame.getByTestId('ticket-subject')).toHaveText(first!.subject, { timeout: 2_000 });
  expect(Date.now()).toBeLessThan(busyUntil);

  // A ticket it never held waits for the worker.
  await navigateInApp(page, new URL(sim.data.ticketUrl(never!)).pathname);
  await page.waitForTimeout(500);
  await expect(frame.getByTestId('ticket-subject')).toHaveText(first!.subject);
  expect(Date.now()).toBeLessThan(busyUntil);
  await busy;
  await expectSubject(frame, never!.subject);
});
