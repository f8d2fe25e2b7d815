// `kam score --data <file.csv>`: streams a client's CRM export (any encoding
// TextDecoder knows), keeps only what ranking needs (a few typed columns, ids and
// names), and scores the rows with the model of the workspace or the built-in one.
import { closeSync, existsSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { normalizeHeader, parseCell, planColumns, slugOfName, type ColumnPlan } from '../core/client-columns.js';
import type { KamConfig } from '../core/config.js';
import { reportConfig, type ScoreFilter, type ScoreReport } from '../core/score-report.js';
import {
  computeScores,
  criterionScores,
  percentileBases,
  revenueFigures,
  tierFor,
  type InputTable,
  type ScoredAccount,
} from '../core/scoring.js';
import { InputError, UsageError } from '../errors.js';
import { NumberColumn, StringColumn } from './columns.js';

export interface ClientDataOptions {
  filter: ScoreFilter;
  explain?: string | undefined;
  /** Cap on shown rows when no filter asks for more (human table). */
  tableLimit?: number | undefined;
  encoding: string;
  /** Any bad row is fatal (exit 2) instead of being skipped. */
  strict: boolean;
  /** Keep each shown row's ordinal, so that readClientRows can fetch its cells (kam import). */
  keepRowOrdinals?: boolean;
  /** Called with the bytes read so far (a progress bar). */
  onBytes?: (bytes: number, total: number) => void;
}

export interface ClientDataResult {
  report: ScoreReport;
  /** The explained account, when --explain named one. */
  explained?: ScoredAccount;
  notes: string[];
  /** With keepRowOrdinals: the shown rows, in rank order, with their ordinal among the file's rows. */
  selected?: { ordinal: number; account: ScoredAccount }[];
  /** Every row's latest revenue and tier index (-1: none): the portfolio figures of a report. */
  portfolio: { revenues: Float64Array; tierIndex: Int32Array };
}

interface BadRow {
  line: number;
  reason: string;
}

const MAX_LISTED_BAD_ROWS = 20;

/** What ranking needs of each row, in compact columns. */
class RowStore {
  ids = new StringColumn({ hashed: true });
  names = new StringColumn();
  inputs: NumberColumn[];
  latest = new NumberColumn();
  ordinals = new NumberColumn();
  constructor(criteria: number) {
    this.inputs = Array.from({ length: criteria }, () => new NumberColumn());
  }
}

export async function scoreClientData(file: string, cwd: string, config: KamConfig, options: ClientDataOptions): Promise<ClientDataResult> {
  const path = resolve(cwd, file);
  if (!existsSync(path) || !statSync(path).isFile()) throw new InputError(`${file}: no such file`);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(options.encoding, { fatal: true });
  } catch {
    throw new UsageError(`--encoding ${options.encoding}: unknown encoding; use e.g. utf-8, gb18030, shift_jis, windows-1252`);
  }

  const criteria = config.criteria;
  const store = new RowStore(criteria.length);
  const bad: BadRow[] = [];
  const notes: string[] = [];
  let columns: ColumnPlan | undefined;
  let headerLength = 0;
  let line = 0; // the last physical line consumed
  // How each criterion reads a row: 0 latest, 1 total, 2 cagr, 3 wallet, 4 shareOfWallet, -1 its own column.
  const kinds = criteria.map((c) => ['revenue.latest', 'revenue.total', 'revenue.cagr', 'wallet', 'shareOfWallet'].indexOf(c.input));
  const staged = new Float64Array(criteria.length);

  function badCell(lineNo: number, cell: string, column: string): void {
    bad.push({ line: lineNo, reason: `${column} is not a number: "${cell.length > 30 ? `${cell.slice(0, 30)}…` : cell}"` });
  }

  let ordinal = -1;
  let revenueYears: number[] = [];
  let revenueColumns: number[] = [];
  const handleRow = (row: CsvRow) => {
    ordinal++;
    const startLine = line + 1;
    line = startLine + row.breaks();
    if (row.length === 1 && row.cell(0).trim() === '') return; // blank line
    if (!columns) {
      const header = row.cells();
      columns = planColumns(header, config);
      headerLength = row.length;
      revenueYears = columns.revenue.map(([year]) => year);
      revenueColumns = columns.revenue.map(([, column]) => column);
      if (columns.id === undefined && columns.name === undefined) {
        throw new InputError(`${file}:1: no "id" or "name" column in the header (${header.join(', ')}); name one of them so, or map it in kam.yaml data.columns`);
      }
      return;
    }
    if (row.length !== headerLength) {
      bad.push({ line: startLine, reason: `has ${row.length} fields, the header has ${headerLength}` });
      return;
    }
    const rawName = columns.name !== undefined ? row.cell(columns.name).trim() : '';
    let id = columns.id !== undefined ? row.cell(columns.id).trim() : slugOfName(rawName);
    if (id === '' && rawName === '') {
      bad.push({ line: startLine, reason: 'has neither an id nor a name' });
      return;
    }
    if (id === '') id = `row-${startLine}`; // e.g. a name in Chinese only: SPEC 5's slug keeps a-z0-9 only
    let latestYear = -Infinity;
    let latest: number | undefined;
    let first: number | undefined;
    let firstYear = 0;
    let total: number | undefined;
    for (let r = 0; r < revenueColumns.length; r++) {
      const year = revenueYears[r]!;
      const column = revenueColumns[r]!;
      const v = row.number(column);
      if (v === null) return badCell(startLine, row.cell(column), `revenue_${year}`);
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
      if (v === null) return badCell(startLine, row.cell(columns.wallet), 'wallet');
      wallet = v;
    }
    for (let i = 0; i < criteria.length; i++) {
      let x: number | undefined;
      switch (kinds[i]) {
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
          if (v === null) return badCell(startLine, row.cell(column), criteria[i]!.input);
          x = v;
        }
      }
      staged[i] = x ?? Number.NaN;
    }
    store.ids.push(id);
    store.names.push(rawName);
    for (let i = 0; i < criteria.length; i++) store.inputs[i]!.push(staged[i]!);
    store.latest.push(latest ?? 0);
    if (options.keepRowOrdinals) store.ordinals.push(ordinal);
  };

  await parseStream(path, decoder, file, handleRow, options.onBytes);

  if (!columns) throw new InputError(`${file}: the file is empty; it needs a header row and one row per account`);
  for (const criterion of columns.unmapped) {
    notes.push(`kam: no column for criterion ${criterion.id} (${criterion.input}); it is missing on every row (map a column in kam.yaml data.columns)`);
  }
  for (const from of columns.unusedMappings) notes.push(`kam: data.columns maps "${from}", but the file has no such column`);
  const renamed = renameDuplicateIds(store.ids);
  if (renamed.size > 0) notes.push(`kam: ${renamed.size} row(s) repeat an id already seen; they got a -2, -3… suffix`);
  const idOf = (row: number) => renamed.get(row) ?? store.ids.get(row);
  if (bad.length > 0) {
    const detail = bad.slice(0, MAX_LISTED_BAD_ROWS).map((b) => `  ${file}:${b.line}: row ${b.reason}`);
    const more = bad.length > MAX_LISTED_BAD_ROWS ? [`  … and ${bad.length - MAX_LISTED_BAD_ROWS} more`] : [];
    if (options.strict) throw new InputError(`${bad.length} bad row(s) in ${file} (--strict):\n${[...detail, ...more].join('\n')}`);
    notes.push(`kam: skipped ${bad.length} bad row(s) of ${file}; fix them or pass --strict to fail:`, ...detail, ...more);
  }
  if (store.ids.length === 0) throw new InputError(`${file}: no usable data rows`);

  const table: InputTable = { size: store.ids.length, inputs: store.inputs.map((c) => c.toArray()) };
  store.inputs = [];
  const bases = percentileBases(table, criteria);
  const scores = computeScores(table, config, bases);
  const latest = store.latest.toArray();

  const tierCounts: Record<string, number> = {};
  for (const tier of config.tiers) tierCounts[tier.id] = 0;
  const tierIndex = new Int32Array(table.size);
  for (let row = 0; row < table.size; row++) {
    const tier = tierFor(scores[row]!, config.tiers);
    tierIndex[row] = tier === null ? -1 : config.tiers.findIndex((t) => t.id === tier);
    if (tier !== null) tierCounts[tier]!++;
  }

  const wanted = options.filter.tiers ? new Set(options.filter.tiers.map((t) => config.tiers.findIndex((k) => k.id === t))) : undefined;
  const limit = options.filter.top ?? options.tableLimit;
  const order = rankRows(scores, idOf, (row) => !wanted || wanted.has(tierIndex[row]!), limit);
  const rankOf = rankPositions(scores, idOf, order, wanted === undefined);
  const name = (row: number) => store.names.get(row) || idOf(row);

  const materialize = (row: number): ScoredAccount => {
    const criteriaScores = criterionScores(table, config, row, bases);
    return {
      id: idOf(row),
      name: name(row),
      score: scores[row]!,
      tier: tierFor(scores[row]!, config.tiers),
      rank: rankOf(row),
      missing: criteriaScores.filter((c) => c.missing).map((c) => c.id),
      criteria: criteriaScores,
      latestRevenue: latest[row]!,
    };
  };

  const report: ScoreReport = {
    // Materialized one at a time while the output is written: a million ScoredAccount objects would not fit.
    shown: {
      length: order.length,
      *[Symbol.iterator]() {
        for (const row of order) yield materialize(row);
      },
    },
    total: table.size,
    summary: { accounts: table.size, tiers: tierCounts, ...revenueFigures(latest) },
    config: reportConfig(config),
  };
  const result: ClientDataResult = { report, notes, portfolio: { revenues: latest, tierIndex } };
  if (options.keepRowOrdinals) {
    const ordinals = store.ordinals.toArray();
    result.selected = Array.from(order, (row) => ({ ordinal: ordinals[row]!, account: materialize(row) }));
  }
  if (options.explain !== undefined) {
    let row = -1;
    for (const [r, id] of renamed) if (id === options.explain) row = r;
    if (row === -1) row = store.ids.indexOf(options.explain);
    if (row !== -1) result.explained = materialize(row);
  }
  return result;
}

/** Score descending, then id ascending; ids are decoded only for ties. */
const byRankOf = (scores: Float64Array, idOf: (row: number) => string) => (a: number, b: number) => {
  const d = scores[b]! - scores[a]!;
  if (d !== 0) return d;
  const idA = idOf(a);
  const idB = idOf(b);
  return idA < idB ? -1 : idA > idB ? 1 : 0;
};

/** Row indexes in rank order, only those passing `keep`, at most `limit` (a bounded selection, not a full sort, when small). */
function rankRows(scores: Float64Array, ids: (row: number) => string, keep: (row: number) => boolean, limit: number | undefined): Uint32Array {
  const compare = byRankOf(scores, ids);
  if (limit !== undefined && limit < 10_000) {
    const best: number[] = [];
    for (let row = 0; row < scores.length; row++) {
      if (!keep(row)) continue;
      if (best.length === limit && compare(row, best[best.length - 1]!) >= 0) continue;
      let lo = 0;
      let hi = best.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compare(best[mid]!, row) <= 0) lo = mid + 1;
        else hi = mid;
      }
      best.splice(lo, 0, row);
      if (best.length > limit) best.pop();
    }
    return Uint32Array.from(best);
  }
  const rows: number[] = [];
  for (let row = 0; row < scores.length; row++) if (keep(row)) rows.push(row);
  const sorted = Uint32Array.from(rows).sort(compare);
  return limit !== undefined ? sorted.slice(0, limit) : sorted;
}

/**
 * Rank of each shown row among all rows (1-based). When `order` is a prefix of the ranking
 * (no tier filter) the rank is the position; otherwise one pass over all rows counts, for
 * each shown row, the rows that rank before it (a binary search per row: O(n log k)).
 */
function rankPositions(scores: Float64Array, ids: (row: number) => string, order: Uint32Array, isPrefix: boolean): (row: number) => number {
  const compare = byRankOf(scores, ids);
  const rankOf = new Map<number, number>();
  if (isPrefix || order.length === scores.length) {
    order.forEach((row, i) => rankOf.set(row, i + 1));
    return (row) => rankOf.get(row)!;
  }
  const before = new Float64Array(order.length + 1);
  for (let row = 0; row < scores.length; row++) {
    // The first shown row that `row` ranks before: it and every later shown row count it.
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(row, order[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    before[lo]!++;
  }
  let running = 0;
  order.forEach((row, i) => {
    running += before[i]!;
    rankOf.set(row, running + 1);
  });
  return (row) => rankOf.get(row)!;
}

const READ_BYTES = 1 << 18;

/**
 * Reads the file in blocks of whole records and hands every row to `onRow`, in order. A block
 * without any quote is split on newlines and the delimiter (what papaparse's own fast mode
 * does); a block with quotes goes to papaparse whole. Blocks end at a newline outside quotes:
 * RFC 4180 doubles quotes inside quoted fields, so a newline is outside them when the number
 * of quotes before it is even. Synchronous reads: no stream machinery per 64 KiB.
 */
function parseStream(
  path: string,
  decoder: TextDecoder,
  file: string,
  onRow: (row: CsvRow) => void,
  onBytes?: (bytes: number, total: number) => void,
): Promise<void> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    return Promise.reject(new InputError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`));
  }
  const total = onBytes ? fstatSync(fd).size : 0;
  const buffer = Buffer.allocUnsafe(READ_BYTES);
  let bytesSeen = 0;
  let pending = '';
  let delimiter: string | undefined;
  let inQuotes = false; // at the end of `pending`, counting from its start
  const lineRow = new LineRow();
  const arrayRow = new ArrayRow();

  const parseBlock = (block: string) => {
    if (block === '') {
      onRow(arrayRow.of(['']));
      return;
    }
    delimiter ??= detectDelimiter(block);
    const delim = delimiter;
    if (!block.includes('"')) {
      forEachLine(block, (from, to) => onRow(lineRow.of(block, from, to, delim)));
      return;
    }
    // Lines without a quote are split; the records with quotes (a line, joined with the next
    // ones while its quotes are unbalanced) go to papaparse together, in one call per block.
    // `order`: per row, the line's [from, to] in the block, or [-1, index of its quoted record].
    const order: number[] = [];
    const quotedRecords: string[] = [];
    let open: string | undefined;
    let quote = block.indexOf('"'); // the next quote at or after the current line (-1: none left)
    forEachLine(block, (from, to) => {
      if (quote !== -1 && quote < from) quote = block.indexOf('"', from);
      const hasQuote = quote !== -1 && quote < to;
      if (open !== undefined) {
        open += `\n${block.slice(from, to)}`;
        if (hasQuote && quoteCount(block, from, to) % 2 === 1) {
          quotedRecords.push(open);
          open = undefined;
        }
      } else if (!hasQuote) {
        order.push(from, to);
      } else {
        order.push(-1, quotedRecords.length);
        if (quoteCount(block, from, to) % 2 === 0) quotedRecords.push(block.slice(from, to));
        else open = block.slice(from, to);
      }
    });
    if (open !== undefined) quotedRecords.push(open);
    const parsed = Papa.parse<string[]>(quotedRecords.join('\n'), { delimiter: delim, newline: '\n', header: false, skipEmptyLines: false }).data;
    if (parsed.length !== quotedRecords.length) {
      // Stray quotes made the records differ from papaparse's reading: let it read the block.
      for (const row of Papa.parse<string[]>(block, { delimiter: delim, header: false, skipEmptyLines: false }).data) onRow(arrayRow.of(row));
      return;
    }
    for (let k = 0; k < order.length; k += 2) {
      const from = order[k]!;
      onRow(from === -1 ? arrayRow.of(parsed[order[k + 1]!]!) : lineRow.of(block, from, order[k + 1]!, delim));
    }
  };

  try {
    for (;;) {
      let read: number;
      try {
        read = readSync(fd, buffer, 0, READ_BYTES, null);
      } catch (err) {
        throw new InputError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      }
      let text: string;
      try {
        text = read === 0 ? decoder.decode() : decoder.decode(buffer.subarray(0, read), { stream: true });
      } catch {
        throw decodeError(file, bytesSeen);
      }
      bytesSeen += read;
      onBytes?.(bytesSeen, total);
      if (read === 0) {
        pending += text;
        if (pending.endsWith('\n')) pending = pending.slice(0, -1);
        if (pending.endsWith('\r')) pending = pending.slice(0, -1);
        if (pending !== '') parseBlock(pending);
        return Promise.resolve();
      }
      // The last newline of `pending + text` that lies outside quotes ends this block.
      const start = pending.length;
      pending += text;
      let cut = -1;
      if (!text.includes('"') && !inQuotes) {
        cut = pending.lastIndexOf('\n');
      } else {
        // A newline outside quotes has even parity, so what follows the cut has the end's
        // parity. Jump from quote to quote (indexOf), looking for newlines only between them.
        let quoted: boolean = inQuotes;
        let from = start;
        for (;;) {
          const q = pending.indexOf('"', from);
          const end = q === -1 ? pending.length : q;
          if (!quoted && end > from) {
            const nl = pending.lastIndexOf('\n', end - 1);
            if (nl >= from) cut = nl;
          }
          if (q === -1) break;
          quoted = !quoted;
          from = q + 1;
        }
        inQuotes = quoted;
      }
      if (cut === -1) continue;
      let block = pending.slice(0, cut);
      if (block.endsWith('\r')) block = block.slice(0, -1);
      pending = pending.slice(cut + 1);
      parseBlock(block);
    }
  } catch (err) {
    return Promise.reject(err);
  } finally {
    closeSync(fd);
  }
}

/** Each line of a block as [from, to) offsets, without its line break (\n or \r\n). */
function forEachLine(block: string, each: (from: number, to: number) => void): void {
  let from = 0;
  for (;;) {
    const end = block.indexOf('\n', from);
    const stop = end === -1 ? block.length : end;
    each(from, stop > from && block.charCodeAt(stop - 1) === 13 ? stop - 1 : stop);
    if (end === -1) return;
    from = end + 1;
  }
}

function quoteCount(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('"', from); i !== -1 && i < to; i = text.indexOf('"', i + 1)) n++;
  return n;
}

/**
 * One row of the file, read where it is: cells are sliced, and numbers parsed, only when asked
 * for (a million rows of ten cells would otherwise be ten million strings, most never used).
 */
export interface CsvRow {
  readonly length: number;
  cell(i: number): string;
  /** The cell as parseCell reads it: undefined when empty, null when not a number. */
  number(i: number): number | undefined | null;
  cells(): string[];
  /** Line breaks inside the row's quoted cells. */
  breaks(): number;
}

/** A line without quotes: cells are the text between delimiters. Reused for every line. */
class LineRow implements CsvRow {
  length = 0;
  private text = '';
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);

  // The last delimiter search, reused while it lies ahead: on a line without a delimiter the
  // search runs on into later lines, and must not run again for each of them.
  private found = -1;
  private foundFrom = -1;

  of(text: string, from: number, to: number, delimiter: string): this {
    if (text !== this.text) this.foundFrom = -1;
    this.text = text;
    let count = 0;
    for (let pos = from; ; count++) {
      if (count === this.starts.length) this.grow();
      this.starts[count] = pos;
      if (this.foundFrom === -1 || pos < this.foundFrom || (this.found !== -1 && this.found < pos)) {
        this.foundFrom = pos;
        this.found = text.indexOf(delimiter, pos);
      }
      const d = this.found;
      if (d === -1 || d >= to) {
        this.ends[count] = to;
        break;
      }
      this.ends[count] = d;
      pos = d + delimiter.length;
    }
    this.length = count + 1;
    return this;
  }

  private grow(): void {
    const starts = new Int32Array(this.starts.length * 2);
    const ends = new Int32Array(this.ends.length * 2);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }

  cell(i: number): string {
    return this.text.slice(this.starts[i], this.ends[i]);
  }

  number(i: number): number | undefined | null {
    const start = this.starts[i]!;
    const end = this.ends[i]!;
    if (start === end) return undefined;
    // parseCell's own fast path, without slicing: a bare decimal integer of up to 15 digits.
    if (end - start < 16) {
      let value = 0;
      for (let k = start; k < end; k++) {
        const digit = this.text.charCodeAt(k) - 48;
        if (digit < 0 || digit > 9) return parseCell(this.cell(i));
        value = value * 10 + digit;
      }
      return value;
    }
    return parseCell(this.cell(i));
  }

  cells(): string[] {
    return Array.from({ length: this.length }, (_, i) => this.cell(i));
  }

  breaks(): number {
    return 0;
  }
}

/** A row papaparse read (it had quotes). */
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

/**
 * Rows whose id repeats an earlier row's get a -2, -3… suffix (row order). An open-addressing
 * table of 32-bit hashes finds the rows whose hash was seen before; only those few have their
 * ids compared as strings (no Map of a million strings).
 */
function renameDuplicateIds(ids: StringColumn): Map<number, string> {
  const n = ids.length;
  let size = 1;
  while (size < n * 2) size <<= 1;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1); // first row of each distinct hash
  const hashes = ids.hashArray();
  const suspects: number[] = []; // rows whose hash an earlier row already had
  for (let row = 0; row < n; row++) {
    const h = hashes[row]!;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const other = slots[slot]!;
      if (other === -1) {
        slots[slot] = row;
        break;
      }
      if (hashes[other] === h) {
        suspects.push(row);
        break;
      }
    }
  }
  const renamed = new Map<number, string>();
  if (suspects.length === 0) return renamed;
  // Count, in row order, among the rows of the suspect hashes.
  const suspectHashes = new Set(suspects.map((row) => hashes[row]!));
  const counts = new Map<string, number>();
  for (let row = 0; row < n; row++) {
    if (!suspectHashes.has(hashes[row]!)) continue;
    const id = ids.get(row);
    const count = (counts.get(id) ?? 0) + 1;
    counts.set(id, count);
    if (count > 1) renamed.set(row, `${id}-${count}`);
  }
  return renamed;
}

function decodeError(file: string, byteOffset: number): InputError {
  return new InputError(
    `${file}: the bytes after offset ${byteOffset} are not valid in this encoding; ` +
      'exports from Excel in China are often GB18030: try --encoding gb18030 (or the encoding the file was saved in)',
  );
}


/** The cells of some rows of a client CSV, as a plan needs them (kam import). */
export interface ClientRowCells {
  /** The physical line the row starts on. */
  line: number;
  id?: string;
  name: string;
  revenue: Record<string, number>;
  wallet?: number;
  assessment: Record<string, number>;
  metrics: Record<string, number>;
  /** Text columns a plan can take as they are: industry, region, owner. */
  text: Partial<Record<'industry' | 'region' | 'owner', string>>;
}

/**
 * A second pass over a file that scoreClientData already read (with keepRowOrdinals):
 * the cells of the rows whose ordinals are given, keyed by ordinal.
 */
export async function readClientRows(file: string, cwd: string, config: KamConfig, encoding: string, ordinals: ReadonlySet<number>): Promise<Map<number, ClientRowCells>> {
  const path = resolve(cwd, file);
  const decoder = new TextDecoder(encoding, { fatal: true });
  const found = new Map<number, ClientRowCells>();
  let columns: ColumnPlan | undefined;
  let header: string[] = [];
  let ordinal = -1;
  let line = 0;
  const number = (cell: string | undefined) => {
    const v = parseCell(cell);
    return typeof v === 'number' ? v : undefined;
  };
  await parseStream(path, decoder, file, (csvRow) => {
    ordinal++;
    const startLine = line + 1;
    line = startLine + csvRow.breaks();
    if (!columns && csvRow.length === 1 && csvRow.cell(0).trim() === '') return;
    if (columns && !ordinals.has(ordinal)) return;
    const row = csvRow.cells();
    if (!columns) {
      columns = planColumns(row, config);
      const mapped = new Map(Object.entries(config.data.columns).map(([from, to]) => [normalizeHeader(from), to]));
      header = row.map((raw) => normalizeHeader(mapped.get(normalizeHeader(raw)) ?? raw));
      return;
    }
    const cells: ClientRowCells = { line: startLine, name: columns.name !== undefined ? row[columns.name]!.trim() : '', revenue: {}, assessment: {}, metrics: {}, text: {} };
    if (columns.id !== undefined && row[columns.id]!.trim() !== '') cells.id = row[columns.id]!.trim();
    for (const [year, column] of columns.revenue) {
      const v = number(row[column]);
      if (v !== undefined) cells.revenue[String(year)] = v;
    }
    if (columns.wallet !== undefined) {
      const v = number(row[columns.wallet]);
      if (v !== undefined) cells.wallet = v;
    }
    config.criteria.forEach((criterion, i) => {
      const column = columns!.custom[i];
      const m = /^(assessment|metrics)\.(.+)$/.exec(criterion.input);
      if (column === undefined || !m) return;
      const v = number(row[column]);
      if (v !== undefined) cells[m[1] as 'assessment' | 'metrics'][m[2]!] = v;
    });
    for (const key of ['industry', 'region', 'owner'] as const) {
      const column = header.indexOf(key);
      const value = column === -1 ? '' : (row[column] ?? '').trim();
      if (value !== '') cells.text[key] = value;
    }
    found.set(ordinal, cells);
  });
  return found;
}
