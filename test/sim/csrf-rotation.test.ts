import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Session, Sessions } from './auth';
import { createCsrfRotation } from './csrf-rotation';
import { type Simulator, startSimulator } from './server';
import { csrfToken, signIn, simFetch } from './testing/client';

const ZD = 'acme.zendesk.com';
let sim: Simulator;
let cookie: string;

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, size: 'tiny' });
  cookie = await signIn(sim, ZD);
});
afterEach(() => {
  sim.control.reset();
  sim.control.setCsrf('zendesk', { status: 403 });
});
afterAll(() => sim.close());

const tagWrite = (token: string) =>
  simFetch(sim, ZD, `/api/v2/tickets/${sim.data.sampleTicket('zendesk').id}/tags.json`, {
    method: 'PUT',
    body: { tags: ['csrf_probe'] },
    cookie,
    headers: { 'x-csrf-token': token },
  });

describe('Zendesk CSRF rotation', () => {
  it('refuses the old token with the configured status once rotated, and session/renew issues the current one', async () => {
    sim.control.setCsrf('zendesk', { status: 422 });
    const old = await csrfToken(sim, ZD, cookie);
    expect(sim.control.rotateCsrf({ host: ZD })).toBeGreaterThan(0);
    expect((await tagWrite(old)).status).toBe(422);
    const renew = await simFetch(sim, ZD, '/api/v2/users/me/session/renew.json', { cookie });
    const fresh = renew.json<{ authenticity_token: string }>().authenticity_token;
    expect(fresh).not.toBe(old);
    expect(await csrfToken(sim, ZD, cookie)).toBe(fresh);
    expect((await tagWrite(fresh)).status).toBe(200);
  });

  it('rotates over HTTP: POST /__sim/csrf/rotate', async () => {
    const old = await csrfToken(sim, ZD, cookie);
    const res = await simFetch(sim, 'www.example.com', '/__sim/csrf/rotate', {
      method: 'POST',
      body: { host: ZD },
    });
    expect(res.json<{ rotated: number }>().rotated).toBeGreaterThan(0);
    expect((await tagWrite(old)).status).toBe(403);
  });

  it('leaves the token alone until asked', async () => {
    const token = await csrfToken(sim, ZD, cookie);
    expect((await tagWrite(token)).status).toBe(200);
    expect(await csrfToken(sim, ZD, cookie)).toBe(token);
  });
});

describe('createCsrfRotation', () => {
  const sessionsOf = (list: Session[]): Sessions => ({
    open: () => {
      throw new Error('not used');
    },
    get: () => undefined,
    close: () => undefined,
    all: () => list,
  });
  const session = (host: string): Session => ({ token: host, host, userId: '1', csrf: 'first' });

  it('rotates only the given host’s sessions', () => {
    const zd = session(ZD);
    const fd = session('acme.freshdesk.com');
    expect(createCsrfRotation(sessionsOf([zd, fd])).rotate(ZD)).toBe(1);
    expect(zd.csrf).not.toBe('first');
    expect(fd.csrf).toBe('first');
  });

  it('rotates every N minutes until stopped', () => {
    vi.useFakeTimers();
    try {
      const zd = session(ZD);
      const rotation = createCsrfRotation(sessionsOf([zd]));
      rotation.every(5);
      vi.advanceTimersByTime(4 * 60_000);
      expect(zd.csrf).toBe('first');
      vi.advanceTimersByTime(60_000);
      const second = zd.csrf;
      expect(second).not.toBe('first');
      rotation.every(null);
      vi.advanceTimersByTime(10 * 60_000);
      expect(zd.csrf).toBe(second);
    } finally {
      vi.useRealTimers();
    }
  });
});
