import type { Locator } from '@playwright/test';
import { expect, openTicket, test } from './fixtures';

/**
 * The sidebar makes room instead of covering the helpdesk (README "Reflow, not overlay"): checked
 * against the simulated agent pages' real-style layers (fixed nav rail and top bar, absolutely
 * positioned main area and panes) on both helpdesks, on a laptop and a desktop screen.
 */

const RIGHT_PANEL = { zendesk: 'context-panel', freshdesk: 'properties-panel' } as const;
const WIDTHS = [1280, 1920] as const;
/** Sub-pixel rounding of boxes. */
const EPSILON = 1;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const boxOf = async (locator: Locator): Promise<Box> => {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator} has no box: it is not rendered`);
  return box;
};

/** Whether the page itself (not the sidebar's host) is what a click on the element's first line reaches. */
const reachable = (locator: Locator) =>
  locator.evaluate((element) => {
    const r = element.getClientRects()[0];
    if (!r) return false;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && (element === hit || element.contains(hit));
  });

for (const helpdesk of ['zendesk', 'freshdesk'] as const) {
  for (const width of WIDTHS) {
    test(`${helpdesk} at ${width} px: the docked sidebar covers none of the top bar, nav, right panel or conversation`, async ({
      profile,
      sim,
    }) => {
      const ticket = sim.data.sampleTicket(helpdesk);
      const { page } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
      await page.setViewportSize({ width, height: 900 });
      const active = page.locator('[data-sim-active]');
      await expect(active.locator('[data-sim="comment"]').first()).toBeVisible();

      const sidebar = await boxOf(page.getByTestId('frontline-sidebar'));
      expect(sidebar.x + sidebar.width).toBeCloseTo(width, 0);
      expect(sidebar.height).toBe(900);
      const edge = sidebar.x + EPSILON;

      const layers = {
        topbar: page.locator('[data-sim="topbar"]'),
        nav: page.locator('[data-sim="nav-rail"]'),
        rightPanel: active.locator(`[data-sim="${RIGHT_PANEL[helpdesk]}"]`),
        conversation: active.locator('[data-sim="conversation"]'),
      };
      for (const [name, layer] of Object.entries(layers)) {
        const box = await boxOf(layer);
        expect(box.x + box.width, `${name} ends left of the sidebar`).toBeLessThanOrEqual(edge);
        expect(box.x, `${name} starts on screen`).toBeGreaterThanOrEqual(0);
      }
      // Full height, as the real layers are: the rail reaches the bottom, the top bar the sidebar.
      const nav = await boxOf(layers.nav);
      expect(nav.height).toBe(900);
      const top = await boxOf(layers.topbar);
      expect(top.x + top.width).toBeCloseTo(sidebar.x, 0);
      const panel = await boxOf(layers.rightPanel);
      expect(panel.x + panel.width).toBeCloseTo(sidebar.x, 0);

      // Nothing of the conversation is under the sidebar: every message, the subject and the composer.
      const parts = layers.conversation.locator(
        '[data-sim="comment"], [data-sim="ticket-subject"], [data-sim="composer"]',
      );
      for (const box of await parts.evaluateAll((els) =>
        els.map((e) => e.getBoundingClientRect().toJSON() as Box),
      ))
        expect(box.x + box.width).toBeLessThanOrEqual(edge);
      const conversation = await boxOf(layers.conversation);
      expect(conversation.width).toBeGreaterThan(200);

      // And what a rep clicks at the right edge reaches the page, not the sidebar.
      expect(await reachable(page.locator('[data-sim="agent-name"]'))).toBe(true);
      expect(await reachable(layers.rightPanel.locator('[data-sim="requester-ticket-link"]').first())).toBe(
        true,
      );
      if (helpdesk === 'freshdesk') {
        await layers.rightPanel.locator('[data-sim="ticket-update"]').scrollIntoViewIfNeeded();
        expect(await reachable(layers.rightPanel.locator('[data-sim="ticket-update"]'))).toBe(true);
      } else {
        expect(await reachable(active.locator('[data-sim="ticket-footer"] .sim-btn--primary'))).toBe(true);
      }
    });
  }
}
