// Issue 19 in kam report (plans only): the whitespace heatmap, resources vs value, archetype
// badges and the pre-key accounts, on the fixtures whitespace/ and method/ (numbers by hand).
import { describe, expect, it } from 'vitest';
import { emergingSection, whitespaceSection, WHITESPACE_ROWS } from '../../src/core/portfolio-report.js';
import { buildWhitespaceReport, type WhitespaceInput } from '../../src/core/whitespace.js';
import type { ScoredAccount } from '../../src/core/scoring.js';
import { heatmapSvg } from '../../src/format/report/charts.js';
import { fixture, kam } from '../e2e/helpers.js';

const report = (name: string, extra: string[] = []) => {
  const r = kam(['report', '--as-of', '2026-01-01', ...extra], { cwd: fixture(name) });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
};
const section = (html: string, id: string) => {
  const start = html.indexOf(`<section class="panel" id="${id}"`);
  if (start < 0) return undefined;
  return html.slice(start, html.indexOf('</section>', start));
};

describe('whitespace heatmap (fixture whitespace/)', () => {
  const html = report('whitespace');
  const ws = section(html, 'whitespace')!;

  it('shows each product’s penetration under its column, computed by hand', () => {
    // 6 accounts. access-network installed at alpha (BU-A), beta, zeta, gamma, eps: 5/6;
    // core-network at beta, zeta: 2/6; transport nowhere: 0/6.
    expect(ws).toContain('data-accounts="6" data-products="3" data-rows="6"');
    expect(ws).toMatch(/data-product="access-network" data-penetration="0\.8333[0-9]*"><title>[^<]*<\/title>83\.3%</);
    expect(ws).toMatch(/data-product="core-network" data-penetration="0\.3333[0-9]*"><title>[^<]*<\/title>33\.3%</);
    expect(ws).toMatch(/data-product="transport" data-penetration="0"><title>[^<]*<\/title>0\.0%</);
    expect(ws).toContain('installed at 5 of 6 accounts (83.3%)');
  });

  it('colours each cell by its status: rows by rank, one cell per product', () => {
    const cells = [...ws.matchAll(/class="ws-cell ws-([a-z]+)" data-account="([^"]+)" data-product="([^"]+)" data-status="\1"/g)].map((m) => `${m[2]}/${m[3]}=${m[1]}`);
    expect(cells).toHaveLength(18);
    // Columns by penetration: access-network, core-network, transport.
    expect(cells.slice(0, 3)).toEqual(['alpha/access-network=installed', 'alpha/core-network=competitor', 'alpha/transport=opportunity']);
    expect(cells.filter((c) => c.startsWith('delta/'))).toEqual(['delta/access-network=unknown', 'delta/core-network=opportunity', 'delta/transport=unknown']);
    // Units in the tooltip: BU-A installed, BU-B an opportunity.
    expect(ws).toContain('Alpha Telecom · access-network: installed (BU-A: installed, BU-B: opportunity)');
    expect(ws).toContain('Beta Bank · core-network: installed</title>');
    // The legend names every status; no "more accounts" line with 6 accounts.
    for (const s of ['installed', 'opportunity', 'competitor', 'not installed', 'unknown (no entry)']) expect(ws).toContain(`>${s}</span>`);
    expect(ws).not.toContain('whitespace-rest');
  });

  it('is in Chinese with --locale zh-CN', () => {
    const zh = section(report('whitespace', ['--locale', 'zh-CN']), 'whitespace')!;
    expect(zh).toContain('产品空白');
    expect(zh).toContain('渗透率');
    expect(zh).toContain('>已装机</span>');
    expect(zh).toContain('6 个客户中 5 个已装机（83.3%）');
  });

  it('is left out when no plan has whitespace entries', () => {
    expect(section(report('method'), 'whitespace')).toBeUndefined();
  });
});

describe('the heatmap with many accounts', () => {
  it('draws the first 40 accounts and counts the others per status in one line', () => {
    const accounts = Array.from({ length: 200 }, (_, i) => ({ id: `a${i}`, name: `A ${i}`, rank: i + 1, score: 100 - i / 2, tier: null, criteria: [] }) as unknown as ScoredAccount);
    const inputs: WhitespaceInput[] = accounts.map((account, i) => ({
      account,
      subject: { id: account.id, name: account.name, revenue: [], assessment: {}, metrics: {} },
      // Each account: P0 installed; P1 an opportunity on odd ranks; nothing on P2 but for a0.
      facts: { entries: [{ product: 'P0', status: 'installed' }, ...(i % 2 === 1 ? [{ product: 'P1', status: 'opportunity' as const }] : []), ...(i === 0 ? [{ product: 'P2', status: 'competitor' as const }] : [])], targets: [] },
    }));
    const section = whitespaceSection(buildWhitespaceReport(inputs, [{ id: 'strategic' }, { id: 'maintain' }]))!;
    expect(section.rows).toHaveLength(WHITESPACE_ROWS);
    // The 160 others: 160 P0 installed; 80 P1 opportunities, 80 P1 unknown; 160 P2 unknown.
    expect(section.rest).toEqual({ accounts: 160, counts: { installed: 160, opportunity: 80, competitor: 0, none: 0, unknown: 240 } });
  });

  it('cuts long product names and keeps the whole name in the title', () => {
    const long = 'Optical transport network with a very long product name';
    const svg = heatmapSvg({ columns: [{ product: long, penetration: 0.5, title: 't' }], rows: [{ id: 'a', label: '#1 A', cells: [{ status: 'installed', title: 'x' }] }], penetrationLabel: 'penetration', aria: 'heatmap' });
    expect(svg).toMatch(new RegExp(`<title>${long} · t</title>Optical transport[^<]*…</text>`));
    expect(svg).toContain('>50.0%</text>');
  });
});

describe('archetypes, resources and pre-key accounts (fixture method/)', () => {
  const html = report('method');

  it('puts the archetype, in the locale, on each account card', () => {
    const badges = [...html.matchAll(/data-account="([^"]+)"[^>]*>.*?(?:<span class="archetype" data-archetype="([^"]+)" data-criterion="([^"]+)"[^>]*>([^<]+)<\/span>|<\/summary>)/g)].map((m) => [m[1], m[4] ?? null]);
    expect(Object.fromEntries(badges.filter(([id]) => ['alpha', 'gamma', 'epsilon', 'delta', 'eta'].includes(id!)))).toMatchObject({ alpha: 'revenue', gamma: 'reference', epsilon: 'pioneer', delta: 'volume', eta: null });
    const zh = report('method', ['--locale', 'zh-CN']);
    expect(zh).toMatch(/data-archetype="reference" data-criterion="influence"[^>]*>标杆型</);
    expect(zh).toMatch(/data-archetype="volume" data-criterion="cumulativeVolume"[^>]*>规模型</);
  });

  it('shows FTE share against revenue share per tier, with revenue per FTE', () => {
    const res = section(html, 'resources')!;
    // FTE: alpha 2.25 (strategic); beta 3 + zeta 0 (key); gamma 0.5 (growth); epsilon 1 (maintain): 6.75.
    // Revenue: 900k; 800k + 700k; 200k; 150k + 100k + 50k: 2.9M.
    expect(res).toContain('data-tier="strategic" data-accounts="1" data-fte="2.25" data-revenue="900000" data-fte-share="0.3333333333333333" data-revenue-share="0.3103448275862069" data-revenue-per-fte="400000"');
    expect(res).toContain('data-tier="key" data-accounts="2" data-fte="3" data-revenue="1500000"');
    expect(res).toContain('>500 k USD per FTE</text>');
    expect(res).toContain('>44.4%</text>'); // key: 3 / 6.75
    expect(res).toContain('>51.7%</text>'); // key: 1.5M / 2.9M
    expect(section(report('whitespace'), 'resources')).toBeUndefined();
    expect(section(report('method', ['--locale', 'zh-CN']), 'resources')).toContain('人效');
  });

  it('lists the pre-key accounts with their strongest criterion', () => {
    const em = section(html, 'emerging')!;
    // Below key, at or above 80: gamma (influence 5/5 = 100), delta (revenue.total 4.0M / 5M = 80).
    const rows = [...em.matchAll(/<tr data-account="([^"]+)" data-rank="(\d+)"[^>]*data-criterion="([^"]+)"/g)].map((m) => [m[1], Number(m[2]), m[3]]);
    expect(rows).toEqual([['gamma', 4, 'influence'], ['delta', 6, 'cumulativeVolume']]);
    expect(em).toContain('Influence (100.0)');
    expect(em).toContain('Cumulative volume (80.0)');
    expect(em).toContain('2 accounts');
    expect(section(report('method', ['--locale', 'zh-CN']), 'emerging')).toContain('准大客户');
  });

  it('takes the best-scoring criterion of those an account qualifies on (ties: model order)', () => {
    const account = (tier: string, scores: (number | null)[]) => ({ id: 'x', name: 'X', rank: 1, score: 10, tier, criteria: scores.map((s, i) => ({ id: `c${i}`, score: s, missing: s === null, contribution: 0, weight: 1, input: 0 })) }) as unknown as ScoredAccount;
    const spec = { keyTiers: ['strategic'], below: 'strategic', threshold: 50, criteria: ['c1', 'c2', 'c3'] };
    expect(emergingSection([account('maintain', [1, 0.6, 0.9, 0.9])], spec)!.accounts[0]).toMatchObject({ criterion: 'c2', criterionScore: 0.9, on: ['c1', 'c2', 'c3'] });
    expect(emergingSection([account('strategic', [1, 1, 1, 1])], spec)).toBeUndefined();
    expect(emergingSection([account('maintain', [1, 0.4, null, 0.2])], spec)).toBeUndefined();
  });
});
