import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthorityPolicy } from '../../../lib/domain/policy';
import { GatewayReview } from '../../../lib/gateway/protocol';
import type { Manager } from '../../src/managers/authenticate';
import { verifiedCache } from '../../src/managers/cache';
import { forwardingClient } from '../../src/managers/forwarding-client';
import { reviewRoutes } from '../../src/review/plugin';
import type { Sql } from '../../src/review/sql';
import { migratedPglite } from './db';
import { basic, fakeHelpdesk } from './fake-helpdesk';

const ZD = 'acme.zendesk.com';
const BIG = 'big.zendesk.com';
const ADMIN = 'Bearer admin-oauth-token';
const REP = basic('rep@acme.test/token', 'tok');

let db: Awaited<ReturnType<typeof migratedPglite>>;
let app: FastifyInstance;
/** Statements the review ran, to show one round trip per part whatever the team's size. */
let statements = 0;

const policy = AuthorityPolicy.parse({
  currency: 'USD',
  period: 'week',
  timeZone: 'UTC',
  tiers: [{ name: 'rep', perGrant: 1000, perCustomerPerPeriod: 2000, perPeriod: 10000 }],
  reasons: ['late delivery'],
});

async function seedGrant(
  sql: Sql,
  account: string,
  g: { agent: string; amount: number; at: string; reason?: string; id?: string },
) {
  const id = g.id ?? randomUUID();
  await sql.query(`INSERT INTO agents (account, agent_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
    account,
    g.agent,
  ]);
  await sql.query(
    `INSERT INTO grants (grant_id, account, ticket, agent_id, customer_id, amount, currency, reason, note_id, noted_at,
                         period_start, period_end, checked_at)
     VALUES ($1, $2, '101', $3, '900', $4, 'USD', $5, '1', $6, $6, $6, $6)`,
    [id, account, g.agent, g.amount, g.reason ?? 'late delivery', g.at],
  );
  return id;
}

beforeAll(async () => {
  db = await migratedPglite();
  const helpdesk = fakeHelpdesk('zendesk', {
    [ADMIN]: { id: 10, name: 'Ada Admin', email: 'ada@acme.test', role: 'admin' },
    [REP]: { id: 20, name: 'Rey Rep', email: 'rep@acme.test', role: 'agent' },
  });
  const counted = {
    ...db,
    query: ((sql: string, params?: readonly unknown[]) => {
      statements++;
      return db.query(sql, params);
    }) as Sql['query'],
  };
  app = Fastify();
  await app.register(
    reviewRoutes({
      store: counted,
      now: Date.now,
      account: (name) =>
        name === ZD || name === BIG
          ? {
              account: name,
              kind: 'zendesk',
              policy,
              client: async () => ({ status: 500, headers: {}, body: '' }),
            }
          : null,
      managers: {
        cache: verifiedCache<Manager>(),
        clientFor: (_a, authorization) =>
          forwardingClient('https://helpdesk.test', authorization, helpdesk.fetchImpl),
      },
    }),
  );

  const executed = await seedGrant(db, ZD, { agent: '20', amount: 2500, at: '2026-12-01T10:00:00Z' });
  await db.query(
    `INSERT INTO executions (grant_id, executor, state, reference, started_at, executed_at)
     VALUES ($1, 'stripe', 'executed', 'cbtxn_123', now(), now())`,
    [executed],
  );
  await seedGrant(db, ZD, {
    agent: '20',
    amount: 500,
    at: '2026-12-02T10:00:00Z',
    reason: '=HYPERLINK("http://evil","click"), now',
  });
  await seedGrant(db, ZD, { agent: '21', amount: 700, at: '2026-12-02T11:00:00Z' });
  await seedGrant(db, ZD, { agent: '21', amount: 999, at: '2026-11-20T11:00:00Z' });
  await db.query(
    `INSERT INTO refusals (grant_id, account, ticket, agent_id, amount, code, message, at)
     VALUES ($1, $2, '102', '20', 90000, 'author-mismatch', '@SUM(A1) the note was written by agent 21', '2026-12-03T09:00:00Z')`,
    [randomUUID(), ZD],
  );
  await db.query(
    `INSERT INTO approvals (request_id, account, ticket, agent_id, customer_id, amount, currency, reason, note_id,
                            requested_at, received_at)
     VALUES ($1, $2, '103', '21', '900', 4200, 'USD', 'late delivery', '5', '2026-10-01T00:00:00Z', now())`,
    [randomUUID(), ZD],
  );
}, 120_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const WEEK = 'from=2026-11-30T00:00:00Z&until=2026-12-07T00:00:00Z';
const review = (query: string, authorization?: string, account = ZD, csv = false) =>
  app.inject({
    method: 'GET',
    url: `/v1/accounts/${account}/review${csv ? '.csv' : ''}?${query}`,
    headers: authorization ? { authorization } : {},
  });

describe('GET /v1/accounts/:account/review', () => {
  it('refuses without a credential (401), a plain agent (403), an unknown account (404), a bad period (400)', async () => {
    expect((await review(WEEK)).statusCode).toBe(401);
    const agent = await review(WEEK, REP);
    expect(agent.statusCode).toBe(403);
    expect(agent.json()).toMatchObject({ error: 'forbidden' });
    expect((await review(WEEK, ADMIN, 'other.zendesk.com')).statusCode).toBe(404);
    const backwards = await review('from=2026-12-07T00:00:00Z&until=2026-11-30T00:00:00Z', ADMIN);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().message).toContain('before');
  });

  it("answers the period's grants with their execution, totals per agent, refusals and the open queue", async () => {
    const response = await review(WEEK, ADMIN);
    expect(response.statusCode).toBe(200);
    const body = GatewayReview.parse(response.json());
    expect(body.grants.map((g) => g.amount)).toEqual([2500, 500, 700]);
    expect(body.grants[0]?.execution).toEqual({
      executor: 'stripe',
      state: 'executed',
      reference: 'cbtxn_123',
      error: null,
    });
    expect(body.grants[1]?.execution.state).toBe('none');
    expect(body.totals).toEqual([
      { agentId: '20', count: 2, amount: 3000 },
      { agentId: '21', count: 1, amount: 700 },
    ]);
    expect(body.refusals).toEqual([
      expect.objectContaining({ ticket: '102', agentId: '20', amount: 90000, code: 'author-mismatch' }),
    ]);
    // Undecided requests stay in the queue whatever their age.
    expect(body.approvals.map((a) => a.ticket)).toEqual(['103']);
  });

  it('exports the same period as CSV with formula cells defused and RFC 4180 quoting', async () => {
    const response = await review(WEEK, ADMIN, ZD, true);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.body.split('\r\n');
    expect(lines[0]).toMatch(/^kind,grant id,agent id/);
    expect(lines).toHaveLength(1 + 3 + 1 + 1);
    expect(response.body).toContain(`"'=HYPERLINK(""http://evil"",""click""), now"`);
    expect(response.body).toContain(`'@SUM(A1) the note was written by agent 21`);
    expect(response.body).not.toMatch(/,=|,@/);
    expect(lines.find((l) => l.includes('cbtxn_123'))).toContain(',25.00,USD,2500,');
  });
});

describe('the review at team scale', () => {
  it('reads 5,000 grants of 200 agents in one request of four statements', { timeout: 120_000 }, async () => {
    const values: string[] = [];
    const params: unknown[] = [];
    for (let i = 0; i < 5_000; i++) {
      const at = new Date(Date.parse('2026-12-01T00:00:00Z') + i * 60_000).toISOString();
      params.push(randomUUID(), String(1000 + (i % 200)), 100 + (i % 7), at);
      const n = params.length;
      values.push(
        `($${n - 3}, '${BIG}', '7', $${n - 2}, '900', $${n - 1}, 'USD', 'r', '1', $${n}, $${n}, $${n}, $${n})`,
      );
    }
    await db.query(
      `INSERT INTO agents (account, agent_id) SELECT '${BIG}', (1000 + g)::text FROM generate_series(0, 199) g`,
    );
    await db.query(
      `INSERT INTO grants (grant_id, account, ticket, agent_id, customer_id, amount, currency, reason, note_id, noted_at,
                           period_start, period_end, checked_at) VALUES ${values.join(',')}`,
      params,
    );
    await review(WEEK, ADMIN, BIG); // signs in once; the cache answers below
    statements = 0;
    const started = performance.now();
    const response = await review(WEEK, ADMIN, BIG);
    const ms = performance.now() - started;
    console.info(`gateway review: 5,000 grants of 200 agents in one request, ${ms.toFixed(0)} ms`);
    expect(response.statusCode).toBe(200);
    const body = GatewayReview.parse(response.json());
    expect(body.grants).toHaveLength(5_000);
    expect(body.totals).toHaveLength(200);
    expect(body.totals.reduce((s, t) => s + t.count, 0)).toBe(5_000);
    expect(body.totals.reduce((s, t) => s + t.amount, 0)).toBe(body.grants.reduce((s, g) => s + g.amount, 0));
    expect(statements).toBe(4);
    expect(ms).toBeLessThan(10_000);
  });
});
