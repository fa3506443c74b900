import { describe, expect, it } from 'vitest';
import { CSV_HEADER, csvCell, toCsv } from '@/lib/domain/review/csv';
import { row } from '../../review/row';

/** A minimal RFC 4180 reader, to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      cells.push(cell);
      out.push(cells);
      cells = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return out;
}

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('defuses formulas', () => {
    for (const start of ['=', '+', '-', '@']) expect(csvCell(`${start}SUM(A1)`)).toBe(`'${start}SUM(A1)`);
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
  });
});

describe('toCsv', () => {
  it('writes a header and one row per grant, read back exactly', () => {
    const rows = [
      row({ reason: 'Broken, "badly"\nagain', amount: 2550 }),
      row({ agentName: '=cmd', amount: 5, currency: 'JPY' }),
    ];
    const parsed = parseCsv(toCsv(rows));
    expect(parsed).toHaveLength(3);
    expect(parsed[0]).toEqual([...CSV_HEADER]);
    expect(parsed[1]![9]).toBe('Broken, "badly"\nagain');
    expect(parsed[1]![6]).toBe('25.50');
    expect(parsed[2]![1]).toBe("'=cmd");
    expect(parsed[2]![6]).toBe('5');
  });
});
