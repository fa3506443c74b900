import type { Frame, Page } from '@playwright/test';
import { LEDGER_FIELD_LABEL } from '../../lib/domain/grant-index';
import { creditNoteText } from '../../lib/domain/note-text';
import type { SimTicket } from '../sim/data/model';
import { type Simulator, startSimulator } from '../sim/server';
import { seedGrant } from '../sim/testing/grants';
import { type AxeFinding, axeFindings, describeFindings } from './axe';
import { grant, grantRow } from './credit-steps';
import { expect, type Profile, setExtensionStorage, sidebarFrame, test as withSimulator } from './fixtures';

/**
 * axe-core on every page a rep or a manager uses, in light and dark, with the
 * states that matter open. Only serious and critical violations fail; each is
 * printed with its rule id, impact and the elements it names.
 */

/** This file's own simulator, with the team index's field, so the review can find an index that disagrees. */
const test = withSimulator.extend<object, { sim: Simulator }>({
  sim: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring form.
    async ({}, use) => {
      const sim = await startSimulator({ seed: 1, size: 'demo', ledgerField: true });
      await use(sim);
      await sim.close();
    },
    { scope: 'worker' },
  ],
});

const HOST = 'acme.zendesk.com';
const POLICY = {
  currency: 'USD',
  period: 'week',
  timeZone: 'Europe/Berlin',
  tiers: [
    { name: 'Standard', perGrant: 2500, perCustomerPerPeriod: 1_000_000, perPeriod: 1_000_000 },
    { name: 'Manager', perGrant: 100_000, perCustomerPerPeriod: 1_000_000, perPeriod: 1_000_000 },
  ],
  agents: [{ agent: 'ben@acme.test', tier: 'Manager' }],
  defaultTier: 'Standard',
  presets: [500, 1000, 2500],
  reasons: ['Late delivery', 'Goodwill'],
  approvers: ['ben@acme.test'],
  // Long enough to look at the countdown while it runs.
  undoSeconds: 60,
};

/**
 * Live tickets of a customer other than the sample's (other specs of a worker grant on it),
 * listed once per simulator so the tags this file's tests add do not shift the list; one per `skip`.
 */
const quiet = new WeakMap<Simulator, SimTicket[]>();
function quietTicket(sim: Simulator, skip: number): SimTicket {
  let list = quiet.get(sim);
  if (list === undefined) {
    const sample = sim.data.sampleTicket('zendesk');
    list = [...sim.data.account(HOST).tickets.values()].filter(
      (t) =>
        !t.archived &&
        ['new', 'open', 'pending'].includes(t.status) &&
        t.requesterId !== sample.requesterId &&
        !t.tags.some((tag) => tag.startsWith('frontline_')),
    );
    quiet.set(sim, list);
  }
  const ticket = list[skip];
  if (!ticket) throw new Error(`the simulator has no quiet ticket number ${skip}`);
  return ticket;
}

type Scheme = 'light' | 'dark';

/** Collects every state's findings, so one run names them all. */
class Audit {
  readonly findings: { where: string; found: AxeFinding[] }[] = [];
  constructor(readonly scheme: Scheme) {}

  async check(where: string, target: Page | Frame): Promise<void> {
    // A dark run that rendered light would test light twice: the page must say which it got.
    const dark = await target.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
    expect(dark, `${where} renders ${this.scheme}`).toBe(this.scheme === 'dark');
    this.findings.push({ where: `${where} (${this.scheme})`, found: await axeFindings(target) });
  }

  expectClean(): void {
    const failing = this.findings.filter((f) => f.found.length > 0);
    expect(failing.length, failing.map((f) => describeFindings(f.where, f.found)).join('\n')).toBe(0);
  }
}

async function schemedTab(profile: Profile, scheme: Scheme, url: string): Promise<Page> {
  const page = await profile.context.newPage();
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(url);
  return page;
}

async function openSidebar(profile: Profile, sim: Simulator, ticket: SimTicket, scheme: Scheme) {
  const page = await schemedTab(profile, scheme, sim.data.ticketUrl(ticket));
  const frame = await sidebarFrame(page);
  await expect(frame.getByTestId('ticket-subject')).toHaveText(ticket.subject, { timeout: 15_000 });
  return { page, frame };
}

for (const scheme of ['light', 'dark'] as const) {
  test(`a11y sidebar (${scheme}): the case, the grant form, an over-limit amount, the undo countdown, the escalation form, the pin form and the follow-through tab have no serious or critical axe violation`, async ({
    profile,
    sim,
  }) => {
    test.setTimeout(90_000);
    await setExtensionStorage(profile, { policy: POLICY });
    const audit = new Audit(scheme);
    const { frame } = await openSidebar(profile, sim, quietTicket(sim, scheme === 'light' ? 0 : 1), scheme);
    await expect(frame.getByTestId('authority-meter')).toBeVisible({ timeout: 15_000 });
    await expect(frame.getByTestId('case-history-item').first()).toBeVisible({ timeout: 15_000 });
    await audit.check('sidebar with the grant form', frame);

    await frame.getByTestId('grant-custom-amount').fill('40.00');
    await expect(frame.getByTestId('approval-request')).toBeVisible();
    await audit.check('sidebar over the limit', frame);
    await frame.getByTestId('grant-custom-amount').fill('');

    const id = await grant(frame, 0);
    await expect(grantRow(frame, id).getByTestId('grant-undo')).toBeVisible();
    await audit.check('sidebar with the undo countdown', frame);
    await grantRow(frame, id).getByTestId('grant-undo').click();
    await expect(grantRow(frame, id)).toHaveAttribute('data-state', 'undone');

    await frame.getByTestId('escalate').click();
    await expect(frame.getByTestId('escalate-summary')).toBeVisible();
    await audit.check('sidebar with the escalation form', frame);
    await frame.getByTestId('escalate-summary').press('Escape');

    await frame.getByTestId('pin-toggle').click();
    await expect(frame.getByTestId('pin-form')).toBeVisible();
    await audit.check('sidebar with the pin form', frame);
    await frame.getByTestId('pin-save').click();
    await expect(frame.getByTestId('pin-toggle')).toHaveAttribute('aria-pressed', 'true');

    await frame.getByTestId('followthrough-tab').click();
    await expect(frame.getByTestId('followthrough-item').first()).toBeVisible({ timeout: 15_000 });
    await audit.check('sidebar follow-through tab', frame);
    audit.expectClean();
  });

  test(`a11y sidebar (${scheme}): sections whose load failed have no serious or critical axe violation`, async ({
    profile,
    sim,
  }) => {
    await setExtensionStorage(profile, { policy: POLICY });
    sim.control.addFault({ route: '/api/v2/tickets/*/audits.json', kind: '500', host: HOST });
    sim.control.addFault({ route: '/api/v2/search.json', kind: '500', host: HOST });
    const audit = new Audit(scheme);
    const { frame } = await openSidebar(profile, sim, quietTicket(sim, scheme === 'light' ? 2 : 3), scheme);
    await expect(frame.getByTestId('section-error').first()).toBeVisible({ timeout: 30_000 });
    await audit.check('sidebar with failed sections', frame);
    audit.expectClean();
  });

  test(`a11y popup and options (${scheme}): no serious or critical axe violation`, async ({
    profile,
    sim,
  }) => {
    await setExtensionStorage(profile, { policy: POLICY });
    const ticket = quietTicket(sim, scheme === 'light' ? 4 : 5);
    const { frame } = await openSidebar(profile, sim, ticket, scheme);
    await frame.getByTestId('pin-toggle').click();
    await frame.getByTestId('pin-save').click();
    await expect(frame.getByTestId('pin-toggle')).toHaveAttribute('aria-pressed', 'true');
    const audit = new Audit(scheme);
    const popup = await schemedTab(profile, scheme, `chrome-extension://${profile.extensionId}/popup.html`);
    await expect(popup.getByTestId('followthrough-item').first()).toBeVisible({ timeout: 15_000 });
    await audit.check('popup', popup);
    const options = await schemedTab(
      profile,
      scheme,
      `chrome-extension://${profile.extensionId}/options.html`,
    );
    await expect(options.locator('form').first()).toBeVisible({ timeout: 15_000 });
    await audit.check('options', options);
    audit.expectClean();
  });

  test(`a11y review (${scheme}): the agents with an outlier, suspect notes and index disagreements have no serious or critical axe violation`, async ({
    profile,
    sim,
  }) => {
    test.setTimeout(90_000);
    await setExtensionStorage(profile, { policy: POLICY });
    const offset = scheme === 'light' ? 6 : 13;
    // Four agents granting alike and one far above: Tukey's fences flag her.
    const agents = ['ada', 'ben', 'cleo', 'dmitri', 'sara'];
    agents.forEach((name, i) => {
      const ticket = quietTicket(sim, offset + i);
      const agent = sim.data.userByEmail(HOST, `${name}@acme.test`)!;
      seedGrant(sim, { ticket, agent, amount: name === 'sara' ? 90_000 : 500, reason: 'Goodwill' });
    });
    // A rep overwrote one ticket's team index: the review names it as damaged.
    const damaged = quietTicket(sim, offset);
    const ledger = sim.data.account(HOST).ticketFields.find((f) => f.title === LEDGER_FIELD_LABEL)!;
    damaged.customFields[ledger.key] = 'not an index line';
    damaged.updatedAt = new Date().toISOString();
    damaged.version += 1;
    // A note whose marker names Ada but that Ben wrote: a suspect note.
    const forgedOn = quietTicket(sim, offset + 5);
    const ada = sim.data.userByEmail(HOST, 'ada@acme.test')!;
    const marker = {
      kind: 'credit' as const,
      id: crypto.randomUUID(),
      amount: 700,
      currency: 'USD',
      agent: ada.id,
      customer: forgedOn.requesterId,
      reason: 'Goodwill',
    };
    sim.control.addNote(forgedOn, creditNoteText(marker, ada.name), 'ben@acme.test');
    forgedOn.tags.push('frontline_credit');
    // The review reads through a signed-in helpdesk tab: Ben's.
    const tab = quietTicket(sim, offset + 6);
    const session = await schemedTab(profile, scheme, `${sim.data.ticketUrl(tab)}?as=ben@acme.test`);
    await expect((await sidebarFrame(session)).getByTestId('ticket-subject')).toHaveText(tab.subject, {
      timeout: 15_000,
    });

    const audit = new Audit(scheme);
    const review = await schemedTab(profile, scheme, `chrome-extension://${profile.extensionId}/review.html`);
    await expect(review.locator('[data-testid="review-agent"][data-outlier="high"]').first()).toBeVisible({
      timeout: 30_000,
    });
    await expect(review.getByTestId('index-disagreement').first()).toBeVisible({ timeout: 30_000 });
    await expect(review.getByTestId('suspect-note').first()).toBeVisible({ timeout: 30_000 });
    await audit.check('review', review);
    audit.expectClean();
  });
}

/** Every text a live region took, in order, from now on: what a screen reader would have said. */
async function listen(frame: Frame, testId: string): Promise<() => Promise<string[]>> {
  await frame.evaluate((id) => {
    const region = document.querySelector(`[data-testid="${id}"]`)!;
    const heard: string[] = [];
    (globalThis as unknown as { heard: Record<string, string[]> }).heard ??= {};
    (globalThis as unknown as { heard: Record<string, string[]> }).heard[id] = heard;
    new MutationObserver(() => {
      const text = region.textContent ?? '';
      if (text !== '' && heard.at(-1) !== text) heard.push(text);
    }).observe(region, { subtree: true, childList: true, characterData: true });
  }, testId);
  return () =>
    frame.evaluate((id) => (globalThis as unknown as { heard: Record<string, string[]> }).heard[id]!, testId);
}

test('a11y live regions: a grant is announced pending then recorded, an undone one pending then undone, and a failed section’s error lands in a live region', async ({
  profile,
  sim,
}) => {
  test.setTimeout(90_000);
  await setExtensionStorage(profile, { policy: { ...POLICY, undoSeconds: 4 } });
  const { page, frame } = await openSidebar(profile, sim, quietTicket(sim, 20), 'light');
  await expect(frame.getByTestId('authority-meter')).toBeVisible({ timeout: 15_000 });
  const heard = await listen(frame, 'grant-progress-live');

  const recorded = await grant(frame, 0);
  await expect(grantRow(frame, recorded)).toHaveAttribute('data-state', 'recorded', { timeout: 30_000 });
  const said = {
    pending: 'Credit of $5.00 pending: you can undo it until the countdown ends',
    recording: 'Recording the credit of $5.00 in Zendesk',
    recorded: 'Credit of $5.00 recorded in Zendesk',
  };
  await expect.poll(async () => (await heard()).at(-1)).toBe(said.recorded);
  const steps = await heard();
  expect(steps[0]).toBe(said.pending);
  // "Recording" may pass too quickly to be seen; nothing else may be said.
  expect(steps.filter((step) => !Object.values(said).includes(step))).toEqual([]);

  const undone = await grant(frame, 1);
  await grantRow(frame, undone).getByTestId('grant-undo').click();
  await expect(grantRow(frame, undone)).toHaveAttribute('data-state', 'undone');
  await expect
    .poll(async () => (await heard()).slice(-2))
    .toEqual([
      'Credit of $10.00 pending: you can undo it until the countdown ends',
      'Credit of $10.00 undone: nothing was recorded',
    ]);

  // A section that fails after the page is up: its error is said from a region that was already there.
  const owner = frame.getByTestId('owner').getByTestId('section-live');
  await expect(owner).toHaveAttribute('aria-live', /polite|assertive/);
  await expect(owner).toHaveText('');
  sim.control.addFault({ route: '/api/v2/tickets/*/audits.json', kind: '500', host: HOST });
  await page.reload();
  const reloaded = await sidebarFrame(page);
  await expect(reloaded.getByTestId('owner').getByTestId('section-live')).toContainText('(500)', {
    timeout: 30_000,
  });
});

test('a11y resize grip: a focusable separator that says its width to assistive technology', async ({
  profile,
  sim,
}) => {
  const { page } = await openSidebar(profile, sim, quietTicket(sim, 21), 'light');
  // The grip is in a closed shadow root: only the browser's accessibility tree reaches it.
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: {
      role?: { value: string };
      value?: { value: unknown };
      name?: { value: string };
      properties?: { name: string; value: { value: unknown } }[];
    }[];
  };
  const grip = nodes.find((n) => n.name?.value === 'Resize Frontline');
  expect(grip?.role?.value).toBe('separator');
  const property = (name: string) => grip?.properties?.find((p) => p.name === name)?.value.value;
  expect(property('focusable')).toBe(true);
  expect(property('valuemin')).toBe(320);
  expect(property('valuemax')).toBe(560);
  // Its value is the sidebar's width, 380 px when nothing was stored.
  expect(grip?.value?.value).toBe(380);
  await cdp.detach();
});
