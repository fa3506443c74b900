import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBackText } from '../../gateway/src/grants/write-back';
import type { CreditMarker } from '../../lib/domain/markers';
import { creditNoteText } from '../../lib/domain/note-text';
import { GatewayPolicy, GrantVerdict } from '../../lib/gateway/protocol';
import type { SimTicket, SimUser } from '../sim/data/model';
import { type Simulator, startSimulator } from '../sim/server';
import { type DemoGateway, GATEWAY_HOST, requesterEmails, startDemoGateway, withHostRule } from './gateway';
import { DEMO_POLICY } from './policy';

const ZENDESK = 'acme.zendesk.com';
const FRESHDESK = 'acme.freshdesk.com';

describe('withHostRule', () => {
  it('puts the gateway first in the existing rules, so the simulator’s wildcards cannot take its host', () => {
    const args = ['--no-sandbox', '--host-resolver-rules=MAP *.example.com 127.0.0.1:1', '--disable-gpu'];
    expect(withHostRule(args, 'MAP gateway.acme.test 127.0.0.1:2')).toEqual([
      '--no-sandbox',
      '--host-resolver-rules=MAP gateway.acme.test 127.0.0.1:2,MAP *.example.com 127.0.0.1:1',
      '--disable-gpu',
    ]);
  });

  it('adds the flag when there is none', () => {
    expect(withHostRule(['--no-sandbox'], 'MAP a 127.0.0.1:2')).toEqual([
      '--no-sandbox',
      '--host-resolver-rules=MAP a 127.0.0.1:2',
    ]);
  });
});

// The simulator, PGlite and a certificate start in seconds alone, far slower on a loaded shared machine.
describe('the demo’s gateway', { timeout: 120_000 }, () => {
  let sim: Simulator;
  let demo: DemoGateway;
  // What Chromium does with the demo's flags: GATEWAY_HOST resolves to the front, its certificate is not checked.
  let browserish: Agent;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 7, size: 'tiny' });
    demo = await startDemoGateway(sim, DEMO_POLICY);
    browserish = new Agent({
      connect: {
        rejectUnauthorized: false,
        lookup: (_host, options, callback) =>
          options.all
            ? callback(null, [{ address: '127.0.0.1', family: 4 }])
            : callback(null, '127.0.0.1', 4),
      },
    });
  }, 300_000);
  afterAll(async () => {
    await browserish?.close();
    await demo?.close();
    await sim?.close();
  }, 60_000);

  const call = async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const response = await undiciFetch(`${demo.url}:${demo.frontPort}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        origin: 'chrome-extension://frontlinedemo',
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      dispatcher: browserish,
    });
    return {
      status: response.status,
      headers: response.headers,
      json: await response.json().catch(() => null),
    };
  };

  it('is named by an https URL on its own host, which the extension’s policy schema requires', () => {
    expect(demo.url).toBe(`https://${GATEWAY_HOST}`);
    expect(demo.hostRule).toBe(`MAP ${GATEWAY_HOST} 127.0.0.1:${demo.frontPort}`);
  });

  it('serves the demo policy for both simulated accounts over HTTPS, readable cross-origin', async () => {
    for (const account of [ZENDESK, FRESHDESK]) {
      const { status, headers, json } = await call(`/v1/accounts/${account}/policy`);
      expect(status).toBe(200);
      expect(headers.get('access-control-allow-origin')).toBe('*');
      expect(GatewayPolicy.parse(json).policy).toMatchObject({
        currency: 'USD',
        presets: DEMO_POLICY.presets,
        undoSeconds: DEMO_POLICY.undoSeconds,
      });
    }
  });

  it('answers the worker’s preflight through the front', async () => {
    const { status, headers } = await call('/v1/grants', { method: 'OPTIONS' });
    expect(status).toBe(204);
    expect(headers.get('access-control-allow-origin')).toBe('*');
  });

  it('has a Stripe customer for every requester', () => {
    const emails = requesterEmails(sim);
    expect(emails.length).toBeGreaterThan(0);
    const customers = new Set(demo.stripe.control.customers().map((c) => c.email));
    expect(emails.filter((e) => !customers.has(e))).toEqual([]);
  });

  it('credits the requester at the Stripe simulator once, however often the grant is sent, and writes the reference back once', async () => {
    const ticket = [...sim.data.account(ZENDESK).tickets.values()].find(
      (t) => !t.archived && t.status !== 'closed',
    ) as SimTicket;
    const ada = sim.data.userByEmail(ZENDESK, 'ada@acme.test') as SimUser;
    const marker: CreditMarker = {
      kind: 'credit',
      id: crypto.randomUUID(),
      amount: 1000,
      currency: 'USD',
      agent: ada.id,
      customer: ticket.requesterId,
      reason: 'Goodwill',
    };
    sim.control.addNote(ticket, creditNoteText(marker, ada.name), ada.email);
    const body = { account: ZENDESK, ticket: ticket.id, grantId: marker.id };
    const first = GrantVerdict.parse((await call('/v1/grants', { method: 'POST', body })).json);
    expect(first).toMatchObject({ status: 'executed', executor: 'stripe' });
    const again = GrantVerdict.parse((await call('/v1/grants', { method: 'POST', body })).json);
    expect(again).toEqual(first);

    const made = demo.stripe.control
      .balanceTransactions()
      .filter((t) => t.metadata.frontline_grant_id === marker.id);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ amount: -1000, currency: 'usd' });
    expect(first.status === 'executed' && first.reference).toBe(made[0]!.id);
    const requester = sim.data.user(ZENDESK, ticket.requesterId)!;
    const customer = demo.stripe.control.customers().find((c) => c.id === made[0]!.customer);
    expect(customer?.email).toBe(requester.email);
    const notes = sim.data
      .comments(ZENDESK, ticket.id)
      .filter((c) => !c.public && c.body.includes(writeBackText(marker.id, 'stripe', made[0]!.id)));
    expect(notes).toHaveLength(1);
  });
});
