// `kam score`: score the workspace plans (or the files given), or client CSV rows with --data.
import type { KamConfig } from '../core/config.js';
import { DEFAULT_CONFIG, DEFAULT_SEGMENT } from '../core/config-defaults.js';
import type { DecimalMark } from '../tabular/numbers.js';
import { buildScoreReport, type ScoreFilter, type ScoreReport } from '../core/score-report.js';
import { weightSumProblem, type ScoredAccount } from '../core/scoring.js';
import { closest } from '../core/suggest.js';
import { emergingSpec, type EmergingSpec } from '../core/archetype.js';
import { UsageError } from '../errors.js';
import { msg, t } from '../i18n/index.js';
import { SCORE_FORMATTERS, MACHINE_SCORE_FORMATS } from '../format/score/index.js';
import type { ScoreFormatName } from '../format/formats.js';
import { optionalConfig } from '../io/config-location.js';
import { useConfigLocale, invalidPlanNotes, noValidPlan, parseAsOf, parseCount, type CommandContext, type CommandResult } from './common.js';

export interface ScoreOptions {
  files: string[];
  format: ScoreFormatName;
  top?: string;
  tier?: string;
  explain?: string;
  weight?: string[];
  data?: string;
  encoding?: string;
  decimal?: DecimalMark;
  sheet?: string;
  strict?: boolean;
  ref?: string;
  /** issue 19: only the pre-key accounts. */
  emerging?: boolean;
  /** issue 19: FTE and revenue per FTE in the human formats. */
  resources?: boolean;
  /** issue 20: "today" for decayed assessments (aged to it) and for the tier overrides of the plans. */
  asOf?: string;
  /** issue 21: kam, duckdb or auto (--data only). */
  engine?: string;
  /** issue 22: only the accounts of these segments (comma-separated). */
  segment?: string;
  /** issue 22: `segment`: the portfolio figures per segment. */
  by?: string;
}

/** A human table of a million rows helps nobody: without --top it shows this many. */
export const TABLE_ROW_LIMIT = 200;

export async function runScore(ctx: CommandContext, options: ScoreOptions): Promise<CommandResult> {
  const top = parseCount('--top', options.top);
  const asOf = parseAsOf(options.asOf);
  if (options.emerging === true || options.resources === true) {
    if (options.data !== undefined) throw new UsageError(msg('method.emerging.with-data', {}));
    if (options.explain !== undefined) throw new UsageError(msg('method.emerging.with-explain', {}));
  }
  if (options.data !== undefined && options.ref !== undefined) throw new UsageError(msg('cli.score.ref-with-data', {}));
  for (const flag of ['encoding', 'decimal', 'sheet', 'strict', 'engine'] as const) {
    if (options.data === undefined && options[flag] !== undefined) throw new UsageError(msg('cli.score.data-only', { flag }));
  }
  // Plans need the YAML and schema libraries; a client CSV outside a workspace needs neither.
  const inputs = options.data === undefined ? await (await import('./inputs.js')).planInputs(ctx, options.files, options.ref, true) : undefined;
  const baseConfig = inputs?.config ?? (await optionalConfig({ cwd: ctx.cwd, ...(ctx.config !== undefined ? { config: ctx.config } : {}) }));
  await useConfigLocale(ctx, baseConfig);
  const config = withWeights(baseConfig, options.weight ?? []);
  const stderr: string[] = [];
  // issue 22: segments. Client rows have no segment (refused rather than scored with the wrong model).
  if (config.segments !== undefined && options.data !== undefined) throw new UsageError(msg('segment.with-data', {}));
  if (options.by !== undefined && options.by !== 'segment') throw new UsageError(msg('segment.by.unknown', { value: options.by }));
  for (const [flag, given] of [['--segment', options.segment], ['--by segment', options.by]] as const) {
    if (given !== undefined && config.segments === undefined) throw new UsageError(msg('segment.none', { flag }));
  }
  if (options.by !== undefined && (options.format === 'csv' || options.explain !== undefined)) throw new UsageError(msg('segment.by.format', {}));
  if (config.segments !== undefined) {
    const { configWarnings } = await import('../io/workspace.js');
    for (const line of configWarnings(baseConfig)) stderr.push(t('segment.warning', { text: line }));
  }
  const filter: ScoreFilter = {};
  if (options.segment !== undefined) filter.segments = parseSegments(options.segment, config);
  if (options.tier !== undefined) filter.tiers = parseTiers(options.tier, config);
  if (top !== undefined) filter.top = top;
  if (options.emerging === true) filter.emerging = emergingFilter(config);

  let report: ScoreReport;
  let explained: ScoredAccount | undefined;
  if (options.data !== undefined) {
    if (options.files.length > 0) throw new UsageError(msg('cli.score.files-and-data', {}));
    const tableLimit = options.format === 'table' && top === undefined && options.explain === undefined ? TABLE_ROW_LIMIT : undefined;
    const duck = await scoreWithDuckDb(options.data, ctx.cwd, config, options, filter, tableLimit);
    if (duck !== undefined) stderr.push(...duck.notes);
    if (duck !== undefined && 'csv' in duck) return { stdout: duck.csv, stderr, exitCode: 0 };
    if (duck !== undefined) {
      report = duck.report;
      explained = duck.explained;
    } else {
    const { scoreClientData } = await import('../io/client-data.js');
    const result = await scoreClientData(options.data, ctx.cwd, config, {
      filter,
      explain: options.explain,
      tableLimit,
      encoding: options.encoding,
      decimal: options.decimal,
      sheet: options.sheet,
      // Amounts marked with a currency are checked against the workspace's, not the built-in default.
      currency: baseConfig === DEFAULT_CONFIG ? undefined : config.currency,
      strict: options.strict ?? false,
    });
    report = result.report;
    explained = result.explained;
    stderr.push(...result.notes);
    }
  } else {
    stderr.push(...inputs!.notes);
    const { loadPlanSubjects } = await import('../io/plan-threads.js');
    const { subjects, invalidFiles, invalidFindings } = await loadPlanSubjects(inputs!.refs, config);
    if (invalidFiles.length > 0) {
      stderr.push(...invalidPlanNotes(`kam: ${t('cli.score.not-scored', { count: invalidFiles.length })}`, invalidFindings));
    }
    // Scores of no plan would be a table of zeros that looks like a result.
    if (subjects.length === 0) return noValidPlan('score', invalidFiles.length, stderr);
    const built = buildScoreReport(subjects, config, filter, asOf);
    report = built.report;
    if (options.explain !== undefined) explained = built.accounts.find((a) => a.id === options.explain);
    if (options.format === 'table' && top === undefined && report.shown.length > TABLE_ROW_LIMIT) {
      report = { ...report, shown: Array.from(report.shown).slice(0, TABLE_ROW_LIMIT) };
    }
  }

  if (options.explain !== undefined) {
    if (!explained) {
      const guess = closest(options.explain, Array.from(report.shown, (a) => a.id).slice(0, 10_000));
      throw new UsageError(guess ? msg('cli.explain.unknown.guess', { id: options.explain, guess }) : msg('cli.explain.unknown', { id: options.explain }));
    }
    const color = ctx.color && !MACHINE_SCORE_FORMATS.includes(options.format);
    const { formatExplain } = await import('../format/score/explain.js');
    return { stdout: formatExplain(explained, report, options.format, color, asOf), stderr, exitCode: 0 };
  }
  const color = ctx.color && !MACHINE_SCORE_FORMATS.includes(options.format);
  if (options.by !== undefined) {
    const { formatBySegment } = await import('../format/score/segments.js');
    return { stdout: formatBySegment(report, options.format, color), stderr, exitCode: 0 };
  }
  const format = await SCORE_FORMATTERS[options.format]();
  return { stdout: format(report, { color, ...(options.resources === true ? { resources: true } : {}) }), stderr, exitCode: 0 };
}

/** The rule of --emerging for this kam.yaml (a tier or criterion it names that the model lacks is a usage error). */
function emergingFilter(config: KamConfig): EmergingSpec {
  const spec = emergingSpec(config.emerging, config.tiers, config.criteria);
  if (!('kind' in spec)) return spec;
  if (spec.kind === 'tier') throw new UsageError(msg('method.emerging.unknown-tier', { tier: spec.tier, tiers: spec.tiers.join(', ') }));
  throw new UsageError(msg('method.emerging.unknown-criterion', { criterion: spec.criterion, criteria: spec.criteria.join(', ') }));
}

/** --segment a,b: segment ids of kam.yaml (`default`: the accounts no segment matches). */
function parseSegments(value: string, config: KamConfig): string[] {
  const ids = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const known = [...config.segments!.map((s) => s.id), DEFAULT_SEGMENT];
  for (const id of ids) {
    if (known.includes(id)) continue;
    const guess = closest(id, known);
    throw new UsageError(guess ? msg('segment.unknown.guess', { id, guess, ids: known.join(', ') }) : msg('segment.unknown', { id, ids: known.join(', ') }));
  }
  return ids;
}

function parseTiers(value: string, config: KamConfig): string[] {
  const tiers = value.split(',').map((t) => t.trim()).filter((t) => t !== '');
  const known = config.tiers.map((t) => t.id);
  for (const tier of tiers) {
    if (!known.includes(tier)) {
      const guess = closest(tier, known);
      throw new UsageError(guess ? msg('cli.tier.unknown.guess', { tier, guess, tiers: known.join(', ') }) : msg('cli.tier.unknown', { tier, tiers: known.join(', ') }));
    }
  }
  return tiers;
}

/** --weight <criterion>=<n>, repeatable: a what-if on the model. */
export function withWeights(config: KamConfig, overrides: readonly string[]): KamConfig {
  if (overrides.length === 0) return config;
  const criteria = config.criteria.map((c) => ({ ...c }));
  for (const override of overrides) {
    const m = /^([^=]+)=(.+)$/.exec(override);
    if (!m) throw new UsageError(msg('cli.weight.syntax', { value: override }));
    const [, id, raw] = m as unknown as [string, string, string];
    const weight = Number(raw);
    if (!/^\s*[0-9.eE+]+\s*$/.test(raw) || !Number.isFinite(weight) || weight < 0) throw new UsageError(msg('cli.weight.not-a-number', { id, value: raw }));
    const criterion = criteria.find((c) => c.id === id.trim());
    if (!criterion) {
      const guess = closest(id, criteria.map((c) => c.id));
      const ids = criteria.map((c) => c.id).join(', ');
      throw new UsageError(guess ? msg('cli.weight.unknown.guess', { id, guess, criteria: ids }) : msg('cli.weight.unknown', { id, criteria: ids }));
    }
    criterion.weight = weight;
  }
  const problem = weightSumProblem(criteria.map((c) => c.weight));
  if (problem?.index === -1) throw new UsageError(msg('cli.weight.zero-sum', {}));
  if (problem) throw new UsageError(`--weight: ${problem.message}`);
  return { ...config, criteria };
}

/**
 * issue 21: the file scored by DuckDB when --engine (or auto) takes it there; undefined for kam's
 * engine. With auto, a file that turns out not plain while DuckDB reads it goes to kam's engine.
 */
async function scoreWithDuckDb(
  file: string,
  cwd: string,
  config: KamConfig,
  options: ScoreOptions,
  filter: ScoreFilter,
  tableLimit: number | undefined,
): Promise<{ csv: AsyncIterable<string | Uint8Array>; notes: string[] } | { report: ScoreReport; notes: string[]; explained?: ScoredAccount } | undefined> {
  const { parseEngine } = await import('../io/duckdb-engine.js');
  const engine = parseEngine(options.engine);
  if (engine === 'kam') return undefined;
  const { chooseEngine, duckCsv, duckScore, NotPlainError } = await import('../io/duckdb-engine.js');
  const choice = await chooseEngine(file, cwd, config, { engine, encoding: options.encoding, decimal: options.decimal, sheet: options.sheet });
  if (choice.engine === 'kam') return undefined;
  try {
    if (options.format === 'csv' && options.explain === undefined) return await duckCsv(choice.plan, config, { filter });
    const result = await duckScore(choice.plan, config, { filter, explain: options.explain, tableLimit, streamShown: options.format === 'json' || options.format === 'markdown' });
    return { report: result.report, notes: result.notes, ...(result.explained !== undefined ? { explained: result.explained } : {}) };
  } catch (err) {
    if (err instanceof NotPlainError && engine === 'auto') return undefined;
    throw err;
  }
}
