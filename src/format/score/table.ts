// The score table a consultant shows a client: rank, account, score, tier, each
// criterion on 0..100, then the portfolio lines.
import { Chalk, type ChalkInstance } from 'chalk';
import type { ScoreReport } from '../../core/score-report.js';
import { boxTable } from '../box-table.js';
import { escapeOutput } from '../escape.js';
import { i18n } from '../../i18n/index.js';
import { cellText } from '../text.js';
import { tierWithOverride } from '../override.js';
import { count, criterionCell, labelHead, oneDecimal, portfolioLines } from './shared.js';
import { archetypeCell, emergingNote, resourceCells, resourceLines } from './method.js';
import { segmentName } from './segments.js';

export interface HumanFormatOptions {
  color: boolean;
  /** --resources: FTE and revenue per FTE columns, and the resources of each tier. */
  resources?: boolean;
}

export function tierPainter(chalk: ChalkInstance, tiers: readonly { id: string }[]): (tier: string | null) => string {
  const paints = [chalk.bold.magenta, chalk.bold.yellow, chalk.cyan, chalk.dim];
  return (tier) => {
    if (tier === null) return chalk.dim('–');
    const i = tiers.findIndex((t) => t.id === tier);
    return (paints[Math.min(i < 0 ? paints.length - 1 : i, paints.length - 1)] ?? chalk.dim)(cellText(i18n().tier(tier)));
  };
}

export function formatScoreTable(report: ScoreReport, options: HumanFormatOptions): string {
  const tr = i18n();
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const paintTier = tierPainter(chalk, report.config.tiers);
  const criteria = report.config.criteria;
  // issue 19: the archetype column (plans only), and with --resources FTE and revenue per FTE.
  const method = report.method !== undefined;
  const resources = method && options.resources === true;
  const extraHead = [...(method ? [tr.t('method.head.archetype')] : []), ...(resources ? [tr.t('method.head.fte'), tr.t('method.head.revenue-per-fte')] : [])];
  // issue 22: the Segment column, only when kam.yaml has segments.
  const segments = report.segments !== undefined;
  const head = ['#', tr.t('format.score.head.account', {}), tr.t('format.score.head.score', {}), tr.t('format.score.head.tier', {}), ...(segments ? [tr.t('segment.head', {})] : []), ...criteria.map((c) => cellText(tr.criterion(c.id))), ...extraHead].map((h) => chalk.bold(h));
  const aligns = ['right', 'left', 'right', 'left', ...(segments ? ['left' as const] : []), ...criteria.map(() => 'right' as const), ...(method ? ['left' as const] : []), ...(resources ? ['right' as const, 'right' as const] : [])] as const;
  const rows: string[][] = [];
  for (const a of report.shown) {
    // issue 20: the managed tier, then the override's note with the computed tier.
    const shown = tierWithOverride(a, report.asOf ?? '');
    const declared = a.declaredTier !== undefined && a.declaredTier !== shown.tier ? chalk.dim(tr.t('format.score.declared', { tier: cellText(tr.tier(a.declaredTier)) })) : '';
    rows.push([
      String(a.rank),
      cellText(a.name),
      chalk.bold(oneDecimal(a.score)),
      paintTier(shown.tier) + (shown.note !== '' ? chalk.dim(cellText(shown.note)) : '') + declared,
      ...(segments ? [cellText(segmentName(report, a.segment))] : []),
      ...a.criteria.map((c) => (c.missing ? chalk.dim('–') : criterionCell(c.score, c.missing))),
      ...(method ? [cellText(archetypeCell(report, a))] : []),
      ...(resources ? resourceCells(report, a) : []),
    ]);
  }
  const out = [rows.length > 0 ? boxTable(head, rows, aligns) : chalk.dim(tr.t('format.score.no-match', {}))];
  const emerging = emergingNote(report);
  if (emerging !== undefined) out.push(chalk.dim(cellText(emerging)));
  if (report.shown.length < report.total) out.push(chalk.dim(tr.t('format.score.showing', { shown: count(report.shown.length), total: count(report.total) })));
  out.push(chalk.dim(tr.t('format.score.criterion-note', { missing: report.config.missing })));
  out.push('');
  for (const line of portfolioLines(report)) {
    const text = line.warning ? chalk.yellow(`⚠ ${cellText(line.text)}`) : cellText(line.text);
    const { head, gap } = labelHead(line.label);
    out.push(`${chalk.bold(head)}${gap}${text}`);
  }
  if (resources) {
    out.push('', chalk.bold(tr.t('method.resources.title')));
    for (const line of resourceLines(report)) {
      const { head, gap } = labelHead(cellText(line.label));
      out.push(`  ${chalk.bold(head)}${gap}${cellText(line.text)}`);
    }
  }
  return escapeOutput(`${out.join('\n')}\n`, options.color);
}
