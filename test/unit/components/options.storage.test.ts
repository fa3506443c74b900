import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  loadOptions,
  removeKey,
  replaceKey,
  savePolicy,
  saveSettings,
  watchOptions,
} from '../../../entrypoints/options/storage';
import { readManaged } from '../../../lib/credit/managed-policy';
import type { AuthorityPolicy } from '../../../lib/domain/policy';
import { storedCredential } from '../../../lib/transport/token';

const POLICY = {
  currency: 'USD',
  period: 'week',
  timeZone: 'UTC',
  tiers: [{ name: 'Standard', perGrant: 2500, perCustomerPerPeriod: 5000, perPeriod: 20000 }],
  agents: [],
  presets: [],
  reasons: ['Goodwill'],
  approvers: [],
  undoSeconds: 5,
  reportBackDueHours: 24,
} satisfies AuthorityPolicy;

describe('options storage', () => {
  it('reads no managed policy as none, whether the store is empty or throws', async () => {
    expect(await readManaged()).toBeUndefined();
    const spy = vi
      .spyOn(fakeBrowser.storage.managed, 'get')
      .mockRejectedValueOnce(new Error('not supported'));
    expect(await readManaged()).toBeUndefined();
    spy.mockResolvedValueOnce(undefined as unknown as Record<string, unknown>);
    expect(await readManaged()).toBeUndefined();
    spy.mockRestore();
    await fakeBrowser.storage.managed.set(POLICY);
    expect(await readManaged()).toEqual(POLICY);
  });

  it('saves the policy and the settings under their keys and loads them back', async () => {
    expect(await loadOptions()).toEqual({
      managed: undefined,
      local: undefined,
      settings: { watchIntervalMinutes: 5, notifications: false },
      keys: [],
      managedSeenSince: null,
    });
    await savePolicy(POLICY);
    await saveSettings({ watchIntervalMinutes: 12, notifications: false });
    expect(await fakeBrowser.storage.local.get(['policy', 'settings'])).toEqual({
      policy: POLICY,
      settings: { watchIntervalMinutes: 12, notifications: false },
    });
    expect(await loadOptions()).toEqual({
      managed: undefined,
      local: POLICY,
      settings: { watchIntervalMinutes: 12, notifications: false },
      keys: [],
      managedSeenSince: null,
    });
  });

  it('calls back when the policy or the settings change, and not for other keys', async () => {
    const onChange = vi.fn();
    const stop = watchOptions(onChange);
    await fakeBrowser.storage.local.set({ sidebarWidth: 400 });
    expect(onChange).not.toHaveBeenCalled();
    await savePolicy(POLICY);
    expect(onChange).toHaveBeenCalledTimes(1);
    await fakeBrowser.storage.managed.set({ currency: 'EUR' });
    expect(onChange).toHaveBeenCalledTimes(2);
    stop();
    await saveSettings({ watchIntervalMinutes: 3, notifications: true });
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('a refused key is listed as refused, can be replaced (a Zendesk token keeps its email) or removed', async () => {
    const onChange = vi.fn();
    const stop = watchOptions(onChange);
    await fakeBrowser.storage.local.set({
      credentials: {
        'acme.freshdesk.com': { helpdesk: 'freshdesk', apiKey: 'wrong-key-1' },
        'acme.zendesk.com': { helpdesk: 'zendesk', email: 'ada@acme.test', token: 'old-token' },
      },
      credentialRefusals: { 'acme.freshdesk.com': 401 },
    });
    expect((await loadOptions()).keys).toEqual([
      { account: 'acme.freshdesk.com', helpdesk: 'freshdesk', refused: 401 },
      { account: 'acme.zendesk.com', helpdesk: 'zendesk', refused: null },
    ]);
    await replaceKey('acme.freshdesk.com', 'right-key-2');
    await replaceKey('acme.zendesk.com', 'new-token');
    expect(await storedCredential('acme.freshdesk.com')).toEqual({
      helpdesk: 'freshdesk',
      apiKey: 'right-key-2',
    });
    expect(await storedCredential('acme.zendesk.com')).toEqual({
      helpdesk: 'zendesk',
      email: 'ada@acme.test',
      token: 'new-token',
    });
    expect((await loadOptions()).keys.map((k) => k.refused)).toEqual([null, null]);
    await removeKey('acme.zendesk.com');
    expect((await loadOptions()).keys.map((k) => k.account)).toEqual(['acme.freshdesk.com']);
    expect(onChange).toHaveBeenCalled();
    stop();
  });
});
