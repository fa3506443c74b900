import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalRequestNoteText, creditNoteText } from '../../../lib/domain/note-text';
import { GatewayReview } from '../../../lib/gateway/protocol';
import type { SimTicket, SimUser } from '../../../test/sim/data/model';
import { type Simulator, startSimulator } from '../../../test/sim/server';
import { type RunningGateway, startGateway } from '../../src/start';
import { DAY_ZERO, fakeExecutor, simGatewayConfig, ZENDESK } from '../support/sim-gateway';

/**
 * The whole manager loop on one running gateway (embedded Postgres) and the helpdesk
 * simulator: a rep's grant is executed, a forged one refused, both show in the review a
 * manager loads in one request; a request is recorded from its note, approved by an approver
 * signed in through the helpdesk, and the approver's grant of it is accepted by gw-core's
 * check through deps.approvals (this part's table).
 */
let sim: Simulator;
let gateway: RunningGateway;
let ada: SimUser;
let ben: SimUser;
const executor = fakeExecutor();

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, size: 'tiny' });
  const user = (email: string) => sim.data.userByEmail(ZENDESK, email) as SimUser;
  ada = user('ada@acme.test');
  ben = user('ben@acme.test');
  const config = simGatewayConfig(sim);
  const [account] = config.accounts;
  if (!account) throw new Error('the simulator config has no account');
  const policy = { ...(account.policy as object), approvers: [ben.id] };
  gateway = await startGateway(
    { ...config, accounts: [{ ...account, policy }] },
    { now: () => DAY_ZERO, executors: new Map([['webhook', executor]]) },
  );
}, 180_000);
afterAll(async () => {
  await gateway?.close();
  await sim?.close();
});

const basicToken = (email: string) =>
  `Basic ${Buffer.from(`${email}/token:${sim.data.account(ZENDESK).apiToken}`).toString('base64')}`;

async function call(path: string, init: { body?: unknown; authorization?: string } = {}) {
  const response = await fetch(`${gateway.url}${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.authorization ? { authorization: init.authorization } : {}),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

function creditNote(ticket: SimTicket, author: SimUser, agent: SimUser, amount: number, request?: string) {
  const id = crypto.randomUUID();
  const marker = {
    kind: 'credit' as const,
    id,
    amount,
    currency: 'USD',
    agent: agent.id,
    customer: ticket.requesterId,
    reason: 'Goodwill',
    ...(request ? { request } : {}),
  };
  sim.control.addNote(ticket, creditNoteText(marker, author.name), author.email);
  return id;
}

describe('the manager loop on a running gateway', () => {
  it('names a forged grant in the review and lets an approver approve a request once', {
    timeout: 120_000,
  }, async () => {
    const live = [...sim.data.account(ZENDESK).tickets.values()].filter(
      (t) => !t.archived && t.status !== 'closed',
    );
    const [ticket, other] = live as [SimTicket, SimTicket];

    const fair = creditNote(ticket, ada, ada, 1000);
    expect(
      (await call('/v1/grants', { body: { account: ZENDESK, ticket: ticket.id, grantId: fair } })).json,
    ).toMatchObject({ status: 'executed' });
    const forged = creditNote(other, ben, ada, 9000);
    expect(
      (await call('/v1/grants', { body: { account: ZENDESK, ticket: other.id, grantId: forged } })).json,
    ).toMatchObject({ status: 'refused', code: 'author-mismatch' });

    const requestId = crypto.randomUUID();
    const request = {
      kind: 'approval-request' as const,
      id: requestId,
      amount: 4200,
      currency: 'USD',
      agent: ada.id,
      customer: ticket.requesterId,
      reason: 'Goodwill',
    };
    sim.control.addNote(ticket, approvalRequestNoteText(request, ada.name), ada.email);
    const recorded = await call('/v1/approval-requests', {
      body: { account: ZENDESK, ticket: ticket.id, requestId },
    });
    expect(recorded.status).toBe(200);

    const day = new Date(DAY_ZERO).toISOString().slice(0, 10);
    const period = `from=${day}T00:00:00Z&until=${day}T23:59:59Z`;
    expect(
      (await call(`/v1/accounts/${ZENDESK}/review?${period}`, { authorization: basicToken(ada.email) }))
        .status,
    ).toBe(403);
    const asAdmin = await call(`/v1/accounts/${ZENDESK}/review?${period}`, {
      authorization: basicToken('cleo@acme.test'),
    });
    expect(asAdmin.status).toBe(200);
    const review = GatewayReview.parse(asAdmin.json);
    expect(review.grants.map((g) => [g.grantId, g.execution.state])).toEqual([[fair, 'executed']]);
    expect(review.refusals.map((r) => [r.grantId, r.code])).toEqual([[forged, 'author-mismatch']]);
    expect(review.totals).toEqual([{ agentId: ada.id, count: 1, amount: 1000 }]);
    expect(review.approvals.map((a) => [a.requestId, a.decision])).toEqual([[requestId, null]]);

    const unapproved = creditNote(ticket, ben, ben, 4200, requestId);
    expect(
      (await call('/v1/grants', { body: { account: ZENDESK, ticket: ticket.id, grantId: unapproved } })).json,
    ).toMatchObject({ status: 'refused', code: 'request-not-approved' });

    const decision = `/v1/accounts/${ZENDESK}/approvals/${requestId}/decision`;
    expect(
      (await call(decision, { body: { decision: 'approve' }, authorization: basicToken(ada.email) })).status,
    ).toBe(403);
    const approved = await call(decision, {
      body: { decision: 'approve' },
      authorization: basicToken(ben.email),
    });
    expect(approved.status).toBe(200);
    expect(approved.json).toMatchObject({ decision: 'approve', decidedBy: ben.id });

    const granted = creditNote(ticket, ben, ben, 4200, requestId);
    expect(
      (await call('/v1/grants', { body: { account: ZENDESK, ticket: ticket.id, grantId: granted } })).json,
    ).toMatchObject({ status: 'executed' });
  });
});
