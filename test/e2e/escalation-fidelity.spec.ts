import type { Frame, Page } from '@playwright/test';
import { formatMarker } from '../../lib/domain/markers';
import type { SimTicket } from '../sim/data/model';
import type { Simulator } from '../sim/server';
import { expect, expectSubject, type Profile, sidebarFrame, test } from './fixtures';

/*
 * Issue 16, part 7: escalations as the real helpdesks record them. Freshdesk keeps no
 * assignment trail, so a reassignment made in Freshdesk is inferred from the ticket; a
 * Zendesk trigger that routes a new ticket is triage, not an escalation.
 */

const ZD = 'acme.zendesk.com';
const FD = 'acme.freshdesk.com';

/** An open ticket nobody ever reassigned. */
function quietTicket(sim: Simulator, host: string): SimTicket {
  const ticket = [...sim.data.account(host).tickets.values()].find(
    (t) =>
      !t.archived &&
      ['open', 'new', '2'].includes(t.status) &&
      !sim.data
        .audits(host, t.id)
        .some((audit) =>
          audit.changes.some((c) => c.kind === 'Change' && /assignee_id|group_id/.test(c.field)),
        ),
  );
  if (!ticket) throw new Error(`no quiet ticket on ${host}`);
  return ticket;
}

async function openAs(profile: Profile, sim: Simulator, ticket: SimTicket, email: string) {
  const page: Page = await profile.context.newPage();
  await page.goto(`${sim.data.ticketUrl(ticket)}?as=${email}`);
  const frame: Frame = await sidebarFrame(page);
  await expectSubject(frame, ticket.subject);
  return { page, frame };
}

test('a Freshdesk reassignment away from the owner shows as escalated (inferred, to whom)', async ({
  profile,
  sim,
}) => {
  const ticket = quietTicket(sim, FD);
  const ada = sim.data.userByEmail(FD, 'ada@acme.test')!;
  // Ada holds the case and has claimed it: she owns it.
  sim.control.reassign(ticket, { assigneeEmail: 'ada@acme.test', groupName: 'Support' }, 'ada@acme.test');
  sim.control.addNote(
    ticket,
    `Claiming this case.\n\n${formatMarker({ kind: 'owner', agent: ada.id })}`,
    'ada@acme.test',
  );

  const { page, frame } = await openAs(profile, sim, ticket, 'ada@acme.test');
  const status = frame.getByTestId('escalation-status');
  await expect(status).toContainText('Not escalated', { timeout: 20_000 });

  // Cleo moves it to Ben in Tier 2 in Freshdesk itself, as a person saving the ticket page would.
  sim.control.reassign(ticket, { assigneeEmail: 'ben@acme.test', groupName: 'Tier 2' }, 'cleo@acme.test');
  await page.reload();
  const again = await sidebarFrame(page);
  await expectSubject(again, ticket.subject);
  const after = again.getByTestId('escalation-status');
  await expect(after).toContainText('Escalated to Ben Backline (Tier 2)', { timeout: 20_000 });
  await expect(after).toContainText('Inferred from the assignment; Freshdesk keeps no trail');
  await expect(after).toContainText(/or earlier/);
});

test('a Zendesk trigger’s first assignment does not show as escalated', async ({ profile, sim }) => {
  // A customer emails in; a trigger routes the new ticket to Dmitri (triage); Cleo then gives it to Ada by hand.
  const ticket = sim.control.emailRouted(
    ZD,
    { subject: 'Routed by a trigger', body: 'My parcel never arrived.' },
    { assigneeEmail: 'dmitri@acme.test', groupName: 'Support' },
    { title: 'Assign to triage' },
  );
  sim.control.reassign(ticket, { assigneeEmail: 'ada@acme.test' }, 'cleo@acme.test');

  const { frame } = await openAs(profile, sim, ticket, 'ada@acme.test');
  // The owner is the agent a person assigned it to, not the trigger's pick.
  const owner = frame.getByTestId('owner');
  await expect(owner).toContainText('Ada Agent', { timeout: 20_000 });
  await expect(owner).not.toContainText('Dmitri');
  await expect(frame.getByTestId('escalation-status')).toContainText('Not escalated');
});
