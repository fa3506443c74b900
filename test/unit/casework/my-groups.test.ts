import { describe, expect, it, vi } from 'vitest';
import { createMyGroups, GROUPS_RETRY_MS } from '../../../lib/casework/actions/my-groups';
import type { Agent } from '../../../lib/domain/model';
import type { TicketRef } from '../../../lib/domain/ticket-ref';

const ticket: TicketRef = { helpdesk: 'zendesk', account: 'acme.zendesk.com', id: '7' };
const me: Agent = {
  helpdesk: 'zendesk',
  id: '1',
  account: 'acme.zendesk.com',
  name: 'Ada',
  email: 'ada@acme.test',
};

const world = (answers: (() => Promise<string[]>)[]) => {
  let now = 0;
  const changed = vi.fn();
  const ask = vi.fn(() => answers.shift()!());
  const groups = createMyGroups({ ask, changed, now: () => now });
  return { groups, ask, changed, tick: (ms: number) => (now += ms) };
};

describe('the agent’s groups for the casework view', () => {
  it('never makes a publish wait on the helpdesk: not ready at once, then the answer republishes and is kept', async () => {
    let answer: (ids: string[]) => void = () => {};
    const { groups, ask, changed } = world([() => new Promise((resolve) => (answer = resolve))]);
    expect(groups(ticket, me)).toBeNull();
    expect(groups(ticket, me)).toBeNull();
    expect(ask).toHaveBeenCalledTimes(1);
    answer(['g1']);
    await vi.waitFor(() => expect(changed).toHaveBeenCalledWith(ticket));
    expect(groups(ticket, me)).toEqual(['g1']);
    expect(ask).toHaveBeenCalledTimes(1);
  });

  it('a failed ask counts as no groups, republishes once, and is asked again only after the retry time', async () => {
    const { groups, ask, changed, tick } = world([
      () => Promise.reject(new Error('network')),
      () => Promise.resolve(['g2']),
    ]);
    expect(groups(ticket, me)).toBeNull();
    await vi.waitFor(() => expect(changed).toHaveBeenCalledTimes(1));
    expect(groups(ticket, me)).toEqual([]);
    expect(ask).toHaveBeenCalledTimes(1);
    tick(GROUPS_RETRY_MS + 1);
    expect(groups(ticket, me)).toEqual([]);
    await vi.waitFor(() => expect(changed).toHaveBeenCalledTimes(2));
    expect(groups(ticket, me)).toEqual(['g2']);
  });
});
