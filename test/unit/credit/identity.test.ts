import { describe, expect, it } from 'vitest';
import { createCreditService } from '../../../lib/credit/service';
import { getAccount, putMe } from '../../../lib/db/queries';
import type { Agent } from '../../../lib/domain/model';
import { HelpdeskError } from '../../../lib/helpdesks/http';
import { SIGNED_OUT } from '../../../lib/helpdesks/identity';
import { ACCOUNT, ADA, CUSTOMER, harness, START, TICKET, uuid } from './fakes';

const BEN: Agent = { ...ADA, id: '200', name: 'Ben Backline', email: 'ben@acme.test' };
const grantCmd = (n: number) => ({ grantId: uuid(n), ticket: TICKET, amount: 500, reason: 'late delivery' });
const approvalCmd = (n: number) => ({ requestId: uuid(n), ticket: TICKET, amount: 5000, reason: 'broken' });

/** The harness's helpdesk, answering users/me with `me` (an agent, or the error it throws). */
function setup(me: () => Agent) {
  const h = harness();
  h.helpdesk.adapter.me = async () => me();
  return { ...h, service: createCreditService(h.deps) };
}

describe('identity is confirmed with the helpdesk before money moves (finding 3)', () => {
  it('a grant after another agent signed in goes out under the new agent, with their limits', async () => {
    const s = setup(() => BEN);
    await putMe(s.deps.db, ACCOUNT, ADA, START);
    // The sidebar still remembered Ada; the helpdesk says Ben.
    expect(await s.service.grant(grantCmd(1), ADA, CUSTOMER)).toEqual({ ok: true });
    expect((await s.deps.db.grants.get(uuid(1)))?.grant.agentId).toBe(BEN.id);
    expect((await getAccount(s.deps.db, ACCOUNT))?.me?.id).toBe(BEN.id);
  });

  it.each([
    [
      'a 401',
      () => new HelpdeskError('signed-out', 'GET /api/v2/users/me', 'Couldn’t authenticate you', 401),
    ],
    [
      'an anonymous users/me',
      () => new HelpdeskError('signed-out', 'GET /api/v2/users/me', 'anonymous', 200),
    ],
  ])(
    '%s refuses the grant and the approval request, writes nothing, and clears the cached agent',
    async (_n, error) => {
      const s = setup(() => {
        throw error();
      });
      await putMe(s.deps.db, ACCOUNT, ADA, START);
      expect(await s.service.grant(grantCmd(1), ADA, CUSTOMER)).toEqual({ ok: false, message: SIGNED_OUT });
      expect(await s.service.requestApproval(approvalCmd(2), ADA, CUSTOMER)).toEqual({
        ok: false,
        message: SIGNED_OUT,
      });
      expect(await s.deps.db.grants.count()).toBe(0);
      expect(await s.deps.db.outbox.count()).toBe(0);
      expect((await getAccount(s.deps.db, ACCOUNT))?.me).toBeNull();
    },
  );

  it('a check that fails for another reason refuses, and keeps the cached agent', async () => {
    const s = setup(() => {
      throw new HelpdeskError('network', 'GET /api/v2/users/me', 'offline');
    });
    await putMe(s.deps.db, ACCOUNT, ADA, START);
    const result = await s.service.grant(grantCmd(1), ADA, CUSTOMER);
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(/Could not confirm who is signed in/),
    });
    expect(await s.deps.db.grants.count()).toBe(0);
    expect((await getAccount(s.deps.db, ACCOUNT))?.me?.id).toBe(ADA.id);
  });
});
