// `kam report`: a self-contained HTML portfolio report of the plans (also as of --ref), or of
// a client CSV (--data). Written to -o <file> (never over an existing file without --force),
// else to stdout.
import { resolve } from 'node:path';
import type { Plan } from '../core/plan.js';
import { buildPortfolioReport, type LeftOut, type ReportInput } from '../core/portfolio-report.js';
import type { Finding } from '../core/findings.js';
import type { BadRow } from '../io/client-rows.js';
import { say } from '../tabular/messages.js';
import { i18n } from '../i18n/index.js';
import { buildMethodReport, reportConfig } from '../core/score-report.js';
import { emergingSpec } from '../core/archetype.js';
import { buildWhitespaceReport, whitespaceFacts } from '../core/whitespace.js';
import { subjectOfPlan, type ScoringSubject } from '../core/scoring.js';
import { UsageError } from '../errors.js';
import { msg, t } from '../i18n/index.js';
import type { DecimalMark } from '../tabular/numbers.js';
import { formatReportHtml } from '../format/report/html.js';
import { writeChosen } from '../io/safe-write.js';
import { openWorkspace } from '../io/workspace.js';
import { useConfigLocale, invalidPlanNotes, noValidPlan, parseAsOf, type CommandContext, type CommandResult } from './common.js';
import { planInputs } from './inputs.js';
import { checkLoadedPlans } from '../core/check.js';
import { loadPlanRefs } from '../io/plan-shard.js';

export interface ReportOptions {
  files: string[];
  output?: string;
  data?: string;
  encoding?: string;
  decimal?: DecimalMark;
  sheet?: string;
  ref?: string;
  asOf?: string;
  title?: string;
  force?: boolean;
}

/** With --data, the matrix shows the best-ranked rows only: a million bubbles show nothing. */
export const DATA_MATRIX_ROWS = 1000;

export async function runReport(ctx: CommandContext, options: ReportOptions): Promise<CommandResult> {
  const asOf = parseAsOf(options.asOf);
  if (options.data !== undefined && (options.files.length > 0 || options.ref !== undefined)) {
    throw new UsageError(msg('cli.report.data-with-plans', {}));
  }
  const stderr: string[] = [];
  let input: ReportInput;
  if (options.data !== undefined) {
    const ws = openWorkspace({ cwd: ctx.cwd, ...(ctx.config !== undefined ? { config: ctx.config } : {}), optional: true });
    await useConfigLocale(ctx, ws.config);
    const { scoreClientData, readClientRows } = await import('../io/client-data.js');
    const scored = await scoreClientData(options.data, ctx.cwd, ws.config, {
      filter: { top: DATA_MATRIX_ROWS },
      encoding: options.encoding,
      decimal: options.decimal,
      sheet: options.sheet,
      currency: ws.configFile !== undefined ? ws.config.currency : undefined,
      strict: false,
      keepRowOrdinals: true,
    });
    stderr.push(...scored.notes);
    const selected = scored.selected ?? [];
    const cells = await readClientRows(scored.table, ws.config, new Set(selected.map((s) => s.ordinal)));
    const subjects = new Map<string, ScoringSubject>();
    for (const { ordinal, account } of selected) {
      const row = cells.get(ordinal);
      if (!row) continue;
      subjects.set(account.id, { id: account.id, name: account.name, revenue: Object.entries(row.revenue).map(([y, v]) => [Number(y), v] as const), assessment: {}, metrics: {} });
    }
    input = {
      title: options.title ?? t('report.title.data', { file: options.data }),
      asOf,
      source: t('cli.report.source.data', { file: options.data }),
      report: scored.report,
      accounts: selected.map((s) => s.account),
      portfolio: scored.portfolio,
      subjects,
      ...(scored.skipped ? { leftOut: skippedRows(options.data, scored.skipped) } : {}),
    };
  } else {
    const inputs = await planInputs(ctx, options.files, options.ref);
    stderr.push(...inputs.notes);
    // The cards need whole plans, so the plans are loaded on this thread (checkInputs keeps them on
    // workers). A plan that cannot be read is a finding, as in kam check: the others are reported.
    const checked = checkLoadedPlans(loadPlanRefs(inputs.refs), inputs.config, { asOf });
    const plans = new Map<string, Plan>();
    const subjects = new Map<string, ScoringSubject>();
    for (const pf of checked.planFiles) {
      if (!pf.plan || plans.has(pf.plan.id)) continue;
      plans.set(pf.plan.id, pf.plan);
      subjects.set(pf.plan.id, subjectOfPlan(pf.plan));
    }
    const invalidFiles = new Set(checked.planFiles.filter((pf) => !pf.plan).map((pf) => pf.file));
    if (invalidFiles.size > 0) {
      const heading = `kam: ${t('cli.report.left-out', { count: invalidFiles.size })}`;
      stderr.push(...invalidPlanNotes(heading, checked.findings.filter((f) => invalidFiles.has(f.file))));
    }
    // A report of no account would be a page of zeros that looks like a portfolio.
    if (checked.accounts.length === 0) return noValidPlan('report on', invalidFiles.size, stderr);
    const report = { shown: checked.accounts, total: checked.accounts.length, summary: checked.summary, config: reportConfig(inputs.config) };
    // issue 19: archetypes, resources and pre-key accounts as kam score computes them, and the
    // whitespace matrix as kam whitespace builds it (every account, no filter).
    const config = inputs.config;
    const method = buildMethodReport(checked.accounts, (a) => subjects.get(a.id)?.teamFte ?? 0, config);
    const spec = emergingSpec(config.emerging, config.tiers, config.criteria);
    if ('kind' in spec) stderr.push(`kam: ${spec.kind === 'tier' ? t('method.emerging.unknown-tier', { tier: spec.tier, tiers: spec.tiers.join(', ') }) : t('method.emerging.unknown-criterion', { criterion: spec.criterion, criteria: spec.criteria.join(', ') })}`);
    const hasWhitespace = [...plans.values()].some((p) => (p.whitespace ?? []).length > 0);
    const whitespace = hasWhitespace
      ? buildWhitespaceReport(checked.accounts.flatMap((account) => {
        const plan = plans.get(account.id);
        const subject = subjects.get(account.id);
        return plan && subject ? [{ account, subject, facts: whitespaceFacts(plan) }] : [];
      }), config.tiers)
      : undefined;
    input = {
      title: options.title ?? t('report.title.plans'),
      asOf,
      source: options.ref !== undefined ? t('cli.report.source.ref', { ref: options.ref }) : t('cli.report.source.plans', {}),
      report,
      accounts: checked.accounts,
      subjects,
      plans,
      findings: checked.findings,
      method,
      ...(!('kind' in spec) ? { emerging: spec } : {}),
      ...(whitespace ? { whitespace } : {}),
      ...(invalidFiles.size > 0 ? { leftOut: leftOutPlans(invalidFiles, checked.findings) } : {}),
    };
  }

  const html = formatReportHtml(buildPortfolioReport(input));
  if (options.output === undefined) return { stdout: html, stderr, exitCode: 0 };
  // -o goes where the user says (../report.html, ~/Desktop/…), with the care of every write.
  const outcome = writeChosen(resolve(ctx.cwd, options.output), options.output, html, { force: options.force ?? false });
  if (outcome.status === 'kept') throw new UsageError(msg('cli.output.exists', { file: options.output }));
  stderr.push(`kam: ${t('cli.report.wrote', { file: options.output, size: Math.ceil(Buffer.byteLength(html) / 1024), accounts: input.report.total })}`);
  return { stdout: '', stderr, exitCode: 0 };
}

/** Plans left out of the report: each file with its first error (as kam check says it), in file order. */
function leftOutPlans(files: ReadonlySet<string>, findings: readonly Finding[]): LeftOut {
  const tr = i18n();
  const first = new Map<string, Finding>();
  for (const f of findings) if (f.severity === 'error' && files.has(f.file) && !first.has(f.file)) first.set(f.file, f);
  const items = [...files].sort().map((file) => {
    const f = first.get(file);
    if (!f) return { where: file, why: '' };
    return { where: `${file}:${f.line}:${f.column}`, why: f.text !== undefined && !tr.isPlainEnglish ? tr.render(f.text) : f.message };
  });
  return { kind: 'plans', count: files.size, items };
}

/** Rows of a client's table left out: totals rows and bad rows, in the order of the file. */
function skippedRows(file: string, skipped: { bad: readonly BadRow[]; totals: readonly { line: number; text: string }[] }): LeftOut {
  const totals = skipped.totals.map((r) => ({ line: r.line, where: `${file}:${r.line}`, why: t('report.left-out.totals-row', { text: r.text }) }));
  const bad = skipped.bad.slice(0, 50).map((b) => ({ line: b.line, where: `${file}:${b.ref ?? b.line}`, why: say(b.reason) }));
  const items = [...totals, ...bad].sort((a, b) => a.line - b.line).map(({ where, why }) => ({ where, why }));
  return { kind: 'rows', count: skipped.bad.length + skipped.totals.length, file, items };
}
