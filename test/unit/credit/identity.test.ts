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

/** Nothing this grant reserved is left: no pending, committing or recorded copy, no outbox row. */
const released = async (s: ReturnType<typeof setup>) => {
  const row = await s.deps.db.grants.get(uuid(1));
  expect(row === undefined || row.grant.state === 'undone').toBe(true);
  expect(await s.deps.db.outbox.count()).toBe(0);
};

describe('identity is confirmed with the helpdesk before money moves (finding 3)', () => {
  it('a grant after another agent signed in is taken back before anything is written, and the new agent is remembered', async () => {
    const s = setup(() => BEN);
    await putMe(s.deps.db, ACCOUNT, ADA, START);
    // The sidebar still remembered Ada; the helpdesk says Ben.
    expect(await s.service.grant(grantCmd(1), ADA, CUSTOMER)).toEqual({
      ok: false,
      message: expect.stringContaining('signed in as Ben Backline now'),
    });
    await released(s);
    expect((await getAccount(s.deps.db, ACCOUNT))?.me?.id).toBe(BEN.id);
    s.clock.now += 10_000;
    await s.service.drain();
    expect(s.helpdesk.notesOn(TICKET)).toHaveLength(0);
  });

  it('a grant the helpdesk confirmed is not asked about again when it commits', async () => {
    let asked = 0;
    const s = setup(() => {
      asked += 1;
      return ADA;
    });
    expect(await s.service.grant(grantCmd(1), ADA, CUSTOMER)).toEqual({ ok: true });
    s.clock.now += 10_000;
    await s.service.drain();
    expect(asked).toBe(1);
    expect(s.helpdesk.notesOn(TICKET)).toHaveLength(1);
  });

  it('a grant whose confirmation was lost with the worker is confirmed at commit: another agent signed in by then fails it, unwritten', async () => {
    let who: Agent = ADA;
    const s = setup(() => who);
    expect(await s.service.grant(grantCmd(1), ADA, CUSTOMER)).toEqual({ ok: true });
    // As if the worker stopped before the answer: the row does not say confirmed.
    const row = await s.deps.db.outbox.get(uuid(1));
    await s.deps.db.outbox.update(uuid(1), {
      payload: { ...(row?.payload as object), confirmed: undefined },
    });
    who = BEN;
    s.clock.now += 10_000;
    await s.service.drain();
    expect(s.helpdesk.notesOn(TICKET)).toHaveLength(0);
    expect((await s.deps.db.grants.get(uuid(1)))?.grant).toMatchObject({
      state: 'failed',
      error: expect.stringContaining('Ben Backline is signed in now'),
    });
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
      await released(s);
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
    await released(s);
    expect((await getAccount(s.deps.db, ACCOUNT))?.me?.id).toBe(ADA.id);
  });
});
