// `kam check`: validate plans and apply the rules; the CI gate.
import { summarize } from '../core/findings.js';
import { FINDINGS_FORMATTERS, MACHINE_FORMATS, type FindingsFormat } from '../format/findings/index.js';
import { KAM_VERSION } from '../version.js';
import { parseAsOf, parseCount, type CommandContext, type CommandResult } from './common.js';
import { checkInputs, planInputs } from './inputs.js';

export interface CheckOptions {
  files: string[];
  format: FindingsFormat;
  asOf?: string;
  maxWarnings?: string;
  quiet?: boolean;
  ref?: string;
}

export async function runCheck(ctx: CommandContext, options: CheckOptions): Promise<CommandResult> {
  const asOf = parseAsOf(options.asOf);
  const maxWarnings = parseCount('--max-warnings', options.maxWarnings);
  const inputs = await planInputs(ctx, options.files, options.ref, true);
  const stderr = inputs.notes;
  const result = await checkInputs(inputs, asOf);

  const all = result.findings;
  const shown = options.quiet ? all.filter((f) => f.severity === 'error') : all;
  const summary = summarize(shown, inputs.fileCount);
  const format = FINDINGS_FORMATTERS[options.format];
  const color = ctx.color && !(MACHINE_FORMATS as readonly string[]).includes(options.format);
  const stdout = format(shown, summary, { color, version: KAM_VERSION });

  let exitCode = summary.errors > 0 ? 1 : 0;
  if (maxWarnings !== undefined && summary.warnings > maxWarnings) {
    exitCode = 1;
    stderr.push(`kam: ${summary.warnings} warnings, more than --max-warnings ${maxWarnings}`);
  }
  return { stdout, stderr, exitCode };
}
