import { describe, expect, it } from 'vitest';
import { HelpdeskError } from '../../../lib/helpdesks/http';
import { get, response } from './fake-transport';
import { ACME, setup } from './scheduler-setup';

describe('scheduler: passing requests through', () => {
  it('hands the account and request to the transport and the response back', async () => {
    const { net, scheduler } = setup(() => response(200, { etag: 'W/"1"' }, '{"ticket":{}}'));
    const result = await scheduler.client(ACME, { priority: 'view' })(get('/api/v2/tickets/1.json'));
    expect(result).toEqual(response(200, { etag: 'W/"1"' }, '{"ticket":{}}'));
    expect(net.calls).toHaveLength(1);
    expect(net.calls[0]).toMatchObject({ account: ACME, request: get('/api/v2/tickets/1.json') });
  });

  it('returns a 4xx other than 429 at once, without retrying', async () => {
    const { net, scheduler } = setup(() => response(404, {}, '{"error":"RecordNotFound"}'));
    const result = await scheduler.client(ACME, { priority: 'view' })(get('/api/v2/tickets/9.json'));
    expect(result.status).toBe(404);
    expect(net.calls).toHaveLength(1);
  });

  it('passes a final HelpdeskError from the transport through unchanged', async () => {
    const signedOut = new HelpdeskError('signed-out', 'GET /api/v2/users/me', 'No helpdesk tab is open');
    const { net, scheduler } = setup(() => signedOut);
    await expect(scheduler.client(ACME, { priority: 'view' })(get('/api/v2/users/me.json'))).rejects.toBe(
      signedOut,
    );
    expect(net.calls).toHaveLength(1);
  });
});
