import type { Page } from '@playwright/test';
import type { SimTicket } from '../sim/data/model';
import type { Simulator } from '../sim/server';
import { expect, openTicket, type Profile, setExtensionStorage, test } from './fixtures';

const HOST = 'acme.zendesk.com';
const CLIENT = 'frontline-test';

/** A live ticket the other specs leave alone (they pin the last three and grant on the samples). */
const ticketToPin = (sim: Simulator): SimTicket => {
  const live = [...sim.data.account(HOST).tickets.values()].filter(
    (t) => !t.archived && ['open', 'pending'].includes(t.status),
  );
  const ticket = live.at(-5);
  if (!ticket) throw new Error('no live ticket');
  return ticket;
};

/** The OAuth client an admin registered, with this extension's identity redirect URL, and its id in the policy. */
async function registerClient(profile: Profile, sim: Simulator): Promise<void> {
  sim.oauth.registerClient(HOST, {
    id: CLIENT,
    redirectUris: [`https://${profile.extensionId}.chromiumapp.org/`],
  });
  await setExtensionStorage(profile, { policy: { zendeskOAuthClientId: CLIENT } });
}

/** Connects in the options page; Zendesk's Allow page opens as a window of the browser, where the rep clicks Allow. */
async function connect(profile: Profile): Promise<Page> {
  const options = await profile.context.newPage();
  await options.goto(`chrome-extension://${profile.extensionId}/options.html`);
  await options.getByTestId('oauth-account').fill(HOST);
  const authWindow = profile.context.waitForEvent('page');
  await options.getByTestId('oauth-connect').click();
  const allow = await authWindow;
  await expect(allow.locator('[data-sim="oauth-allow"]')).toBeVisible();
  await expect(allow.locator('[data-sim="oauth-user"]')).toHaveText('ben@acme.test');
  await allow.locator('[data-sim="oauth-approve"]').click();
  return options;
}

const closeHelpdeskTabs = async (profile: Profile): Promise<void> => {
  for (const page of profile.context.pages()) {
    if (new URL(page.url()).hostname.endsWith('.zendesk.com')) await page.close();
  }
};

async function checkNow(profile: Profile): Promise<Page> {
  const list = await profile.context.newPage();
  await list.goto(`chrome-extension://${profile.extensionId}/popup.html`);
  await list.getByTestId('followthrough-check-now').click();
  return list;
}

test('the OAuth flow against the simulator’s authorize and token endpoints lets the watcher run with no helpdesk tab open', async ({
  profile,
  sim,
}) => {
  test.setTimeout(120_000);
  await registerClient(profile, sim);
  const ticket = ticketToPin(sim);
  const ben = sim.data.userByEmail(HOST, 'ben@acme.test');
  if (!ben) throw new Error('no ben');

  // Ben works a ticket (signed in to Zendesk) and pins it.
  const { page, frame } = await openTicket(
    profile,
    `${sim.data.ticketUrl(ticket)}?as=ben@acme.test`,
    ticket.subject,
  );
  await frame.getByTestId('pin-toggle').click();
  await frame.getByTestId('pin-save').click();
  await expect(frame.getByTestId('pin-toggle')).toHaveAttribute('aria-pressed', 'true');
  await page.close();

  const options = await connect(profile);
  await expect(options.getByTestId('oauth-status')).toHaveText(`Connected as ${ben.name} (ben@acme.test)`);
  await expect(options.getByTestId('oauth-error')).toHaveCount(0);

  // Every helpdesk tab closed: only the background can check the pin now.
  await closeHelpdeskTabs(profile);
  sim.control.resetLog();
  sim.control.addReply(ticket, 'Any news on my refund?');
  const list = await checkNow(profile);
  const item = list.locator(`[data-testid="followthrough-item"][data-ticket="${ticket.id}"]`);
  await expect(item).toContainText(/customer replied/i, { timeout: 30_000 });

  const calls = sim.control.log().entries.filter((e) => e.host === HOST && e.path.startsWith('/api/'));
  expect(calls.some((e) => e.path.startsWith(`/api/v2/tickets/${ticket.id}`))).toBe(true);
  expect(calls.map((e) => `${e.auth} ${e.as}`)).toEqual(calls.map(() => `oauth ${ben.id}`));
});

test('an expired OAuth token is refreshed, and one Zendesk refuses makes the options page say reconnect', async ({
  profile,
  sim,
}) => {
  test.setTimeout(120_000);
  await registerClient(profile, sim);
  const ticket = ticketToPin(sim);
  const { page, frame } = await openTicket(
    profile,
    `${sim.data.ticketUrl(ticket)}?as=ben@acme.test`,
    ticket.subject,
  );
  await frame.getByTestId('pin-toggle').click();
  await frame.getByTestId('pin-save').click();
  await expect(frame.getByTestId('pin-toggle')).toHaveAttribute('aria-pressed', 'true');
  await page.close();
  const options = await connect(profile);
  await expect(options.getByTestId('oauth-status')).toContainText('ben@acme.test');
  await closeHelpdeskTabs(profile);

  // Zendesk lets the access token lapse: one 401, a refresh grant, and the check goes on.
  sim.oauth.expireAll();
  sim.control.resetLog();
  sim.control.addReply(ticket, 'Still waiting.');
  const list = await checkNow(profile);
  const item = list.locator(`[data-testid="followthrough-item"][data-ticket="${ticket.id}"]`);
  await expect(item).toContainText(/customer replied/i, { timeout: 30_000 });
  expect(sim.control.log().entries.some((e) => e.path === '/oauth/tokens' && e.status === 200)).toBe(true);

  // The admin deletes the client: the token and its refresh are refused, and the page asks to reconnect.
  sim.control.reset();
  await list.getByTestId('followthrough-check-now').click();
  await expect(options.getByTestId('oauth-refused')).toBeVisible({ timeout: 30_000 });
  await expect(options.getByTestId('oauth-reconnect')).toBeVisible();
});
