import { decodeIndex } from '../../lib/domain/grant-index';
import type { SimTicket } from '../sim/data/model';
import type { Simulator } from '../sim/server';
import { grant, grantRow, newCreditNotes, UNBOUND_POLICY } from './credit-steps';
import { expect, openTicket, type Profile, setExtensionStorage, test } from './fixtures';

/** The team index (issue 17, docs/team-index.md): written beside the note, healed from it. */
const HOSTS = { zendesk: 'acme.zendesk.com', freshdesk: 'acme.freshdesk.com' } as const;
type Kind = keyof typeof HOSTS;

const setPolicy = (profile: Profile) => setExtensionStorage(profile, { policy: UNBOUND_POLICY });

/** An open ticket of the account no other test of this spec used (the simulator is shared by a worker). */
const used = new Set<string>();
function openTicketOf(sim: Simulator, helpdesk: Kind): SimTicket {
  const found = [...sim.data.account(HOSTS[helpdesk]).tickets.values()].find(
    (t) =>
      !t.archived &&
      t.status === (helpdesk === 'zendesk' ? 'open' : '2') &&
      !used.has(t.id) &&
      !t.tags.includes('frontline_credit'),
  );
  if (!found) throw new Error(`no open ticket left on ${helpdesk}`);
  used.add(found.id);
  return found;
}

const ledgerKey = (sim: Simulator, helpdesk: Kind): string => {
  const field = sim.data.account(HOSTS[helpdesk]).ticketFields.find((f) => f.title === 'Frontline ledger');
  if (!field) throw new Error('the ledger field is off');
  return field.key;
};
const ledgerOf = (sim: Simulator, helpdesk: Kind, ticket: SimTicket) =>
  decodeIndex(
    String(sim.data.ticket(HOSTS[helpdesk], ticket.id)?.customFields[ledgerKey(sim, helpdesk)] ?? ''),
  );

test.beforeEach(({ sim }) => {
  for (const host of Object.values(HOSTS)) sim.control.setLedgerField(host, true);
});
test.afterEach(({ sim }) => {
  for (const host of Object.values(HOSTS)) sim.control.setLedgerField(host, false);
});

for (const helpdesk of ['zendesk', 'freshdesk'] as const) {
  test(`${helpdesk}: a grant writes its team index (both tags, its ledger line) in one update after the note; a rep's edits are healed from the note on the next read`, async ({
    profile,
    sim,
  }) => {
    await setPolicy(profile);
    const ticket = openTicketOf(sim, helpdesk);
    const host = HOSTS[helpdesk];
    const ada = sim.data.userByEmail(host, 'ada@acme.test')!;
    const { page, frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
    if (helpdesk === 'freshdesk') {
      await frame.getByTestId('credentials-api-key').fill(ada.apiKey!);
      await frame.getByTestId('credentials-save').click();
    }
    await expect(frame.getByTestId('authority-meter')).toBeVisible();
    const written = newCreditNotes(sim, host, ticket.id);
    const id = await grant(frame, 0);
    await expect(grantRow(frame, id)).toHaveAttribute('data-state', 'recorded', { timeout: 30_000 });
    await expect.poll(() => ledgerOf(sim, helpdesk, ticket).grants.map((g) => g.id)).toEqual([id]);
    const [line] = ledgerOf(sim, helpdesk, ticket).grants;
    expect(line).toMatchObject({
      agentId: ada.id,
      customerId: ticket.requesterId,
      amount: 500,
      currency: 'USD',
    });
    expect(sim.data.ticket(host, ticket.id)?.tags).toEqual(
      expect.arrayContaining(['frontline_credit', `fl_credit_${ada.id}`]),
    );
    expect(written()).toHaveLength(1);

    // A rep removes their per-agent tag and rewrites the line to a smaller amount.
    const stored = sim.data.ticket(host, ticket.id)!;
    stored.tags = stored.tags.filter((t) => t !== `fl_credit_${ada.id}`);
    stored.customFields[ledgerKey(sim, helpdesk)] =
      `g1 ${id} ${ada.id} ${ticket.requesterId} 1 USD ${line?.at}`;
    sim.control.resetLog();
    await page.reload();
    await expect.poll(() => ledgerOf(sim, helpdesk, ticket).grants, { timeout: 20_000 }).toEqual([line]);
    expect(sim.data.ticket(host, ticket.id)?.tags).toContain(`fl_credit_${ada.id}`);
    const updates = sim.control
      .log()
      .entries.filter(
        (e) => e.client === 'api' && e.method === 'PUT' && e.path.includes(`/tickets/${ticket.id}`),
      );
    expect(updates).toHaveLength(1);
    expect(written()).toHaveLength(1);
  });
}
