import type { browser } from 'wxt/browser';

/** Matches the sidebar's danger colour: the badge asks for action. */
const BADGE_COLOR = '#b42318';

export const badgeText = (count: number): string => (count <= 0 ? '' : count > 99 ? '99+' : String(count));

export async function setBadge(
  action: Pick<typeof browser.action, 'setBadgeText' | 'setBadgeBackgroundColor'>,
  count: number,
): Promise<void> {
  await action.setBadgeBackgroundColor({ color: BADGE_COLOR });
  await action.setBadgeText({ text: badgeText(count) });
}
