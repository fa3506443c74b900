import { describe, expect, it } from 'vitest';
import { agentGrantsSince, customerGrantsSince, grantRow, putGrants } from '../../../lib/db/grant-queries';
import { ACCOUNT, freshDb, grant, ref } from './factories';

describe('grant queries', () => {
  it('derives the indexed fields from the grant', () => {
    const g = grant(ref(1), 'pending', { at: '2024-05-01T12:00:00+02:00' });
    expect(grantRow(g)).toEqual({
      id: g.id,
      caseKey: `zendesk:${ACCOUNT}:1`,
      agentKey: `${ACCOUNT}:500`,
      customerKey: `${ACCOUNT}:900`,
      at: Date.parse('2024-05-01T10:00:00Z'),
      state: 'pending',
      grant: g,
    });
  });

  it("finds an agent's and a customer's grants since a time, oldest first", async () => {
    const db = freshDb();
    const early = grant(ref(1), 'recorded', { at: '2024-04-30T23:00:00Z' });
    const onTime = grant(ref(2), 'recorded', { at: '2024-05-01T00:00:00Z' });
    const late = grant(ref(3), 'pending', { at: '2024-05-02T09:00:00Z' });
    const otherAgent = grant(ref(4), 'recorded', {
      at: '2024-05-02T10:00:00Z',
      agentId: '501',
      customerId: '901',
    });
    await putGrants(db, [late, otherAgent, early, onTime]);
    const since = Date.parse('2024-05-01T00:00:00Z');
    expect(await agentGrantsSince(db, ACCOUNT, '500', since)).toEqual([onTime, late]);
    expect(await customerGrantsSince(db, ACCOUNT, '900')).toEqual([early, onTime, late]);
    expect(await customerGrantsSince(db, ACCOUNT, '901', since)).toEqual([otherAgent]);
  });
});
