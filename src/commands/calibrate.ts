// `kam calibrate --data outcomes.csv --outcome <column>` (issue 22): the rows are scored as
// `kam score --data` scores them (scoreClientData), the outcome is read from the same rows (by
// their ordinal in the file), and src/core/calibrate.ts says how well the score separates them.
import { relative } from 'node:path';
import { normalizeHeader, planColumns } from '../core/client-columns.js';
import type { KamConfig } from '../core/config.js';
import { DEFAULT_CONFIG } from '../core/config-defaults.js';
import { calibrate, type Calibration } from '../core/calibrate.js';
import { UsageError, InputError } from '../errors.js';
import { msg, t } from '../i18n/index.js';
import { forEachChosenRow, scoreClientData, type ReadTable } from '../io/client-data.js';
import { findConfigFile, optionalConfig } from '../io/config-location.js';
import type { DecimalMark } from '../tabular/numbers.js';
import type { ScoredAccount } from '../core/scoring.js';
import { parseAsOf, useConfigLocale, type CommandContext, type CommandResult } from './common.js';

/** --to when not given: the working tree (as kam diff's head). */
export const WORKTREE = 'WORKTREE';

export const CALIBRATE_FORMATS = ['table', 'json', 'markdown'] as const;
export type CalibrateFormatName = (typeof CALIBRATE_FORMATS)[number];

export interface CalibrateOptions {
  data?: string;
  outcome?: string;
  /** The git variant: `tier` (did the account grow into a key tier between --from and --to?). */
  outcomeField?: string;
  from?: string;
  to?: string;
  asOf?: string;
  format?: CalibrateFormatName;
  seed?: string;
  bootstrap?: string;
  write?: boolean;
  encoding?: string;
  decimal?: DecimalMark;
  sheet?: string;
  strict?: boolean;
}

export const DEFAULT_SEED = 1;
export const DEFAULT_BOOTSTRAP = 1000;
export const FOLDS = 5;

function wholeNumber(flag: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(msg('calibrate.number', { flag, value, min, max }));
  return n;
}

/** What the report says besides the numbers. */
export interface CalibrateReport {
  source: 'data' | 'git';
  /** The outcomes file (data), or a label of the two revisions (git). */
  file: string;
  /** The outcome column (data) or plan field (git). */
  outcome: string;
  revisions?: { from: string; to: string };
  config: string;
  topTier: string;
  seed: number;
  bootstrap: number;
  missing: KamConfig['missing'];
  result: Calibration;
  notes: string[];
}

/** The rows to calibrate on: the model's score, top-tier flag and criterion scores of each, and its outcome. */
interface CalibrationRows {
  outcomes: Float64Array;
  scores: Float64Array;
  topTier: boolean[];
  s: Float64Array[];
  /** Per criterion: the rows where its input is present. */
  present: number[];
}

function rowsOf(config: KamConfig, accounts: readonly ScoredAccount[], outcomeOf: (i: number) => number): CalibrationRows {
  const n = accounts.length;
  const rows: CalibrationRows = { outcomes: new Float64Array(n), scores: new Float64Array(n), topTier: new Array<boolean>(n), s: config.criteria.map(() => new Float64Array(n)), present: config.criteria.map(() => 0) };
  const top = config.tiers[0]!.id;
  accounts.forEach((account, i) => {
    rows.outcomes[i] = outcomeOf(i);
    rows.scores[i] = account.score;
    rows.topTier[i] = account.tier === top;
    account.criteria.forEach((c, k) => {
      rows.s[k]![i] = c.score ?? Number.NaN;
      if (!c.missing) rows.present[k]!++;
    });
  });
  return rows;
}

export async function runCalibrate(ctx: CommandContext, options: CalibrateOptions): Promise<CommandResult> {
  const at = { cwd: ctx.cwd, ...(ctx.config !== undefined ? { config: ctx.config } : {}) };
  const configFile = findConfigFile(at);
  const config = await optionalConfig(at);
  await useConfigLocale(ctx, config);
  const git = options.outcomeField !== undefined;
  if (git && (options.data !== undefined || options.outcome !== undefined)) throw new UsageError(msg('calibrate.git.with-data', {}));
  if (!git && (options.from !== undefined || options.to !== undefined)) throw new UsageError(msg('calibrate.git.only', {}));
  if (!git && options.data === undefined) throw new UsageError(msg('calibrate.data.missing', {}));
  if (!git && (options.outcome === undefined || options.outcome.trim() === '')) throw new UsageError(msg('calibrate.outcome.missing', { file: options.data! }));
  const seed = wholeNumber('--seed', options.seed, DEFAULT_SEED, 0, 0xffffffff);
  const bootstrap = wholeNumber('--bootstrap', options.bootstrap, DEFAULT_BOOTSTRAP, 1, 1_000_000);
  const format = options.format ?? 'table';
  const shownConfig = configFile === undefined ? t('calibrate.builtin') : relative(ctx.cwd, configFile) || configFile;

  const notes: string[] = [];
  let rows: CalibrationRows;
  let base: Omit<CalibrateReport, 'topTier' | 'seed' | 'bootstrap' | 'missing' | 'result' | 'notes'>;
  if (git) {
    const read = await gitRows(ctx, config, options);
    rows = read.rows;
    notes.push(...read.notes);
    base = { source: 'git', file: read.label, outcome: options.outcomeField!, revisions: read.revisions, config: shownConfig };
  } else {
    const file = options.data!;
    const scored = await scoreClientData(file, ctx.cwd, config, {
      filter: {},
      encoding: options.encoding,
      decimal: options.decimal,
      sheet: options.sheet,
      currency: config === DEFAULT_CONFIG ? undefined : config.currency,
      strict: options.strict ?? false,
      keepRowOrdinals: true,
    });
    notes.push(...scored.notes);
    const selected = scored.selected ?? [];
    const outcomeByOrdinal = await readOutcomes(scored.table, config, file, options.outcome!, new Set(selected.map((s) => s.ordinal)));
    rows = rowsOf(config, selected.map((s) => s.account), (i) => outcomeByOrdinal.get(selected[i]!.ordinal)!);
    base = { source: 'data', file, outcome: options.outcome!, config: shownConfig };
  }
  const n = rows.outcomes.length;
  let positives = 0;
  for (const o of rows.outcomes) positives += o;
  if (positives === 0 || positives === n) {
    throw new InputError(
      git
        ? msg('calibrate.git.one-class', { from: base.revisions!.from, to: base.revisions!.to, count: n, value: positives === 0 ? 0 : 1 })
        : msg('calibrate.outcome.one-class', { file: base.file, outcome: base.outcome, value: positives === 0 ? 0 : 1 }),
    );
  }
  const top = config.tiers[0]!.id;
  const result = calibrate({ criteria: config.criteria, missing: config.missing, scores: rows.scores, topTier: rows.topTier, s: rows.s, outcomes: rows.outcomes, bootstrap, seed, folds: FOLDS });
  const own: string[] = [];
  if (Math.min(positives, n - positives) < 10) own.push(t('calibrate.note.few-rows', { positives, negatives: n - positives }));
  // With missing: zero a criterion without any input scores 0 everywhere: an AUC of 1/2, said so.
  config.criteria.forEach((c, k) => {
    if (rows.present[k] === 0 && config.missing === 'zero') own.push(t('calibrate.note.all-missing-zero', { criterion: c.id }));
  });
  for (const note of result.criterionNotes) own.push(t(note.reason === 'all-missing' ? 'calibrate.note.all-missing' : 'calibrate.note.one-outcome', { criterion: note.id }));
  if (result.lift === null) own.push(t('calibrate.note.no-top', { tier: top }));
  if (result.suggested === null) own.push(t('calibrate.note.no-fit', {}));
  if (!result.fit.converged) own.push(t('calibrate.note.not-converged', { iterations: result.fit.iterations }));
  if (result.cv === null) own.push(t('calibrate.note.no-cv', { k: FOLDS }));
  else if (result.cv.folds < FOLDS) own.push(t('calibrate.note.cv-folds', { folds: result.cv.folds, k: FOLDS }));
  notes.push(...own.map((note) => `kam: ${note}`));

  const report: CalibrateReport = { ...base, topTier: top, seed, bootstrap, missing: config.missing, result, notes: own };
  const { formatCalibration } = await import('../format/calibrate.js');
  let stdout = formatCalibration(report, format, options.write === true);
  if (options.write === true) {
    if (configFile === undefined) throw new UsageError(msg('calibrate.write.no-config', {}));
    if (result.suggested === null) throw new InputError(msg('calibrate.write.no-suggestion', {}));
    const { writeWeights } = await import('../io/calibrate-write.js');
    writeWeights(configFile, shownConfig, config, result.suggested);
    if (format === 'table') stdout += `${t('calibrate.written', { file: shownConfig })}\n`;
    else notes.push(`kam: ${t('calibrate.written', { file: shownConfig })}`);
  }
  return { stdout, stderr: notes, exitCode: 0 };
}

/** The plan fields the git variant takes as an outcome. */
export const OUTCOME_FIELDS = ['tier'] as const;

/**
 * The git variant: did the account grow into a key tier? The accounts are scored with the current
 * model (the workspace's kam.yaml) on their plans at --from; the outcome is 1 when the account's
 * computed tier at --to is a key tier (every tier but the lowest, as kam whitespace has it) and at
 * --from it was not, each revision's tier computed with that revision's own kam.yaml (as kam diff
 * computes them). Accounts already in a key tier at --from cannot grow into one and are left out;
 * so are accounts in one revision only (notes say how many).
 */
async function gitRows(ctx: CommandContext, config: KamConfig, options: CalibrateOptions): Promise<{ rows: CalibrationRows; notes: string[]; label: string; revisions: { from: string; to: string } }> {
  const field = options.outcomeField!;
  if (!(OUTCOME_FIELDS as readonly string[]).includes(field)) throw new UsageError(msg('calibrate.git.field', { field, fields: OUTCOME_FIELDS.join(', ') }));
  if (options.from === undefined) throw new UsageError(msg('calibrate.git.from', {}));
  const asOf = parseAsOf(options.asOf);
  const at = { cwd: ctx.cwd, ...(ctx.config !== undefined ? { config: ctx.config } : {}) };
  const { openRevision } = await import('../io/revision.js');
  const { checkPlans, checkLoadedPlans } = await import('../core/check.js');
  const { keyTiersOf } = await import('../core/whitespace.js');
  const notes: string[] = [];
  const from = openRevision(at, options.from);
  const to = options.to ?? WORKTREE;
  let toAccounts: readonly ScoredAccount[];
  let toKey: Set<string>;
  if (to === WORKTREE) {
    const { planInputs } = await import('./inputs.js');
    const { loadPlanRefs } = await import('../io/plan-shard.js');
    const inputs = await planInputs(ctx, [], undefined);
    notes.push(...inputs.notes);
    toAccounts = checkLoadedPlans(loadPlanRefs(inputs.refs), inputs.config, { asOf }).accounts;
    toKey = new Set(keyTiersOf(inputs.config.tiers));
  } else {
    const revision = openRevision(at, to);
    toAccounts = checkPlans(revision.sources, revision.config, { asOf }).accounts;
    toKey = new Set(keyTiersOf(revision.config.tiers));
  }
  const fromKey = new Set(keyTiersOf(from.config.tiers));
  const fromTier = new Map(checkPlans(from.sources, from.config, { asOf }).accounts.map((a) => [a.id, a.tier] as const));
  const toTier = new Map(toAccounts.map((a) => [a.id, a.tier] as const));
  // The predictor: the current model on the plans as they were at --from.
  const scored = checkPlans(from.sources, config, { asOf }).accounts;
  const onlyFrom = scored.filter((a) => !toTier.has(a.id)).map((a) => a.id);
  const onlyTo = toAccounts.filter((a) => !fromTier.has(a.id)).map((a) => a.id);
  const alreadyKey = scored.filter((a) => toTier.has(a.id) && fromKey.has(fromTier.get(a.id) ?? '')).length;
  const kept = scored.filter((a) => toTier.has(a.id) && !fromKey.has(fromTier.get(a.id) ?? '')).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const listed = (ids: string[]) => ids.slice(0, 5).join(', ') + (ids.length > 5 ? ', …' : '');
  if (onlyFrom.length > 0) notes.push(`kam: ${t('calibrate.git.only-from', { count: onlyFrom.length, from: options.from, to, ids: listed(onlyFrom) })}`);
  if (onlyTo.length > 0) notes.push(`kam: ${t('calibrate.git.only-to', { count: onlyTo.length, from: options.from, to, ids: listed(onlyTo) })}`);
  if (alreadyKey > 0) notes.push(`kam: ${t('calibrate.git.already-key', { count: alreadyKey, from: options.from })}`);
  const rows = rowsOf(config, kept, (i) => (toKey.has(toTier.get(kept[i]!.id) ?? '') ? 1 : 0));
  return { rows, notes, label: `${options.from}..${to}`, revisions: { from: options.from, to } };
}

const OUTCOME_VALUES: Record<string, number> = { '0': 0, '1': 1, true: 1, false: 0, yes: 1, no: 0 };

/** The column of `outcome` in the header: its exact (trimmed) name, else the one header that matches it as kam matches headers. */
export function outcomeColumn(header: readonly string[], outcome: string, file: string): number {
  const exact = header.flatMap((h, i) => (h.trim() === outcome.trim() ? [i] : []));
  const matches = exact.length > 0 ? exact : header.flatMap((h, i) => (normalizeHeader(h) !== '' && normalizeHeader(h) === normalizeHeader(outcome) ? [i] : []));
  if (matches.length === 0) throw new UsageError(msg('calibrate.outcome.no-column', { outcome, file, header: header.map((h) => `"${h}"`).join(', ') || '-' }));
  if (matches.length > 1) throw new UsageError(msg('calibrate.outcome.two-columns', { outcome, file, columns: matches.map((i) => `"${header[i]}"`).join(', ') }));
  return matches[0]!;
}

/** The field a column feeds in the model, when it feeds one (then it cannot be the outcome). */
function fieldOfColumn(header: readonly string[], config: KamConfig, column: number): string | undefined {
  const plan = planColumns(header, config);
  if (plan.id === column) return 'id';
  if (plan.name === column) return 'name';
  if (plan.wallet === column) return 'wallet';
  for (const [year, c] of plan.revenue) if (c === column) return `revenue_${year}`;
  const k = plan.custom.indexOf(column);
  if (k !== -1) return config.criteria[k]!.input;
  return undefined;
}

/**
 * A second pass over the table scoreClientData read, the same way (as readClientRows makes one):
 * the outcome of each scored row, keyed by the row's ordinal. A value that is not 0/1, true/false
 * or yes/no is an error naming file:line:column.
 */
async function readOutcomes(table: ReadTable, config: KamConfig, file: string, outcome: string, ordinals: ReadonlySet<number>): Promise<Map<number, number>> {
  const column = outcomeColumn(table.header, outcome, file);
  const field = fieldOfColumn(table.header, config, column);
  if (field !== undefined) throw new UsageError(msg('calibrate.outcome.feeds-model', { outcome: table.header[column]!.trim(), file, field }));
  const found = new Map<number, number>();
  let problem: InputError | undefined;
  await forEachChosenRow(table, ordinals, (row, ordinal, startLine) => {
    if (problem !== undefined) return;
    const raw = column < row.length ? row.cell(column) : '';
    const value = OUTCOME_VALUES[raw.trim().toLowerCase()];
    if (value === undefined || !Object.hasOwn(OUTCOME_VALUES, raw.trim().toLowerCase())) {
      problem = new InputError(msg('calibrate.outcome.bad-value', { file, line: startLine, column: column + 1, value: raw, outcome: table.header[column]!.trim() }));
      return;
    }
    found.set(ordinal, value);
  });
  if (problem) throw problem;
  return found;
}
