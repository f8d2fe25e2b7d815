// SVG charts drawn from numbers: small pure functions, no chart library (each chart is a few
// dozen lines of SVG, and a library would bring a runtime, fonts or a CDN into an offline file).
import type { AccountCard, MatrixPoint, ParetoPoint, TierRow } from '../../core/portfolio-report.js';
import { i18n } from '../../i18n/index.js';
import { escapeButWhitespace } from '../escape.js';

export const TIER_COLOURS = ['#6a1b9a', '#d98e04', '#1f78b4', '#7d8597', '#2a9d8f', '#c1121f'];

export function tierColour(tierIds: readonly string[], tier: string | null): string {
  const i = tier === null ? -1 : tierIds.indexOf(tier);
  return i < 0 ? '#adb5bd' : TIER_COLOURS[Math.min(i, TIER_COLOURS.length - 1)]!;
}

/** Text for HTML and SVG, in elements and quoted attributes: markup escaped, and controls (invalid in HTML) shown as escapes (escape.ts). */
export function escapeXml(text: string): string {
  return escapeButWhitespace(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const n2 = (v: number) => (Math.round(v * 100) / 100).toString();
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** The 80/20 curve: cumulative share of revenue against share of accounts, the 80% line, the vital few. */
export function paretoSvg(points: readonly ParetoPoint[], vitalFew: number, vitalFewShare: number): string {
  const W = 560, H = 340, L = 56, R = 16, T = 16, B = 44;
  const x = (share: number) => L + share * (W - L - R);
  const y = (share: number) => H - B - share * (H - T - B);
  const path = [`M${n2(x(0))},${n2(y(0))}`, ...points.map((p) => `L${n2(x(p.accountShare))},${n2(y(p.revenueShare))}`)].join(' ');
  const tr = i18n();
  const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1];
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${tr.t('report.chart.pareto', {})}" class="chart pareto">`];
  for (const t of ticks) {
    out.push(`<line x1="${L}" x2="${W - R}" y1="${n2(y(t))}" y2="${n2(y(t))}" class="grid"/>`);
    out.push(`<text x="${L - 6}" y="${n2(y(t) + 4)}" text-anchor="end" class="tick">${t * 100}%</text>`);
    out.push(`<text x="${n2(x(t))}" y="${H - B + 16}" text-anchor="middle" class="tick">${t * 100}%</text>`);
  }
  out.push(`<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" class="diagonal"/>`);
  out.push(`<line x1="${L}" x2="${W - R}" y1="${n2(y(0.8))}" y2="${n2(y(0.8))}" class="line80"/>`);
  out.push(`<text x="${W - R}" y="${n2(y(0.8) - 5)}" text-anchor="end" class="label80">${tr.t('report.chart.revenue-80', {})}</text>`);
  if (points.length > 0) out.push(`<path d="${path}" class="curve"/>`);
  if (vitalFew > 0) {
    const vx = x(vitalFewShare);
    out.push(`<line x1="${n2(vx)}" x2="${n2(vx)}" y1="${n2(y(0))}" y2="${n2(y(0.8))}" class="vital"/>`);
    out.push(`<circle cx="${n2(vx)}" cy="${n2(y(0.8))}" r="5" class="vital-dot"><title>${tr.t('report.chart.vital-few-title', { n: vitalFew, share: pct(vitalFewShare) })}</title></circle>`);
    out.push(`<text x="${n2(Math.min(vx + 8, W - R - 150))}" y="${n2(y(0.8) + 18)}" class="vital-label">${tr.t('report.chart.vital-few', { n: vitalFew, share: pct(vitalFewShare) })}</text>`);
  }
  out.push(`<text x="${(L + W - R) / 2}" y="${H - 6}" text-anchor="middle" class="axis">${tr.t('report.chart.pareto-x', {})}</text>`);
  out.push(`<text x="14" y="${(T + H - B) / 2}" text-anchor="middle" transform="rotate(-90 14 ${(T + H - B) / 2})" class="axis">${tr.t('report.chart.pareto-y', {})}</text>`);
  out.push('</svg>');
  return out.join('');
}

/** Accounts and revenue per tier, as two bars per tier (shares of the portfolio). */
export function tierSvg(tiers: readonly TierRow[], totalAccounts: number, totalRevenue: number): string {
  const W = 560, rowH = 44, L = 110, R = 70, T = 24;
  const H = T + tiers.length * rowH + 8;
  const width = (share: number) => Math.max(0, share) * (W - L - R);
  const tr = i18n();
  const ids = tiers.map((t) => t.id);
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${tr.t('report.chart.tiers', {})}" class="chart tiers">`];
  out.push(`<text x="${L}" y="14" class="legend">${tr.t('report.chart.share-of-accounts', {})}</text><text x="${L + 150}" y="14" class="legend revenue-legend">${tr.t('report.chart.share-of-revenue', {})}</text>`);
  tiers.forEach((t, i) => {
    const y = T + i * rowH;
    const accountShare = totalAccounts > 0 ? t.accounts / totalAccounts : 0;
    const revenueShare = totalRevenue > 0 ? t.revenue / totalRevenue : 0;
    out.push(`<text x="${L - 8}" y="${y + 20}" text-anchor="end" class="tier-name">${escapeXml(tr.tier(t.id))}</text>`);
    out.push(`<rect x="${L}" y="${y + 4}" width="${n2(Math.max(1, width(accountShare)))}" height="14" fill="${tierColour(ids, t.id)}" opacity="0.55"><title>${tr.t('report.chart.tier-accounts', { n: t.accounts })}</title></rect>`);
    out.push(`<rect x="${L}" y="${y + 20}" width="${n2(Math.max(1, width(revenueShare)))}" height="14" fill="${tierColour(ids, t.id)}"><title>${tr.t('report.chart.tier-revenue', { share: pct(revenueShare) })}</title></rect>`);
    out.push(`<text x="${n2(L + Math.max(1, width(accountShare)) + 6)}" y="${y + 16}" class="bar-label">${t.accounts}</text>`);
    out.push(`<text x="${n2(L + Math.max(1, width(revenueShare)) + 6)}" y="${y + 32}" class="bar-label">${pct(revenueShare)}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}

/** Score (x) against revenue growth (y); bubble area ∝ latest revenue; coloured by tier. */
export function matrixSvg(points: readonly MatrixPoint[], tierIds: readonly string[], labelled = 25): string {
  const W = 720, H = 440, L = 60, R = 24, T = 20, B = 44;
  const growths = points.map((p) => p.growth);
  let lo = Math.min(0, ...growths);
  let hi = Math.max(0, ...growths);
  if (hi - lo < 0.1) hi = lo + 0.1;
  const pad = (hi - lo) * 0.08;
  lo -= pad;
  hi += pad;
  const x = (score: number) => L + (score / 100) * (W - L - R);
  const y = (g: number) => H - B - ((g - lo) / (hi - lo)) * (H - T - B);
  const maxRevenue = Math.max(1, ...points.map((p) => p.revenue));
  const radius = (revenue: number) => 3 + 25 * Math.sqrt(Math.max(0, revenue) / maxRevenue);
  const tr = i18n();
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${tr.t('report.chart.matrix', {})}" class="chart matrix">`];
  for (const s of [0, 25, 50, 75, 100]) {
    out.push(`<line x1="${n2(x(s))}" x2="${n2(x(s))}" y1="${T}" y2="${H - B}" class="grid"/>`);
    out.push(`<text x="${n2(x(s))}" y="${H - B + 16}" text-anchor="middle" class="tick">${s}</text>`);
  }
  const gTicks = 5;
  for (let i = 0; i <= gTicks; i++) {
    const g = lo + ((hi - lo) * i) / gTicks;
    out.push(`<text x="${L - 6}" y="${n2(y(g) + 4)}" text-anchor="end" class="tick">${(g * 100).toFixed(0)}%</text>`);
  }
  out.push(`<line x1="${L}" x2="${W - R}" y1="${n2(y(0))}" y2="${n2(y(0))}" class="zero"/>`);
  // Largest first, so that small bubbles stay on top and clickable.
  const order = [...points].sort((a, b) => b.revenue - a.revenue);
  const labels = new Set(order.slice(0, labelled).map((p) => p.id));
  for (const p of order) {
    out.push(`<circle cx="${n2(x(p.score))}" cy="${n2(y(p.growth))}" r="${n2(radius(p.revenue))}" fill="${tierColour(tierIds, p.tier)}" class="bubble" data-account="${escapeXml(p.id)}"><title>${tr.t('report.chart.bubble', { name: escapeXml(p.name), score: p.score.toFixed(1), growth: `${(p.growth * 100).toFixed(1)}%` })}</title></circle>`);
  }
  for (const p of order) {
    if (!labels.has(p.id)) continue;
    out.push(`<text x="${n2(x(p.score) + radius(p.revenue) + 3)}" y="${n2(y(p.growth) + 4)}" class="bubble-label">${escapeXml(p.name.length > 28 ? `${p.name.slice(0, 27)}…` : p.name)}</text>`);
  }
  out.push(`<text x="${(L + W - R) / 2}" y="${H - 6}" text-anchor="middle" class="axis">${tr.t('report.chart.matrix-x', {})}</text>`);
  out.push(`<text x="14" y="${(T + H - B) / 2}" text-anchor="middle" transform="rotate(-90 14 ${(T + H - B) / 2})" class="axis">${tr.t('report.chart.matrix-y', {})}</text>`);
  out.push('</svg>');
  return out.join('');
}

/** One bar per criterion: its score s on 0..100, and its contribution to the account score. Compact: a report holds a thousand of them. */
export function criteriaSvg(criteria: AccountCard['criteria']): string {
  const W = 340, rowH = 20, L = 120, R = 60;
  const H = criteria.length * rowH + 4;
  const tr = i18n();
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" class="chart criteria">`];
  criteria.forEach((c, i) => {
    const y = i * rowH + 2;
    const s = c.score ?? 0;
    out.push(`<text x="${L - 6}" y="${y + 12}" text-anchor="end">${escapeXml(tr.criterion(c.id))}</text><rect x="${L}" y="${y + 2}" width="${W - L - R}" height="12" class="track"/><rect x="${L}" y="${y + 2}" width="${n2(Math.max(c.missing ? 0 : 1, s * (W - L - R)))}" height="12" class="fill"/><text x="${W - R + 6}" y="${y + 12}">${c.missing ? '–' : `+${c.contribution.toFixed(1)}`}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}
