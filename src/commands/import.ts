// `kam import <file.csv>`: plans for the best rows of a client export. Every plan is rendered
// and validated first; only then is anything written, and an existing plan is never touched.
import { addDays } from '../core/dates.js';
import { errorText, plansFolderOf, requiredSectionsOf, scaffoldPlan, schemaPathFrom, statusWord } from '../core/scaffold.js';
import { planNaming, type IdStyle, type PlanNaming } from '../core/slug.js';
import { i18n, msg, t } from '../i18n/index.js';
import type { DecimalMark } from '../tabular/numbers.js';
import type { TemplateVars } from '../core/template.js';
import { InputError, KamError, UsageError } from '../errors.js';
import { escapeLines } from '../format/escape.js';
import { readClientRows, scoreClientData, type ClientDataResult, type ClientRowCells } from '../io/client-data.js';
import type { KamConfig } from '../core/config.js';
import type { ScoreFilter } from '../core/score-report.js';
import { progressBar } from '../io/progress.js';
import { writeInside, type PlannedFile, type WriteOutcome } from '../io/safe-write.js';
import { loadTemplate } from '../io/templates.js';
import { existingPlanIds, openWorkspace } from '../io/workspace.js';
import { useConfigLocale, parseAsOf, parseCount, type CommandContext, type CommandResult } from './common.js';
import { checkedTier, PLACEHOLDER_DUE_DAYS, useWorkspaceLocale } from './new.js';
import { append } from '../core/append.js';

export interface ImportOptions {
  file: string;
  top?: string;
  tier?: string;
  template?: string;
  owner?: string;
  encoding?: string;
  decimal?: DecimalMark;
  sheet?: string;
  strict?: boolean;
  asOf?: string;
  dryRun?: boolean;
  /** issue 21: kam, duckdb or auto. */
  engine?: string;
}

/** The width of the status column of import's list (in English, that of "would create"). */
const STATUS_WIDTH = 12;

/** A file big enough that a progress bar helps (on a TTY). */
const PROGRESS_MIN_BYTES = 4 * 1024 * 1024;

export async function runImport(ctx: CommandContext, options: ImportOptions): Promise<CommandResult> {
  await useConfigLocale(ctx, undefined);
  let today: string;
  let top: number | undefined;
  try {
    today = parseAsOf(options.asOf);
    top = parseCount('--top', options.top);
  } catch (err) {
    await useWorkspaceLocale(ctx);
    throw err;
  }
  if (top === undefined && options.tier === undefined) {
    await useWorkspaceLocale(ctx);
    throw new UsageError(msg('init.import.which-rows', {}));
  }
  const ws = openWorkspace({ cwd: ctx.cwd, ...(ctx.config !== undefined ? { config: ctx.config } : {}) });
  await useConfigLocale(ctx, ws.config);
  const tierIds = ws.config.tiers.map((t) => t.id);
  const tiers = options.tier?.split(',').map((t) => t.trim()).filter((t) => t !== '').map((t) => checkedTier(t, tierIds));
  const template = loadTemplate(ws.root, options.template ?? 'plan', i18n().locale);

  let bar: ReturnType<typeof progressBar> | undefined;
  const filter = { ...(top !== undefined ? { top } : {}), ...(tiers ? { tiers } : {}) };
  const scored = (await importWithDuckDb(options, ctx.cwd, ws.config, filter)) ?? await scoreClientData(options.file, ctx.cwd, ws.config, {
    filter,
    encoding: options.encoding,
    decimal: options.decimal,
    sheet: options.sheet,
    currency: ws.config.currency,
    strict: options.strict ?? false,
    keepRowOrdinals: true,
    onBytes: (bytes, total) => {
      if (total < PROGRESS_MIN_BYTES) return;
      bar ??= progressBar(`kam: ${t('init.import.reading', { file: options.file })}`, total);
      bar.update(bytes);
    },
  });
  bar?.finish();
  const selected = scored.selected ?? [];
  const cells = await readClientRows(scored.table, ws.config, new Set(selected.map((s) => s.ordinal)));

  const { folder, extension } = plansFolderOf(ws.config);
  const prefix = folder === '.' ? '' : `${folder}/`;
  const planned: (PlannedFile & { line: number; rank: number; tier: string | undefined; score: string })[] = [];
  const problems: string[] = [];
  const duplicates: string[] = [];
  const byPath = new Map<string, number>();
  const plannedIds = await existingPlanIds(ws);
  for (const { ordinal, account } of selected) {
    const row = cells.get(ordinal)!;
    const naming = namingOf(row.name, account.id, ws.config);
    const path = `${prefix}${naming.stem}${extension}`;
    const earlier = byPath.get(path);
    if (earlier !== undefined) {
      duplicates.push(t('init.import.same-file', { status: statusWord('skipped', STATUS_WIDTH), line: row.line, path, earlier }));
      continue;
    }
    byPath.set(path, row.line);
    const elsewhere = plannedIds.get(naming.id);
    if (elsewhere !== undefined && elsewhere !== path) {
      duplicates.push(t('init.import.has-plan', { status: statusWord('skipped', STATUS_WIDTH), path, id: naming.id, elsewhere, line: row.line }));
      continue;
    }
    const tier = account.tier ?? undefined;
    const result = scaffoldPlan(template.text, planVars(row, naming.id, tier, today, schemaPathFrom(folder), ws.config.currency, options.owner), requiredSectionsOf(ws.config, tier));
    if (!result.ok) {
      problems.push(...result.problems.map((p) => t('init.import.row-problem', { file: options.file, line: row.line, template: template.label, templateLine: p.line, column: p.column, message: p.message })));
      continue;
    }
    planned.push({ path, content: result.text, line: row.line, rank: account.rank, tier: account.tier ?? undefined, score: account.score.toFixed(1) });
  }
  if (problems.length > 0) {
    throw new InputError(msg('init.import.rows-invalid', { problems: problems.join('\n') }));
  }

  const lines: string[] = [];
  let written = 0;
  let skipped = duplicates.length;
  for (const [index, file] of planned.entries()) {
    let outcome: WriteOutcome;
    try {
      outcome = writeInside(ws.root, file, { dryRun: options.dryRun ?? false });
    } catch (err) {
      if (!(err instanceof KamError)) throw err;
      // A full disk midway: say what was created (it stays, and a rerun skips it), then the error.
      append(lines, duplicates);
      lines.push(t('init.import.created-before-error', { written, left: planned.length - index }));
      return { stdout: escapeLines(`${lines.join('\n')}\n`), stderr: scored.notes, stderrAfter: [`kam: ${errorText(err)}`], exitCode: err.exitCode };
    }
    const exists = outcome.status === 'kept' || outcome.status === 'would keep';
    if (exists) skipped++;
    else written++;
    const status = outcome.status === 'kept' ? 'skipped' : outcome.status === 'would keep' ? 'would skip' : outcome.status;
    const shown = { status: statusWord(status, STATUS_WIDTH), path: file.path };
    if (exists) lines.push(t('init.import.plan.exists', shown));
    else if (file.tier === undefined) lines.push(t('init.import.plan.new-no-tier', { ...shown, rank: file.rank, score: file.score }));
    else lines.push(t('init.import.plan.new', { ...shown, rank: file.rank, tier: file.tier, score: file.score }));
    if (outcome.status === 'would create') lines.push(file.content.trimEnd().split('\n').map((l) => `  | ${l}`).join('\n'));
  }
  append(lines, duplicates);
  const counts = { written, skipped, selected: selected.length, total: scored.report.total };
  lines.push(options.dryRun ? t('init.import.summary.dry-run', counts) : t('init.import.summary', counts));
  // Tier ids (kam.yaml) and, with --dry-run, the plans' text: shown with controls escaped (escape.ts).
  return { stdout: escapeLines(`${lines.join('\n')}\n`), stderr: scored.notes, exitCode: 0 };
}

/**
 * The plan's id is the id kam score showed for the row (one rule: src/core/slug.ts); its file is
 * named as kam new names it: after the id, or after the name's own letters when the id had to take a hash (a name neither ASCII nor pinyin spells).
 */
function namingOf(name: string, id: string, style: IdStyle | object): PlanNaming {
  if (name === '') return planNaming(id, id);
  const fromName = planNaming(name, undefined, style);
  if (fromName.id === id) return fromName;
  // A repeated name got a -2, -3… suffix: so does its file.
  const suffix = id.startsWith(`${fromName.id}-`) ? id.slice(fromName.id.length) : undefined;
  if (suffix !== undefined && /^-\d+$/.test(suffix) && fromName.stem !== fromName.id) return { id, stem: `${fromName.stem}${suffix}` };
  return planNaming(name, id, style);
}

function planVars(row: ClientRowCells, id: string, tier: string | undefined, today: string, schema: string, currency: string, owner: string | undefined): TemplateVars {
  const vars: Record<string, TemplateVars[string]> = {
    id,
    name: row.name || id,
    tier,
    owner: owner ?? row.text.owner,
    industry: row.text.industry,
    region: row.text.region,
    today,
    due: addDays(today, PLACEHOLDER_DUE_DAYS),
    schema,
    currency,
    revenue: row.revenue,
    wallet: row.wallet,
    assessment: row.assessment,
    metrics: Object.keys(row.revenue).length > 0 || row.wallet !== undefined || Object.keys(row.metrics).length > 0,
  };
  return vars;
}

/**
 * issue 21: the rows chosen by DuckDB when --engine (or auto) takes the file there (a CSV: the
 * chosen rows' cells are then read by kam's reader, as with its own engine); undefined for kam's engine.
 */
async function importWithDuckDb(options: ImportOptions, cwd: string, config: KamConfig, filter: ScoreFilter): Promise<Pick<ClientDataResult, 'selected' | 'table' | 'notes' | 'report'> | undefined> {
  const { parseEngine, chooseEngine, duckScore, NotPlainError } = await import('../io/duckdb-engine.js');
  const engine = parseEngine(options.engine);
  if (engine === 'kam') return undefined;
  const choice = await chooseEngine(options.file, cwd, config, { engine, encoding: options.encoding, decimal: options.decimal, sheet: options.sheet });
  if (choice.engine === 'kam') return undefined;
  const table = choice.plan.table;
  if (table === undefined) {
    if (engine === 'auto') return undefined;
    throw new UsageError(msg('engine.import-parquet', { file: options.file }));
  }
  try {
    const result = await duckScore(choice.plan, config, { filter, keepRowOrdinals: true });
    return { report: result.report, selected: result.selected ?? [], table, notes: result.notes };
  } catch (err) {
    if (err instanceof NotPlainError && engine === 'auto') return undefined;
    throw err;
  }
}
