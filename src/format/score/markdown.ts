// Score as GitHub-flavoured Markdown (wiki, PR comment): no links, no HTML.
import type { ScoreReport } from '../../core/score-report.js';
import type { ScoredAccount } from '../../core/scoring.js';
import type { Output } from './index.js';
import { tierWithOverride } from '../override.js';
import { escapeLines, markdownText } from '../escape.js';
import { i18n } from '../../i18n/index.js';
import { count, criterionCell, labelHead, oneDecimal, portfolioLines } from './shared.js';
import { columnarRowsOf, streamedAccountsOf, type ColumnarRows, type StreamedAccounts } from './columnar.js';
import { archetypeCell, emergingNote, resourceCells, resourceLines } from './method.js';
import { segmentName } from './segments.js';
import { append } from '../../core/append.js';

/** Plan text in a Markdown table cell or inline text (markdownText of escape.ts). */
export function escapeMarkdownCell(text: string): string {
  return markdownText(text);
}

/** The tier cell: the managed tier, then the override's note with the computed tier (issue 20). */
function tierCell(a: ScoredAccount, asOf: string): string {
  const { tier, note } = tierWithOverride(a, asOf);
  return (tier === null ? '–' : escapeMarkdownCell(i18n().tier(tier))) + (note !== '' ? escapeMarkdownCell(note) : '');
}

export function formatScoreMarkdown(report: ScoreReport, options: { resources?: boolean } = {}): string {
  return markdown(report, options, undefined) as string;
}

/** As formatScoreMarkdown, but the rows of a client file are written from its columns (src/io/score-export.ts), in chunks. */
export function formatScoreMarkdownOutput(report: ScoreReport, options: { resources?: boolean } = {}): Output {
  if (report.method !== undefined || report.shown.length === 0) return markdown(report, options, undefined);
  const streamed = streamedAccountsOf(report);
  return markdown(report, options, streamed ? { streamed } : columnarRowsOf(report));
}

function markdown(report: ScoreReport, options: { resources?: boolean }, columnar: ColumnarRows | { streamed: StreamedAccounts } | undefined): Output {
  const tr = i18n();
  const criteria = report.config.criteria;
  // issue 19: the archetype column (plans only), and with --resources FTE and revenue per FTE.
  const method = report.method !== undefined;
  const resources = method && options.resources === true;
  // issue 22: the Segment column, only when kam.yaml has segments.
  const segments = report.segments !== undefined;
  const head = ['#', tr.t('format.score.head.account', {}), tr.t('format.score.head.score', {}), tr.t('format.score.head.tier', {}), ...(segments ? [tr.t('segment.head', {})] : []), ...criteria.map((c) => tr.criterion(c.id)),
    ...(method ? [tr.t('method.head.archetype')] : []), ...(resources ? [tr.t('method.head.fte'), tr.t('method.head.revenue-per-fte')] : [])];
  const align = ['---:', ':---', '---:', ':---', ...(segments ? [':---'] : []), ...criteria.map(() => '---:'), ...(method ? [':---'] : []), ...(resources ? ['---:', '---:'] : [])];
  // With columnar rows, the text before and after the rows is made as below.
  const cellsOf = (a: ScoredAccount) => [
    String(a.rank),
    escapeMarkdownCell(a.name),
    `**${oneDecimal(a.score)}**`,
    tierCell(a, report.asOf ?? ''),
    ...(segments ? [escapeMarkdownCell(segmentName(report, a.segment))] : []),
    ...a.criteria.map((c) => criterionCell(c.score, c.missing)),
    ...(method ? [escapeMarkdownCell(archetypeCell(report, a))] : []),
    ...(resources ? resourceCells(report, a) : []),
  ];
  const rows = columnar ? [] : Array.from(report.shown, cellsOf);
  const lines = [`## ${tr.t('format.score.title', {})}`, ''];
  if ((columnar ? report.shown.length : rows.length) === 0) lines.push(`_${tr.t('format.score.no-match', {})}_`);
  else append(lines, [`| ${head.map(escapeMarkdownCell).join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)]);
  const before = lines.length;
  const emerging = emergingNote(report);
  if (emerging !== undefined) lines.push('', `_${escapeMarkdownCell(emerging)}_`);
  if (report.shown.length < report.total) lines.push('', `_${tr.t('format.score.showing', { shown: count(report.shown.length), total: count(report.total) })}_`);
  lines.push('', `### ${tr.t('format.score.portfolio', {})}`, '');
  for (const line of portfolioLines(report)) lines.push(`- **${labelHead(line.label).head}** ${line.warning ? '⚠️ ' : ''}${escapeMarkdownCell(line.text)}`);
  if (resources) {
    lines.push('', `### ${tr.t('method.resources.title')}`, '');
    for (const line of resourceLines(report)) lines.push(`- **${escapeMarkdownCell(labelHead(line.label).head)}** ${escapeMarkdownCell(line.text)}`);
  }
  if (columnar) {
    const tierCells = report.config.tiers.map((t) => escapeMarkdownCell(tr.tier(t.id)));
    const head = `${lines.slice(0, before).join('\n')}\n`;
    const tail = `${lines.slice(before).join('\n')}\n`;
    if ('streamed' in columnar) {
      const { streamed } = columnar;
      return (async function* () {
        yield escapeLines(head);
        for await (const chunk of streamed) yield escapeLines(chunk.map((a) => `| ${cellsOf(a).join(' | ')} |\n`).join(''));
        yield escapeLines(tail);
      })();
    }
    return (async function* () {
      yield escapeLines(head);
      yield* columnar.markdownRows(tierCells);
      yield escapeLines(tail);
    })();
  }
  return escapeLines(`${lines.join('\n')}\n`);
}
