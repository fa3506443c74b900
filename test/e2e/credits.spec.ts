import type { Frame } from '@playwright/test';
import type { SimTicket } from '../sim/data/model';
import { grant, grantRow, newCreditNotes, remaining, settledRemaining, UNBOUND_POLICY } from './credit-steps';
import {
  expect,
  expectSubject,
  killServiceWorker,
  launchProfile,
  openTicket,
  type Profile,
  setExtensionStorage,
  sidebarFrame,
  test,
} from './fixtures';

const HOSTS = { zendesk: 'acme.zendesk.com', freshdesk: 'acme.freshdesk.com' } as const;

const POLICY = {
  currency: 'USD',
  period: 'week',
  timeZone: 'Europe/Berlin',
  tiers: [{ name: 'Standard', perGrant: 2500, perCustomerPerPeriod: 5000, perPeriod: 10000 }],
  defaultTier: 'Standard',
  presets: [500, 1000, 2500],
  reasons: ['Late delivery', 'Goodwill'],
  undoSeconds: 1,
};

const setPolicy = (profile: Profile, overrides: Record<string, unknown> = {}) =>
  setExtensionStorage(profile, { policy: { ...POLICY, ...overrides } });

const recorded = (frame: Frame, id: string, timeout = 30_000) =>
  expect(grantRow(frame, id)).toHaveAttribute('data-state', 'recorded', { timeout });

for (const helpdesk of ['zendesk', 'freshdesk'] as const) {
  test(`${helpdesk}: a grant within limits is recorded once, with its marker and tag, and the meter drops`, async ({
    profile,
    sim,
  }) => {
    await setPolicy(profile);
    const ticket = sim.data.sampleTicket(helpdesk);
    const { frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
    const written = newCreditNotes(sim, HOSTS[helpdesk], ticket.id);
    if (helpdesk === 'freshdesk') {
      // The first write asks for the rep's API key, in the sidebar.
      const apiKey = sim.data.userByEmail(HOSTS.freshdesk, 'ada@acme.test')!.apiKey!;
      await frame.getByTestId('credentials-api-key').fill(apiKey);
      await frame.getByTestId('credentials-save').click();
      await expect(frame.getByTestId('credentials-form')).toHaveCount(0);
    }
    await expect(frame.getByTestId('authority-meter')).toBeVisible();
    const before = await settledRemaining(frame);
    const id = await grant(frame, 2);
    await recorded(frame, id);
    const notes = written();
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain('Credit of $25.00 granted by Ada Agent. Reason: Late delivery');
    expect(notes[0]!.body).toMatch(
      /\[frontline:credit v1 id=[0-9a-f-]{36} amount=2500 currency=USD agent=\d+ customer=\d+ reason=Late%20delivery\]$/,
    );
    // Recorded when the note lands; its team index (both tags) follows in one ticket update.
    await expect
      .poll(() => sim.data.ticket(HOSTS[helpdesk], ticket.id)!.tags)
      .toEqual(
        expect.arrayContaining([
          'frontline_credit',
          `fl_credit_${sim.data.userByEmail(HOSTS[helpdesk], 'ada@acme.test')?.id}`,
        ]),
      );
    await expect.poll(() => remaining(frame)).toBe(before - 2500);
  });
}

test('undo within the window records nothing', async ({ profile, sim }) => {
  await setPolicy(profile, { undoSeconds: 5 });
  const ticket = sim.data.sampleTicket('zendesk');
  const { frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
  const written = newCreditNotes(sim, HOSTS.zendesk, ticket.id);
  const before = await settledRemaining(frame);
  const id = await grant(frame, 1);
  await grantRow(frame, id).getByTestId('grant-undo').click();
  await expect(grantRow(frame, id)).toHaveAttribute('data-state', 'undone');
  await frame.waitForTimeout(6000);
  expect(written()).toHaveLength(0);
  expect(await remaining(frame)).toBe(before);
});

test('an over-limit grant is refused with its limit, and an approval request is recorded', async ({
  profile,
  sim,
}) => {
  await setPolicy(profile);
  const ticket = sim.data.sampleTicket('zendesk');
  const { frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
  const written = newCreditNotes(sim, HOSTS.zendesk, ticket.id);
  const earlierRequests = sim.data.comments(HOSTS.zendesk, ticket.id).length;
  await frame.getByTestId('grant-custom-amount').fill('40.00');
  await expect(frame.getByTestId('grant-limit')).toContainText('$25.00');
  await expect(frame.getByTestId('grant-submit')).toHaveCount(0);
  await frame.getByTestId('approval-request').click();
  await expect(frame.locator('[data-testid="approval-status"]')).toContainText(/waiting for approval/i, {
    timeout: 20_000,
  });
  const requests = sim.data
    .comments(HOSTS.zendesk, ticket.id)
    .slice(earlierRequests)
    .filter((c) => !c.public && c.body.includes('[frontline:approval-request v1 '));
  expect(requests).toHaveLength(1);
  expect(requests[0]!.body).toContain('amount=4000');
  expect(sim.data.ticket(HOSTS.zendesk, ticket.id)!.tags).toContain('frontline_approval_requested');
  expect(written()).toHaveLength(0);
});

test('two tabs each granting $10 with $10 left for this customer record exactly one', async ({
  profile,
  sim,
}) => {
  await setPolicy(profile, {
    tiers: [{ name: 'Standard', perGrant: 1000, perCustomerPerPeriod: 1000, perPeriod: 1_000_000 }],
    presets: [1000],
  });
  // Two open tickets of a customer no other test grants to: only this test's grants count.
  const [first, second] = [...sim.data.account(HOSTS.zendesk).byRequester.values()]
    // Zendesk refuses updates to closed tickets: both must still be open.
    .map((tickets) => tickets.filter((t) => ['new', 'open', 'pending'].includes(t.status)))
    .filter((tickets) => tickets.length >= 2)
    .at(-1)! as [SimTicket, SimTicket];
  const a = await openTicket(profile, sim.data.ticketUrl(first), first.subject);
  const b = await openTicket(profile, sim.data.ticketUrl(second), second.subject);
  const onFirst = newCreditNotes(sim, HOSTS.zendesk, first.id);
  const onSecond = newCreditNotes(sim, HOSTS.zendesk, second.id);
  await a.frame.getByTestId('grant-preset').first().click();
  await b.frame.getByTestId('grant-preset').first().click();
  await Promise.all([
    a.frame.getByTestId('grant-submit').click(),
    b.frame.getByTestId('grant-submit').click(),
  ]);
  await expect
    .poll(() => onFirst().length + onSecond().length, {
      timeout: 20_000,
    })
    .toBe(1);
  await a.frame.waitForTimeout(3000);
  expect(onFirst().length + onSecond().length).toBe(1);
  // The loser's form shows its command's refusal.
  const refused = [a.frame, b.frame].map((frame) => frame.getByTestId('grant-refusal'));
  await expect.poll(async () => (await refused[0]!.count()) + (await refused[1]!.count())).toBe(1);
});

test('the worker killed after the reservation and again after the write still records one note', async ({
  profile,
  sim,
}) => {
  test.setTimeout(120_000);
  await setPolicy(profile, { undoSeconds: 3 });
  const ticket = sim.data.sampleTicket('zendesk');
  const { page, frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
  const written = newCreditNotes(sim, HOSTS.zendesk, ticket.id);
  const id = await grant(frame, 2);
  await expect(grantRow(frame, id)).toHaveAttribute('data-state', 'pending');
  await killServiceWorker(page, profile.extensionId);

  // The helpdesk answers slowly: the write is sent, then the worker dies before the answer.
  sim.control.setLatency(2500);
  await expect(grantRow(frame, id)).toHaveAttribute('data-state', 'committing', { timeout: 20_000 });
  await page.waitForTimeout(700);
  await killServiceWorker(page, profile.extensionId);
  // The restarted worker waits until the dead one's write can no longer land, then checks for its marker.
  await recorded(frame, id, 60_000);
  sim.control.setLatency(0);
  expect(written()).toHaveLength(1);
});

test('with the helpdesk failing, the grant waits in the outbox and is recorded when it returns', async ({
  profile,
  sim,
}) => {
  // Earlier tests spent Ada's $50 for the sample customer, and the meter reads her own grants at once.
  await setPolicy(profile, { tiers: UNBOUND_POLICY.tiers });
  const ticket = sim.data.sampleTicket('zendesk');
  const { frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
  const written = newCreditNotes(sim, HOSTS.zendesk, ticket.id);
  sim.control.addFault({ route: '/api/v2/tickets/*.json', method: 'PUT', kind: '503', host: HOSTS.zendesk });
  const id = await grant(frame, 0);
  // The refused write is back in the outbox, waiting for its next try.
  await expect(grantRow(frame, id)).toContainText('Not recorded in Zendesk yet', { timeout: 20_000 });
  expect(written()).toHaveLength(0);
  await expect(grantRow(frame, id)).not.toHaveAttribute('data-state', 'recorded');
  sim.control.clearFaults();
  await recorded(frame, id);
  expect(written()).toHaveLength(1);
});

test('a page script that forges a click or a message grants nothing', async ({ profile, sim }) => {
  await setPolicy(profile);
  const ticket = sim.data.sampleTicket('zendesk');
  const { page, frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
  const written = newCreditNotes(sim, HOSTS.zendesk, ticket.id);
  const before = await settledRemaining(frame);
  const rows = await frame.getByTestId('grant-status').count();
  const attempts = await page.evaluate(() => {
    const host = document.querySelector('[data-testid="frontline-sidebar"]') as HTMLElement;
    host.click();
    host.dispatchEvent(
      new MouseEvent('click', { bubbles: true, clientX: host.getBoundingClientRect().left + 200 }),
    );
    const grantMessage = {
      type: 'grant',
      grantId: '00000000-0000-4000-8000-000000000001',
      ticket: { helpdesk: 'zendesk', account: location.host, id: location.pathname.split('/').pop() },
      amount: 2500,
      reason: 'forged',
    };
    for (let i = 0; i < window.frames.length; i++) window.frames[i]?.postMessage(grantMessage, '*');
    window.postMessage(grantMessage, '*');
    const runtime = (window as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome
      ?.runtime;
    return { frames: window.frames.length, runtimeReachable: typeof runtime?.sendMessage === 'function' };
  });
  expect(attempts.runtimeReachable).toBe(false);
  await page.waitForTimeout(3000);
  expect(written()).toHaveLength(0);
  await expect(frame.getByTestId('grant-status')).toHaveCount(rows);
  expect(await remaining(frame)).toBe(before);
});

test('a second browser profile shows the same remaining authority', async ({ profile, sim }) => {
  await setPolicy(profile, { tiers: UNBOUND_POLICY.tiers });
  const ticket = sim.data.sampleTicket('zendesk');
  const first = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
  const id = await grant(first.frame, 2);
  await recorded(first.frame, id);
  const after = await settledRemaining(first.frame);

  const other = await launchProfile(sim);
  try {
    await setPolicy(other, { tiers: UNBOUND_POLICY.tiers });
    const page = await other.context.newPage();
    await page.goto(sim.data.ticketUrl(ticket));
    const frame = await sidebarFrame(page);
    await expectSubject(frame, ticket.subject);
    await expect.poll(() => remaining(frame), { timeout: 20_000 }).toBe(after);
  } finally {
    await other.close();
  }
});
