// `kam check --format markdown`: GitHub-flavoured Markdown for a job's step summary
// ($GITHUB_STEP_SUMMARY) or a pull-request comment. A heading with the counts, then one table of
// the findings in file order:
//
//   ## ❌ kam check: 2 errors and 1 warning in 3 plans
//
//   | Location | Severity | Rule | Message |
//   | :--- | :--- | :--- | :--- |
//   | accounts/acme.yaml:12:7 | ❌ error | schema | "tier" must be one of … |
//
// and `## ✅ kam check: No problems in 3 plans` when clean. Paths carry options.pathPrefix (from the
// repository root, as GitHub shows files). Every cell is plain text: plan text cannot add
// markup, HTML, links, math or table columns (markdownText), and control characters are shown
// as escapes (escape.ts). GitHub refuses a comment over 65,536 characters (and a step summary
// over 1 MiB): past MAX_CHARS the table stops, errors kept before warnings, and a last line
// says how many findings are not shown.
import type { Finding } from '../../core/findings.js';
import { escapeLines, markdownText } from '../escape.js';
import { i18n } from '../../i18n/index.js';
import { warningsFail } from './checked.js';
import type { FindingsFormatter } from './types.js';

/** The most characters of output, below GitHub's 65,536 for a comment body. */
export const MAX_CHARS = 60_000;

export const markdown: FindingsFormatter = (findings, summary, options) => {
  const tr = i18n();
  const prefix = options.pathPrefix ?? '';
  const plans = tr.t('format.count.plans', { n: summary.files });
  const errorsText = (n: number) => tr.t('format.count.errors', { n });
  const warningsText = (n: number) => tr.t('format.count.warnings', { n });
  const lines: string[] = [];
  if (findings.length === 0) {
    lines.push(tr.t('format.markdown.clean', { plans }));
    return `${lines.join('\n')}\n`;
  }
  const failing = summary.errors > 0 || (options.run !== undefined && warningsFail(options.run, summary.warnings));
  const counts = summary.errors > 0 && summary.warnings > 0
    ? tr.t('format.markdown.counts.both', { errors: errorsText(summary.errors), warnings: warningsText(summary.warnings) })
    : summary.errors > 0 ? errorsText(summary.errors) : warningsText(summary.warnings);
  let heading = tr.t('format.markdown.heading', { mark: failing ? '❌' : '⚠️', counts, plans });
  if (options.run?.maxWarnings !== undefined && summary.warnings > options.run.maxWarnings) heading += tr.t('format.markdown.over-max-warnings', { max: options.run.maxWarnings });
  lines.push(heading, '', tr.t('format.markdown.head', {}), '| :--- | :--- | :--- | :--- |');
  const severityCell = { error: `❌ ${tr.value('severity', 'error')}`, warn: `⚠️ ${tr.value('severity', 'warn')}` };

  const row = (f: Finding) =>
    `| ${markdownText(`${prefix}${f.file}:${f.line}:${f.column}`)} | ${severityCell[f.severity]} | ${markdownText(f.rule)} | ${markdownText(f.message)} |`;
  const rows = findings.map(row);
  let size = lines.reduce((n, l) => n + l.length + 1, 0);
  const total = rows.reduce((n, r) => n + r.length + 1, size);
  if (total <= MAX_CHARS) lines.push(...rows);
  else {
    // Errors first, then warnings, while they fit; shown in file order.
    const keep = new Array<boolean>(rows.length).fill(false);
    let kept = 0;
    const budget = MAX_CHARS - 200;
    for (const pass of ['error', 'warn'] as const) {
      for (let i = 0; i < rows.length; i++) {
        if (findings[i]!.severity !== pass) continue;
        const n = rows[i]!.length + 1;
        if (size + n > budget) break;
        size += n;
        keep[i] = true;
        kept++;
      }
    }
    for (let i = 0; i < rows.length; i++) if (keep[i]) lines.push(rows[i]!);
    let errors = 0;
    for (let i = 0; i < rows.length; i++) if (!keep[i] && findings[i]!.severity === 'error') errors++;
    const left = rows.length - kept;
    const parts = [errors > 0 ? errorsText(errors) : '', left > errors ? warningsText(left - errors) : ''].filter(Boolean);
    lines.push('', tr.t('format.markdown.not-shown', { left, parts: parts.join(tr.t('format.list.separator', {})) }));
  }
  return escapeLines(`${lines.join('\n')}\n`);
};
