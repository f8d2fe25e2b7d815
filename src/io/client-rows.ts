// The rows of a client CSV, or of one part of it, turned into what ranking needs: compact
// columns of ids, names and scoring inputs. A part may be read on another thread; lines and
// row ordinals count from the part's start, and readClientRows adds the lines before it.
import { planColumns, slugOfName, type ColumnPlan } from '../core/client-columns.js';
import type { KamConfig } from '../core/config.js';
import { computeScores, scoresAlone, tierIndexes, type ScoringModel } from '../core/scoring.js';
import { NumberColumn, Utf8Column, type Utf8ColumnData } from './columns.js';
import { readCsv, type CsvRow } from './csv-reader.js';

export interface BadRow {
  line: number;
  reason: string;
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
  /** Rows whose id is row-<line>: [row, line] pairs, lines counted from the part's start. */
  lineIds: number[];
  /** Physical lines and rows the part spans. */
  lines: number;
  rowsSeen: number;
  /** Whether the part ends inside a quoted field (then the next part did not start at a record). */
  endsInQuotes: boolean;
}

export interface PartJob {
  path: string;
  file: string;
  config: Pick<KamConfig, 'criteria' | 'data' | 'missing' | 'tiers'>;
  header: string[];
  delimiter: string;
  /** Byte range; the first part also holds the header row (and any blank lines before it). */
  start: number;
  end: number;
  keepOrdinals: boolean;
}

/** Reads the rows of one part of a file (the job of each thread; other encodings than UTF-8 have one part). */
export function readRowsPart(fd: number, decoder: TextDecoder, job: PartJob, onBytes?: (bytes: number) => void): ClientRowsPart {
  const collector = new ClientRowCollector(job.config, planColumns(job.header, job.config), job.header.length, job.keepOrdinals, job.start === 0);
  const range = decoder.encoding === 'utf-8' ? { start: job.start, end: job.end } : undefined;
  const state = readCsv(fd, job.file, decoder, (row) => collector.row(row), { range, delimiter: job.delimiter, onBytes });
  return collector.finish(state.endsInQuotes);
}

/** What a worker reads: parts of the file, taken one at a time from a counter shared by all threads. */
export interface PartsJob {
  job: PartJob;
  /** Part k is [bounds[k], bounds[k + 1]); each bound but the first starts a line. */
  bounds: number[];
  /** Int32 slot 0: the next part to take. */
  next: SharedArrayBuffer;
}

export type PartsReply = { parts: [number, ClientRowsPart][] } | { error: string };

/** Takes parts until none is left; returns them with their indexes. */
export function takeParts(fd: number, decoder: TextDecoder, work: PartsJob, onPart?: () => void): [number, ClientRowsPart][] {
  const next = new Int32Array(work.next);
  const taken: [number, ClientRowsPart][] = [];
  for (;;) {
    const k = Atomics.add(next, 0, 1);
    if (k >= work.bounds.length - 1) return taken;
    taken.push([k, readRowsPart(fd, decoder, { ...work.job, start: work.bounds[k]!, end: work.bounds[k + 1]! })]);
    onPart?.();
  }
}

/** Turns each data row into columns; bad rows are collected, not thrown. */
export class ClientRowCollector {
  private readonly ids = new Utf8Column({ hashed: true });
  private readonly names = new Utf8Column();
  private readonly inputs: NumberColumn[];
  private readonly latest = new NumberColumn();
  private readonly ordinals = new NumberColumn();
  private readonly bad: BadRow[] = [];
  private readonly lineIds: number[] = [];
  private line = 0; // the last physical line consumed
  private ordinal = -1;
  // How each criterion reads a row: 0 latest, 1 total, 2 cagr, 3 wallet, 4 shareOfWallet, -1 its own column.
  private readonly kinds: number[];
  private readonly staged: Float64Array;
  private readonly revenueYears: number[];
  private readonly revenueColumns: number[];

  constructor(
    private readonly config: ScoringModel,
    private readonly columns: ColumnPlan,
    private readonly headerLength: number,
    private readonly keepOrdinals: boolean,
    /** The first non-blank row is the header (the part starts at the file's start). */
    private headerAhead: boolean,
  ) {
    const criteria = config.criteria;
    this.inputs = criteria.map(() => new NumberColumn());
    this.kinds = criteria.map((c) => ['revenue.latest', 'revenue.total', 'revenue.cagr', 'wallet', 'shareOfWallet'].indexOf(c.input));
    this.staged = new Float64Array(criteria.length);
    this.revenueYears = columns.revenue.map(([year]) => year);
    this.revenueColumns = columns.revenue.map(([, column]) => column);
  }

  private badCell(line: number, cell: string, column: string): void {
    this.bad.push({ line, reason: `${column} is not a number: "${cell.length > 30 ? `${cell.slice(0, 30)}…` : cell}"` });
  }

  row(row: CsvRow): void {
    this.ordinal++;
    const startLine = this.line + 1;
    this.line = startLine + row.breaks();
    if (row.length === 1 && row.blank(0)) return; // blank line
    if (this.headerAhead) {
      this.headerAhead = false;
      return;
    }
    const columns = this.columns;
    if (row.length !== this.headerLength) {
      this.bad.push({ line: startLine, reason: `has ${row.length} fields, the header has ${this.headerLength}` });
      return;
    }
    // The id is the trimmed id cell; without an id column, the name's slug (SPEC 5); when
    // that is empty (an empty id cell, a name in Chinese only), row-<line>.
    const nameBlank = columns.name === undefined || row.blank(columns.name);
    let madeId: string | undefined;
    if (columns.id === undefined || row.blank(columns.id)) {
      if (nameBlank) {
        this.bad.push({ line: startLine, reason: 'has neither an id nor a name' });
        return;
      }
      madeId = columns.id === undefined ? slugOfName(row.cell(columns.name!).trim()) : '';
    }
    let latestYear = -Infinity;
    let latest: number | undefined;
    let first: number | undefined;
    let firstYear = 0;
    let total: number | undefined;
    for (let r = 0; r < this.revenueColumns.length; r++) {
      const year = this.revenueYears[r]!;
      const column = this.revenueColumns[r]!;
      const v = row.number(column);
      if (v === null) return this.badCell(startLine, row.cell(column), `revenue_${year}`);
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
      const v = row.number(columns.wallet);
      if (v === null) return this.badCell(startLine, row.cell(columns.wallet), 'wallet');
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
          const v = row.number(column);
          if (v === null) return this.badCell(startLine, row.cell(column), criteria[i]!.input);
          x = v;
        }
      }
      staged[i] = x ?? Number.NaN;
    }
    if (madeId === undefined) {
      row.pushTrimmed(columns.id!, this.ids);
    } else {
      if (madeId === '') this.lineIds.push(this.ids.length, startLine);
      this.ids.push(madeId);
    }
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
      lineIds: this.lineIds,
      lines: this.line,
      rowsSeen: this.ordinal + 1,
      endsInQuotes,
    };
  }
}

/** The arrays of a part, to hand to postMessage's transfer list. */
export function transferablesOf(part: ClientRowsPart): ArrayBuffer[] {
  const views = [part.ids.bytes, part.ids.ends, part.ids.hashes, part.names.bytes, part.names.ends, ...part.inputs, part.latest, part.scores, part.tierIndex, part.ordinals];
  return [...new Set(views.filter((v) => v !== undefined).map((v) => v!.buffer as ArrayBuffer))];
}
