// The exports of `kam score --data` (csv, json, markdown) written from the columns that
// scoreClientData holds, without a ScoredAccount per row: per-criterion scores and contributions
// computed for a block of rows at a time into typed arrays, rows written as bytes into large
// Buffers (ids and names copied as the UTF-8 bytes that were read, escaped the way csvCell,
// JSON.stringify + escapeJson and markdownText do), numbers through the same String(x).
// docs/streaming-exports.md tells the design and its measurements. The formatters of
// src/format/score (which materialize each row) are the reference: test/unit/score-export.test.ts
// and test/e2e/score-export.test.ts hold this writer byte-equal to them.
import type { Criterion } from '../core/config.js';
import { percentileScore, scaleScore } from '../core/scoring.js';
import type { ColumnarRows } from '../format/score/columnar.js';
import { csvCell } from '../format/csv.js';
import { escapeJson, markdownText } from '../format/escape.js';
import { criterionCell } from '../format/score/shared.js';
import type { ByteSpan, Utf8Parts } from './columns.js';

export interface ExportColumns {
  criteria: readonly Criterion[];
  missing: 'zero' | 'exclude';
  tiers: readonly { id: string }[];
  /** The shown rows, in rank order. */
  order: Uint32Array;
  rankOf: (row: number) => number;
  scores: Float64Array;
  tierIndex: Int32Array;
  /** The inputs, per part of the file then per criterion (NaN: missing); part k holds rows firsts[k]… */
  inputs: readonly (readonly Float64Array[])[];
  firsts: readonly number[];
  bases: readonly (Float64Array | null)[];
  ids: Utf8Parts;
  /** Ids of repeated rows, renamed (-2, -3…). */
  renamed: ReadonlyMap<number, string>;
  names: Utf8Parts;
}

/** Rows per block of computed columns. */
const BLOCK = 1024;
/** The size of the Buffers handed to the writer. */
const CHUNK_BYTES = 1 << 20;

const present = (x: number) => x - x === 0;

// ---- bytes ------------------------------------------------------------------

/**
 * A Buffer filled row after row, handed out once past CHUNK_BYTES. A handed-out Buffer is not
 * written again (a stream may still hold it, e.g. a pipe on macOS): the next one is new.
 */
class Sink {
  buf = Buffer.allocUnsafe(CHUNK_BYTES + 4096);
  at = 0;

  room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(bigger, 0, 0, this.at);
    this.buf = bigger;
  }

  get full(): boolean {
    return this.at >= CHUNK_BYTES;
  }

  take(): Buffer {
    const out = this.buf.subarray(0, this.at);
    this.buf = Buffer.allocUnsafe(CHUNK_BYTES + 4096);
    this.at = 0;
    return out;
  }

  copy(src: Uint8Array, start: number, end: number): void {
    const n = end - start;
    this.room(n);
    const buf = this.buf;
    if (n > 96) {
      buf.set(src.subarray(start, end), this.at);
      this.at += n;
      return;
    }
    let at = this.at;
    for (let i = start; i < end; i++) buf[at++] = src[i]!;
    this.at = at;
  }

  /** A whole fragment (no subarray made). */
  bytes(src: Uint8Array): void {
    const n = src.length;
    this.room(n);
    if (n > 16) {
      this.buf.set(src, this.at);
      this.at += n;
      return;
    }
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < n; i++) buf[at++] = src[i]!;
    this.at = at;
  }

  /** Text of ASCII characters only (numbers, fragments made of them). */
  ascii(text: string): void {
    const n = text.length;
    this.room(n);
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < n; i++) buf[at++] = text.charCodeAt(i);
    this.at = at;
  }

  utf8(text: string): void {
    this.room(text.length * 3);
    this.at += this.buf.write(text, this.at, 'utf8');
  }

  /** A whole number 0 ≤ x < 2^31, in decimal (what String(x) writes). */
  digits(x: number): void {
    this.room(10);
    const buf = this.buf;
    if (x < 10) {
      buf[this.at++] = 48 + x;
      return;
    }
    let n = 0;
    for (let v = x; v !== 0; v = (v / 10) | 0) n++;
    let at = this.at + n;
    this.at = at;
    for (let v = x; v !== 0; v = (v / 10) | 0) buf[--at] = 48 + (v % 10);
  }

  /** String(x) of a number (JSON's number text too, for a finite x). */
  number(x: number, cache: NumberTexts): void {
    if (x > -2147483648 && x < 2147483648 && (x | 0) === x) {
      if (x < 0) {
        this.room(1);
        this.buf[this.at++] = 45;
        this.digits(-x);
      } else this.digits(x | 0); // -0 too: String(-0) is "0"
      return;
    }
    this.ascii(cache.text(x));
  }

  /** JSON's number text: String(x), null when not finite. */
  jsonNumber(x: number, cache: NumberTexts): void {
    if (x - x === 0) this.number(x, cache);
    else this.ascii('null');
  }
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const CACHE_BITS = 12;

/** String(x) of recent values, by a hash of their bits (a criterion's scores often take a few values). */
class NumberTexts {
  private readonly keys = new Float64Array(1 << CACHE_BITS).fill(Number.NaN);
  private readonly texts: string[] = new Array<string>(1 << CACHE_BITS).fill('');

  text(x: number): string {
    f64[0] = x;
    const h = Math.imul(u32[0]! ^ Math.imul(u32[1]!, 0x9e3779b1), 0x85ebca6b) >>> (32 - CACHE_BITS);
    if (this.keys[h] === x && !Object.is(x, -0)) return this.texts[h]!;
    const text = String(x);
    this.keys[h] = x;
    this.texts[h] = text;
    return text;
  }
}

const ascii = (text: string) => Buffer.from(text, 'utf8');

/** The first byte of a value, when it could start a formula or white space before one (csv.ts FORMULA_START): the value goes the slow way. */
function csvSuspectFirst(b: number): boolean {
  // \t \n \v \f \r, space, + - = @, and the lead bytes of NBSP (C2), U+1680 (E1), U+2000–U+205F (E2), U+3000 (E3), U+FEFF and fullwidth ＝＋－＠ (EF).
  return b <= 0x20 || b === 0x2b || b === 0x2d || b === 0x3d || b === 0x40 || b === 0xc2 || b === 0xe1 || b === 0xe2 || b === 0xe3 || b === 0xef;
}

/** A byte that a JSON string or human text may not carry as it is: C0, `"`, `\`, DEL, and the lead bytes of C1 (C2), U+061C (D8), U+200E… U+2069 (E2). */
function escapedByte(b: number): boolean {
  return b < 0x20 || b === 0x22 || b === 0x5c || b === 0x7f || b === 0xc2 || b === 0xd8 || b === 0xe2;
}

/** The bytes that markdownText backslash-escapes: \ ` * _ ~ [ ] < > & | $. */
const MARKDOWN_SPECIAL = new Uint8Array(128);
for (const c of '\\`*_~[]<>&|$') MARKDOWN_SPECIAL[c.charCodeAt(0)] = 1;

// ---- rows -------------------------------------------------------------------

/** A block of rows with their per-criterion figures, as typed arrays. */
class Block {
  readonly rows = new Uint32Array(BLOCK);
  /** [criterion * BLOCK + j] */
  readonly input: Float64Array;
  readonly score: Float64Array;
  readonly contribution: Float64Array;
  /** Exclusion of missing inputs: a missing criterion's score is null (else 0). */
  readonly excluded: boolean;
  /** Per row: the bit mask of missing criteria (criteria ≤ 30), else -1 and `missingIds` says. */
  readonly missingMask = new Int32Array(BLOCK);
  length = 0;

  constructor(private readonly c: ExportColumns) {
    const k = c.criteria.length;
    this.excluded = c.missing !== 'zero';
    this.input = new Float64Array(k * BLOCK);
    this.score = new Float64Array(k * BLOCK);
    this.contribution = new Float64Array(k * BLOCK);
  }

  /** Fills the block with order[from, from + BLOCK). */
  fill(from: number): void {
    const { order, inputs, firsts, criteria, bases } = this.c;
    const k = criteria.length;
    const n = Math.min(BLOCK, order.length - from);
    this.length = n;
    const zero = this.c.missing === 'zero';
    const input = this.input;
    for (let j = 0; j < n; j++) {
      const row = order[from + j]!;
      this.rows[j] = row;
      let p = firsts.length - 1;
      while (row < firsts[p]!) p--;
      const local = row - firsts[p]!;
      const columns = inputs[p]!;
      for (let i = 0; i < k; i++) input[i * BLOCK + j] = columns[i]![local]!;
    }
    // The weights that count for each row, added in model order (as criterionScores does).
    const weights = new Float64Array(n);
    for (let i = 0; i < k; i++) {
      const w = criteria[i]!.weight;
      for (let j = 0; j < n; j++) if (zero || present(input[i * BLOCK + j]!)) weights[j] = weights[j]! + w;
    }
    this.missingMask.fill(0, 0, n);
    for (let i = 0; i < k; i++) {
      const criterion = criteria[i]!;
      const w = criterion.weight;
      const scale = criterion.scale;
      const base = bases[i] ?? null;
      const bit = i < 30 ? 1 << i : 0;
      for (let j = 0; j < n; j++) {
        const at = i * BLOCK + j;
        const x = input[at]!;
        let s: number;
        let counts = true; // the score is not null
        if (!present(x)) {
          s = 0;
          counts = zero;
          if (bit !== 0) this.missingMask[j]! |= bit;
          else this.missingMask[j] = -1;
        } else s = scale.type === 'percentile' ? percentileScore(base!, x) : scaleScore(scale, x);
        this.score[at] = s;
        this.contribution[at] = counts && weights[j]! > 0 ? (100 * w * s) / weights[j]! : 0;
      }
    }
  }

  /** The ids of the missing criteria of row j, as the reference lists them. */
  missingIds(j: number): string[] {
    const { criteria } = this.c;
    const ids: string[] = [];
    for (let i = 0; i < criteria.length; i++) if (!present(this.input[i * BLOCK + j]!)) ids.push(criteria[i]!.id);
    return ids;
  }
}

/** A cell per missing mask (a handful of combinations), made once. */
class MissingCells {
  private readonly byMask = new Map<number, Uint8Array>();
  constructor(private readonly make: (ids: string[]) => string) {}

  get(block: Block, j: number): Uint8Array {
    const mask = block.missingMask[j]!;
    if (mask === -1) return ascii(this.make(block.missingIds(j)));
    let cell = this.byMask.get(mask);
    if (cell === undefined) {
      cell = ascii(this.make(block.missingIds(j)));
      this.byMask.set(mask, cell);
    }
    return cell;
  }
}

/** Writes the rows of the report's columns in each format. */
export function columnarRows(c: ExportColumns): ColumnarRows {
  const drive = function* (writer: RowWriter): Generator<Uint8Array> {
    while (writer.fill()) yield writer.out.take();
    if (writer.out.at > 0) yield writer.out.take();
  };
  return {
    csvRows: () => drive(new CsvWriter(c)),
    jsonItems: () => drive(new JsonWriter(c)),
    markdownRows: (tierCells) => drive(new MarkdownWriter(c, tierCells)),
  };
}

/**
 * Rows of one format written into a Sink, a block of computed columns at a time. The loops are
 * methods of a class (not closures in a generator, which V8 optimizes less well); the generator
 * only hands out each full Buffer.
 */
abstract class RowWriter {
  readonly out = new Sink();
  protected readonly span: ByteSpan = { bytes: Buffer.alloc(0), start: 0, end: 0 };
  protected readonly block: Block;
  protected readonly k: number;
  private from = 0;
  private j = 0;
  protected readonly inputTexts: NumberTexts[];
  protected readonly scoreTexts: NumberTexts[];
  protected readonly contributionTexts: NumberTexts[];
  protected readonly totalTexts = new NumberTexts();

  constructor(protected readonly c: ExportColumns) {
    this.block = new Block(c);
    this.k = c.criteria.length;
    this.inputTexts = Array.from({ length: this.k }, () => new NumberTexts());
    this.scoreTexts = Array.from({ length: this.k }, () => new NumberTexts());
    this.contributionTexts = Array.from({ length: this.k }, () => new NumberTexts());
  }

  /** Writes rows until the Sink is full (true) or no row is left (false). */
  fill(): boolean {
    const block = this.block;
    const order = this.c.order;
    for (;;) {
      if (this.j === block.length) {
        if (this.from >= order.length) return false;
        block.fill(this.from);
        this.from += BLOCK;
        this.j = 0;
      }
      const end = block.length;
      let j = this.j;
      while (j < end) {
        this.row(block.rows[j]!, j);
        j++;
        if (this.out.full) {
          this.j = j;
          return true;
        }
      }
      this.j = j;
    }
  }

  protected abstract row(row: number, j: number): void;

  /** The row's id: true when its bytes are in `span`, else the id as a string (renamed). */
  protected idAt(row: number): string | true {
    const c = this.c;
    const renamed = c.renamed.size > 0 ? c.renamed.get(row) : undefined;
    if (renamed !== undefined) return renamed;
    return c.ids.locate(row, this.span) ? true : c.ids.get(row);
  }

  /** The row's name, or its id when it has none. */
  protected nameAt(row: number): string | true {
    const c = this.c;
    if (c.names.locate(row, this.span)) return this.span.end > this.span.start ? true : this.idAt(row);
    const name = c.names.get(row);
    return name !== '' ? name : this.idAt(row);
  }

  protected spanText(): string {
    const { bytes, start, end } = this.span;
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', start, end);
  }

  protected comma(): void {
    const out = this.out;
    out.room(1);
    out.buf[out.at++] = 0x2c;
  }
}

class CsvWriter extends RowWriter {
  private readonly tierCells: Uint8Array[];
  private readonly missing = new MissingCells((ids) => csvCell(ids.join(';')));

  constructor(c: ExportColumns) {
    super(c);
    this.tierCells = c.tiers.map((t) => ascii(csvCell(t.id)));
  }

  private value(value: string | true): void {
    const out = this.out;
    if (value !== true) return out.utf8(csvCell(value));
    const { bytes, start, end } = this.span;
    if (end > start && csvSuspectFirst(bytes[start]!)) return out.utf8(csvCell(this.spanText()));
    let quote = false;
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      if (b === 0x22 || b === 0x2c || b === 0x0d || b === 0x0a) {
        quote = true;
        break;
      }
    }
    if (!quote) return out.copy(bytes, start, end);
    out.room(2 * (end - start) + 2);
    const buf = out.buf;
    let at = out.at;
    buf[at++] = 0x22;
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      buf[at++] = b;
      if (b === 0x22) buf[at++] = 0x22;
    }
    buf[at++] = 0x22;
    out.at = at;
  }

  protected row(row: number, j: number): void {
    const { out, c, block, k } = this;
    out.digits(c.rankOf(row));
    this.comma();
    this.value(this.idAt(row));
    this.comma();
    this.value(this.nameAt(row));
    this.comma();
    out.number(c.scores[row]!, this.totalTexts);
    this.comma();
    const tier = c.tierIndex[row]!;
    if (tier >= 0) out.bytes(this.tierCells[tier]!);
    this.comma();
    this.comma();
    out.bytes(this.missing.get(block, j));
    for (let i = 0; i < k; i++) {
      const at = i * BLOCK + j;
      this.comma();
      const x = block.input[at]!;
      if (present(x)) out.number(x, this.inputTexts[i]!);
      this.comma();
      if (present(x) || !block.excluded) out.number(block.score[at]!, this.scoreTexts[i]!);
      this.comma();
      out.number(block.contribution[at]!, this.contributionTexts[i]!);
    }
    out.room(2);
    out.buf[out.at++] = 0x0d;
    out.buf[out.at++] = 0x0a;
  }
}

const jsonText = (text: string) => ascii(escapeJson(JSON.stringify(text)));

class JsonWriter extends RowWriter {
  private readonly tierTexts: Uint8Array[];
  private readonly missing = new MissingCells((ids) => escapeJson(JSON.stringify(ids, null, 2).replace(/\n/g, '\n      ')));
  private readonly criterionHeads: Uint8Array[];
  private readonly criterionWeights: Uint8Array[];
  private readonly firstHead = ascii('\n    {\n      "id": ');
  private readonly nextHead = ascii(',\n    {\n      "id": ');
  private readonly nameKey = ascii(',\n      "name": ');
  private readonly scoreKey = ascii(',\n      "score": ');
  private readonly tierKey = ascii(',\n      "tier": ');
  private readonly rankKey = ascii(',\n      "rank": ');
  private readonly missingKey = ascii(',\n      "declaredTier": null,\n      "missing": ');
  private readonly criteriaKey: Uint8Array;
  private readonly scoreField = ascii(',\n          "score": ');
  private readonly criterionEnd = ascii('\n        }');
  private readonly itemEnd: Uint8Array;
  private readonly nullText = ascii('null');
  private first = true;

  constructor(c: ExportColumns) {
    super(c);
    this.tierTexts = c.tiers.map((t) => jsonText(t.id));
    this.criterionHeads = c.criteria.map((criterion, i) => ascii(`${i === 0 ? '' : ','}\n        {\n          "id": ${escapeJson(JSON.stringify(criterion.id))},\n          "input": `));
    this.criterionWeights = c.criteria.map((criterion) => ascii(`,\n          "weight": ${JSON.stringify(criterion.weight)},\n          "contribution": `));
    this.criteriaKey = ascii(this.k === 0 ? ',\n      "criteria": []' : ',\n      "criteria": [');
    this.itemEnd = ascii(this.k === 0 ? '\n    }' : '\n      ]\n    }');
  }

  private value(value: string | true): void {
    const out = this.out;
    if (value !== true) return out.utf8(escapeJson(JSON.stringify(value)));
    const { bytes, start, end } = this.span;
    for (let i = start; i < end; i++) if (escapedByte(bytes[i]!)) return out.utf8(escapeJson(JSON.stringify(this.spanText())));
    out.room(end - start + 2);
    out.buf[out.at++] = 0x22;
    out.copy(bytes, start, end);
    out.buf[out.at++] = 0x22;
  }

  protected row(row: number, j: number): void {
    const { out, c, block, k } = this;
    out.bytes(this.first ? this.firstHead : this.nextHead);
    this.first = false;
    this.value(this.idAt(row));
    out.bytes(this.nameKey);
    this.value(this.nameAt(row));
    out.bytes(this.scoreKey);
    out.jsonNumber(c.scores[row]!, this.totalTexts);
    out.bytes(this.tierKey);
    const tier = c.tierIndex[row]!;
    out.bytes(tier >= 0 ? this.tierTexts[tier]! : this.nullText);
    out.bytes(this.rankKey);
    out.digits(c.rankOf(row));
    out.bytes(this.missingKey);
    out.bytes(this.missing.get(block, j));
    out.bytes(this.criteriaKey);
    for (let i = 0; i < k; i++) {
      const at = i * BLOCK + j;
      out.bytes(this.criterionHeads[i]!);
      const x = block.input[at]!;
      if (present(x)) out.number(x, this.inputTexts[i]!);
      else out.bytes(this.nullText);
      out.bytes(this.scoreField);
      if (present(x) || !block.excluded) out.jsonNumber(block.score[at]!, this.scoreTexts[i]!);
      else out.bytes(this.nullText);
      out.bytes(this.criterionWeights[i]!);
      out.jsonNumber(block.contribution[at]!, this.contributionTexts[i]!);
      out.bytes(this.criterionEnd);
    }
    out.bytes(this.itemEnd);
  }
}

class MarkdownWriter extends RowWriter {
  private readonly tiers: Uint8Array[];
  private readonly noTier = ascii(' | –');
  private readonly dash = ascii('–');
  private readonly percentCells = Array.from({ length: 101 }, (_, v) => ascii(criterionCell(v / 100, false)));

  constructor(c: ExportColumns, tierCells: readonly string[]) {
    super(c);
    this.tiers = tierCells.map((t) => ascii(` | ${t}`));
  }

  private value(value: string | true): void {
    const out = this.out;
    if (value !== true) return out.utf8(markdownText(value));
    const { bytes, start, end } = this.span;
    let specials = 0;
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      if (b < 0x80 && MARKDOWN_SPECIAL[b] === 1) specials++;
      else if (escapedByte(b) && b !== 0x22) return out.utf8(markdownText(this.spanText()));
    }
    if (specials === 0) return out.copy(bytes, start, end);
    out.room(end - start + specials);
    const buf = out.buf;
    let at = out.at;
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      if (b < 0x80 && MARKDOWN_SPECIAL[b] === 1) buf[at++] = 0x5c;
      buf[at++] = b;
    }
    out.at = at;
  }

  protected row(row: number, j: number): void {
    const { out, c, block, k } = this;
    out.ascii('| ');
    out.digits(c.rankOf(row));
    out.ascii(' | ');
    this.value(this.nameAt(row));
    out.ascii(' | **');
    out.ascii(c.scores[row]!.toFixed(1));
    out.ascii('**');
    const tier = c.tierIndex[row]!;
    out.bytes(tier >= 0 ? this.tiers[tier]! : this.noTier);
    for (let i = 0; i < k; i++) {
      out.ascii(' | ');
      // criterionCell: '–' when missing, else the score on 0..100.
      if (!present(block.input[i * BLOCK + j]!)) out.bytes(this.dash);
      else {
        const v = Math.round(block.score[i * BLOCK + j]! * 100);
        if (v >= 0 && v <= 100) out.bytes(this.percentCells[v]!);
        else out.ascii(String(v));
      }
    }
    out.ascii(' |\n');
  }
}

/**
 * All rows in rank order: score descending, then id ascending (as byRankOf of client-data.ts),
 * without a comparator over all rows. The scores, sorted natively (Float64Array#sort), give each
 * distinct score a bucket; a counting sort puts the rows in their buckets (row order kept), and
 * only the rows of a bucket of several (equal scores) have their ids decoded and compared.
 */
export function rankOrder(scores: Float64Array, ids: Utf8Parts, renamed: ReadonlyMap<number, string>): Uint32Array {
  const idOf = (row: number) => renamed.get(row) ?? ids.get(row);
  const n = scores.length;
  const sorted = Float64Array.from(scores).sort();
  if (n > 0 && (sorted[n - 1]! !== sorted[n - 1]! || sorted[0]! !== sorted[0]!)) return comparatorOrder(scores, idOf); // NaN
  // The distinct values, descending (-0 and 0 are one).
  const distinct = new Float64Array(n);
  let m = 0;
  for (let i = n - 1; i >= 0; i--) {
    const v = sorted[i]!;
    if (m === 0 || v !== distinct[m - 1]) distinct[m++] = v;
  }
  const bucketOf = new Uint32Array(n);
  const starts = new Uint32Array(m + 1);
  for (let row = 0; row < n; row++) {
    const v = scores[row]!;
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (distinct[mid]! > v) lo = mid + 1;
      else hi = mid;
    }
    bucketOf[row] = lo;
    starts[lo + 1]!++;
  }
  for (let b = 0; b < m; b++) starts[b + 1]! += starts[b]!;
  const order = new Uint32Array(n);
  const at = starts.slice(0, m);
  for (let row = 0; row < n; row++) order[at[bucketOf[row]!]!++] = row;
  const ties = new TieSorter(ids, renamed);
  for (let b = 0; b < m; b++) {
    const from = starts[b]!;
    const to = starts[b + 1]!;
    if (to - from >= 2) ties.sort(order.subarray(from, to));
  }
  return order;
}

/** The same order by a comparator sort (scores with NaN, which no model gives). */
function comparatorOrder(scores: Float64Array, idOf: (row: number) => string): Uint32Array {
  return Uint32Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => {
    const d = scores[b]! - scores[a]!;
    if (d !== 0) return d;
    const idA = idOf(a);
    const idB = idOf(b);
    return idA < idB ? -1 : idA > idB ? 1 : 0;
  });
}

/**
 * Sorts the rows of equal scores by id as JS compares strings (UTF-16 code units), from the ids'
 * UTF-8 bytes: their order is the code points', which is UTF-16's unless a string holds a
 * character past U+FFFF or one of U+E000–U+FFFF (lead bytes EE–F4). Each row gets a key of its
 * first 6 bytes; equal keys compare the rest of the bytes; a row whose id is renamed or holds a
 * byte ≥ 0xEE compares as a decoded string.
 */
class TieSorter {
  private keys = new Float64Array(64);
  private rows = new Uint32Array(64);
  private readonly a: ByteSpan = { bytes: Buffer.alloc(0), start: 0, end: 0 };
  private readonly b: ByteSpan = { bytes: Buffer.alloc(0), start: 0, end: 0 };

  constructor(private readonly ids: Utf8Parts, private readonly renamed: ReadonlyMap<number, string>) {}

  sort(group: Uint32Array): void {
    const m = group.length;
    if (this.keys.length < m) {
      this.keys = new Float64Array(m * 2);
      this.rows = new Uint32Array(m * 2);
    }
    const { keys, rows, a } = this;
    for (let t = 0; t < m; t++) {
      const row = group[t]!;
      rows[t] = row;
      keys[t] = this.renamed.has(row) || !this.ids.locate(row, a) ? Number.NaN : keyOf(a);
    }
    const positions = Array.from({ length: m }, (_, i) => i);
    positions.sort((x, y) => {
      const kx = keys[x]!;
      const ky = keys[y]!;
      if (kx === kx && ky === ky) {
        if (kx !== ky) return kx - ky;
        return this.compareBytes(rows[x]!, rows[y]!) || x - y;
      }
      const idX = this.renamed.get(rows[x]!) ?? this.ids.get(rows[x]!);
      const idY = this.renamed.get(rows[y]!) ?? this.ids.get(rows[y]!);
      return idX < idY ? -1 : idX > idY ? 1 : x - y;
    });
    for (let t = 0; t < m; t++) group[t] = rows[positions[t]!]!;
  }

  private compareBytes(x: number, y: number): number {
    const { a, b } = this;
    this.ids.locate(x, a);
    this.ids.locate(y, b);
    const la = a.end - a.start;
    const lb = b.end - b.start;
    const n = Math.min(la, lb);
    for (let i = 0; i < n; i++) {
      const d = a.bytes[a.start + i]! - b.bytes[b.start + i]!;
      if (d !== 0) return d;
    }
    return la - lb;
  }
}

/** The first 6 bytes as a number (shorter ids padded with 0); NaN when a byte is ≥ 0xEE. */
function keyOf(span: ByteSpan): number {
  const { bytes, start, end } = span;
  let key = 0;
  for (let i = start; i < end; i++) {
    const v = bytes[i]!;
    if (v >= 0xee) return Number.NaN;
    if (i < start + 6) key = key * 256 + v;
  }
  for (let i = end - start; i < 6; i++) key *= 256;
  return key;
}
