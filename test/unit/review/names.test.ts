import { describe, expect, it } from 'vitest';
import { openDb } from '@/lib/db/schema';
import type { Customer } from '@/lib/domain/model';
import type { HelpdeskAdapter } from '@/lib/helpdesks/adapter';
import { customerNames, NAME_REQUESTS } from '@/lib/review/names';
import { namedRows } from '@/lib/review/rows';
import type { AccountSource } from '@/lib/review/source';

const ACCOUNT = 'acme.freshdesk.com';

/** A Freshdesk-like source: one contact a request; `fail` makes every read throw. */
function source(fail = false) {
  const asked: string[][] = [];
  const adapter = {
    customers: {
      perRequest: 1,
      read: async (_c: unknown, account: string, ids: readonly string[]): Promise<Customer[]> => {
        asked.push([...ids]);
        if (fail) throw new Error('503');
        return ids.map((id) => ({
          helpdesk: 'freshdesk',
          account,
          id,
          name: `Name ${id}`,
          email: null,
          organization: null,
        }));
      },
    },
  } as unknown as HelpdeskAdapter;
  const src: AccountSource = {
    helpdesk: 'freshdesk',
    account: ACCOUNT,
    adapter,
    client: async () => ({ status: 200, headers: {}, body: '' }),
  };
  return { src, asked };
}

const ids = Array.from({ length: 30 }, (_, i) => String(100 + i));

describe('customerNames', () => {
  it('reads at most NAME_REQUESTS requests’ worth, caches them, and shows the rest by id', async () => {
    const db = openDb(`names-${Math.random()}`);
    const { src, asked } = source();
    const first = await customerNames(db, src, [...ids, ids[0]!], 1);
    expect(asked).toEqual([ids.slice(0, NAME_REQUESTS)]);
    expect(first('100')).toBe('Name 100');
    expect(first('129')).toBe('Customer 129');
    // The next load asks only for those still missing.
    await customerNames(db, src, ids, 2);
    expect(asked[1]).toEqual(ids.slice(NAME_REQUESTS));
  });

  it('asks nothing when cache-only, and survives a failed read', async () => {
    const db = openDb(`names-${Math.random()}`);
    const quiet = source();
    expect((await customerNames(db, quiet.src, ids, 1, true))('100')).toBe('Customer 100');
    expect(quiet.asked).toEqual([]);
    const failing = source(true);
    expect((await customerNames(db, failing.src, ids, 1))('100')).toBe('Customer 100');
  });
});

describe('namedRows at team scale (issue 17)', () => {
  it('names the customers of the newest grants first when the Freshdesk name budget runs out', async () => {
    const db = openDb(`names-${Math.random()}`);
    const { src, asked } = source();
    // Oldest first in storage order: the newest 20 grants are the last 20 customers.
    const grants = ids.map((customerId, i) => ({
      id: `55555555-5555-4555-8555-${String(i).padStart(12, '0')}`,
      ticket: { helpdesk: 'freshdesk' as const, account: ACCOUNT, id: String(i + 1) },
      customerId,
      agentId: '7',
      amount: { amount: 100, currency: 'USD' },
      reason: 'Late delivery',
      at: new Date(Date.parse('2026-11-17T00:00:00Z') + i * 60_000).toISOString(),
      state: 'recorded' as const,
    }));
    const rows = await namedRows({ db, now: () => 1 }, src, grants, new Map(), {
      agents: false,
      customers: true,
    });
    expect(asked).toEqual([[...ids].reverse().slice(0, NAME_REQUESTS)]);
    expect(rows.at(-1)?.customerName).toBe(`Name ${ids.at(-1)}`);
    expect(rows[0]?.customerName).toBe(`Customer ${ids[0]}`);
  });
});
