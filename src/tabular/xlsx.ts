// The rows of one sheet of an .xlsx workbook, streamed. exceljs is loaded on first use, so CSV
// users never load it.
//
// exceljs's streaming WorkbookReader does the ZIP: it reads the entries in their stored order,
// parses workbook.xml, its relationships and the styles, and emits the worksheets; a worksheet
// stored before the shared strings is first copied to a temporary file and emitted at the end of
// the ZIP. kam keeps the shared strings from exceljs, so that every worksheet is emitted so: once
// the styles and the sheet names are known, whatever the order of the ZIP.
//
// kam reads the shared strings and the cells itself, from exceljs's SAX events
// (exceljs/lib/utils/parse-sax.js), because exceljs's own readers (4.4.0):
// - decode each chunk of XML on its own, so a character split between two chunks is lost
//   (28 of 20,000 Chinese names came out with U+FFFD);
// - read a shared string with a phonetic guide (<rPh>, Japanese Excel) as the guide's text;
// - drop a formula's cached result when it is 0 or '', give an error result (#DIV/0!) as NaN and
//   a boolean one as 1/0, keep only the last run of an inline rich string, decode entities twice,
//   and fail on a cell without an r attribute;
// - and build Row and Cell objects for every row: twice the time, ~100 MiB more at peak on
//   100,000 rows.
// kam also names sheets from workbook.xml's relationships itself (exceljs calls a sheet
// "Sheet<n>" when the target is absolute, as openpyxl writes it), picks sheets in workbook (tab)
// order even when the ZIP stores them in another, and keeps unzipper from ending early (below).
import type { EventEmitter } from 'node:events';
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { PassThrough, type Readable } from 'node:stream';
import { closest } from '../core/suggest.js';
import { KamError, UsageError } from '../errors.js';
import { DataInputError, listOf, say, text } from './messages.js';

/** A cell as kam needs it: the stored value, never the display text. */
export type SheetCell =
  | undefined // empty
  | string // text (shared string, inline string, rich text flattened to plain text, hyperlink text)
  | number // a number, whatever its display format (a cell shown as 12% is 0.12; as ¥8,500,000 is 8500000)
  | boolean
  | { date: string } // a date-formatted number: 'YYYY-MM-DD', with 'THH:MM:SS' when the time is not midnight
  | { error: string }; // an error value (#DIV/0!, #N/A…), or a formula without a cached value

export interface SheetChoice {
  /** --sheet: a sheet name (exact, else case-insensitive), or a 1-based number as a string ("2"). */
  sheet?: string | undefined;
  /** Without `sheet`: the first sheet whose first non-empty row this accepts (cells as text) is read. */
  isHeader: (cells: string[]) => boolean;
}

export interface SheetRead {
  /** The sheet read, or undefined when no sheet's first row was accepted (without --sheet). */
  sheet: string | undefined;
  /** Every sheet's name, in workbook order. */
  sheets: string[];
}

/** `sheet` is the name of the sheet read, the same for every row. */
export type OnSheetRow = (rowNumber: number, cells: readonly SheetCell[], sheet: string) => void;

/**
 * Calls onRow for every row of the chosen sheet that has at least one non-empty cell, in order,
 * with its 1-based row number in the sheet, its cells (index 0 = column A; trailing empty cells
 * omitted) and the sheet's name. Rows are streamed: memory does not grow with the number of rows.
 * onRow may throw to stop reading: the file is closed and the error passes through, as do errors
 * of isHeader. A --sheet that names no sheet: UsageError listing the sheets. A workbook that
 * cannot be read: InputError.
 */
export async function readSheet(path: string, file: string, choice: SheetChoice, onRow: OnSheetRow): Promise<SheetRead> {
  const excel = await loadExcel();
  const read = (plan: Plan) => readWorkbook(excel, path, file, plan, onRow);
  try {
    const first = await read(choice.sheet === undefined ? { isHeader: choice.isHeader } : { sheet: choice.sheet });
    // The ZIP stored an accepted sheet before an earlier sheet of the workbook: the earliest
    // accepted sheet is known only at the end, and is read in a second pass.
    if (first.readLater === undefined) return first;
    return await read({ position: first.readLater });
  } catch (error) {
    if (error instanceof CallbackError) throw error.cause;
    if (error instanceof KamError) throw error;
    throw new DataInputError(text('data.workbook-unreadable', { file, reason: reasonOf(error) }));
  }
}

/** The text of a cell as a table shows it to kam (header matching, names, ids). */
export function cellText(cell: SheetCell): string {
  if (cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return 'date' in cell ? cell.date : cell.error;
}

// ---------------------------------------------------------------------------------------------
// exceljs

type SaxEvent =
  | { eventType: 'opentag' | 'closetag'; value: { name: string; attributes: Record<string, string> } }
  | { eventType: 'text'; value: string };
type ParseSax = (chunks: AsyncIterable<string>) => AsyncIterable<SaxEvent[]>;

interface Excel {
  WorkbookReader: typeof import('exceljs').stream.xlsx.WorkbookReader;
  parseSax: ParseSax;
}

async function loadExcel(): Promise<Excel> {
  const exceljs = (await import('exceljs')).default;
  const parseSax = createRequire(import.meta.url)('exceljs/lib/utils/parse-sax.js') as ParseSax;
  return { WorkbookReader: exceljs.stream.xlsx.WorkbookReader, parseSax };
}

/** What kam uses of exceljs's WorkbookReader beyond its typed API (exceljs 4.4.0). */
interface ReaderState {
  model?: { sheets?: { name: string; rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  properties?: { model?: { date1904?: boolean } };
  styles?: { model?: { styles?: { numFmtId?: number }[] }; getStyleModel?: (id: number) => { numFmt?: string } | null };
  _parseWorkbook?: EntryParser;
  _parseStyles?: EntryParser;
  _parseRels?: EntryParser;
  _parseSharedStrings?: EntryParser;
}
type EntryParser = (entry: Readable) => unknown;

/** An emitted worksheet: the chunks of its XML, from the ZIP entry or from a temporary file. */
interface WorksheetEntry {
  iterator: AsyncIterable<Buffer | string> & { destroy?: () => void; on?: (event: 'error', listener: () => void) => void };
}

interface OpenedReader {
  reader: AsyncIterable<WorksheetEntry>;
  state: ReaderState;
  /** The ZIP entry of the worksheet emitted last. */
  part: () => string | undefined;
  sharedStrings: () => readonly string[] | undefined;
}

function openReader(excel: Excel, input: Readable): OpenedReader {
  const reader = new excel.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // number formats: which numbers are dates
    hyperlinks: 'ignore',
    entries: 'emit', // tells which ZIP entry each emitted worksheet comes from
  });
  const state = reader as unknown as ReaderState;
  for (const parser of ['_parseWorkbook', '_parseStyles', '_parseRels'] as const) {
    const parse = state[parser];
    // Node's StringDecoder keeps a character split between chunks whole.
    if (parse) state[parser] = (entry) => parse.call(reader, entry.setEncoding('utf8'));
  }
  let sharedStrings: string[] | undefined;
  // Kept from exceljs: it emits worksheets before the end of the ZIP only once it has them.
  state._parseSharedStrings = (entry) => readSharedStrings(excel.parseSax, entry, (strings) => (sharedStrings = strings));
  let part: string | undefined;
  (reader as unknown as EventEmitter).on('entry', (entry: { type: string; id?: string }) => {
    if (entry.type === 'worksheet') part = `xl/worksheets/sheet${entry.id}.xml`;
  });
  return { reader: reader as unknown as AsyncIterable<WorksheetEntry>, state, part: () => part, sharedStrings: () => sharedStrings };
}

/** A generator, as exceljs yields* it; it yields nothing, and hands the strings to `done`. */
async function* readSharedStrings(parseSax: ParseSax, entry: Readable, done: (strings: string[]) => void): AsyncGenerator<never> {
  const strings: string[] = [];
  let text = '';
  let inText = false;
  let inPhonetic = false;
  for await (const events of parseSax(utf8(entry))) {
    for (const event of events) {
      if (event.eventType === 'text') {
        if (inText) text += event.value;
        continue;
      }
      const opens = event.eventType === 'opentag';
      switch (localName(event.value.name)) {
        case 'si':
          if (!opens) strings.push(unescapeText(text));
          text = '';
          break;
        case 't':
          inText = opens && !inPhonetic;
          break;
        case 'rPh':
          inPhonetic = opens;
          break;
      }
    }
  }
  done(strings);
}

async function* utf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

// ---------------------------------------------------------------------------------------------
// Choosing the sheet

/** By --sheet; by probing first rows; or (second pass) the sheet at a workbook position. */
type Plan = { sheet: string } | { isHeader: (cells: string[]) => boolean } | { position: number };

interface WorkbookRead extends SheetRead {
  /** Without --sheet: the position of the sheet to read in a second pass. */
  readLater?: number;
}

interface BookSheet {
  name: string;
  /** The ZIP entry of its cells, e.g. xl/worksheets/sheet3.xml. */
  part: string | undefined;
}

/** Errors thrown by the caller's callbacks, kept apart from exceljs's. */
class CallbackError {
  constructor(readonly cause: unknown) {}
}

async function readWorkbook(excel: Excel, path: string, file: string, plan: Plan, onRow: OnSheetRow): Promise<WorkbookRead> {
  // exceljs pipes its input into the unzipper without listening for the input's errors, and
  // never closes it when reading stops early: it reads from a stream that kam owns.
  const bytes = createReadStream(path);
  const input = new PassThrough();
  endZipWhenRead(input);
  let readFailure: unknown;
  bytes.on('error', (error) => {
    readFailure = error;
    input.end();
  });
  bytes.pipe(input);
  try {
    const read = await readWorksheets(excel, input, file, plan, onRow);
    if (readFailure !== undefined) throw readFailure;
    return read;
  } catch (error) {
    // The file could not be read (unzipper then reports a ZIP cut short): say so.
    throw readFailure !== undefined && !(error instanceof CallbackError) ? readFailure : error;
  } finally {
    bytes.destroy();
    input.destroy();
  }
}

/**
 * unzipper (0.10, under exceljs) emits 'end' as soon as it has taken in the last bytes of its
 * input, while it still holds entries nobody has read: exceljs then stops, and the entries stored
 * last are lost (styles, shared strings: in 83 of 100 reads of a small Excel-ordered workbook).
 * That 'end' is turned into the end of the entries, which comes once they have all been read.
 * A ZIP cut short still fails: unzipper reports the missing bytes.
 */
function endZipWhenRead(input: PassThrough): void {
  const pipe = input.pipe.bind(input);
  input.pipe = (<T extends NodeJS.WritableStream>(zip: T, options?: { end?: boolean }) => {
    const unzipper = zip as unknown as Readable;
    const emit = unzipper.emit.bind(unzipper);
    unzipper.emit = ((event: string | symbol, ...args: unknown[]) => {
      if (event !== 'end' || unzipper.readableEnded) return emit(event, ...args);
      unzipper.push(null);
      return false;
    }) as Readable['emit'];
    return pipe(zip, options);
  }) as PassThrough['pipe'];
}

async function readWorksheets(excel: Excel, input: Readable, file: string, plan: Plan, onRow: OnSheetRow): Promise<WorkbookRead> {
  const { reader, state, part, sharedStrings } = openReader(excel, input);
  let book: BookSheet[] | undefined;
  let target: number | undefined;
  let chosen: number | undefined;
  const accepted = new Map<number, boolean>();
  const isFirstWanted = (position: number) =>
    book!.every((sheet, i) => i >= position || accepted.get(i) === false || !readable(sheet));

  const worksheets = reader[Symbol.asyncIterator]();
  for (let next = await worksheets.next(); !next.done; next = await worksheets.next()) {
    const worksheet = next.value;
    // A temporary file's stream may fail after kam has stopped reading it (exceljs deletes the
    // file under it): that late error must not be an uncaught exception. Errors while it is read
    // still reach the loop that reads it.
    worksheet.iterator.on?.('error', () => {});
    try {
      if (!book) {
        book = bookSheets(state);
        target = 'sheet' in plan ? resolveSheet(plan.sheet, book, file) : 'position' in plan ? plan.position : undefined;
      }
      const position = book.findIndex((sheet) => sheet.part === part());
      const wanted = position >= 0 && chosen === undefined && (target === undefined || target === position);
      if (!wanted) {
        skip(worksheet);
        continue;
      }
      const name = book[position]!.name;
      const cells = cellReader(state, sharedStrings());
      const rows = (rowNumber: number, row: readonly SheetCell[]) => callback(() => onRow(rowNumber, row, name));
      if (target !== undefined) {
        await streamRows(excel.parseSax, worksheet, cells, () => true, rows);
        chosen = position;
      } else if ('isHeader' in plan) {
        let verdict = false;
        const accept = (row: readonly SheetCell[]) => (verdict = callback(() => plan.isHeader(row.map(cellText)))) && isFirstWanted(position);
        await streamRows(excel.parseSax, worksheet, cells, accept, rows);
        accepted.set(position, verdict);
        if (verdict && isFirstWanted(position)) chosen = position;
      }
    } catch (error) {
      skip(worksheet);
      await skipRest(worksheets);
      throw error;
    }
  }

  book ??= bookSheets(state);
  const sheets = book.map((sheet) => sheet.name);
  if ('sheet' in plan && target === undefined) target = resolveSheet(plan.sheet, book, file);
  if (target !== undefined && chosen === undefined) {
    throw new DataInputError(text('data.sheet-without-cells', { file, sheet: String(sheets[target]) }));
  }
  const readLater = chosen === undefined ? book.findIndex((_, i) => accepted.get(i) === true) : -1;
  return { sheet: chosen === undefined ? undefined : sheets[chosen], sheets, ...(readLater >= 0 && { readLater }) };
}

/**
 * A worksheet left unread: its temporary file's stream, which exceljs opens and then deletes the
 * file under, is closed; its error (the file is gone before it opened) would otherwise be thrown
 * as an uncaught exception.
 */
function skip(worksheet: WorksheetEntry): void {
  const stream = worksheet.iterator;
  if (!stream.destroy || !stream.on) return;
  stream.on('error', () => {});
  stream.destroy();
}

/**
 * Reading stopped (onRow threw, say): the worksheets still to come are skipped, so that exceljs
 * deletes their temporary files now rather than at exit (never, when kam is interrupted).
 */
async function skipRest(worksheets: AsyncIterator<WorksheetEntry>): Promise<void> {
  try {
    for (let next = await worksheets.next(); !next.done; next = await worksheets.next()) skip(next.value);
  } catch {
    // The error that stopped the reading is the one to report.
  }
}

/** The sheets of workbook.xml in its order, each with the ZIP entry that holds its cells. */
function bookSheets(state: ReaderState): BookSheet[] {
  const targets = new Map((state.workbookRels ?? []).map((rel) => [rel.Id, partOf(rel.Target)]));
  return (state.model?.sheets ?? []).map((sheet) => ({ name: sheet.name, part: targets.get(sheet.rId) }));
}

/** A relationship target of xl/workbook.xml as a ZIP entry name: relative to xl/, or absolute. */
function partOf(target: string): string {
  return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
}

/** exceljs emits the worksheets stored as xl/worksheets/sheet<n>.xml, and no other part. */
function readable(sheet: BookSheet): boolean {
  return sheet.part !== undefined && /^xl\/worksheets\/sheet\d+\.xml$/.test(sheet.part);
}

function resolveSheet(wanted: string, book: readonly BookSheet[], file: string): number {
  const names = book.map((sheet) => sheet.name);
  const exact = names.indexOf(wanted);
  if (exact >= 0) return exact;
  const folded = names.findIndex((name) => name.toLowerCase() === wanted.toLowerCase());
  if (folded >= 0) return folded;
  const number = /^\d+$/.test(wanted) ? Number(wanted) : NaN;
  if (number >= 1 && number <= names.length) return number - 1;
  const guess = Number.isNaN(number) ? closest(wanted, names) : undefined;
  const sheets = listOf(names);
  // Its text in the locale of the run, made here, as a plain UsageError (test/unit/xlsx.test.ts compares the whole error).
  throw new UsageError(say(guess ? text('data.no-such-sheet.guess', { sheet: wanted, file, guess, sheets }) : text('data.no-such-sheet', { sheet: wanted, file, sheets })));
}

function callback<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new CallbackError(error);
  }
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.trim() || 'unknown error';
}

// ---------------------------------------------------------------------------------------------
// Rows: <sheetData><row r="3"><c r="B3" s="2" t="s"><f>…</f><v>…</v><is><t>…</t></is></c>…

/** What the XML says of one cell, as it is read. */
interface CellXml {
  type: string | undefined;
  style: number;
  value: string | undefined;
  inline: string | undefined;
  formula: boolean;
}

/**
 * Streams a worksheet's non-empty rows to onRow; `keep`, given the first of them, decides whether
 * to read on. Stopping early leaves the rest of the sheet unparsed.
 */
async function streamRows(
  parseSax: ParseSax,
  worksheet: WorksheetEntry,
  toCell: (cell: CellXml) => SheetCell,
  keep: (cells: readonly SheetCell[]) => boolean,
  onRow: (rowNumber: number, cells: readonly SheetCell[]) => void,
): Promise<void> {
  let first = true;
  let rowNumber = 0;
  let cells: SheetCell[] = [];
  let column = 0;
  let cell: CellXml = { type: undefined, style: 0, value: undefined, inline: undefined, formula: false };
  let capture: 'value' | 'inline' | undefined;
  let inPhonetic = false;
  for await (const events of parseSax(utf8(worksheet.iterator))) {
    for (const event of events) {
      if (event.eventType === 'text') {
        if (capture === 'value') cell.value += event.value;
        else if (capture === 'inline') cell.inline += event.value;
        continue;
      }
      const { name, attributes } = event.value;
      if (event.eventType === 'opentag') {
        switch (localName(name)) {
          case 'row':
            rowNumber = attributes.r ? Number(attributes.r) : rowNumber + 1;
            cells = [];
            column = 0;
            break;
          case 'c':
            column = attributes.r ? columnOf(attributes.r) : column + 1;
            cell = { type: attributes.t, style: Number(attributes.s ?? 0), value: undefined, inline: undefined, formula: false };
            break;
          case 'f':
            cell.formula = true;
            break;
          case 'v': // <v></v> has no text event: an empty value, not a missing one
            capture = 'value';
            cell.value ??= '';
            break;
          case 't':
            if (!inPhonetic) capture = 'inline';
            cell.inline ??= '';
            break;
          case 'rPh':
            inPhonetic = true;
            break;
        }
        continue;
      }
      switch (localName(name)) {
        case 'v':
        case 't':
          capture = undefined;
          break;
        case 'rPh':
          inPhonetic = false;
          break;
        case 'c': {
          const value = toCell(cell);
          if (value !== undefined && column > 0) {
            while (cells.length < column - 1) cells.push(undefined);
            cells[column - 1] = value;
          }
          break;
        }
        case 'row':
          if (cells.length === 0) break;
          if (first) {
            first = false;
            if (!keep(cells)) return;
          }
          onRow(rowNumber, cells);
          break;
      }
    }
  }
}

/** The 1-based column of a cell reference: B3 → 2, AA10 → 27. */
function columnOf(reference: string): number {
  let column = 0;
  for (let i = 0; i < reference.length; i++) {
    const code = reference.charCodeAt(i) | 0x20; // lower case
    if (code < 0x61 || code > 0x7a) break;
    column = column * 26 + (code - 0x60);
  }
  return column;
}

// ---------------------------------------------------------------------------------------------
// Cells

const NO_CACHED_VALUE: SheetCell = { error: 'formula without a cached value' };

/** The error values kam gives cells it cannot read (not Excel's own, such as #DIV/0!), and their messages. */
export const KAM_CELL_ERRORS: ReadonlyMap<string, 'data.cell.no-cached-value' | 'data.cell.missing-shared-string' | 'data.cell.not-a-number' | 'data.cell.date-out-of-range' | 'data.cell.not-a-date'> = new Map([
  ['formula without a cached value', 'data.cell.no-cached-value'],
  ['missing shared string', 'data.cell.missing-shared-string'],
  ['not a number', 'data.cell.not-a-number'],
  ['date out of range', 'data.cell.date-out-of-range'],
  ['not a date', 'data.cell.not-a-date'],
] as const);

function cellReader(state: ReaderState, strings: readonly string[] | undefined): (cell: CellXml) => SheetCell {
  const isDate = dateStyles(state.styles);
  const date1904 = state.properties?.model?.date1904 === true;
  return ({ type, style, value, inline, formula }) => {
    if (type === 'inlineStr') return nonEmpty(unescapeText(inline ?? value ?? ''));
    if (value === undefined) return formula ? NO_CACHED_VALUE : undefined;
    switch (type) {
      case 's': {
        const text = strings?.[Number(value)];
        return text === undefined ? { error: 'missing shared string' } : nonEmpty(text);
      }
      case 'str':
        return nonEmpty(unescapeText(value));
      case 'b':
        return value === '1' || value === 'true';
      case 'e':
        return { error: value };
      case 'd':
        return isoDate(value);
      default: {
        if (value.trim() === '') return undefined;
        const number = Number(value);
        if (Number.isNaN(number)) return { error: 'not a number' };
        return isDate(style) ? dateCell(fromSerial(number, date1904)) : number;
      }
    }
  };
}

function nonEmpty(text: string): SheetCell {
  return text === '' ? undefined : text;
}

/** Built-in number formats that show a date or a time: 14–22, 45–47, and the East Asian 27–36, 50–58. */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

function dateStyles(styles: ReaderState['styles']): (style: number) => boolean {
  const known = new Map<number, boolean>();
  return (style) => {
    let isDate = known.get(style);
    if (isDate === undefined) {
      const id = styles?.model?.styles?.[style]?.numFmtId;
      const code = id === undefined ? undefined : styles?.getStyleModel?.(style)?.numFmt;
      isDate = code !== undefined ? isDateFormat(code) : id !== undefined && BUILTIN_DATE_FORMATS.has(id);
      known.set(style, isDate);
    }
    return isDate;
  };
}

/** Whether a format code shows a date or a time: a y, m, d, h, s (or b, Buddhist year) outside literals. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"|\\.|[_*]./g, '') // literals, and the padding (_x) and fill (*x) characters
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '') // colours, conditions and locales; not [h] (elapsed time)
    .replace(/general/gi, '');
  return /[ymdhsb]/i.test(bare);
}

/** Days since 1899-12-30 (or 1904-01-01 in the 1904 date system), as Excel counts from 1900-03-01. */
function fromSerial(serial: number, date1904: boolean): Date {
  const days = serial - 25569 + (date1904 ? 1462 : 0);
  return new Date(Math.round(days * 86_400_000));
}

function dateCell(date: Date): SheetCell {
  const rounded = new Date(Math.round(date.getTime() / 1000) * 1000);
  if (Number.isNaN(rounded.getTime())) return { error: 'date out of range' };
  const iso = rounded.toISOString();
  const time = iso.slice(11, 19);
  return { date: time === '00:00:00' ? iso.slice(0, 10) : iso.slice(0, 19) };
}

/** A t="d" cell holds an ISO 8601 date (strict OOXML). */
function isoDate(value: string): SheetCell {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2})?))?/.exec(value);
  if (!match) return { error: 'not a date' };
  const time = match[2] && match[2].length === 5 ? `${match[2]}:00` : match[2];
  return { date: time && time !== '00:00:00' ? `${match[1]}T${time}` : match[1]! };
}

/** OOXML writes characters XML cannot hold (a CR in a note) as _xHHHH_, and a literal _x as _x005F_x. */
function unescapeText(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
