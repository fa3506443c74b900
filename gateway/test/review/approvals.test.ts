import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMarker } from '../../../lib/domain/markers';
import { AuthorityPolicy } from '../../../lib/domain/policy';
import { GatewayApproval } from '../../../lib/gateway/protocol';
import { adapterFor } from '../../../lib/helpdesks/adapters';
import type { Helpdesk } from '../../../test/sim/data/model';
import { type Simulator, startSimulator } from '../../../test/sim/server';
import type { Manager } from '../../src/managers/authenticate';
import { verifiedCache } from '../../src/managers/cache';
import { forwardingClient } from '../../src/managers/forwarding-client';
import { approvalsOf } from '../../src/review/decide';
import { reviewRoutes } from '../../src/review/plugin';
import { migratedPglite } from './db';
import { simBackedFetch } from './sim-fetch';

/**
 * Approval requests read from the helpdesk simulator with the gateway's own credential, and
 * decided by approvers signed in through the helpdesk: one decision per request, never by
 * the agent who asked.
 */
let sim: Simulator;
let db: Awaited<ReturnType<typeof migratedPglite>>;
let fetchImpl: typeof fetch;

beforeAll(async () => {
  [sim, db] = await Promise.all([startSimulator({ seed: 7, size: 'tiny' }), migratedPglite()]);
  fetchImpl = simBackedFetch(sim);
}, 120_000);
afterAll(async () => {
  await Promise.all([sim?.close(), db?.close()]);
});

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function people(helpdesk: Helpdesk) {
  const account = sim.data.accountOf(helpdesk);
  const person = (email: string) => {
    const user = sim.data.userByEmail(account.host, email);
    if (!user) throw new Error(`the simulator has no ${email}`);
    const header =
      helpdesk === 'zendesk' ? basic(`${user.email}/token`, account.apiToken) : basic(user.apiKey ?? '', 'X');
    return { id: user.id, header, client: forwardingClient(`https://${account.host}`, header, fetchImpl) };
  };
  return {
    host: account.host,
    ada: person('ada@acme.test'),
    ben: person('ben@acme.test'),
    cleo: person('cleo@acme.test'),
    dmitri: person('dmitri@acme.test'),
  };
}

async function appFor(
  helpdesk: Helpdesk,
): Promise<{ app: FastifyInstance; team: ReturnType<typeof people> }> {
  const team = people(helpdesk);
  const policy = AuthorityPolicy.parse({
    currency: 'USD',
    period: 'week',
    timeZone: 'UTC',
    tiers: [{ name: 'rep', perGrant: 1000, perCustomerPerPeriod: 2000, perPeriod: 10000 }],
    reasons: ['late delivery'],
    approvers: [team.ben.id, 'dmitri@acme.test', team.ada.id],
  });
  const app = Fastify();
  await app.register(
    reviewRoutes({
      store: db,
      now: Date.now,
      // The gateway's own helpdesk user is the administrator here.
      account: (name) =>
        name === team.host ? { account: team.host, kind: helpdesk, policy, client: team.cleo.client } : null,
      managers: {
        cache: verifiedCache<Manager>(),
        clientFor: (_account, authorization) =>
          forwardingClient(`https://${team.host}`, authorization, fetchImpl),
      },
    }),
  );
  return { app, team };
}

/** Writes an approval request note on a live ticket as `writer`, naming `agent`; returns the request's ids. */
async function requestNote(
  helpdesk: Helpdesk,
  writer: { client: ReturnType<typeof forwardingClient> },
  agent: string,
  customerOverride?: string,
) {
  const ticket = sim.data.sampleTicket(helpdesk);
  const requestId = randomUUID();
  const marker = formatMarker({
    kind: 'approval-request',
    id: requestId,
    amount: 4200,
    currency: 'USD',
    agent,
    customer: customerOverride ?? ticket.requesterId,
    reason: '=cmd|late delivery',
  });
  const ref = { helpdesk, account: sim.data.accountOf(helpdesk).host, id: ticket.id };
  await adapterFor(helpdesk).addPrivateNote(writer.client, ref, `Approval asked for 42.00 USD\n${marker}`);
  return { ticket: ticket.id, requestId };
}

describe.each<Helpdesk>(['zendesk', 'freshdesk'])('approvals on %s', (helpdesk) => {
  it('records a request read from its note, and refuses a note written by someone else', {
    timeout: 60_000,
  }, async () => {
    const { app, team } = await appFor(helpdesk);
    const mine = await requestNote(helpdesk, team.ada, team.ada.id);
    const recorded = await app.inject({
      method: 'POST',
      url: '/v1/approval-requests',
      payload: { account: team.host, ...mine },
    });
    expect(recorded.statusCode).toBe(200);
    expect(GatewayApproval.parse(recorded.json())).toMatchObject({
      requestId: mine.requestId,
      agentId: team.ada.id,
      amount: 4200,
      decision: null,
    });

    const forged = await requestNote(helpdesk, team.ben, team.ada.id);
    const refused = await app.inject({
      method: 'POST',
      url: '/v1/approval-requests',
      payload: { account: team.host, ...forged },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ error: 'request-not-trusted' });
    expect(refused.json().message).toContain('another agent');

    const unknown = await app.inject({
      method: 'POST',
      url: '/v1/approval-requests',
      payload: { account: team.host, ticket: mine.ticket, requestId: randomUUID() },
    });
    expect(unknown.statusCode).toBe(422);
    await app.close();
  });

  it('lets an approver decide once; refuses the asker, a second decision and a non-approver', {
    timeout: 60_000,
  }, async () => {
    const { app, team } = await appFor(helpdesk);
    const asked = await requestNote(helpdesk, team.ada, team.ada.id);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/v1/approval-requests',
          payload: { account: team.host, ...asked },
        })
      ).statusCode,
    ).toBe(200);
    const decide = (header: string | undefined, decision = 'approve') =>
      app.inject({
        method: 'POST',
        url: `/v1/accounts/${team.host}/approvals/${asked.requestId}/decision`,
        headers: header ? { authorization: header } : {},
        payload: { decision },
      });

    const own = await decide(team.ada.header);
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({ error: 'own-request' });
    expect((await decide(undefined)).statusCode).toBe(401);
    expect(await approvalsOf(db).approvedFor(team.host, asked.requestId)).toBeNull();

    // Two approvers at once: the row lock lets one decide, the other learns it was decided.
    const [first, second] = await Promise.all([
      decide(team.ben.header),
      decide(team.dmitri.header, 'decline'),
    ]);
    const codes = [first.statusCode, second.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const winner = first.statusCode === 200 ? first : second;
    const approval = GatewayApproval.parse(winner.json());
    expect(approval.decidedBy).toBe(first.statusCode === 200 ? team.ben.id : team.dmitri.id);
    expect(await approvalsOf(db).approvedFor(team.host, asked.requestId)).toEqual(
      approval.decision === 'approve' ? approval : null,
    );
    // The winner asking again (a lost answer) gets its decision; the other decision stays refused.
    const again = await decide(
      winner === first ? team.ben.header : team.dmitri.header,
      approval.decision ?? '',
    );
    expect(again.statusCode).toBe(200);
    expect(GatewayApproval.parse(again.json())).toEqual(approval);
    await app.close();
  });
});

describe('deps.approvals.approvedFor', () => {
  it('answers only approved requests of that account', async () => {
    const id = randomUUID();
    await db.query(
      `INSERT INTO approvals (request_id, account, ticket, agent_id, customer_id, amount, currency, reason, note_id,
                              requested_at, received_at, decision, decided_by, decided_at)
       VALUES ($1, 'x.zendesk.com', '1', '5', '6', 100, 'USD', 'r', '9', now(), now(), 'decline', '7', now())`,
      [id],
    );
    expect(await approvalsOf(db).approvedFor('x.zendesk.com', id)).toBeNull();
    await db.query(`UPDATE approvals SET decision = 'approve' WHERE request_id = $1`, [id]);
    expect(await approvalsOf(db).approvedFor('x.zendesk.com', id)).toMatchObject({
      requestId: id,
      decidedBy: '7',
    });
    expect(await approvalsOf(db).approvedFor('y.zendesk.com', id)).toBeNull();
  });

  it('holds the no-self-decision rule in the table too', async () => {
    await expect(
      db.query(
        `INSERT INTO approvals (request_id, account, ticket, agent_id, customer_id, amount, currency, reason, note_id,
                                requested_at, received_at, decision, decided_by, decided_at)
         VALUES ($1, 'x.zendesk.com', '1', '5', '6', 100, 'USD', 'r', '9', now(), now(), 'approve', '5', now())`,
        [randomUUID()],
      ),
    ).rejects.toThrow(/check constraint/);
  });
});
