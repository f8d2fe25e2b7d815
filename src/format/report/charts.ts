// SVG charts drawn from numbers: small pure functions, no chart library (each chart is a few
// dozen lines of SVG, and a library would bring a runtime, fonts or a CDN into an offline file).
import type { AccountCard, MatrixPoint, ParetoPoint, TierRow } from '../../core/portfolio-report.js';
import { i18n } from '../../i18n/index.js';
import { escapeButWhitespace } from '../escape.js';
import { criterionName, fitText, textWidth } from './text.js';

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

/**
 * Round ticks over [lo, hi]: a step of 1, 2, 2.5 or 5 × 10^k, the one whose ticks cover [lo, hi]
 * most tightly in 4 to `maxIntervals` intervals (on a tie, the larger step); the ticks run from the
 * multiple of the step at or below lo to the one at or above hi. Each tick is i × step (no running
 * sum, so 0.1 + 0.2 never shows as 0.30000000000000004).
 */
export function niceTicks(lo: number, hi: number, maxIntervals = 8): { step: number; ticks: number[] } {
  if (!(hi > lo)) hi = lo + 1;
  const k = Math.floor(Math.log10((hi - lo) / maxIntervals));
  const candidates: { step: number; first: number; last: number }[] = [];
  for (const e of [k, k + 1, k + 2]) {
    for (const f of [1, 2, 2.5, 5]) {
      const step = f * 10 ** e;
      const first = Math.floor(lo / step + 1e-9);
      const last = Math.ceil(hi / step - 1e-9);
      if (last - first <= maxIntervals) candidates.push({ step, first, last });
    }
  }
  // 10^(k+2) is more than hi − lo, so at least that step fits.
  const enough = candidates.filter((c) => c.last - c.first >= 4);
  let best = (enough.length > 0 ? enough : candidates)[0]!;
  for (const c of enough.length > 0 ? enough : candidates) {
    if ((c.last - c.first) * c.step <= (best.last - best.first) * best.step * (1 + 1e-9)) best = c;
  }
  const ticks: number[] = [];
  for (let i = best.first; i <= best.last; i++) ticks.push(i === 0 ? 0 : i * best.step);
  return { step: best.step, ticks };
}

/** Ticks in percent (of fractions), with the decimals the step needs: 2.5% steps show one. */
export function percentTicks(ticks: readonly number[], step: number): string[] {
  const stepPct = step * 100;
  let decimals = 0;
  while (decimals < 6 && Math.abs(Math.round(stepPct * 10 ** decimals) - stepPct * 10 ** decimals) > 1e-6 * 10 ** decimals) decimals++;
  return ticks.map((t) => {
    const text = (t * 100).toFixed(decimals);
    return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
  }).map((t) => `${t}%`);
}

/** A box on a chart, in SVG units (y down). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Font sizes of the matrix's texts (the STYLE of html.ts sets the same), and how far a text box reaches above and below its baseline. */
export const LABEL_FONT = 10;
export const NUMBER_FONT = 9;
export const ASCENT = 0.95;
export const DESCENT = 0.3;
/** The widest a bubble label gets before it is cut with an ellipsis (the legend below has the whole name). */
export const MAX_LABEL_WIDTH = 170;
/** Space kept between two label boxes. */
const GAP = 1;

export const MATRIX = { W: 720, H: 440, L: 60, R: 24, T: 20, B: 44 } as const;

/** The plot area of the matrix: no label leaves it. */
export const MATRIX_PLOT: Box = { x: MATRIX.L, y: MATRIX.T, width: MATRIX.W - MATRIX.L - MATRIX.R, height: MATRIX.H - MATRIX.T - MATRIX.B };

export function boxesOverlap(a: Box, b: Box, gap = 0): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

export function boxInside(inner: Box, outer: Box): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

/** The box of a text drawn with text-anchor start at (x, baseline y). */
export function textBox(x: number, y: number, text: string, fontSize: number): Box {
  return { x, y: y - ASCENT * fontSize, width: textWidth(text, fontSize), height: (ASCENT + DESCENT) * fontSize };
}

/** An account of the matrix that has a number instead of a label: the legend below the chart names it. */
export interface NumberedPoint {
  n: number;
  point: MatrixPoint;
  /** Whether its number is drawn on the chart (it is, unless every place near its bubble is taken). */
  drawn: boolean;
}

/**
 * Where the labels go (greedy): each of the first `labelled` points (in their order, the ranking)
 * tries a place right of its bubble, left, above, below, then at the four corners, and takes the
 * first whose box overlaps no label placed before and stays inside the plot (preferring places
 * that leave the centres of the bubbles still to come free). A point with no place gets a number,
 * in its bubble (or beside it), and an entry in the legend.
 */
function placeLabels(
  points: readonly MatrixPoint[],
  labelled: number,
  at: (p: MatrixPoint) => { cx: number; cy: number; r: number },
): { labels: { point: MatrixPoint; text: string; x: number; y: number }[]; numbers: { n: number; x: number; y: number }[]; numbered: NumberedPoint[] } {
  const placed: Box[] = [];
  const free = (box: Box) => boxInside(box, MATRIX_PLOT) && !placed.some((b) => boxesOverlap(box, b, GAP));
  const labels: { point: MatrixPoint; text: string; x: number; y: number }[] = [];
  const numbers: { n: number; x: number; y: number }[] = [];
  const numbered: NumberedPoint[] = [];
  /** Places for a text of width w and font size f around a bubble: baselines and left edges. */
  const spots = (cx: number, cy: number, r: number, w: number, f: number, centre: boolean) => {
    const middle = cy + ((ASCENT - DESCENT) / 2) * f; // the baseline that centres the box on cy
    const above = cy - r - 2 - DESCENT * f;
    const below = cy + r + 2 + ASCENT * f;
    const d = r * Math.SQRT1_2;
    return [
      ...(centre ? [{ x: cx - w / 2, y: middle }] : []),
      { x: cx + r + 3, y: middle },
      { x: cx - r - 3 - w, y: middle },
      { x: cx - w / 2, y: above },
      { x: cx - w / 2, y: below },
      { x: cx + d + 1, y: cy - d - 1 - DESCENT * f },
      { x: cx - d - 1 - w, y: cy - d - 1 - DESCENT * f },
      { x: cx + d + 1, y: cy + d + 1 + ASCENT * f },
      { x: cx - d - 1 - w, y: cy + d + 1 + ASCENT * f },
    ];
  };
  const candidates = points.slice(0, labelled);
  // Each candidate's bubble centre is kept free for its number, until it has a label: a number
  // then finds its place in its bubble, not far from it.
  const widest = textWidth(String(candidates.length), NUMBER_FONT);
  const reserved = new Map(candidates.map((p) => {
    const { cx, cy } = at(p);
    return [p, textBox(cx - widest / 2, cy + ((ASCENT - DESCENT) / 2) * NUMBER_FONT, '8'.repeat(String(candidates.length).length), NUMBER_FONT)] as const;
  }));
  const freeFor = (p: MatrixPoint, box: Box) => free(box) && ![...reserved].some(([q, b]) => q !== p && boxesOverlap(box, b, GAP));
  for (const p of candidates) {
    const { cx, cy, r } = at(p);
    const text = fitText(escapeButWhitespace(p.name), LABEL_FONT, MAX_LABEL_WIDTH);
    const w = textWidth(text, LABEL_FONT);
    // A place that keeps the other bubbles' centres free, else any free place (the better ranked name wins).
    const around = spots(cx, cy, r, w, LABEL_FONT, false);
    const spot = around.find((s) => freeFor(p, textBox(s.x, s.y, text, LABEL_FONT))) ?? around.find((s) => free(textBox(s.x, s.y, text, LABEL_FONT)));
    reserved.delete(p);
    if (spot) {
      placed.push(textBox(spot.x, spot.y, text, LABEL_FONT));
      labels.push({ point: p, text, x: spot.x, y: spot.y });
      continue;
    }
    const n = numbered.length + 1;
    const digits = String(n);
    const near = spots(cx, cy, r, textWidth(digits, NUMBER_FONT), NUMBER_FONT, true);
    const numberSpot = near.find((s) => freeFor(p, textBox(s.x, s.y, digits, NUMBER_FONT))) ?? near.find((s) => free(textBox(s.x, s.y, digits, NUMBER_FONT)));
    if (numberSpot) {
      placed.push(textBox(numberSpot.x, numberSpot.y, digits, NUMBER_FONT));
      numbers.push({ n, x: numberSpot.x, y: numberSpot.y });
    }
    numbered.push({ n, point: p, drawn: numberSpot !== undefined });
  }
  return { labels, numbers, numbered };
}

/**
 * Score (x) against revenue growth (y); bubble area ∝ latest revenue; coloured by tier. The first
 * `labelled` points (the best ranked) are named where a name fits without covering another (see
 * placeLabels), else numbered: `numbered` is the legend below the chart.
 */
export function matrixChart(points: readonly MatrixPoint[], tierIds: readonly string[], labelled = 25): { svg: string; numbered: NumberedPoint[] } {
  const { W, H, L, R, T, B } = MATRIX;
  const growths = points.map((p) => p.growth);
  let lo = Math.min(0, ...growths);
  let hi = Math.max(0, ...growths);
  if (hi - lo < 0.1) hi = lo + 0.1;
  const pad = (hi - lo) * 0.03;
  const { step, ticks } = niceTicks(lo - pad, hi + pad);
  lo = ticks[0]!;
  hi = ticks[ticks.length - 1]!;
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
  const tickTexts = percentTicks(ticks, step);
  ticks.forEach((g, i) => {
    out.push(`<line x1="${L}" x2="${W - R}" y1="${n2(y(g))}" y2="${n2(y(g))}" class="grid"/>`);
    out.push(`<text x="${L - 6}" y="${n2(y(g) + 4)}" text-anchor="end" class="tick">${tickTexts[i]}</text>`);
  });
  out.push(`<line x1="${L}" x2="${W - R}" y1="${n2(y(0))}" y2="${n2(y(0))}" class="zero"/>`);
  // Largest first, so that small bubbles stay on top and clickable.
  const order = [...points].sort((a, b) => b.revenue - a.revenue);
  for (const p of order) {
    out.push(`<circle cx="${n2(x(p.score))}" cy="${n2(y(p.growth))}" r="${n2(radius(p.revenue))}" fill="${tierColour(tierIds, p.tier)}" class="bubble" data-account="${escapeXml(p.id)}"><title>${tr.t('report.chart.bubble', { name: escapeXml(p.name), score: p.score.toFixed(1), growth: `${(p.growth * 100).toFixed(1)}%` })}</title></circle>`);
  }
  // Positions are rounded as written (n2), and the boxes are measured from the written numbers.
  const { labels, numbers, numbered } = placeLabels(points, labelled, (p) => ({ cx: Number(n2(x(p.score))), cy: Number(n2(y(p.growth))), r: Number(n2(radius(p.revenue))) }));
  for (const l of labels) {
    out.push(`<text x="${n2(l.x)}" y="${n2(l.y)}" class="bubble-label" data-account="${escapeXml(l.point.id)}">${escapeXml(l.text)}</text>`);
  }
  for (const m of numbers) {
    out.push(`<text x="${n2(m.x)}" y="${n2(m.y)}" class="bubble-number">${m.n}</text>`);
  }
  out.push(`<text x="${(L + W - R) / 2}" y="${H - 6}" text-anchor="middle" class="axis">${tr.t('report.chart.matrix-x', {})}</text>`);
  out.push(`<text x="14" y="${(T + H - B) / 2}" text-anchor="middle" transform="rotate(-90 14 ${(T + H - B) / 2})" class="axis">${tr.t('report.chart.matrix-y', {})}</text>`);
  out.push('</svg>');
  return { svg: out.join(''), numbered };
}

/** The matrix's SVG alone (see matrixChart). */
export function matrixSvg(points: readonly MatrixPoint[], tierIds: readonly string[], labelled = 25): string {
  return matrixChart(points, tierIds, labelled).svg;
}

/** One bar per criterion: its score s on 0..100, and its contribution to the account score. Compact: a report holds a thousand of them. */
export function criteriaSvg(criteria: AccountCard['criteria']): string {
  const W = 360, rowH = 20, L = 140, R = 60;
  const H = criteria.length * rowH + 4;
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" class="chart criteria">`];
  criteria.forEach((c, i) => {
    const y = i * rowH + 2;
    const s = c.score ?? 0;
    // The name fits left of the bar (cut with an ellipsis, the whole name in its title).
    const name = escapeButWhitespace(criterionName(c.id));
    const shown = fitText(name, 11, L - 10);
    const label = `<text x="${L - 6}" y="${y + 12}" text-anchor="end" class="criterion">${escapeXml(shown)}</text>`;
    out.push(`${shown !== name ? `<g><title>${escapeXml(name)}</title>${label}</g>` : label}<rect x="${L}" y="${y + 2}" width="${W - L - R}" height="12" class="track"/><rect x="${L}" y="${y + 2}" width="${n2(Math.max(c.missing ? 0 : 1, s * (W - L - R)))}" height="12" class="fill"/><text x="${W - R + 6}" y="${y + 12}">${c.missing ? '–' : `+${c.contribution.toFixed(1)}`}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}

// ---- issue 19: whitespace heatmap, resources vs value --------------------------------------

/** The statuses of a whitespace cell, in the legend's order. */
export const CELL_STATUSES = ['installed', 'opportunity', 'competitor', 'none', 'unknown'] as const;

/** The heatmap's geometry: column step, row step, the cell inside them, the account names' width. */
export const HEATMAP = { CW: 22, RH: 16, CELL_W: 20, CELL_H: 14, L: 190, R: 12, HEADER_MAX: 120, FOOTER: 48, FONT: 11 } as const;

export interface HeatmapInput {
  /** Product names, in column order; `penetration` 0..1 (null: no account), its label under the column and the column's tooltip. */
  columns: { product: string; penetration: number | null; title: string }[];
  rows: { id: string; label: string; cells: { status: (typeof CELL_STATUSES)[number]; title: string }[] }[];
  /** Texts of the chart (already in the locale). */
  penetrationLabel: string;
  aria: string;
}

/**
 * Accounts (rows) × products (columns), each cell coloured by its status (CSS classes ws-<status>).
 * Product names are drawn upright (rotated −90°) above their column, cut at HEADER_MAX px with the
 * whole name in a title; each column's penetration is drawn under it the same way.
 */
export function heatmapSvg(input: HeatmapInput): string {
  const { CW, RH, CELL_W, CELL_H, L, R, HEADER_MAX, FOOTER, FONT } = HEATMAP;
  const names = input.columns.map((c) => {
    const name = escapeButWhitespace(c.product);
    return { name, shown: fitText(name, FONT, HEADER_MAX) };
  });
  const header = Math.ceil(Math.max(20, ...names.map((n) => textWidth(n.shown, FONT)))) + 8;
  const W = L + input.columns.length * CW + R;
  const top = header;
  const bottom = top + input.rows.length * RH;
  const H = bottom + FOOTER;
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeXml(input.aria)}" class="chart heatmap">`];
  input.columns.forEach((c, i) => {
    const x = L + i * CW + CW / 2 + FONT * 0.35;
    const y = top - 4;
    const { name, shown } = names[i]!;
    out.push(`<text x="${n2(x)}" y="${y}" transform="rotate(-90 ${n2(x)} ${y})" class="ws-product" data-product="${escapeXml(c.product)}"><title>${escapeXml(name === shown ? c.title : `${name} · ${c.title}`)}</title>${escapeXml(shown)}</text>`);
  });
  input.rows.forEach((r, j) => {
    const y = top + j * RH;
    const label = escapeButWhitespace(r.label);
    const shown = fitText(label, FONT, L - 12);
    out.push(`<text x="${L - 6}" y="${y + 11}" text-anchor="end" class="ws-account" data-account="${escapeXml(r.id)}">${shown !== label ? `<title>${escapeXml(label)}</title>` : ''}${escapeXml(shown)}</text>`);
    r.cells.forEach((cell, i) => {
      out.push(`<rect x="${L + i * CW + (CW - CELL_W) / 2}" y="${y + (RH - CELL_H) / 2}" width="${CELL_W}" height="${CELL_H}" class="ws-cell ws-${cell.status}" data-account="${escapeXml(r.id)}" data-product="${escapeXml(input.columns[i]!.product)}" data-status="${cell.status}"><title>${escapeXml(cell.title)}</title></rect>`);
    });
  });
  out.push(`<text x="${L - 6}" y="${bottom + 14}" text-anchor="end" class="ws-penetration-label">${escapeXml(input.penetrationLabel)}</text>`);
  input.columns.forEach((c, i) => {
    const x = L + i * CW + CW / 2 + FONT * 0.35;
    const y = bottom + 4;
    const text = c.penetration === null ? '–' : pct(c.penetration);
    out.push(`<text x="${n2(x)}" y="${y}" transform="rotate(-90 ${n2(x)} ${y})" text-anchor="end" class="ws-penetration" data-product="${escapeXml(c.product)}" data-penetration="${c.penetration ?? ''}"><title>${escapeXml(c.title)}</title>${text}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}

export interface ResourceBarRow {
  id: string | null;
  label: string;
  fteShare: number;
  revenueShare: number;
  /** The revenue-per-FTE label at the right (in the locale, with the currency). */
  perFte: string;
  title: string;
}

/** Per tier, the share of our FTE (light) against the share of revenue (full), with revenue per FTE at the right. */
export function resourcesSvg(rows: readonly ResourceBarRow[], texts: { aria: string; fte: string; revenue: string; perFte: string }, tierIds: readonly string[]): string {
  const W = 680, rowH = 44, L = 110, R = 200, T = 24, LABEL = 48;
  const H = T + rows.length * rowH + 8;
  const width = (share: number) => Math.max(1, Math.max(0, Math.min(1, share)) * (W - L - R - LABEL));
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeXml(texts.aria)}" class="chart resources">`];
  out.push(`<text x="${L}" y="14" class="legend">${escapeXml(texts.fte)}</text><text x="${L + 150}" y="14" class="legend revenue-legend">${escapeXml(texts.revenue)}</text><text x="${W - 4}" y="14" text-anchor="end" class="legend">${escapeXml(texts.perFte)}</text>`);
  rows.forEach((r, i) => {
    const y = T + i * rowH;
    const colour = tierColour(tierIds, r.id);
    const fw = width(r.fteShare), rw = width(r.revenueShare);
    out.push(`<g data-tier="${escapeXml(r.id ?? '')}"><title>${escapeXml(r.title)}</title>`);
    out.push(`<text x="${L - 8}" y="${y + 20}" text-anchor="end" class="tier-name">${escapeXml(fitText(escapeButWhitespace(r.label), 12, L - 12))}</text>`);
    out.push(`<rect x="${L}" y="${y + 4}" width="${n2(fw)}" height="14" fill="${colour}" opacity="0.4" class="fte-bar"/>`);
    out.push(`<rect x="${L}" y="${y + 20}" width="${n2(rw)}" height="14" fill="${colour}" class="revenue-bar"/>`);
    out.push(`<text x="${n2(L + fw + 6)}" y="${y + 16}" class="bar-label">${pct(r.fteShare)}</text>`);
    out.push(`<text x="${n2(L + rw + 6)}" y="${y + 32}" class="bar-label">${pct(r.revenueShare)}</text>`);
    out.push(`<text x="${W - 4}" y="${y + 24}" text-anchor="end" class="per-fte">${escapeXml(r.perFte)}</text></g>`);
  });
  out.push('</svg>');
  return out.join('');
}
