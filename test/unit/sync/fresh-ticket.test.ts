import { describe, expect, it } from 'vitest';
import type { Agent } from '../../../lib/domain/model';
import { withFreshTicket } from '../../../lib/sync/fresh-ticket';
import { memoryStore } from '../../support/memory-store';
import { ada, customer, makeCase, ref } from './fixtures';

describe('withFreshTicket: the context as the cache will hold it after the write', () => {
  it('is what reading the cache back gives', async () => {
    const store = memoryStore();
    const bo: Agent = { ...ada, id: '11', name: 'Bo' };
    await store.writeAgents([bo]);
    const before = await store.read(ref('1'));
    const fresh = { case: makeCase('1'), requester: customer, agents: [ada], groups: [] };
    const requester = await store.readRequester(ref('1').account, customer.id);
    const painted = withFreshTicket(before, fresh, requester);
    await store.writeTicket(fresh);
    const after = await store.read(ref('1'));
    expect({ ...painted, agents: [...painted.agents].sort((a, b) => a.id.localeCompare(b.id)) }).toEqual({
      ...after,
      agents: [...after.agents].sort((a, b) => a.id.localeCompare(b.id)),
    });
  });

  it('keeps a cached case newer than the one fetched, as the cache’s merge does', async () => {
    const newer = { ...makeCase('1'), subject: 'Renamed', updatedAt: '2099-01-01T00:00:00Z' };
    const base = { ...(await memoryStore().read(ref('1'))), case: newer, requester: customer, agents: [ada] };
    const fresh = {
      case: makeCase('1'),
      requester: customer,
      agents: [{ ...ada, name: 'Ada L.' }],
      groups: [],
    };
    const painted = withFreshTicket(base, fresh, null);
    expect(painted.case?.subject).toBe('Renamed');
    expect(painted.agents).toEqual([{ ...ada, name: 'Ada L.' }]);
  });
});
