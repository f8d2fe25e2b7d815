// Where check, gaps and score read their plans: the working tree, or a git revision (--ref).
import { join } from 'node:path';
import type { CheckResult } from '../core/check.js';
import type { KamConfig } from '../core/config.js';
import { checkPlansOnThreads, startPlanWorkers } from '../io/plan-threads.js';
import { InputError } from '../errors.js';
import { msg, t } from '../i18n/index.js';
import { countPlanCandidates, openWorkspace, planRefs, relativeToRoot, selectPlanFiles, type PlanRef, type Workspace } from '../io/workspace.js';
import { useConfigLocale, type CommandContext } from './common.js';

export interface PlanInputs {
  config: KamConfig;
  /** The plans: paths to read (working tree) or bytes (git). */
  refs: PlanRef[];
  /** Notes for stderr (plans skipped and why). */
  notes: string[];
  /** The files considered (for "N files checked"). */
  fileCount: number;
  /** The workspace folder on disk (where kam may write). */
  root: string;
  /**
   * With file arguments to check or gaps: the files to report on, while `refs` holds every plan
   * of the workspace too, so that portfolio rules, duplicate ids and percentile scales see the
   * whole portfolio (two changed files are not a portfolio).
   */
  only?: ReadonlySet<string>;
}

/**
 * `threads`: the plans will load on the thread pool (check, gaps, score): its workers may start now.
 * `wholePortfolio`: file arguments name what to report on, and the rest of the workspace's plans
 * are loaded too (check and gaps: see PlanInputs.only).
 */
export async function planInputs(ctx: CommandContext, files: readonly string[], ref: string | undefined, threads = false, wholePortfolio = false): Promise<PlanInputs> {
  const withAll = wholePortfolio && files.length > 0;
  if (ref !== undefined) {
    const { openRevision } = await import('../io/revision.js');
    const options = { cwd: ctx.cwd, ...(ctx.config !== undefined ? { config: ctx.config } : {}) };
    const at = openRevision({ ...options, files }, ref);
    await useConfigLocale(ctx, at.config);
    const notes = shortNotes(at.skipped.map((file) => `kam: ${t('cli.skipped.git-symlink', { file })}`));
    if (at.sources.length === 0) throw nothingLeft(notes);
    const inputs: PlanInputs = { config: at.config, refs: at.sources, notes, fileCount: at.sources.length, root: join(at.repo.top, at.folder) };
    if (withAll) {
      inputs.refs = union(openRevision({ ...options, files: [] }, ref).sources, at.sources);
      inputs.only = new Set(at.sources.map((s) => s.file));
    }
    return inputs;
  }
  const ws = openWorkspace({ cwd: ctx.cwd, ...(ctx.config !== undefined ? { config: ctx.config } : {}) });
  await useConfigLocale(ctx, ws.config);
  if (threads && (files.length === 0 || withAll)) startPlanWorkers(countPlanCandidates(ws));
  const selection = await selectPlanFiles(ws, ctx.cwd, files);
  const notes = shortNotes(selection.skipped.map(({ path, why }) => `kam: ${t('cli.skipped', { file: relativeToRoot(ws, path), why })}`));
  // Every file skipped is no plan matched (SPEC 5: exit 2), not "no problems in 0 plans".
  if (selection.files.length === 0) throw nothingLeft(notes);
  const refs = planRefs(ws, selection);
  const inputs: PlanInputs = { config: ws.config, refs, notes, fileCount: selection.files.length, root: ws.root };
  if (withAll) {
    inputs.refs = union(await workspacePlanRefs(ws, ctx.cwd), refs);
    inputs.only = new Set(refs.map((r) => r.file));
  }
  return inputs;
}

/** The plans of the `plans` glob; none when it matches nothing (the files given are the portfolio then). */
async function workspacePlanRefs(ws: Workspace, cwd: string): Promise<PlanRef[]> {
  try {
    return planRefs(ws, await selectPlanFiles(ws, cwd, []));
  } catch (err) {
    if (err instanceof InputError) return [];
    throw err;
  }
}

/** The workspace's plans and the files given (which may lie outside the `plans` glob), each once. */
function union<T extends { file: string }>(all: readonly T[], given: readonly T[]): T[] {
  const files = new Set(all.map((r) => r.file));
  return [...all, ...given.filter((r) => !files.has(r.file))];
}

/** Notes beyond this many are counted, not listed (a folder of links out would otherwise print one line each). */
const MAX_NOTES = 20;

function shortNotes(notes: string[]): string[] {
  if (notes.length <= MAX_NOTES) return notes;
  const shown = notes.slice(0, MAX_NOTES - 1);
  shown.push(`kam: ${t('cli.skipped.more', { count: notes.length - shown.length })}`);
  return shown;
}

function nothingLeft(notes: readonly string[]): InputError {
  // cli.ts prints "kam: " before the message: the notes follow on their own lines.
  return new InputError(msg('cli.nothing-left', { notes: notes.join('\n') }));
}

/** The plans of the inputs loaded (on worker threads when many) and run through the rules. */
export async function checkInputs(inputs: PlanInputs, asOf: string): Promise<CheckResult> {
  const result = await checkPlansOnThreads(inputs.refs, inputs.config, { asOf });
  const only = inputs.only;
  if (only === undefined) return result;
  const accounts = result.accounts.filter((account) => only.has(result.fileOf.get(account) ?? ''));
  const findings = result.findings.filter((f) => only.has(f.file));
  const invalid = new Set(findings.filter((f) => f.rule === 'yaml-syntax' || f.rule === 'schema').map((f) => f.file));
  return { ...result, findings, accounts, files: only.size, invalidFiles: invalid.size };
}
