import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimTicket } from './data/model';
import { type Simulator, startSimulator } from './server';
import { basic, signIn, simFetch } from './testing/client';

const CNAME = 'support.acme.test';
const FD = 'acme.freshdesk.com';
let sim: Simulator;
let ticket: SimTicket;
let apiKey: string;

beforeAll(async () => {
  sim = await startSimulator({ seed: 3, size: 'demo' });
  ticket = sim.data.sampleTicket('freshdesk');
  apiKey = sim.data.userByEmail(FD, 'ada@acme.test')?.apiKey as string;
});
afterAll(() => sim.close());

describe('a Freshdesk account on its custom host (CNAME)', () => {
  it('serves the agent page of a ticket on the CNAME', async () => {
    const page = await simFetch(sim, CNAME, `/a/tickets/${ticket.id}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
  });

  it("answers session /api/v2 reads on the CNAME with the canonical account's data", async () => {
    const cookie = await signIn(sim, CNAME);
    const read = await simFetch(sim, CNAME, `/api/v2/tickets/${ticket.id}`, { cookie });
    expect(read.status).toBe(200);
    expect(read.json<{ subject: string }>().subject).toBe(ticket.subject);
  });

  it('answers an API key on the CNAME with a 404, and on the canonical host with the ticket', async () => {
    const headers = { authorization: basic(apiKey, 'X') };
    expect((await simFetch(sim, CNAME, `/api/v2/tickets/${ticket.id}`, { headers })).status).toBe(404);
    expect((await simFetch(sim, FD, `/api/v2/tickets/${ticket.id}`, { headers })).status).toBe(200);
  });

  it('is in the certificate and in the host resolver rules', () => {
    expect(sim.hostResolverRules).toContain(`MAP ${CNAME} 127.0.0.1:${sim.port}`);
  });

  it('is left out when the simulator is started without CNAMEs', async () => {
    const plain = await startSimulator({ seed: 3, size: 'demo', cnames: {} });
    try {
      expect((await simFetch(plain, CNAME, `/a/tickets/${ticket.id}`)).body).toContain('is not a helpdesk');
      expect(plain.hostResolverRules).not.toContain(CNAME);
    } finally {
      await plain.close();
    }
  });
});
