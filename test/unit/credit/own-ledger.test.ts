import { describe, expect, it } from 'vitest';
import { agentGrantsInIndex, INDEXED_REASON } from '../../../lib/credit/indexed-grants';
import {
  cursorAfter,
  FULL_EVERY_MS,
  fullPhase,
  ownLedgerQuery,
  SEARCH_LAG_MS,
} from '../../../lib/credit/ledger-window';
import { unindexedTickets } from '../../../lib/credit/unindexed';
import type { CreditGrant } from '../../../lib/domain/credit-grant';
import { encodeIndex, type IndexedGrant } from '../../../lib/domain/grant-index';
import type { Case } from '../../../lib/domain/model';
import { agentCreditTag, CREDIT_TAG } from '../../../lib/domain/tags';
import { ADA, CUSTOMER, TICKET, uuid } from './fakes';

const PERIOD = Date.parse('2026-11-30T05:00:00Z');
const NOW = Date.parse('2026-12-03T10:00:00Z');

describe('ownLedgerQuery', () => {
  const whole = { tag: 'fl_credit_100', from: '2026-11-29', until: '2026-12-04' };
  it.each([
    ['no cursor: the whole period', null, whole],
    [
      'another period: the whole period',
      { periodStart: PERIOD - 7 * 86_400_000, searchedAt: NOW - 60_000, fullAt: NOW - 60_000 },
      whole,
    ],
    [
      'a cursor from the future (clock moved back): the whole period',
      { periodStart: PERIOD, searchedAt: NOW + 60_000, fullAt: NOW },
      whole,
    ],
    [
      'an hour since the last whole search: the whole period',
      { periodStart: PERIOD, searchedAt: NOW - 60_000, fullAt: NOW - FULL_EVERY_MS },
      whole,
    ],
    [
      'otherwise: since the last search less the search lag',
      { periodStart: PERIOD, searchedAt: NOW - 10 * 60_000, fullAt: NOW - 50 * 60_000 },
      { ...whole, updatedSince: '2026-12-03T09:35:00.000Z' },
    ],
    [
      'never before the period',
      { periodStart: PERIOD, searchedAt: PERIOD + 60_000, fullAt: NOW - 60_000 },
      { ...whole, updatedSince: '2026-11-30T05:00:00.000Z' },
    ],
  ])('%s', (_name, cursor, query) => {
    expect(ownLedgerQuery(ADA.id, PERIOD, NOW, cursor)).toEqual(query);
  });

  it('a whole search moves fullAt; an incremental one keeps it', () => {
    const before = { periodStart: PERIOD, searchedAt: NOW - 600_000, fullAt: NOW - 1_200_000 };
    const hourly = { ...before, fullAt: NOW - FULL_EVERY_MS };
    expect(cursorAfter(ownLedgerQuery(ADA.id, PERIOD, NOW, hourly), PERIOD, NOW, hourly, ADA.id)).toEqual({
      periodStart: PERIOD,
      searchedAt: NOW,
      fullAt: NOW,
    });
    expect(cursorAfter(ownLedgerQuery(ADA.id, PERIOD, NOW, before), PERIOD, NOW, before, ADA.id)).toEqual({
      periodStart: PERIOD,
      searchedAt: NOW,
      fullAt: NOW - 1_200_000,
    });
    expect(SEARCH_LAG_MS).toBe(15 * 60_000);
  });

  it('jitter: a first whole search is dated back by the agent’s own phase of the hour, the same in every browser, so a team starting together spreads its hourly whole searches', () => {
    const first = (agentId: string) =>
      cursorAfter(ownLedgerQuery(agentId, PERIOD, NOW, null), PERIOD, NOW, null, agentId).fullAt;
    expect(first(ADA.id)).toBe(NOW - fullPhase(ADA.id));
    expect(first(ADA.id)).toBe(first(ADA.id));
    const phases = Array.from({ length: 200 }, (_, i) => fullPhase(String(6_130_912_000_000 + i * 7_919)));
    for (const p of phases) {
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(FULL_EVERY_MS);
      expect(p % 1000).toBe(0);
    }
    // Spread over the hour: every quarter holds a fair share of 200 agents.
    const quarters = [0, 1, 2, 3].map(
      (q) => phases.filter((p) => Math.floor(p / (FULL_EVERY_MS / 4)) === q).length,
    );
    for (const n of quarters) expect(n).toBeGreaterThan(30);
    // The next whole search falls at NOW - phase + an hour: within the hour, never later.
    const cursor = { periodStart: PERIOD, searchedAt: NOW, fullAt: first(ADA.id) };
    const at = NOW - fullPhase(ADA.id) + FULL_EVERY_MS;
    expect(
      ownLedgerQuery(ADA.id, PERIOD, at - 1000, { ...cursor, searchedAt: at - 600_000 }).updatedSince,
    ).toBeDefined();
    expect(
      ownLedgerQuery(ADA.id, PERIOD, at, { ...cursor, searchedAt: at - 600_000 }).updatedSince,
    ).toBeUndefined();
  });
});

const line = (n: number, over: Partial<IndexedGrant> = {}): IndexedGrant => ({
  id: uuid(n),
  agentId: ADA.id,
  customerId: CUSTOMER,
  amount: 100 * n,
  currency: 'USD',
  at: '2026-12-03T09:00:00Z',
  ...over,
});

const caseWith = (ledger: string | null | undefined, tags = [CREDIT_TAG, agentCreditTag(ADA.id)]): Case => ({
  ref: TICKET,
  subject: 'Late delivery',
  status: 'open',
  rawStatus: 'open',
  priority: null,
  channel: null,
  createdAt: '2026-12-01T09:00:00Z',
  updatedAt: '2026-12-03T09:00:00Z',
  requesterId: CUSTOMER,
  assigneeId: null,
  groupId: null,
  tags,
  archived: false,
  ...(ledger === undefined ? {} : { ledger }),
});

describe('agentGrantsInIndex', () => {
  it('the agent’s lines as recorded grants, others’ left out', () => {
    const grants = agentGrantsInIndex(caseWith(encodeIndex([line(1), line(2, { agentId: '7' })])), ADA.id);
    expect(grants).toEqual([
      {
        id: uuid(1),
        ticket: TICKET,
        customerId: CUSTOMER,
        agentId: ADA.id,
        amount: { amount: 100, currency: 'USD' },
        reason: INDEXED_REASON,
        at: '2026-12-03T09:00:00Z',
        state: 'recorded',
      },
    ]);
  });

  it.each([
    ['no field on the account', undefined],
    ['an empty field', null],
    ['no line of the agent’s', encodeIndex([line(2, { agentId: '7' })])],
    ['a damaged field', `${encodeIndex([line(1)])}\ng1 ${uuid(3)} 100 555 -5 USD 2026-12-03T09:00:00Z`],
    ['a line for another customer than the requester', encodeIndex([line(1, { customerId: '556' })])],
    ['markup instead of lines', '<script>alert(1)</script>'],
  ])('null (read the notes) for %s', (_name, ledger) => {
    expect(agentGrantsInIndex(caseWith(ledger), ADA.id)).toBeNull();
  });
});

const recorded = (n: number, at: string, over: Partial<CreditGrant> = {}): CreditGrant => ({
  id: uuid(n),
  ticket: TICKET,
  customerId: CUSTOMER,
  agentId: ADA.id,
  amount: { amount: 100, currency: 'USD' },
  reason: 'late delivery',
  at,
  state: 'recorded',
  ...over,
});

describe('unindexedTickets', () => {
  const settled = Date.parse('2026-12-03T09:45:00Z');
  const old = '2026-12-03T09:00:00Z';

  it('a settled grant whose ticket the search returned with both tags and its line is indexed', () => {
    const found = unindexedTickets([recorded(1, old)], [caseWith(encodeIndex([line(1)]))], ADA.id, settled);
    expect(found.size).toBe(0);
  });

  it.each([
    ['missing from the answer', []],
    ['without frontline_credit', [caseWith(undefined, [agentCreditTag(ADA.id)])]],
    ['without the field’s line', [caseWith(encodeIndex([line(2)]))]],
  ])('a settled grant whose ticket is %s needs healing', (_name, searched) => {
    const found = unindexedTickets([recorded(1, old)], searched, ADA.id, settled);
    expect([...found.values()].map((u) => [...u.grantIds])).toEqual([[uuid(1)]]);
  });

  it('leaves out grants younger than the search lag, not recorded, or another agent’s', () => {
    const grants = [
      recorded(1, '2026-12-03T09:50:00Z'),
      recorded(2, old, { state: 'committing' }),
      recorded(3, old, { agentId: '7' }),
    ];
    expect(unindexedTickets(grants, [], ADA.id, settled).size).toBe(0);
  });

  it('a closed Zendesk ticket (no writes) or an archived one is not short: nothing can be healed there', () => {
    const [entry] = unindexedTickets([recorded(1, old)], [], ADA.id, settled).values();
    expect(entry?.short({ ...caseWith(undefined, []), status: 'closed' })).toBe(false);
    expect(entry?.short({ ...caseWith(undefined, []), archived: true })).toBe(false);
    expect(entry?.short(caseWith(undefined, []))).toBe(true);
  });
});
