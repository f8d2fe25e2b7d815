// Numbers as spreadsheets write them: read under both decimal marks, never guessed.
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv, type CsvSource } from '../../src/tabular/csv.js';
import { decideDecimal, kindOf, NumberKind, noEvidence, noteNumber, readNumber, valueUnder, type DecimalMark } from '../../src/tabular/numbers.js';
import { ArrayRow } from '../../src/tabular/row.js';

const under = (text: string, mark: DecimalMark) => {
  const r = readNumber(text);
  return r === undefined ? undefined : valueUnder(r, mark);
};
const kind = (text: string) => kindOf(readNumber(text)!);

describe('readNumber', () => {
  it('reads thousands separators, currencies, percent and accounting negatives', () => {
    expect(under('1,234,567', '.')).toBe(1234567);
    expect(under('¥8,500,000', '.')).toBe(8500000);
    expect(under('$12,500.00', '.')).toBe(12500);
    expect(under('80%', '.')).toBe(0.8);
    expect(under('12,5 %', ',')).toBe(0.125);
    expect(under('(1,234)', '.')).toBe(-1234);
    expect(under('-$1,234.50', '.')).toBe(-1234.5);
    expect(under('$-1,234.50', '.')).toBe(-1234.5);
    expect(under('1.234-', ',')).toBe(-1234); // SAP writes the sign after
    expect(under('1.234.567,50 €', ',')).toBe(1234567.5);
    expect(under('€ 1.234,56', ',')).toBe(1234.56);
    expect(under('CNY 8,500,000', '.')).toBe(8500000);
    expect(under('8 500 000 CNY', '.')).toBe(8500000);
    expect(under('1\u00a0234\u00a0567', ',')).toBe(1234567); // NBSP groups (French Excel)
    expect(under('1\u202f234,5', ',')).toBe(1234.5); // narrow NBSP
    expect(under('1\u2009234', '.')).toBe(1234); // thin space
    expect(under("1'234.50", '.')).toBe(1234.5); // Swiss
    expect(under('１２３４', '.')).toBe(1234); // fullwidth digits
    expect(under('￥1,000', '.')).toBe(1000);
    expect(under('1.2E+06', '.')).toBe(1200000);
    expect(under('1,2E+06', ',')).toBe(1200000);
    expect(readNumber('¥8,500,000')!.currency).toBe('¥');
    expect(readNumber('8 500 000 CNY')!.currency).toBe('CNY');
    expect(readNumber('  ')).toBeUndefined();
  });

  it('is not a number for text, broken groups, units, and non-finite values', () => {
    for (const text of ['abc', 'n/a', '-', '$', '1,23,456', '12 kg', '1.2.3,4,5', '1e999', '$12%', '1,234.567,8', '0,123,456', '--5']) {
      const r = readNumber(text)!;
      expect([text, r.point, r.comma]).toEqual([text, null, null]);
    }
  });

  it('says which decimal mark a cell settles', () => {
    expect(kind('123')).toBe(NumberKind.Plain);
    expect(kind('1 234')).toBe(NumberKind.Plain);
    expect(kind('1e5')).toBe(NumberKind.Plain);
    expect(kind('12.5')).toBe(NumberKind.Point);
    expect(kind('0.500')).toBe(NumberKind.Point); // a lone 0 does not start a thousands group
    expect(kind('1,234,567')).toBe(NumberKind.Point);
    expect(kind('1,234.5')).toBe(NumberKind.Point);
    expect(kind('1,5')).toBe(NumberKind.Comma);
    expect(kind('1.234.567')).toBe(NumberKind.Comma);
    expect(kind('1.234,56')).toBe(NumberKind.Comma);
    expect(kind('900.000')).toBe(NumberKind.Ambiguous);
    expect(kind('1,234')).toBe(NumberKind.Ambiguous);
    expect(under('900.000', '.')).toBe(900);
    expect(under('900.000', ',')).toBe(900000);
  });

  const LOCALES: [string, DecimalMark][] = [['en-US', '.'], ['zh-CN', '.'], ['de-DE', ','], ['fr-FR', ','], ['de-CH', '.'], ['es-ES', ','], ['sv-SE', ',']];

  it('reads back, under its convention, any number a locale formats (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LOCALES),
        fc.double({ min: -1e12, max: 1e12, noNaN: true }),
        fc.integer({ min: 0, max: 4 }),
        fc.boolean(),
        fc.constantFrom('decimal', 'currency', 'percent'),
        ([locale, mark], x, digits, grouping, style) => {
          const options: Intl.NumberFormatOptions = { maximumFractionDigits: digits, minimumFractionDigits: digits, useGrouping: grouping, style };
          if (style === 'currency') Object.assign(options, { currency: mark === '.' ? 'USD' : 'EUR' });
          const format = new Intl.NumberFormat(locale, options);
          const text = format.format(x);
          const expected = Number(format.formatToParts(x).map((p) => (p.type === 'integer' || p.type === 'fraction' ? p.value : p.type === 'decimal' ? '.' : p.type === 'minusSign' ? '-' : '')).join(''));
          const value = under(text, mark);
          expect(value == null ? value : Math.abs(value - (style === 'percent' ? expected / 100 : expected))).toBeLessThanOrEqual(Math.abs(expected) * 1e-12);
          // And never, under either mark, a value the text does not mean: either its value or not a number.
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('decideDecimal', () => {
  const place = (line: number, text: string) => ({ line, column: 'revenue_2024', text });
  const evidence = (kinds: [NumberKind, string][]) => {
    const e = noEvidence();
    kinds.forEach(([k, text], i) => noteNumber(e, k, undefined, () => place(i + 2, text)));
    return e;
  };

  it('takes the mark asked for, else the one the cells settle', () => {
    expect(decideDecimal('x.csv', evidence([[NumberKind.Comma, '1,5']]), '.', ',')).toEqual({ mark: '.' });
    expect(decideDecimal('x.csv', evidence([[NumberKind.Ambiguous, '900.000'], [NumberKind.Comma, '1,5']]), undefined, '\t')).toEqual({ mark: ',' });
    expect(decideDecimal('x.csv', evidence([[NumberKind.Point, '12.5'], [NumberKind.Ambiguous, '1,234']]), undefined, '\t')).toEqual({ mark: '.' });
  });

  it('guesses from a ; or , delimiter only, and says so', () => {
    const semicolon = decideDecimal('de.csv', evidence([[NumberKind.Ambiguous, '900.000']]), undefined, ';');
    expect(semicolon).toMatchObject({ mark: ',' });
    expect((semicolon as { note: string }).note).toContain('de.csv:2: column revenue_2024 "900.000"');
    expect(decideDecimal('us.csv', evidence([[NumberKind.Ambiguous, '1,234']]), undefined, ',')).toMatchObject({ mark: '.' });
  });

  it('refuses an ambiguous cell nothing settles, and a file with both marks', () => {
    const open = decideDecimal('x.txt', evidence([[NumberKind.Ambiguous, '1.234']]), undefined, '\t');
    expect((open as { error: string }).error).toContain('x.txt:2: column revenue_2024 "1.234" could be read with a decimal point or a decimal comma');
    expect((open as { error: string }).error).toContain('--decimal');
    const both = decideDecimal('x.txt', evidence([[NumberKind.Point, '12.5'], [NumberKind.Comma, '1,5']]), undefined, ';');
    expect((both as { error: string }).error).toMatch(/x\.txt:2: .* but line 3, .*both decimal marks/);
  });
});

describe('the CSV reader reads numbers as readNumber does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kam-numbers-'));
  let n = 0;
  const cell = fc.oneof(
    fc.stringMatching(/^[+-]?[0-9]{0,8}(\.[0-9]{0,5})?$/),
    fc.stringMatching(/^[0-9]{1,3}(\.[0-9]{3}){0,3}$/),
    fc.stringMatching(/^-?0?[0-9]{1,3}\.[0-9]{3}$/),
    fc.stringMatching(/^[0-9]{1,17}$/),
    fc.stringMatching(/^[0-9., %$¥()-]{1,12}$/),
  );

  it('byte fast path equals the string reading, under both marks (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 20 }), fc.constantFrom<DecimalMark>('.', ','), (cells, mark) => {
        const quoted = cells.map((c) => `"${c}"`);
        const file = join(dir, `n${n++}.csv`);
        writeFileSync(file, `${quoted.join(',')}\n`);
        const source: CsvSource = { kind: 'csv', path: file, file, encoding: 'utf-8', crLines: false, delimiter: ',' };
        const fd = openSync(file, 'r');
        const seen: [number | null | undefined, number, string | undefined][] = [];
        try {
          readCsv(fd, source, mark, (row) => {
            for (let i = 0; i < row.length; i++) seen.push([row.number(i), row.kind, row.currency]);
          });
        } finally {
          closeSync(fd);
        }
        const expected = new ArrayRow(mark).of(cells);
        expect(seen).toEqual(cells.map((_, i) => [expected.number(i), expected.kind, expected.currency]));
      }),
      { numRuns: 1500 },
    );
  });
});
