import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sessionPauseStore } from '../../../lib/transport/pause-store';

describe('the pause store in storage.session', () => {
  it('keeps the pauses for the next worker, and reads a malformed value as none', async () => {
    const store = sessionPauseStore();
    expect(await store.load()).toEqual({});
    const pauses = {
      'acme.freshdesk.com': { until: 1_700_001_500_000, tickets: { '7': 1_700_000_093_000 } },
    };
    await store.save(pauses);
    expect(await sessionPauseStore().load()).toEqual(pauses);
    await fakeBrowser.storage.session.set({ ratePauses: { 'acme.freshdesk.com': { until: 'soon' } } });
    expect(await store.load()).toEqual({});
  });
});
