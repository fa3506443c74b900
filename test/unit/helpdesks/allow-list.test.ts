import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freshdeskAllows } from '../../../lib/helpdesks/freshdesk/allow-list';
import { zendeskAllows } from '../../../lib/helpdesks/zendesk/allow-list';

/** A body of the shape Frontline sends for this write, so the path tables test paths only. */
const ZENDESK_NOTE = { ticket: { comment: { body: 'Note', public: false } } };
const FRESHDESK_NOTE = { body: '<div>Note</div>', private: true };
const SAFE_TAG = { tags: ['frontline_owned'], safe_update: true, updated_stamp: '2019-09-12T21:45:16Z' };
const legitBody = (method: string, path: string): unknown => {
  if (method === 'GET') return undefined;
  if (path.includes('/tags')) return method === 'PUT' ? SAFE_TAG : { tags: ['frontline_owned'] };
  if (path.endsWith('/notes')) return FRESHDESK_NOTE;
  return path.endsWith('.json') ? ZENDESK_NOTE : { tags: [] };
};

describe('zendeskAllows', () => {
  it.each<[string, string, boolean]>([
    ['GET', '/api/v2/users/me.json', true],
    ['GET', '/api/v2/users/6130907993114.json', true],
    ['GET', '/api/v2/users/show_many.json?ids=1%2C2', true],
    ['GET', '/api/v2/users/1/tickets/requested.json?page%5Bsize%5D=100&page%5Bafter%5D=eyJvIjoi', true],
    ['GET', '/api/v2/search.json?query=type%3Aticket+requester%3A1&page=2', true],
    ['GET', '/api/v2/tickets/1.json?include=users%2Cgroups%2Corganizations', true],
    ['GET', '/api/v2/tickets/show_many.json?ids=1%2C6130907993114', true],
    ['PUT', '/api/v2/tickets/show_many.json', false],
    ['GET', '/api/v2/tickets/1/audits.json?include=users&page%5Bsize%5D=100', true],
    ['GET', '/api/v2/tickets/1/comments.json?page%5Bsize%5D=100', false],
    ['GET', '/api/v2/tickets/1/audits.json', true],
    ['GET', '/api/v2/groups.json?page%5Bsize%5D=100', true],
    ['PUT', '/api/v2/tickets/1.json', true],
    ['PUT', '/api/v2/tickets/1/tags.json', true],
    ['DELETE', '/api/v2/tickets/1/tags.json', true],
    // Not used by the adapter, or dangerous:
    ['PUT', '/api/v2/users/1/password.json', false],
    ['GET', '/api/v2/users/1/password', false],
    ['POST', '/api/v2/users/1/password.json', false],
    ['DELETE', '/api/v2/tickets/1.json', false],
    ['DELETE', '/api/v2/tickets/1', false],
    ['POST', '/api/v2/tickets/1/tags.json', false],
    ['POST', '/api/v2/tickets.json', false],
    ['GET', '/api/v2/incremental/tickets/cursor.json', false],
    ['GET', '/api/v2/tickets.json', false],
    ['GET', '/api/v2/users.json', false],
    ['PUT', '/api/v2/users/me.json', false],
    ['GET', '/api/v2/tickets/abc.json', false],
    ['GET', '/api/v2/tickets/1.json/../../users/1/password', false],
    ['GET', '/api/v2/tickets/../users/1/password.json', false],
    ['GET', '/api/v2/tickets/1%2F..%2F..%2Fusers.json', false],
    ['GET', '/api/v2/tickets/1/comments.json?x=..', false],
    ['GET', '/api/v2/tickets/1.json#frag', false],
    ['GET', '/api/v2/tickets/1.json?a=b#frag', false],
    ['GET', '/api/v2/tickets/1.json?a=\\b', false],
    ['GET', 'https://evil.com/api/v2/tickets/1.json', false],
    ['GET', '//evil.com/api/v2/tickets/1.json', false],
    ['GET', 'https://acme.zendesk.com/api/v2/tickets/1.json', false],
    ['GET', '/api/v1/tickets/1.json', false],
    ['GET', '/api/v2//tickets/1.json', false],
    ['GET', '/api/v2/tickets/1.json ', false],
    ['get', '/api/v2/users/me.json', false],
    ['PATCH', '/api/v2/tickets/1.json', false],
    ['GET', '', false],
  ])('%s %s → %s', (method, path, expected) => {
    expect(zendeskAllows(method, path, legitBody(method, path))).toBe(expected);
  });
});

describe('freshdeskAllows', () => {
  it.each<[string, string, boolean]>([
    ['GET', '/api/v2/agents/me', true],
    ['GET', '/api/v2/agents/432', true],
    [
      'GET',
      '/api/v2/tickets?requester_id=1&updated_since=2000-01-01T00%3A00%3A00Z&per_page=100&page=2',
      true,
    ],
    ['GET', '/api/v2/tickets/223?include=requester', true],
    ['GET', '/api/v2/tickets/archived/223', true],
    ['GET', '/api/v2/tickets/223/conversations?per_page=100&page=1', true],
    ['GET', '/api/v2/tickets/archived/223/conversations?page=1', true],
    ['GET', '/api/v2/contacts/48008659871', true],
    ['GET', '/api/v2/companies/5', true],
    ['GET', '/api/v2/groups?per_page=100&page=1', true],
    ['POST', '/api/v2/tickets/223/notes', true],
    ['PUT', '/api/v2/tickets/223', true],
    ['DELETE', '/api/v2/tickets/223', false],
    ['PUT', '/api/v2/agents/1', false],
    ['DELETE', '/api/v2/contacts/1', false],
    ['PUT', '/api/v2/contacts/1', false],
    ['POST', '/api/v2/tickets', false],
    ['POST', '/api/v2/tickets/1/reply', false],
    ['GET', '/api/v2/tickets/1.json', false],
    ['GET', '/api/v2/agents', false],
    [
      'GET',
      '/api/v2/search/tickets?query=%22tag%3A%27frontline_credit%27+AND+updated_at%3A%3E%272024-01-01%27%22&page=1',
      true,
    ],
    ['POST', '/api/v2/search/tickets', false],
    ['GET', '/api/v2/search/contacts?query=%22email%3A%27a%40b.c%27%22', false],
    ['GET', '/api/_/bootstrap/me', false],
    ['PUT', '/api/_/tickets/1', false],
    ['GET', '/api/v2/tickets/1/../../agents', false],
    ['GET', '/api/v2/tickets/1%2F..%2Fagents', false],
    ['GET', 'https://evil.freshdesk.com/api/v2/tickets/1', false],
    ['GET', '//evil.com/api/v2/tickets/1', false],
    ['GET', '/api/v2/tickets/1#x', false],
    ['put', '/api/v2/tickets/1', false],
  ])('%s %s → %s', (method, path, expected) => {
    expect(freshdeskAllows(method, path, legitBody(method, path))).toBe(expected);
  });
});

describe('allow-list properties', () => {
  it('never throws and never lets `..` or a foreign origin through', () => {
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'get');
    const path = fc.oneof(
      fc.string(),
      fc.webUrl(),
      fc.string().map((s) => `/api/v2/${s}`),
      fc.tuple(fc.string(), fc.string()).map(([a, b]) => `/api/v2/tickets/1${a}..${b}`),
    );
    fc.assert(
      fc.property(method, path, (m, p) => {
        for (const allows of [zendeskAllows, freshdeskAllows]) {
          const ok = allows(m, p, legitBody(m, p));
          if (ok) {
            expect(p.startsWith('/api/v2/')).toBe(true);
            expect(p.includes('..')).toBe(false);
            expect(p.includes('#')).toBe(false);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the note-write allow-list checks the body', () => {
  const ZD = '/api/v2/tickets/6130907993114.json';
  const ZD_TAGS = '/api/v2/tickets/6130907993114/tags.json';
  it.each<[string, string, string, unknown, boolean]>([
    // What Frontline writes (lib/helpdesks/zendesk/api.ts):
    ['private note', 'PUT', ZD, ZENDESK_NOTE, true],
    ['assignee and group', 'PUT', ZD, { ticket: { assignee_id: 42, group_id: 7 } }, true],
    ['assignee only', 'PUT', ZD, { ticket: { assignee_id: 42 } }, true],
    ['group only, assignee cleared', 'PUT', ZD, { ticket: { assignee_id: null, group_id: 7 } }, true],
    ['group only', 'PUT', ZD, { ticket: { group_id: 7 } }, true],
    ['add a tag, safely', 'PUT', ZD_TAGS, { ...SAFE_TAG, tags: ['frontline_escalated'] }, true],
    [
      'add a tag, safely, with a zoned stamp',
      'PUT',
      ZD_TAGS,
      { ...SAFE_TAG, updated_stamp: '2019-09-12T21:45:16.123+02:00' },
      true,
    ],
    ['remove a tag', 'DELETE', ZD_TAGS, { tags: ['frontline_escalated'] }, true],
    // What it never writes:
    ['a public comment', 'PUT', ZD, { ticket: { comment: { body: 'Hi', public: true } } }, false],
    ['a comment without public:false', 'PUT', ZD, { ticket: { comment: { body: 'Hi' } } }, false],
    ['a status change', 'PUT', ZD, { ticket: { status: 'solved' } }, false],
    [
      'a status change with a note',
      'PUT',
      ZD,
      { ticket: { ...ZENDESK_NOTE.ticket, status: 'solved' } },
      false,
    ],
    ['a requester change', 'PUT', ZD, { ticket: { requester_id: 9 } }, false],
    [
      'a requester change with an assignment',
      'PUT',
      ZD,
      { ticket: { assignee_id: 42, requester_id: 9 } },
      false,
    ],
    [
      'an extra field in the comment',
      'PUT',
      ZD,
      { ticket: { comment: { body: 'x', public: false, author_id: 1 } } },
      false,
    ],
    ['an extra top-level field', 'PUT', ZD, { ...ZENDESK_NOTE, ticket_ids: [1] }, false],
    ['an empty update', 'PUT', ZD, { ticket: {} }, false],
    ['no body', 'PUT', ZD, undefined, false],
    ['a string id', 'PUT', ZD, { ticket: { assignee_id: '42' } }, false],
    ['a tag with a space (two tags in Zendesk)', 'PUT', ZD_TAGS, { ...SAFE_TAG, tags: ['a b'] }, false],
    ['no tags', 'PUT', ZD_TAGS, { ...SAFE_TAG, tags: [] }, false],
    ['a tag added without the safe update', 'PUT', ZD_TAGS, { tags: ['frontline_escalated'] }, false],
    ['safe update switched off', 'PUT', ZD_TAGS, { ...SAFE_TAG, safe_update: false }, false],
    ['a stamp that is not a time', 'PUT', ZD_TAGS, { ...SAFE_TAG, updated_stamp: 'now' }, false],
    ['a stamp on a removal', 'DELETE', ZD_TAGS, SAFE_TAG, false],
    ['a body on a read', 'GET', ZD, { ticket: { status: 'solved' } }, false],
  ])('Zendesk: %s → %s', (_name, method, path, body, expected) => {
    expect(zendeskAllows(method, path, body)).toBe(expected);
  });

  const FD = '/api/v2/tickets/223';
  const FD_NOTES = '/api/v2/tickets/223/notes';
  it.each<[string, string, string, unknown, boolean]>([
    // What Frontline writes (lib/helpdesks/freshdesk/api.ts):
    ['private note', 'POST', FD_NOTES, FRESHDESK_NOTE, true],
    ['tag list', 'PUT', FD, { tags: ['vip', 'frontline_owned'] }, true],
    ['last tag removed', 'PUT', FD, { tags: [] }, true],
    ['agent and group', 'PUT', FD, { responder_id: 43, group_id: 8 }, true],
    ['agent cleared', 'PUT', FD, { responder_id: null }, true],
    ['group only', 'PUT', FD, { group_id: 8 }, true],
    // What it never writes:
    ['a public note', 'POST', FD_NOTES, { body: 'Hi', private: false }, false],
    ['a note without private', 'POST', FD_NOTES, { body: 'Hi' }, false],
    ['a note notifying emails', 'POST', FD_NOTES, { ...FRESHDESK_NOTE, notify_emails: ['x@y.z'] }, false],
    ['a status change', 'PUT', FD, { status: 5 }, false],
    ['a status change with tags', 'PUT', FD, { tags: [], status: 5 }, false],
    ['a requester change', 'PUT', FD, { requester_id: 9 }, false],
    ['a requester change with an assignment', 'PUT', FD, { responder_id: 43, requester_id: 9 }, false],
    ['a priority change', 'PUT', FD, { priority: 4 }, false],
    ['an empty update', 'PUT', FD, {}, false],
    ['no body', 'POST', FD_NOTES, undefined, false],
  ])('Freshdesk: %s → %s', (_name, method, path, body, expected) => {
    expect(freshdeskAllows(method, path, body)).toBe(expected);
  });
});
