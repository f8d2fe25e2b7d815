// Where check, gaps and score read their plans: the working tree, or a git revision (--ref).
import { join } from 'node:path';
import type { CheckResult } from '../core/check.js';
import type { KamConfig } from '../core/config.js';
import { checkPlansOnThreads, startPlanWorkers } from '../io/plan-threads.js';
import { InputError } from '../errors.js';
import { countPlanCandidates, openWorkspace, planRefs, relativeToRoot, selectPlanFiles, type PlanRef } from '../io/workspace.js';
import type { CommandContext } from './common.js';

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
}

/** `threads`: the plans will load on the thread pool (check, gaps, score): its workers may start now. */
export async function planInputs(ctx: CommandContext, files: readonly string[], ref: string | undefined, threads = false): Promise<PlanInputs> {
  if (ref !== undefined) {
    const { openRevision } = await import('../io/revision.js');
    const at = openRevision({ cwd: ctx.cwd, files, ...(ctx.config !== undefined ? { config: ctx.config } : {}) }, ref);
    const notes = shortNotes(at.skipped.map((f) => `kam: skipped ${f}: a symlink in git is not read`));
    if (at.sources.length === 0) throw nothingLeft(notes);
    return { config: at.config, refs: at.sources, notes, fileCount: at.sources.length, root: join(at.repo.top, at.folder) };
  }
  const ws = openWorkspace({ cwd: ctx.cwd, ...(ctx.config !== undefined ? { config: ctx.config } : {}) });
  if (threads && files.length === 0) startPlanWorkers(countPlanCandidates(ws));
  const selection = await selectPlanFiles(ws, ctx.cwd, files);
  const notes = shortNotes(selection.skipped.map(({ path, why }) => `kam: skipped ${relativeToRoot(ws, path)}: ${why}`));
  // Every file skipped is no plan matched (SPEC 5: exit 2), not "no problems in 0 plans".
  if (selection.files.length === 0) throw nothingLeft(notes);
  const refs = planRefs(ws, selection);
  return { config: ws.config, refs, notes, fileCount: selection.files.length, root: ws.root };
}

/** Notes beyond this many are counted, not listed (a folder of links out would otherwise print one line each). */
const MAX_NOTES = 20;

function shortNotes(notes: string[]): string[] {
  if (notes.length <= MAX_NOTES) return notes;
  const shown = notes.slice(0, MAX_NOTES - 1);
  shown.push(`kam: … and ${notes.length - shown.length} more skipped`);
  return shown;
}

function nothingLeft(notes: readonly string[]): InputError {
  // cli.ts prints "kam: " before the message: the notes follow on their own lines.
  return new InputError(`no plans left to read: every file that matched was skipped\n${notes.join('\n')}`);
}

/** The plans of the inputs loaded (on worker threads when many) and run through the rules. */
export async function checkInputs(inputs: PlanInputs, asOf: string): Promise<CheckResult> {
  return checkPlansOnThreads(inputs.refs, inputs.config, { asOf });
}
