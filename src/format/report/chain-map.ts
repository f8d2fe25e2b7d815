// The decision-chain map of an account card (issue 20): the customer's people placed by role
// (columns) and relationship layer (rows), coloured by stance, sized by strength, our owner under
// each name, the decision-maker and the coach marked, `reportsTo` drawn as arrows. Inline SVG laid
// out here (no browser layout): every person has a slot of its own, so no two overlap, and a name
// is cut (with an ellipsis, the whole name in <title>) to its slot's width, measured by textWidth
// (CJK characters 1 em each).
import type { ChainPerson } from '../../core/portfolio-report.js';
import { RELATIONSHIP_LAYERS, RELATIONSHIP_ROLES, STANCES } from '../../core/plan.js';
import { i18n } from '../../i18n/index.js';
import { escapeButWhitespace } from '../escape.js';
import { escapeXml as esc } from './charts.js';
import { fitText } from './text.js';

/** The columns, in this order: the roles that decide first, "other" (no role) last. */
export const MAP_ROLES = ['decision-maker', 'economic-buyer', 'technical-evaluator', 'influencer', 'coach', 'user', 'gatekeeper', 'other'] as const;
/** The rows: the three layers of relationships, then the people with no layer. */
export const MAP_LAYERS = [...RELATIONSHIP_LAYERS, 'unassigned'] as const;
/** Columns drawn even when nobody holds the role (kam's rules look for them): an empty one says so. */
const ALWAYS_SHOWN: readonly string[] = ['decision-maker', 'economic-buyer', 'coach'];

/** A diverging blue–red palette (ColorBrewer RdBu, colour-blind safe), and a sign for each stance (readable without colour). */
export const STANCE_STYLE: Record<string, { fill: string; ink: string; sign: string }> = {
  champion: { fill: '#2166ac', ink: '#ffffff', sign: '++' },
  supporter: { fill: '#92c5de', ink: '#1d2433', sign: '+' },
  neutral: { fill: '#e0e0e0', ink: '#1d2433', sign: '=' },
  skeptic: { fill: '#f4a582', ink: '#1d2433', sign: '−' },
  opponent: { fill: '#b2182b', ink: '#ffffff', sign: '−−' },
  unknown: { fill: '#ffffff', ink: '#1d2433', sign: '?' },
};

/** A person's slot; the widest column holds this many slots side by side before it wraps into more rows. */
export const SLOT = { W: 120, H: 72 } as const;
export const MAX_SLOTS_PER_ROW = 6;
const LEFT = 112;
const HEAD = 26;
const NAME_FONT = 11;
const OWNER_FONT = 10;
const HEAD_FONT = 11;

/** The radius of a person's circle: 6 + 2 × strength (0..5), 6 (dashed) when the strength is unknown. */
export function nodeRadius(strength: number | undefined): number {
  if (strength === undefined || !Number.isFinite(strength)) return 6;
  return 6 + 2 * Math.min(5, Math.max(0, strength));
}

export interface MapLayout {
  width: number;
  height: number;
  columns: { role: string; x: number; width: number; slots: number }[];
  rows: { layer: string; y: number; height: number }[];
  /** Per person (the index in `people`): the slot's top-left corner. */
  slots: { x: number; y: number }[];
}

const roleOf = (p: ChainPerson) => ((RELATIONSHIP_ROLES as readonly string[]).includes(p.role ?? '') ? p.role! : 'other');
const layerOf = (p: ChainPerson) => ((RELATIONSHIP_LAYERS as readonly string[]).includes(p.layer ?? '') ? p.layer! : 'unassigned');

/**
 * Where everyone goes. A column is as many slots wide as the square root of its fullest cell
 * (at most MAX_SLOTS_PER_ROW); a cell fills its column's slots row by row, in plan order; a row of
 * the map is as tall as its tallest cell. Only the layers someone is in are drawn, and the roles
 * someone holds plus ALWAYS_SHOWN.
 */
export function layoutChainMap(people: readonly ChainPerson[]): MapLayout {
  const cells = new Map<string, number[]>();
  people.forEach((p, i) => {
    const key = `${roleOf(p)}|${layerOf(p)}`;
    const list = cells.get(key);
    if (list) list.push(i);
    else cells.set(key, [i]);
  });
  const size = (role: string, layer: string) => cells.get(`${role}|${layer}`)?.length ?? 0;
  const layers = MAP_LAYERS.filter((l) => MAP_ROLES.some((r) => size(r, l) > 0));
  if (layers.length === 0) layers.push('unassigned');
  const roles = MAP_ROLES.filter((r) => ALWAYS_SHOWN.includes(r) || layers.some((l) => size(r, l) > 0));
  const columns: MapLayout['columns'] = [];
  let x = LEFT;
  for (const role of roles) {
    const fullest = Math.max(...layers.map((l) => size(role, l)));
    const slots = Math.min(MAX_SLOTS_PER_ROW, Math.max(1, Math.ceil(Math.sqrt(fullest))));
    columns.push({ role, x, width: slots * SLOT.W, slots });
    x += slots * SLOT.W;
  }
  const rows: MapLayout['rows'] = [];
  let y = HEAD;
  for (const layer of layers) {
    const lines = Math.max(1, ...columns.map((c) => Math.ceil(size(c.role, layer) / c.slots)));
    rows.push({ layer, y, height: lines * SLOT.H });
    y += lines * SLOT.H;
  }
  const slots: MapLayout['slots'] = people.map(() => ({ x: 0, y: 0 }));
  for (const c of columns) {
    for (const r of rows) {
      (cells.get(`${c.role}|${r.layer}`) ?? []).forEach((person, k) => {
        slots[person] = { x: c.x + (k % c.slots) * SLOT.W, y: r.y + Math.floor(k / c.slots) * SLOT.H };
      });
    }
  }
  return { width: x + 4, height: y + 4, columns, rows, slots };
}

const n1 = (v: number) => (Math.round(v * 10) / 10).toString();

/** The circle's centre in a slot. */
const centre = (slot: { x: number; y: number }) => ({ cx: slot.x + SLOT.W / 2, cy: slot.y + 22 });

export function roleLabel(role: string): string {
  const tr = i18n();
  return role === 'other' ? tr.t('report.map.role.other', {}) : tr.value('role', role);
}

export function layerLabel(layer: string): string {
  return i18n().t(`report.map.layer.${layer as (typeof MAP_LAYERS)[number]}`, {});
}

export function stanceLabel(stance: string | undefined): string {
  const tr = i18n();
  return stance !== undefined && (STANCES as readonly string[]).includes(stance) ? tr.value('stance', stance) : tr.t('report.map.stance-unknown', {});
}

/** The map of one account's contacts, as an SVG element (every text escaped). */
export function chainMapSvg(people: readonly ChainPerson[], accountName: string): string {
  const tr = i18n();
  const layout = layoutChainMap(people);
  const { width: W, height: H } = layout;
  const out: string[] = [];
  const lines = people.filter((p) => p.boss !== undefined).length;
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(tr.t('report.map.aria', { name: accountName }))}" class="chart chain-map" data-people="${people.length}" data-lines="${lines}">`);
  // The grid: a band per layer, a line between columns, the headers.
  layout.rows.forEach((r, i) => {
    out.push(`<rect x="0" y="${r.y}" width="${W}" height="${r.height}" class="map-band${i % 2 === 1 ? ' odd' : ''}"/>`);
    const label = layerLabel(r.layer);
    out.push(`<g><title>${esc(label)}</title><text x="6" y="${r.y + 18}" class="map-layer" data-layer="${r.layer}">${esc(fitText(escapeButWhitespace(label), HEAD_FONT, LEFT - 12))}</text></g>`);
  });
  for (const c of layout.columns) {
    out.push(`<line x1="${c.x}" x2="${c.x}" y1="0" y2="${H - 4}" class="map-sep"/>`);
    const label = roleLabel(c.role);
    out.push(`<g><title>${esc(label)}</title><text x="${c.x + c.width / 2}" y="17" text-anchor="middle" class="map-role" data-role="${c.role}">${esc(fitText(escapeButWhitespace(label), HEAD_FONT, c.width - 8))}</text></g>`);
    if (!people.some((p) => roleOf(p) === c.role)) {
      out.push(`<text x="${c.x + c.width / 2}" y="${HEAD + 26}" text-anchor="middle" class="map-nobody">${esc(tr.t('report.map.nobody', {}))}</text>`);
    }
  }
  // The reportsTo arrows first, under the people: a gentle curve from a person to the edge of the one they report to.
  people.forEach((p, i) => {
    if (p.boss === undefined) return;
    const from = centre(layout.slots[i]!);
    const to = centre(layout.slots[p.boss]!);
    const dx = to.cx - from.cx;
    const dy = to.cy - from.cy;
    const length = Math.hypot(dx, dy) || 1;
    // The control point: off the straight line by a sixth of its length, so a line along a row or a column passes beside the people between.
    const mx = (from.cx + to.cx) / 2 - (dy / length) * (length / 6);
    const my = (from.cy + to.cy) / 2 + (dx / length) * (length / 6);
    // The end: on the boss's circle, towards the control point.
    const ex = mx - to.cx;
    const ey = my - to.cy;
    const el = Math.hypot(ex, ey) || 1;
    const r = nodeRadius(people[p.boss]!.strength) + 2;
    const tx = to.cx + (ex / el) * r;
    const ty = to.cy + (ey / el) * r;
    // The arrowhead: a triangle pointing along the curve's last direction.
    const ux = (tx - mx) / (Math.hypot(tx - mx, ty - my) || 1);
    const uy = (ty - my) / (Math.hypot(tx - mx, ty - my) || 1);
    const head = [[tx, ty], [tx - 7 * ux - 3.5 * uy, ty - 7 * uy + 3.5 * ux], [tx - 7 * ux + 3.5 * uy, ty - 7 * uy - 3.5 * ux]].map(([a, b]) => `${n1(a!)},${n1(b!)}`).join(' ');
    const title = esc(tr.t('report.map.line', { from: p.name, to: people[p.boss]!.name }));
    out.push(`<g class="reports-to" data-from="${i}" data-to="${p.boss}"><title>${title}</title><path d="M${n1(from.cx)},${n1(from.cy)} Q${n1(mx)},${n1(my)} ${n1(tx)},${n1(ty)}" class="reports-to-line"/><polygon points="${head}" class="reports-to-head"/></g>`);
  });
  // The people.
  people.forEach((p, i) => {
    const slot = layout.slots[i]!;
    const { cx, cy } = centre(slot);
    const stance = p.stance !== undefined && p.stance in STANCE_STYLE ? p.stance : 'unknown';
    const style = STANCE_STYLE[stance]!;
    const r = nodeRadius(p.strength);
    const role = roleOf(p);
    const strength = p.strength === undefined ? tr.t('report.map.strength-unknown', {}) : tr.number(p.strength, { maximumFractionDigits: 1 });
    const owner = p.owner ?? tr.t('report.map.no-owner', {});
    const titleLines = [
      p.title !== undefined ? tr.t('report.map.person-titled', { name: p.name, title: p.title }) : tr.t('report.map.person', { name: p.name }),
      tr.t('report.map.facts', { role: roleLabel(role), layer: layerLabel(layerOf(p)), stance: stanceLabel(p.stance), strength, owner }),
      ...(p.reportsTo !== undefined ? [tr.t('report.map.reports-to', { name: p.reportsTo })] : []),
    ];
    out.push(`<g class="person" data-index="${i}" data-role="${role}" data-layer="${layerOf(p)}" data-stance="${stance}" data-strength="${p.strength ?? ''}"><title>${esc(titleLines.join('\n'))}</title>`);
    out.push(`<circle cx="${cx}" cy="${cy}" r="${n1(r)}" fill="${style.fill}" class="node${p.strength === undefined ? ' unknown-strength' : ''}"/>`);
    out.push(`<text x="${cx}" y="${cy + 3.5}" text-anchor="middle" fill="${style.ink}" class="map-sign">${esc(style.sign)}</text>`);
    const badge = role === 'decision-maker' ? tr.t('report.map.badge.decision-maker', {}) : role === 'coach' ? tr.t('report.map.badge.coach', {}) : undefined;
    if (badge !== undefined) {
      out.push(`<rect x="${cx + 19}" y="${slot.y + 4}" width="16" height="14" rx="3" class="map-badge ${role}"/><text x="${cx + 27}" y="${slot.y + 15}" text-anchor="middle" class="map-badge-text">${esc(badge)}</text>`);
    }
    out.push(`<text x="${cx}" y="${slot.y + 54}" text-anchor="middle" class="map-name">${esc(fitText(escapeButWhitespace(p.name), NAME_FONT, SLOT.W - 8))}</text>`);
    out.push(`<text x="${cx}" y="${slot.y + 67}" text-anchor="middle" class="map-owner">${esc(fitText(escapeButWhitespace(owner), OWNER_FONT, SLOT.W - 8))}</text>`);
    out.push(`</g>`);
  });
  out.push('</svg>');
  return out.join('');
}

/** The legend under a map: the stances (colour and sign), size, badges, arrows, owners. */
export function chainMapLegend(): string {
  const tr = i18n();
  const stances = [...STANCES, 'unknown'].map((s) => {
    const st = STANCE_STYLE[s]!;
    return `<span data-stance="${s}"><i style="background:${st.fill};color:${st.ink}">${esc(st.sign)}</i>${esc(stanceLabel(s === 'unknown' ? undefined : s))}</span>`;
  });
  const badges = tr.t('report.map.legend.badges', { dm: `<b class="badge">${esc(tr.t('report.map.badge.decision-maker', {}))}</b>`, coach: `<b class="badge coach">${esc(tr.t('report.map.badge.coach', {}))}</b>` });
  return `<p class="map-legend">${esc(tr.t('report.map.legend.stances', {}))}: ${stances.join('')}<br>${esc(tr.t('report.map.legend.size', {}))} · ${badges} · ${esc(tr.t('report.map.legend.line', {}))} · ${esc(tr.t('report.map.legend.owner', {}))}</p>`;
}
