// `kam gaps --format markdown`: for a wiki page or a PR comment; links nothing.
import type { GapsReport } from '../../core/gaps-report.js';
import type { Finding } from '../../core/findings.js';
import { escapeLines, escapeText } from '../escape.js';
import { escapeMarkdownCell } from '../score/markdown.js';

const bullet = (f: Finding) =>
  `- ${f.severity === 'error' ? '⛔' : '⚠️'} **${f.rule}** ${escapeMarkdownCell(f.message)} <sub>${escapeMarkdownCell(`${f.file}:${f.line}`)}</sub>`;

export function formatGapsMarkdown(report: GapsReport): string {
  const out = [`## Gaps as of ${report.asOf}`, ''];
  for (const group of report.tiers) {
    out.push(`### ${group.tier === null ? 'No tier' : escapeMarkdownCell(group.tier)}`, '');
    for (const { account, findings } of group.accounts) {
      out.push(`**${escapeMarkdownCell(account.name)}** (\`${escapeText(account.id)}\`, score ${account.score.toFixed(1)}): ${findings.length === 0 ? '✅ nothing due' : `${findings.length} to-do(s)`}`);
      if (findings.length > 0) out.push('', ...findings.map(bullet));
      out.push('');
    }
  }
  if (report.portfolio.length > 0) out.push('### Portfolio', '', ...report.portfolio.map(bullet), '');
  if (report.unreadable.length > 0) out.push('### Plans with errors', '', ...report.unreadable.map(bullet), '');
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  out.push(`_${report.findings.length} to-do(s): ${errors} error(s), ${report.findings.length - errors} warning(s)._`);
  return escapeLines(`${out.join('\n')}\n`);
}
