import { describe, expect, it } from 'vitest';
import type { Entry } from '../../../lib/domain/model';
import { createAuthorCheck } from '../../../lib/helpdesks/freshdesk/authors';
import type { Client } from '../../../lib/helpdesks/http';

const REF = { helpdesk: 'freshdesk' as const, account: 'acme.freshdesk.com', id: '5' };
const MARKER = '[frontline:owner v1 agent=7]';
const entry = (id: string, authorId: string, text: string, over: Partial<Entry> = {}): Entry => ({
  ticket: REF,
  id,
  authorId,
  public: false,
  fromCustomer: false,
  text,
  createdAt: '2026-03-10T12:00:00Z',
  ...over,
});
const client: Client = () => Promise.reject(new Error('unused'));

describe('Freshdesk marker authors', () => {
  it('reads only the authors of marker notes, says which are agents (a contact answers 404), and reuses the answer', async () => {
    const asked: string[][] = [];
    const check = createAuthorCheck(async (_c, _a, ids) => {
      asked.push([...ids]);
      return ids.filter((id) => id === '7').map((id) => ({ id }));
    });
    const entries = [
      entry('1', '7', `Claimed.\n${MARKER}`),
      entry('2', '600', `Forwarded by a stranger.\n${MARKER}`),
      entry('3', '8', 'A plain note'),
      entry('4', '500', `Customer: ${MARKER}`, { public: true, fromCustomer: true }),
    ];
    const vouched = await check(client, REF.account, entries);
    expect(asked).toEqual([['7', '600']]);
    expect(vouched.map((e) => e.authorIsAgent)).toEqual([true, false, undefined, false]);
    expect(vouched.every((e) => e.authorConfirmed)).toBe(true);
    await check(client, REF.account, entries);
    expect(asked).toHaveLength(1);
  });
});
