import type { Frame, Page } from '@playwright/test';
import type { SimTicket } from '../sim/data/model';
import type { Simulator } from '../sim/server';
import { UNBOUND_POLICY } from './credit-steps';
import { expect, type Profile, setExtensionStorage, sidebarFrame, test } from './fixtures';

/**
 * A rep without a mouse: every step is a key press (Tab, Shift+Tab, Enter, Space,
 * Escape, and the amount's digits), every control the keyboard lands on in the
 * sidebar shows a focus indicator, and after each action focus is somewhere a rep
 * can continue from, never dropped on <body>.
 */

const HOST = 'acme.zendesk.com';
const POLICY = { ...UNBOUND_POLICY, approvers: ['ben@acme.test'], undoSeconds: 30 };

/** A live ticket no other spec takes (they use the sample ticket and the first quiet ones). */
function quietTicket(sim: Simulator, skip: number): SimTicket {
  const sample = sim.data.sampleTicket('zendesk');
  const list = [...sim.data.account(HOST).tickets.values()].filter(
    (t) =>
      !t.archived &&
      ['new', 'open', 'pending'].includes(t.status) &&
      t.requesterId !== sample.requesterId &&
      t.assigneeId !== sim.data.userByEmail(HOST, 'ada@acme.test')!.id &&
      !t.tags.some((tag) => tag.startsWith('frontline_')),
  );
  return list.at(-1 - skip)!;
}

interface Focused {
  /** The focused element's test id, or its tag when it has none; null when focus is not in the sidebar. */
  id: string | null;
  onBody: boolean;
  /** The computed outline or box-shadow that shows it, or '' when nothing does. */
  indicator: string;
}

/** What has focus in the sidebar's document, and whether the rep can see it. */
const focused = (frame: Frame): Promise<Focused> =>
  frame.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!document.hasFocus() || el === null) return { id: null, onBody: false, indicator: '' };
    if (el === document.body) return { id: 'body', onBody: true, indicator: '' };
    const style = getComputedStyle(el);
    const outline =
      style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0
        ? `outline ${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`
        : '';
    const shadow = style.boxShadow !== 'none' ? `box-shadow ${style.boxShadow}` : '';
    return {
      id: el.getAttribute('data-testid') ?? el.tagName.toLowerCase(),
      onBody: false,
      indicator: outline || shadow,
    };
  });

async function expectVisibleFocus(frame: Frame, where: string): Promise<Focused> {
  const now = await focused(frame);
  expect(now.onBody, `${where}: focus fell to <body>`).toBe(false);
  expect(now.id, `${where}: focus left the sidebar`).not.toBeNull();
  expect(now.indicator, `${where}: ${now.id} has no visible focus indicator`).not.toBe('');
  return now;
}

/**
 * Presses Tab (or Shift+Tab) until the element with `testId` has focus, checking each
 * stop inside the sidebar shows its focus. Stops on the helpdesk page are not ours to judge.
 */
async function tabTo(page: Page, frame: Frame, testId: string, key: 'Tab' | 'Shift+Tab' = 'Tab') {
  const path: string[] = [];
  for (let step = 0; step < 120; step++) {
    await page.keyboard.press(key);
    const now = await focused(frame);
    path.push(String(now.id));
    if (now.id === null) continue;
    expect(now.indicator, `${now.id} (after ${path.join(' → ')}) has no visible focus indicator`).not.toBe(
      '',
    );
    if (now.id === testId) return;
  }
  throw new Error(`${key} never reached ${testId}: ${path.join(' → ')}`);
}

async function openByKeyboard(profile: Profile, sim: Simulator, ticket: SimTicket) {
  const page = await profile.context.newPage();
  await page.goto(sim.data.ticketUrl(ticket));
  const frame = await sidebarFrame(page);
  await expect(frame.getByTestId('ticket-subject')).toHaveText(ticket.subject, { timeout: 15_000 });
  await expect(frame.getByTestId('authority-meter')).toBeVisible({ timeout: 15_000 });
  return { page, frame };
}

const typeKeys = async (page: Page, text: string) => {
  for (const char of text) await page.keyboard.press(char);
};

test('keyboard only: claim a case, grant a preset, undo it, request approval and pin, with focus visible and kept after each action', async ({
  profile,
  sim,
}) => {
  test.setTimeout(120_000);
  await setExtensionStorage(profile, { policy: POLICY });
  const ticket = quietTicket(sim, 0);
  const { page, frame } = await openByKeyboard(profile, sim, ticket);

  // Claim: the button goes away once the claim is written; the keyboard stays in the owner's part.
  await tabTo(page, frame, 'claim-ownership');
  await page.keyboard.press('Enter');
  await expect(frame.getByTestId('claim-ownership')).toHaveCount(0, { timeout: 20_000 });
  await expect.poll(async () => (await focused(frame)).onBody).toBe(false);
  const afterClaim = await expectVisibleFocus(frame, 'after the claim');
  expect(['handoff', 'owner']).toContain(afterClaim.id);

  // Grant a preset: Space picks it, Enter grants; focus moves to the new grant's Undo.
  await tabTo(page, frame, 'grant-preset');
  await page.keyboard.press('Space');
  await expect(frame.getByTestId('grant-preset').first()).toHaveAttribute('aria-pressed', 'true');
  await tabTo(page, frame, 'grant-submit');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await focused(frame)).id, { timeout: 15_000 }).toBe('grant-undo');
  await expectVisibleFocus(frame, 'after the grant');

  // Undo: the button goes; the keyboard lands on its row, which says "Undone".
  await page.keyboard.press('Enter');
  await expect(frame.locator('[data-testid="grant-status"][data-state="undone"]')).toHaveCount(1);
  await expect.poll(async () => (await focused(frame)).id).toBe('grant-status');
  await expectVisibleFocus(frame, 'after the undo');

  // Request approval for an amount over the per-grant limit, typed key by key.
  await tabTo(page, frame, 'grant-custom-amount', 'Shift+Tab');
  await typeKeys(page, '40.00');
  await tabTo(page, frame, 'approval-request');
  await page.keyboard.press('Enter');
  await expect(frame.locator('[data-testid="approval-status"][data-state="pending"]')).toHaveCount(1, {
    timeout: 20_000,
  });
  await expect.poll(async () => (await focused(frame)).id).toBe('approval-status');
  await expectVisibleFocus(frame, 'after the approval request');

  // Pin: the toggle opens the form, Tab reaches Save, Enter pins; focus returns to the toggle.
  await tabTo(page, frame, 'pin-toggle', 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(frame.getByTestId('pin-form')).toBeVisible();
  await tabTo(page, frame, 'pin-save');
  await page.keyboard.press('Enter');
  await expect(frame.getByTestId('pin-toggle')).toHaveAttribute('aria-pressed', 'true', { timeout: 15_000 });
  expect((await expectVisibleFocus(frame, 'after pinning')).id).toBe('pin-toggle');
});

test('keyboard only: Escape in the escalation form closes the form, keeps the sidebar open and returns focus to Escalate', async ({
  profile,
  sim,
}) => {
  await setExtensionStorage(profile, { policy: POLICY });
  const { page, frame } = await openByKeyboard(profile, sim, quietTicket(sim, 1));
  await tabTo(page, frame, 'escalate');
  await page.keyboard.press('Enter');
  await expect(frame.getByTestId('escalate-summary')).toBeVisible();
  await tabTo(page, frame, 'escalate-target');
  await page.keyboard.press('Escape');
  await expect(frame.getByTestId('escalate-summary')).toHaveCount(0);
  await expect(frame.getByTestId('sidebar-root')).toBeVisible();
  expect((await expectVisibleFocus(frame, 'after Escape')).id).toBe('escalate');
});
