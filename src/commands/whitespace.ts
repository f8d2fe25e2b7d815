// `kam whitespace`: the product × account matrix of the plans' whitespace entries (issue 19).
// Plans load as for `kam score` (worker threads, the same scoring), with their whitespace entries
// and share targets; the matrix itself is src/core/whitespace.ts.
import { scoreAccountRows } from '../core/scoring.js';
import { closest } from '../core/suggest.js';
import { buildWhitespaceReport, type WhitespaceFilter, type WhitespaceInput } from '../core/whitespace.js';
import { UsageError } from '../errors.js';
import { msg, t } from '../i18n/index.js';
import type { WhitespaceFormatName } from '../format/formats.js';
import { invalidPlanNotes, noValidPlan, type CommandContext, type CommandResult } from './common.js';
import { planInputs } from './inputs.js';
import { TABLE_ROW_LIMIT } from './score.js';

export interface WhitespaceOptions {
  files: string[];
  format: WhitespaceFormatName;
  product?: string;
  tier?: string;
  ref?: string;
}

const list = (value: string | undefined) => (value ?? '').split(',').map((v) => v.trim()).filter((v) => v !== '');

export async function runWhitespace(ctx: CommandContext, options: WhitespaceOptions): Promise<CommandResult> {
  const inputs = await planInputs(ctx, options.files, options.ref, true);
  const config = inputs.config;
  const filter: WhitespaceFilter = { products: list(options.product), tiers: list(options.tier) };
  const known = config.tiers.map((tier) => tier.id);
  for (const tier of filter.tiers ?? []) {
    if (known.includes(tier)) continue;
    const guess = closest(tier, known);
    throw new UsageError(guess ? msg('cli.tier.unknown.guess', { tier, guess, tiers: known.join(', ') }) : msg('cli.tier.unknown', { tier, tiers: known.join(', ') }));
  }
  const stderr = [...inputs.notes];
  const { loadPlanSubjects } = await import('../io/plan-threads.js');
  const { subjects, whitespace, invalidFiles, invalidFindings } = await loadPlanSubjects(inputs.refs, config, { whitespace: true });
  if (invalidFiles.length > 0) stderr.push(...invalidPlanNotes(`kam: ${t('whitespace.not-scored', { count: invalidFiles.length })}`, invalidFindings));
  if (subjects.length === 0) return noValidPlan('score', invalidFiles.length, stderr);

  // The scoring of `kam score`: account i is subject i (ranks as kam score gives them).
  const accounts = scoreAccountRows(subjects, config);
  const matrixInputs: WhitespaceInput[] = accounts.map((account, i) => ({ account, subject: subjects[i]!, facts: whitespace![i]! }));
  const report = buildWhitespaceReport(matrixInputs, config.tiers, filter);
  for (const bad of report.badShares.slice(0, 20)) stderr.push(`kam: ${t('whitespace.bad-share', { account: bad.account, metric: bad.metric, value: String(bad.value) })}`);

  const { WHITESPACE_FORMATTERS } = await import('../format/whitespace/index.js');
  const total = report.rows.length;
  const shown = options.format === 'table' && total > TABLE_ROW_LIMIT ? { ...report, rows: report.rows.slice(0, TABLE_ROW_LIMIT) } : report;
  const color = ctx.color && (options.format === 'table' || options.format === 'markdown');
  const stdout = WHITESPACE_FORMATTERS[options.format](shown, { color, tiers: config.tiers, total });
  return { stdout, stderr, exitCode: 0 };
}
