// Score as GitHub-flavoured Markdown (wiki, PR comment): no links, no HTML.
import type { ScoreReport } from '../../core/score-report.js';
import { escapeLines, escapeText } from '../escape.js';
import { criterionCell, oneDecimal, portfolioLines } from './shared.js';

/** Text for a Markdown table cell or inline text: one line, controls shown as escapes (escape.ts), Markdown's own characters escaped. */
export function escapeMarkdownCell(text: string): string {
  return escapeText(text.replace(/[\r\n]+/g, ' ')).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/([*_`<>\[\]])/g, '\\$1');
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
