import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { forgetManagedPolicy, loadOptions, watchOptions } from '../../../entrypoints/options/storage';
import { MANAGED_VANISHED, readPolicy } from '../../../lib/credit/policy';
import { loadPolicy } from '../../../lib/credit/runtime';
import { managedPolicySeen } from '../../../lib/storage/items';

const policy = (perGrant: number) => ({
  currency: 'USD',
  period: 'week',
  timeZone: 'UTC',
  tiers: [{ name: 'Standard', perGrant, perCustomerPerPeriod: 50_000, perPeriod: 100_000 }],
  defaultTier: 'Standard',
  reasons: ['Goodwill'],
});
const MANAGED = policy(2_500);
/** What a rep could write into storage.local to give themselves more. */
const SELF = policy(40_000);

const perGrantOf = (result: Awaited<ReturnType<typeof loadPolicy>>) =>
  'policy' in result ? result.policy.tiers[0]?.perGrant : null;

describe('a vanished managed policy', () => {
  it('turns grants off with the reason once a policy seen in this profile is removed; the self-managed one is not used', async () => {
    await fakeBrowser.storage.local.set({ policy: SELF });
    await fakeBrowser.storage.managed.set(MANAGED);
    const first = await loadPolicy();
    expect(first).toMatchObject({ source: 'managed' });
    expect(perGrantOf(first)).toBe(2_500);
    expect(await managedPolicySeen().getValue()).not.toBeNull();

    await fakeBrowser.storage.managed.clear();
    expect(await loadPolicy()).toEqual({
      error: MANAGED_VANISHED,
      off: { why: 'managed-vanished' },
      source: 'managed',
    });
    // Still off on the next read: nothing but the administrator or the options page ends it.
    expect(await loadPolicy()).toEqual({
      error: MANAGED_VANISHED,
      off: { why: 'managed-vanished' },
      source: 'managed',
    });
  });

  it('turns grants off when storage.managed fails to read after a policy was seen', async () => {
    await fakeBrowser.storage.local.set({ policy: SELF });
    await fakeBrowser.storage.managed.set(MANAGED);
    await loadPolicy();
    const spy = vi
      .spyOn(fakeBrowser.storage.managed, 'get')
      .mockRejectedValue(new Error('policy service down'));
    expect(await loadPolicy()).toEqual({
      error: MANAGED_VANISHED,
      off: { why: 'managed-vanished' },
      source: 'managed',
    });
    spy.mockRestore();
  });

  it('uses the administrator’s restored policy again', async () => {
    await fakeBrowser.storage.managed.set(MANAGED);
    await loadPolicy();
    await fakeBrowser.storage.managed.clear();
    expect(await loadPolicy()).toHaveProperty('error', MANAGED_VANISHED);
    await fakeBrowser.storage.managed.set(policy(1_000));
    expect(perGrantOf(await loadPolicy())).toBe(1_000);
  });

  it('uses the self-managed policy again once cleared from the options page, and refuses to clear while one is present', async () => {
    await fakeBrowser.storage.local.set({ policy: SELF });
    await fakeBrowser.storage.managed.set(MANAGED);
    await loadPolicy();
    expect(await forgetManagedPolicy()).toBe(false);
    expect(await managedPolicySeen().getValue()).not.toBeNull();

    await fakeBrowser.storage.managed.clear();
    const onChange = vi.fn();
    const stop = watchOptions(onChange);
    expect((await loadOptions()).managedSeenSince).toEqual(expect.any(Number));
    expect(await forgetManagedPolicy()).toBe(true);
    expect(onChange).toHaveBeenCalled();
    stop();
    expect((await loadOptions()).managedSeenSince).toBeNull();
    const after = await loadPolicy();
    expect(after).toMatchObject({ source: 'self-managed' });
    expect(perGrantOf(after)).toBe(40_000);
  });

  it('keeps a read error that was never preceded by a managed policy as "no managed policy"', async () => {
    await fakeBrowser.storage.local.set({ policy: SELF });
    const spy = vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValue(new Error('no schema'));
    expect(await loadPolicy()).toMatchObject({ source: 'self-managed' });
    expect(await managedPolicySeen().getValue()).toBeNull();
    spy.mockRestore();
  });

  it('treats anything stored as the remembered state as seen (fail closed)', async () => {
    await fakeBrowser.storage.local.set({ policy: SELF, managedPolicySeen: 'garbled' });
    expect(await loadPolicy()).toEqual({
      error: MANAGED_VANISHED,
      off: { why: 'managed-vanished' },
      source: 'managed',
    });
    expect((await loadOptions()).managedSeenSince).toBe(0);
  });

  it('readPolicy: a seen but absent managed policy wins over a valid self-managed one', () => {
    expect(readPolicy(undefined, SELF, true)).toEqual({
      error: MANAGED_VANISHED,
      off: { why: 'managed-vanished' },
      source: 'managed',
    });
    expect(readPolicy(undefined, SELF, false)).toMatchObject({ source: 'self-managed' });
    expect(readPolicy(MANAGED, SELF, true)).toMatchObject({ source: 'managed' });
  });
});
