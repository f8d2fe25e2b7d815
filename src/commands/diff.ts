// `kam diff <base> [<head>]`: score, tier and findings changes between two git revisions,
// or between a revision and the working tree.
import { checkLoadedPlans, checkPlans, type CheckResult } from '../core/check.js';
import type { KamConfig } from '../core/config.js';
import { diffSnapshots, type Snapshot } from '../core/diff.js';
import { DIFF_FORMATTERS } from '../format/diff/index.js';
import { i18n, t } from '../i18n/index.js';
import type { DiffFormatName } from '../format/formats.js';
import { loadPlanRefs } from '../io/plan-shard.js';
import { openRevision } from '../io/revision.js';
import { localizedFindings, useConfigLocale, listedNotes, noValidPlan, parseAsOf, type CommandContext, type CommandResult } from './common.js';
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
  await useConfigLocale(ctx, base.config);
  const notes: string[] = [];
  let head: Snapshot;
  if (options.head === undefined || options.head === WORKTREE) {
    const inputs = await planInputs(ctx, [], undefined);
    notes.push(...inputs.notes);
    // A plan of the working tree that cannot be read is a finding, as in kam check (opened
    // against the base, its account gone from the head), and a note: the others are compared.
    const loaded = loadPlanRefs(inputs.refs);
    if (loaded.unreadable.length > 0) {
      const heading = `kam: ${t('cli.diff.unreadable', { count: loaded.unreadable.length })}`;
      notes.push(...listedNotes(heading, loaded.unreadable.map(({ file, text }) => ({ file, line: 1, column: 1, message: i18n().render(text) }))));
    }
    // Not one plan read: a diff would show every account removed, which is not what happened.
    if (loaded.unreadable.length === inputs.refs.length) return noValidPlan('compare', loaded.unreadable.length, notes);
    head = snapshot(WORKTREE, inputs.config, checkLoadedPlans(loaded, inputs.config, { asOf }), ctx, asOf);
  } else {
    const revision = openRevision(at, options.head);
    await useConfigLocale(ctx, revision.config);
    head = snapshot(revision.sha, revision.config, checkPlans(revision.sources, revision.config, { asOf }), ctx, asOf);
  }
  const result = diffSnapshots(snapshot(base.sha, base.config, checkPlans(base.sources, base.config, { asOf }), ctx, asOf), head);
  return { stdout: DIFF_FORMATTERS[options.format](result, { color: ctx.color && options.format === 'table' }), stderr: notes, exitCode: 0 };
}

function snapshot(label: string, config: KamConfig, checked: CheckResult, ctx: CommandContext, asOf: string): Snapshot {
  // The effective model, not the file's bytes: a comment or reformatting changes nothing.
  // Findings' `message` (what the json format writes) follows the locale only when --locale was
  // given; the table and markdown formats render each finding's text in the locale anyway.
  return { label, accounts: checked.accounts, findings: localizedFindings(checked.findings, false, ctx), configKey: JSON.stringify(config), asOf };
}
