// `kam check`: validate plans and apply the rules; the CI gate.
import { summarize } from '../core/findings.js';
import { FINDINGS_FORMATTERS, MACHINE_FORMATS, type FindingsFormat } from '../format/findings/index.js';
import { checkedRun } from '../format/findings/checked.js';
import { repoPathsOf } from '../io/repo-root.js';
import { t } from '../i18n/index.js';
import { KAM_VERSION } from '../version.js';
import { localizedFindings, parseAsOf, parseCount, type CommandContext, type CommandResult } from './common.js';
import { checkInputs, planInputs } from './inputs.js';

export interface CheckOptions {
  files: string[];
  format: FindingsFormat;
  asOf?: string;
  maxWarnings?: string;
  quiet?: boolean;
  ref?: string;
  /** Report only the findings not in this baseline file; --update-baseline writes it. */
  baseline?: string;
  updateBaseline?: boolean;
}

export async function runCheck(ctx: CommandContext, options: CheckOptions): Promise<CommandResult> {
  const asOf = parseAsOf(options.asOf);
  const maxWarnings = parseCount('--max-warnings', options.maxWarnings);
  const inputs = await planInputs(ctx, options.files, options.ref, true, true);
  const stderr = inputs.notes;
  // issue 22: kam.yaml's warnings (segments that can never match), on stderr.
  if (inputs.config.segments !== undefined) {
    const { configWarnings } = await import('../io/workspace.js');
    for (const line of configWarnings(inputs.config)) stderr.push(t('segment.warning', { text: line }));
  }
  const result = await checkInputs(inputs, asOf);

  let all = result.findings;
  if (options.baseline !== undefined || options.updateBaseline === true) {
    const { baselineStep } = await import('../io/baseline-file.js');
    // With file arguments only those are checked: the baseline's entries of the other files stay.
    const checked = inputs.only ? [...inputs.only] : options.files.length > 0 ? inputs.refs.map((r) => r.file) : undefined;
    const step = baselineStep({ root: inputs.root, cwd: ctx.cwd, update: options.updateBaseline === true, ...(options.baseline !== undefined ? { file: options.baseline } : {}), ...(checked ? { checked } : {}) }, all);
    stderr.push(...step.notes);
    if (step.updated) return { stdout: '', stderr, exitCode: 0 };
    all = step.findings;
  }
  const shown = options.quiet ? all.filter((f) => f.severity === 'error') : all;
  const summary = summarize(shown, inputs.fileCount);
  const format = FINDINGS_FORMATTERS[options.format];
  const color = ctx.color && !(MACHINE_FORMATS as readonly string[]).includes(options.format);
  // github, sarif and junit paths read from the repository root (a monorepo's `sales/kam/…`); json ignores it.
  const { prefix: pathPrefix, base: pathBase } = repoPathsOf(inputs.root);
  // junit and markdown report every plan and rule, clean ones included.
  const run = checkedRun(inputs.only ? [...inputs.only] : inputs.refs.map((r) => r.file), result.fileOf.values(), inputs.config.rules, maxWarnings);
  const human = options.format === 'stylish' || options.format === 'markdown';
  // explicitLocale: --locale was given, so machine formats speak it too (FindingsFormatOptions.explicitLocale, format area).
  const formatOptions = { color, version: KAM_VERSION, pathPrefix, pathBase, run, explicitLocale: ctx.locale !== undefined };
  const stdout = format(localizedFindings(shown, human, ctx), summary, formatOptions);

  let exitCode = summary.errors > 0 ? 1 : 0;
  if (maxWarnings !== undefined && summary.warnings > maxWarnings) {
    exitCode = 1;
    stderr.push(`kam: ${t('cli.max-warnings', { count: summary.warnings, max: maxWarnings })}`);
  }
  return { stdout, stderr, exitCode };
}
