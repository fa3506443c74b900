import { describe, expect, it } from 'vitest';
import { acceptFromBackground } from '../../../lib/content/accept';

describe('acceptFromBackground', () => {
  it('passes a well-formed request through', () => {
    const message = { type: 'http', id: 'r1', request: { method: 'GET', path: '/api/v2/tickets/1.json' } };
    expect(acceptFromBackground(message)).toEqual({
      type: 'http',
      id: 'r1',
      request: { method: 'GET', path: '/api/v2/tickets/1.json', body: undefined, ifNoneMatch: undefined },
    });
  });
  it('passes collapse', () =>
    expect(acceptFromBackground({ type: 'collapse' })).toEqual({ type: 'collapse' }));
  it.each([
    ['null', null],
    ['a string', 'http'],
    ['an unknown type', { type: 'eval', code: 'x' }],
    ['no id', { type: 'http', request: { method: 'GET', path: '/api/v2/x' } }],
    ['a bad method', { type: 'http', id: '1', request: { method: 'PATCH', path: '/api/v2/x' } }],
    ['a non-API path', { type: 'http', id: '1', request: { method: 'GET', path: '/agent/x' } }],
    ['an absolute URL', { type: 'http', id: '1', request: { method: 'GET', path: 'https://evil.com/api/' } }],
    [
      'a non-string etag',
      { type: 'http', id: '1', request: { method: 'GET', path: '/api/v2/x', ifNoneMatch: 1 } },
    ],
  ])('drops %s', (_, raw) => expect(acceptFromBackground(raw)).toBeNull());
});
