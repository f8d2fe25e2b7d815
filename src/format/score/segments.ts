// issue 22: the segment of an account in the human score formats, what it overrides (--explain),
// and `kam score --by segment`: the portfolio figures of each segment (table, markdown, json).
import { Chalk } from 'chalk';
import { segmentDocuments, type ScoreReport } from '../../core/score-report.js';
import type { ResolvedSegment } from '../../core/segments.js';
import { DEFAULT_SEGMENT } from '../../core/config-defaults.js';
import { escapeJson, escapeLines, escapeOutput } from '../escape.js';
import { cellText } from '../text.js';
import { i18n } from '../../i18n/index.js';
import type { ScoreFormatName } from '../formats.js';
import { escapeMarkdownCell } from './markdown.js';
import { labelHead, portfolioLines } from './shared.js';

/** A segment's name for people: its label in the locale, else its id (`default`: the catalog's word). */
export function segmentName(report: ScoreReport, id: string | undefined): string {
  if (id === undefined) return '–';
  const tr = i18n();
  const segment = report.segments?.find((s) => s.segment.id === id)?.segment;
  const label = segment?.label;
  if (label !== undefined) return typeof label === 'string' ? label : (label as Record<string, string>)[tr.locale] ?? label.en ?? id;
  return id === DEFAULT_SEGMENT ? tr.t('segment.default', {}) : id;
}

/** What a segment overrides, as one line: "weights revenue=50; tier mins strategic≥80"; none: the top-level model. */
export function overridesText(segment: ResolvedSegment): string {
  const tr = i18n();
  const o = segment.overrides;
  const parts: string[] = [];
  const weights = Object.entries(o.weights);
  if (o.criteria.length > 0) parts.push(tr.t('segment.explain.criteria', { list: o.criteria.join(', ') }));
  if (weights.length > 0) parts.push(tr.t('segment.explain.weights', { list: weights.map(([id, w]) => `${id}=${w}`).join(', ') }));
  const tiers = Object.entries(o.tiers);
  if (tiers.length > 0) parts.push(tr.t('segment.explain.tiers', { list: tiers.map(([id, min]) => `${tr.tier(id)}≥${min}`).join(', ') }));
  return parts.length === 0 ? tr.t('segment.explain.none', {}) : parts.join(tr.t('segment.explain.separator', {}));
}

/** The `Segment …: …` line of --explain, or undefined without segments. */
export function segmentExplainLine(report: ScoreReport, id: string | undefined): string | undefined {
  const segment = report.segments?.find((s) => s.segment.id === id)?.segment;
  if (segment === undefined) return undefined;
  return i18n().t('segment.explain', { segment: segmentName(report, id), overrides: overridesText(segment) });
}

/** The figures of one segment as the portfolio lines of `kam score` read them. */
function linesOf(report: ScoreReport, k: number) {
  return portfolioLines({ ...report, summary: report.segments![k]!.summary });
}

export function formatBySegment(report: ScoreReport, format: ScoreFormatName, color: boolean): string {
  const tr = i18n();
  const segments = report.segments ?? [];
  if (format === 'json') {
    return escapeJson(`${JSON.stringify({ schema: 'kam.score-segments/v1', accounts: report.total, segments: segmentDocuments(report) }, null, 2)}\n`);
  }
  const heading = (k: number) => tr.t('segment.by.heading', { segment: segmentName(report, segments[k]!.segment.id), n: segments[k]!.summary.accounts });
  if (format === 'markdown') {
    const out = [`## ${escapeMarkdownCell(tr.t('segment.by.title', {}))}`];
    segments.forEach((s, k) => {
      out.push('', `### ${escapeMarkdownCell(heading(k))}`, '', `_${escapeMarkdownCell(overridesText(s.segment))}_`, '');
      for (const line of linesOf(report, k)) out.push(`- **${labelHead(line.label).head}** ${line.warning ? '⚠️ ' : ''}${escapeMarkdownCell(line.text)}`);
    });
    return escapeLines(`${out.join('\n')}\n`);
  }
  const chalk = new Chalk({ level: color ? 1 : 0 });
  const out = [chalk.bold(tr.t('segment.by.title', {}))];
  segments.forEach((s, k) => {
    out.push('', chalk.bold(cellText(heading(k))), chalk.dim(cellText(overridesText(s.segment))));
    for (const line of linesOf(report, k)) {
      const text = line.warning ? chalk.yellow(`⚠ ${cellText(line.text)}`) : cellText(line.text);
      const { head, gap } = labelHead(line.label);
      out.push(`  ${chalk.bold(head)}${gap}${text}`);
    }
  });
  return escapeOutput(`${out.join('\n')}\n`, color);
}
