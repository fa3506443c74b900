import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HelpdeskError } from '../../../lib/helpdesks/http';
import {
  endpointName,
  fetchJson,
  helpdeskMessage,
  JsonId,
  JsonTime,
  jsonId,
  parseBody,
  pathId,
  send,
  statusError,
} from '../../../lib/helpdesks/parse';
import { caught, json, text } from './fake-client';

describe('endpointName', () => {
  it.each([
    ['GET', '/api/v2/tickets/123.json?include=users', 'GET /api/v2/tickets/:id'],
    ['GET', '/api/v2/tickets/6130907993114/audits.json?page%5Bsize%5D=100', 'GET /api/v2/tickets/:id/audits'],
    ['PUT', '/api/v2/tickets/1/tags.json', 'PUT /api/v2/tickets/:id/tags'],
    [
      'GET',
      '/api/v2/tickets/archived/223/conversations?page=2',
      'GET /api/v2/tickets/archived/:id/conversations',
    ],
    ['GET', '/api/v2/search.json?query=type%3Aticket+requester%3A42', 'GET /api/v2/search'],
    ['GET', '/api/v2/agents/me', 'GET /api/v2/agents/me'],
  ])('%s %s', (method, path, expected) => {
    expect(endpointName(method, path)).toBe(expected);
  });
});

describe('statusError', () => {
  it.each<[number, string, HelpdeskError['kind'], string]>([
    [401, '{"error":"Couldn\'t authenticate you"}', 'signed-out', "Couldn't authenticate you"],
    [
      401,
      '{"code":"invalid_credentials","message":"You have to be logged in to perform this action."}',
      'signed-out',
      'You have to be logged in to perform this action.',
    ],
    [
      403,
      '{"error":"Forbidden","description":"You do not have access to this page."}',
      'forbidden',
      'You do not have access to this page.',
    ],
    [
      403,
      '{"code":"access_denied","message":"You are not authorized to perform this action."}',
      'forbidden',
      'You are not authorized to perform this action.',
    ],
    [404, '{"error":"RecordNotFound","description":"Not found"}', 'not-found', 'Not found'],
    [404, '', 'not-found', 'HTTP 404'],
    [409, '{"error":"UpdateConflict","description":"Ticket changed"}', 'conflict', 'Ticket changed'],
    [
      400,
      '{"description":"Validation failed","errors":[{"field":"priorty","message":"Unexpected/invalid field in request","code":"invalid_field"}]}',
      'invalid',
      'Validation failed: priorty: Unexpected/invalid field in request',
    ],
    [
      400,
      '{"error":{"title":"Invalid attribute","message":"page must be an integer"}}',
      'invalid',
      'Invalid attribute',
    ],
    [422, '{"error":"invalid","description":"Invalid search"}', 'invalid', 'Invalid search'],
    [
      422,
      '{"errors":[{"code":"Invalid","title":"Bad page","detail":"page 11 is past the limit"}]}',
      'invalid',
      'page 11 is past the limit',
    ],
    [
      415,
      '{"code":"invalid_content_type","message":"Content-Type must be application/json"}',
      'invalid',
      'Content-Type must be application/json',
    ],
    [
      429,
      'Number of allowed API requests per minute exceeded',
      'rate-limited',
      'Number of allowed API requests per minute exceeded',
    ],
    [500, '<html>oops</html>', 'server', '<html>oops</html>'],
    [503, '', 'server', 'HTTP 503'],
    [302, '', 'server', 'HTTP 302'],
  ])('%i %s', (status, body, kind, message) => {
    const e = statusError('GET /api/v2/x', { status, headers: {}, body });
    expect(e).toBeInstanceOf(HelpdeskError);
    expect([e.kind, e.message, e.status, e.endpoint]).toEqual([kind, message, status, 'GET /api/v2/x']);
  });

  it('keeps long messages short', () => {
    expect(helpdeskMessage(500, 'x'.repeat(5000)).length).toBeLessThanOrEqual(300);
  });

  it('never throws on arbitrary bodies', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), fc.oneof(fc.string(), fc.json()), (status, body) => {
        expect(typeof helpdeskMessage(status, body)).toBe('string');
      }),
    );
  });
});

describe('parseBody', () => {
  const schema = z.object({ ticket: z.object({ id: JsonId, requester_id: JsonId, created_at: JsonTime }) });

  it('strips unknown fields and turns ids into exact strings', () => {
    const body = {
      ticket: { id: 6130907993114, requester_id: 1, created_at: '2025-01-08T09:43:49+05:30', x: 1 },
    };
    expect(parseBody(schema, json(body), 'GET /api/v2/tickets/:id')).toEqual({
      ticket: { id: '6130907993114', requester_id: '1', created_at: '2025-01-08T04:13:49.000Z' },
    });
  });

  it('names the endpoint and the field that failed', () => {
    const e = (() => {
      try {
        parseBody(
          schema,
          json({ ticket: { id: 1, requester_id: '7', created_at: '2025-01-01T00:00:00Z' } }),
          'GET /api/v2/tickets/:id',
        );
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(HelpdeskError);
    expect(e).toMatchObject({
      kind: 'malformed',
      endpoint: 'GET /api/v2/tickets/:id',
      field: 'ticket.requester_id',
      status: 200,
    });
    expect((e as Error).message).toContain('GET /api/v2/tickets/:id: ticket.requester_id');
  });

  it.each([
    ['not JSON', '<html>', undefined],
    ['truncated JSON', '{"ticket":{"id":1', undefined],
    [
      'an id past 2^53',
      '{"ticket":{"id":9007199254740993,"requester_id":1,"created_at":"2025-01-01T00:00:00Z"}}',
      'ticket.id',
    ],
    [
      'a negative id',
      '{"ticket":{"id":-1,"requester_id":1,"created_at":"2025-01-01T00:00:00Z"}}',
      'ticket.id',
    ],
    [
      'a time without zone',
      '{"ticket":{"id":1,"requester_id":1,"created_at":"2025-01-01 10:00"}}',
      'ticket.created_at',
    ],
    ['null body', 'null', ''],
  ])('%s → malformed', (_name, body, field) => {
    let error: unknown;
    try {
      parseBody(schema, text(body, 200), 'GET /api/v2/tickets/:id');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ kind: 'malformed', field });
  });
});

describe('send and fetchJson', () => {
  const request = { method: 'GET' as const, path: '/api/v2/tickets/5.json' };

  it('turns a transport failure into a network error', async () => {
    const e = await caught(() => send(async () => Promise.reject(new TypeError('Failed to fetch')), request));
    expect(e).toMatchObject({ kind: 'network', endpoint: 'GET /api/v2/tickets/:id' });
  });

  it('lets a HelpdeskError from the transport through unchanged', async () => {
    const original = new HelpdeskError('rate-limited', 'GET /api/v2/tickets/:id', 'slow down', 429);
    expect(await caught(() => send(async () => Promise.reject(original), request))).toBe(original);
  });

  it('lets cancellation through unchanged', async () => {
    const abort = new DOMException('The operation was aborted.', 'AbortError');
    expect(await caught(() => send(async () => Promise.reject(abort), request))).toBe(abort);
  });

  it('returns data and headers on 2xx', async () => {
    const result = await fetchJson(
      async () => json({ a: 1 }, 201, { link: 'x' }),
      request,
      z.object({ a: z.number() }),
    );
    expect(result).toEqual({ data: { a: 1 }, headers: { 'content-type': 'application/json', link: 'x' } });
  });
});

describe('ids into requests', () => {
  it('refuses anything but digits in a path', () => {
    expect(pathId('6130907993114', 'e')).toBe('6130907993114');
    for (const bad of ['', '1/../2', '-1', '1.5', 'me', '١٢', '123456789012345678901']) {
      expect(() => pathId(bad, 'e')).toThrow(HelpdeskError);
    }
  });

  it('sends ids as JSON numbers only when exact', () => {
    expect(jsonId('6130907993114', 'e')).toBe(6130907993114);
    expect(() => jsonId('9007199254740993', 'e')).toThrow(/too large/);
  });
});
