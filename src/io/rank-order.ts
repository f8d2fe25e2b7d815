// Every row of a client file in rank order (score descending, then id ascending as JS compares
// strings: byRankOf of client-data.ts, which stays the reference and serves small --top), for a
// million rows without a comparator sort over them all:
// 1. the rows sorted by score, descending, ties in file order: an LSD radix sort (11 bits a pass,
//    passes where every key has the same digit skipped) on the scores' bits made to sort as the
//    numbers do (a binary search of a row's score among a million distinct ones missed the cache
//    at every step: 0.3–0.7 s);
// 2. when many rows share their score (one in FEW_TIES or more), the rows sorted by id, on keys
//    of their UTF-8 bytes (8 bytes after the prefix every id shares, by the same radix sort; rows
//    whose keys are equal put in order by their whole ids), then by score again, stably: ties
//    come out in id order. When few do, each tie's rows are sorted by a comparator on their ids.
// UTF-8 byte order is code-point order, which is JS's UTF-16 order unless an id holds a character
// past U+FFFF (lead bytes F0–F4): then the ids are compared as decoded strings.
// test/unit/rank-order.test.ts holds it equal to the comparator sort.
import type { Utf8Parts } from './columns.js';
import { releaseArrays } from './release-memory.js';

export function rankOrder(scores: Float64Array, ids: Utf8Parts, renamed: ReadonlyMap<number, string>): Uint32Array {
  const n = scores.length;
  const idOf = (row: number) => renamed.get(row) ?? ids.get(row);
  // Two 8-byte-a-row and two 4-byte-a-row scratch arrays serve every step (a million rows: 24 MiB).
  const scratch: Scratch = { a: new ArrayBuffer(8 * n), b: new ArrayBuffer(8 * n), rows: new Uint32Array(n), spare: new Uint32Array(n) };
  // Rows by score, descending, ties in file order.
  const identity = scratch.rows;
  for (let row = 0; row < n; row++) identity[row] = row;
  for (let row = 0; row < n; row++) if (scores[row]! !== scores[row]!) return comparatorOrder(scores, idOf); // NaN: no model gives it
  let byScore = sortByScore(scores, identity, scratch);
  let tied = 0;
  eachTie(scores, byScore, (from, to) => (tied += to - from));
  // Many ties: every id sorted first (a radix sort on their bytes), then the stable sort by score
  // again, which leaves each tie in id order. Few: each tie's rows sorted by their ids alone (a
  // file of distinct scores sorts no id).
  if (tied * FEW_TIES > n) {
    const byId = idOrder(ids, renamed, scratch) ?? comparatorIdOrder(n, idOf);
    byScore = sortByScore(scores, byId, scratch);
  } else if (tied > 0) {
    const byIdThenRow = (a: number, b: number) => compareText(idOf(a), idOf(b)) || a - b;
    eachTie(scores, byScore, (from, to) => byScore.subarray(from, to).sort(byIdThenRow));
  }
  const order = Uint32Array.from(byScore);
  releaseArrays([new Uint8Array(scratch.a), new Uint8Array(scratch.b), scratch.rows, scratch.spare]);
  return order;
}

/** Calls f(from, to) for each run of two or more rows of `order` (sorted by score) that share their score. */
function eachTie(scores: Float64Array, order: Uint32Array, f: (from: number, to: number) => void): void {
  const n = order.length;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && scores[order[j]!] === scores[order[i]!]) j++;
    if (j - i > 1) f(i, j);
    i = j;
  }
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;

/**
 * `rows` (scratch.rows or scratch.spare, or a row order of its own) sorted by score, descending,
 * stable. The key of a score is its bits made to sort as numbers do (sign bit flipped, all bits
 * of a negative inverted), inverted for descending; -0 is made 0 first (they tie).
 */
function sortByScore(scores: Float64Array, order: Uint32Array, scratch: Scratch): Uint32Array {
  const n = order.length;
  let rows = scratch.rows;
  let spare = scratch.spare;
  if (order === spare) [rows, spare] = [spare, rows];
  else if (order !== rows) rows.set(order);
  const hiKeys = new Uint32Array(scratch.a, 0, n);
  const loKeys = new Uint32Array(scratch.a, 4 * n, n);
  for (let i = 0; i < n; i++) {
    f64[0] = scores[rows[i]!]! + 0;
    let hi = u32[1 - LOW]!;
    let lo = u32[LOW]!;
    if (hi >>> 31 === 1) {
      hi = ~hi;
      lo = ~lo;
    } else hi ^= 0x80000000;
    hiKeys[i] = ~hi >>> 0;
    loKeys[i] = ~lo >>> 0;
  }
  return sortByKeys({ hiKeys, loKeys, rows }, { hiKeys: new Uint32Array(scratch.b, 0, n), loKeys: new Uint32Array(scratch.b, 4 * n, n), rows: spare }).rows;
}

/** Rows sharing their score in one row in FEW_TIES at most: only those are sorted by id. */
const FEW_TIES = 8;

/** Rows with a 64-bit key each (two 32-bit halves): the arrays sorted, and as many to sort into. */
interface Keyed {
  hiKeys: Uint32Array<ArrayBuffer>;
  loKeys: Uint32Array<ArrayBuffer>;
  rows: Uint32Array<ArrayBuffer>;
}

/**
 * The rows sorted by key, ascending, ties in their order (an LSD radix sort: digits of lo first,
 * then of hi, a stable counting sort each; a digit every key shares moves nothing and is skipped).
 * Returns whichever of the two sets of arrays holds the result.
 */
function sortByKeys(input: Keyed, spare: Keyed): Keyed {
  let { hiKeys, loKeys, rows } = input;
  let { hiKeys: hiOut, loKeys: loOut, rows: rowsOut } = spare;
  const n = rows.length;
  const counts = new Uint32Array(DIGITS);
  for (let pass = 0; pass < 6; pass++) {
    const ofHi = pass >= 3;
    const shift = (pass % 3) * DIGIT_BITS;
    const keys = ofHi ? hiKeys : loKeys;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(keys[i]! >>> shift) & (DIGITS - 1)]!++;
    if (n === 0 || counts[(keys[0]! >>> shift) & (DIGITS - 1)] === n) continue; // one digit: nothing moves
    let sum = 0;
    for (let d = 0; d < DIGITS; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const at = counts[(keys[i]! >>> shift) & (DIGITS - 1)]!++;
      hiOut[at] = hiKeys[i]!;
      loOut[at] = loKeys[i]!;
      rowsOut[at] = rows[i]!;
    }
    [hiKeys, hiOut] = [hiOut, hiKeys];
    [loKeys, loOut] = [loOut, loKeys];
    [rows, rowsOut] = [rowsOut, rows];
  }
  return { hiKeys, loKeys, rows };
}

interface Scratch {
  a: ArrayBuffer;
  b: ArrayBuffer;
  rows: Uint32Array<ArrayBuffer>;
  spare: Uint32Array<ArrayBuffer>;
}

/** The same order by a comparator sort. */
function comparatorOrder(scores: Float64Array, idOf: (row: number) => string): Uint32Array {
  return Uint32Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => {
    const d = scores[b]! - scores[a]!;
    if (d !== 0) return d;
    return compareText(idOf(a), idOf(b));
  });
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function comparatorIdOrder(n: number, idOf: (row: number) => string): Uint32Array {
  return Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => compareText(idOf(a), idOf(b)) || a - b);
}

const DIGIT_BITS = 11;
const DIGITS = 1 << DIGIT_BITS;

/** The rows sorted by id (ties in row order); undefined when an id holds a byte ≥ 0xF0 (see above). */
function idOrder(ids: Utf8Parts, renamed: ReadonlyMap<number, string>, scratch: Scratch): Uint32Array | undefined {
  const n = ids.length;
  const parts = ids.partData();
  const renamedBytes = new Map<number, Buffer>();
  for (const [row, id] of renamed) renamedBytes.set(row, Buffer.from(id, 'utf8'));
  for (let row = 0; row < n; row++) if (ids.isReplaced(row) && !renamedBytes.has(row)) renamedBytes.set(row, Buffer.from(ids.get(row), 'utf8'));
  /** Calls f(bytes, start, end) with each row's id bytes, rows in order. */
  const each = (f: (row: number, bytes: Uint8Array, start: number, end: number) => boolean | void): boolean => {
    for (const { first, bytes, ends } of parts) {
      for (let local = 0; local < ends.length; local++) {
        const row = first + local;
        const own = renamedBytes.size > 0 ? renamedBytes.get(row) : undefined;
        const stop = own !== undefined ? f(row, own, 0, own.length) : f(row, bytes, local === 0 ? 0 : ends[local - 1]!, ends[local]!);
        if (stop === true) return false;
      }
    }
    return true;
  };
  // The prefix every id shares, and whether any id has a byte ≥ 0xF0.
  let prefix: Uint8Array | undefined;
  let shared = 0;
  const plain = each((_row, bytes, start, end) => {
    for (let i = start; i < end; i++) if (bytes[i]! >= 0xf0) return true;
    if (prefix === undefined) {
      prefix = bytes.slice(start, end);
      shared = prefix.length;
      return;
    }
    let i = 0;
    const len = Math.min(shared, end - start);
    while (i < len && bytes[start + i] === prefix[i]) i++;
    shared = i;
  });
  if (!plain) return undefined;
  // Keys: bytes shared…shared+8 as two 32-bit halves (0 past the end).
  let hiKeys = new Uint32Array(scratch.a, 0, n);
  let loKeys = new Uint32Array(scratch.a, 4 * n, n);
  let rows = scratch.rows;
  each((row, bytes, start, end) => {
    let hi = 0;
    let lo = 0;
    const from = start + shared;
    for (let i = 0; i < 4; i++) hi = (hi << 8) | (from + i < end ? bytes[from + i]! : 0);
    for (let i = 4; i < 8; i++) lo = (lo << 8) | (from + i < end ? bytes[from + i]! : 0);
    hiKeys[row] = hi >>> 0;
    loKeys[row] = lo >>> 0;
    rows[row] = row;
  });
  ({ hiKeys, loKeys, rows } = sortByKeys({ hiKeys, loKeys, rows }, { hiKeys: new Uint32Array(scratch.b, 0, n), loKeys: new Uint32Array(scratch.b, 4 * n, n), rows: scratch.spare }));
  // Runs of equal keys: by the whole id (bytes), ties in row order.
  const bytesOf = (row: number): [Uint8Array, number, number] => {
    const own = renamedBytes.size > 0 ? renamedBytes.get(row) : undefined;
    if (own !== undefined) return [own, 0, own.length];
    let k = parts.length - 1;
    while (row < parts[k]!.first) k--;
    const { first, bytes, ends } = parts[k]!;
    const local = row - first;
    return [bytes, local === 0 ? 0 : ends[local - 1]!, ends[local]!];
  };
  const compareRows = (a: number, b: number): number => {
    const [x, xs, xe] = bytesOf(a);
    const [y, ys, ye] = bytesOf(b);
    const len = Math.min(xe - xs, ye - ys);
    for (let i = 0; i < len; i++) {
      const d = x[xs + i]! - y[ys + i]!;
      if (d !== 0) return d;
    }
    return xe - xs - (ye - ys) || a - b;
  };
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && hiKeys[j] === hiKeys[i] && loKeys[j] === loKeys[i]) j++;
    if (j - i > 1) rows.subarray(i, j).sort(compareRows);
    i = j;
  }
  return rows;
}
