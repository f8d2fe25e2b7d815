// writeNumberText (src/format/number-text.ts), the exports' fast path for String(x) of a double,
// against String(x) itself: on millions of values of every shape an export meets (scores,
// contributions, money with cents, log-uniform magnitudes, random bit patterns, neighbours of
// powers of ten and two). Where it refuses (-1) the caller writes String(x); it must refuse
// little, or it is no fast path.
import { describe, expect, it } from 'vitest';
import { writeNumberText, writeWhole } from '../../src/format/number-text.js';

function seeded(seed: number) {
  let s = seed >>> 0 || 1;
  let t = 0x243f6a88;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    t = (t + 0x6d2b79f5) | 0;
    return ((s >>> 0) + (t >>> 0) * 4294967296) / 18446744073709551616;
  };
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** The double `steps` units in the last place away from x (x > 0). */
function nudged(x: number, steps: number): number {
  f64[0] = x;
  let lo = u32[1 - HI]! + steps;
  let hi = u32[HI]!;
  if (lo < 0) {
    lo += 4294967296;
    hi--;
  } else if (lo > 4294967295) {
    lo -= 4294967296;
    hi++;
  }
  u32[1 - HI] = lo;
  u32[HI] = hi;
  return f64[0]!;
}

function check(values: Iterable<number>): { count: number; refused: number; wrong: string[] } {
  const buf = Buffer.alloc(64);
  let count = 0;
  let refused = 0;
  const wrong: string[] = [];
  for (const x of values) {
    count++;
    const end = writeNumberText(buf, 0, x);
    if (end < 0) {
      refused++;
      continue;
    }
    const got = buf.toString('latin1', 0, end);
    if (got !== String(x) && wrong.length < 10) wrong.push(`${String(x)} written as ${got}`);
  }
  return { count, refused, wrong };
}

function* generated(n: number, make: (rnd: () => number) => number, seed: number): Generator<number> {
  const rnd = seeded(seed);
  for (let i = 0; i < n; i++) yield make(rnd);
}

describe('writeNumberText', () => {
  const shapes: Record<string, (rnd: () => number) => number> = {
    'scores on 0..1': (r) => r(),
    'contributions on 0..100': (r) => r() * 100,
    'log-uniform 1e-7..1e16': (r) => 10 ** (-7 + r() * 23),
    'money with cents': (r) => Math.round(r() * 1e9) / 100,
    'short decimals of any scale': (r) => Math.round(r() * 10 ** (1 + Math.floor(r() * 15))) / 10 ** Math.floor(r() * 16),
    'negative values': (r) => -(10 ** (-5 + r() * 18)),
    'a log scale as kam computes it': (r) => (100 * 35 * (Math.log10(1 + r() * 1e7) - 3)) / 4 / 100,
    'random bit patterns': (r) => {
      u32[1 - HI] = Math.floor(r() * 4294967296);
      u32[HI] = 0x3e000000 + Math.floor(r() * 0x0f000000);
      return f64[0]!;
    },
  };
  for (const [shape, make] of Object.entries(shapes)) {
    it(`writes String(x): ${shape}`, () => {
      const { count, refused, wrong } = check(generated(400_000, make, shape.length * 7919));
      expect(wrong).toEqual([]);
      // Values an export writes (within 1e-6..1e15): a fast path only if it rarely falls back.
      if (['scores on 0..1', 'contributions on 0..100', 'money with cents', 'a log scale as kam computes it'].includes(shape)) expect(refused / count).toBeLessThan(0.15);
    });
  }

  it('writes String(x) next to powers of ten and of two, and for fractions', () => {
    const values: number[] = [];
    for (let e = -7; e <= 16; e++) {
      for (const base of [10 ** e, 2 ** Math.round(e * 3.3219), 5 * 10 ** e, 9.999999999999999 * 10 ** e]) {
        for (let d = -40; d <= 40; d++) values.push(nudged(base, d));
      }
    }
    for (let i = 1; i < 300_000; i++) values.push(i / 3, i / 7 + 0.1, 1 / i, i * 0.1, i / 1024, 1 - 1 / i);
    values.push(0.1, 0.2, 0.30000000000000004, 1e-6, 1e15 - 0.5, 123456789012345.6, 5e-324, Number.MIN_VALUE, 2 ** 53 - 1.5, 0.5, 0.25, 1.5);
    const { wrong } = check(values);
    expect(wrong).toEqual([]);
  });

  it('refuses what it does not decide: outside 1e-6..1e15, NaN, infinities', () => {
    const buf = Buffer.alloc(64);
    for (const x of [1e-7, 1e15, 1e21, 1.5e300, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1e16]) expect(writeNumberText(buf, 0, x), String(x)).toBe(-1);
  });
});

describe('writeWhole', () => {
  it('writes String(x) for whole numbers 0 ≤ x < 2^31: all up to 200,000, each side of every power of ten, and random ones', () => {
    const values: number[] = [];
    for (let i = 0; i <= 200_000; i++) values.push(i);
    for (let e = 1; e <= 9; e++) for (let d = -3; d <= 3; d++) values.push(10 ** e + d);
    values.push(2 ** 31 - 1, 2 ** 31 - 2, 2 ** 30);
    const rnd = seeded(17);
    for (let i = 0; i < 200_000; i++) values.push(Math.floor(rnd() * 2 ** 31));
    const buf = new Uint8Array(16);
    const wrong = values.filter((x) => Buffer.from(buf.buffer, 0, writeWhole(buf, 0, x)).toString('latin1') !== String(x));
    expect(wrong).toEqual([]);
  });
});
