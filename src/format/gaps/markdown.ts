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
      if (findings.length > 0) {
        out.push('');
        for (const f of findings) out.push(bullet(f));
      }
      out.push('');
    }
  }
  // Loops, not out.push(...list): spreading 100,000s of items into arguments overflows the stack.
  const section = (title: string, list: readonly Finding[]) => {
    if (list.length === 0) return;
    out.push(title, '');
    for (const f of list) out.push(bullet(f));
    out.push('');
  };
  section('### Portfolio', report.portfolio);
  section('### Plans with errors', report.unreadable);
  let errors = 0;
  for (const f of report.findings) if (f.severity === 'error') errors++;
  out.push(`_${report.findings.length} to-do(s): ${errors} error(s), ${report.findings.length - errors} warning(s)._`);
  return escapeLines(`${out.join('\n')}\n`);
}
