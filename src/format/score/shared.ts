// Wording and number formats shared by the human score formats (table, markdown).
import type { ScoreReport } from '../../core/score-report.js';
import { i18n } from '../../i18n/index.js';

export const oneDecimal = (v: number) => v.toFixed(1);
export const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

/** A criterion score s in [0,1] shown on 0..100; '–' when missing. */
export function criterionCell(score: number | null, missing: boolean): string {
  if (missing || score === null) return '–';
  return String(Math.round(score * 100));
}

/** A whole number for people: as English always wrote it (no grouping), grouped in other locales. */
export function count(n: number): string {
  const tr = i18n();
  return tr.locale === 'en' ? String(n) : tr.number(n);
}

/** `Tiers:` and the space before its text; none after a full-width colon (`层级分布：`). */
export function labelHead(label: string): { head: string; gap: string } {
  const head = i18n().t('format.label', { label });
  return { head, gap: /[\uff01-\uff5e]$/.test(head) ? '' : ' ' };
}

export interface PortfolioLine {
  label: string;
  text: string;
  warning?: boolean;
}

export function portfolioLines(report: ScoreReport): PortfolioLine[] {
  const tr = i18n();
  const { summary, config } = report;
  const tierText = Object.entries(summary.tiers).map(([tier, n]) => tr.t('format.score.tier-count', { tier: tr.tier(tier), n: count(n) })).join(tr.t('format.score.tier-separator', {}));
  const unranked = summary.accounts - Object.values(summary.tiers).reduce((a, b) => a + b, 0);
  const lines: PortfolioLine[] = [
    { label: tr.t('format.score.tiers', {}), text: unranked > 0 ? `${tierText}${tr.t('format.score.tier-separator', {})}${tr.t('format.score.no-tier', { n: count(unranked) })}` : tierText },
  ];
  const { vitalFew, vitalFewShare } = summary.pareto;
  lines.push({
    label: tr.t('format.score.pareto', {}),
    text: summary.totalRevenue > 0
      ? tr.t('format.score.pareto-text', { vitalFew: count(vitalFew), accounts: count(summary.accounts), share: percent(vitalFewShare) })
      : tr.t('format.score.pareto-no-revenue', {}),
  });
  const c = summary.concentration;
  const over = c.top1Share > config.maxTop1Share;
  lines.push({
    label: tr.t('format.score.concentration', {}),
    text: tr.t('format.score.concentration-text', { top1: percent(c.top1Share), top5: percent(c.top5Share), hhi: count(Math.round(c.hhi)) }) +
      (over ? tr.t('format.score.concentration-over', { max: percent(config.maxTop1Share) }) : ''),
    ...(over ? { warning: true } : {}),
  });
  return lines;
}
