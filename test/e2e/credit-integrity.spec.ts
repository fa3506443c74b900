import type { Simulator } from '../sim/server';
import { grant, grantRow, newCreditNotes } from './credit-steps';
import { expect, openTicket, type Profile, setExtensionStorage, test } from './fixtures';

const HOSTS = { zendesk: 'acme.zendesk.com', freshdesk: 'acme.freshdesk.com' } as const;
const SECRET = 'an-organization-billing-secret-0123456789';

/** A policy whose billing webhook is the simulator's receiver, which verifies the signature with SECRET. */
async function setBilledPolicy(profile: Profile, sim: Simulator, host: string) {
  sim.control.billing.setSecret(SECRET);
  await setExtensionStorage(profile, {
    policy: {
      currency: 'USD',
      period: 'week',
      timeZone: 'Europe/Berlin',
      tiers: [{ name: 'Standard', perGrant: 2500, perCustomerPerPeriod: 5000, perPeriod: 10000 }],
      defaultTier: 'Standard',
      presets: [500, 1000, 2500],
      reasons: ['Late delivery', 'Goodwill'],
      undoSeconds: 1,
      billingWebhook: { url: `https://${host}/__sim/billing`, secret: SECRET },
    },
  });
}

test('the closed-ticket grant: refused up front with the reason, and billing gets no call', async ({
  profile,
  sim,
}) => {
  await setBilledPolicy(profile, sim, HOSTS.zendesk);
  const closed = [...sim.data.account(HOSTS.zendesk).tickets.values()].find(
    (t) => t.status === 'closed' && !t.archived,
  );
  if (!closed) throw new Error('the simulator has no closed, unarchived Zendesk ticket');
  const written = newCreditNotes(sim, HOSTS.zendesk, closed.id);
  const { frame } = await openTicket(profile, sim.data.ticketUrl(closed), closed.subject);
  await expect(frame.getByTestId('credit-disabled')).toContainText(
    'This ticket is closed: Zendesk accepts no changes to a closed ticket',
    { timeout: 15_000 },
  );
  await expect(frame.getByTestId('grant-submit')).toHaveCount(0);
  // Long enough for an outbox drain to have run, had anything been queued.
  await frame.waitForTimeout(2_000);
  expect(sim.control.billing.calls()).toBe(0);
  expect(written()).toEqual([]);
});

test('a wrong Freshdesk key replaced from the sidebar: the credit is recorded once, and billed once', async ({
  profile,
  sim,
}) => {
  await setBilledPolicy(profile, sim, HOSTS.freshdesk);
  const ticket = sim.data.sampleTicket('freshdesk');
  const { frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
  const written = newCreditNotes(sim, HOSTS.freshdesk, ticket.id);

  await frame.getByTestId('credentials-api-key').fill('not-the-right-key-0000');
  await frame.getByTestId('credentials-save').click();
  await expect(frame.getByTestId('credentials-form')).toHaveCount(0);
  await expect(frame.getByTestId('authority-meter')).toBeVisible();
  const id = await grant(frame, 0);

  await expect(grantRow(frame, id)).toContainText(
    'Freshdesk refused your API key (401). Enter a new key to send this credit.',
    { timeout: 20_000 },
  );
  await expect(grantRow(frame, id)).toHaveAttribute('data-state', 'committing');
  await expect(frame.getByTestId('credentials-form')).toContainText(
    'Enter a new Freshdesk API key: a credit is waiting for it',
  );
  expect(written()).toEqual([]);
  expect(sim.control.billing.calls()).toBe(0);

  const apiKey = sim.data.userByEmail(HOSTS.freshdesk, 'ada@acme.test')!.apiKey!;
  await frame.getByTestId('credentials-api-key').fill(apiKey);
  await frame.getByTestId('credentials-save').click();
  await expect(grantRow(frame, id)).toHaveAttribute('data-state', 'recorded', { timeout: 30_000 });
  await expect(frame.getByTestId('credentials-form')).toHaveCount(0);
  expect(written()).toHaveLength(1);
  expect(written()[0]!.body).toContain(`id=${id} amount=500`);
  await expect.poll(() => sim.control.billing.received().length, { timeout: 15_000 }).toBe(1);
  expect(sim.control.billing.received()[0]!.headers['idempotency-key']).toBe(id);
  await frame.waitForTimeout(1_500);
  expect(written()).toHaveLength(1);
});
