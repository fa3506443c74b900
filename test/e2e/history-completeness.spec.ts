import type { SimTicket } from '../sim/data/model';
import type { Simulator } from '../sim/server';
import { expect, expectSubject, openTicket, sidebarFrame, test } from './fixtures';

const FD = 'acme.freshdesk.com';
const DAY = 86_400_000;

/** Maya's live (not archived) Freshdesk tickets, oldest first; the last is the sample ticket. */
const mayasLive = (sim: Simulator): SimTicket[] => {
  const sample = sim.data.sampleTicket('freshdesk');
  return (sim.data.account(FD).byRequester.get(sample.requesterId) ?? []).filter((t) => !t.archived);
};

test('on Freshdesk the history says archived tickets are not included and links the contact page', async ({
  profile,
  sim,
}) => {
  const ticket = sim.data.sampleTicket('freshdesk');
  const live = mayasLive(sim).length;
  const { frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
  const note = frame.getByTestId('history-completeness');
  await expect(note).toContainText('Archived tickets not included', { timeout: 15_000 });
  await expect(note.getByRole('link', { name: 'All in Freshdesk' })).toHaveAttribute(
    'href',
    `https://${FD}/a/contacts/${ticket.requesterId}`,
  );
  await expect(frame.getByTestId('history-progress')).toContainText(`Loaded ${live} of ${live}`);
});

test('a group-scoped Freshdesk agent sees "N tickets you can see", not a total', async ({ profile, sim }) => {
  const ben = sim.data.userByEmail(FD, 'ben@acme.test');
  if (!ben) throw new Error('the demo data has Ben');
  const live = mayasLive(sim);
  // Maya's second newest ticket sits in Tier 2 with Ben.
  const ticket = live[live.length - 2] as SimTicket;
  const visible = live.filter(
    (t) => t.assigneeId === ben.id || (t.groupId !== null && ben.groupIds.includes(t.groupId)),
  ).length;
  expect(visible).toBeGreaterThan(0);
  expect(visible).toBeLessThan(live.length);
  sim.control.setTicketScope(FD, ben.email, 2);
  try {
    const page = await profile.context.newPage();
    await page.goto(`${sim.data.ticketUrl(ticket)}?as=${ben.email}`);
    const frame = await sidebarFrame(page);
    await expectSubject(frame, ticket.subject);
    const progress = frame.getByTestId('history-progress');
    await expect(progress).toContainText(`${visible} tickets you can see`, { timeout: 15_000 });
    await expect(progress).not.toContainText('Loaded');
  } finally {
    sim.control.setTicketScope(FD, ben.email, 1);
  }
});

test('where Freshdesk drops requester_id beside updated_since, the history holds only this customer’s tickets', async ({
  profile,
  sim,
}) => {
  const ticket = sim.data.sampleTicket('freshdesk');
  const live = mayasLive(sim).length;
  // The plain requester query holds the last 30 days; the combined query's first page adds
  // whichever of hers it held before the first ticket of another requester stopped it.
  const recent = mayasLive(sim).filter((t) => Date.parse(t.createdAt) >= Date.now() - 30 * DAY).length;
  sim.control.setRequesterWithUpdatedSince('ignore-requester');
  try {
    const { frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
    const progress = frame.getByTestId('history-progress');
    await expect(progress).toHaveAttribute('data-complete', 'true', { timeout: 15_000 });
    const [, loaded, total] = /Loaded (\d+) of (\d+)/.exec((await progress.textContent()) ?? '') ?? [];
    // Another requester's ticket in the history would put it past her live tickets (the
    // account's first page of 100 holds dozens of others').
    expect(Number(loaded)).toBe(Number(total));
    expect(Number(loaded)).toBeGreaterThanOrEqual(recent);
    expect(Number(loaded)).toBeLessThanOrEqual(live);
  } finally {
    sim.control.setRequesterWithUpdatedSince('combine');
  }
});

test('a ticket in a Freshdesk custom status that means resolved shows as Solved in the history', async ({
  profile,
  sim,
}) => {
  if (!sim.data.account(FD).customStatuses.some((s) => s.id === '10'))
    sim.control.addCustomStatus(FD, { id: '10', category: 'solved', agentLabel: 'Solved by bot' });
  const ticket = sim.data.sampleTicket('freshdesk');
  const live = mayasLive(sim);
  const resolved = live[live.length - 3] as SimTicket;
  const before = resolved.status;
  sim.control.setStatus(resolved, '10');
  try {
    const { frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
    const row = frame.locator(`[data-testid="case-history-item"][data-ticket-id="${resolved.id}"]`);
    await expect(row).toContainText('Solved', { timeout: 15_000 });
    await expect(row).not.toContainText('Status 10');
  } finally {
    sim.control.setStatus(resolved, before);
  }
});
