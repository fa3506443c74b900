import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { badgeText, setBadge } from '../../../lib/followthrough/badge';

describe('badge', () => {
  it('sets the badge', async () => {
    await setBadge(browser.action, 2);
    expect(await browser.action.getBadgeText({})).toBe('2');
    await setBadge(browser.action, 0);
    expect(await browser.action.getBadgeText({})).toBe('');
    expect(badgeText(250)).toBe('99+');
  });
});
