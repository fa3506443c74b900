import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditNoteText } from '../../lib/domain/note-text';
import { GrantVerdict } from '../../lib/gateway/protocol';
import { type Simulator, startSimulator } from '../../test/sim/server';
import { EXECUTOR_FACTORIES } from '../src/executors/registry';
import { writeBackText } from '../src/grants/write-back';
import { simGatewayConfig, ZENDESK } from './support/sim-gateway';

const ROOT = new URL('../..', import.meta.url).pathname;
const SECRET = 'restart-test-signing-secret';

interface Child {
  process: ChildProcess;
  url: Promise<string>;
  exited: Promise<number | null>;
}

/** `node --import tsx gateway/src/main.ts`, as `npm run gateway` starts it; the URL comes from its log. */
function startChild(env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.includes('"gateway listening"'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    exited.then((code) => reject(new Error(`gateway exited (${code}) before listening: ${stderr}`)));
  });
  return { process: child, url, exited };
}

const waitFor = async (check: () => boolean, ms: number): Promise<void> => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 200));
  }
};

/**
 * Issue 19's acceptance: the gateway killed between execution and write-back, and restarted,
 * executes nothing twice. The first process exits right after the billing webhook answered
 * (FRONTLINE_GATEWAY_TEST_EXIT_AFTER_EXECUTE, gateway/README.md); the second, on the same
 * data folder, finishes the write-back. The billing receiver counts every call it gets.
 * Needs the webhook executor (gw-stripe's webhook.ts in the registry).
 */
describe.skipIf(!EXECUTOR_FACTORIES.webhook)('gateway restart', { timeout: 300_000 }, () => {
  let sim: Simulator;
  let dir: string;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 7, size: 'tiny' });
    sim.control.billing.setSecret(SECRET);
    dir = mkdtempSync(join(tmpdir(), 'gw-restart-'));
  }, 300_000);
  afterAll(async () => {
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('executes once and writes the reference back once across a kill and a restart', async () => {
    const base = simGatewayConfig(sim);
    const config = {
      ...base,
      logLevel: 'info',
      database: { dataDir: join(dir, 'pgdata') },
      sweepLeaseSeconds: 0,
      executors: { webhook: { url: `https://localhost:${sim.port}/__sim/billing`, secret: SECRET } },
    };
    const configFile = join(dir, 'gateway.json');
    writeFileSync(configFile, JSON.stringify(config));
    // Node's own fetch (the webhook executor's) must trust the simulator's certificate too.
    const env = {
      FRONTLINE_GATEWAY_CONFIG: configFile,
      NODE_EXTRA_CA_CERTS: base.helpdeskNetwork?.caFile ?? '',
    };

    const ticket = [...sim.data.account(ZENDESK).tickets.values()].find(
      (t) => !t.archived && t.status !== 'closed',
    )!;
    const ada = sim.data.userByEmail(ZENDESK, 'ada@acme.test')!;
    const grantId = crypto.randomUUID();
    sim.control.addNote(
      ticket,
      creditNoteText(
        {
          kind: 'credit',
          id: grantId,
          amount: 900,
          currency: 'USD',
          agent: ada.id,
          customer: ticket.requesterId,
          reason: 'Goodwill',
        },
        ada.name,
      ),
      ada.email,
    );
    const submission = JSON.stringify({ account: ZENDESK, ticket: ticket.id, grantId });
    const post = (url: string) =>
      fetch(`${url}/v1/grants`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: submission,
      });
    const notes = () =>
      sim.data
        .comments(ZENDESK, ticket.id)
        .filter((c) => c.body.includes(grantId) && !c.body.includes('[frontline:'));

    const first = startChild({ ...env, FRONTLINE_GATEWAY_TEST_EXIT_AFTER_EXECUTE: '1' });
    await expect(post(await first.url)).rejects.toThrow();
    expect(await first.exited).toBe(86);
    expect(sim.control.billing.calls()).toBe(1);
    expect(sim.control.billing.received()).toHaveLength(1);
    expect(notes()).toHaveLength(0);

    const second = startChild(env);
    try {
      const url = await second.url;
      await waitFor(() => notes().length === 1, 60_000);
      const verdict = GrantVerdict.parse(await (await post(url)).json());
      expect(verdict).toMatchObject({ status: 'executed', executor: 'webhook' });
      if (verdict.status === 'executed')
        expect(notes()[0]?.body).toContain(writeBackText(grantId, 'webhook', verdict.reference));
      expect(sim.control.billing.calls()).toBe(1);
      expect(notes()).toHaveLength(1);
    } finally {
      second.process.kill('SIGTERM');
      await second.exited;
    }
  });
});
