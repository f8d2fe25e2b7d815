// Wording and number formats shared by the human score formats (table, markdown).
import type { ScoreReport } from '../../core/score-report.js';

export const oneDecimal = (v: number) => v.toFixed(1);
export const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

/** A criterion score s in [0,1] shown on 0..100; '–' when missing. */
export function criterionCell(score: number | null, missing: boolean): string {
  if (missing || score === null) return '–';
  return String(Math.round(score * 100));
}

export interface PortfolioLine {
  label: string;
  text: string;
  warning?: boolean;
}

export function portfolioLines(report: ScoreReport): PortfolioLine[] {
  const { summary, config } = report;
  const tierText = Object.entries(summary.tiers).map(([tier, n]) => `${tier} ${n}`).join(' · ');
  const unranked = summary.accounts - Object.values(summary.tiers).reduce((a, b) => a + b, 0);
  const lines: PortfolioLine[] = [
    { label: 'Tiers', text: unranked > 0 ? `${tierText} · no tier ${unranked}` : tierText },
  ];
  const { vitalFew, vitalFewShare } = summary.pareto;
  lines.push({
    label: 'Pareto',
    text: summary.totalRevenue > 0
      ? `${vitalFew} of ${summary.accounts} accounts (${percent(vitalFewShare)}) make 80% of revenue`
      : 'no revenue data: add metrics.revenue to the plans',
  });
  const c = summary.concentration;
  const over = c.top1Share > config.maxTop1Share;
  lines.push({
    label: 'Concentration',
    text: `top 1 ${percent(c.top1Share)} · top 5 ${percent(c.top5Share)} · HHI ${Math.round(c.hhi)}` +
      (over ? ` — the top account holds more than ${percent(config.maxTop1Share)} of revenue (maxTop1Share)` : ''),
    ...(over ? { warning: true } : {}),
  });
  return lines;
}
