import { expect, sidebarFrame, test } from './fixtures';

const HELPDESKS = [
  { helpdesk: 'zendesk', origin: 'https://acme.zendesk.com', ticketPath: '/agent/tickets/' },
  { helpdesk: 'freshdesk', origin: 'https://acme.freshdesk.com', ticketPath: '/a/tickets/' },
] as const;

for (const { helpdesk, origin, ticketPath } of HELPDESKS) {
  test(`${helpdesk}: the sidebar mounts beside a ticket and shows its subject`, async ({ profile, sim }) => {
    const ticket = sim.data.sampleTicket(helpdesk);
    const page = await profile.context.newPage();
    await page.goto(`${origin}${ticketPath}${ticket.id}`);
    await expect(page.locator('[data-testid="frontline-sidebar"]')).toBeVisible();
    const frame = await sidebarFrame(page);
    await expect(frame.getByTestId('sidebar-root')).toBeVisible();
    await expect(frame.getByTestId('ticket-subject')).toHaveText(ticket.subject);
  });

  test(`${helpdesk}: the sidebar follows the rep to another ticket without a reload`, async ({
    profile,
    sim,
  }) => {
    const ticket = sim.data.sampleTicket(helpdesk);
    const page = await profile.context.newPage();
    await page.goto(`${origin}${ticketPath}${ticket.id}`);
    const frame = await sidebarFrame(page);
    await expect(frame.getByTestId('ticket-subject')).toHaveText(ticket.subject);
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    const historyLength = await page.evaluate(() => history.length);

    const link = page.locator('[data-sim-active] [data-sim="requester-ticket-link"]').first();
    const otherId = (await link.getAttribute('href'))?.match(/(\d+)$/)?.[1];
    const other = sim.data.ticket(new URL(origin).host, otherId!);
    await link.click();
    await expect(page).toHaveURL(new RegExp(`${ticketPath}${otherId}$`));
    await expect(frame.getByTestId('ticket-subject')).toHaveText(other!.subject);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    // One entry for the rep's own navigation; none from the sidebar (its src never changes).
    expect(await page.evaluate(() => history.length)).toBe(historyLength + 1);
    await page.goBack();
    await expect(frame.getByTestId('ticket-subject')).toHaveText(ticket.subject);
  });
}

test('the sidebar does not mount where there is no ticket', async ({ profile }) => {
  const page = await profile.context.newPage();
  for (const url of [
    'https://acme.zendesk.com/agent/dashboard',
    'https://acme.zendesk.com/agent/filters/1',
    'https://acme.freshdesk.com/a/dashboard/default',
    'https://www.example.com/agent/tickets/1',
  ]) {
    await page.goto(url);
    await page.waitForLoadState('load');
    // Give a content script, if any, time to act before asserting absence.
    await page.waitForTimeout(500);
    await expect(page.locator('[data-testid="frontline-sidebar"]'), url).toHaveCount(0);
    expect(
      page.frames().filter((frame) => frame.url().startsWith('chrome-extension://')),
      url,
    ).toHaveLength(0);
  }
});

test('a page script reaches neither the sidebar DOM nor its data', async ({ profile, sim }) => {
  const ticket = sim.data.sampleTicket('zendesk');
  const page = await profile.context.newPage();
  await page.goto(`https://acme.zendesk.com/agent/tickets/${ticket.id}`);
  const frame = await sidebarFrame(page);
  await expect(frame.getByTestId('ticket-subject')).toHaveText(ticket.subject);

  const seen = await page.evaluate(async () => {
    const host = document.querySelector('[data-testid="frontline-sidebar"]') as HTMLElement;
    const frameDocuments = [...Array(window.frames.length).keys()].map((index) => {
      try {
        return window.frames[index]?.document ? 'readable' : 'null';
      } catch {
        return 'blocked';
      }
    });
    const databases = (await indexedDB.databases()).map((db) => db.name);
    return {
      shadowRoot: host.shadowRoot,
      iframesInLightDom: document.querySelectorAll('iframe').length,
      text: host.textContent,
      frameDocuments,
      databases,
      localStorageKeys: Object.keys(localStorage),
    };
  });
  expect(seen.shadowRoot).toBeNull();
  expect(seen.iframesInLightDom).toBe(0);
  expect(seen.text).toBe('');
  expect(seen.frameDocuments.every((access) => access === 'blocked')).toBe(true);
  expect(seen.databases.filter((name) => name?.toLowerCase().includes('frontline'))).toHaveLength(0);
  expect(seen.localStorageKeys.filter((key) => key.toLowerCase().includes('frontline'))).toHaveLength(0);
});

test('one mount per tab, which survives the helpdesk replacing <body>', async ({ profile, sim }) => {
  const ticket = sim.data.sampleTicket('zendesk');
  const page = await profile.context.newPage();
  await page.goto(sim.data.ticketUrl(ticket));
  const frame = await sidebarFrame(page);
  await expect(frame.getByTestId('ticket-subject')).toHaveText(ticket.subject);
  await page.evaluate(() => {
    const fresh = document.createElement('body');
    fresh.append(document.createTextNode('re-rendered'));
    document.body.replaceWith(fresh);
  });
  await expect(page.locator('[data-testid="frontline-sidebar"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="frontline-sidebar"]')).toBeVisible();
  await expect(frame.getByTestId('ticket-subject')).toHaveText(ticket.subject);
});

test('the rep collapses the sidebar with Escape and resizes it; both are remembered', async ({
  profile,
  sim,
}) => {
  const ticket = sim.data.sampleTicket('freshdesk');
  const page = await profile.context.newPage();
  await page.goto(sim.data.ticketUrl(ticket));
  const host = page.locator('[data-testid="frontline-sidebar"]');
  const frame = await sidebarFrame(page);
  await expect(frame.getByTestId('ticket-subject')).toHaveText(ticket.subject);
  const before = (await host.boundingBox())!.width;
  // The grip is the host's left edge, inside the closed shadow root: drag it by coordinates.
  const box = (await host.boundingBox())!;
  await page.mouse.move(box.x + 2, box.y + 300);
  await page.mouse.down();
  await page.mouse.move(box.x - 78, box.y + 300, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await host.boundingBox())!.width).toBeGreaterThan(before + 60);
  const resized = (await host.boundingBox())!.width;

  await frame.getByTestId('case-history-filter').press('Escape');
  await expect(host).toHaveAttribute('data-collapsed');
  expect((await host.boundingBox())!.width).toBeLessThan(40);

  await page.reload();
  await expect(page.locator('[data-testid="frontline-sidebar"]')).toHaveAttribute('data-collapsed');
  // Opening it again restores the remembered width.
  const tab = page.locator('[data-testid="frontline-sidebar"]');
  const collapsedBox = (await tab.boundingBox())!;
  await page.mouse.click(collapsedBox.x + collapsedBox.width / 2, collapsedBox.y + 140);
  await expect(tab).not.toHaveAttribute('data-collapsed');
  await expect.poll(async () => Math.round((await tab.boundingBox())!.width)).toBe(Math.round(resized));
});

test('the sidebar removes itself when the extension is reloaded', async ({ profile, sim }) => {
  const ticket = sim.data.sampleTicket('zendesk');
  const page = await profile.context.newPage();
  await page.goto(sim.data.ticketUrl(ticket));
  const frame = await sidebarFrame(page);
  await expect(frame.getByTestId('ticket-subject')).toHaveText(ticket.subject);
  // An update or a reload from chrome://extensions orphans this page's content script.
  const extensionPage = await profile.context.newPage();
  await extensionPage.goto(`chrome-extension://${profile.extensionId}/popup.html`);
  await extensionPage
    .evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload(),
    )
    .catch(() => undefined);
  await expect(page.locator('[data-testid="frontline-sidebar"]')).toHaveCount(0, { timeout: 15_000 });
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).marginRight)).toBe('0px');
});
