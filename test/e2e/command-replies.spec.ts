import { newCreditNotes } from './credit-steps';
import { expect, openTicket, setExtensionStorage, test } from './fixtures';

const FRESHDESK = 'acme.freshdesk.com';
const NEEDS_KEY = 'Add your helpdesk API key first: credits are recorded with it.';

/**
 * A command is answered by its reply. Before, the grant form took a new error in the
 * credit section as its answer, so the same refusal twice left it on "Granting…".
 */
test('the same refusal twice in a row leaves the grant button usable', async ({ profile, sim }) => {
  await setExtensionStorage(profile, {
    policy: {
      currency: 'USD',
      period: 'week',
      timeZone: 'Europe/Berlin',
      tiers: [{ name: 'Standard', perGrant: 2500, perCustomerPerPeriod: 5000, perPeriod: 10000 }],
      defaultTier: 'Standard',
      presets: [500, 1000, 2500],
      reasons: ['Late delivery'],
    },
  });
  // No Freshdesk API key is stored in this profile: every grant is refused until one is.
  const ticket = sim.data.sampleTicket('freshdesk');
  const { frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
  const written = newCreditNotes(sim, FRESHDESK, ticket.id);
  await expect(frame.getByTestId('credentials-form')).toBeVisible({ timeout: 15_000 });
  const submit = frame.getByTestId('grant-submit');
  await frame.getByTestId('grant-preset').first().click();

  for (const attempt of ['first', 'second']) {
    await submit.click();
    await expect(frame.getByTestId('credit-panel'), `${attempt} refusal`).toContainText(NEEDS_KEY);
    await expect(submit, `${attempt} refusal`).toBeEnabled({ timeout: 10_000 });
    await expect(submit, `${attempt} refusal`).toHaveText('Grant $5.00');
  }
  expect(written()).toEqual([]);
});
