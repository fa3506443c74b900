import type { Frame, Page } from '@playwright/test';
import { formatMarker } from '../../lib/domain/markers';
import type { SimTicket } from '../sim/data/model';
import type { Simulator } from '../sim/server';
import {
  expect,
  expectSubject,
  launchProfile,
  type Profile,
  setExtensionStorage,
  sidebarFrame,
  test,
} from './fixtures';

const HOSTS = { zendesk: 'acme.zendesk.com', freshdesk: 'acme.freshdesk.com' } as const;
type Helpdesk = keyof typeof HOSTS;

/**
 * An open ticket with no reassignment in its history, so nothing but this test
 * escalates it. `skip` keeps tests in one worker (one simulator) on different tickets.
 */
function quietTicket(sim: Simulator, helpdesk: Helpdesk, skip: number): SimTicket {
  const host = HOSTS[helpdesk];
  const quiet = [...sim.data.account(host).tickets.values()].filter(
    (t) =>
      !t.archived &&
      ['open', 'new', '2'].includes(t.status) &&
      !sim.data
        .audits(host, t.id)
        .some((audit) =>
          audit.changes.some((c) => c.kind === 'Change' && /assignee_id|group_id/.test(c.field)),
        ),
  );
  return quiet[skip]!;
}

/** Freshdesk writes go with the agent's own API key. */
async function giveKey(profile: Profile, sim: Simulator, helpdesk: Helpdesk, email: string) {
  if (helpdesk !== 'freshdesk') return;
  const apiKey = sim.data.userByEmail(HOSTS.freshdesk, email)!.apiKey!;
  await setExtensionStorage(profile, {
    credentials: { [HOSTS.freshdesk]: { helpdesk: 'freshdesk', apiKey } },
  });
}

async function openAs(profile: Profile, sim: Simulator, ticket: SimTicket, email: string) {
  const page: Page = await profile.context.newPage();
  await page.goto(`${sim.data.ticketUrl(ticket)}?as=${email}`);
  const frame: Frame = await sidebarFrame(page);
  await expectSubject(frame, ticket.subject);
  return { page, frame };
}

for (const helpdesk of ['zendesk', 'freshdesk'] as const) {
  test(`${helpdesk}: Ada claims and escalates to Ben's group; Ben reports back; Ada sees it without reloading`, async ({
    profile,
    sim,
  }) => {
    test.setTimeout(120_000);
    const host = HOSTS[helpdesk];
    const ticket = quietTicket(sim, helpdesk, 0);
    const ben = sim.data.userByEmail(host, 'ben@acme.test')!;
    const bensGroup = sim.data.groups(host).find((g) => ben.groupIds.includes(g.id) && g.escalation)!;

    await giveKey(profile, sim, helpdesk, 'ada@acme.test');
    const ada = await openAs(profile, sim, ticket, 'ada@acme.test');
    await ada.frame.getByTestId('claim-ownership').click();
    await expect(ada.frame.getByTestId('owner')).toContainText('Ada Agent', { timeout: 20_000 });
    await expect(ada.frame.getByTestId('owner')).toContainText(/claimed/i);

    await ada.frame.getByTestId('escalate').click();
    await ada.frame.getByTestId('escalate-target').selectOption(`group:${bensGroup.id}`);
    await expect(ada.frame.getByTestId('escalate-summary')).not.toHaveValue('');
    await ada.frame
      .getByTestId('escalate-summary')
      .fill('Customer wants a refund; tried a reset; no credit yet.');
    await ada.frame.getByTestId('escalate-submit').click();
    await expect(ada.frame.getByTestId('escalation-status')).toContainText(bensGroup.name, {
      timeout: 20_000,
    });
    await expect(ada.frame.getByTestId('owner')).toContainText('Ada Agent');
    // Escalating pins the case for its owner, so the watcher tells her of the report-back.
    await expect(ada.frame.getByTestId('pin-toggle')).toHaveAttribute('aria-pressed', 'true');

    const second = await launchProfile(sim);
    try {
      await giveKey(second, sim, helpdesk, 'ben@acme.test');
      const benView = await openAs(second, sim, ticket, 'ben@acme.test');
      await expect(benView.frame.getByTestId('report-back-obligation')).toContainText('Ada Agent', {
        timeout: 20_000,
      });
      await benView.frame.getByTestId('report-back').click();
      await benView.frame
        .getByTestId('report-back-text')
        .fill('Refund approved by billing; customer informed.');
      await benView.frame.getByTestId('report-back-submit').click();
      await expect(benView.frame.getByTestId('escalation-status')).toContainText(/reported back|returned/i, {
        timeout: 20_000,
      });
    } finally {
      await second.close();
    }

    // Ada's page was never reloaded: the sidebar refreshes the ticket in view by itself.
    await expect(ada.frame.getByTestId('escalation-status')).toContainText(/reported back|returned/i, {
      timeout: 45_000,
    });
    // The next watcher cycle (made immediate here) puts it on the list and the badge.
    const list = await profile.context.newPage();
    await list.goto(`chrome-extension://${profile.extensionId}/popup.html`);
    await list.getByTestId('followthrough-check-now').click();
    await expect(
      list.locator(`[data-testid="followthrough-item"][data-ticket="${ticket.id}"]`),
    ).toContainText(/reported back/i, { timeout: 30_000 });
    const notes = sim.data.comments(host, ticket.id).filter((c) => !c.public);
    const kinds = notes.map((c) => c.body.match(/\[frontline:([a-z-]+) v1 /)?.[1]).filter(Boolean);
    expect(kinds).toEqual(['owner', 'escalation', 'report-back']);
  });
}

test('an escalation past its report-back time shows overdue', async ({ profile, sim }) => {
  const host = HOSTS.zendesk;
  const ticket = quietTicket(sim, 'zendesk', 1);
  const ada = sim.data.userByEmail(host, 'ada@acme.test')!;
  const ben = sim.data.userByEmail(host, 'ben@acme.test')!;
  const marker = formatMarker({
    kind: 'escalation',
    id: '00000000-0000-4000-8000-00000000e5c1',
    agent: ben.id,
    by: ada.id,
    owner: ada.id,
    due: new Date(Date.now() - 3 * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  });
  sim.control.addNote(ticket, `Escalating to Ben.\n\n${marker}`, 'ada@acme.test');
  const page = await profile.context.newPage();
  await page.goto(sim.data.ticketUrl(ticket));
  const frame = await sidebarFrame(page);
  await expect(frame.getByTestId('escalation-status')).toContainText(/overdue/i, { timeout: 20_000 });
});

test('a case escalated directly in Zendesk, without Frontline, shows as escalated (from the audits)', async ({
  profile,
  sim,
}) => {
  const host = HOSTS.zendesk;
  const ticket = quietTicket(sim, 'zendesk', 2);
  sim.control.reassign(ticket, { assigneeEmail: 'ada@acme.test' }, 'ada@acme.test');
  sim.control.reassign(ticket, { groupName: 'Tier 2', assigneeId: null }, 'ada@acme.test');
  const page = await profile.context.newPage();
  await page.goto(sim.data.ticketUrl(ticket));
  const frame = await sidebarFrame(page);
  await expect(frame.getByTestId('escalation-status')).toContainText('Tier 2', { timeout: 20_000 });
  await expect(frame.getByTestId('escalation-status')).toContainText(/escalated|overdue/i);
  expect(sim.data.comments(host, ticket.id).some((c) => c.body.includes('[frontline:'))).toBe(false);
});
