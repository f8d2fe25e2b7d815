// The rows of a client table, or of one part of it, turned into what ranking needs: compact
// columns of ids, names and scoring inputs. A part may be read on another thread; lines and
// row ordinals count from the part's start, and the caller adds the lines before it.
import { planColumns, type ColumnPlan } from '../core/client-columns.js';
import type { KamConfig } from '../core/config.js';
import { computeScores, scoresAlone, tierIndexes, type ScoringModel } from '../core/scoring.js';
import { accountIdFor } from '../core/slug.js';
import { blankRow, canSplit, readCsvRows, readTable, type CsvSource, type TableRow, type TableSource } from '../tabular/index.js';
import { NumberKind, noEvidence, noteNumber, type CellPlace, type DecimalMark, type NumberEvidence } from '../tabular/numbers.js';
import { columnLetters } from '../tabular/cells.js';
import { KAM_CELL_ERRORS } from '../tabular/xlsx.js';
import { listOf, say, text, type Text } from '../tabular/messages.js';
import { NumberColumn, Utf8Column, type Utf8ColumnData } from './columns.js';

export interface BadRow {
  line: number;
  /** The workbook cell (Clients!C7), when the table is a sheet. */
  ref?: string;
  /** What is wrong with the row (plain data: made on any thread, rendered on the main one). */
  reason: Text;
  /** What went wrong, for the hint: a cell that is a number only under the other decimal mark, another cell that is no number, a negative amount, a row of the wrong width, a row without id or name. */
  kind: 'other-mark' | 'not-a-number' | 'negative' | 'width' | 'no-id';
}

/** One part of the file, read: every array can cross threads without a copy. */
export interface ClientRowsPart {
  ids: Utf8ColumnData;
  names: Utf8ColumnData;
  /** Per criterion, its input on each row (NaN: missing). */
  inputs: Float64Array[];
  latest: Float64Array;
  /** Each row's score and tier (index into the tiers, -1: none), when the model scores each account alone (else the main thread scores all rows together). */
  scores: Float64Array | undefined;
  tierIndex: Int32Array | undefined;
  /** With keepOrdinals: each row's ordinal among the part's rows (blank lines and bad rows count). */
  ordinals: Float64Array;
  bad: BadRow[];
  /** What the number cells said of the decimal mark and currency (lines counted from the part's start). */
  evidence: NumberEvidence;
  /** Rows skipped as totals ("Total", "合计"…). */
  totals: { line: number; text: string }[];
  /** Physical lines and rows the part spans. */
  lines: number;
  rowsSeen: number;
  /** Whether the part ends inside a quoted field (then the next part did not start at a record). */
  endsInQuotes: boolean;
}

export interface PartJob {
  source: TableSource;
  config: Pick<KamConfig, 'criteria' | 'data' | 'missing' | 'tiers' | 'ids'>;
  header: string[];
  /** The decimal mark to read numbers with. */
  mark: DecimalMark;
  /** Byte range; the first part also holds the header row (and any blank lines before it). */
  start: number;
  end: number;
  keepOrdinals: boolean;
}

function collectorOf(job: PartJob): ClientRowCollector {
  const sheet = job.source.kind === 'sheet' ? job.source.sheet : undefined;
  return new ClientRowCollector(job.config, planColumns(job.header, job.config), job.header, job.keepOrdinals, job.start === 0, job.source.kind === 'csv', sheet);
}

/** Reads the rows of one part of a table (a whole table, unless it can be split: see canSplit). */
export async function readRowsPart(job: PartJob, onBytes?: (bytes: number) => void): Promise<ClientRowsPart> {
  const collector = collectorOf(job);
  const range = canSplit(job.source) ? { start: job.start, end: job.end } : undefined;
  const state = await readTable(job.source, job.mark, (row) => collector.row(row), { range, onBytes });
  return collector.finish(state.endsInQuotes);
}

/** Reads the rows of one byte range of a CSV that can be split, on this thread. */
export function readCsvPart(job: PartJob & { source: CsvSource }): ClientRowsPart {
  const collector = collectorOf(job);
  const state = readCsvRows(job.source, job.mark, (row) => collector.row(row), { range: { start: job.start, end: job.end } });
  return collector.finish(state.endsInQuotes);
}

/** What a worker reads: parts of the file, taken one at a time from a counter shared by all threads. */
export interface PartsJob {
  job: PartJob & { source: CsvSource };
  /** Part k is [bounds[k], bounds[k + 1]); each bound but the first starts a line. */
  bounds: number[];
  /** Int32 slot 0: the next part to take. */
  next: SharedArrayBuffer;
}

/** A worker's parts, or its error: its English text, and the message to render it in the locale of the run when it has one. */
export type PartsReply = { parts: [number, ClientRowsPart][] } | { error: string; text?: Text };

/** Takes parts until none is left; returns them with their indexes. */
export function takeParts(work: PartsJob, onPart?: () => void): [number, ClientRowsPart][] {
  const next = new Int32Array(work.next);
  const taken: [number, ClientRowsPart][] = [];
  for (;;) {
    const k = Atomics.add(next, 0, 1);
    if (k >= work.bounds.length - 1) return taken;
    taken.push([k, readCsvPart({ ...work.job, start: work.bounds[k]!, end: work.bounds[k + 1]! })]);
    onPart?.();
  }
}

// What exports call the totals row under the accounts, lowercased (the DuckDB engine refuses rows so named, duckdb-engine.ts).
export const TOTALS = new Set([
  'total', 'totals', 'grand total', 'sum', 'subtotal', 'sub-total', 'summe', 'gesamt', 'gesamtsumme', 'insgesamt',
  'total général', 'totale', 'totaal', 'suma', 'итого', '合计', '总计', '小计', '合計', '總計', '小計', '汇总', '總和', '总和',
]);

/** Turns each data row into columns; bad rows are collected, not thrown. */
export class ClientRowCollector {
  private readonly ids = new Utf8Column({ hashed: true });
  private readonly names = new Utf8Column();
  private readonly inputs: NumberColumn[];
  private readonly latest = new NumberColumn();
  private readonly ordinals = new NumberColumn();
  private readonly bad: BadRow[] = [];
  private readonly evidence = noEvidence();
  private readonly totals: { line: number; text: string }[] = [];
  private line = 0; // the last physical line consumed
  private ordinal = -1;
  // How each criterion reads a row: 0 latest, 1 total, 2 cagr, 3 wallet, 4 shareOfWallet, -1 its own column.
  private readonly kinds: number[];
  private readonly staged: Float64Array;
  private readonly revenueYears: number[];
  private readonly revenueColumns: number[];
  private readonly headerLength: number;

  constructor(
    private readonly config: ScoringModel,
    private readonly columns: ColumnPlan,
    private readonly header: readonly string[],
    private readonly keepOrdinals: boolean,
    /** The first non-blank row is the header (the part starts at the file's start). */
    private headerAhead: boolean,
    /** Every row must have the header's number of cells (CSV; a sheet leaves trailing empty cells out). */
    private readonly fixedWidth: boolean,
    /** The sheet's name, when the table is a worksheet (cells are then named B7). */
    private readonly sheet: string | undefined,
  ) {
    const criteria = config.criteria;
    this.headerLength = header.length;
    this.inputs = criteria.map(() => new NumberColumn());
    this.kinds = criteria.map((c) => ['revenue.latest', 'revenue.total', 'revenue.cagr', 'wallet', 'shareOfWallet'].indexOf(c.input));
    this.staged = new Float64Array(criteria.length);
    this.revenueYears = columns.revenue.map(([year]) => year);
    this.revenueColumns = columns.revenue.map(([, column]) => column);
  }

  private place(line: number, row: TableRow, column: number): CellPlace {
    const text = row.cell(column).trim();
    const place: CellPlace = { line, column: this.header[column]?.trim() ?? `#${column + 1}`, text: text.length > 30 ? `${text.slice(0, 30)}…` : text };
    if (this.sheet !== undefined) place.ref = `${this.sheet}!${columnLetters(column)}${line}`;
    return place;
  }

  private badRow(line: number, kind: BadRow['kind'], reason: Text, column?: number): void {
    const bad: BadRow = { line, kind, reason };
    if (this.sheet !== undefined && column !== undefined) bad.ref = `${this.sheet}!${columnLetters(column)}${line}`;
    this.bad.push(bad);
  }

  /**
   * The cell as a number, its kind and currency noted; undefined when blank; null (the row is
   * bad, and noted so) when it is not a number, or a negative amount.
   */
  private number(row: TableRow, line: number, column: number, amount: boolean): number | undefined | null {
    const v = row.number(column);
    if (row.kind !== NumberKind.Plain || row.currency !== undefined) noteNumber(this.evidence, row.kind, row.currency, () => this.place(line, row, column));
    if (v === null) {
      const { column: name, text: cellText } = this.place(line, row, column);
      // A worksheet cell kam could not read is shown by what is wrong with it.
      const unreadable = this.sheet !== undefined ? KAM_CELL_ERRORS.get(cellText) : undefined;
      const cell = { column: name, text: unreadable !== undefined ? text(unreadable) : cellText };
      if (row.kind === NumberKind.Point) this.badRow(line, 'other-mark', text('data.row.other-mark.point', cell), column);
      else if (row.kind === NumberKind.Comma) this.badRow(line, 'other-mark', text('data.row.other-mark.comma', cell), column);
      else this.badRow(line, 'not-a-number', text('data.row.not-a-number', cell), column);
      return null;
    }
    if (amount && v !== undefined && v < 0) {
      this.badRow(line, 'negative', text('data.row.negative', { column: this.place(line, row, column).column, value: String(v) }), column);
      return null;
    }
    return v;
  }

  /**
   * A "Total" row under the accounts (exports often end with one): its amounts would count as
   * one more account, the largest. Asked of rows without an id, whose name is a word for a total.
   */
  private isTotalsRow(row: TableRow): boolean {
    const name = this.columns.name;
    return name !== undefined && TOTALS.has(row.cell(name).trim().toLowerCase().replace(/[:：]$/, ''));
  }

  row(row: TableRow): void {
    this.ordinal++;
    const startLine = this.line + 1;
    this.line = startLine + row.breaks();
    if (row.blank(0) && blankRow(row)) return; // blank lines, and rows of empty cells (",,,,,")
    if (this.headerAhead) {
      this.headerAhead = false;
      return;
    }
    const columns = this.columns;
    if (this.fixedWidth && row.length !== this.headerLength && !(row.length > this.headerLength && blankFrom(row, this.headerLength))) {
      // (Extra empty fields at the end, as some exports write a delimiter after every cell, are no harm.)
      this.badRow(startLine, 'width', text('data.row.width', { fields: row.length, headerFields: this.headerLength }));
      return;
    }
    // The id (SPEC 5, one rule with import and new; see rowAccountId): the id cell slugged, else the name's id.
    const idColumn = columns.id !== undefined && !row.blank(columns.id) ? columns.id : undefined;
    if (idColumn === undefined && (columns.name === undefined || row.blank(columns.name))) {
      this.badRow(startLine, 'no-id', text('data.row.no-id'));
      return;
    }
    if (idColumn === undefined && this.isTotalsRow(row)) {
      this.totals.push({ line: startLine, text: row.cell(columns.name!).trim() });
      return;
    }
    let latestYear = -Infinity;
    let latest: number | undefined;
    let first: number | undefined;
    let firstYear = 0;
    let total: number | undefined;
    for (let r = 0; r < this.revenueColumns.length; r++) {
      const year = this.revenueYears[r]!;
      const v = this.number(row, startLine, this.revenueColumns[r]!, true);
      if (v === null) return;
      if (v === undefined) continue;
      total = (total ?? 0) + v;
      if (first === undefined) {
        first = v;
        firstYear = year;
      }
      if (year > latestYear) {
        latestYear = year;
        latest = v;
      }
    }
    let wallet: number | undefined;
    if (columns.wallet !== undefined) {
      const v = this.number(row, startLine, columns.wallet, true);
      if (v === null) return;
      wallet = v;
    }
    const criteria = this.config.criteria;
    const staged = this.staged;
    for (let i = 0; i < criteria.length; i++) {
      let x: number | undefined;
      switch (this.kinds[i]) {
        case 0: x = latest; break;
        case 1: x = total; break;
        case 2:
          x = first !== undefined && latest !== undefined && latestYear !== firstYear && first > 0
            ? (latest / first) ** (1 / (latestYear - firstYear)) - 1 : undefined;
          break;
        case 3: x = wallet; break;
        case 4: x = latest !== undefined && wallet !== undefined && wallet !== 0 ? latest / wallet : undefined; break;
        default: {
          const column = columns.custom[i];
          if (column === undefined) break;
          const v = this.number(row, startLine, column, false);
          if (v === null) return;
          x = v;
        }
      }
      staged[i] = x ?? Number.NaN;
    }
    if (idColumn !== undefined && row.isSlug(idColumn)) row.pushTrimmed(idColumn, this.ids);
    else this.ids.push(accountIdFor(row.cell(idColumn ?? columns.name!).trim(), this.config));
    if (columns.name === undefined) this.names.push('');
    else row.pushTrimmed(columns.name, this.names);
    for (let i = 0; i < criteria.length; i++) this.inputs[i]!.push(staged[i]!);
    this.latest.push(latest ?? 0);
    if (this.keepOrdinals) this.ordinals.push(this.ordinal);
  }

  finish(endsInQuotes: boolean): ClientRowsPart {
    const inputs = this.inputs.map((c) => c.toArray());
    const latest = this.latest.toArray();
    const scores = scoresAlone(this.config) ? computeScores({ size: latest.length, inputs }, this.config) : undefined;
    return {
      ids: this.ids.data(),
      names: this.names.data(),
      inputs,
      latest,
      scores,
      tierIndex: scores && tierIndexes(scores, this.config.tiers),
      ordinals: this.ordinals.toArray(),
      bad: this.bad,
      evidence: this.evidence,
      totals: this.totals,
      lines: this.line,
      rowsSeen: this.ordinal + 1,
      endsInQuotes,
    };
  }
}

function blankFrom(row: TableRow, from: number): boolean {
  for (let i = from; i < row.length; i++) if (!row.blank(i)) return false;
  return true;
}

/** The arrays of a part, to hand to postMessage's transfer list. */
export function transferablesOf(part: ClientRowsPart): ArrayBuffer[] {
  const views = [part.ids.bytes, part.ids.ends, part.ids.hashes, part.names.bytes, part.names.ends, ...part.inputs, part.latest, part.scores, part.tierIndex, part.ordinals];
  return [...new Set(views.filter((v) => v !== undefined).map((v) => v!.buffer as ArrayBuffer))];
}

/** What the header alone tells about a client file (criteria with no column, year columns not read, mappings that match nothing): kam's notes, whichever engine reads the rows. */
export function columnNotes(columns: ColumnPlan, header: readonly string[]): string[] {
  const notes: string[] = [];
  for (const criterion of columns.unmapped) notes.push(say(text('data.note.unmapped-criterion', { criterion: criterion.id, input: criterion.input })));
  const yearHeaders = columns.revenue.length === 0 ? header.filter((h) => /(19|20)\d\d/.test(h)) : [];
  if (yearHeaders.length > 0 && columns.unmapped.some((c) => c.input.startsWith('revenue.') || c.input === 'shareOfWallet')) {
    const example = yearHeaders[0]!.trim();
    const headers = listOf(yearHeaders.map((h) => text('data.quoted', { text: h.trim() })));
    notes.push(say(text('data.note.year-columns', { headers, mapping: `{ "${example}": revenue_${/(19|20)\d\d/.exec(example)![0]} }` })));
  }
  for (const from of columns.unusedMappings) notes.push(say(text('data.note.unused-mapping', { from })));
  for (const o of columns.overridden) notes.push(say(text('data.note.overridden-column', { header: o.header, mappedFrom: o.mappedFrom, field: o.field })));
  return notes;
}
