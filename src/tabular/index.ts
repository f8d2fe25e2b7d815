// The one entry point of the tabular readers: a client's file (CSV or other delimited text in
// any encoding, or an Excel workbook) opened as a table, then read row by row. Callers see
// rows (TableRow) and never which format the file was.
import { closeSync, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { sniffContainer } from './container.js';
import { readCsv, readCsvHead, readsBytes, type CsvReadState, type CsvSource } from './csv.js';
import { chooseEncoding, lookOf } from './encoding.js';
import { DataInputError, listOf, say, text } from './messages.js';
import type { DecimalMark } from './numbers.js';
import { ArrayRow, blankRow, type TableRow } from './row.js';
import { SheetRow } from './sheet-row.js';

export type { CsvSource } from './csv.js';
export type { TableRow, TextSink } from './row.js';

/** A worksheet of a workbook. */
export interface SheetSource {
  kind: 'sheet';
  path: string;
  file: string;
  sheet: string;
}

/** A table as kam reads it (plain data: it crosses to worker threads). */
export type TableSource = CsvSource | SheetSource;

export interface TableRequest {
  /** --encoding and kam.yaml data.encoding (text files). */
  encoding: { flag?: string | undefined; config?: string | undefined };
  /** --sheet (workbooks): a name or a 1-based number. */
  sheet?: string | undefined;
  /** Whether a first row is a header kam can read: picks the sheet of a workbook without --sheet. */
  isHeader: (cells: string[]) => boolean;
}

export interface OpenedTable {
  source: TableSource;
  /** The first row that is not blank; undefined for an empty table. */
  header: string[] | undefined;
  /** Lines for stderr (an encoding taken from a byte order mark over the one asked for…), in the locale of the run. */
  notes: string[];
}

const HEAD_BYTES = 1 << 16;
const STOP = Symbol('stop reading');

/** Opens a client's file as a table: what it is (by its bytes), its encoding, delimiter or sheet, and its header. */
export async function openTable(path: string, file: string, request: TableRequest): Promise<OpenedTable> {
  // Before opening: opening a FIFO waits for a writer, and a device never ends.
  let kind: Stats;
  try {
    kind = statSync(path);
  } catch {
    throw new DataInputError(text('data.no-such-file', { file }));
  }
  if (kind.isDirectory()) throw new DataInputError(text('data.is-folder', { file }));
  if (!kind.isFile()) throw new DataInputError(text(kind.isFIFO() ? 'data.not-regular.fifo' : kind.isSocket() ? 'data.not-regular.socket' : 'data.not-regular.device', { file }));
  const fd = openFile(path, file);
  try {
    if (!fstatSync(fd).isFile()) throw new DataInputError(text('data.not-regular', { file }));
    const container = sniffContainer(fd, file);
    if (container.kind === 'refused') throw new DataInputError(container.text);
    if (container.kind === 'xlsx') return await openSheet(path, file, request);
    return openCsv(fd, path, file, request);
  } finally {
    closeSync(fd);
  }
}

function openFile(path: string, file: string): number {
  try {
    return openSync(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DataInputError(text('data.no-such-file', { file }));
    throw new DataInputError(text('data.cannot-read', { file, reason: code ?? (err as Error).message }));
  }
}

function openCsv(fd: number, path: string, file: string, request: TableRequest): OpenedTable {
  const head = Buffer.alloc(HEAD_BYTES);
  const got = readSync(fd, head, 0, head.length, 0);
  const bytes = head.subarray(0, got);
  const choice = chooseEncoding(file, bytes, request.encoding);
  const notes = choice.note !== undefined ? [choice.note] : [];
  if (choice.source !== 'bom' && !choice.encoding.startsWith('utf-16') && bytes.includes(0)) {
    // NUL bytes are valid in UTF-8 and most legacy encodings, but no export has them: UTF-16 without its mark, or not text.
    const look = lookOf(bytes);
    if (look.likely === 'utf-16le' || look.likely === 'utf-16be') {
      throw new DataInputError(text('data.utf16-without-bom', { file, encoding: look.likely.toUpperCase(), why: look.why, likely: look.likely }));
    }
    // (The look of bytes that hold a NUL always says why.)
    throw new DataInputError(text('data.nul-bytes', { file, why: look.why }));
  }
  if (!choice.encoding.startsWith('utf-')) {
    // A legacy encoding decodes almost any bytes without an error: say so when they look like another one.
    const look = lookOf(bytes);
    if (look.likely !== undefined && look.likely !== 'binary' && look.likely !== choice.encoding) {
      notes.push(say(text('data.note.looks-like', { file, encoding: choice.encoding, likely: look.likely, why: look.why })));
    }
  }
  const decoded = new TextDecoder(choice.encoding).decode(bytes, { stream: true });
  const crLines = decoded.includes('\r') && !decoded.includes('\n');
  const sep = /^\uFEFF?sep=([^\r\n"])\r?[\n\r]/i.exec(decoded);
  const source: CsvSource = { kind: 'csv', path, file, encoding: choice.encoding, crLines, delimiter: sep?.[1] };
  if (sep) source.sepLine = true;
  const { header, delimiter } = readCsvHead(fd, source);
  source.delimiter = delimiter;
  return { source, header, notes };
}

async function openSheet(path: string, file: string, request: TableRequest): Promise<OpenedTable> {
  const { readSheet, cellText } = await import('./xlsx.js');
  let header: string[] | undefined;
  let chosen: string | undefined;
  let sheets: string[] = [];
  try {
    // Read up to the header of the chosen sheet only.
    ({ sheets, sheet: chosen } = await readSheet(path, file, { sheet: request.sheet, isHeader: request.isHeader }, (_, cells, sheet) => {
      const texts = cells.map(cellText);
      if (texts.every((t) => t.trim() === '')) return;
      header = texts;
      chosen = sheet;
      throw STOP;
    }));
  } catch (err) {
    if (err !== STOP) throw err;
  }
  const sheet = chosen;
  if (sheet === undefined) {
    throw new DataInputError(text('data.no-header-sheet', { file, sheets: listOf(sheets) }));
  }
  return { source: { kind: 'sheet', path, file, sheet }, header, notes: [] };
}

export interface ReadTableOptions {
  /** A byte range of the file (CSV read from its bytes only; see canSplit). */
  range?: { start: number; end: number } | undefined;
  onBytes?: ((bytes: number) => void) | undefined;
}

/** Whether the table can be read in byte ranges that start at line starts (on several threads). */
export function canSplit(source: TableSource): source is CsvSource {
  return source.kind === 'csv' && readsBytes(source);
}

/** Calls onRow for every row, in order, the header (and any blank rows before it) included. */
export async function readTable(source: TableSource, mark: DecimalMark, onRow: (row: TableRow) => void, options: ReadTableOptions = {}): Promise<CsvReadState> {
  if (source.kind === 'csv') return readCsvRows(source, mark, onRow, options);
  const { readSheet } = await import('./xlsx.js');
  const row = new SheetRow(mark);
  const blank = new ArrayRow(mark).of(['']);
  let last = 0;
  await readSheet(source.path, source.file, { sheet: source.sheet, isHeader: () => true }, (rowNumber, cells) => {
    // Rows the sheet leaves out are blank rows: row numbers stay line numbers.
    for (; last < rowNumber - 1; last++) onRow(blank);
    last = rowNumber;
    onRow(row.of(cells));
  });
  return { delimiter: undefined, endsInQuotes: false };
}

/** The rows of a CSV (or a byte range of it), read on this thread. */
export function readCsvRows(source: CsvSource, mark: DecimalMark, onRow: (row: TableRow) => void, options: ReadTableOptions = {}): CsvReadState {
  const fd = openFile(source.path, source.file);
  try {
    return readCsv(fd, source, mark, onRow, options);
  } finally {
    closeSync(fd);
  }
}

export { blankRow };
