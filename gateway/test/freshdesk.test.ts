import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreditMarker } from '../../lib/domain/markers';
import { GrantVerdict } from '../../lib/gateway/protocol';
import type { SimUser } from '../../test/sim/data/model';
import { type Simulator, startSimulator } from '../../test/sim/server';
import { writeCreditNote } from '../../test/sim/testing/grants';
import { writeBackText } from '../src/grants/write-back';
import { type Harness, policyFor, startHarness } from './support/sim-gateway';

const FRESHDESK = 'acme.freshdesk.com';

/** The same flow on Freshdesk: key auth, the note's user_id as its author, notes written back. */
describe('POST /v1/grants on Freshdesk', { timeout: 120_000 }, () => {
  let sim: Simulator;
  let h: Harness;
  const user = (email: string) => sim.data.userByEmail(FRESHDESK, email) as SimUser;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 7, size: 'tiny' });
    h = await startHarness({
      sim,
      extraAccounts: [
        {
          kind: 'freshdesk',
          account: FRESHDESK,
          apiBase: `https://${FRESHDESK}:${sim.port}`,
          credentials: { apiKey: user('cleo@acme.test').apiKey ?? '' },
          requestsPerMinute: 10_000,
          policy: policyFor(user('ada@acme.test'), user('ben@acme.test')),
          executor: 'webhook',
        },
      ],
    });
  }, 300_000);
  afterAll(async () => {
    await h?.close();
    await sim?.close();
  }, 60_000);

  const note = (ticketId: string, author: SimUser, marker: Partial<CreditMarker> & { amount: number }) => {
    const ticket = sim.data.ticket(FRESHDESK, ticketId)!;
    return writeCreditNote(sim, ticket, author, marker);
  };

  it('executes a rep’s grant once and refuses a note by another agent', async () => {
    const ticket = [...sim.data.account(FRESHDESK).tickets.values()].find(
      (t) => !t.archived && !['4', '5'].includes(t.status),
    )!;
    const ada = user('ada@acme.test');
    const grantId = note(ticket.id, ada, { amount: 1200 });
    const verdict = GrantVerdict.parse(
      (await h.post({ account: FRESHDESK, ticket: ticket.id, grantId })).json,
    );
    expect(verdict).toMatchObject({ status: 'executed', executor: 'webhook' });
    expect(h.executor.calls.filter((c) => c.grantId === grantId)).toHaveLength(1);
    const written = sim.data
      .comments(FRESHDESK, ticket.id)
      .filter((c) => c.body.includes(writeBackText(grantId, 'webhook', `bill_${grantId.slice(0, 8)}`)));
    expect(written).toHaveLength(1);

    const forged = note(ticket.id, user('ben@acme.test'), { amount: 1200, agent: ada.id });
    const refused = GrantVerdict.parse(
      (await h.post({ account: FRESHDESK, ticket: ticket.id, grantId: forged })).json,
    );
    expect(refused).toMatchObject({ status: 'refused', code: 'author-mismatch' });
  });
});
