// `kam diff <base> [<head>]`: score, tier and findings changes between two git revisions,
// or between a revision and the working tree.
import { checkPlans, type SourceFile } from '../core/check.js';
import type { KamConfig } from '../core/config.js';
import { diffSnapshots, type Snapshot } from '../core/diff.js';
import { DIFF_FORMATTERS } from '../format/diff/index.js';
import type { DiffFormatName } from '../format/formats.js';
import { openRevision } from '../io/revision.js';
import { bytesOf } from '../io/workspace.js';
import { parseAsOf, type CommandContext, type CommandResult } from './common.js';
import { planInputs } from './inputs.js';

export interface DiffOptions {
  base: string;
  head?: string;
  format: DiffFormatName;
  asOf?: string;
}

export const WORKTREE = 'WORKTREE';

export async function runDiff(ctx: CommandContext, options: DiffOptions): Promise<CommandResult> {
  const asOf = parseAsOf(options.asOf);
  const at = { cwd: ctx.cwd, ...(ctx.config !== undefined ? { config: ctx.config } : {}) };
  const base = openRevision(at, options.base);
  const notes: string[] = [];
  let head: { label: string; config: KamConfig; sources: SourceFile[] };
  if (options.head === undefined || options.head === WORKTREE) {
    const inputs = await planInputs(ctx, [], undefined);
    notes.push(...inputs.notes);
    head = { label: WORKTREE, config: inputs.config, sources: inputs.refs.map((ref) => ({ file: ref.file, bytes: bytesOf(ref) })) };
  } else {
    const revision = openRevision(at, options.head);
    head = { label: revision.sha, config: revision.config, sources: revision.sources };
  }
  const result = diffSnapshots(snapshot(base.sha, base.config, base.sources, asOf), snapshot(head.label, head.config, head.sources, asOf));
  return { stdout: DIFF_FORMATTERS[options.format](result, { color: ctx.color && options.format === 'table' }), stderr: notes, exitCode: 0 };
}

function snapshot(label: string, config: KamConfig, sources: readonly SourceFile[], asOf: string): Snapshot {
  const checked = checkPlans(sources, config, { asOf });
  // The effective model, not the file's bytes: a comment or reformatting changes nothing.
  return { label, accounts: checked.accounts, findings: checked.findings, configKey: JSON.stringify(config) };
}
