import type { Frame, Page } from 'puppeteer-core';
import { newCreditNotes, UNBOUND_POLICY } from '../e2e/credit-steps';
import type { SimTicket } from '../sim/data/model';
import type { Simulator } from '../sim/server';
import type { FirefoxProfile } from './firefox';
import {
  attributeOf,
  click,
  countOf,
  expect,
  expectSubject,
  type FirefoxExtensionApi,
  navigateInApp,
  openExtensionPage,
  openTicket,
  test,
  textOf,
} from './fixtures';

/**
 * The core flows in Debian's firefox-esr with the Firefox (MV2) build, against the simulator on
 * the real host names. One Firefox serves the file, so the tests run in order.
 */
test.describe.configure({ mode: 'serial' });

const HOSTS = { zendesk: 'acme.zendesk.com', freshdesk: 'acme.freshdesk.com' } as const;

/** Inside an evaluate, where no closure reaches: `(globalThis as unknown as InPage).browser`. */
type InPage = { browser: FirefoxExtensionApi };

/** A live ticket of another requester than `ticket`'s, for SPA navigation. */
const otherCustomersTicket = (sim: Simulator, host: string, ticket: SimTicket): SimTicket =>
  [...sim.data.account(host).tickets.values()].find(
    (t) => t.requesterId !== ticket.requesterId && !t.archived,
  ) as SimTicket;

/** A live ticket no other test here touches, to pin. */
const ticketToPin = (sim: Simulator): SimTicket =>
  [...sim.data.account(HOSTS.zendesk).tickets.values()]
    .filter((t) => !t.archived && ['open', 'pending'].includes(t.status))
    .at(-1) as SimTicket;

const OAUTH_CLIENT = 'frontline-test';

/** A window the browser opened since `known` was taken that shows `selector` (Zendesk's Allow page). */
async function newPageWith(firefox: FirefoxProfile, known: Set<Page>, selector: string): Promise<Page> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    for (const page of await firefox.browser.pages()) {
      if (known.has(page)) continue;
      if (await page.$(selector).catch(() => null)) return page;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no new window showed ${selector}`);
}

const badgeText = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as InPage).browser.browserAction.getBadgeText({}));

test('zendesk: the sidebar shows the ticket, and moving to another ticket in the app updates it', async ({
  firefox,
  sim,
}) => {
  const ticket = sim.data.sampleTicket('zendesk');
  const { page, frame } = await openTicket(firefox, sim.data.ticketUrl(ticket), ticket.subject);
  const requester = sim.data.user(HOSTS.zendesk, ticket.requesterId)!;
  await expect.poll(() => textOf(frame, 'customer-card')).toContain(requester.name);

  const other = otherCustomersTicket(sim, HOSTS.zendesk, ticket);
  await navigateInApp(page, new URL(sim.data.ticketUrl(other)).pathname);
  await expectSubject(frame, other.subject);
  const otherRequester = sim.data.user(HOSTS.zendesk, other.requesterId)!;
  await expect.poll(() => textOf(frame, 'customer-card')).toContain(otherRequester.name);
  await page.close();
});

test('freshdesk: the sidebar shows the ticket and its customer', async ({ firefox, sim }) => {
  const ticket = sim.data.sampleTicket('freshdesk');
  const { page, frame } = await openTicket(firefox, sim.data.ticketUrl(ticket), ticket.subject);
  const requester = sim.data.user(HOSTS.freshdesk, ticket.requesterId)!;
  await expect.poll(() => textOf(frame, 'customer-card')).toContain(requester.name);
  await page.close();
});

test('zendesk: a grant double-clicked is recorded once, written through the page session with its CSRF token (privileged fetch)', async ({
  firefox,
  sim,
}) => {
  const ticket = sim.data.sampleTicket('zendesk');
  const { page, frame } = await openTicket(firefox, sim.data.ticketUrl(ticket), ticket.subject);
  await frame.evaluate(
    (policy) => (globalThis as unknown as InPage).browser.storage.local.set({ policy }),
    UNBOUND_POLICY,
  );
  await frame.waitForSelector('[data-testid="authority-meter"]', { timeout: 20_000 });
  const written = newCreditNotes(sim, HOSTS.zendesk, ticket.id);
  const before = await countOf(frame, '[data-testid="grant-status"]');
  const pageWrites: { method: string; url: string; origin: string | undefined }[] = [];
  page.on('request', (request) => {
    if (request.method() !== 'GET')
      pageWrites.push({ method: request.method(), url: request.url(), origin: request.headers().origin });
  });
  const since = sim.control.log().entries.length;

  await click(frame, 'grant-preset');
  await click(frame, 'grant-submit', 2);
  await expect
    .poll(() => attributeOf(frame, '[data-testid="grant-status"]', 'data-state'), { timeout: 30_000 })
    .toBe('recorded');
  expect(await countOf(frame, '[data-testid="grant-status"]')).toBe(before + 1);
  const notes = written();
  expect(notes).toHaveLength(1);
  expect(notes[0]!.body).toMatch(/\[frontline:credit v1 id=[0-9a-f-]{36} amount=500 currency=USD /);

  // Firefox's content-script fetch: the writes went out as the signed-in agent (session cookie)
  // and passed the CSRF check (a missing or relative-URL token is a 403).
  const writes = sim.control
    .log()
    .entries.slice(since)
    .filter((e) => e.client === 'api' && e.host === HOSTS.zendesk && e.method !== 'GET');
  expect(writes.length).toBeGreaterThan(0);
  for (const write of writes) {
    expect(write.auth).toBe('session');
    expect(write.status).toBeLessThan(300);
  }
  // ...and as the page's own requests (content.fetch), with its Origin: a privileged content-script
  // fetch is the extension's, sends no Origin, and a helpdesk's CSRF check may refuse it.
  expect(pageWrites.length).toBe(writes.length);
  for (const write of pageWrites) expect(write.origin).toBe(`https://${HOSTS.zendesk}`);
  await page.close();
});

test('follow-through: a pinned case that moves puts its count on the browserAction badge', async ({
  firefox,
  sim,
}) => {
  const ticket = ticketToPin(sim);
  const { frame } = await openTicket(firefox, sim.data.ticketUrl(ticket), ticket.subject);
  await pinIt(frame);
  const popup = await openExtensionPage(firefox, frame, '/popup.html');
  // An MV2 build has browserAction and no action: the badge must go there.
  expect(await popup.evaluate(() => typeof (globalThis as unknown as InPage).browser.action)).toBe(
    'undefined',
  );

  sim.control.addReply(ticket, 'Any news on my refund?');
  await click(popup, 'followthrough-check-now');
  await expect.poll(() => badgeText(popup), { timeout: 30_000 }).toBe('1');
  await popup.close();
});

test('MV2 background restart: the pins, the badge and the open sidebar carry on', async ({
  firefox,
  sim,
}) => {
  const pinned = ticketToPin(sim);
  // Another ticket in view: opening the pinned one would be looking at it, which clears its badge.
  const ticket = otherCustomersTicket(sim, HOSTS.zendesk, pinned);
  const { page, frame } = await openTicket(firefox, sim.data.ticketUrl(ticket), ticket.subject);
  const popup = await openExtensionPage(firefox, frame, '/popup.html');
  await expect.poll(() => countOf(popup, '[data-testid="followthrough-item"]')).toBe(1);
  expect(await badgeText(popup)).toBe('1');

  // Firefox never idles a persistent MV2 background out: a reload is how it restarts (an update,
  // a crash, about:debugging's Reload), with fresh globals as in Chrome's worker.
  await popup.evaluate(async () => {
    (await (globalThis as unknown as InPage).browser.runtime.getBackgroundPage()).location.reload();
  });
  await popup.close();

  const again = await openExtensionPage(firefox, frame, '/popup.html');
  await expect.poll(() => countOf(again, '[data-testid="followthrough-item"]'), { timeout: 15_000 }).toBe(1);
  await expect.poll(() => badgeText(again), { timeout: 15_000 }).toBe('1');
  await again.close();

  // The sidebar's port reconnects to the new background and follows the page again.
  const next = otherCustomersTicket(sim, HOSTS.zendesk, ticket);
  await navigateInApp(page, new URL(sim.data.ticketUrl(next)).pathname);
  await expectSubject(frame, next.subject);
  await page.close();
});

test("storage.managed absent (no policies.json): the options page says the policy is self-managed, nothing breaks, and it shows Firefox's OAuth redirect URL", async ({
  firefox,
  sim,
}) => {
  const ticket = sim.data.sampleTicket('freshdesk');
  const { page, frame } = await openTicket(firefox, sim.data.ticketUrl(ticket), ticket.subject);
  const options = await openExtensionPage(firefox, frame, '/options.html');
  // Firefox refuses the read outright where Chrome answers {}.
  const managed = await options.evaluate(() =>
    (globalThis as unknown as InPage).browser.storage.managed.get().then(
      () => 'read',
      (error: unknown) => String(error),
    ),
  );
  expect(managed).toMatch(/managed storage manifest not found/i);
  await expect.poll(() => textOf(options, 'policy-source')).toBe('Self-managed policy');
  expect(await countOf(options, '[data-testid="policy-editor"]')).toBe(1);
  // browser.identity: Firefox's redirect URL is on extensions.allizom.org, not chromiumapp.org, and
  // the page shows the one to register with Zendesk's OAuth client.
  await expect
    .poll(() => textOf(options, 'oauth-redirect-url'))
    .toMatch(/https:\/\/[0-9a-f]+\.extensions\.allizom\.org\//);
  await options.close();
  await page.close();
});

async function pinIt(frame: Frame): Promise<void> {
  await click(frame, 'pin-toggle');
  const note = await frame.waitForSelector('[data-testid="pin-note"]');
  await note!.type('Promised a callback');
  await click(frame, 'pin-save');
  await expect.poll(() => attributeOf(frame, '[data-testid="pin-toggle"]', 'aria-pressed')).toBe('true');
}

test("browser.identity: Zendesk OAuth connects through Firefox's launchWebAuthFlow and its allizom.org redirect URL", async ({
  firefox,
  sim,
}) => {
  const ticket = sim.data.sampleTicket('zendesk');
  const { page, frame } = await openTicket(firefox, sim.data.ticketUrl(ticket), ticket.subject);
  const options = await openExtensionPage(firefox, frame, '/options.html');
  const redirect = await options.evaluate(() =>
    (
      globalThis as unknown as { browser: { identity: { getRedirectURL(): string } } }
    ).browser.identity.getRedirectURL(),
  );
  expect(redirect).toMatch(/^https:\/\/[0-9a-f]+\.extensions\.allizom\.org\/$/);
  sim.oauth.registerClient(HOSTS.zendesk, { id: OAUTH_CLIENT, redirectUris: [redirect] });
  await options.evaluate(
    (policy) => (globalThis as unknown as InPage).browser.storage.local.set({ policy }),
    { ...UNBOUND_POLICY, zendeskOAuthClientId: OAUTH_CLIENT },
  );

  const account = await options.waitForSelector('[data-testid="oauth-account"]');
  await account!.type(HOSTS.zendesk);
  const known = new Set(await firefox.browser.pages());
  await click(options, 'oauth-connect');
  const allow = await newPageWith(firefox, known, '[data-sim="oauth-approve"]');
  const approve = await allow.waitForSelector('[data-sim="oauth-approve"]');
  await approve!.click();
  const ada = sim.data.userByEmail(HOSTS.zendesk, 'ada@acme.test')!;
  await expect
    .poll(() => textOf(options, 'oauth-status'), { timeout: 20_000 })
    .toBe(`Connected as ${ada.name} (ada@acme.test)`);
  expect(await countOf(options, '[data-testid="oauth-error"]')).toBe(0);
  await options.close();
  await page.close();
});
