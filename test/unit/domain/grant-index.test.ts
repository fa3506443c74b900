import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CreditGrant } from '../../../lib/domain/credit-grant';
import {
  decodeIndex,
  encodeIndex,
  type IndexedGrant,
  indexedGrantOf,
  indexHolds,
  MAX_LEDGER_CHARS,
  withGrants,
} from '../../../lib/domain/grant-index';
import { agentCreditTag } from '../../../lib/domain/tags';

const uuid = fc.uuid({ version: 4 });
const id = fc.bigInt(0n, 10n ** 20n - 1n).map(String);
const time = fc
  .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
const grant: fc.Arbitrary<IndexedGrant> = fc.record(
  {
    id: uuid,
    agentId: id,
    customerId: id,
    amount: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    currency: fc.stringMatching(/^[A-Z]{3}$/),
    at: time,
    request: uuid,
  },
  { requiredKeys: ['id', 'agentId', 'customerId', 'amount', 'currency', 'at'] },
);
const grants = fc.uniqueArray(grant, { selector: (g) => g.id, maxLength: 20 });
const sortedById = (list: readonly IndexedGrant[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));

const A: IndexedGrant = {
  id: '0b0c2a4e-5f8a-4c1e-9d2a-3e4f5a6b7c8d',
  agentId: '101',
  customerId: '9001',
  amount: 2500,
  currency: 'EUR',
  at: '2026-12-03T10:00:00.000Z',
};
const B: IndexedGrant = {
  id: '7f1e2d3c-4b5a-4968-8776-655443322110',
  agentId: '102',
  customerId: '9002',
  amount: 100,
  currency: 'USD',
  at: '2026-12-02T09:30:00+01:00',
  request: '11111111-2222-4333-8444-555555555555',
};
const lineA = 'g1 0b0c2a4e-5f8a-4c1e-9d2a-3e4f5a6b7c8d 101 9001 2500 EUR 2026-12-03T10:00:00.000Z';

describe('grant index encoding', () => {
  it('round trips any set of grants, canonical and undamaged', () => {
    fc.assert(
      fc.property(grants, (list) => {
        const text = encodeIndex(list);
        expect(decodeIndex(text)).toEqual({ grants: sortedById(list), damaged: false });
        expect(encodeIndex(decodeIndex(text).grants)).toBe(text);
      }),
    );
  });

  it('writes one line per grant, sorted by id, with the request last', () => {
    expect(encodeIndex([B, A])).toBe(
      `${lineA}\ng1 7f1e2d3c-4b5a-4968-8776-655443322110 102 9002 100 USD 2026-12-02T09:30:00+01:00 r=11111111-2222-4333-8444-555555555555`,
    );
  });

  it('holds the longest ids and amounts on one line', () => {
    const longest: IndexedGrant = {
      ...B,
      agentId: '9'.repeat(20),
      customerId: '9'.repeat(20),
      amount: Number.MAX_SAFE_INTEGER,
    };
    const text = encodeIndex([longest]);
    expect(text.length).toBeLessThan(180);
    expect(decodeIndex(text)).toEqual({ grants: [longest], damaged: false });
  });

  it('refuses to encode an invalid grant rather than write a line no reader accepts', () => {
    expect(() => encodeIndex([{ ...A, amount: 0 }])).toThrow();
    expect(() => encodeIndex([{ ...A, agentId: '1'.repeat(21) }])).toThrow();
    expect(() => encodeIndex([{ ...A, currency: 'eur' }])).toThrow();
  });

  it('reads an empty field as no grants, undamaged, and tolerates blank lines and CRLF', () => {
    expect(decodeIndex('')).toEqual({ grants: [], damaged: false });
    expect(decodeIndex(`\r\n${lineA}\r\n\r\n`)).toEqual({ grants: [A], damaged: false });
  });
});

describe('grant index reading hostile text', () => {
  const damagedWith = (text: string) => decodeIndex(text);

  it.each([
    ['HTML', `<p>${lineA}</p>`],
    ['another line', 'Refunded by phone, see notes'],
    ['a control character', `${lineA}\u0000`],
    ['a tab for a space', lineA.replace(' ', '\t')],
    ['two spaces', lineA.replace(' 101 ', '  101 ')],
    ['a leading zero in the amount', lineA.replace(' 2500 ', ' 02500 ')],
    ['an amount of zero', lineA.replace(' 2500 ', ' 0 ')],
    ['an amount past MAX_SAFE_INTEGER', lineA.replace(' 2500 ', ' 9007199254740992 ')],
    ['an exponent amount', lineA.replace(' 2500 ', ' 25e2 ')],
    ['a negative amount', lineA.replace(' 2500 ', ' -2500 ')],
    ['a lower-case currency', lineA.replace(' EUR ', ' eur ')],
    ['a 21-digit agent id', lineA.replace(' 101 ', ` ${'1'.repeat(21)} `)],
    ['a non-uuid id', lineA.replace('0b0c2a4e-5f8a-4c1e-9d2a-3e4f5a6b7c8d', 'grant-1')],
    ['a time without offset', lineA.replace('.000Z', '')],
    ['an unknown version', lineA.replace('g1 ', 'g2 ')],
    ['an unknown trailing part', `${lineA} x=1`],
    ['a malformed request', `${lineA} r=nope`],
    ['a trailing space', `${lineA} `],
  ])('drops a line with %s and says the index is damaged', (_name, bad) => {
    expect(damagedWith(`${bad}\n${encodeIndex([B])}`)).toEqual({ grants: [B], damaged: true });
  });

  it('believes neither copy of a grant id written twice with another amount', () => {
    const other = lineA.replace(' 2500 ', ' 1 ');
    expect(decodeIndex(`${lineA}\n${other}\n${encodeIndex([B])}`)).toEqual({ grants: [B], damaged: true });
  });

  it('reads the same line written twice as one grant, undamaged', () => {
    expect(decodeIndex(`${lineA}\n${lineA}`)).toEqual({ grants: [A], damaged: false });
  });

  it('calls overlong text damaged and reads only what fits the field', () => {
    const text = `${lineA}\n${'x'.repeat(MAX_LEDGER_CHARS)}\n${encodeIndex([B])}`;
    expect(decodeIndex(text)).toEqual({ grants: [A], damaged: true });
  });

  it('never throws and never returns an invalid grant, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const read = decodeIndex(text);
        for (const g of read.grants) expect(encodeIndex([g])).toBeTypeOf('string');
      }),
    );
  });
});

describe('withGrants', () => {
  it('is idempotent and order-free', () => {
    fc.assert(
      fc.property(grants, grants, (first, second) => {
        const once = withGrants(encodeIndex(first), second);
        expect(withGrants(once, second)).toBe(once);
        const ids = new Set(decodeIndex(once).grants.map((g) => g.id));
        for (const g of [...first, ...second]) expect(ids.has(g.id)).toBe(true);
      }),
    );
  });

  it('starts from an empty or missing field', () => {
    expect(withGrants(null, [A])).toBe(lineA);
    expect(withGrants('', [A])).toBe(lineA);
  });

  it('heals: drops damaged lines and lets the trusted grant replace a forged line with its id', () => {
    const forged = lineA.replace(' 2500 ', ' 1 ');
    expect(withGrants(`<b>hi</b>\n${forged}`, [A])).toBe(lineA);
  });

  it('keeps the text inside the field by dropping the oldest lines it was not asked to add', () => {
    const many = Array.from({ length: 400 }, (_, i) => ({
      ...A,
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    }));
    const text = withGrants(null, many.slice(1));
    const added = withGrants(text, [many[0] as IndexedGrant]);
    expect(added.length).toBeLessThanOrEqual(MAX_LEDGER_CHARS);
    const ids = decodeIndex(added).grants.map((g) => g.id);
    expect(ids).toContain(many[0]?.id);
    expect(ids).toContain(many[399]?.id);
    expect(ids).not.toContain(many[1]?.id);
  });
});

describe('indexedGrantOf and agentCreditTag', () => {
  it('takes the grant and its approval request', () => {
    const grant: CreditGrant = {
      id: A.id,
      ticket: { helpdesk: 'zendesk', account: 'acme.zendesk.com', id: '5' },
      customerId: A.customerId,
      agentId: A.agentId,
      amount: { amount: A.amount, currency: A.currency },
      reason: 'late delivery',
      at: A.at,
      state: 'recorded',
    };
    expect(indexedGrantOf(grant)).toEqual(A);
    expect(indexedGrantOf(grant, B.request)).toEqual({ ...A, request: B.request });
  });

  it('keeps the per-agent tag within Freshdesk’s 32 characters for the longest id', () => {
    expect(agentCreditTag('9'.repeat(20))).toHaveLength(30);
    expect(agentCreditTag('101')).toBe('fl_credit_101');
  });

  it('a line whose time was written without milliseconds holds the grant its note proves: no index rewrite on every view', () => {
    const written = encodeIndex([{ ...A, at: '2026-12-03T10:00:00Z' }]);
    expect(indexHolds(written, [A])).toBe(true);
    expect(indexHolds(written, [{ ...A, at: '2026-12-03T10:00:01.000Z' }])).toBe(false);
  });
});
