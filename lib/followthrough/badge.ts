/** Matches the sidebar's danger colour: the badge asks for action. */
const BADGE_COLOR = '#b42318';

/** What the badge needs of `action` / `browserAction` (Firefox's both return promises; Chrome's typings of MV2 do not). */
export interface BadgeApi {
  setBadgeText(details: { text: string }): Promise<void> | void;
  setBadgeBackgroundColor(details: { color: string }): Promise<void> | void;
}

/** The toolbar button's API: `action` in an MV3 build (Chrome), `browserAction` in MV2 (Firefox). */
export function toolbarAction(api: { action?: BadgeApi; browserAction?: BadgeApi }): BadgeApi {
  const found = api.action ?? api.browserAction;
  if (!found) throw new Error('this browser has neither action nor browserAction: no toolbar badge');
  return found;
}

export const badgeText = (count: number): string => (count <= 0 ? '' : count > 99 ? '99+' : String(count));

export async function setBadge(action: BadgeApi, count: number): Promise<void> {
  await action.setBadgeBackgroundColor({ color: BADGE_COLOR });
  await action.setBadgeText({ text: badgeText(count) });
}
