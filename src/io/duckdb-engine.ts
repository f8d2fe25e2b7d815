// `kam score --data --engine duckdb` and `kam import --engine duckdb` (issue 21, item 4): the model
// of kam.yaml compiled by src/sql/ and run by embedded DuckDB over the file itself (read_csv,
// read_parquet), for files past what kam's own engine holds in memory. DuckDB is loaded here only,
// by a dynamic import, when this engine runs.
//
// DuckDB reads plain files only: what kam's reader does beyond that (encodings, decimal commas,
// currency signs, grouped or signed-after numbers, totals rows, bad rows skipped with a note, ids
// slugged from names, repeated ids renamed) is not replicated. A file that needs any of it is left to
// kam's engine by `auto`, and refused by `--engine duckdb` with the reason: never different numbers.
// The CSV output is written by DuckDB itself (each line formatted in SQL exactly as kam's csvCell
// and JavaScript's number text write it), read in chunks and written with backpressure. docs/engines.md.
import { availableParallelism, tmpdir } from 'node:os';
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { resolve, join } from 'node:path';
import type { DuckDBBlobVector, DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { isClientHeader, planColumns } from '../core/client-columns.js';
import type { KamConfig } from '../core/config.js';
import { reportConfig, type ScoreFilter, type ScoreReport } from '../core/score-report.js';
import { revenueFigures, type ScoredAccount } from '../core/scoring.js';
import { UsageError } from '../errors.js';
import { msg, t } from '../i18n/index.js';
import { compilePortfolio, scoredCtes } from '../sql/compile.js';
import { DIALECT, type Dialect } from '../sql/dialects.js';
import { log10Stages } from '../sql/fdlibm-log10.js';
import { isSqlModel, sqlModelOf, type SqlModel } from '../sql/model.js';
import { openTable } from '../tabular/index.js';
import { DataInputError, say, text } from '../tabular/messages.js';
import type { DecimalMark } from '../tabular/numbers.js';
import { csvCell } from '../format/csv.js';
import { columnNotes, TOTALS } from './client-rows.js';
import { registerStreamedAccounts } from '../format/score/columnar.js';

export const ENGINES = ['auto', 'kam', 'duckdb'] as const;
export type EngineName = (typeof ENGINES)[number];

/**
 * With `auto`, a CSV at least this large is scored by DuckDB when it is plain (smaller ones by
 * kam's engine, which starts faster and reads anything). Measured (docs/engines.md): on 1M rows
 * (92 MB) the engines are close; above, kam's engine grows in memory with rows and DuckDB does not.
 */
export const AUTO_MIN_BYTES = 256 * 1024 * 1024;

export function parseEngine(value: string | undefined): EngineName {
  if (value === undefined) return 'auto';
  const lower = value.toLowerCase();
  if ((ENGINES as readonly string[]).includes(lower)) return lower as EngineName;
  throw new UsageError(msg('engine.unknown', { value, engines: ENGINES.join(', ') }));
}

export interface EngineRequest {
  engine: EngineName;
  encoding?: string | undefined;
  decimal?: DecimalMark | undefined;
  sheet?: string | undefined;
}

/** What DuckDB reads: the FROM expression (typed and checked columns, named as the header names them) and the model over them. */
export interface DuckPlan {
  kind: 'csv' | 'parquet';
  path: string;
  file: string;
  /** The checked source, before FROM: a subquery whose cells are plain or raise kam_not_plain. */
  from: string;
  /** The same with a file row number (kam_ord, from 1) for kam import. */
  fromWithOrdinal: string;
  model: SqlModel;
  header: string[];
  /** kam's notes on the file that its header (and opening) tell, as kam's engine gives them. */
  notes: string[];
  /** CSV: the table as kam's reader opened it (kam import reads the chosen rows' cells with it). */
  table?: { source: import('../tabular/index.js').TableSource; header: string[]; mark: DecimalMark };
}

/** Why DuckDB cannot read a file as kam's engine does (the key of the engine.not-plain.* message). */
export type NotPlain = { reason: string; detail?: string };

const isParquet = (path: string): boolean => {
  try {
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(4);
      readSync(fd, head, 0, 4, 0);
      return head.toString('latin1') === 'PAR1';
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
};

/** Which engine scores this file: kam's, or DuckDB with its plan; `--engine duckdb` on a file DuckDB cannot read is a usage error. */
export async function chooseEngine(file: string, cwd: string, config: KamConfig, request: EngineRequest): Promise<{ engine: 'kam' } | { engine: 'duckdb'; plan: DuckPlan }> {
  if (request.engine === 'kam') return { engine: 'kam' };
  const path = resolve(cwd, file);
  // Not a regular file (a FIFO would block the open below; a device has no end): kam's reader refuses it with its message.
  let size = 0;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return { engine: 'kam' };
    size = stat.size;
  } catch {
    return { engine: 'kam' };
  }
  const parquet = isParquet(path);
  if (request.engine === 'auto' && !parquet && size < autoMinBytes()) return { engine: 'kam' };
  const planned = parquet ? await parquetPlan(path, file, config) : await csvPlan(path, file, config, request);
  if ('reason' in planned) {
    if (request.engine === 'duckdb') throw new UsageError(msg('engine.refused', { file, why: t(`engine.not-plain.${planned.reason}` as 'engine.not-plain.layout', { detail: planned.detail ?? '' }) }));
    return { engine: 'kam' };
  }
  return { engine: 'duckdb', plan: planned };
}

function autoMinBytes(env = process.env): number {
  const wanted = Number(env.KAM_DUCKDB_MIN_BYTES);
  return Number.isInteger(wanted) && wanted >= 0 ? wanted : AUTO_MIN_BYTES;
}

/** DuckDB's dialect of kam sql, with V8's log10 bit for bit (fdlibm-log10.ts) instead of the C library's LOG10. */
export const ENGINE_DIALECT: Dialect = { ...DIALECT.duckdb, log10Stages };

const q = (s: string) => DIALECT.duckdb.string(s);
const ident = (s: string) => DIALECT.duckdb.quote(s);

/** JavaScript's String.prototype.trim: its whitespace. */
const JS_SPACE = ' \t\n\u000b\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
/** A number as kam's reader and DuckDB's cast both read it, to the same double (no groups, marks, signs after, currency or percent). */
const PLAIN_NUMBER = ' *[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)? *';

/** The SQL of one checked cell: `kind` amount (no negative), number, id (a slug, as kam keeps it) or name (trimmed as JS trims). */
function checkedCell(column: string, kind: 'amount' | 'number' | 'id' | 'name-id' | 'name' | 'text', typed: boolean): string {
  const v = column;
  // COALESCE: error(NULL) raises nothing, and a blank cell would pass unseen (a blank id was dropped, where kam takes the name's id).
  const fail = (why: string) => `error('kam_not_plain|${why}|' || ${q(column.replace(/^"|"$/g, ''))} || '|' || COALESCE(CAST(${v} AS VARCHAR), ''))`;
  switch (kind) {
    case 'id': {
      // A slug is kept; other printable ASCII ("ACC-00123", "0015g00000XyZab") takes kam's ASCII id
      // rule (slug.ts asciiIdOfName); anything else (Unicode: pinyin, accents, hashes) is kam's alone.
      const text = `CAST(${v} AS VARCHAR)`;
      return `CASE WHEN ${v} IS NOT NULL AND length(${text}) <= 64 AND regexp_full_match(${text}, '[a-z0-9]+(-[a-z0-9]+)*') THEN ${text} WHEN ${v} IS NOT NULL AND regexp_full_match(${text}, '[ -~]+') AND kam_ascii_id(${text}) <> '' THEN kam_ascii_id(${text}) ELSE ${fail('id')} END`;
    }
    case 'name-id': {
      // No id column: kam's id of a name of printable ASCII (slug.ts asciiIdOfName). A row with no
      // name, or named as a totals row, kam leaves out with a note; a name of other characters gets
      // pinyin or a hash: not plain.
      const text = `CAST(${v} AS VARCHAR)`;
      const totals = [...TOTALS].map(q).join(', ');
      return `CASE WHEN ${v} IS NULL OR trim(${text}) = '' THEN ${fail('no-name')} WHEN NOT regexp_full_match(${text}, '[ -~]+') OR kam_ascii_id(${text}) = '' THEN ${fail('name-id')} WHEN regexp_replace(lower(trim(${text})), '[:：]$', '') IN (${totals}) THEN ${fail('totals')} ELSE kam_ascii_id(${text}) END`;
    }
    case 'name': {
      // trim with a set of characters costs ~1.5 µs a cell; only a name that starts or ends with one of them needs it.
      const text = `CAST(${v} AS VARCHAR)`;
      const space = q(JS_SPACE);
      return `CASE WHEN contains(${space}, left(${text}, 1)) OR contains(${space}, right(${text}, 1)) THEN trim(${text}, ${space}) ELSE ${text} END`;
    }
    case 'text':
      return v;
    default: {
      const negative = kind === 'amount' ? `WHEN CAST(${v} AS DOUBLE) < 0 THEN ${fail('negative')} ` : '';
      if (typed) return `CASE WHEN ${v} IS NULL THEN NULL WHEN NOT isfinite(CAST(${v} AS DOUBLE)) THEN ${fail('number')} ${negative}ELSE CAST(${v} AS DOUBLE) END`;
      return `CASE WHEN ${v} IS NULL OR trim(${v}) = '' THEN NULL WHEN NOT (regexp_full_match(${v}, '${PLAIN_NUMBER}') AND isfinite(TRY_CAST(${v} AS DOUBLE))) THEN ${fail('number')} ${negative}ELSE CAST(${v} AS DOUBLE) END`;
    }
  }
}

/**
 * The checked subquery over `source` (whose columns are `names[i]`), with the model's columns under their header names.
 *
 * With `rowChecks` (CSV: every cell text), the number cells of a row are first checked together:
 * one regex over the row's number cells joined by U+0001, and each cell's TRY_CAST finite (and
 * not negative for amounts) or the cell blank. Such a row takes the TRY_CAST values; any other
 * row goes through each cell's own check (`checkedCell`), which gives the same values or raises
 * the error that names the cell. A cell check per number (a CASE of trim, regex, three casts)
 * was half the cost of the checks: 10M rows, ~8 s of CPU less.
 */
function checkedFrom(model: SqlModel, header: string[], names: string[], source: string, typedNumbers: boolean, rowChecks = false): { from: string; fromWithOrdinal: string } {
  const cells: { column: string; kind: 'amount' | 'number' | 'id' | 'name' | 'name-id'; as: string }[] = [];
  const used = new Set<string>();
  const add = (headerName: string | undefined, kind: 'amount' | 'number' | 'id' | 'name') => {
    if (headerName === undefined || used.has(headerName)) return;
    used.add(headerName);
    cells.push({ column: names[header.indexOf(headerName)]!, kind, as: headerName });
  };
  if (model.idColumn === NAME_ID) cells.push({ column: names[header.indexOf(model.nameColumn!)]!, kind: 'name-id', as: NAME_ID });
  else add(model.idColumn, 'id');
  add(model.nameColumn, 'name');
  for (const r of model.revenue) add(r.column, 'amount');
  add(model.walletColumn, 'amount');
  for (const c of model.criteria) if (c.input.kind === 'column') add(c.input.column, 'number');
  const numbers = cells.filter((c) => c.kind === 'amount' || c.kind === 'number');
  let within = source;
  const valueOf = (cell: (typeof cells)[number]): string => checkedCell(cell.column, cell.kind, typedNumbers);
  let value = valueOf;
  if (rowChecks && numbers.length > 0) {
    const x = (i: number) => `kam_chk_x${i}`;
    const cellPattern = `(?: *|${PLAIN_NUMBER})`;
    const rowPattern = `${cellPattern}(?:\\x01${cellPattern}){${numbers.length - 1}}`;
    const joined = `concat(${numbers.map((c) => `COALESCE(${c.column}, '')`).join(', chr(1), ')})`;
    const cellOk = numbers.map((c, i) => `CASE WHEN ${x(i)} IS NULL THEN ${c.column} IS NULL OR trim(${c.column}) = '' ELSE isfinite(${x(i)})${c.kind === 'amount' ? ` AND ${x(i)} >= 0` : ''} END`);
    const cast = numbers.map((c, i) => `TRY_CAST(${c.column} AS DOUBLE) AS ${x(i)}`).join(', ');
    within = `(SELECT *, regexp_full_match(${joined}, '${rowPattern}') AND ${cellOk.map((e) => `(${e})`).join(' AND ')} AS kam_chk_ok FROM (SELECT *, ${cast} FROM ${source}))`;
    value = (cell) => {
      const i = numbers.indexOf(cell);
      return i < 0 ? valueOf(cell) : `CASE WHEN kam_chk_ok THEN ${x(i)} ELSE ${valueOf(cell)} END`;
    };
  }
  const select = cells.map((c) => `${value(c)} AS ${ident(c.as)}`).join(', ');
  return { from: `(SELECT ${select} FROM ${within}) AS kam_file`, fromWithOrdinal: `(SELECT ${select}, ROW_NUMBER() OVER () AS kam_ord FROM ${within}) AS kam_file` };
}

/** The id column the engine makes of the name column when the file has no id column. */
const NAME_ID = 'kam_name_id';

function modelFor(config: KamConfig, header: string[]): SqlModel | NotPlain {
  const plan = planColumns(header, config);
  // kam's engine says what is wrong with such headers (its messages), and ids from names are kam's slugs.
  if (plan.conflicts.length > 0) return { reason: 'columns' };
  if (plan.id === undefined && plan.name === undefined) return { reason: 'no-id' };
  const model = sqlModelOf(config, header, { idFromName: NAME_ID });
  return isSqlModel(model) ? model : { reason: 'columns' };
}

async function csvPlan(path: string, file: string, config: KamConfig, request: EngineRequest): Promise<DuckPlan | NotPlain> {
  let opened;
  try {
    opened = await openTable(path, file, { encoding: { flag: request.encoding, config: config.data.encoding }, sheet: request.sheet, isHeader: (cells) => isClientHeader(cells, config) });
  } catch {
    return { reason: 'unreadable' }; // kam's engine says why
  }
  const source = opened.source;
  if (source.kind !== 'csv') return { reason: 'workbook' };
  if (source.encoding !== 'utf-8') return { reason: 'encoding', detail: source.encoding };
  const delimiter = source.delimiter ?? ',';
  if (![',', '\t', '|'].includes(delimiter)) return { reason: 'delimiter', detail: delimiter };
  if ((request.decimal ?? config.data.decimal) === ',') return { reason: 'decimal' };
  if (source.sepLine === true || source.crLines) return { reason: 'layout' };
  const header = opened.header;
  if (!header) return { reason: 'unreadable' };
  // The header must be the first line (DuckDB reads it so); after a UTF-8 BOM, which both skip.
  const head = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  const first = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head[3] : head[0];
  if (first === 0x0a || first === 0x0d) return { reason: 'layout' };
  const model = modelFor(config, header);
  if ('reason' in model) return model;
  const names = header.map((_, i) => `c${i + 1}`);
  const columns = `{${names.map((n) => `${q(n)}: 'VARCHAR'`).join(', ')}}`;
  const source_ = `read_csv(${q(path)}, header = true, auto_detect = false, delim = ${q(delimiter)}, quote = '"', escape = '"', columns = ${columns}, strict_mode = true, null_padding = false)`;
  const notes = [...opened.notes, ...columnNotes(planColumns(header, config), header)];
  return { kind: 'csv', path, file, ...checkedFrom(model, header, names.map(ident), source_, false, true), model, header, notes, table: { source, header, mark: '.' } };
}

async function parquetPlan(path: string, file: string, config: KamConfig): Promise<DuckPlan | NotPlain> {
  const { instance, connection } = await openDuckDb();
  let described: { name: string; type: string }[];
  try {
    const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${q(path)})`);
    described = reader.getRowObjectsJson().map((r) => ({ name: String(r['column_name']), type: String(r['column_type']) }));
  } catch (err) {
    return { reason: 'unreadable', detail: (err as Error).message.split('\n')[0] };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  const header = described.map((d) => d.name);
  const model = modelFor(config, header);
  if ('reason' in model) return model;
  // Number columns of a numeric type are taken as they are; text ones must be plain numbers.
  const numeric = described.every((d) => d.type !== 'VARCHAR' || !isNumberColumn(model, d.name));
  return { kind: 'parquet', path, file, ...checkedFrom(model, header, header.map(ident), `read_parquet(${q(path)})`, numeric), model, header, notes: columnNotes(planColumns(header, config), header) };
}

function isNumberColumn(model: SqlModel, name: string): boolean {
  return model.revenue.some((r) => r.column === name) || model.walletColumn === name || model.criteria.some((c) => c.input.kind === 'column' && c.input.column === name);
}

async function openDuckDb(): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  // Bounded memory: DuckDB spills its sort to a temp folder past this; the threads are the machine's.
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(Math.max(1, availableParallelism())),
    memory_limit: process.env.KAM_DUCKDB_MEMORY ?? '512MB',
    temp_directory: join(tmpdir(), `kam-duckdb-${process.pid}`),
    preserve_insertion_order: 'true',
  });
  const connection = await instance.connect();
  await connection.run(MACROS);
  return { instance, connection };
}

/**
 * JavaScript's text of a double (String(x)) from DuckDB's shortest round-trip digits (CAST AS
 * VARCHAR writes 1.0, 1e+20, 1.234e-06 where JavaScript writes 1, 100000000000000000000, 0.000001234).
 * kam_js_num takes the common cases by the number, not its text (string functions per value were the
 * cost of the CSV lines): an integer below 1e15 is its BIGINT's text; any other |x| in [1e-4, 1e15)
 * DuckDB writes positionally with the same shortest digits as JavaScript (it switches to exponents
 * below 1e-4 and from 1e16, JavaScript below 1e-6 and from 1e21): those go through kam_js_text.
 */
export const MACROS = `
CREATE OR REPLACE TEMP MACRO kam_js_exp(m, e) AS CASE
  WHEN e >= 21 OR e <= -7 THEN m || 'e' || (CASE WHEN e > 0 THEN '+' ELSE '-' END) || CAST(abs(e) AS VARCHAR)
  WHEN e >= 0 THEN (CASE WHEN starts_with(m, '-') THEN '-' ELSE '' END) || (
    CASE WHEN length(replace(ltrim(m, '-'), '.', '')) <= e + 1 THEN rpad(replace(ltrim(m, '-'), '.', ''), CAST(e + 1 AS INTEGER), '0')
    ELSE substr(replace(ltrim(m, '-'), '.', ''), 1, CAST(e + 1 AS INTEGER)) || '.' || substr(replace(ltrim(m, '-'), '.', ''), CAST(e + 2 AS INTEGER)) END)
  ELSE (CASE WHEN starts_with(m, '-') THEN '-' ELSE '' END) || '0.' || repeat('0', CAST(-e - 1 AS INTEGER)) || replace(ltrim(m, '-'), '.', '')
END;
CREATE OR REPLACE TEMP MACRO kam_js_text(s) AS CASE
  WHEN contains(s, 'e') THEN kam_js_exp(split_part(s, 'e', 1), CAST(split_part(s, 'e', 2) AS INTEGER))
  WHEN suffix(s, '.0') THEN s[1:-3]
  ELSE s
END;
CREATE OR REPLACE TEMP MACRO kam_js_num(x) AS CASE WHEN x IS NULL THEN '' WHEN x = 0 THEN '0'
  WHEN abs(x) < 1e15 AND x = trunc(x) THEN CAST(CAST(x AS BIGINT) AS VARCHAR)
  WHEN abs(x) < 1e15 AND abs(x) >= 1e-4 THEN CAST(x AS VARCHAR)
  ELSE kam_js_text(CAST(x AS VARCHAR)) END;
CREATE OR REPLACE TEMP MACRO kam_ascii_id(s) AS rtrim(left(trim(regexp_replace(lower(s), '[^a-z0-9]+', '-', 'g'), '-'), 64), '-');
CREATE OR REPLACE TEMP MACRO kam_csv_quote(t) AS CASE WHEN regexp_matches(t, '[",\\r\\n]') THEN '"' || replace(t, '"', '""') || '"' ELSE t END;
CREATE OR REPLACE TEMP MACRO kam_csv_text(s) AS CASE WHEN s IS NULL THEN '' ELSE kam_csv_quote(CASE WHEN regexp_matches(s, '^(?:[\\t\\r]|[${JS_SPACE.replace(/[\t\n\u000b\f\r]/g, (c) => `\\x{${c.charCodeAt(0).toString(16)}}`)}]*[=+\\-@\\x{ff1d}\\x{ff0b}\\x{ff0d}\\x{ff20}])') THEN '''' || s ELSE s END) END;
`;

/** A message of DuckDB's error on a cell that is not plain, or undefined for another error. */
function notPlainOf(err: unknown): { why: string; column: string; value: string } | undefined {
  const m = /kam_not_plain\|([a-z-]+)\|([^|]*)\|(.*)$/s.exec((err as Error).message ?? '');
  return m ? { why: m[1]!, column: m[2]!, value: m[3]!.split('\n')[0]! } : undefined;
}

/** Raised when the file turns out not plain while DuckDB reads it (then `auto` scores it with kam's engine). */
export class NotPlainError extends UsageError {}

function explainFailure(plan: DuckPlan, err: unknown): Error {
  if (err instanceof NotPlainError) return err;
  const message = (err as Error).message ?? String(err);
  const cell = notPlainOf(err);
  const header = (column: string) => {
    const k = /^c(\d+)$/.exec(column);
    return k ? plan.header[Number(k[1]) - 1] ?? column : column;
  };
  let why: string;
  if (cell) why = t(`engine.cell.${cell.why}` as 'engine.cell.number', { column: header(cell.column), value: cell.value });
  else if (message.includes('kam_import_repeated_id')) why = t('engine.cell.import-repeated-id', {});
  else if (message.includes('kam_repeated_id')) why = t('engine.cell.repeated-id', {});
  else why = t('engine.duckdb-error', { message: message.split('\n')[0]! });
  return new NotPlainError(msg('engine.refused', { file: plan.file, why }));
}

const I = (i: number) => i + 1;

/** The CTEs of the scores over the source's rows (whose ids sourceOf made unique, as kam's engine does). */
function scoredWith(plan: DuckPlan, source: Source): string {
  return `WITH\n${scoredCtes(plan.model, ENGINE_DIALECT, source.from).join(',\n')}\n`;
}

/** The checked rows the scores are made of (their ids unique), and how many of them were renamed as kam renames a repeated id. */
interface Source {
  from: string;
  renamed: number;
}

/** The file's notes, then the repeated ids' (kam's engine's words and order). */
function notesOf(plan: DuckPlan, source: Source): string[] {
  return source.renamed > 0 ? [...plan.notes, say(text('data.note.repeated-ids', { count: source.renamed }))] : plan.notes;
}

/**
 * The rows to score. The repeated ids are found first (one read of the id column, a GROUP BY into
 * the temp table kam_dups: ~5 s for 10M rows, what the COUNT(DISTINCT) inside the scores' query
 * cost, which also made DuckDB materialize its rows). None: the checked rows as they are. Some:
 * each repeat gets kam's name for it, the k-th occurrence in file order `<id>-k` (client-data.ts
 * renameDuplicateIds), by a window over the rows of those ids only (CSV) or over every row, put
 * back in file order for the summary's sums (`fileOrder`: json, table). A renamed id equal to
 * another id (`a-2` in the file and a second `a`: kam's engine keeps both, in an order SQL does
 * not give) is refused, checked before the query. `rename: false` (kam import) refuses repeats.
 */
async function sourceOf(connection: DuckDBConnection, plan: DuckPlan, rename: boolean, ordinal = false, fileOrder = false): Promise<Source> {
  const id = ident(plan.model.idColumn);
  await connection.run(`CREATE OR REPLACE TEMP TABLE kam_dups AS SELECT ${id} AS kam_dup, COUNT(*) - 1 AS kam_more FROM ${plan.from} GROUP BY ${id} HAVING COUNT(*) > 1`).catch((err: unknown) => {
    throw explainFailure(plan, err);
  });
  const renamed = Number((await connection.runAndReadAll('SELECT COALESCE(SUM(kam_more), 0) FROM kam_dups')).getRows()[0]![0]);
  if (renamed === 0) return { from: ordinal ? plan.fromWithOrdinal : plan.from, renamed };
  if (!rename) throw explainFailure(plan, new Error('kam_import_repeated_id'));
  // A renamed id equal to another id (`a-2` in the file, and a second `a`), or to another renamed one: refused.
  const renamedIds = `(SELECT kam_dup || '-' || CAST(k AS VARCHAR) AS kam_new FROM kam_dups, range(2, kam_more + 2) AS kam_k(k))`;
  const collisions = await connection
    .runAndReadAll(`SELECT (SELECT COUNT(*) FROM ${plan.from} WHERE ${id} IN (SELECT kam_new FROM ${renamedIds})) + (SELECT COUNT(*) - COUNT(DISTINCT kam_new) FROM ${renamedIds})`)
    .catch((err: unknown) => {
      throw explainFailure(plan, err);
    });
  if (Number(collisions.getRows()[0]![0]) > 0) throw explainFailure(plan, new Error('kam_repeated_id'));
  const named = `REPLACE (CASE WHEN kam_k > 1 THEN ${id} || '-' || CAST(kam_k AS VARCHAR) ELSE ${id} END AS ${id})`;
  if (fileOrder) {
    // The summary's sums need the rows in the file's order: the window over every row, then sorted back.
    return { from: `(SELECT * EXCLUDE (kam_ord, kam_k) ${named} FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY ${id} ORDER BY kam_ord) AS kam_k FROM ${plan.fromWithOrdinal}) ORDER BY kam_ord) AS kam_renamed`, renamed };
  }
  // Only the rows of repeated ids go through the window (numbered in the file's order among themselves).
  const repeated = `(SELECT *, ROW_NUMBER() OVER () AS kam_ord FROM ${plan.from} WHERE ${id} IN (SELECT kam_dup FROM kam_dups))`;
  const from = `(SELECT * FROM ${plan.from} WHERE ${id} NOT IN (SELECT kam_dup FROM kam_dups) UNION ALL SELECT * EXCLUDE (kam_ord, kam_k) ${named} FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY ${id} ORDER BY kam_ord) AS kam_k FROM ${repeated})) AS kam_renamed`;
  return { from, renamed };
}

function filterSql(plan: DuckPlan, filter: ScoreFilter, limit: number | undefined): { where: string; limit: string } {
  const tiers = filter.tiers && filter.tiers.length > 0 ? `kam_tier IN (${filter.tiers.map(q).join(', ')})` : 'TRUE';
  const n = filter.top ?? limit;
  return { where: tiers, limit: n !== undefined ? `LIMIT ${Math.floor(n)}` : '' };
}

/** The header line of kam's CSV of client rows (format/score/index.ts: no plan columns). */
function csvHeader(config: Pick<KamConfig, 'criteria'>): string {
  const names = ['rank', 'id', 'name', 'score', 'tier', 'declaredTier', 'missing', ...config.criteria.flatMap((c) => [`${c.id}_input`, `${c.id}_score`, `${c.id}_contribution`])];
  return `${names.map(csvCell).join(',')}\r\n`;
}

/** One CSV line per account, written by DuckDB as kam writes it (as bytes with CRLF; `text`: a VARCHAR ending in CR, for COPY, which adds the LF). */
function csvLineSql(plan: DuckPlan, text = false): string {
  // Tier and criterion ids that csvCell writes as they are (no quote, no formula guard) need no text functions per row.
  const plainIds = (ids: string[]) => ids.every((id) => csvCell(id) === id && !id.includes(';'));
  const tier = plainIds(plan.model.tiers.map((t) => t.id)) ? "COALESCE(kam_tier, '')" : 'kam_csv_text(kam_tier)';
  const parts = ["CAST(kam_rank AS VARCHAR)", 'kam_id', 'kam_csv_text(kam_name)', 'kam_js_num(kam_score)', tier, "''"];
  const missing = plan.model.criteria.map((c, i) => `CASE WHEN kam_x${I(i)} IS NULL THEN ${q(c.id)} END`);
  const missingText = `concat_ws(';', ${missing.join(', ')})`;
  parts.push(missing.length === 0 ? "''" : plainIds(plan.model.criteria.map((c) => c.id)) ? missingText : `kam_csv_text(${missingText})`);
  plan.model.criteria.forEach((_, i) => parts.push(`kam_js_num(kam_x${I(i)})`, `kam_js_num(kam_s${I(i)})`, `kam_js_num(kam_c${I(i)})`));
  if (text) return `concat_ws(',', ${parts.join(', ')}) || chr(13)`;
  // As bytes (encode: a BLOB of the UTF-8): JavaScript takes each line's UTF-8 as it is, no text decoded and encoded again.
  return `encode(concat_ws(',', ${parts.join(', ')}) || chr(13) || chr(10))`;
}

/** Chunks of output lines (UTF-8 bytes), read while the consumer writes them (one chunk of DuckDB's ahead). */
async function* streamLines(connection: DuckDBConnection, sql: string, plan: DuckPlan, close: () => void): AsyncGenerator<Uint8Array> {
  try {
    const result = await connection.stream(sql).catch((err: unknown) => {
      throw explainFailure(plan, err);
    });
    for (;;) {
      const chunk = await result.fetchChunk().catch((err: unknown) => {
        throw explainFailure(plan, err);
      });
      if (chunk === null || chunk.rowCount === 0) break;
      const vector = chunk.getColumnVector(0) as DuckDBBlobVector;
      const n = chunk.rowCount;
      const lines: Uint8Array[] = new Array(n);
      let size = 0;
      for (let i = 0; i < n; i++) {
        // A view over DuckDB's chunk for short lines: copied by the concat before the next chunk.
        const line = vector.getItemBytes(i)!;
        lines[i] = line;
        size += line.length;
      }
      yield Buffer.concat(lines, size); // one write per chunk of DuckDB's (2048 lines)
    }
  } finally {
    close();
  }
}

/**
 * Reads the first chunk before returning, so that a file that is not plain fails here (auto then
 * takes kam's engine) and not after output began: DuckDB checks every cell before its sort gives a row.
 */
async function primed<T>(gen: AsyncGenerator<T>): Promise<AsyncIterable<T> & { empty: boolean }> {
  const first = await gen.next();
  return {
    empty: first.done === true,
    async *[Symbol.asyncIterator]() {
      if (first.done !== true) yield first.value;
      yield* gen;
    },
  };
}

/** Every scored row's latest revenue (0 when none), in the file's order, as kam's engine holds them. */
async function latestRevenues(connection: DuckDBConnection, plan: DuckPlan, source: Source, n: number): Promise<Float64Array> {
  const out = new Float64Array(n);
  // kam_raw is projections and filters only: with preserve_insertion_order its rows are in file order.
  const result = await connection.stream(`${scoredWith(plan, source)}SELECT kam_latest FROM kam_raw`);
  let at = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (chunk === null || chunk.rowCount === 0) break;
    const vector = chunk.getColumnVector(0);
    for (let i = 0; i < chunk.rowCount; i++) out[at++] = vector.getItem(i) as number;
  }
  if (at !== n) throw new Error(`kam: DuckDB gave ${at} revenues for ${n} accounts`);
  return out;
}

export interface DuckScoreOptions {
  filter: ScoreFilter;
  explain?: string | undefined;
  tableLimit?: number | undefined;
  keepRowOrdinals?: boolean;
  /** json and markdown: the shown accounts read from DuckDB's stream while they are written (registerStreamedAccounts), not held. */
  streamShown?: boolean;
}

/**
 * The scored rows in rank order, for a SELECT that builds each CSV line from them. The lines are
 * built after the sort, not before: DuckDB computes a SELECT's columns before its own ORDER BY, so
 * the sort would carry (and, past memory_limit, spill) each ~100-byte line instead of the numbers
 * (10M rows: 94 s → 87 s). A SELECT over one ordered subquery keeps its order (DuckDB's order
 * preservation); the tests hold the lines byte-equal to kam's engine.
 */
function rankOrdered(where: string, limit: string): string {
  return `(SELECT * FROM kam_scored WHERE ${where} ORDER BY kam_rank ${limit}) AS kam_ranked`;
}

/**
 * The whole CSV written by DuckDB itself, when stdout is a pipe or a device (Linux): `COPY (SELECT
 * line …) TO '/proc/self/fd/1'`, which reopens it, so that no line goes through JavaScript
 * (DuckDB's CSV writer with QUOTE '' and ESCAPE '' writes each VARCHAR as it is, then LF; the line
 * ends in CR). The header is written with the line of rank 1 (a second sort to put it first cost
 * more than the copy saves), so nothing is written before DuckDB's sort has seen every row: a file
 * that is not plain fails before any output, and auto then takes kam's engine. False when this
 * cannot be (a regular file, which the reopening would truncate, even with `>>`; a --tier filter,
 * whose first row is not rank 1; another process's DuckDB writing to the same pipe or device, which
 * holds its lock): then the lines are streamed through kam. A reader that stops early (`| head`)
 * ends the copy (EPIPE); with no row at all, only the header is left to write (returned).
 */
async function copyToStdout(connection: DuckDBConnection, scored: string, line: string, where: string, limit: string, header: string, plan: DuckPlan): Promise<boolean | string> {
  if (process.platform !== 'linux' || process.env.KAM_DUCKDB_COPY === '0') return false;
  try {
    const out = fstatSync(1);
    if (!out.isFIFO() && !out.isCharacterDevice()) return false;
  } catch {
    return false;
  }
  const sql = `${scored}SELECT CASE WHEN kam_rank = 1 THEN ${q(header)} || (${line}) ELSE ${line} END AS line FROM ${rankOrdered(where, limit)}`;
  let written: number;
  try {
    const result = await connection.run(`COPY (${sql}) TO '/proc/self/fd/1' (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER '\x01')`);
    written = result.rowsChanged;
  } catch (err) {
    const message = (err as Error).message ?? '';
    if (/broken pipe/i.test(message)) return true;
    if (/could not set lock/i.test(message)) return false;
    throw explainFailure(plan, err);
  }
  if (process.env.KAM_DEBUG === '1') process.stderr.write(`kam: duckdb wrote the lines to stdout (COPY, ${written} rows)\n`);
  if (written === 0 && limit === '') throw new DataInputError(text('data.no-data-rows', { file: plan.file })); // as kam's engine says
  return written === 0 ? header : true;
}

/** `--format csv`: the whole output from DuckDB, streamed. */
export async function duckCsv(plan: DuckPlan, config: KamConfig, options: DuckScoreOptions): Promise<{ csv: AsyncIterable<string | Uint8Array>; notes: string[] }> {
  const { instance, connection } = await openDuckDb();
  const close = () => {
    connection.closeSync();
    instance.closeSync();
  };
  const { where, limit } = filterSql(plan, options.filter, undefined);
  let copied: boolean | string = false;
  let source: Source;
  try {
    source = await sourceOf(connection, plan, true);
    if (!(options.filter.tiers && options.filter.tiers.length > 0)) copied = await copyToStdout(connection, scoredWith(plan, source), csvLineSql(plan, true), where, limit, csvHeader(config), plan);
  } catch (err) {
    close();
    throw err;
  }
  const notes = notesOf(plan, source);
  if (copied !== false) {
    close();
    const rest = copied === true ? [] : [copied];
    return {
      notes,
      csv: {
        async *[Symbol.asyncIterator]() {
          yield* rest;
        },
      },
    };
  }
  const sql = `${scoredWith(plan, source)}SELECT ${csvLineSql(plan)} AS line FROM ${rankOrdered(where, limit)}`;
  if (process.env.KAM_DEBUG === '1') process.stderr.write(`kam: duckdb ${MACROS}\n${sql}\n`);
  const header = csvHeader(config);
  const body = await primed(streamLines(connection, sql, plan, close));
  // A file with no data row is refused, as kam's engine refuses it (a filter that shows none is not).
  if (body.empty && !(options.filter.tiers && options.filter.tiers.length > 0) && options.filter.top === undefined) throw new DataInputError(text('data.no-data-rows', { file: plan.file }));
  return {
    notes,
    csv: {
      async *[Symbol.asyncIterator]() {
        yield header;
        yield* body;
      },
    },
  };
}

export interface DuckScoreResult {
  report: ScoreReport;
  /** kam's notes on the file (stderr), as its engine gives them. */
  notes: string[];
  explained?: ScoredAccount;
  /** With keepRowOrdinals: the shown rows with their ordinal among the file's rows (the header is 0), as kam's engine gives them. */
  selected?: { ordinal: number; account: ScoredAccount }[];
}

/** The other formats and import: the shown rows (bounded by --top, --tier or the table's limit) and the portfolio figures. */
export async function duckScore(plan: DuckPlan, config: KamConfig, options: DuckScoreOptions): Promise<DuckScoreResult> {
  const { instance, connection } = await openDuckDb();
  let closeLater = false;
  try {
    const m = plan.model;
    // One read of the file: the checked rows into a temporary table, scored and summed from there.
    const ordinal = options.keepRowOrdinals === true;
    const source = await sourceOf(connection, plan, !ordinal, ordinal, true);
    await connection.run(`CREATE TEMP TABLE kam_in AS SELECT * FROM ${source.from}`).catch((err: unknown) => {
      throw explainFailure(plan, err);
    });
    const inner: Source = { ...source, from: 'kam_in' };
    const { where, limit } = filterSql(plan, options.filter, options.tableLimit);
    const cols = ['kam_id', 'kam_name', 'kam_score', 'kam_tier', 'kam_rank', 'kam_latest', ...m.criteria.flatMap((_, i) => [`kam_x${I(i)}`, `kam_s${I(i)}`, `kam_c${I(i)}`])];
    // kam_ord rides along the checked rows: joined back by id (ids are unique here).
    const scoredSql = (cond: string, lim: string) =>
      `${scoredWith(plan, inner)}SELECT ${cols.join(', ')}${ordinal ? ', (SELECT kam_ord FROM kam_in WHERE kam_in.' + ident(m.idColumn) + ' = kam_scored.kam_id) AS kam_ord' : ''} FROM kam_scored WHERE ${cond} ORDER BY kam_rank ${lim}`;
    const read = async (sql: string) =>
      (await connection.runAndReadAll(sql).catch((err: unknown) => {
        throw explainFailure(plan, err);
      })).getRows();
    const toAccount = (r: unknown[]): ScoredAccount => {
      const num = (v: unknown) => (v === null ? null : Number(v));
      const criteria = config.criteria.map((c, i) => {
        const input = num(r[6 + 3 * i]);
        return { id: c.id, input, score: num(r[7 + 3 * i]), weight: c.weight, contribution: Number(r[8 + 3 * i]), missing: input === null };
      });
      return {
        id: String(r[0]),
        name: String(r[1]),
        score: Number(r[2]),
        tier: r[3] === null ? null : String(r[3]),
        rank: Number(r[4]),
        missing: criteria.filter((c) => c.missing).map((c) => c.id),
        criteria,
        latestRevenue: Number(r[5]),
      };
    };
    const streaming = options.streamShown === true && !ordinal && options.explain === undefined;
    const rows = streaming ? [] : await read(scoredSql(where, limit));
    const accounts = rows.map(toAccount);
    const portfolio = (await read(compilePortfolio(m, ENGINE_DIALECT, { from: 'kam_in' })))[0]!;
    // The revenue figures (Pareto, shares, HHI) by kam's own function over the same revenues in kam's
    // order (the file's): DuckDB's parallel sums would add them in another order (last-bit differences).
    const figures = revenueFigures(await latestRevenues(connection, plan, inner, Number(portfolio[0])));
    const tiers: Record<string, number> = {};
    config.tiers.forEach((t, k) => (tiers[t.id] = Number(portfolio[7 + k])));
    const report: ScoreReport = {
      shown: accounts,
      total: Number(portfolio[0]),
      summary: {
        accounts: Number(portfolio[0]),
        tiers,
        ...figures,
      },
      config: reportConfig(config),
    };
    const result: DuckScoreResult = { report, notes: notesOf(plan, source) };
    if (ordinal) result.selected = rows.map((r, k) => ({ ordinal: Number(r[cols.length]), account: accounts[k]! }));
    if (options.explain !== undefined) {
      const found = await read(scoredSql(`kam_id = ${q(options.explain)}`, 'LIMIT 1'));
      if (found.length > 0) result.explained = toAccount(found[0]!);
    }
    if (streaming) {
      // As many as the query gives: the filtered tiers' counts, then --top (streamAccounts checks it).
      const wanted = options.filter.tiers !== undefined && options.filter.tiers.length > 0 ? options.filter.tiers : undefined;
      const inTiers = wanted ? config.tiers.reduce((sum, t) => sum + (wanted.includes(t.id) ? tiers[t.id]! : 0), 0) : report.total;
      const length = options.filter.top !== undefined ? Math.min(inTiers, Math.floor(options.filter.top)) : inTiers;
      if (length === 0) return result; // the formats' text for no account; nothing to stream
      report.shown = {
        length,
        [Symbol.iterator]() {
          throw new Error('internal: the accounts DuckDB scored are streamed (streamedAccountsOf)');
        },
      };
      // The last query on this connection (a stream ends when another runs). Its first chunk is read
      // here: a cell that is not plain fails now (auto then takes kam's engine), not after output began.
      const chunks = await primed(streamAccounts(connection, scoredSql(where, limit), plan, toAccount, length, () => {
        connection.closeSync();
        instance.closeSync();
      }));
      closeLater = true;
      registerStreamedAccounts(report, chunks);
    }
    return result;
  } finally {
    if (!closeLater) {
      connection.closeSync();
      instance.closeSync();
    }
  }
}

/**
 * The scored accounts of `sql` in chunks of DuckDB's (2048 rows), made into ScoredAccounts one
 * chunk at a time. They must be `expected` many, the count the output's text was made with (its
 * "showing n of m", JSON's empty array): another count is an internal error, never a silent one.
 */
async function* streamAccounts(connection: DuckDBConnection, sql: string, plan: DuckPlan, toAccount: (row: unknown[]) => ScoredAccount, expected: number, close: () => void): AsyncGenerator<ScoredAccount[]> {
  try {
    const result = await connection.stream(sql).catch((err: unknown) => {
      throw explainFailure(plan, err);
    });
    let count = 0;
    for (;;) {
      const chunk = await result.fetchChunk().catch((err: unknown) => {
        throw explainFailure(plan, err);
      });
      if (chunk === null || chunk.rowCount === 0) break;
      const accounts = chunk.getRows().map(toAccount);
      count += accounts.length;
      yield accounts;
    }
    if (count !== expected) throw new Error(`internal: DuckDB gave ${count} accounts where its counts said ${expected}`);
  } finally {
    close();
  }
}
