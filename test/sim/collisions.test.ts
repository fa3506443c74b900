import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SimTicket } from './data/model';
import { type Simulator, startSimulator } from './server';
import { csrfToken, signIn, simFetch } from './testing/client';

const ZD = 'acme.zendesk.com';
let sim: Simulator;
let cookie: string;
let csrf: string;
const used = new Set<string>();

const write = (method: string, path: string, body: unknown) =>
  simFetch(sim, ZD, path, { method, body, cookie, headers: { 'x-csrf-token': csrf } });
const tags = (id: string) => [...(sim.data.ticket(ZD, id)?.tags ?? [])];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function openTicket(): SimTicket {
  const found = [...sim.data.account(ZD).tickets.values()].find(
    (t) => !t.archived && t.status === 'open' && !used.has(t.id),
  );
  if (!found) throw new Error('no open ticket left');
  used.add(found.id);
  return found;
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 11, size: 'demo' });
  cookie = await signIn(sim, ZD);
  csrf = await csrfToken(sim, ZD, cookie);
});
afterEach(() => sim.control.setCollisions(0));
afterAll(() => sim.close());

describe('Zendesk ticket update collisions (sim)', () => {
  it('off by default: a note and a tag sent together both stay', async () => {
    const t = openTicket();
    await Promise.all([
      write('PUT', `/api/v2/tickets/${t.id}/tags.json`, { tags: ['rival'] }),
      write('PUT', `/api/v2/tickets/${t.id}.json`, { ticket: { comment: { body: 'n', public: false } } }),
    ]);
    expect(tags(t.id)).toContain('rival');
  });

  it('on: an update arriving while another is in progress saves the stale tags, and the first one’s tag is lost', async () => {
    sim.control.setCollisions(150);
    const t = openTicket();
    const tag = write('PUT', `/api/v2/tickets/${t.id}/tags.json`, { tags: ['rival'] });
    await sleep(30);
    const note = write('PUT', `/api/v2/tickets/${t.id}.json`, {
      ticket: { comment: { body: 'a note', public: false } },
    });
    expect((await tag).status).toBe(200);
    expect((await note).status).toBe(200);
    expect(tags(t.id)).not.toContain('rival');
    expect(sim.data.comments(ZD, t.id).at(-1)?.body).toBe('a note');
  });

  it('on: a safe update whose stamp went stale meanwhile gets the documented 409, and a fresh stamp goes through', async () => {
    sim.control.setCollisions(150);
    const t = openTicket();
    const stamp = sim.data.ticket(ZD, t.id)?.updatedAt;
    const rival = write('PUT', `/api/v2/tickets/${t.id}/tags.json`, { tags: ['rival'] });
    await sleep(30);
    const path = `/api/v2/tickets/${t.id}/tags.json`;
    const safe = await write('PUT', path, {
      tags: ['frontline_credit'],
      safe_update: true,
      updated_stamp: stamp,
    });
    expect((await rival).status).toBe(200);
    expect(safe.status).toBe(409);
    expect(safe.json()).toEqual({
      error: 'UpdateConflict',
      description:
        'Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.',
    });
    expect(tags(t.id)).toContain('rival');
    const again = await write('PUT', path, {
      tags: ['frontline_credit'],
      safe_update: true,
      updated_stamp: sim.data.ticket(ZD, t.id)?.updatedAt,
    });
    expect(again.status).toBe(200);
    expect(tags(t.id)).toEqual(expect.arrayContaining(['rival', 'frontline_credit']));
  });

  it('a closed ticket refuses a tag write with 422 "Status: closed prevents ticket update"', async () => {
    const t = openTicket();
    sim.control.setStatus(t, 'closed');
    const res = await write('PUT', `/api/v2/tickets/${t.id}/tags.json`, { tags: ['frontline_credit'] });
    expect(res.status).toBe(422);
    expect(res.json()).toMatchObject({
      error: 'RecordInvalid',
      description: 'Record validation errors',
      details: { status: [{ description: 'Status: closed prevents ticket update' }] },
    });
  });
});
