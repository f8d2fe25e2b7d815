// `kam gaps`: the to-do report. A report, so exit 0 unless --fail-on asks otherwise.
import { buildGapsReport, type GapsFilter } from '../core/gaps-report.js';
import { isRuleId, RULE_IDS, summarize, type RuleId } from '../core/findings.js';
import { closest } from '../core/suggest.js';
import { UsageError } from '../errors.js';
import { msg } from '../i18n/index.js';
import { json as findingsJson } from '../format/findings/json.js';
import type { GapsFormatName } from '../format/formats.js';
import { formatGapsMarkdown } from '../format/gaps/markdown.js';
import { formatGapsTable } from '../format/gaps/table.js';
import { localizedFindings, parseAsOf, type CommandContext, type CommandResult } from './common.js';
import { checkInputs, planInputs } from './inputs.js';

export interface GapsOptions {
  files: string[];
  format: GapsFormatName;
  asOf?: string;
  tier?: string;
  account?: string;
  rule?: string;
  failOn?: string;
  ref?: string;
}

const list = (value: string | undefined) => (value ?? '').split(',').map((v) => v.trim()).filter((v) => v !== '');

export async function runGaps(ctx: CommandContext, options: GapsOptions): Promise<CommandResult> {
  const asOf = parseAsOf(options.asOf);
  if (options.failOn !== undefined && options.failOn !== 'error' && options.failOn !== 'warn') {
    throw new UsageError(msg('cli.fail-on.invalid', { value: options.failOn }));
  }
  const inputs = await planInputs(ctx, options.files, options.ref, true, true);
  const config = inputs.config;
  const filter: GapsFilter = { tiers: list(options.tier), accounts: list(options.account), rules: parseRules(list(options.rule)) };
  const known = config.tiers.map((t) => t.id);
  for (const tier of filter.tiers ?? []) {
    if (!known.includes(tier)) throw new UsageError(msg('cli.tier.unknown', { tier, tiers: known.join(', ') }));
  }
  const stderr = inputs.notes;
  const result = await checkInputs(inputs, asOf);
  const report = buildGapsReport({ ...result, findings: localizedFindings(result.findings, options.format !== 'json', ctx) }, config.tiers, asOf, filter);

  let stdout: string;
  if (options.format === 'json') stdout = findingsJson(report.findings, summarize(report.findings, report.plans), { color: false, version: '' });
  else if (options.format === 'markdown') stdout = formatGapsMarkdown(report);
  else stdout = formatGapsTable(report, { color: ctx.color, tiers: config.tiers });

  const failing = options.failOn === undefined ? false
    : report.findings.some((f) => f.severity === 'error' || options.failOn === 'warn');
  return { stdout, stderr, exitCode: failing ? 1 : 0 };
}

function parseRules(rules: string[]): RuleId[] {
  return rules.map((rule) => {
    if (isRuleId(rule)) return rule;
    const guess = closest(rule, RULE_IDS);
    throw new UsageError(guess ? msg('cli.rule.unknown.guess', { rule, guess }) : msg('cli.rule.unknown', { rule }));
  });
}
