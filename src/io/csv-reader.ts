// Reads a client CSV export row by row, as fast as the machine allows, without changing what
// the rows are. Rows are read from UTF-8 bytes where they lie: cells become strings, and
// numbers are parsed, only when asked for, and a block is checked to be UTF-8 in one native
// call, never decoded whole. A file in another encoding is decoded (TextDecoder) and encoded
// to UTF-8 on the way in, so that every file is read by the same code.
// Blocks end at a newline outside quotes (RFC 4180 doubles quotes inside quoted fields, so a
// newline is outside them when the number of quotes before it is even). Well-formed records
// are read by kam; from the first record that is not (a quote that does not open a cell, text
// after a closing quote, a CR inside quotes) to the end of its block, papaparse reads them.
import { isUtf8 } from 'node:buffer';
import { fstatSync, readSync } from 'node:fs';
import Papa from 'papaparse';
import { parseCell } from '../core/client-columns.js';
import { InputError } from '../errors.js';
import type { Utf8Column } from './columns.js';

/**
 * One row of the file, read where it is: cells are sliced, and numbers parsed, only when asked
 * for (a million rows of ten cells would otherwise be ten million strings, most never used).
 * A row object is reused for the next row: take what you need before returning.
 */
export interface CsvRow {
  readonly length: number;
  cell(i: number): string;
  /** The cell as parseCell reads it: undefined when empty, null when not a number. */
  number(i: number): number | undefined | null;
  /** Whether the cell is empty once trimmed (String.prototype.trim). */
  blank(i: number): boolean;
  /** Pushes the trimmed cell onto a column. */
  pushTrimmed(i: number, column: Utf8Column): void;
  cells(): string[];
  /** Line breaks inside the row's quoted cells. */
  breaks(): number;
}

export interface ReadCsvOptions {
  /** Only the bytes [start, end) (UTF-8 only): a part of the file that starts at a record. */
  range?: { start: number; end: number } | undefined;
  /** The delimiter, when known; else papaparse guesses it from the first block. */
  delimiter?: string | undefined;
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

/** Calls `onRow` for every row of the open file, in order (the header is the first row). */
export function readCsv(fd: number, file: string, decoder: TextDecoder, onRow: (row: CsvRow) => void, options: ReadCsvOptions = {}): CsvReadState {
  const state: CsvReadState = { delimiter: options.delimiter, endsInQuotes: false };
  readInto(fd, file, decoder, onRow, options, state);
  return state;
}

function readInto(fd: number, file: string, decoder: TextDecoder, onRow: (row: CsvRow) => void, options: ReadCsvOptions, state: CsvReadState): void {
  if (decoder.encoding === 'utf-8') {
    const range = options.range ?? { start: 0, end: fstatSync(fd).size };
    readBlocks(fileBytes(fd, file, range, options.onBytes), range.start === 0, range.start, onRow, state, (offset) => utf8Error(fd, file, offset));
  } else {
    // TextDecoder has dropped the BOM already.
    readBlocks(transcodedBytes(fd, file, decoder, options.onBytes), false, 0, onRow, state, () => new InputError(`${file}: not valid UTF-8 after decoding`));
  }
}

/** The header (the first row that is not blank; undefined for an empty file) and the delimiter. */
export function readCsvHead(fd: number, file: string, decoder: TextDecoder): { header: string[] | undefined; delimiter: string } {
  let header: string[] | undefined;
  const state: CsvReadState = { delimiter: undefined, endsInQuotes: false };
  const fresh = new TextDecoder(decoder.encoding, { fatal: true });
  try {
    readInto(fd, file, fresh, (row) => {
      if (row.length === 1 && row.blank(0)) return;
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
    throw new InputError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
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

/** A file in another encoding, decoded and encoded to UTF-8. */
function transcodedBytes(fd: number, file: string, decoder: TextDecoder, onBytes?: (bytes: number) => void): ByteSource {
  const raw = Buffer.allocUnsafe(READ_BYTES);
  let position = 0;
  let pending = Buffer.alloc(0);
  let pendingAt = 0;
  let ended = false;
  return (buffer, offset, length) => {
    while (pendingAt === pending.length && !ended) {
      const read = readChunk(fd, raw, 0, raw.length, position, file);
      let text: string;
      try {
        text = read === 0 ? decoder.decode() : decoder.decode(raw.subarray(0, read), { stream: true });
      } catch {
        throw decodeError(file, position);
      }
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

function decodeError(file: string, byteOffset: number): InputError {
  return new InputError(
    `${file}: the bytes after offset ${byteOffset} are not valid in this encoding; ` +
      'exports from Excel in China are often GB18030: try --encoding gb18030 (or the encoding the file was saved in)',
  );
}

/**
 * Cuts the input into blocks of whole records and reads their rows. `bom`: the input may
 * begin with a BOM; `start`: its offset in the file. `invalid` makes the error for a byte
 * that is not UTF-8, from its offset in the file.
 */
function readBlocks(next: ByteSource, bom: boolean, start: number, onRow: (row: CsvRow) => void, state: CsvReadState, invalid: (offset: number) => Error): void {
  let buffer = Buffer.allocUnsafe(READ_BYTES);
  let filled = 0; // bytes of `buffer` holding input not yet handed out
  let scanned = 0; // how far the quote parity of `buffer` is known
  let inQuotes = false; // the parity at `scanned`
  let consumed = start; // file offset of buffer[0]
  let delimiter = state.delimiter === undefined ? -1 : byteDelimiter(state.delimiter);
  const row = new ByteRow();
  const arrayRow = new ArrayRow();

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
      const bigger = Buffer.allocUnsafe(buffer.length * 2);
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
function papaRows(text: string, delimiter: string, onRow: (row: CsvRow) => void, arrayRow: ArrayRow): void {
  for (const cells of Papa.parse<string[]>(text, { delimiter, header: false, skipEmptyLines: false }).data) onRow(arrayRow.of(cells));
}

/** The delimiter as a byte, or -2 when it is not one ASCII character (then blocks are read as text). */
function byteDelimiter(delimiter: string): number {
  return delimiter.length === 1 && delimiter.charCodeAt(0) < 0x80 && delimiter !== '"' ? delimiter.charCodeAt(0) : -2;
}

/** A row read from UTF-8 bytes: each cell is a byte range, plain (0), quoted (1) or quoted with doubled quotes (2). */
class ByteRow implements CsvRow {
  length = 0;
  private buffer: Buffer = Buffer.alloc(0);
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private kinds = new Uint8Array(64);
  private lineBreaks = 0;

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
    if (start === end) return undefined;
    if (this.kinds[i] !== 2 && end - start <= 17) {
      const value = plainDecimal(this.buffer, start, end);
      if (value !== null) return value;
    }
    return parseCell(this.cell(i));
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

  pushTrimmed(i: number, column: Utf8Column): void {
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

/**
 * A cell of the form [+-]digits[.digits] with at most 15 digits, as Number() reads it, or null
 * for any other form. Exact: the digits make an integer below 2^53 and 10^k is exact, so one
 * IEEE division rounds correctly, as Number() does.
 */
function plainDecimal(bytes: Uint8Array, start: number, end: number): number | null {
  let k = start;
  const sign = bytes[k];
  if (sign === 45 || sign === 43) k++;
  let mantissa = 0;
  let digits = 0;
  let scale = -1; // digits after the point; -1: no point yet
  for (; k < end; k++) {
    const c = bytes[k]!;
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (scale !== -1) scale++;
    } else if (c === 46 && scale === -1) {
      scale = 0;
    } else {
      return null;
    }
  }
  if (digits === 0 || digits > 15) return null;
  const value = scale > 0 ? mantissa / POWERS_OF_TEN[scale]! : mantissa;
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

/** The line and column of a bad byte: the file is read again up to it (only on this error). */
function utf8Error(fd: number, file: string, badOffset: number): InputError {
  const chunk = Buffer.allocUnsafe(1 << 16);
  let line = 1;
  let lineStart = 0;
  for (let offset = 0; offset < badOffset; ) {
    const read = readSync(fd, chunk, 0, Math.min(chunk.length, badOffset - offset), offset);
    if (read === 0) break;
    for (let i = chunk.indexOf(LF); i !== -1 && i < read; i = chunk.indexOf(LF, i + 1)) {
      line++;
      lineStart = offset + i + 1;
    }
    offset += read;
  }
  const prefix = Buffer.allocUnsafe(badOffset - lineStart);
  readSync(fd, prefix, 0, prefix.length, lineStart);
  const bad = Buffer.alloc(1);
  readSync(fd, bad, 0, 1, badOffset);
  const text = prefix.toString('utf8');
  const column = [...(lineStart === 0 ? text.replace(/^\uFEFF/, '') : text)].length + 1;
  return new InputError(
    `${file}:${line}:${column}: byte 0x${bad[0]!.toString(16).toUpperCase().padStart(2, '0')} is not valid UTF-8; ` +
      'exports from Excel in China are often GB18030: try --encoding gb18030 (or the encoding the file was saved in)',
  );
}

/** A row papaparse read (records kam does not read itself). */
class ArrayRow implements CsvRow {
  private row: string[] = [];

  of(row: string[]): this {
    this.row = row;
    return this;
  }

  get length(): number {
    return this.row.length;
  }

  cell(i: number): string {
    return this.row[i]!;
  }

  number(i: number): number | undefined | null {
    return parseCell(this.row[i]);
  }

  blank(i: number): boolean {
    return this.cell(i).trim() === '';
  }

  pushTrimmed(i: number, column: Utf8Column): void {
    column.push(this.cell(i).trim());
  }

  cells(): string[] {
    return this.row;
  }

  breaks(): number {
    let n = 0;
    for (const cell of this.row) for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) n++;
    return n;
  }
}

/** The delimiter of the file: papaparse's guess among , ; tab | on the first block. */
function detectDelimiter(block: string): string {
  const guess = Papa.parse<string[]>(block.slice(0, 64 * 1024), { preview: 20, delimitersToGuess: [',', ';', '\t', '|'] });
  return guess.meta.delimiter || ',';
}
