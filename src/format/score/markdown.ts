// Score as GitHub-flavoured Markdown (wiki, PR comment): no links, no HTML.
import type { ScoreReport } from '../../core/score-report.js';
import { escapeLines, markdownText } from '../escape.js';
import { i18n } from '../../i18n/index.js';
import { count, criterionCell, labelHead, oneDecimal, portfolioLines } from './shared.js';

/** Plan text in a Markdown table cell or inline text (markdownText of escape.ts). */
export function escapeMarkdownCell(text: string): string {
  return markdownText(text);
}

export function formatScoreMarkdown(report: ScoreReport): string {
  const tr = i18n();
  const criteria = report.config.criteria;
  const head = ['#', tr.t('format.score.head.account', {}), tr.t('format.score.head.score', {}), tr.t('format.score.head.tier', {}), ...criteria.map((c) => tr.criterion(c.id))];
  const align = ['---:', ':---', '---:', ':---', ...criteria.map(() => '---:')];
  const rows = Array.from(report.shown, (a) => [
    String(a.rank),
    escapeMarkdownCell(a.name),
    `**${oneDecimal(a.score)}**`,
    a.tier === null ? '–' : escapeMarkdownCell(tr.tier(a.tier)),
    ...a.criteria.map((c) => criterionCell(c.score, c.missing)),
  ]);
  const lines = [`## ${tr.t('format.score.title', {})}`, ''];
  if (rows.length === 0) lines.push(`_${tr.t('format.score.no-match', {})}_`);
  else lines.push(`| ${head.map(escapeMarkdownCell).join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`));
  if (report.shown.length < report.total) lines.push('', `_${tr.t('format.score.showing', { shown: count(report.shown.length), total: count(report.total) })}_`);
  lines.push('', `### ${tr.t('format.score.portfolio', {})}`, '');
  for (const line of portfolioLines(report)) lines.push(`- **${labelHead(line.label).head}** ${line.warning ? '⚠️ ' : ''}${escapeMarkdownCell(line.text)}`);
  return escapeLines(`${lines.join('\n')}\n`);
}
