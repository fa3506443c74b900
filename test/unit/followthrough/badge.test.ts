import { describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { badgeText, setBadge, toolbarAction } from '../../../lib/followthrough/badge';

describe('badge', () => {
  it('sets the badge', async () => {
    await setBadge(browser.action, 2);
    expect(await browser.action.getBadgeText({})).toBe('2');
    await setBadge(browser.action, 0);
    expect(await browser.action.getBadgeText({})).toBe('');
    expect(badgeText(250)).toBe('99+');
  });
});

describe('toolbarAction (Firefox MV2 has browserAction, not action)', () => {
  const fake = () => ({
    setBadgeText: vi.fn(async () => undefined),
    setBadgeBackgroundColor: vi.fn(async () => undefined),
  });

  it('sets the badge through browserAction in an MV2 build, where action is absent', async () => {
    const browserAction = fake();
    await setBadge(toolbarAction({ browserAction }), 3);
    expect(browserAction.setBadgeText).toHaveBeenCalledWith({ text: '3' });
  });

  it('uses action in an MV3 build', async () => {
    const action = fake();
    const browserAction = fake();
    await setBadge(toolbarAction({ action, browserAction }), 1);
    expect(action.setBadgeText).toHaveBeenCalledWith({ text: '1' });
    expect(browserAction.setBadgeText).not.toHaveBeenCalled();
  });

  it('says so when neither exists', () => {
    expect(() => toolbarAction({})).toThrow(/neither action nor browserAction/);
  });
});
