// String(x) of a double, written as ASCII bytes, without making a string: the exports of a million
// rows write about six non-whole numbers a row, and V8's Number#toString takes 300–400 ns for
// each (docs/streaming-exports.md measures it). This fast path gives the same text for doubles in
// [1e-6, 1e15) (ECMAScript's Number::toString: the fewest digits that read back as x, the
// nearest of those) and refuses the rest (-1), for which the caller writes String(x).
// test/unit/number-text.test.ts holds it equal to String(x) on millions of values.
//
// How: with E = floor(log10 x) and k = 16 − E, x·10^k lies in [1e16, 1e17); its exact value is
// p + err (Dekker's product, IEEE operations only), so n17, the nearest 17-digit integer, is
// known exactly (as a 9-digit and an 8-digit half). A candidate of d ≤ 16 digits c reads back as
// x exactly when c / 10^(k−17+d) === x, one correctly rounded division of exact operands (what
// parsing the decimal gives). The nearest 15-digit candidate reads back → the shortest is it
// without its trailing zeros (a 15-digit decimal in x's rounding interval is unique); else the
// nearest 16-digit one; else n17 (17 digits always read back). Exact ties, powers of two (whose
// rounding interval is lopsided) and carries past the digit count are refused.

const POW10 = Float64Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
/** Veltkamp halves of 10^k (for the exact product). */
const SPLIT = 134217729; // 2^27 + 1
const POW10_HI = POW10.map((p) => {
  const c = SPLIT * p;
  return c - (c - p);
});
const POW10_LO = POW10.map((p, i) => p - POW10_HI[i]!);
const TWO53 = 9007199254740992;

const view = new Float64Array(1);
const words = new Uint32Array(view.buffer);
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;

/**
 * Writes String(x) for a finite x, 1e-6 ≤ |x| < 1e15, at buf[at…] and returns the end; -1 when
 * this path does not decide it (nothing meaningful written). buf needs 24 bytes of room.
 */
export function writeNumberText(buf: Uint8Array, at: number, x: number): number {
  let negative = false;
  if (x < 0) {
    negative = true;
    x = -x;
  }
  if (!(x >= 1e-6 && x < 1e15)) return -1;
  // The decimal exponent from the binary one (may be one off: the exact product below decides).
  view[0] = x;
  let e = Math.floor((((words[1 - LOW]! >>> 20) & 0x7ff) - 1023) * 0.30102999566398120);
  if (e >= 0 && e < 22 && x >= POW10[e + 1]!) e++;
  if (e < -6) e = -6;
  if (e > 14) e = 14;
  let k = 16 - e;
  let p = 0;
  let err = 0;
  for (let tries = 0; ; tries++) {
    if (tries === 3 || k < 2 || k > 22) return -1;
    // p + err = x · 10^k exactly (Dekker's product without FMA).
    p = x * POW10[k]!;
    const c = SPLIT * x;
    const xh = c - (c - x);
    const xl = x - xh;
    const ph = POW10_HI[k]!;
    const pl = POW10_LO[k]!;
    err = xh * ph - p + xh * pl + xl * ph + xl * pl;
    if (p < 1e16 || (p === 1e16 && err < 0)) k++;
    else if (p > 1e17 || (p === 1e17 && err >= 0)) k--;
    else break;
  }
  e = 16 - k;
  // n17 = round(p + err) = q·1e8 + r, p an integer (≥ 2^53).
  const roundedErr = Math.round(err);
  const below = err - roundedErr; // r − n17, exact
  if (below === -0.5 || below === 0.5) return -1; // an exact tie at 17 digits
  const q0 = Math.floor(p / 1e8);
  carry(q0, p - q0 * 1e8);
  carry(hiPart, loPart + roundedErr);
  const q = hiPart;
  const r = loPart;
  if (q >= 1e9 || q < 1e8) return -1;

  // 15 digits: n17 / 100 rounded (q·1e6 + r / 100).
  const r100 = Math.floor(r / 100);
  const rest100 = r - r100 * 100;
  let c15 = q * 1e6 + r100;
  if (rest100 > 50 || (rest100 === 50 && below > 0)) c15++;
  else if (rest100 === 50 && below === 0) return -1;
  if (c15 >= 1e15) return -1;
  if (c15 / POW10[k - 2]! === x) return writeDigits(buf, at, negative, c15, 15, e);
  if (words[LOW] === 0 && (words[1 - LOW]! & 0xfffff) === 0) return -1; // a power of two: its rounding interval is lopsided

  const r10 = Math.floor(r / 10);
  const rest10 = r - r10 * 10;
  let c16 = q * 1e7 + r10;
  if (rest10 > 5 || (rest10 === 5 && below > 0)) c16++;
  else if (rest10 === 5 && below === 0) return -1;
  if (c16 >= 1e16 || c16 > TWO53) return -1;
  if (c16 / POW10[k - 1]! === x) return writeDigits(buf, at, negative, c16, 16, e);

  // 17 digits: q then r on 8 digits.
  at = writeSign(buf, at, negative);
  return writeDigitsOf(buf, at, q, 9, r, 8, e);
}

let hiPart = 0;
let loPart = 0;

/** Sets hiPart·1e8 + loPart = hi·1e8 + lo with 0 ≤ loPart < 1e8 (lo at most one 1e8 out of range: a quotient's rounding or a carry). */
function carry(hi: number, lo: number): void {
  if (lo < 0) {
    hi--;
    lo += 1e8;
  } else if (lo >= 1e8) {
    hi++;
    lo -= 1e8;
  }
  hiPart = hi;
  loPart = lo;
}

function writeSign(buf: Uint8Array, at: number, negative: boolean): number {
  if (negative) buf[at++] = 0x2d;
  return at;
}

/** c (of `count` digits, 10^(count−1) ≤ c) without its trailing zeros, placed for exponent e. */
function writeDigits(buf: Uint8Array, at: number, negative: boolean, c: number, count: number, e: number): number {
  at = writeSign(buf, at, negative);
  // Split c into a high part and 8 low digits, both exact below 2^53.
  const hi = Math.floor(c / 1e8);
  carry(hi, c - hi * 1e8);
  return writeDigitsOf(buf, at, hiPart, count - 8, loPart, 8, e);
}

/** The two ASCII digits of 0…99: tens then ones (two digits a division, written in place). */
const TENS = Uint8Array.from({ length: 100 }, (_, i) => 48 + Math.floor(i / 10));
const ONES = Uint8Array.from({ length: 100 }, (_, i) => 48 + (i % 10));

/** Writes the `count` low decimal digits of v (v < 2^31, zero-padded) so that the last one is at buf[end − 1]. */
function putDigits(buf: Uint8Array, end: number, v: number, count: number): void {
  while (count >= 2) {
    const q = (v / 100) | 0;
    const r = v - q * 100;
    buf[end - 1] = ONES[r]!;
    buf[end - 2] = TENS[r]!;
    end -= 2;
    count -= 2;
    v = q;
  }
  if (count === 1) buf[end - 1] = 48 + (v % 10);
}

/** Writes a whole number 0 ≤ x < 2^31 at buf[at…] as String(x) does (two digits at a time); returns the end. */
export function writeWhole(buf: Uint8Array, at: number, x: number): number {
  const n = x < 10 ? 1 : x < 100 ? 2 : x < 1e3 ? 3 : x < 1e4 ? 4 : x < 1e5 ? 5 : x < 1e6 ? 6 : x < 1e7 ? 7 : x < 1e8 ? 8 : x < 1e9 ? 9 : 10;
  putDigits(buf, at + n, x, n);
  return at + n;
}

/** The decimal digits of hi (hiCount digits) then lo (loCount, zero-padded), trailing zeros dropped, as Number::toString places them. */
function writeDigitsOf(buf: Uint8Array, at: number, hi: number, hiCount: number, lo: number, loCount: number, e: number): number {
  let l = lo | 0; // both below 2^31: integer division, not fmod
  let h = hi | 0;
  if (l === 0) {
    loCount = 0;
    while (hiCount > 1 && h % 10 === 0) {
      h = (h / 10) | 0;
      hiCount--;
    }
  } else
    while (l % 10 === 0) {
      l = (l / 10) | 0;
      loCount--;
    }
  const n = hiCount + loCount;
  const point = e + 1; // digits before the decimal point
  if (point <= 0) {
    buf[at++] = 48;
    buf[at++] = 0x2e;
    for (let i = point; i < 0; i++) buf[at++] = 48;
  }
  // The n digits in a row from `at`, then the point moved in or zeros added.
  putDigits(buf, at + hiCount, h, hiCount);
  putDigits(buf, at + n, l, loCount);
  if (point <= 0) return at + n;
  if (point >= n) {
    for (let i = n; i < point; i++) buf[at + i] = 48;
    return at + point;
  }
  for (let i = at + n; i > at + point; i--) buf[i] = buf[i - 1]!;
  buf[at + point] = 0x2e;
  return at + n + 1;
}
