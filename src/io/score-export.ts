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
import { recyclable, type ColumnarRows } from '../format/score/columnar.js';
import { csvCell } from '../format/csv.js';
import { escapeJson, markdownText } from '../format/escape.js';
import { writeNumberText, writeWhole } from '../format/number-text.js';
import { criterionCell } from '../format/score/shared.js';
import type { ByteSpan, Utf8Parts } from './columns.js';
import { startExportWorker } from './export-threads.js';

/** What a row writer needs besides the rows: the model (data only: it is sent to the export worker as it is). */
export interface WriterModel {
  criteria: readonly Criterion[];
  missing: 'zero' | 'exclude';
  tiers: readonly { id: string }[];
  /** Per criterion, the sorted inputs its percentile scale ranks against (null: not a percentile). */
  bases: readonly (Float64Array | null)[];
  /** Output positions per partition (partitionRows). */
  partitionRows: number;
}

export interface ExportColumns extends Omit<WriterModel, 'partitionRows'> {
  /** The shown rows, in rank order. */
  order: Uint32Array;
  rankOf: (row: number) => number;
  scores: Float64Array;
  tierIndex: Int32Array;
  /** The inputs, per part of the file then per criterion (NaN: missing); part k holds rows firsts[k]… */
  inputs: readonly (readonly Float64Array[])[];
  firsts: readonly number[];
  ids: Utf8Parts;
  /** Ids of repeated rows, renamed (-2, -3…). */
  renamed: ReadonlyMap<number, string>;
  names: Utf8Parts;
}

/** The size of the Buffers handed to the writer. */
const CHUNK_BYTES = 1 << 20;

const present = (x: number) => x - x === 0;

// ---- bytes ------------------------------------------------------------------

/**
 * A Buffer filled row after row, handed out once past CHUNK_BYTES. A handed-out Buffer is not
 * written again until the CLI says it was written (recyclable: a stream may still hold it, e.g. a
 * pipe): the next one is one given back, else new.
 */
class Sink {
  buf = Buffer.allocUnsafe(CHUNK_BYTES + 4096);
  /** `buf` seen 4 bytes at a time (a cached number's text is copied so). */
  view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
  at = 0;

  private use(buf: Buffer<ArrayBuffer>): void {
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.length);
  }

  room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(bigger, 0, 0, this.at);
    this.use(bigger);
  }

  get full(): boolean {
    return this.at >= CHUNK_BYTES;
  }

  /** Buffers written out and given back (recyclable): reused, not allocated again. */
  private readonly free: Buffer<ArrayBuffer>[] = [];

  /** The memory of a chunk written out, back from the thread that wrote it. */
  giveBack(memory: ArrayBuffer): void {
    if (memory.byteLength === CHUNK_BYTES + 4096 && this.free.length < 16) this.free.push(Buffer.from(memory));
  }

  take(): Uint8Array {
    const whole = this.buf;
    const out = recyclable(whole.subarray(0, this.at), () => {
      if (whole.length === CHUNK_BYTES + 4096 && this.free.length < 16) this.free.push(whole);
    });
    this.use(this.free.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES + 4096));
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
    this.at = writeWhole(this.buf, this.at, x);
  }

  /** String(x) of a number (JSON's number text too, for a finite x). */
  number(x: number, cache: NumberBytes): void {
    if (x > -2147483648 && x < 2147483648 && (x | 0) === x) {
      if (x < 0) {
        this.room(1);
        this.buf[this.at++] = 45;
        this.digits(-x);
      } else this.digits(x | 0); // -0 too: String(-0) is "0"
      return;
    }
    this.room(32);
    if (!cache.on) {
      cache.rest();
      return this.numberText(x);
    }
    const start = this.at;
    const end = cache.copy(x, this.view, start);
    if (end >= 0) {
      this.at = end;
      return;
    }
    this.numberText(x);
    cache.keep(x, this.buf, start, this.at);
  }

  private numberText(x: number): void {
    const end = writeNumberText(this.buf, this.at, x);
    if (end >= 0) this.at = end;
    else this.ascii(String(x));
  }

  /** JSON's number text: String(x), null when not finite. */
  jsonNumber(x: number, cache: NumberBytes): void {
    if (x - x === 0) this.number(x, cache);
    else this.ascii('null');
  }
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const CACHE_BITS = 11;
/** The machine's byte order (the words of a text are in it). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** The longest text kept (String(x) of a number that is not whole is 24 characters at most). */
const CACHE_TEXT = 24;
/** Lookups a cache is judged on, and how long one that was judged useless stays off before it is tried again. */
const CACHE_WINDOW = Number(process.env.KAM_EXPORT_CACHE_WINDOW) || 16_384;
const CACHE_REST = 16 * CACHE_WINDOW;

/**
 * The text of a column's recent values, as bytes, by a hash of their bits: a criterion's scores
 * and contributions often take a few values (grades, ties), and copying ~15 bytes costs a fifth of
 * making them. A column whose values seldom repeat (under one hit in four) turns its cache off
 * for a while (a lookup and a copy in would only add to each value's cost).
 */
class NumberBytes {
  private readonly keys = new Float64Array(1 << CACHE_BITS).fill(Number.NaN);
  private readonly lengths = new Uint8Array(1 << CACHE_BITS);
  /** Each slot's text, CACHE_TEXT bytes, read 4 at a time. */
  private readonly words = new Uint32Array(((1 << CACHE_BITS) * CACHE_TEXT) / 4);
  private readonly texts = new Uint8Array(this.words.buffer);
  on = true;
  /** Lookups in this window (on), or values since the cache was turned off. */
  private count = 0;
  private hits = 0;
  private slot = 0;

  /**
   * Copies x's text to the buffer at `at` and returns its end, or -1 when x is not kept (then
   * `keep` follows). Writes whole words: up to 3 bytes past the end (the buffer has room for 32).
   */
  copy(x: number, out: DataView, at: number): number {
    f64[0] = x;
    const h = Math.imul(u32[0]! ^ Math.imul(u32[1]!, 0x9e3779b1), 0x85ebca6b) >>> (32 - CACHE_BITS);
    this.slot = h;
    if (++this.count === CACHE_WINDOW) {
      if (this.hits * 4 < CACHE_WINDOW) this.on = false;
      this.count = 0;
      this.hits = 0;
    }
    if (this.keys[h] !== x) return -1;
    this.hits++;
    const n = this.lengths[h]!;
    const words = this.words;
    for (let w = (h * CACHE_TEXT) >> 2, to = at, end = at + n; to < end; w++, to += 4) out.setUint32(to, words[w]!, LITTLE_ENDIAN);
    return at + n;
  }

  /** Keeps the text just written for x (buf[start, end)), in the slot `copy` looked in. */
  keep(x: number, buf: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (n > CACHE_TEXT) return;
    const h = this.slot;
    this.keys[h] = x;
    this.lengths[h] = n;
    const texts = this.texts;
    for (let i = 0, to = h * CACHE_TEXT; i < n; i++) texts[to + i] = buf[start + i]!;
  }

  /** Counts a value written while the cache is off; after CACHE_REST of them it is tried again. */
  rest(): void {
    if (++this.count === CACHE_REST) {
      this.on = true;
      this.count = 0;
    }
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

/**
 * Output positions per partition: its rows' figures fit in a core's L2 cache (1 MiB here). JSON's
 * take fewer: its rows are 5× CSV's bytes, and a partition's bytes wait in memory while the
 * partitions before it are written on the other thread.
 */
const partitionRows = (format: ExportFormat) => Number(process.env.KAM_EXPORT_PARTITION_ROWS) || (format === 'json' ? 1024 : 4096);
/** Output positions per pass over the columns: at least 65,536 (16 partitions of 4,096), at most 16 passes. */
const passRows = (n: number, partition: number) => Number(process.env.KAM_EXPORT_PASS_ROWS) || Math.max(Math.ceil(65_536 / partition) * partition, Math.ceil(n / 16 / partition) * partition);

/** Growable bytes (one partition's ids or names). */
class Bytes {
  bytes = Buffer.allocUnsafe(1 << 14);
  used = 0;

  /** Appends src[start, end); returns where it starts. */
  put(src: Uint8Array, start: number, end: number): number {
    const n = end - start;
    if (this.used + n > this.bytes.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + n));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    const bytes = this.bytes;
    const from = this.used;
    let at = from;
    if (n > 48) {
      bytes.set(src.subarray(start, end), at);
      at += n;
    } else for (let i = start; i < end; i++) bytes[at++] = src[i]!;
    this.used = at;
    return from;
  }
}

/**
 * The rows of a pass (output positions lo…lo+size), grouped by partition, each partition's rows
 * in the file's order. Ranked rows are in an order that is random in the file's; taken one by one
 * they cost a cache miss per column per row (about 100 ns each on the machines we measured). A
 * pass reads every column forward instead (the rows of a pass are one in 16 at most, so every
 * cache line is read once), appending each row's figures to its partition; a partition is then put
 * in output order within the cache.
 */
class PassStore {
  readonly size: number;
  lo = 0;
  readonly count: Uint32Array;
  /** Per record, RECORD_FIELDS + criteria numbers (one write stream per partition). */
  readonly records: Float64Array;
  readonly width: number;
  readonly ids: Bytes[];
  readonly names: Bytes[];
  /** Records whose id or name is not the file's bytes (renamed repeats), as text. */
  readonly idTexts = new Map<number, string>();
  readonly nameTexts = new Map<number, string>();

  constructor(private readonly c: ExportColumns, private readonly positions: Int32Array, readonly partitionRows: number) {
    const n = c.order.length;
    const partitions = Math.ceil(Math.min(passRows(n, partitionRows), Math.max(n, 1)) / partitionRows);
    const size = partitions * partitionRows;
    this.size = size;
    this.width = RECORD_FIELDS + c.criteria.length;
    this.count = new Uint32Array(partitions);
    this.records = new Float64Array(size * this.width);
    this.ids = Array.from({ length: partitions }, () => new Bytes());
    this.names = Array.from({ length: partitions }, () => new Bytes());
  }

  /** Reads the rows of output positions [lo, lo + size) from the columns. */
  load(lo: number): void {
    const c = this.c;
    const positions = this.positions;
    const k = c.criteria.length;
    const width = this.width;
    const n = Math.min(this.size, c.order.length - lo);
    this.lo = lo;
    this.count.fill(0);
    for (const b of this.ids) b.used = 0;
    for (const b of this.names) b.used = 0;
    this.idTexts.clear();
    this.nameTexts.clear();
    const { count, records, ids, names } = this;
    const rows = this.partitionRows;
    const { scores, tierIndex, inputs, firsts } = c;
    const idParts = c.ids.partData();
    const nameParts = c.names.partData();
    const idsReplaced = c.renamed.size > 0 || hasReplaced(c.ids);
    const namesReplaced = hasReplaced(c.names);
    let inputPart = 0;
    let idPart = 0;
    let namePart = 0;
    for (let row = 0; row < positions.length; row++) {
      const at = positions[row]! - lo;
      if (at >>> 0 >= n) continue;
      const p = (at / rows) | 0;
      const record = p * rows + count[p]!++;
      const r = record * width;
      while (idPart + 1 < idParts.length && row >= idParts[idPart + 1]!.first) idPart++;
      const idData = idParts[idPart]!;
      const idLocal = row - idData.first;
      const idFrom = idLocal === 0 ? 0 : idData.ends[idLocal - 1]!;
      const idTo = idData.ends[idLocal]!;
      const idAt = ids[p]!.put(idData.bytes, idFrom, idTo);
      while (namePart + 1 < nameParts.length && row >= nameParts[namePart + 1]!.first) namePart++;
      const nameData = nameParts[namePart]!;
      const nameLocal = row - nameData.first;
      const nameFrom = nameLocal === 0 ? 0 : nameData.ends[nameLocal - 1]!;
      const nameTo = nameData.ends[nameLocal]!;
      const nameAt = names[p]!.put(nameData.bytes, nameFrom, nameTo);
      records[r] = at - p * rows;
      records[r + 1] = c.rankOf(row);
      records[r + 2] = scores[row]!;
      records[r + 3] = tierIndex[row]!;
      records[r + 4] = idAt;
      records[r + 5] = idAt + idTo - idFrom;
      records[r + 6] = nameAt;
      records[r + 7] = nameAt + nameTo - nameFrom;
      while (inputPart + 1 < firsts.length && row >= firsts[inputPart + 1]!) inputPart++;
      const local = row - firsts[inputPart]!;
      const columns = inputs[inputPart]!;
      for (let i = 0; i < k; i++) records[r + RECORD_FIELDS + i] = columns[i]![local]!;
      if (idsReplaced) {
        const renamed = c.renamed.get(row);
        if (renamed !== undefined) this.idTexts.set(record, renamed);
        else if (c.ids.isReplaced(row)) this.idTexts.set(record, c.ids.get(row));
      }
      if (namesReplaced && c.names.isReplaced(row)) this.nameTexts.set(record, c.names.get(row));
    }
  }
}

/**
 * The rows of one partition (partitionRows output positions at most), as a pass gathered them:
 * `count` records of `width` numbers from record `first` (slot, then RECORD_FIELDS, then the
 * inputs), the id and name bytes they point into, and the records whose id or name is text.
 */
export interface PartitionRows {
  records: Float64Array;
  width: number;
  first: number;
  count: number;
  ids: Uint8Array;
  names: Uint8Array;
  idTexts: ReadonlyMap<number, string>;
  nameTexts: ReadonlyMap<number, string>;
}

/** Partition p of the pass loaded (views into the store: valid until the next load). */
function partitionOf(store: PassStore, p: number): PartitionRows {
  return {
    records: store.records,
    width: store.width,
    first: p * store.partitionRows,
    count: store.count[p]!,
    ids: store.ids[p]!.bytes.subarray(0, store.ids[p]!.used),
    names: store.names[p]!.bytes.subarray(0, store.names[p]!.used),
    idTexts: store.idTexts,
    nameTexts: store.nameTexts,
  };
}

/** A copy of a partition's rows that owns its memory (records numbered from 0), to be moved to the export worker. */
function detached(part: PartitionRows): PartitionRows {
  const { first, count, width } = part;
  const within = (texts: ReadonlyMap<number, string>) => {
    const out = new Map<number, string>();
    for (const [record, text] of texts) if (record - first >>> 0 < count) out.set(record - first, text);
    return out;
  };
  return {
    records: part.records.slice(first * width, (first + count) * width),
    width,
    first: 0,
    count,
    // new Uint8Array(view) copies (Buffer#slice would not).
    ids: new Uint8Array(part.ids),
    names: new Uint8Array(part.names),
    idTexts: within(part.idTexts),
    nameTexts: within(part.nameTexts),
  };
}

/** A record's fields before its inputs: slot, rank, score, tier, id start and end, name start and end. */
const RECORD_FIELDS = 8;

const hasReplaced = (values: Utf8Parts) => values.replacedCount() > 0;

/**
 * One partition of the output (positions lo…lo+length of the rank order) with each row's figures,
 * in output order: the arrays the row writers read, [criterion * size + j] for per-criterion ones.
 */
class Range {
  readonly size: number;
  readonly rank: Uint32Array;
  readonly total: Float64Array;
  readonly tier: Int32Array;
  readonly input: Float64Array;
  readonly score: Float64Array;
  readonly contribution: Float64Array;
  /** Exclusion of missing inputs: a missing criterion's score is null (else 0). */
  readonly excluded: boolean;
  /** Per slot: the bit mask of missing criteria (criteria ≤ 30), else -1 and `missingIds` says. */
  readonly missingMask: Int32Array;
  readonly ids: { bytes: Uint8Array; starts: Uint32Array; ends: Uint32Array };
  readonly names: { bytes: Uint8Array; starts: Uint32Array; ends: Uint32Array };
  /** Slots whose id is not the file's bytes (renamed repeats), as text. */
  readonly idTexts = new Map<number, string>();
  /** Slots whose name is not the file's bytes, as text. */
  readonly nameTexts = new Map<number, string>();
  private readonly weights: Float64Array;
  length = 0;

  constructor(private readonly c: WriterModel) {
    const k = c.criteria.length;
    const size = c.partitionRows;
    this.size = size;
    this.excluded = c.missing !== 'zero';
    this.rank = new Uint32Array(size);
    this.total = new Float64Array(size);
    this.tier = new Int32Array(size);
    this.missingMask = new Int32Array(size);
    this.weights = new Float64Array(size);
    this.ids = { bytes: new Uint8Array(0), starts: new Uint32Array(size), ends: new Uint32Array(size) };
    this.names = { bytes: new Uint8Array(0), starts: new Uint32Array(size), ends: new Uint32Array(size) };
    this.input = new Float64Array(k * size);
    this.score = new Float64Array(k * size);
    this.contribution = new Float64Array(k * size);
  }

  /** Fills the range with a partition's rows, each in its slot (its output position in the partition). */
  fill(part: PartitionRows): void {
    const c = this.c;
    const { criteria, bases } = c;
    const size = this.size;
    const k = criteria.length;
    const n = part.count;
    this.length = n;
    const first = part.first;
    const input = this.input;
    this.ids.bytes = part.ids;
    this.names.bytes = part.names;
    this.idTexts.clear();
    this.nameTexts.clear();
    const { records, width } = part;
    for (let t = 0; t < n; t++) {
      const record = first + t;
      const r = record * width;
      const j = records[r]!;
      this.rank[j] = records[r + 1]!;
      this.total[j] = records[r + 2]!;
      this.tier[j] = records[r + 3]!;
      this.ids.starts[j] = records[r + 4]!;
      this.ids.ends[j] = records[r + 5]!;
      this.names.starts[j] = records[r + 6]!;
      this.names.ends[j] = records[r + 7]!;
      for (let i = 0; i < k; i++) input[i * size + j] = records[r + RECORD_FIELDS + i]!;
    }
    if (part.idTexts.size > 0) for (const [record, text] of part.idTexts) if (record - first >>> 0 < n) this.idTexts.set(records[record * width]!, text);
    if (part.nameTexts.size > 0) for (const [record, text] of part.nameTexts) if (record - first >>> 0 < n) this.nameTexts.set(records[record * width]!, text);

    const zero = !this.excluded;
    // The weights that count for each row, added in model order (as criterionScores does).
    const weights = this.weights;
    weights.fill(0, 0, n);
    for (let i = 0; i < k; i++) {
      const w = criteria[i]!.weight;
      const base = i * size;
      for (let j = 0; j < n; j++) if (zero || present(input[base + j]!)) weights[j] = weights[j]! + w;
    }
    this.missingMask.fill(0, 0, n);
    for (let i = 0; i < k; i++) {
      const criterion = criteria[i]!;
      const w = criterion.weight;
      const scale = criterion.scale;
      const percentileBase = bases[i] ?? null;
      const bit = i < 30 ? 1 << i : 0;
      const base = i * size;
      for (let j = 0; j < n; j++) {
        const at = base + j;
        const x = input[at]!;
        let s: number;
        let counts = true; // the score is not null
        if (!present(x)) {
          s = 0;
          counts = zero;
          if (bit !== 0) this.missingMask[j]! |= bit;
          else this.missingMask[j] = -1;
        } else s = scale.type === 'percentile' ? percentileScore(percentileBase!, x) : scaleScore(scale, x);
        this.score[at] = s;
        this.contribution[at] = counts && weights[j]! > 0 ? (100 * w * s) / weights[j]! : 0;
      }
    }
  }

  /** The ids of the missing criteria of slot j, as the reference lists them. */
  missingIds(j: number): string[] {
    const { criteria } = this.c;
    const ids: string[] = [];
    for (let i = 0; i < criteria.length; i++) if (!present(this.input[i * this.size + j]!)) ids.push(criteria[i]!.id);
    return ids;
  }
}

/** A cell per missing mask (a handful of combinations), made once. */
class MissingCells {
  private readonly byMask = new Map<number, Uint8Array>();
  constructor(private readonly make: (ids: string[]) => string) {}

  get(range: Range, j: number): Uint8Array {
    const mask = range.missingMask[j]!;
    if (mask === -1) return ascii(this.make(range.missingIds(j)));
    let cell = this.byMask.get(mask);
    if (cell === undefined) {
      cell = ascii(this.make(range.missingIds(j)));
      this.byMask.set(mask, cell);
    }
    return cell;
  }
}

/** The formats a row writer writes. */
export type ExportFormat = 'csv' | 'json' | 'markdown';

/** A row writer of a format for a model (on the main thread or in the export worker). */
export function rowWriter(format: ExportFormat, model: WriterModel, tierCells: readonly string[]): RowWriter {
  return format === 'csv' ? new CsvWriter(model) : format === 'json' ? new JsonWriter(model) : new MarkdownWriter(model, tierCells);
}

/** Writes the rows of the report's columns in each format. */
export function columnarRows(c: ExportColumns): ColumnarRows {
  return {
    csvRows: () => exportRows(c, 'csv', []),
    jsonItems: () => exportRows(c, 'json', []),
    markdownRows: (tierCells) => exportRows(c, 'markdown', tierCells),
  };
}

/** Exports of fewer rows are written on the main thread alone (a worker takes ~40 ms and ~10 MiB to start). */
const WORKER_MIN_ROWS = Number(process.env.KAM_EXPORT_WORKER_ROWS) || 100_000;

/** A partition's output: written (chunks), or by the worker (its number there). */
type Slot = { chunks: Uint8Array[] } | { seq: number };

/** Partitions the worker holds at most (one written, one waiting), and the main thread's held until those before them are out. */
const WORKER_QUEUE = Number(process.env.KAM_EXPORT_WORKER_QUEUE) || 4;
const MAIN_HELD = Number(process.env.KAM_EXPORT_MAIN_HELD) || 4;

/**
 * The rows in output order, a partition at a time. With a worker, partitions are handed to it
 * (WORKER_QUEUE at most there) while the main thread gathers the passes and writes the others
 * (MAIN_HELD at most held until the worker's before them are back): both cores write.
 */
async function* exportRows(c: ExportColumns, format: ExportFormat, tierCells: readonly string[]): AsyncGenerator<Uint8Array> {
  const n = c.order.length;
  if (n === 0) return;
  const positions = new Int32Array(c.scores.length).fill(-1);
  for (let i = 0; i < n; i++) positions[c.order[i]!] = i;
  const model: WriterModel = { criteria: c.criteria, missing: c.missing, tiers: c.tiers, bases: c.bases, partitionRows: partitionRows(format) };
  const store = new PassStore(c, positions, model.partitionRows);
  store.lo = -1;
  const writer = rowWriter(format, model, tierCells);
  const rows = model.partitionRows;
  const partitions = Math.ceil(n / rows);
  const worker = n >= WORKER_MIN_ROWS && partitions > 2 ? startExportWorker({ format, model, tierCells }) : undefined;
  const partition = (p: number): PartitionRows => {
    const lo = p * rows;
    if (store.lo < 0 || lo < store.lo || lo >= store.lo + store.size) store.load(lo);
    return partitionOf(store, (lo - store.lo) / rows);
  };
  try {
    const queue: Slot[] = [];
    let next = 0;
    let held = 0; // the main thread's slots in the queue
    let onMain = 0;
    while (next < partitions || queue.length > 0) {
      // The slots at the head that are written, out in order.
      while (queue.length > 0) {
        const head = queue[0]!;
        const chunks = 'chunks' in head ? head.chunks : worker!.take(head.seq);
        if (chunks === undefined) break;
        queue.shift();
        if ('chunks' in head) held--;
        yield* chunks;
      }
      if (worker && worker.busy() < WORKER_QUEUE && next < partitions) {
        const p = next++;
        queue.push({ seq: worker.send(detached(partition(p)), p === 0) });
      } else if (next < partitions && held < MAIN_HELD) {
        const p = next++;
        queue.push({ chunks: writer.write(partition(p), p === 0) });
        held++;
        onMain++;
      } else if (queue.length > 0) {
        const head = queue[0]!;
        if ('seq' in head) {
          const chunks = await worker!.wait(head.seq);
          queue.shift();
          yield* chunks;
        }
      }
    }
      if (process.env.KAM_DEBUG === '1') process.stderr.write(`kam: export of ${partitions} partitions, ${onMain} written on the main thread${worker ? ', the others by a worker' : ''}\n`);
  } finally {
    worker?.stop();
  }
}

/**
 * Rows of one format written into a Sink, a partition at a time. The loops are methods of a
 * class (not closures in a generator, which V8 optimizes less well).
 */
export abstract class RowWriter {
  readonly out = new Sink();
  protected readonly span: ByteSpan = { bytes: Buffer.alloc(0), start: 0, end: 0 };
  protected readonly range: Range;
  protected readonly k: number;
  /** Whether the row written next is the output's first (JSON's items start differently). */
  protected first = true;
  protected readonly inputTexts: NumberBytes[];
  protected readonly scoreTexts: NumberBytes[];
  protected readonly contributionTexts: NumberBytes[];
  protected readonly totalTexts = new NumberBytes();

  constructor(protected readonly c: WriterModel) {
    this.range = new Range(c);
    this.k = c.criteria.length;
    this.inputTexts = Array.from({ length: this.k }, () => new NumberBytes());
    this.scoreTexts = Array.from({ length: this.k }, () => new NumberBytes());
    this.contributionTexts = Array.from({ length: this.k }, () => new NumberBytes());
  }

  /** The bytes of a partition's rows (`first`: the output's first rows), in chunks of about CHUNK_BYTES. */
  write(part: PartitionRows, first: boolean): Uint8Array[] {
    const range = this.range;
    range.fill(part);
    this.first = first;
    const chunks: Uint8Array[] = [];
    const end = range.length;
    for (let j = 0; j < end; j++) {
      this.row(j);
      if (this.out.full) chunks.push(this.out.take());
    }
    if (this.out.at > 0) chunks.push(this.out.take());
    return chunks;
  }

  protected abstract row(j: number): void;

  /** Slot j's id: true when its bytes are in `span`, else the id as a string (renamed). */
  protected idAt(j: number): string | true {
    const range = this.range;
    if (range.idTexts.size > 0) {
      const text = range.idTexts.get(j);
      if (text !== undefined) return text;
    }
    const span = this.span;
    span.bytes = range.ids.bytes;
    span.start = range.ids.starts[j]!;
    span.end = range.ids.ends[j]!;
    return true;
  }

  /** Slot j's name, or its id when it has none. */
  protected nameAt(j: number): string | true {
    const range = this.range;
    if (range.nameTexts.size > 0) {
      const text = range.nameTexts.get(j);
      if (text !== undefined) return text !== '' ? text : this.idAt(j);
    }
    const span = this.span;
    const start = range.names.starts[j]!;
    const end = range.names.ends[j]!;
    if (end === start) return this.idAt(j);
    span.bytes = range.names.bytes;
    span.start = start;
    span.end = end;
    return true;
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

  constructor(c: WriterModel) {
    super(c);
    this.tierCells = c.tiers.map((t) => ascii(csvCell(t.id)));
  }

  private value(value: string | true): void {
    const out = this.out;
    if (value !== true) return out.utf8(csvCell(value));
    const { bytes, start, end } = this.span;
    if (end > start && csvSuspectFirst(bytes[start]!)) return out.utf8(csvCell(this.spanText()));
    // Copied as it is scanned; a byte that needs quotes rewinds and quotes the whole value.
    out.room(2 * (end - start) + 2);
    const buf = out.buf;
    let at = out.at;
    let quote = false;
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      if (b === 0x22 || b === 0x2c || b === 0x0d || b === 0x0a) {
        quote = true;
        break;
      }
      buf[at++] = b;
    }
    if (!quote) {
      out.at = at;
      return;
    }
    at = out.at;
    buf[at++] = 0x22;
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      buf[at++] = b;
      if (b === 0x22) buf[at++] = 0x22;
    }
    buf[at++] = 0x22;
    out.at = at;
  }

  protected row(j: number): void {
    const { out, range, k } = this;
    const size = range.size;
    out.digits(range.rank[j]!);
    this.comma();
    this.value(this.idAt(j));
    this.comma();
    this.value(this.nameAt(j));
    this.comma();
    out.number(range.total[j]!, this.totalTexts);
    this.comma();
    const tier = range.tier[j]!;
    if (tier >= 0) out.bytes(this.tierCells[tier]!);
    this.comma();
    this.comma();
    out.bytes(this.missing.get(range, j));
    for (let i = 0; i < k; i++) {
      const at = i * size + j;
      this.comma();
      const x = range.input[at]!;
      if (present(x)) out.number(x, this.inputTexts[i]!);
      this.comma();
      if (present(x) || !range.excluded) out.number(range.score[at]!, this.scoreTexts[i]!);
      this.comma();
      out.number(range.contribution[at]!, this.contributionTexts[i]!);
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

  constructor(c: WriterModel) {
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
    // Copied between quotes as it is scanned; a byte to escape rewinds and escapes the whole value.
    out.room(end - start + 2);
    const buf = out.buf;
    let at = out.at;
    buf[at++] = 0x22;
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      if (escapedByte(b)) return out.utf8(escapeJson(JSON.stringify(this.spanText())));
      buf[at++] = b;
    }
    buf[at++] = 0x22;
    out.at = at;
  }

  protected row(j: number): void {
    const { out, range, k } = this;
    const size = range.size;
    out.bytes(this.first ? this.firstHead : this.nextHead);
    this.first = false;
    this.value(this.idAt(j));
    out.bytes(this.nameKey);
    this.value(this.nameAt(j));
    out.bytes(this.scoreKey);
    out.jsonNumber(range.total[j]!, this.totalTexts);
    out.bytes(this.tierKey);
    const tier = range.tier[j]!;
    out.bytes(tier >= 0 ? this.tierTexts[tier]! : this.nullText);
    out.bytes(this.rankKey);
    out.digits(range.rank[j]!);
    out.bytes(this.missingKey);
    out.bytes(this.missing.get(range, j));
    out.bytes(this.criteriaKey);
    for (let i = 0; i < k; i++) {
      const at = i * size + j;
      out.bytes(this.criterionHeads[i]!);
      const x = range.input[at]!;
      if (present(x)) out.number(x, this.inputTexts[i]!);
      else out.bytes(this.nullText);
      out.bytes(this.scoreField);
      if (present(x) || !range.excluded) out.jsonNumber(range.score[at]!, this.scoreTexts[i]!);
      else out.bytes(this.nullText);
      out.bytes(this.criterionWeights[i]!);
      out.jsonNumber(range.contribution[at]!, this.contributionTexts[i]!);
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

  constructor(c: WriterModel, tierCells: readonly string[]) {
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

  protected row(j: number): void {
    const { out, range, k } = this;
    const size = range.size;
    out.ascii('| ');
    out.digits(range.rank[j]!);
    out.ascii(' | ');
    this.value(this.nameAt(j));
    out.ascii(' | **');
    out.ascii(range.total[j]!.toFixed(1));
    out.ascii('**');
    const tier = range.tier[j]!;
    out.bytes(tier >= 0 ? this.tiers[tier]! : this.noTier);
    for (let i = 0; i < k; i++) {
      out.ascii(' | ');
      // criterionCell: '–' when missing, else the score on 0..100.
      if (!present(range.input[i * size + j]!)) out.bytes(this.dash);
      else {
        const v = Math.round(range.score[i * size + j]! * 100);
        if (v >= 0 && v <= 100) out.bytes(this.percentCells[v]!);
        else out.ascii(String(v));
      }
    }
    out.ascii(' |\n');
  }
}
