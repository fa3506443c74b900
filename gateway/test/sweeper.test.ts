import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GrantVerdict } from '../../lib/gateway/protocol';
import type { Simulator } from '../../test/sim/server';
import { startSimulator } from '../../test/sim/server';
import { ExecutorError } from '../src/executors/executor';
import { sweep } from '../src/grants/sweeper';
import { writeBackText } from '../src/grants/write-back';
import { fakeExecutor, type Harness, startHarness, submit, writeNote, ZENDESK } from './support/sim-gateway';
import { type TestDatabase, testStores } from './support/stores';

const stores = testStores();

const waitFor = async (check: () => boolean, ms = 30_000): Promise<void> => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
};

/**
 * A gateway that stops between the executor's answer and the write-back, or before the
 * executor answered, and a second gateway on the same database: the sweeper finishes the
 * work and nothing happens twice. (restart.test.ts does the same with a real process kill.)
 */
describe.each(stores.kinds)('sweeper on %s', { timeout: 120_000 }, (kind) => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 7, size: 'tiny' });
  }, 300_000);
  afterAll(async () => sim?.close(), 60_000);

  const notesOf = (h: Harness, ticketId: string, text: string) =>
    h.sim.data.comments(ZENDESK, ticketId).filter((c) => c.body.includes(text));

  it('writes the reference back once after a stop between execution and write-back', async () => {
    const db: TestDatabase = await stores.fresh(kind, { persistent: true });
    const executor = fakeExecutor();
    const first = await startHarness({
      sim,
      executor,
      database: db.database,
      afterExecute: () => {
        throw new Error('stopped after the executor answered');
      },
    });
    const ticket = first.ticket(0);
    const grantId = writeNote(first, ticket, first.ada, { amount: 700 });
    expect((await submit(first, ticket, grantId)).status).toBe(503);
    await first.close();
    expect(executor.calls).toHaveLength(1);
    const note = writeBackText(grantId, 'webhook', `bill_${grantId.slice(0, 8)}`);
    expect(notesOf(first, ticket.id, note)).toHaveLength(0);

    const second = await startHarness({ sim, executor, database: db.database, sweepLeaseSeconds: 0 });
    await waitFor(() => notesOf(second, ticket.id, note).length === 1);
    const again = GrantVerdict.parse((await submit(second, ticket, grantId)).json);
    expect(again).toMatchObject({ status: 'executed', reference: `bill_${grantId.slice(0, 8)}` });
    await second.close();
    expect(executor.calls).toHaveLength(1);
    expect(notesOf(second, ticket.id, note)).toHaveLength(1);
    await db.drop();
  });

  it('resumes an execution whose executor failed transiently, with the same grant id', async () => {
    const db: TestDatabase = await stores.fresh(kind, { persistent: true });
    const executor = fakeExecutor();
    const execute = executor.execute.bind(executor);
    let failures = 1;
    executor.execute = async (execution) => {
      if (failures-- > 0) {
        executor.calls.push(execution);
        throw new ExecutorError(false, 'billing unavailable', 503);
      }
      return execute(execution);
    };
    const h = await startHarness({ sim, executor, database: db.database, sweepLeaseSeconds: 0 });
    const ticket = h.ticket(1);
    const grantId = writeNote(h, ticket, h.ada, { amount: 800 });
    expect(GrantVerdict.parse((await submit(h, ticket, grantId)).json).status).toBe('accepted');
    const { rows } = await h.gateway.deps.store.query(
      'SELECT state, error FROM executions WHERE grant_id = $1',
      [grantId],
    );
    expect(rows[0]).toMatchObject({ state: 'started', error: 'billing unavailable' });
    expect(await sweep(h.gateway.deps)).toMatchObject({ resumed: 1 });
    expect(executor.calls.map((c) => c.grantId)).toEqual([grantId, grantId]);
    expect(GrantVerdict.parse((await submit(h, ticket, grantId)).json).status).toBe('executed');
    await h.close();
    await db.drop();
  });
});
