// Reads a delimited text table (CSV, Excel's "Unicode Text") row by row, as fast as the machine
// allows, without changing what the rows are. Rows are read from UTF-8 bytes where they lie:
// cells become strings, and numbers are parsed, only when asked for, and a block is checked to
// be UTF-8 in one native call, never decoded whole. A file in another encoding (or with CR-only
// line ends) is decoded (TextDecoder) and encoded to UTF-8 on the way in, so that every file is
// read by the same code.
// Blocks end at a newline outside quotes (RFC 4180 doubles quotes inside quoted fields, so a
// newline is outside them when the number of quotes before it is even). Well-formed records
// are read by kam; from the first record that is not (a quote that does not open a cell, text
// after a closing quote, a CR inside quotes) to the end of its block, papaparse reads them.
import { isUtf8 } from 'node:buffer';
import { fstatSync, readSync } from 'node:fs';
import Papa from 'papaparse';
import { InputError } from '../errors.js';
import { decodeFailure, firstUndecodable } from './encoding.js';
import { DataInputError, text } from './messages.js';
import { NumberKind, type DecimalMark } from './numbers.js';
import { ArrayRow, TextNumbers, blankRow, type TableRow, type TextSink } from './row.js';

/** A delimited text file, as kam reads it (plain data: it crosses to worker threads). */
export interface CsvSource {
  kind: 'csv';
  /** Where the file is, and its name for messages. */
  path: string;
  file: string;
  /** A TextDecoder name: 'utf-8', 'utf-16le', 'gb18030'… */
  encoding: string;
  /** Lines end with CR alone (old Mac Excel): read as LF. */
  crLines: boolean;
  /** undefined until the head is read (then papaparse's guess among , ; tab |, or the sep= line's). */
  delimiter: string | undefined;
  /** The file starts with Excel's "sep=<delimiter>" line. */
  sepLine?: boolean;
}

export interface ReadCsvOptions {
  /** Only the bytes [start, end) (UTF-8 with LF line ends only): a part of the file that starts at a record. */
  range?: { start: number; end: number } | undefined;
  /** Called with the bytes read so far. */
  onBytes?: ((bytes: number) => void) | undefined;
}

export interface CsvReadState {
  delimiter: string | undefined;
  /** The quote parity at the end: true when the input ended inside a quoted field. */
  endsInQuotes: boolean;
}

const READ_BYTES = 1 << 18;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const STOP = Symbol('stop reading');

/** Whether the file is read straight from its bytes, and so can be cut into parts at line starts. */
export const readsBytes = (source: CsvSource) => source.encoding === 'utf-8' && !source.crLines;

/** Calls `onRow` for every row of the open file, in order (the header is the first row). */
export function readCsv(fd: number, source: CsvSource, mark: DecimalMark, onRow: (row: TableRow) => void, options: ReadCsvOptions = {}): CsvReadState {
  const state: CsvReadState = { delimiter: source.delimiter, endsInQuotes: false };
  readInto(fd, source, mark, onRow, options, state);
  return state;
}

function readInto(fd: number, source: CsvSource, mark: DecimalMark, onRow: (row: TableRow) => void, options: ReadCsvOptions, state: CsvReadState): void {
  const invalid = (offset: number) => decodeError(fd, source, offset);
  const range = options.range ?? { start: 0, end: fstatSync(fd).size };
  if (source.sepLine && range.start === 0) {
    // Excel's "sep=;" line names the delimiter; it is not the header (a blank row keeps lines counted).
    const rows = onRow;
    const blank = new ArrayRow(mark).of(['']);
    let first = true;
    onRow = (row) => {
      rows(first ? blank : row);
      first = false;
    };
  }
  if (readsBytes(source)) {
    readBlocks(fileBytes(fd, source.file, range, options.onBytes), range.start === 0, range.start, mark, onRow, state, invalid, (offset) => recordTooLong(fd, source, offset));
  } else {
    // TextDecoder drops the BOM.
    readBlocks(transcodedBytes(fd, source, options.onBytes, invalid), false, 0, mark, onRow, state, () => new DataInputError(text('data.not-utf8-after-decoding', { file: source.file })), (offset) => recordTooLong(fd, source, offset));
  }
}

/** The header (the first row that is not blank; undefined for an empty file) and the delimiter (the source's, else papaparse's guess). */
export function readCsvHead(fd: number, source: CsvSource): { header: string[] | undefined; delimiter: string } {
  let header: string[] | undefined;
  const state: CsvReadState = { delimiter: source.delimiter, endsInQuotes: false };
  try {
    readInto(fd, source, '.', (row) => {
      if (blankRow(row)) return;
      header = row.cells().slice();
      throw STOP;
    }, {}, state);
  } catch (err) {
    if (err !== STOP) throw err;
  }
  return { header, delimiter: state.delimiter ?? ',' };
}

function readChunk(fd: number, buffer: Buffer, offset: number, length: number, position: number, file: string): number {
  try {
    return readSync(fd, buffer, offset, length, position);
  } catch (err) {
    throw new DataInputError(text('data.cannot-read', { file, reason: (err as NodeJS.ErrnoException).code ?? (err as Error).message }));
  }
}

// ---- bytes in -----------------------------------------------------------------------------

/** Writes the next bytes of the input into buffer[offset, offset + length); 0 at the end. */
type ByteSource = (buffer: Buffer, offset: number, length: number) => number;

/** The bytes [start, end) of a UTF-8 file. */
function fileBytes(fd: number, file: string, range: { start: number; end: number }, onBytes?: (bytes: number) => void): ByteSource {
  let position = range.start;
  return (buffer, offset, length) => {
    const read = position >= range.end ? 0 : readChunk(fd, buffer, offset, Math.min(length, range.end - position), position, file);
    position += read;
    onBytes?.(position - range.start);
    return read;
  };
}

/** A file in another encoding (or with CR line ends), decoded and encoded to UTF-8. */
function transcodedBytes(fd: number, source: CsvSource, onBytes: ((bytes: number) => void) | undefined, invalid: (offset: number) => Error): ByteSource {
  const decoder = new TextDecoder(source.encoding, { fatal: true });
  const raw = Buffer.allocUnsafe(READ_BYTES);
  let position = 0;
  let pending = Buffer.alloc(0);
  let pendingAt = 0;
  let ended = false;
  return (buffer, offset, length) => {
    while (pendingAt === pending.length && !ended) {
      const read = readChunk(fd, raw, 0, raw.length, position, source.file);
      let text: string;
      try {
        text = read === 0 ? decoder.decode() : decoder.decode(raw.subarray(0, read), { stream: true });
      } catch {
        // The first bad byte of this chunk; when the chunk itself decodes, the bad sequence began
        // in the bytes the decoder held back from the chunk before.
        const bad = read === 0 ? -1 : firstUndecodable(raw.subarray(0, read), source.encoding, true);
        throw invalid(bad === -1 ? Math.max(0, position - 4) : position + bad);
      }
      if (source.crLines) text = text.replaceAll('\r', '\n');
      position += read;
      onBytes?.(position);
      ended = read === 0;
      pending = Buffer.from(text, 'utf8');
      pendingAt = 0;
    }
    const n = Math.min(length, pending.length - pendingAt);
    pending.copy(buffer, offset, pendingAt, pendingAt + n);
    pendingAt += n;
    return n;
  };
}

/** The error for the first byte that is not valid in the file's encoding: its line and column, and a hint from the bytes. */
function decodeError(fd: number, source: CsvSource, badOffset: number): DataInputError {
  const sampleStart = Math.max(0, badOffset - (1 << 15));
  const sample = Buffer.alloc(1 << 16);
  const got = readSync(fd, sample, 0, sample.length, sampleStart);
  const bad = Buffer.alloc(1);
  readSync(fd, bad, 0, 1, badOffset);
  const place = placeOfOffset(fd, source, badOffset);
  return new DataInputError(decodeFailure(source.file, source.encoding, place, bad[0]!, sample.subarray(0, got)));
}

/** The line and column (1-based, in characters) of a byte offset: the file is decoded leniently up to it (only on an error). */
function placeOfOffset(fd: number, source: CsvSource, offset: number): { line: number; column: number } {
  const decoder = new TextDecoder(source.encoding);
  const newline = source.crLines ? '\r' : '\n';
  const chunk = Buffer.allocUnsafe(1 << 16);
  let line = 1;
  let tail = '';
  for (let at = 0; at < offset; ) {
    const read = readSync(fd, chunk, 0, Math.min(chunk.length, offset - at), at);
    if (read === 0) break;
    const text = decoder.decode(chunk.subarray(0, read), { stream: true });
    const parts = text.split(newline);
    line += parts.length - 1;
    tail = parts.length > 1 ? parts[parts.length - 1]! : tail + text;
    at += read;
  }
  tail += decoder.decode();
  if (line === 1) tail = tail.replace(/^\uFEFF/, '');
  return { line, column: [...tail].length + 1 };
}

/** The longest record read: 64 MiB. */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/** The error for a record over MAX_RECORD_BYTES that starts at `offset` of the UTF-8 input: its line (counted again, only on this error). */
function recordTooLong(fd: number, source: CsvSource, offset: number): DataInputError {
  const input = readsBytes(source) ? fileBytes(fd, source.file, { start: 0, end: offset }) : transcodedBytes(fd, source, undefined, () => new InputError(source.file));
  const chunk = Buffer.allocUnsafe(1 << 16);
  let line = 1;
  for (let at = 0; at < offset; ) {
    const n = input(chunk, 0, Math.min(chunk.length, offset - at));
    if (n === 0) break;
    const bytes = chunk.subarray(0, n);
    for (let i = bytes.indexOf(LF); i !== -1; i = bytes.indexOf(LF, i + 1)) line++;
    at += n;
  }
  return new DataInputError(text('data.record-too-long', { file: source.file, line, mib: MAX_RECORD_BYTES / (1024 * 1024) }));
}

/**
 * Cuts the input into blocks of whole records and reads their rows. `bom`: the input may
 * begin with a BOM; `start`: its offset in the file. `invalid` makes the error for a byte
 * that is not UTF-8, from its offset in the file.
 */
function readBlocks(next: ByteSource, bom: boolean, start: number, mark: DecimalMark, onRow: (row: TableRow) => void, state: CsvReadState, invalid: (offset: number) => Error, tooLong: (offset: number) => Error): void {
  let buffer = Buffer.allocUnsafe(READ_BYTES);
  let filled = 0; // bytes of `buffer` holding input not yet handed out
  let scanned = 0; // how far the quote parity of `buffer` is known
  let inQuotes = false; // the parity at `scanned`
  let consumed = start; // file offset of buffer[0]
  let delimiter = state.delimiter === undefined ? -1 : byteDelimiter(state.delimiter);
  const row = new ByteRow(mark);
  const arrayRow = new ArrayRow(mark);

  const block = (end: number) => {
    if (!isUtf8(buffer.subarray(0, end))) throw invalid(consumed + firstInvalidUtf8(buffer, 0, end));
    if (delimiter === -1 && end > 0) {
      state.delimiter = detectDelimiter(buffer.toString('utf8', 0, end));
      delimiter = byteDelimiter(state.delimiter);
    }
    if (delimiter === -2) {
      papaRows(buffer.toString('utf8', 0, end), state.delimiter!, onRow, arrayRow);
      return;
    }
    // Every line of the block is a row, the last one included (it ends at `end`, not at a newline).
    for (let pos = 0; pos <= end; ) {
      const after = row.read(buffer, pos, end, delimiter);
      if (after === -1) {
        papaRows(buffer.toString('utf8', pos, end), state.delimiter!, onRow, arrayRow);
        return;
      }
      onRow(row);
      pos = after;
    }
  };

  let first = bom;
  for (;;) {
    if (filled === buffer.length) {
      // The buffer holds one record that has not ended (no newline outside quotes since the
      // last cut): it grows to MAX_RECORD_BYTES at most, then the record is refused (a quote
      // left open would otherwise read the rest of a 2 GiB file into one record).
      if (buffer.length >= MAX_RECORD_BYTES) throw tooLong(consumed);
      const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, MAX_RECORD_BYTES));
      buffer.copy(bigger, 0, 0, filled);
      buffer = bigger;
    }
    const read = next(buffer, filled, buffer.length - filled);
    filled += read;
    if (first && (filled >= 3 || read === 0)) {
      first = false;
      if (filled >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
        buffer.copy(buffer, 0, 3, filled);
        filled -= 3;
        consumed += 3;
        scanned = 0;
      }
    }
    if (read === 0) {
      // Parity of what is left, from the last cut: the parity of the whole input.
      let quotes = 0;
      for (let q = buffer.indexOf(QUOTE, scanned); q !== -1 && q < filled; q = buffer.indexOf(QUOTE, q + 1)) quotes++;
      state.endsInQuotes = inQuotes !== (quotes % 2 === 1);
      let end = filled;
      if (end > 0 && buffer[end - 1] === LF) end--;
      if (end > 0 && buffer[end - 1] === CR) end--;
      if (end > 0) block(end);
      return;
    }
    // The last newline outside quotes ends this block. Jump from quote to quote (native
    // searches); where quotes are dense (every field quoted), walk the bytes instead.
    let cut = -1;
    let from = scanned;
    let jumps = (filled - scanned) >> 6;
    for (;;) {
      if (--jumps < 0) {
        const bytes = buffer; // a local: `buffer` is shared with block(), slower to reach
        let quoted: boolean = inQuotes;
        let last = cut;
        for (let i = from; i < filled; i++) {
          const c = bytes[i]!;
          if (c > QUOTE) continue;
          if (c === QUOTE) quoted = !quoted;
          else if (c === LF && !quoted) last = i;
        }
        inQuotes = quoted;
        cut = last;
        break;
      }
      let q = buffer.indexOf(QUOTE, from);
      if (q >= filled) q = -1;
      const stop = q === -1 ? filled : q;
      if (!inQuotes && stop > from) {
        const nl = buffer.lastIndexOf(LF, stop - 1);
        if (nl >= from) cut = nl;
      }
      if (q === -1) break;
      inQuotes = !inQuotes;
      from = q + 1;
    }
    scanned = filled;
    if (cut === -1) continue;
    block(cut > 0 && buffer[cut - 1] === CR ? cut - 1 : cut);
    buffer.copy(buffer, 0, cut + 1, filled);
    consumed += cut + 1;
    filled -= cut + 1;
    scanned = filled;
  }
}

/** Rows as papaparse reads them (records that kam does not read itself). */
function papaRows(text: string, delimiter: string, onRow: (row: TableRow) => void, arrayRow: ArrayRow): void {
  for (const cells of Papa.parse<string[]>(text, { delimiter, header: false, skipEmptyLines: false }).data) onRow(arrayRow.of(cells));
}

/** The delimiter as a byte, or -2 when it is not one ASCII character (then blocks are read as text). */
function byteDelimiter(delimiter: string): number {
  return delimiter.length === 1 && delimiter.charCodeAt(0) < 0x80 && delimiter !== '"' ? delimiter.charCodeAt(0) : -2;
}

/** A row read from UTF-8 bytes: each cell is a byte range, plain (0), quoted (1) or quoted with doubled quotes (2). */
class ByteRow implements TableRow {
  length = 0;
  kind: NumberKind = NumberKind.Plain;
  currency: string | undefined;
  private readonly numbers: TextNumbers;
  private buffer: Buffer = Buffer.alloc(0);
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private kinds = new Uint8Array(64);
  private lineBreaks = 0;

  constructor(private readonly mark: DecimalMark) {
    this.numbers = new TextNumbers(mark);
  }

  /**
   * Reads the record at `from`; returns where the next one starts (end + 1 after the last
   * record of the block), or -1 for a record that papaparse must read: a quote that does not
   * open a cell, a quoted cell without its closing quote or with a CR, text after a closing quote.
   */
  read(buffer: Buffer, from: number, end: number, delimiter: number): number {
    this.buffer = buffer;
    this.lineBreaks = 0;
    const highest = delimiter > QUOTE ? delimiter : QUOTE;
    let count = 0;
    let pos = from;
    for (;;) {
      if (count === this.starts.length) this.grow();
      if (pos < end && buffer[pos] === QUOTE) {
        let i = pos + 1;
        let kind = 1;
        for (;;) {
          if (i >= end) return -1;
          const c = buffer[i]!;
          if (c > QUOTE) {
            i++; // most bytes: above the quote, LF and CR
            continue;
          }
          if (c === QUOTE) {
            if (i + 1 < end && buffer[i + 1] === QUOTE) {
              kind = 2;
              i += 2;
              continue;
            }
            break;
          }
          if (c === LF) this.lineBreaks++;
          else if (c === CR) return -1;
          i++;
        }
        this.starts[count] = pos + 1;
        this.ends[count] = i;
        this.kinds[count] = kind;
        count++;
        pos = i + 1;
        if (pos >= end) {
          this.length = count;
          return end + 1;
        }
        const c = buffer[pos]!;
        if (c === delimiter) {
          pos++;
          continue;
        }
        this.length = count;
        if (c === LF) return pos + 1;
        if (c === CR && pos + 1 === end) return end + 1;
        if (c === CR && buffer[pos + 1] === LF) return pos + 2;
        return -1;
      }
      let i = pos;
      let c = 0;
      while (i < end) {
        c = buffer[i]!;
        // Most bytes are above all three: one comparison for them.
        if (c > highest || (c !== delimiter && c !== LF && c !== QUOTE)) i++;
        else break;
      }
      this.starts[count] = pos;
      this.kinds[count] = 0;
      if (i < end && c === QUOTE) return -1;
      if (i < end && c === delimiter) {
        this.ends[count++] = i;
        pos = i + 1;
        continue;
      }
      this.ends[count++] = i > pos && buffer[i - 1] === CR ? i - 1 : i;
      this.length = count;
      return i < end ? i + 1 : end + 1;
    }
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const kinds = new Uint8Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    kinds.set(this.kinds);
    this.starts = starts;
    this.ends = ends;
    this.kinds = kinds;
  }

  cell(i: number): string {
    const text = this.buffer.toString('utf8', this.starts[i]!, this.ends[i]!);
    return this.kinds[i] === 2 ? text.replaceAll('""', '"') : text;
  }

  number(i: number): number | undefined | null {
    const start = this.starts[i]!;
    const end = this.ends[i]!;
    this.currency = undefined;
    if (start === end) {
      this.kind = NumberKind.Plain;
      return undefined;
    }
    if (this.kinds[i] !== 2 && end - start <= 17) {
      const value = plainDecimal(this.buffer, start, end, this.mark === ',');
      if (value !== NOT_PLAIN) {
        this.kind = plainKind;
        return value;
      }
    }
    const value = this.numbers.read(this.cell(i));
    this.kind = this.numbers.kind;
    this.currency = this.numbers.currency;
    return value;
  }

  blank(i: number): boolean {
    if (this.kinds[i] === 2) return false;
    const buffer = this.buffer;
    for (let k = this.starts[i]!, end = this.ends[i]!; k < end; k++) {
      const c = buffer[k]!;
      if (c === 32 || (c >= 9 && c <= 13)) continue;
      if (c < 0x80 || !MAY_LEAD_SPACE[c]) return false;
      return this.cell(i).trim() === '';
    }
    return true;
  }

  pushTrimmed(i: number, column: TextSink): void {
    const buffer = this.buffer;
    let start = this.starts[i]!;
    let end = this.ends[i]!;
    if (this.kinds[i] !== 2) {
      while (start < end && isAsciiSpace(buffer[start]!)) start++;
      while (end > start && isAsciiSpace(buffer[end - 1]!)) end--;
      if (start === end || (!MAY_LEAD_SPACE[buffer[start]!] && !MAY_END_SPACE[buffer[end - 1]!])) {
        column.pushBytes(buffer, start, end);
        return;
      }
    }
    column.push(this.cell(i).trim());
  }

  isSlug(i: number): boolean {
    if (this.kinds[i] === 2) return false;
    const buffer = this.buffer;
    const start = this.starts[i]!;
    const end = this.ends[i]!;
    if (end === start || end - start > 64 || buffer[start] === 45 || buffer[end - 1] === 45) return false;
    for (let k = start; k < end; k++) {
      const c = buffer[k]!;
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) continue;
      if (c !== 45 || buffer[k + 1] === 45) return false;
    }
    return true;
  }

  cells(): string[] {
    return Array.from({ length: this.length }, (_, i) => this.cell(i));
  }

  breaks(): number {
    return this.lineBreaks;
  }
}

const isAsciiSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

// UTF-8 bytes that may start, or end, a character String.prototype.trim removes beyond ASCII
// (U+00A0, U+1680, U+2000-200A, U+2028/9, U+202F, U+205F, U+3000, U+FEFF): a cell starting or
// ending with one is trimmed as a string; any other is trimmed on its bytes.
const MAY_LEAD_SPACE = new Uint8Array(256);
for (const b of [0xc2, 0xe1, 0xe2, 0xe3, 0xef]) MAY_LEAD_SPACE[b] = 1;
const MAY_END_SPACE = new Uint8Array(256);
for (const b of [0x9f, 0xa0, 0xa8, 0xa9, 0xaf, 0xbf]) MAY_END_SPACE[b] = 1;
for (let b = 0x80; b <= 0x8a; b++) MAY_END_SPACE[b] = 1;

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k);
const NOT_PLAIN = Symbol('not a plain decimal');
/** The kind of the last number plainDecimal read. */
let plainKind: NumberKind = NumberKind.Plain;

/**
 * A cell of the form [+-]digits[.digits] with at most 15 digits, as readNumber reads it under the
 * decimal point (or, with `comma`, under the decimal comma, where the point groups thousands),
 * or NOT_PLAIN for any other form. Exact: the digits make an integer below 2^53 and 10^k is
 * exact, so one IEEE division rounds correctly, as Number() does. Sets plainKind.
 */
function plainDecimal(bytes: Uint8Array, start: number, end: number, comma: boolean): number | null | typeof NOT_PLAIN {
  let k = start;
  const sign = bytes[k];
  if (sign === 45 || sign === 43) k++;
  const first = k;
  let mantissa = 0;
  let digits = 0;
  let point = -1; // the offset of the point
  for (; k < end; k++) {
    const c = bytes[k]!;
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
    } else if (c === 46 && point === -1) {
      point = k;
    } else {
      return NOT_PLAIN;
    }
  }
  if (digits === 0 || digits > 15) return NOT_PLAIN;
  if (point === -1) {
    plainKind = NumberKind.Plain;
    return sign === 45 ? -mantissa : mantissa;
  }
  // "1.234", "900.000": a point after 1-3 digits (not a lone 0) and before exactly 3 is also a thousands group.
  const whole = point - first;
  const grouped = whole >= 1 && whole <= 3 && end - point === 4 && bytes[first] !== 48;
  plainKind = grouped ? NumberKind.Ambiguous : NumberKind.Point;
  if (comma && !grouped) return null;
  const value = comma ? mantissa : end - point > 1 ? mantissa / POWERS_OF_TEN[end - point - 1]! : mantissa;
  return sign === 45 ? -value : value;
}

/** The offset of the first byte of bytes[from, to) that is not part of valid UTF-8 (to: none). */
function firstInvalidUtf8(bytes: Buffer, from: number, to: number): number {
  for (let i = from; i < to; ) {
    const c = bytes[i]!;
    const size = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (size === 0 || i + size > to || !isUtf8(bytes.subarray(i, i + size))) return i;
    i += size;
  }
  return to;
}

/** The delimiter of the file: papaparse's guess among , ; tab | on the first block. */
function detectDelimiter(block: string): string {
  const guess = Papa.parse<string[]>(block.slice(0, 64 * 1024), { preview: 20, delimitersToGuess: [',', ';', '\t', '|'] });
  return guess.meta.delimiter || ',';
}
