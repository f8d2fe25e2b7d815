// rankOrder (src/io/rank-order.ts: a radix sort on id bytes and a counting sort by score) against
// the comparator it replaces: score descending, then id ascending as JS compares strings.
import { describe, expect, it } from 'vitest';
import { Utf8Column, Utf8Parts } from '../../src/io/columns.js';
import { rankOrder } from '../../src/io/rank-order.js';

function seeded(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** The ids as the reader keeps them: UTF-8 columns, one per part. */
function partsOf(ids: readonly string[], cut: number): Utf8Parts {
  const columns: Utf8Column[] = [];
  ids.forEach((id, i) => {
    if (i % cut === 0) columns.push(new Utf8Column({ hashed: true }));
    columns[columns.length - 1]!.push(id);
  });
  if (columns.length === 0) columns.push(new Utf8Column({ hashed: true }));
  return new Utf8Parts(columns.map((c) => c.data()));
}

function reference(scores: Float64Array, idOf: (row: number) => string): number[] {
  return Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => {
    const d = scores[b]! - scores[a]!;
    if (d !== 0) return d;
    const x = idOf(a);
    const y = idOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

const SHAPES: Record<string, (i: number, rnd: () => number) => string> = {
  'short ascii': (i) => `c${i}`,
  'long shared prefix': (i) => `CUSTOMER-ACCOUNT-${String(i).padStart(9, '0')}`,
  'same 8 bytes after the prefix, different tails': (i, rnd) => `ACME-${'x'.repeat(8)}${Math.floor(rnd() * 50)}`,
  'prefixes of each other and NUL': (i, rnd) => ['ab', 'ab\u0000', 'ab\u0000\u0000', 'abc', 'a', ''][Math.floor(rnd() * 6)]! + (rnd() < 0.5 ? '' : String(i % 7)),
  'non-ASCII (BMP, private use, fullwidth)': (i, rnd) => ['ü', '中国', '\uE000', '\uFFFD', 'Ａ', 'a'][Math.floor(rnd() * 6)]! + String(Math.floor(rnd() * 30)),
  'characters past U+FFFF (UTF-16 order)': (i, rnd) => ['😀', '\uE000', '\uFFFF', 'z', '𠀀'][Math.floor(rnd() * 5)]! + String(i % 11),
  'uuid-like': (i, rnd) => Array.from({ length: 32 }, () => '0123456789abcdef'[Math.floor(rnd() * 16)]).join(''),
};

describe('rankOrder', () => {
  for (const [shape, make] of Object.entries(SHAPES)) {
    it(`equals the comparator sort: ${shape}`, () => {
      for (const n of [0, 1, 2, 17, 3000]) {
        const rnd = seeded(n * 31 + shape.length);
        const ids = Array.from({ length: n }, (_, i) => make(i, rnd));
        const renamed = new Map<number, string>();
        for (let row = 0; row < n; row += 97) renamed.set(row, `${ids[row]}-2`);
        const idOf = (row: number) => renamed.get(row) ?? ids[row]!;
        // Few distinct scores (long ties: every id sorted), -0 and 0 among them; and distinct
        // scores with a few ties (only the ties' ids sorted), ties in 1 row of 10 and of 6 (either side of FEW_TIES).
        const longTies = Float64Array.from({ length: n }, () => [0, -0, 12.5, 99.25, 40, 40.000000000000007][Math.floor(rnd() * 6)]!);
        const fewTies = (share: number) => Float64Array.from({ length: n }, (_, i) => (rnd() < share ? [0, -0, 50, -3.25][i % 4]! : rnd() * 120 - 20)); // negatives too (no model gives them; the sort handles them)
        for (const [kind, scores] of [['long ties', longTies], ['ties in 1 row of 10', fewTies(0.1)], ['ties in 1 row of 6', fewTies(1 / 6)], ['distinct', fewTies(0)]] as const) {
          for (const cut of [n + 1, 7]) {
            expect(Array.from(rankOrder(scores, partsOf(ids, cut), renamed)), `${kind}: ${n} rows in parts of ${cut}`).toEqual(reference(scores, idOf));
          }
        }
      }
    });
  }
});
