// JavaScript's Math.log10, bit for bit, in SQL (issue 21: `--engine duckdb` identical to kam's
// engine). V8's Math.log10 is fdlibm's e_log10.c over fdlibm's e_log.c (V8's src/base/ieee754.cc);
// DuckDB's LOG10 is the C library's, which differs in the last bit for ~0.1% of inputs. This is
// fdlibm's algorithm written with correctly rounded IEEE operations only (+ − × ÷, comparisons, and
// exact powers of two), in the same evaluation order, so that any engine that rounds each operation
// to nearest and does not fuse multiply-add gives V8's double. docs/engines.md says how it is proven
// (test/unit/duckdb-engine.test.ts: ≥ 1M values against Math.log10).
//
// fdlibm reads the exponent and the high 20 bits of the mantissa from the double's words; here:
//   k  = ⌊log2 x⌋, found exactly: a guess from log2 then corrected by comparing m with 1 and 2;
//   m  = x / 2^k ∈ [1, 2), exact (a power of two divides exactly);
//   each test on the mantissa's high word (hx & 0xfffff) compared with a constant c is a comparison
//   of m with 1 + c/2^20 (exact; only the high word counts because these constants have no low bits).
// The stages are columns computed over earlier columns (one SELECT each): written as one
// expression, the repeated subexpressions would be evaluated again and again.

/** A double constant of SQL that reads back as exactly this double (its shortest round-trip text). */
const lit = (n: number) => `CAST('${String(n)}' AS DOUBLE)`;
const dbl = (n: number) => `CAST(${n} AS DOUBLE)`;
const hiWord = (c: number) => 1 + c / 2 ** 20;

// fdlibm's constants (e_log.c, e_log10.c): the same doubles.
const LN2_HI = 6.93147180369123816490e-01;
const LN2_LO = 1.90821492927058770002e-10;
const LG = [6.666666666666735130e-01, 3.999999999940941908e-01, 2.857142874366239149e-01, 2.222219843214978396e-01, 1.818357216161805012e-01, 1.531383769920937332e-01, 1.479819860511658591e-01] as const;
const IVLN10 = 4.34294481903251816668e-01;
const LOG10_2HI = 3.01029995663611771306e-01;
const LOG10_2LO = 3.69423907715893078616e-13;
const THIRD = 0.33333333333333333;

/** `(hx + 0x95f64) & 0x100000`: the mantissa is at least ~√2 (then log takes x/2 and k + 1). */
const SQRT2_SPLIT = hiWord(0x6a09c);
/** `(0xfffff & (2 + hx)) < 3`: hx ∈ {0, 0xffffe, 0xfffff}, i.e. |f| < 2^-20 after the split. */
const NEAR_LOW = hiWord(1);
const NEAR_HIGH = hiWord(0xffffe);
/** `(hx - 0x6147a) | (0x6b851 - hx) > 0`: 0x6147a ≤ hx ≤ 0x6b851 (log's more accurate form). */
const MID_LOW = hiWord(0x6147a);
const MID_HIGH = hiWord(0x6b852);

export interface Log10Stages {
  /** Each stage: the columns it adds ([name, expression over the input and earlier stages' columns]). */
  stages: [string, string][][];
  /** The column that holds log10 of the input. */
  result: string;
}

/**
 * The stages that compute log10(`x`) as V8 does, in columns named `${p}…`. `x` is a DOUBLE
 * expression; NULL gives NULL; x ≤ 0, ±Infinity and NaN fall back to LOG10 (kam's log scales never
 * give such values: their input is at least the scale's min, which is positive).
 */
export function log10Stages(p: string, x: string): Log10Stages {
  const v = `${p}v`, k0 = `${p}k0`, m0 = `${p}m0`, k = `${p}k`, m = `${p}m`, f = `${p}f`, kl = `${p}kl`, y = `${p}y`;
  const s = `${p}s`, z = `${p}z`, w = `${p}w`, r = `${p}r`, near = `${p}bn`, mid = `${p}bm`, other = `${p}bo`, out = `${p}out`;
  const positive = `${v} > 0 AND isfinite(${v})`;
  const isNear = `(${m} < ${lit(NEAR_LOW)} OR ${m} >= ${lit(NEAR_HIGH)})`;
  const isMid = `(${m} >= ${lit(MID_LOW)} AND ${m} < ${lit(MID_HIGH)})`;
  const hfsq = `(${dbl(0.5)} * ${f} * ${f})`;
  // log's three forms, each written once for any k: with k = 0, `k*ln2_hi - (t - f)` is fdlibm's
  // `f - t` exactly (0·c = 0, t − 0 = t, 0 − u = −u, −(a − b) = b − a), and f = 0 gives
  // k*ln2_hi + k*ln2_lo, fdlibm's value for x = 2^k: no branch on k or on f = 0.
  const lnNear = `(${kl} * ${lit(LN2_HI)} - ((${f} * ${f} * (${dbl(0.5)} - ${lit(THIRD)} * ${f}) - ${kl} * ${lit(LN2_LO)}) - ${f}))`;
  const lnMid = `(${kl} * ${lit(LN2_HI)} - ((${hfsq} - (${s} * (${hfsq} + ${r}) + ${kl} * ${lit(LN2_LO)})) - ${f}))`;
  const lnOther = `(${kl} * ${lit(LN2_HI)} - ((${s} * (${f} - ${r}) - ${kl} * ${lit(LN2_LO)}) - ${f}))`;
  // The form that applies, chosen by weights 0 and 1 (a·1 + b·0 = a exactly for finite a and b; log
  // is never −0 here): cheaper than a CASE on DuckDB, and every form is finite for every m.
  const ln = `(${near} * ${lnNear} + ${mid} * ${lnMid} + ${other} * ${lnOther})`;
  const [lg1, lg2, lg3, lg4, lg5, lg6, lg7] = LG.map(lit);
  return {
    stages: [
      [[v, x]],
      [[k0, `CASE WHEN ${positive} THEN CAST(floor(log2(${v})) AS INTEGER) ELSE 0 END`]],
      [[m0, `${v} / pow(${dbl(2)}, CAST(${k0} AS DOUBLE))`]],
      [
        [k, `CASE WHEN ${m0} < ${dbl(1)} THEN ${k0} - 1 WHEN ${m0} >= ${dbl(2)} THEN ${k0} + 1 ELSE ${k0} END`],
        [m, `CASE WHEN ${m0} < ${dbl(1)} THEN ${m0} * ${dbl(2)} WHEN ${m0} >= ${dbl(2)} THEN ${m0} / ${dbl(2)} ELSE ${m0} END`],
      ],
      [
        // log10: n = k, plus 1 below 1 (then log reads x in [1/2, 1)); log: k is -1 or 0 for that x, plus 1 past √2.
        [y, `CAST(CASE WHEN ${k} < 0 THEN ${k} + 1 ELSE ${k} END AS DOUBLE)`],
        [kl, `CAST((CASE WHEN ${k} < 0 THEN -1 ELSE 0 END) + (CASE WHEN ${m} >= ${lit(SQRT2_SPLIT)} THEN 1 ELSE 0 END) AS DOUBLE)`],
        [f, `(CASE WHEN ${m} >= ${lit(SQRT2_SPLIT)} THEN ${m} / ${dbl(2)} ELSE ${m} END) - ${dbl(1)}`],
        [near, `CAST(${isNear} AS DOUBLE)`],
        [mid, `CAST(NOT ${isNear} AND ${isMid} AS DOUBLE)`],
        [other, `CAST(NOT ${isNear} AND NOT ${isMid} AS DOUBLE)`],
      ],
      [[s, `${f} / (${dbl(2)} + ${f})`]],
      [[z, `${s} * ${s}`]],
      [[w, `${z} * ${z}`]],
      [[r, `${z} * (${lg1} + ${w} * (${lg3} + ${w} * (${lg5} + ${w} * ${lg7}))) + ${w} * (${lg2} + ${w} * (${lg4} + ${w} * ${lg6}))`]],
      [[out, `CASE WHEN ${v} = 1 THEN ${dbl(0)} WHEN ${positive} THEN (${y} * ${lit(LOG10_2LO)} + ${lit(IVLN10)} * ${ln}) + ${y} * ${lit(LOG10_2HI)} ELSE LOG10(${v}) END`]],
    ],
    result: out,
  };
}

