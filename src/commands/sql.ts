// `kam sql` (issue 21): the workspace's model compiled into one SQL SELECT for a warehouse table
// (or a DuckDB file expression), printed, written with -o, or as a dbt model with --dbt.
import { resolve } from 'node:path';
import type { KamConfig } from '../core/config.js';
import { closest } from '../core/suggest.js';
import { UsageError } from '../errors.js';
import { msg, t } from '../i18n/index.js';
import { optionalConfig } from '../io/config-location.js';
import { writeChosen } from '../io/safe-write.js';
import { compilePortfolio, compileScores } from '../sql/compile.js';
import { DIALECT, DIALECTS, type DialectName } from '../sql/dialects.js';
import { isSqlModel, sqlModelOf } from '../sql/model.js';
import { useConfigLocale, type CommandContext, type CommandResult } from './common.js';

export interface SqlOptions {
  dialect?: string;
  table?: string;
  from?: string;
  columns?: string;
  headerFrom?: string;
  portfolio?: boolean;
  dbt?: boolean;
  output?: string;
  force?: boolean;
}

/** A table name as a warehouse writes one: dot-separated parts, each a plain or a quoted identifier. */
const TABLE_NAME = /^(?:[\p{L}_][\p{L}\p{N}_$-]*|"(?:[^"]|"")+"|`(?:[^`\\]|\\.)+`|\[[^\]]+\])(?:\.(?:[\p{L}_][\p{L}\p{N}_$-]*|"(?:[^"]|"")+"|`(?:[^`\\]|\\.)+`|\[[^\]]+\]))*$/u;

export function parseDialect(value: string | undefined): DialectName {
  const list = DIALECTS.join(', ');
  if (value === undefined) throw new UsageError(msg('sql.dialect.missing', { dialects: list }));
  const lower = value.toLowerCase();
  if ((DIALECTS as readonly string[]).includes(lower)) return lower as DialectName;
  const aliases: Record<string, DialectName> = { postgresql: 'postgres', pg: 'postgres', spark: 'databricks', bq: 'bigquery' };
  if (aliases[lower] !== undefined) return aliases[lower]!;
  const guess = closest(value, DIALECTS);
  throw new UsageError(guess !== undefined ? msg('sql.dialect.unknown.guess', { value, guess, dialects: list }) : msg('sql.dialect.unknown', { value, dialects: list }));
}

export async function runSql(ctx: CommandContext, options: SqlOptions): Promise<CommandResult> {
  const dialectName = parseDialect(options.dialect);
  const dialect = DIALECT[dialectName];
  if (options.table !== undefined && options.from !== undefined) throw new UsageError(msg('sql.source.both', {}));
  if (options.table === undefined && options.from === undefined) throw new UsageError(msg('sql.source.missing', {}));
  if (options.table !== undefined && !TABLE_NAME.test(options.table)) throw new UsageError(msg('sql.table.invalid', { value: options.table }));
  if (options.columns !== undefined && options.headerFrom !== undefined) throw new UsageError(msg('sql.columns.both', {}));
  const config = await optionalConfig({ cwd: ctx.cwd, ...(ctx.config !== undefined ? { config: ctx.config } : {}) });
  await useConfigLocale(ctx, config);
  // issue 22: the SQL is one model; segments would be scored wrong without a word.
  if (config.segments !== undefined) throw new UsageError(msg('segment.sql', {}));

  const dbt = options.dbt === true;
  // dbt: the table is a model (ref); a source is written with --from "{{ source('crm', 'accounts') }}".
  const from = options.from ?? (dbt ? `{{ ref('${options.table!.replace(/['\\]/g, '')}') }}` : options.table!);
  const header = await columnNames(ctx, config, options, dialectName);
  const model = sqlModelOf(config, header);
  if (!isSqlModel(model)) {
    if (model.kind === 'conflict') throw new UsageError(msg('sql.columns-conflict', { headers: model.headers.join(', '), field: model.field }));
    throw new UsageError(msg('sql.no-id-column', { header: model.header.join(', ') || '-', example: `{ "Account ID": id }` }));
  }
  const comment = `-- kam sql --dialect ${dialectName}${options.portfolio === true ? ' --portfolio' : ''}: the scoring model of ${ctx.config ?? 'kam.yaml'} (docs/sql.md). Generated: edit kam.yaml, not this file.\n`;
  const compiled = (options.portfolio === true ? compilePortfolio : compileScores)(model, dialect, { from, header: comment });

  const target = options.output ?? (dbt ? (options.portfolio === true ? 'models/kam_portfolio.sql' : 'models/kam_scores.sql') : undefined);
  if (target === undefined) return { stdout: compiled, stderr: [], exitCode: 0 };
  const outcome = writeChosen(resolve(ctx.cwd, target), target, compiled, { force: options.force ?? false });
  if (outcome.status === 'kept') throw new UsageError(msg('cli.output.exists', { file: target }));
  return { stdout: '', stderr: [`kam: ${t('sql.wrote', { file: target, dialect: dialectName, dbt: dbt ? t('sql.wrote.dbt', {}) : '' })}`], exitCode: 0 };
}

/** The table's column names: --columns, the header of --header-from, or (DuckDB, --from) DuckDB's own DESCRIBE. */
async function columnNames(ctx: CommandContext, config: KamConfig, options: SqlOptions, dialect: DialectName): Promise<string[]> {
  if (options.columns !== undefined) {
    const names = options.columns.split(',').map((c) => c.trim()).filter((c) => c !== '');
    if (names.length === 0) throw new UsageError(msg('sql.columns.empty', {}));
    return names;
  }
  if (options.headerFrom !== undefined) {
    const { openTable } = await import('../tabular/index.js');
    const { isClientHeader } = await import('../core/client-columns.js');
    const opened = await openTable(resolve(ctx.cwd, options.headerFrom), options.headerFrom, {
      encoding: { config: config.data.encoding },
      isHeader: (cells) => isClientHeader(cells, config),
    });
    return (opened.header ?? []).map((h) => h.trim());
  }
  if (dialect === 'duckdb' && options.from !== undefined && options.dbt !== true) return describeDuckDb(ctx, options.from);
  throw new UsageError(msg('sql.columns.missing', { duckdb: options.from !== undefined || dialect === 'duckdb' ? t('sql.columns.missing.duckdb', {}) : '' }));
}

/** The column names DuckDB gives `from` (a read_csv of a local file, a Parquet file…), asked from kam's folder. */
async function describeDuckDb(ctx: CommandContext, from: string): Promise<string[]> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`SET file_search_path = ${DIALECT.duckdb.string(ctx.cwd)}`);
    const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`);
    return reader.getRowObjectsJson().map((row) => String(row['column_name']));
  } catch (err) {
    throw new UsageError(msg('sql.describe.failed', { from, message: (err as Error).message.split('\n')[0]! }));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
