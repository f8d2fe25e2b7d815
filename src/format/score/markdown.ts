// Score as GitHub-flavoured Markdown (wiki, PR comment): no links, no HTML.
import type { ScoreReport } from '../../core/score-report.js';
import { escapeLines, markdownText } from '../escape.js';
import { criterionCell, oneDecimal, portfolioLines } from './shared.js';

/** Plan text in a Markdown table cell or inline text (markdownText of escape.ts). */
export function escapeMarkdownCell(text: string): string {
  return markdownText(text);
}

export function formatScoreMarkdown(report: ScoreReport): string {
  const criteria = report.config.criteria;
  const head = ['#', 'Account', 'Score', 'Tier', ...criteria.map((c) => c.id)];
  const align = ['---:', ':---', '---:', ':---', ...criteria.map(() => '---:')];
  const rows = Array.from(report.shown, (a) => [
    String(a.rank),
    escapeMarkdownCell(a.name),
    `**${oneDecimal(a.score)}**`,
    a.tier === null ? '–' : escapeMarkdownCell(a.tier),
    ...a.criteria.map((c) => criterionCell(c.score, c.missing)),
  ]);
  const lines = ['## Account scores', ''];
  if (rows.length === 0) lines.push('_No accounts match the filter._');
  else lines.push(`| ${head.map(escapeMarkdownCell).join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`));
  if (report.shown.length < report.total) lines.push('', `_Showing ${report.shown.length} of ${report.total} accounts._`);
  lines.push('', '### Portfolio', '');
  for (const line of portfolioLines(report)) lines.push(`- **${line.label}:** ${line.warning ? '⚠️ ' : ''}${escapeMarkdownCell(line.text)}`);
  return escapeLines(`${lines.join('\n')}\n`);
}
