import { describe, expect, it, vi } from 'vitest';
import { createMyGroups } from '../../../lib/casework/actions/my-groups';
import { MY_GROUPS_FRESH_MS, storedMyGroups } from '../../../lib/casework/actions/stored-my-groups';
import type { Agent } from '../../../lib/domain/model';
import type { TicketRef } from '../../../lib/domain/ticket-ref';
import { freshDb } from './actions-fakes';

const ticket: TicketRef = { helpdesk: 'zendesk', account: 'acme.zendesk.com', id: '7' };
const ada: Agent = {
  helpdesk: 'zendesk',
  id: '1',
  account: 'acme.zendesk.com',
  name: 'Ada',
  email: 'ada@acme.test',
};
const ben: Agent = { ...ada, id: '2', name: 'Ben', email: 'ben@acme.test' };

describe('the agent’s groups across worker restarts', () => {
  it('a restarted worker takes the groups from the database within the hour; another agent, or an hour later, asks again', async () => {
    const db = freshDb();
    let now = Date.parse('2026-11-23T10:00:00Z');
    const read = vi.fn(async (_ticket: TicketRef, me: Agent) => (me.id === ada.id ? ['g1'] : ['g2']));
    /** One worker life: my-groups.ts's memory starts empty. */
    const worker = () => {
      const changed = vi.fn();
      const groups = createMyGroups({
        ask: storedMyGroups({ db, now: () => now, read }),
        changed,
        now: () => now,
      });
      return async (me: Agent) => {
        if (groups(ticket, me) === null) await vi.waitFor(() => expect(changed).toHaveBeenCalled());
        return groups(ticket, me);
      };
    };

    expect(await worker()(ada)).toEqual(['g1']);
    now += 5 * 60_000;
    expect(await worker()(ada)).toEqual(['g1']);
    expect(read).toHaveBeenCalledTimes(1);

    expect(await worker()(ben)).toEqual(['g2']);
    expect(read).toHaveBeenCalledTimes(2);

    now += MY_GROUPS_FRESH_MS;
    expect(await worker()(ben)).toEqual(['g2']);
    expect(read).toHaveBeenCalledTimes(3);
    db.close();
  });
});
