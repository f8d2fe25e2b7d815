// The portfolio report as one self-contained HTML file: inline CSS and SVG, no script, no
// network. Every number a reader sees is also in a data-* attribute, so tests (and scripts)
// can read the page as a person sees it and compare it with `kam score --format json`.
import { overrideLine, overrideNote } from '../override.js';
import type { AccountCard, EmergingSection, PortfolioReport, ResourcesSection, WhitespaceSection } from '../../core/portfolio-report.js';
import { archetypeText } from '../score/method.js';
import { criterionName } from './text.js';
import { i18n } from '../../i18n/index.js';
import { escapeButWhitespace } from '../escape.js';
import { count } from '../score/shared.js';
import { findingText } from '../text.js';
import type { Message } from '../../i18n/index.js';
import { CELL_STATUSES, criteriaSvg, escapeXml as esc, heatmapSvg, matrixChart, paretoSvg, resourcesSvg, tierColour, tierSvg, type NumberedPoint } from './charts.js';
import type { LeftOut } from '../../core/portfolio-report.js';
import { chainMapLegend, chainMapSvg } from './chain-map.js';

/** Cards beyond this many are collapsed (a click opens one), so a 1,000-account page stays light. */
export const OPEN_CARDS = 20;
/** The best-ranked accounts with contacts that get a decision-chain map (issue 20); the others' cards say why they have none. */
export const MAP_ACCOUNTS = 50;
/** The best-ranked accounts named (or numbered) on the portfolio matrix. */
export const MATRIX_LABELS = 25;
/** Plans or rows named in the line that says what was left out; the rest are counted. */
export const LISTED_LEFT_OUT = 10;

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const one = (v: number) => v.toFixed(1);

/** An amount for people: 1.2 M, 450 k in English; 120万, 1.2亿 in Chinese (Intl's compact notation). */
function money(amount: number, currency: string): string {
  const tr = i18n();
  if (tr.locale !== 'en') return `${tr.number(amount, { notation: 'compact', maximumFractionDigits: 1 })} ${esc(currency)}`;
  const formatted = Math.abs(amount) >= 1e6 ? `${(amount / 1e6).toFixed(1)} M` : Math.abs(amount) >= 1e3 ? `${(amount / 1e3).toFixed(0)} k` : amount.toFixed(0);
  return `${formatted} ${esc(currency)}`;
}

const STYLE = `
:root { --ink: #1d2433; --muted: #667085; --line: #e4e7ec; --bg: #f8f9fb; --accent: #1f78b4; --warn: #b54708; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Zen Hei", sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 0 0 12px; }
.meta { color: var(--muted); margin-bottom: 20px; }
.panel { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 18px; margin-bottom: 18px; }
.row { display: flex; flex-wrap: wrap; gap: 18px; } .row > .panel { flex: 1 1 480px; }
.figures { display: flex; flex-wrap: wrap; gap: 12px; margin: 0 0 12px; padding: 0; list-style: none; }
.figures li { background: var(--bg); border-radius: 8px; padding: 8px 12px; min-width: 120px; }
.figures b { display: block; font-size: 20px; }
.warning { color: var(--warn); font-weight: 600; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.chart { max-width: 100%; height: auto; display: block; }
.chart text { font-size: 11px; fill: var(--ink); } .chart .tick { fill: var(--muted); } .chart .axis { fill: var(--muted); font-size: 12px; }
.chart .grid { stroke: var(--line); } .chart .diagonal { stroke: #c0c6d0; stroke-dasharray: 2 4; }
.chart .line80 { stroke: var(--warn); stroke-dasharray: 6 4; } .chart .label80 { fill: var(--warn); }
.chart .curve { fill: none; stroke: var(--accent); stroke-width: 2.5; }
.chart .vital { stroke: var(--accent); stroke-dasharray: 3 3; } .chart .vital-dot { fill: var(--accent); } .chart .vital-label { fill: var(--accent); font-weight: 600; }
.chart .zero { stroke: #98a2b3; } .chart .bubble { fill-opacity: 0.6; stroke: #fff; } .chart .bubble-label { font-size: 10px; } .chart .bubble-number { font-size: 9px; }
.matrix-legend ol { columns: 2 280px; margin: 4px 0 0; padding-left: 28px; font-size: 13px; }
.chart .track { fill: var(--bg); } .chart .fill { fill: var(--accent); } .chart .revenue-legend { fill: var(--muted); }
.legend-tiers span { display: inline-block; margin-right: 12px; } .legend-tiers i { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; }
.cards details { background: #fff; border: 1px solid var(--line); border-radius: 10px; margin-bottom: 10px; }
.cards summary { cursor: pointer; padding: 10px 14px; display: flex; gap: 12px; align-items: baseline; flex-wrap: wrap; }
.cards summary .name { font-weight: 600; font-size: 15px; } .cards summary .tier { color: #fff; border-radius: 10px; padding: 0 8px; font-size: 12px; }
.card-body { display: flex; flex-wrap: wrap; gap: 18px; padding: 0 14px 14px; } .card-body > div { flex: 1 1 300px; }
.card-body h3 { font-size: 13px; margin: 8px 0 4px; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
.card-body ul { margin: 0; padding-left: 18px; } .ok { color: #027a48; } .missing { color: var(--warn); }
.finding.error { color: #b42318; } .finding.warn { color: var(--warn); } .finding small { color: var(--muted); }
.chart .ws-cell { stroke: #fff; } .ws-installed { fill: #12b76a; } .ws-opportunity { fill: #f79009; } .ws-competitor { fill: #d92d20; } .ws-none { fill: #d0d5dd; } .ws-unknown { fill: #f9fafb; stroke: #e4e7ec !important; }
.chart .ws-product, .chart .ws-account, .chart .ws-penetration, .chart .ws-penetration-label { font-size: 11px; } .chart .ws-penetration, .chart .ws-penetration-label { fill: var(--muted); }
.heatmap-wrap { overflow-x: auto; } .legend-status span { display: inline-block; margin-right: 12px; } .legend-status i { display: inline-block; width: 12px; height: 10px; margin-right: 4px; border: 1px solid #e4e7ec; }
.chart .per-fte { font-size: 12px; font-weight: 600; }
.cards summary .archetype { border: 1px solid var(--accent); color: var(--accent); border-radius: 10px; padding: 0 8px; font-size: 12px; }
.chain-map-panel { flex: 1 1 100% !important; min-width: 0; } .chain-map-wrap { overflow-x: auto; } .chain-map-wrap svg.chain-map { max-width: none; }
.chain-map .map-band { fill: #fff; } .chain-map .map-band.odd { fill: var(--bg); } .chain-map .map-sep { stroke: var(--line); }
.chain-map .map-role, .chain-map .map-layer { font-size: 11px; font-weight: 600; fill: var(--muted); } .chain-map .map-nobody { fill: var(--warn); font-style: italic; }
.chain-map .node { stroke: #1d2433; stroke-width: 1; } .chain-map .node.unknown-strength { stroke-dasharray: 2 2; stroke: #667085; }
.chain-map .map-sign { font-size: 9px; font-weight: 700; } .chain-map .map-name { font-size: 11px; } .chain-map .map-owner { font-size: 10px; fill: var(--muted); }
.chain-map .map-badge { fill: #1d2433; } .chain-map .map-badge.coach { fill: #027a48; } .chain-map .map-badge-text { font-size: 9px; font-weight: 700; fill: #fff; }
.chain-map .reports-to-line { fill: none; stroke: #667085; stroke-width: 1.3; opacity: .75; } .chain-map .reports-to-head { fill: #667085; }
.map-legend { font-size: 12px; color: var(--muted); } .map-legend span { display: inline-block; margin-right: 10px; } .map-legend i { display: inline-block; min-width: 18px; padding: 0 3px; margin-right: 3px; border: 1px solid #1d2433; border-radius: 8px; font-style: normal; font-weight: 700; font-size: 10px; text-align: center; }
.map-legend .badge { background: #1d2433; color: #fff; border-radius: 3px; padding: 0 3px; font-size: 10px;  .map-legend .badge.coach { background: #027a48; }
@media print { details { break-inside: avoid; } }
`;

export function formatReportHtml(report: PortfolioReport): string {
  const tr = i18n();
  const tierName = (id: string) => esc(tr.tier(id));
  const tierIds = report.tiers.map((t) => t.id);
  const c = report.concentration;
  const parts: string[] = [];
  parts.push(`<!doctype html><html lang="${tr.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`);
  // No network: a strict policy makes sure the page never fetches anything, even if a name tries.
  parts.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  parts.push(`<title>${esc(report.title)}</title><style>${STYLE}</style></head><body><main>`);
  parts.push(`<h1>${esc(report.title)}</h1>`);
  parts.push(`<p class="meta">${tr.t('report.meta', { asOf: esc(tr.date(report.asOf)), source: esc(report.source), accounts: count(report.accounts), revenue: money(report.totalRevenue, report.currency) })}</p>`);
  if (report.leftOut) parts.push(leftOutHtml(report.leftOut));

  parts.push(`<section class="panel" id="pareto" data-accounts="${report.accounts}" data-vital-few="${report.pareto.vitalFew}" data-vital-few-share="${report.pareto.vitalFewShare}">`);
  parts.push(`<h2>${tr.t('report.pareto.title', {})}</h2>`);
  parts.push(`<p>${tr.t('report.pareto.text', { n: report.pareto.vitalFew, vitalFewHtml: `<b class="vital-few">${report.pareto.vitalFew}</b>`, shareHtml: `<b>${pct(report.pareto.vitalFewShare)}</b>` })}</p>`);
  parts.push(paretoSvg(report.pareto.points, report.pareto.vitalFew, report.pareto.vitalFewShare));
  parts.push(`</section>`);

  parts.push(`<div class="row"><section class="panel" id="tiers"><h2>${tr.t('report.tiers.title', {})}</h2>`);
  parts.push(tierSvg(report.tiers, report.accounts, report.totalRevenue));
  parts.push(`<table><thead><tr><th>${tr.t('report.tiers.head.tier', {})}</th><th class="num">${tr.t('report.tiers.head.accounts', {})}</th><th class="num">${tr.t('report.tiers.head.revenue', {})}</th><th class="num">${tr.t('report.tiers.head.share', {})}</th></tr></thead><tbody>`);
  for (const t of report.tiers) {
    parts.push(`<tr data-tier="${esc(t.id)}" data-accounts="${t.accounts}" data-revenue="${t.revenue}"><td>${tierName(t.id)}</td><td class="num">${count(t.accounts)}</td><td class="num">${money(t.revenue, report.currency)}</td><td class="num">${report.totalRevenue > 0 ? pct(t.revenue / report.totalRevenue) : '–'}</td></tr>`);
  }
  parts.push(`</tbody></table></section>`);
  parts.push(`<section class="panel" id="concentration" data-top1-share="${c.top1Share}" data-top5-share="${c.top5Share}" data-hhi="${c.hhi}" data-warning="${c.warning}"><h2>${tr.t('report.concentration.title', {})}</h2><ul class="figures">`);
  parts.push(`<li>${tr.t('report.concentration.top1', {})}<b>${pct(c.top1Share)}</b></li><li>${tr.t('report.concentration.top5', {})}<b>${pct(c.top5Share)}</b></li><li>${tr.t('report.concentration.hhi', {})}<b>${count(Math.round(c.hhi))}</b></li></ul>`);
  parts.push(c.warning
    ? `<p class="warning">${tr.t('report.concentration.warning', { top1: c.top1 ? esc(c.top1) : tr.t('report.concentration.top-account', {}), share: pct(c.top1Share), max: pct(c.maxTop1Share) })}</p>`
    : `<p>${tr.t('report.concentration.ok', { max: pct(c.maxTop1Share) })}</p>`);
  parts.push(`<p class="meta">${tr.t('report.concentration.hhi-note', {})}</p></section></div>`);

  parts.push(`<section class="panel" id="matrix" data-points="${report.matrix.length}"><h2>${tr.t('report.matrix.title', {})}</h2>`);
  parts.push(`<p class="legend-tiers">${tierIds.map((t) => `<span><i style="background:${tierColour(tierIds, t)}"></i>${tierName(t)}</span>`).join('')}${tr.t('report.matrix.legend', { n: MATRIX_LABELS })}</p>`);
  if (report.matrix.length > 0) {
    const chart = matrixChart(report.matrix, tierIds, MATRIX_LABELS);
    parts.push(chart.svg);
    if (chart.numbered.length > 0) parts.push(numberedHtml(chart.numbered));
  } else {
    parts.push(`<p class="meta">${tr.t('report.matrix.empty', {})}</p>`);
  }
  // matrixLeftOut counts both reasons (core/portfolio-report.ts): the line names both.
  if (report.matrixLeftOut > 0) {
    parts.push(`<p class="meta" data-left-out="${report.matrixLeftOut}">${tr.t('report.matrix.left-out', { n: count(report.matrixLeftOut) })}</p>`);
  }
  parts.push(`</section>`);

  if (report.whitespace) parts.push(whitespaceHtml(report.whitespace));
  if (report.resources) parts.push(resourcesHtml(report.resources, tierIds, report.currency));
  if (report.emerging) parts.push(emergingHtml(report.emerging));

  if (report.cards.length > 0) {
    parts.push(`<section class="cards" id="accounts"><h2>${tr.t('report.accounts.title', {})}</h2>`);
    if (report.cards.length > OPEN_CARDS) parts.push(`<p class="meta">${tr.t('report.accounts.collapsed', { n: OPEN_CARDS })}</p>`);
    const maps = mapPlan(report.cards);
    if (maps.leftOut.length > 0) parts.push(mapsLeftOutHtml(maps.leftOut));
    report.cards.forEach((card, i) => parts.push(cardHtml(card, tierIds, report.currency, i < OPEN_CARDS, maps.drawn.has(card))));
    parts.push(`</section>`);
  }
  if (report.portfolioFindings.length > 0) {
    parts.push(`<section class="panel" id="portfolio-findings"><h2>${tr.t('report.portfolio-findings.title', {})}</h2><ul>${report.portfolioFindings.map(findingHtml).join('')}</ul></section>`);
  }
  parts.push(`<p class="meta">${tr.t('report.footer', {})}</p>`);
  parts.push(`</main></body></html>\n`);
  // Every value was escaped where it was written; this pass makes sure no control character is left.
  return escapeButWhitespace(parts.join('\n'));
}

/** The line under the title that says which plans or rows the report left out, and why. */
function leftOutHtml(leftOut: LeftOut): string {
  const tr = i18n();
  const items = leftOut.items.slice(0, LISTED_LEFT_OUT).map((i) => (i.why === '' ? esc(i.where) : tr.t('report.left-out.item', { where: esc(i.where), why: esc(i.why) })));
  const more = leftOut.count - Math.min(leftOut.items.length, LISTED_LEFT_OUT);
  if (more > 0) items.push(tr.t('report.left-out.more', { n: count(more) }));
  const list = items.join(tr.t('report.left-out.separator', {}));
  const text = leftOut.kind === 'plans'
    ? tr.t('report.left-out.plans', { n: count(leftOut.count), items: list })
    : tr.t('report.left-out.rows', { n: count(leftOut.count), file: esc(leftOut.file ?? ''), items: list });
  return `<p class="warning left-out" id="left-out" data-kind="${leftOut.kind}" data-count="${leftOut.count}">${text}</p>`;
}

/** The legend of the accounts numbered on the matrix (their names did not fit). */
function numberedHtml(numbered: readonly NumberedPoint[]): string {
  const tr = i18n();
  const items = numbered.map(({ n, point: p, drawn }) =>
    `<li value="${n}" data-account="${esc(p.id)}" data-number="${n}">${tr.t('report.chart.bubble', { name: esc(p.name), score: p.score.toFixed(1), growth: `${(p.growth * 100).toFixed(1)}%` })}${drawn ? '' : ` <span class="meta">${tr.t('report.matrix.not-drawn', {})}</span>`}</li>`);
  return `<div class="matrix-legend"><p class="meta">${tr.t('report.matrix.numbered', {})}</p><ol>${items.join('')}</ol></div>`;
}

function findingHtml(f: { rule: string; severity: string; message: string; text?: Message }): string {
  return `<li class="finding ${esc(f.severity)}">${esc(findingText(f))} <small>${esc(f.rule)}</small></li>`;
}

/** Which cards get a decision-chain map: the first MAP_ACCOUNTS (by rank) with contacts; the rest are left out. */
function mapPlan(cards: readonly AccountCard[]): { drawn: Set<AccountCard>; leftOut: AccountCard[] } {
  const drawn = new Set<AccountCard>();
  const leftOut: AccountCard[] = [];
  for (const card of cards) {
    if (!card.chain || card.chain.people.length === 0) continue;
    if (drawn.size < MAP_ACCOUNTS) drawn.add(card);
    else leftOut.push(card);
  }
  return { drawn, leftOut };
}

/** The line that names the accounts with contacts but no map (the first LISTED_LEFT_OUT; the rest counted). */
function mapsLeftOutHtml(leftOut: readonly AccountCard[]): string {
  const tr = i18n();
  const names = leftOut.slice(0, LISTED_LEFT_OUT).map((c) => esc(c.name));
  if (leftOut.length > LISTED_LEFT_OUT) names.push(tr.t('report.left-out.more', { n: count(leftOut.length - LISTED_LEFT_OUT) }));
  return `<p class="meta maps-left-out" data-left-out="${leftOut.length}">${tr.t('report.map.left-out', { n: MAP_ACCOUNTS, m: leftOut.length, names: names.join(tr.t('report.list.separator', {})) })}</p>`;
}

/** A card's decision-chain map, its legend; or the line saying it has none. */
function chainMapHtml(card: AccountCard, drawn: boolean): string {
  const tr = i18n();
  const people = card.chain?.people ?? [];
  if (people.length === 0) return '';
  const body = drawn
    ? `<div class="chain-map-wrap">${chainMapSvg(people, card.name)}</div>${chainMapLegend()}`
    : `<p class="meta map-not-drawn">${tr.t('report.map.not-drawn', { n: MAP_ACCOUNTS })}</p>`;
  return `<div class="chain-map-panel"><h3>${tr.t('report.map.title', {})}</h3>${body}</div>`;
}

function cardHtml(card: AccountCard, tierIds: readonly string[], currency: string, open: boolean, map = false): string {
  const tr = i18n();
  const list = (items: readonly string[]) => items.join(tr.t('report.list.separator', {}));
  const out: string[] = [];
  out.push(`<details class="card" id="account-${esc(card.id)}" data-account="${esc(card.id)}" data-rank="${card.rank}" data-score="${one(card.score)}" data-tier="${esc(card.tier ?? '')}" data-findings="${card.findings.length}"${open ? ' open' : ''}>`);
  // issue 20: with a tier override, the badge is the managed tier and a note gives the computed one.
  const ov = card.override;
  const badge = ov ? ov.managedTier : card.tier;
  const declared = card.declaredTier !== undefined && card.declaredTier !== badge ? ` <span class="meta">${tr.t('report.card.declared', { tier: esc(tr.tier(card.declaredTier)) })}</span>` : '';
  const ovLine = ov ? overrideLine(card.tier, ov.view) : '';
  const ovNote = ov ? `<span class="meta override" data-managed-tier="${esc(ov.managedTier ?? '')}" data-override-tier="${esc(ov.view.tier)}" data-override-expired="${ov.view.expired}" title="${esc(ovLine)}">${esc(overrideNote(card.tier, ov.view).trim())}</span>` : '';
  out.push(`<summary><span class="meta">#${card.rank}</span><span class="name">${esc(card.name)}</span><span>${tr.t('report.card.score', { scoreHtml: `<b class="score">${one(card.score)}</b>` })}</span><span class="tier" style="background:${tierColour(tierIds, badge)}">${esc(badge === null ? '–' : tr.tier(badge))}</span>${ovNote}${declared}${card.archetype ? archetypeBadge(card.archetype) : ''}<span class="meta">${money(card.revenue, currency)}</span><span class="meta">${tr.t('report.card.findings', { n: count(card.findings.length) })}</span></summary>`);
  out.push(`<div class="card-body"><div><h3>${tr.t('report.card.breakdown', {})}</h3>${ov ? `<p class="override">${esc(ovLine)}</p>` : ''}${criteriaSvg(card.criteria)}</div>`);
  if (card.chain) {
    const ch = card.chain;
    const stances = list(Object.entries(ch.stances).filter(([, n]) => n > 0).map(([s, n]) => tr.t('report.card.stance-count', { n, stance: esc(tr.value('stance', s)) }))) || tr.t('report.card.no-stances', {});
    const roles = list(ch.rolesCovered.map((r) => esc(tr.value('role', r)))) || tr.t('report.card.none', {});
    out.push(`<div><h3>${tr.t('report.card.chain', {})}</h3><ul><li>${tr.t('report.card.contacts', { n: ch.contacts, roles })}</li>`);
    out.push(`<li class="${ch.coach ? 'ok' : 'missing'}" data-coach="${ch.coach}">${ch.coach ? tr.t('report.card.coach', {}) : tr.t('report.card.no-coach', {})}</li><li>${tr.t('report.card.stances', { stances })}</li></ul>`);
    const engagements = card.engagementsLastYear ?? [];
    out.push(`<h3>${tr.t('report.card.engagements', {})}</h3>${engagements.length > 0 ? `<ul>${engagements.map((e) => `<li>${tr.t('report.card.engagement', { date: esc(tr.date(e.date)), type: esc(tr.value('engagement', e.type)) })}</li>`).join('')}</ul>` : `<p class="missing">${tr.t('report.card.none', {})}</p>`}`);
    const actions = card.actions!;
    // The overdue ones are listed once, with the findings (overdue-action).
    out.push(`<h3>${tr.t('report.card.actions', {})}</h3><p data-open="${actions.open}" data-overdue="${actions.overdue.length}">${tr.t('report.card.actions-text', { open: actions.open, overdueHtml: `<span class="${actions.overdue.length > 0 ? 'missing' : ''}">${tr.t('report.card.overdue', { n: actions.overdue.length })}</span>` })}</p>`);
    out.push(`</div>`);
  }
  out.push(`<div><h3>${tr.t('report.card.findings-title', {})}</h3>${card.findings.length > 0 ? `<ul>${card.findings.map(findingHtml).join('')}</ul>` : `<p class="ok">${tr.t('report.card.nothing-due', {})}</p>`}</div>`);
  out.push(chainMapHtml(card, map));
  out.push(`</div></details>`);
  return out.join('');
}

/** The archetype badge of a card: the name in the locale, the criterion and its lift in the title. */
function archetypeBadge(a: NonNullable<AccountCard['archetype']>): string {
  const tr = i18n();
  const title = tr.t('report.card.archetype-title', { criterion: criterionName(a.criterion), lift: one(a.lift) });
  return `<span class="archetype" data-archetype="${esc(a.name)}" data-criterion="${esc(a.criterion)}" title="${esc(title)}">${esc(archetypeText(a.name))}</span>`;
}

type Status = (typeof CELL_STATUSES)[number];
const statusText = (s: Status) => i18n().t(`report.whitespace.status.${s}`, {});

/** The whitespace heatmap: legend, the best-ranked accounts × every product, the rest counted per status. */
function whitespaceHtml(ws: WhitespaceSection): string {
  const tr = i18n();
  const out: string[] = [];
  out.push(`<section class="panel" id="whitespace" data-accounts="${ws.accounts}" data-products="${ws.columns.length}" data-rows="${ws.rows.length}">`);
  out.push(`<h2>${tr.t('report.whitespace.title', {})}</h2>`);
  out.push(`<p>${tr.t('report.whitespace.text', { n: count(ws.columns.length), accounts: count(ws.accounts) })}${ws.rest ? ` ${tr.t('report.whitespace.shown', { n: count(ws.rows.length) })}` : ''}</p>`);
  out.push(`<p class="legend-status">${CELL_STATUSES.map((s) => `<span data-status="${s}"><i class="ws-${s}" style="background:${STATUS_COLOURS[s]}"></i>${esc(statusText(s))}</span>`).join('')}</p>`);
  const unknown = (v: number | null) => (v === null ? '–' : pct(v));
  const columns = ws.columns.map((c) => ({
    product: c.product,
    penetration: c.penetration,
    title: tr.t('report.whitespace.column', { installed: count(c.installed), accounts: count(ws.accounts), penetration: unknown(c.penetration), keyPenetration: unknown(c.keyPenetration), opportunity: count(c.opportunity), competitor: count(c.competitor) }),
  }));
  const rows = ws.rows.map((r) => ({
    id: r.id,
    label: `#${r.rank} ${r.name}`,
    cells: r.cells.map((cell, i) => {
      const product = ws.columns[i]!.product;
      if (cell.units.length < 2 && cell.units.every((u) => u.unit === null)) return { status: cell.status, title: tr.t('report.whitespace.cell', { account: r.name, product, status: statusText(cell.status) }) };
      const units = cell.units.map((u) => tr.t('report.whitespace.unit', { unit: u.unit ?? tr.t('report.whitespace.whole-account', {}), status: statusText(u.status) })).join(tr.t('report.list.separator', {}));
      return { status: cell.status, title: tr.t('report.whitespace.cell-units', { account: r.name, product, status: statusText(cell.status), units }) };
    }),
  }));
  out.push(`<div class="heatmap-wrap">${heatmapSvg({ columns, rows, penetrationLabel: tr.t('report.whitespace.penetration', {}), aria: tr.t('report.chart.heatmap', {}) })}</div>`);
  if (ws.rest) {
    const counts = CELL_STATUSES.filter((s) => ws.rest!.counts[s] > 0).map((s) => tr.t('report.whitespace.rest-count', { status: esc(statusText(s)), n: count(ws.rest!.counts[s]) }));
    const data = CELL_STATUSES.map((s) => ` data-${s}="${ws.rest!.counts[s]}"`).join('');
    out.push(`<p class="meta whitespace-rest" data-accounts="${ws.rest.accounts}"${data}>${tr.t('report.whitespace.rest', { n: count(ws.rest.accounts), counts: counts.join(tr.t('report.list.separator', {})) })}</p>`);
  }
  out.push(`</section>`);
  return out.join('\n');
}

/** The legend's colours (the cells take theirs from the STYLE's ws-<status> classes). */
const STATUS_COLOURS: Record<Status, string> = { installed: '#12b76a', opportunity: '#f79009', competitor: '#d92d20', none: '#d0d5dd', unknown: '#f9fafb' };

/** Resources vs value: the chart per tier and the table of its numbers. */
function resourcesHtml(res: ResourcesSection, tierIds: readonly string[], currency: string): string {
  const tr = i18n();
  const label = (id: string | null) => (id === null ? tr.t('report.resources.no-tier', {}) : tr.tier(id));
  const perFte = (v: number | null) => (v === null ? tr.t('report.resources.no-fte', {}) : tr.t('report.resources.per-fte', { amount: money(v, currency) }));
  const share = (v: number | null) => (v === null ? '–' : pct(v));
  const fte = (v: number) => tr.number(v, { maximumFractionDigits: 2 });
  const out: string[] = [];
  out.push(`<section class="panel" id="resources" data-fte="${res.total.fte}" data-revenue="${res.total.revenue}"><h2>${tr.t('report.resources.title', {})}</h2>`);
  out.push(`<p>${tr.t('report.resources.text', {})}</p>`);
  const rows = res.tiers.map((r) => ({
    id: r.id,
    label: label(r.id),
    fteShare: r.fteShare ?? 0,
    revenueShare: r.revenueShare ?? 0,
    perFte: perFte(r.revenuePerFte),
    title: tr.t('report.chart.resources-title', { tier: label(r.id), fte: fte(r.fte), fteShare: share(r.fteShare), revenue: money(r.revenue, currency), revenueShare: share(r.revenueShare), perFte: perFte(r.revenuePerFte) }),
  }));
  out.push(resourcesSvg(rows, { aria: tr.t('report.chart.resources', {}), fte: tr.t('report.chart.fte-share', {}), revenue: tr.t('report.chart.revenue-share', {}), perFte: tr.t('report.chart.per-fte', {}) }, tierIds));
  out.push(`<table><thead><tr><th>${tr.t('report.resources.head.tier', {})}</th><th class="num">${tr.t('report.resources.head.accounts', {})}</th><th class="num">${tr.t('report.resources.head.fte', {})}</th><th class="num">${tr.t('report.resources.head.fte-share', {})}</th><th class="num">${tr.t('report.resources.head.revenue', {})}</th><th class="num">${tr.t('report.resources.head.revenue-share', {})}</th><th class="num">${tr.t('report.resources.head.per-fte', {})}</th></tr></thead><tbody>`);
  const line = (r: ResourcesSection['total'], id: string | null, name: string, total = false) =>
    `<tr${total ? ' class="total"' : ` data-tier="${esc(id ?? '')}"`} data-accounts="${r.accounts}" data-fte="${r.fte}" data-revenue="${r.revenue}" data-fte-share="${r.fteShare ?? ''}" data-revenue-share="${r.revenueShare ?? ''}" data-revenue-per-fte="${r.revenuePerFte ?? ''}"><td>${esc(name)}</td><td class="num">${count(r.accounts)}</td><td class="num">${fte(r.fte)}</td><td class="num">${share(r.fteShare)}</td><td class="num">${money(r.revenue, currency)}</td><td class="num">${share(r.revenueShare)}</td><td class="num">${r.revenuePerFte === null ? '–' : money(r.revenuePerFte, currency)}</td></tr>`;
  for (const r of res.tiers) out.push(line(r, r.id, label(r.id)));
  out.push(line(res.total, null, tr.t('report.resources.total', {}), true));
  out.push(`</tbody></table></section>`);
  return out.join('\n');
}

/** The pre-key accounts (准大客户) of kam score --emerging, with the criterion each is strongest on. */
function emergingHtml(e: EmergingSection): string {
  const tr = i18n();
  const sep = tr.t('report.list.separator', {});
  const out: string[] = [];
  out.push(`<section class="panel" id="emerging" data-accounts="${e.accounts.length}"><h2>${tr.t('report.emerging.title', {})}</h2>`);
  out.push(`<p>${tr.t('report.emerging.text', { below: esc(tr.tier(e.below)), threshold: count(e.threshold), criteria: e.criteria.map((c) => esc(criterionName(c))).join(sep), n: count(e.accounts.length) })}</p>`);
  out.push(`<table><thead><tr><th class="num">${tr.t('report.emerging.head.rank', {})}</th><th>${tr.t('report.emerging.head.account', {})}</th><th>${tr.t('report.emerging.head.tier', {})}</th><th class="num">${tr.t('report.emerging.head.score', {})}</th><th>${tr.t('report.emerging.head.strongest', {})}</th><th>${tr.t('report.emerging.head.on', {})}</th></tr></thead><tbody>`);
  for (const a of e.accounts) {
    const strongest = tr.t('report.emerging.strongest', { criterion: esc(criterionName(a.criterion)), score: one(a.criterionScore * 100) });
    out.push(`<tr data-account="${esc(a.id)}" data-rank="${a.rank}" data-score="${a.score}" data-criterion="${esc(a.criterion)}" data-criterion-score="${a.criterionScore}"><td class="num">${a.rank}</td><td><a href="#account-${esc(a.id)}">${esc(a.name)}</a></td><td>${esc(a.tier === null ? '–' : tr.tier(a.tier))}</td><td class="num">${one(a.score)}</td><td>${strongest}</td><td>${a.on.map((c) => esc(criterionName(c))).join(sep)}</td></tr>`);
  }
  out.push(`</tbody></table></section>`);
  return out.join('\n');
}
