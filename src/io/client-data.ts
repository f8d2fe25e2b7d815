// `kam score --data <file>`: streams a client's CRM export (CSV in any encoding, or a
// workbook), keeps only what ranking needs (a few typed columns, ids and names), and scores
// the rows with the model of the workspace or the built-in one.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync, openSync, closeSync, readSync, fstatSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { isClientHeader, planColumns, TEXT_FIELDS, type ColumnPlan, type TextField } from '../core/client-columns.js';
import type { KamConfig } from '../core/config.js';
import { reportConfig, type ScoreFilter, type ScoreReport } from '../core/score-report.js';
import {
  computeScores,
  emptyTierCounts,
  tierIndexes,
  criterionScores,
  percentileBases,
  revenueFigures,
  tierFor,
  type InputTable,
  type ScoredAccount,
} from '../core/scoring.js';
import { InputError } from '../errors.js';
import { escapeText } from '../format/escape.js';
import { blankRow, canSplit, openTable, readTable, type CsvSource, type OpenedTable, type TableSource } from '../tabular/index.js';
import { codesOf, decideDecimal, mergeEvidence, placeText, type DecimalMark, type NumberEvidence } from '../tabular/numbers.js';
import { DataInputError, listOf, say, text, type Text } from '../tabular/messages.js';
import { columnNotes, readRowsPart, takeParts, transferablesOf, type BadRow, type ClientRowsPart, type PartJob, type PartsJob, type PartsReply } from './client-rows.js';
import { concatFloat64, Utf8Parts } from './columns.js';
import { releaseArrays } from './release-memory.js';
import { rankOrder } from './rank-order.js';
import { columnarRows } from './score-export.js';
import { registerColumnarRows } from '../format/score/columnar.js';

export interface ClientDataOptions {
  filter: ScoreFilter;
  explain?: string | undefined;
  /** Cap on shown rows when no filter asks for more (human table). */
  tableLimit?: number | undefined;
  /** --encoding, when given (else kam.yaml data.encoding, else a BOM, else UTF-8). */
  encoding?: string | undefined;
  /** --decimal, when given (else kam.yaml data.decimal, else what the file settles). */
  decimal?: DecimalMark | undefined;
  /** --sheet of a workbook. */
  sheet?: string | undefined;
  /** The currency of the workspace's kam.yaml (none outside a workspace): amounts marked with another are refused. */
  currency?: string | undefined;
  /** Any bad row is fatal (exit 2) instead of being skipped. */
  strict: boolean;
  /** Keep each shown row's ordinal, so that readClientRows can fetch its cells (kam import). */
  keepRowOrdinals?: boolean;
  /** Called with the bytes read so far (a progress bar). */
  onBytes?: (bytes: number, total: number) => void;
}

/** The table as it was read: readClientRows reads it again the same way. */
export interface ReadTable {
  source: TableSource;
  header: string[];
  mark: DecimalMark;
}

export interface ClientDataResult {
  report: ScoreReport;
  /** The explained account, when --explain named one. */
  explained?: ScoredAccount;
  notes: string[];
  table: ReadTable;
  /** With keepRowOrdinals: the shown rows, in rank order, with their ordinal among the file's rows. */
  selected?: { ordinal: number; account: ScoredAccount }[];
  /** Every row's latest revenue and tier index (-1: none): the portfolio figures of a report. */
  portfolio: { revenues: Float64Array; tierIndex: Int32Array };
  /** The rows skipped (bad rows, totals rows), for a report to say so. */
  skipped?: { bad: readonly BadRow[]; totals: readonly { line: number; text: string }[] };
}

const MAX_LISTED_BAD_ROWS = 20;
/** Below this size a second thread costs more (its start-up) than it saves. */
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;
/** The size of the parts that threads take (KAM_PART_BYTES: smaller, for tests on small files). */
const PART_BYTES = 8 * 1024 * 1024;

function partBytes(env = process.env): number {
  const wanted = Number(env.KAM_PART_BYTES);
  return Number.isInteger(wanted) && wanted >= 1024 ? wanted : PART_BYTES;
}
const MAX_THREADS = 4;

/** What ranking needs of each row: the parts as read, their ids and names seen as one. */
interface RowColumns {
  parts: ClientRowsPart[];
  ids: Utf8Parts;
  names: Utf8Parts;
  latest: Float64Array;
  ordinals: Float64Array;
}

/**
 * Reads the table's rows into columns. A large UTF-8 CSV is cut at line starts into parts that
 * the main thread and workers read with the same code (client-rows.ts). A cut is assumed to be
 * outside quotes; each part reports whether it ended inside quotes (then the next one started
 * inside a quoted field, and the two are read again as one).
 */
async function readRowColumns(table: ReadTable, size: number, config: KamConfig, options: ClientDataOptions): Promise<ReturnType<typeof mergeParts>> {
  const job: PartJob = {
    source: table.source,
    config: { criteria: config.criteria, data: config.data, missing: config.missing, tiers: config.tiers, ...(config.ids !== undefined ? { ids: config.ids } : {}) },
    header: table.header,
    mark: table.mark,
    start: 0,
    end: size,
    keepOrdinals: options.keepRowOrdinals ?? false,
  };
  const onBytes = options.onBytes;
  let parts: ClientRowsPart[] | undefined;
  const source = table.source;
  const threads = canSplit(source) ? csvThreads(size) : 1;
  if (threads > 1 && canSplit(source)) parts = await readPartsOnThreads({ ...job, source }, threads, onBytes);
  parts ??= [await readRowsPart(job, onBytes && ((bytes) => onBytes(bytes, size)))];
  if (process.env.KAM_DEBUG === '1') process.stderr.write(`kam: read ${escapeText(source.file)} in ${parts.length} part(s)\n`);
  return mergeParts(parts);
}

function csvThreads(size: number, env = process.env): number {
  if (size < (env.KAM_PART_BYTES ? 2 * partBytes(env) : PARALLEL_MIN_BYTES)) return 1;
  const wanted = Number(env.KAM_THREADS);
  if (Number.isInteger(wanted) && wanted >= 1) return Math.min(wanted, 16);
  return Math.min(availableParallelism(), MAX_THREADS);
}

/**
 * The file in parts of PART_BYTES, taken by the main thread and workers from one counter, so
 * that a worker that starts late (it loads kam's code first) simply takes fewer.
 */
async function readPartsOnThreads(
  job: PartJob & { source: CsvSource },
  threads: number,
  onBytes: ((bytes: number, total: number) => void) | undefined,
): Promise<ClientRowsPart[] | undefined> {
  // The worker is a file of the bundle (dist/csv-worker.js); run from source there is none.
  const workerFile = new URL('./csv-worker.js', import.meta.url);
  if (!existsSync(fileURLToPath(workerFile))) return undefined;
  const bounds = [0];
  const part = partBytes();
  const fd = openSync(job.source.path, 'r');
  try {
    for (let at = part; at < job.end - part / 4; at += part) {
      const cut = nextLineStart(fd, at);
      if (cut > bounds[bounds.length - 1]! && cut < job.end) bounds.push(cut);
    }
  } finally {
    closeSync(fd);
  }
  bounds.push(job.end);
  if (bounds.length < 3) return undefined;
  const work: PartsJob = { job, bounds, next: new SharedArrayBuffer(4) };
  const workers = Array.from({ length: threads - 1 }, () => {
    const worker = new Worker(workerFile, { workerData: work });
    const reply = new Promise<PartsReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    return { worker, reply };
  });
  try {
    const found: ClientRowsPart[] = [];
    let done = 0;
    for (const [k, part] of takeParts(work, onBytes && (() => onBytes(bounds[Math.min(++done, bounds.length - 1)]!, job.end)))) found[k] = part;
    for (const { reply } of workers) {
      const answer = await reply;
      if ('error' in answer) throw answer.text !== undefined ? new DataInputError(answer.text) : new InputError(answer.error);
      for (const [k, part] of answer.parts) found[k] = part;
    }
    // Each part but the first started where a line starts, which is where a record starts only
    // when the part before it (itself started right) ended outside quotes. When it did not, the
    // cut fell inside a quoted field: the two parts are read again as one, from the first's start.
    const parts = found.map((part, k) => ({ part, start: bounds[k]!, end: bounds[k + 1]! }));
    for (let k = 1; k < parts.length; ) {
      const before = parts[k - 1]!;
      if (!before.part.endsInQuotes) {
        k++;
        continue;
      }
      const merged = { start: before.start, end: parts[k]!.end };
      parts.splice(k - 1, 2, { ...merged, part: await readRowsPart({ ...job, ...merged }) });
    }
    return parts.map((p) => p.part);
  } finally {
    for (const { worker } of workers) void worker.terminate();
  }
}

/** The offset just after the first newline at or after `offset` (-1: none within 1 MiB). */
function nextLineStart(fd: number, offset: number): number {
  const chunk = Buffer.allocUnsafe(1 << 16);
  for (let at = offset; at < offset + (1 << 20); at += chunk.length) {
    const read = readSync(fd, chunk, 0, chunk.length, at);
    if (read === 0) return -1;
    const lf = chunk.subarray(0, read).indexOf(10);
    if (lf !== -1) return at + lf + 1;
  }
  return -1;
}

/**
 * A column of the parts as one array. Each part's column then becomes a view of it, and its own
 * memory (when no other array of the part is on it) is released at once: else every merged
 * column would be held twice until V8 collects the parts' arrays (measured: ~20 MiB of peak
 * memory on a million rows, more with percentiles, whose inputs are merged too).
 */
function mergeColumn<T extends Float64Array | Int32Array>(parts: ClientRowsPart[], get: (part: ClientRowsPart) => T, set: (part: ClientRowsPart, view: T) => void, create: (length: number) => T): T {
  const columns = parts.map(get);
  if (columns.length === 1) return columns[0]!;
  const all = create(columns.reduce((sum, c) => sum + c.length, 0));
  let at = 0;
  parts.forEach((part, k) => {
    const column = columns[k]!;
    all.set(column, at);
    set(part, all.subarray(at, at + column.length) as T);
    at += column.length;
  });
  const stillUsed = new Set(parts.flatMap(transferablesOf));
  releaseArrays(columns.filter((c) => !stillUsed.has(c.buffer as ArrayBuffer)), 1 << 16);
  return all;
}

/** The parts' columns as one, lines and ordinals counted from the file's start. */
function mergeParts(parts: ClientRowsPart[]): { store: RowColumns; bad: BadRow[]; totals: { line: number; text: string }[]; evidence: NumberEvidence } {
  const ids = new Utf8Parts(parts.map((p) => p.ids));
  const names = new Utf8Parts(parts.map((p) => p.names));
  const bad: BadRow[] = [];
  const totals: { line: number; text: string }[] = [];
  const evidence: NumberEvidence[] = [];
  let lineOffset = 0;
  let ordinalOffset = 0;
  const ordinals: Float64Array[] = [];
  for (const part of parts) {
    for (const b of part.bad) bad.push({ ...b, line: b.line + lineOffset });
    for (const t of part.totals) totals.push({ ...t, line: t.line + lineOffset });
    evidence.push(shiftLines(part.evidence, lineOffset));
    ordinals.push(ordinalOffset === 0 ? part.ordinals : part.ordinals.map((o) => o + ordinalOffset));
    lineOffset += part.lines;
    ordinalOffset += part.rowsSeen;
  }
  return {
    store: { parts, ids, names, latest: mergeColumn(parts, (p) => p.latest, (p, view) => (p.latest = view), (n) => new Float64Array(n)), ordinals: concatFloat64(ordinals) },
    bad,
    totals,
    evidence: mergeEvidence(evidence),
  };
}

function shiftLines(evidence: NumberEvidence, by: number): NumberEvidence {
  if (by === 0) return evidence;
  const shifted: NumberEvidence = { ...evidence };
  for (const key of ['firstPoint', 'firstComma', 'firstAmbiguous'] as const) {
    const place = evidence[key];
    if (place) shifted[key] = { ...place, line: place.line + by };
  }
  for (const key of ['currency', 'otherCurrency'] as const) {
    const seen = evidence[key];
    if (seen) shifted[key] = { symbol: seen.symbol, at: { ...seen.at, line: seen.at.line + by } };
  }
  return shifted;
}

/** Opens the client's file as a table whose header kam can read. */
async function openClientTable(path: string, file: string, config: KamConfig, options: ClientDataOptions): Promise<{ opened: OpenedTable; header: string[]; columns: ColumnPlan }> {
  const opened = await openTable(path, file, {
    encoding: { flag: options.encoding, config: config.data.encoding },
    sheet: options.sheet,
    isHeader: (cells) => isClientHeader(cells, config),
  });
  const header = opened.header;
  const where = opened.source.kind === 'sheet' ? text('data.where.sheet', { file, sheet: opened.source.sheet }) : file;
  if (!header) throw new DataInputError(text('data.table-empty', { where }));
  const columns = planColumns(header, config);
  if (columns.id === undefined && columns.name === undefined) {
    throw new DataInputError(text('data.no-id-column', { where, header: listOf(header) }));
  }
  if (columns.conflicts.length > 0) {
    const conflicts = columns.conflicts.map((c) => text('data.columns-conflict.field', { field: c.field, headers: listOf(c.headers.map((h) => text('data.quoted', { text: h })), 'data.list.and') }));
    const first = columns.conflicts[0]!;
    throw new DataInputError(text('data.columns-conflict', { where, conflicts: listOf(conflicts, 'data.list.semicolon'), header: first.headers[0]!, field: first.field }));
  }
  return { opened, header, columns };
}

/** The hint after a list of bad rows: what to do about the reasons seen. */
function badRowsHint(bad: readonly BadRow[], mark: DecimalMark): Text | undefined {
  const kinds = new Set(bad.map((b) => b.kind));
  const hints: Text[] = [];
  if (kinds.has('other-mark')) hints.push(text(mark === '.' ? 'data.hint.decimal-comma' : 'data.hint.decimal-point'));
  if (kinds.has('not-a-number')) hints.push(text('data.hint.not-a-number'));
  if (kinds.has('width')) hints.push(text('data.hint.width'));
  if (kinds.has('negative')) hints.push(text('data.hint.negative'));
  return hints.length > 0 ? text('data.bad-rows.hint', { hints: listOf(hints, 'data.list.semicolon') }) : undefined;
}

export async function scoreClientData(file: string, cwd: string, config: KamConfig, options: ClientDataOptions): Promise<ClientDataResult> {
  const path = resolve(cwd, file);
  const criteria = config.criteria;
  const notes: string[] = [];
  const { opened, header, columns } = await openClientTable(path, file, config, options);
  notes.push(...opened.notes);
  const source = opened.source;
  const asked = options.decimal ?? config.data.decimal;
  const delimiter = source.kind === 'csv' ? source.delimiter : undefined;
  const fileSize = source.kind === 'csv' ? statSize(path) : 0;
  // Read with the mark the delimiter suggests; when the cells settle on the other one, read again with it.
  const first: ReadTable = { source, header, mark: asked ?? (delimiter === ';' ? ',' : '.') };
  let tableRead = first;
  let read = await readRowColumns(first, fileSize, config, options);
  const decision = decideDecimal(file, read.evidence, asked, delimiter);
  if ('error' in decision) throw new DataInputError(decision.text);
  if (decision.mark !== first.mark) {
    tableRead = { ...first, mark: decision.mark };
    read = await readRowColumns(tableRead, fileSize, config, options);
  }
  if (decision.note !== undefined) notes.push(decision.note);
  checkCurrency(file, read.evidence, options.currency);
  const { store, bad } = read;
  for (const t of read.totals.slice(0, 5)) notes.push(say(text('data.note.totals-row', { file, line: t.line, text: t.text })));

  notes.push(...columnNotes(columns, header));
  const renamed = renameDuplicateIds(store.ids);
  if (renamed.size > 0) notes.push(say(text('data.note.repeated-ids', { count: renamed.size })));
  const idOf = (row: number) => renamed.get(row) ?? store.ids.get(row);
  if (bad.length > 0) {
    const detail = bad.slice(0, MAX_LISTED_BAD_ROWS).map((b) =>
      b.ref !== undefined ? text('data.bad-row.cell', { file, ref: b.ref, reason: b.reason }) : text('data.bad-row.line', { file, line: b.line, reason: b.reason }),
    );
    const more = bad.length > MAX_LISTED_BAD_ROWS ? [text('data.bad-rows.more', { count: bad.length - MAX_LISTED_BAD_ROWS })] : [];
    const hint = badRowsHint(bad, tableRead.mark);
    const listed = [...detail, ...more, ...(hint ? [hint] : [])];
    const indented = listOf(listed, 'lines');
    if (store.ids.length === 0) throw new DataInputError(text('data.all-rows-bad', { file, count: bad.length, rows: indented }));
    if (options.strict) throw new DataInputError(text('data.bad-rows.strict', { file, count: bad.length, rows: indented }));
    notes.push(say(text('data.note.bad-rows', { file, count: bad.length })), ...listed.map((line) => `  ${say(line)}`));
  }
  if (store.ids.length === 0) throw new DataInputError(text('data.no-data-rows', { file }));

  const size = store.ids.length;
  // The parts scored their rows when the model scores each account alone; else (percentiles)
  // every row is scored here, over all the inputs together.
  const parts = store.parts;
  let table: InputTable | undefined;
  let bases: (Float64Array | null)[] = criteria.map(() => null);
  let scores: Float64Array;
  let tierIndex: Int32Array;
  if (parts.every((p) => p.scores && p.tierIndex)) {
    scores = mergeColumn(parts, (p) => p.scores!, (p, view) => (p.scores = view), (n) => new Float64Array(n));
    tierIndex = mergeColumn(parts, (p) => p.tierIndex!, (p, view) => (p.tierIndex = view), (n) => new Int32Array(n));
  } else {
    const input = (i: number) => mergeColumn(parts, (p) => p.inputs[i]!, (p, view) => (p.inputs[i] = view), (n) => new Float64Array(n));
    table = { size, inputs: criteria.map((_, i) => input(i)) };
    bases = percentileBases(table, criteria);
    scores = computeScores(table, config, bases);
    tierIndex = tierIndexes(scores, config.tiers);
  }
  /** One row's inputs, as a table of that row alone when the inputs were not put together. */
  const tableOf = (row: number): [InputTable, number] => {
    if (table) return [table, row];
    let k = 0;
    while (row >= parts[k]!.latest.length) row -= parts[k++]!.latest.length;
    return [{ size: 1, inputs: parts[k]!.inputs.map((column) => Float64Array.of(column[row]!)) }, 0];
  };
  const latest = store.latest;

  const tierCounts = emptyTierCounts(config.tiers);
  const counts = new Float64Array(config.tiers.length);
  for (let row = 0; row < size; row++) {
    const k = tierIndex[row]!;
    if (k >= 0) counts[k]!++;
  }
  config.tiers.forEach((tier, k) => (tierCounts[tier.id] = counts[k]!));

  const wanted = options.filter.tiers ? new Set(options.filter.tiers.map((t) => config.tiers.findIndex((k) => k.id === t))) : undefined;
  const limit = options.filter.top ?? options.tableLimit;
  const keep = (row: number) => !wanted || wanted.has(tierIndex[row]!);
  let order: Uint32Array;
  let rankOf: (row: number) => number;
  if (limit !== undefined && limit < BOUNDED_SELECTION) {
    order = rankRows(scores, idOf, keep, limit);
    rankOf = rankPositions(scores, idOf, order, wanted === undefined);
  } else {
    // Every row ranked (score-export.ts: a native sort of the scores, ids decoded only for ties).
    const all = rankOrder(scores, store.ids, renamed);
    const ranks = new Uint32Array(size);
    for (let i = 0; i < size; i++) ranks[all[i]!] = i + 1;
    rankOf = (row) => ranks[row]!;
    order = wanted ? all.filter(keep) : all;
    if (limit !== undefined && order.length > limit) order = order.subarray(0, limit);
  }
  const name = (row: number) => store.names.get(row) || idOf(row);

  const materialize = (row: number): ScoredAccount => {
    const [rowTable, at] = tableOf(row);
    const criteriaScores = criterionScores(rowTable, config, at, bases);
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
    total: size,
    summary: { accounts: size, tiers: tierCounts, ...revenueFigures(latest) },
    config: reportConfig(config),
  };
  registerColumnarRows(report, columnarRows({
    criteria,
    missing: config.missing,
    tiers: config.tiers,
    order,
    rankOf,
    scores,
    tierIndex,
    inputs: table ? [table.inputs] : parts.map((p) => p.inputs),
    firsts: table ? [0] : partFirsts(parts),
    bases,
    ids: store.ids,
    renamed,
    names: store.names,
  }));
  const result: ClientDataResult = { report, notes, table: tableRead, portfolio: { revenues: latest, tierIndex }, ...(bad.length + read.totals.length > 0 ? { skipped: { bad, totals: read.totals } } : {}) };
  if (options.keepRowOrdinals) {
    const ordinals = store.ordinals;
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

/** The first row of each part. */
function partFirsts(parts: readonly ClientRowsPart[]): number[] {
  const firsts: number[] = [];
  let at = 0;
  for (const part of parts) {
    firsts.push(at);
    at += part.latest.length;
  }
  return firsts;
}

/** Below this --top (or table limit), the best rows are selected without ranking every row. */
const BOUNDED_SELECTION = 10_000;

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
  if (limit !== undefined && limit < BOUNDED_SELECTION) {
    const best: number[] = [];
    let worst = -Infinity; // the score of the last kept row, once `limit` rows are kept
    for (let row = 0; row < scores.length; row++) {
      if (scores[row]! < worst || !keep(row)) continue;
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
      if (best.length === limit) worst = scores[best[best.length - 1]!]!;
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

/**
 * Rows whose id repeats an earlier row's get a -2, -3… suffix (row order). The rows are first
 * grouped by the top 8 bits of their id's 32-bit hash (keeping row order), so that each group's
 * table of hashes stays in the processor's cache; only the rows whose hash another row shares
 * have their ids compared as strings (no Map of a million strings).
 */
function renameDuplicateIds(ids: Utf8Parts): Map<number, string> {
  const n = ids.length;
  const hashes = ids.hashArray();
  const starts = new Uint32Array(257);
  for (let row = 0; row < n; row++) starts[(hashes[row]! >>> 24) + 1]!++;
  for (let g = 0; g < 256; g++) starts[g + 1]! += starts[g]!;
  const grouped = new Uint32Array(n); // row indexes, by group, in row order within a group
  const at = starts.slice(0, 256);
  for (let row = 0; row < n; row++) grouped[at[hashes[row]! >>> 24]!++] = row;

  const shared: number[] = []; // rows whose hash another row has
  let table = new Int32Array(0);
  for (let g = 0; g < 256; g++) {
    const from = starts[g]!;
    const to = starts[g + 1]!;
    let size = 16;
    while (size < (to - from) * 2) size <<= 1;
    if (table.length < size * 2) table = new Int32Array(size * 2);
    // Per slot: the first row with that hash, and whether a second one was seen.
    table.fill(-1, 0, size * 2);
    const mask = size - 1;
    for (let k = from; k < to; k++) {
      const row = grouped[k]!;
      const h = hashes[row]!;
      for (let slot = h & mask; ; slot = (slot + 1) & mask) {
        const first = table[2 * slot]!;
        if (first === -1) {
          table[2 * slot] = row;
          break;
        }
        if (hashes[first] === h) {
          if (table[2 * slot + 1] === -1) {
            table[2 * slot + 1] = 1;
            shared.push(first);
          }
          shared.push(row);
          break;
        }
      }
    }
  }
  const renamed = new Map<number, string>();
  if (shared.length === 0) return renamed;
  // Count, in row order, among the rows of the shared hashes.
  shared.sort((x, y) => x - y);
  const counts = new Map<string, number>();
  for (const row of shared) {
    const id = ids.get(row);
    const count = (counts.get(id) ?? 0) + 1;
    counts.set(id, count);
    if (count > 1) renamed.set(row, `${id}-${count}`);
  }
  return renamed;
}

/** The cells of some rows of a client table, as a plan needs them (kam import). */
export interface ClientRowCells {
  /** Where the row starts: its line (CSV) or row number (sheet). */
  line: number;
  name: string;
  revenue: Record<string, number>;
  wallet?: number;
  assessment: Record<string, number>;
  metrics: Record<string, number>;
  /** Text columns a plan can take as they are: industry, region, owner. */
  text: Partial<Record<TextField, string>>;
}

/**
 * A second pass over a table that scoreClientData already read (with keepRowOrdinals), the same
 * way (same sheet, encoding and decimal mark): `visit` sees each row whose ordinal is given, with
 * the line it starts on (rows before the header, and the header, are not counted as data).
 */
export async function forEachChosenRow(table: ReadTable, ordinals: ReadonlySet<number>, visit: (row: Parameters<Parameters<typeof readTable>[2]>[0], ordinal: number, startLine: number) => void): Promise<void> {
  let headerSeen = false;
  let ordinal = -1;
  let line = 0;
  await readTable(table.source, table.mark, (row) => {
    ordinal++;
    const startLine = line + 1;
    line = startLine + row.breaks();
    if (!headerSeen) {
      headerSeen = !blankRow(row);
      return;
    }
    if (ordinals.has(ordinal)) visit(row, ordinal, startLine);
  });
}

/** The cells of the rows whose ordinals are given (as forEachChosenRow reads them), keyed by ordinal. */
export async function readClientRows(table: ReadTable, config: KamConfig, ordinals: ReadonlySet<number>): Promise<Map<number, ClientRowCells>> {
  const found = new Map<number, ClientRowCells>();
  const columns = planColumns(table.header, config);
  await forEachChosenRow(table, ordinals, (row, ordinal, startLine) => {
    const number = (column: number) => {
      const v = row.number(column);
      return typeof v === 'number' ? v : undefined;
    };
    const cells: ClientRowCells = { line: startLine, name: columns.name !== undefined ? row.cell(columns.name).trim() : '', revenue: {}, assessment: {}, metrics: {}, text: {} };
    for (const [year, column] of columns.revenue) {
      const v = number(column);
      if (v !== undefined) cells.revenue[String(year)] = v;
    }
    if (columns.wallet !== undefined) {
      const v = number(columns.wallet);
      if (v !== undefined) cells.wallet = v;
    }
    config.criteria.forEach((criterion, i) => {
      const column = columns.custom[i];
      const m = /^(assessment|metrics)\.(.+)$/.exec(criterion.input);
      if (column === undefined || !m) return;
      const v = number(column);
      if (v !== undefined) cells[m[1] as 'assessment' | 'metrics'][m[2]!] = v;
    });
    for (const key of TEXT_FIELDS) {
      const column = columns.text[key];
      const value = column === undefined ? '' : row.cell(column).trim();
      if (value !== '') cells.text[key] = value;
    }
    found.set(ordinal, cells);
  });
  return found;
}

/** Refuses amounts marked with two currencies, or with another than the workspace's. */
function checkCurrency(file: string, evidence: NumberEvidence, currency: string | undefined): void {
  const seen = evidence.currency;
  if (!seen) return;
  const other = evidence.otherCurrency;
  if (other) {
    throw new DataInputError(text('data.currency.two', { first: placeText(file, seen.at), symbol: seen.symbol, second: placeText(undefined, other.at), other: other.symbol }));
  }
  if (currency !== undefined && !codesOf(seen.symbol).includes(currency.toUpperCase())) {
    throw new DataInputError(text('data.currency.not-workspace', { file, place: placeText(file, seen.at), symbol: seen.symbol, currency }));
  }
}

function statSize(path: string): number {
  const fd = openSync(path, 'r');
  try {
    return fstatSync(fd).size;
  } finally {
    closeSync(fd);
  }
}
