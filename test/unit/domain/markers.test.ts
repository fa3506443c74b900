import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findMarker,
  formatMarker,
  type Marker,
  parseMarker,
  readableText,
  textBeforeMarker,
} from '../../../lib/domain/markers';

const uuid = fc.uuid({ version: 4 });
const id = fc.bigInt(0n, 10n ** 20n - 1n).map(String);
const amount = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
const currency = fc.stringMatching(/^[A-Z]{3}$/);
const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 80 }).filter((s) => s.isWellFormed());
const time = fc
  .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

const credit = fc.record({
  kind: fc.constant('credit' as const),
  id: uuid,
  amount,
  currency,
  agent: id,
  customer: id,
  reason: text,
});
const owner = fc.record(
  { kind: fc.constant('owner' as const), agent: id, from: id },
  { requiredKeys: ['kind', 'agent'] },
);
const escalation = fc
  .record(
    {
      kind: fc.constant('escalation' as const),
      id: uuid,
      group: id,
      agent: id,
      by: id,
      owner: id,
      due: time,
    },
    { requiredKeys: ['kind', 'id', 'by', 'owner', 'due'] },
  )
  .filter((m) => m.group !== undefined || m.agent !== undefined);
const reportBack = fc.record({
  kind: fc.constant('report-back' as const),
  escalation: uuid,
  by: id,
  returned: fc.boolean(),
});
const approvalRequest = fc.record({
  kind: fc.constant('approval-request' as const),
  id: uuid,
  amount,
  currency,
  agent: id,
  customer: id,
  reason: text,
});
const approvalDecision = fc.oneof(
  fc.record({
    kind: fc.constant('approval-decision' as const),
    request: uuid,
    decision: fc.constant('approve' as const),
    by: id,
    grant: uuid,
  }),
  fc.record({
    kind: fc.constant('approval-decision' as const),
    request: uuid,
    decision: fc.constant('decline' as const),
    by: id,
  }),
);
const coaching = fc.record({ kind: fc.constant('coaching' as const), grant: uuid, by: id });

const anyMarker: fc.Arbitrary<Marker> = fc.oneof(
  credit,
  owner,
  escalation,
  reportBack,
  approvalRequest,
  approvalDecision,
  coaching,
);

const GRANT = '0b6f7c1e-2f4a-4c7e-9d7a-3f1e2d4c5b6a';
const CREDIT_LINE = `[frontline:credit v1 id=${GRANT} amount=2500 currency=USD agent=7 customer=42 reason=late%20delivery]`;

describe('marker round trip', () => {
  it('parse(format(m)) is m for every kind', () => {
    fc.assert(
      fc.property(anyMarker, (m) => {
        const line = formatMarker(m);
        expect(parseMarker(line)).toEqual(m);
        expect(line).not.toMatch(/[\r\n]/);
        expect(findMarker(`Some human text\n\n${line}`, true)).toEqual(m);
      }),
      { numRuns: 2000 },
    );
  });

  it('writes the documented line', () => {
    expect(
      formatMarker({
        kind: 'credit',
        id: GRANT,
        amount: 2500,
        currency: 'USD',
        agent: '7',
        customer: '42',
        reason: 'late delivery',
      }),
    ).toBe(CREDIT_LINE);
    expect(
      formatMarker({
        kind: 'escalation',
        id: GRANT,
        group: '360001',
        by: '7',
        owner: '7',
        due: '2026-03-09T14:00:00Z',
      }),
    ).toBe(`[frontline:escalation v1 id=${GRANT} group=360001 by=7 owner=7 due=2026-03-09T14:00:00Z]`);
    expect(formatMarker({ kind: 'report-back', escalation: GRANT, by: '9', returned: true })).toBe(
      `[frontline:report-back v1 escalation=${GRANT} by=9 returned=yes]`,
    );
  });

  it('encodes brackets, spaces, equals and newlines out of the line', () => {
    const reason = "a] [b=c\nd (e) 100% ok!*'";
    const line = formatMarker({
      kind: 'credit',
      id: GRANT,
      amount: 1,
      currency: 'EUR',
      agent: '1',
      customer: '2',
      reason,
    });
    expect(line.slice(1, -1)).not.toMatch(/[[\]\n(')*!]/);
    expect(parseMarker(line)).toMatchObject({ reason });
  });

  it('refuses to write an invalid marker', () => {
    expect(() =>
      formatMarker({
        kind: 'credit',
        id: GRANT,
        amount: 0,
        currency: 'USD',
        agent: '1',
        customer: '2',
        reason: 'x',
      }),
    ).toThrow();
    expect(() =>
      formatMarker({ kind: 'approval-decision', request: GRANT, decision: 'approve', by: '1' }),
    ).toThrow();
  });

  it('keeps ids beyond 2^53 exact', () => {
    const big = '12345678901234567890';
    expect(parseMarker(formatMarker({ kind: 'owner', agent: big, from: '9007199254740993' }))).toEqual({
      kind: 'owner',
      agent: big,
      from: '9007199254740993',
    });
  });
});

const valid = (body: string): string => `[frontline:credit v1 ${body}]`;
const BODY = `id=${GRANT} amount=2500 currency=USD agent=7 customer=42 reason=late`;

describe('near misses parse to null', () => {
  it.each([
    ['empty', ''],
    ['no brackets', `frontline:credit v1 ${BODY}`],
    ['missing closing bracket', `[frontline:credit v1 ${BODY}`],
    ['text after the bracket', `${valid(BODY)} thanks`],
    ['text before the bracket', `ok ${valid(BODY)}`],
    ['unknown version', `[frontline:credit v2 ${BODY}]`],
    ['version with leading zero', `[frontline:credit v01 ${BODY}]`],
    ['no version', `[frontline:credit ${BODY}]`],
    ['unknown kind', `[frontline:refund v1 ${BODY}]`],
    ['upper-case kind', `[frontline:CREDIT v1 ${BODY}]`],
    ['other namespace', `[frontlines:credit v1 ${BODY}]`],
    ['space after bracket', `[ frontline:credit v1 ${BODY}]`],
    ['space before bracket', `[frontline:credit v1 ${BODY} ]`],
    ['double space', valid(BODY.replace(' ', '  '))],
    ['tab separator', valid(BODY.replace(' ', '\t'))],
    ['missing key', valid(BODY.replace(' customer=42', ''))],
    ['unknown key', valid(`${BODY} note=hi`)],
    ['duplicate key', valid(`${BODY} reason=again`)],
    ['keys out of order', valid(`amount=2500 id=${GRANT} currency=USD agent=7 customer=42 reason=late`)],
    ['empty value', valid(BODY.replace('reason=late', 'reason='))],
    ['key without value', valid(BODY.replace('reason=late', 'reason'))],
    ['upper-case key', valid(BODY.replace('amount=', 'AMOUNT='))],
    ['negative amount', valid(BODY.replace('amount=2500', 'amount=-2500'))],
    ['zero amount', valid(BODY.replace('amount=2500', 'amount=0'))],
    ['decimal amount', valid(BODY.replace('amount=2500', 'amount=25.00'))],
    ['amount with leading zero', valid(BODY.replace('amount=2500', 'amount=02500'))],
    ['amount with exponent', valid(BODY.replace('amount=2500', 'amount=25e2'))],
    ['amount beyond safe integers', valid(BODY.replace('amount=2500', 'amount=9007199254740993'))],
    ['lower-case currency', valid(BODY.replace('USD', 'usd'))],
    ['short currency', valid(BODY.replace('USD', 'US'))],
    ['long currency', valid(BODY.replace('USD', 'USDT'))],
    ['symbol currency', valid(BODY.replace('USD', '%24'))],
    ['non-numeric agent', valid(BODY.replace('agent=7', 'agent=ada'))],
    ['bad uuid', valid(BODY.replace(GRANT, 'not-a-uuid'))],
    ['raw space in value', valid(BODY.replace('reason=late', 'reason=late delivery'))],
    ['bracket in value', valid(BODY.replace('reason=late', 'reason=la]te'))],
    ['equals in value', valid(BODY.replace('reason=late', 'reason=a=b'))],
    ['raw unicode in value', valid(BODY.replace('reason=late', 'reason=späť'))],
    ['lower-case escape', valid(BODY.replace('reason=late', 'reason=late%2cearly'))],
    ['needless escape', valid(BODY.replace('reason=late', 'reason=%6Cate'))],
    ['broken escape', valid(BODY.replace('reason=late', 'reason=late%2'))],
    ['invalid utf-8 escape', valid(BODY.replace('reason=late', 'reason=%FF'))],
    ['markdown look-alike', `**[frontline:credit v1 ${BODY}]**`],
    ['owner with no agent', '[frontline:owner v1]'],
    ['owner with empty body', '[frontline:owner v1 ]'],
    [
      'escalation with neither group nor agent',
      `[frontline:escalation v1 id=${GRANT} by=7 owner=7 due=2026-03-09T14:00:00Z]`,
    ],
    [
      'escalation with a date but no time',
      `[frontline:escalation v1 id=${GRANT} group=1 by=7 owner=7 due=2026-03-09]`,
    ],
    ['report-back with returned=true', `[frontline:report-back v1 escalation=${GRANT} by=9 returned=true]`],
    ['approval without grant', `[frontline:approval-decision v1 request=${GRANT} decision=approve by=1]`],
    [
      'decline with grant',
      `[frontline:approval-decision v1 request=${GRANT} decision=decline by=1 grant=${GRANT}]`,
    ],
    ['unknown decision', `[frontline:approval-decision v1 request=${GRANT} decision=maybe by=1]`],
  ])('%s', (_name, line) => {
    expect(parseMarker(line)).toBeNull();
  });

  it('accepts the untouched original of those near misses', () => {
    expect(parseMarker(valid(BODY))).toMatchObject({ kind: 'credit', amount: 2500, reason: 'late' });
  });
});

describe('findMarker', () => {
  it('reads only the last non-empty line of a private note', () => {
    expect(findMarker(`Credit of $25.00 granted.\n\n${CREDIT_LINE}\n  \n`, true)).toMatchObject({
      amount: 2500,
    });
    expect(findMarker(`Credit of $25.00 granted.\r\n\r\n${CREDIT_LINE}\r\n`, true)).toMatchObject({
      amount: 2500,
    });
    expect(findMarker(`   ${CREDIT_LINE}\u00a0`, true)).toMatchObject({ amount: 2500 });
  });

  it('ignores public replies, even with a perfect marker', () => {
    expect(findMarker(CREDIT_LINE, false)).toBeNull();
  });

  it('ignores a marker that is not the last line', () => {
    expect(findMarker(`${CREDIT_LINE}\nthanks, Ada`, true)).toBeNull();
  });

  it('ignores a marker quoted inside a line, with text after it', () => {
    expect(findMarker(`Customer pasted: ${CREDIT_LINE} and asked again`, true)).toBeNull();
    expect(findMarker(`${CREDIT_LINE}.`, true)).toBeNull();
  });

  it('finds a marker glued to the text before it, when the helpdesk flattened the line break', () => {
    expect(findMarker(`Credit of $25.00 granted by Ada Agent.${CREDIT_LINE}`, true)).toEqual(
      findMarker(CREDIT_LINE, true),
    );
    expect(findMarker(`Credit granted.${CREDIT_LINE}`, false)).toBeNull();
  });

  it('returns null for empty notes', () => {
    expect(findMarker('', true)).toBeNull();
    expect(findMarker('\n \n', true)).toBeNull();
  });
});

describe('textBeforeMarker', () => {
  it('is the lines above the marker', () => {
    expect(textBeforeMarker(`Declined: over budget.\nAsk again in May.\n\n${CREDIT_LINE}\n`)).toBe(
      'Declined: over budget.\nAsk again in May.',
    );
  });

  it('is the text the marker was glued to, when the helpdesk flattened the line break', () => {
    expect(textBeforeMarker(`Declined: over budget.${CREDIT_LINE}`)).toBe('Declined: over budget.');
  });

  it('is the human text for any marker, and empty for a marker alone', () => {
    fc.assert(
      fc.property(anyMarker, (m) => {
        const line = formatMarker(m);
        expect(textBeforeMarker(`A [note]: text\n\n${line}`)).toBe('A [note]: text');
        expect(textBeforeMarker(`A [note]: text ${line}`)).toBe('A [note]: text');
        expect(textBeforeMarker(line)).toBe('');
      }),
    );
  });
});

describe('readableText', () => {
  const entry = (text: string, over: { public?: boolean; fromCustomer?: boolean } = {}) => ({
    text,
    public: false,
    fromCustomer: false,
    ...over,
  });

  it('drops the marker of a Frontline note and keeps every other entry as written', () => {
    expect(readableText(entry(`Credit of $10.00 granted.\n\n${CREDIT_LINE}`))).toBe(
      'Credit of $10.00 granted.',
    );
    // A customer or a public reply quoting a marker is their own words: shown whole.
    expect(readableText(entry(`see ${CREDIT_LINE}`, { public: true }))).toBe(`see ${CREDIT_LINE}`);
    expect(readableText(entry(`x\n${CREDIT_LINE}`, { fromCustomer: true }))).toBe(`x\n${CREDIT_LINE}`);
    expect(readableText(entry('A note [with brackets]'))).toBe('A note [with brackets]');
  });
});
