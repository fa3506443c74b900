import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from './server';
import { signIn, simFetch } from './testing/client';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ZD = 'acme.zendesk.com';
const FD = 'acme.freshdesk.com';
let sim: Simulator;
let browser: Browser;

beforeAll(async () => {
  sim = await startSimulator({ seed: 2, size: 'demo' });
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      `--host-resolver-rules=${sim.hostResolverRules}`,
      '--ignore-certificate-errors',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await sim.close();
});

const visibleSubject = (page: Page) => page.locator('[data-sim-active] [data-sim="ticket-subject"]');

describe('host routing and sessions (HTTP)', () => {
  it('serves the agent shell with a CSP that blocks inline scripts and the app as a separate file', async () => {
    const res = await simFetch(sim, FD, '/a/tickets/1');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.body).toContain('<script src="/sim-assets/agent-app.js"');
    expect(res.body).not.toMatch(/<script>(?!<)/);
    expect(res.headers['set-cookie']).toMatch(/^_helpkit_session=/);
    const legacy = await simFetch(sim, FD, '/helpdesk/tickets/1');
    expect(legacy.headers['set-cookie']).toMatch(/^_helpkit_session=/);
  });

  it('serves an unrelated page on other hosts, also at /agent/tickets/1', async () => {
    const res = await simFetch(sim, 'www.example.com', '/agent/tickets/1');
    expect(res.status).toBe(200);
    expect(res.body).toContain('Example Domain');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('does not sign in on non-agent pages, and 404s unknown accounts', async () => {
    const portal = await simFetch(sim, ZD, '/hc/en-us');
    expect(portal.headers['set-cookie']).toBeUndefined();
    expect((await simFetch(sim, 'nobody.zendesk.com', '/agent/tickets/1')).status).toBe(404);
  });

  it('?as= signs in as another agent and redirects to the plain URL', async () => {
    const res = await simFetch(sim, ZD, '/agent/tickets/5?as=ben@acme.test');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/agent/tickets/5');
    const cookie = res.headers['set-cookie']?.split(';')[0] ?? '';
    const me = await simFetch(sim, ZD, '/api/v2/users/me.json', { cookie });
    expect(me.json<{ user: { name: string } }>().user.name).toBe('Ben Backline');
    expect((await simFetch(sim, ZD, '/agent/tickets/5?as=maya@customer.test')).status).toBe(403);
  });

  it('signs out on Freshdesk at /logout', async () => {
    const cookie = await signIn(sim, FD);
    expect((await simFetch(sim, FD, '/api/v2/agents/me', { cookie })).status).toBe(200);
    await simFetch(sim, FD, '/logout', { cookie });
    expect((await simFetch(sim, FD, '/api/v2/agents/me', { cookie })).status).toBe(401);
  });
});

describe('agent pages in Chromium', () => {
  it('Zendesk: shows the subject, moves between tickets with pushState, keeps earlier tabs mounted, handles Back', async () => {
    const page = await browser.newPage();
    const ticket = sim.data.sampleTicket('zendesk');
    await page.goto(sim.data.ticketUrl(ticket));
    await expect.poll(() => visibleSubject(page).textContent()).toBe(ticket.subject);
    await page.evaluate(() => {
      (window as unknown as { noReload: boolean }).noReload = true;
      const ours = document.createElement('div');
      ours.id = 'extension-host';
      document.body.append(ours);
    });
    const links = page.locator('[data-sim-active] [data-sim="requester-ticket-link"]');
    expect(await links.count()).toBe(sim.data.requesterTickets(ZD, ticket.requesterId).length - 1);
    // Walk through three other tickets: the third navigation re-renders the whole app.
    const others = sim.data
      .requesterTickets(ZD, ticket.requesterId)
      .filter((t) => t.id !== ticket.id)
      .slice(-3);
    for (const other of others) {
      await page.locator(`[data-sim-active] a[href="/agent/tickets/${other.id}"]`).click();
      await expect.poll(() => page.url()).toBe(sim.data.ticketUrl(other));
      await expect.poll(() => visibleSubject(page).textContent()).toBe(other.subject);
    }
    expect(await page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);
    expect(await page.locator('#extension-host').count()).toBe(1);
    expect(await page.locator('[data-sim="ticket-view"]').count()).toBe(4);
    expect(await page.locator(`[data-side-conversations-anchor-id="${ticket.id}"]`).count()).toBe(1);
    await page.goBack();
    const previous = others[1];
    await expect.poll(() => page.url()).toBe(previous ? sim.data.ticketUrl(previous) : '');
    await expect.poll(() => visibleSubject(page).textContent()).toBe(previous?.subject);
    await page.close();
  });

  it('Freshdesk: renders text safely, navigates without reload, blocks inline scripts', async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const hostile = [...sim.data.account(FD).tickets.values()].find(
      (t) => t.subject.includes('<img') && !t.archived,
    );
    const ticket = hostile ?? sim.data.sampleTicket('freshdesk');
    await page.goto(sim.data.ticketUrl(ticket));
    await expect.poll(() => visibleSubject(page).textContent()).toBe(ticket.subject);
    const inline = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.inlineRan = true';
      document.head.append(s);
      return (window as unknown as { inlineRan?: boolean }).inlineRan === true;
    });
    expect(inline).toBe(false);
    await page.evaluate(() => {
      (window as unknown as { noReload: boolean }).noReload = true;
    });
    await page.locator('[data-sim="nav-dashboard"]').click();
    await expect.poll(() => page.url()).toContain('/a/dashboard/default');
    await page.goBack();
    await expect.poll(() => visibleSubject(page).textContent()).toBe(ticket.subject);
    expect(await page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('non-ticket pages render without a ticket subject', async () => {
    const page = await browser.newPage();
    for (const path of [
      `https://${ZD}/agent/dashboard`,
      `https://${ZD}/agent/filters/1`,
      `https://${FD}/a/dashboard/default`,
    ]) {
      await page.goto(path);
      await page.locator('[data-sim="page-title"]').waitFor();
      expect(await page.locator('[data-sim="ticket-subject"]').count()).toBe(0);
    }
    const maya = sim.data.userByEmail(ZD, 'maya@customer.test');
    await page.goto(`https://${ZD}/agent/users/${maya?.id}/requested_tickets`);
    await expect.poll(() => page.locator('[data-sim="user-name"]').textContent()).toBe('Maya Müller');
    const contact = sim.data.userByEmail(FD, 'maya@customer.test');
    await page.goto(`https://${FD}/a/contacts/${contact?.id}`);
    await expect.poll(() => page.locator('[data-sim="requester-ticket-link"]').count()).toBeGreaterThan(3);
    await page.close();
  });
});
