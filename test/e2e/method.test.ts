// Issue 19 in `kam score` and `kam check` on test/fixtures/method (weights sum to 100, linear
// scales: each contribution is w · s). By hand:
//   account  revenue(40)  volume(20)  influence(20)  tech(20)  score  tier       FTE   revenue
//   alpha    .9 → 36      .3 → 6      1   → 20       .8  → 16  78.0   strategic  2.25  900,000
//   zeta     .7 → 28      .14 → 2.8   .8  → 16       .8  → 16  62.8   key        0     700,000
//   beta     .8 → 32      .6 → 12     .4  → 8        .4  → 8   60.0   key        3     800,000
//   gamma    .2 → 8       .04 → 0.8   1   → 20       .4  → 8   36.8   growth     0.5   200,000
//   epsilon  .15 → 6      .03 → 0.6   .6  → 12       .78 → 15.6 34.2  maintain   1     150,000
//   delta    .1 → 4       .8 → 16     .2  → 4        .2  → 4   28.0   maintain   0     100,000
//   eta      .05 → 2      .01 → 0.2   .2  → 4        .2  → 4   10.2   maintain   0      50,000
// Mean contributions (7 accounts): revenue 116/7 = 16.571, volume 38.4/7 = 5.486,
// influence 84/7 = 12, tech 71.6/7 = 10.229. Largest positive lift: alpha, zeta, beta revenue;
// gamma influence (+8) → reference; epsilon tech (+5.371) → pioneer; delta volume (+10.514) →
// volume; eta none (every lift negative).
// Pre-key (below key, ≥ 80 on volume, influence or tech): gamma (influence 100), delta (volume 80,
// at the threshold); not epsilon (tech 78), not zeta (key tier).
// Revenue per FTE: alpha 400,000 (= the strategic least: no finding), beta 266,667 (< 300,000 for
// key: low-productivity), zeta FTE 0 (no finding).
import { describe, expect, it } from 'vitest';
import { copyFixture, fixture, kam } from './helpers.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const cwd = fixture('method');
const json = (args: string[]) => {
  const r = kam(['score', '--format', 'json', ...args], { cwd });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
};

describe('kam score: archetypes', () => {
  it('each account gets the criterion that lifts it most above the portfolio', () => {
    const doc = json([]);
    const by = Object.fromEntries(doc.accounts.map((a: { id: string; archetype: string | null; archetypeCriterion: string | null }) => [a.id, [a.archetype, a.archetypeCriterion]]));
    expect(by).toEqual({
      alpha: ['revenue', 'revenue'],
      zeta: ['revenue', 'revenue'],
      beta: ['revenue', 'revenue'],
      gamma: ['reference', 'influence'],
      epsilon: ['pioneer', 'techProspects'],
      delta: ['volume', 'cumulativeVolume'],
      eta: [null, null],
    });
    const means = doc.summary.archetypes.meanContribution;
    expect(means.revenue).toBeCloseTo(116 / 7, 9);
    expect(means.cumulativeVolume).toBeCloseTo(38.4 / 7, 9);
    expect(means.influence).toBeCloseTo(12, 9);
    expect(means.techProspects).toBeCloseTo(71.6 / 7, 9);
    expect(doc.summary.archetypes.counts).toEqual({ revenue: 3, reference: 1, pioneer: 1, volume: 1 });
    expect(doc.summary.archetypes.none).toBe(1);
  });

  it('a column of the table, in the locale; names from kam.yaml', () => {
    const table = kam(['score'], { cwd }).stdout;
    expect(table).toMatch(/│ # │ Account │ Score │ Tier +│ revenue │ cumulativeVolume │ influence │ techProspects │ Archetype │/);
    expect(table).toMatch(/│ Gamma +│ +36\.8 │ growth +│ +20 │ +4 │ +100 │ +40 │ reference │/);
    expect(table).toMatch(/│ Eta +│ +10\.2 │ maintain +│ +5 │ +1 │ +20 │ +20 │ – +│/);
    const zh = kam(['score', '--locale', 'zh-CN'], { cwd }).stdout;
    expect(zh).toMatch(/│ Gamma +│ +36\.8 │ growth +│.*│ 标杆型 +│/);
    expect(zh).toMatch(/│ Delta +│.*│ 规模型 +│/);
    expect(zh).toMatch(/│ Epsilon +│.*│ 先锋型 +│/);
    expect(zh).toMatch(/│ Alpha +│.*│ 收入型 +│/);
    const dir = copyFixture('method');
    writeFileSync(join(dir, 'kam.yaml'), `${require_('kam.yaml')}archetypes: { influence: lighthouse }\n`);
    const own = kam(['score', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(own.stdout).accounts.find((a: { id: string }) => a.id === 'gamma').archetype).toBe('lighthouse');
    expect(kam(['score', '--locale', 'zh-CN'], { cwd: dir }).stdout).toMatch(/│ Gamma +│.*│ lighthouse +│/);
  });
});

describe('kam score --emerging', () => {
  it('the pre-key accounts, ranked: table, markdown, json, csv', () => {
    const doc = json(['--emerging']);
    expect(doc.accounts.map((a: { id: string }) => a.id)).toEqual(['gamma', 'delta']);
    expect(doc.summary.emerging).toEqual({ below: 'key', keyTiers: ['strategic', 'key'], threshold: 80, criteria: ['cumulativeVolume', 'influence', 'techProspects'], accounts: 2 });
    expect(doc.summary.accounts).toBe(7);
    const table = kam(['score', '--emerging'], { cwd });
    expect(table.stdout).toContain('Pre-key accounts: below key, at or above 80 on one of cumulativeVolume, influence, techProspects: 2 of 7.');
    expect(table.stdout.match(/^│ \d/gm)).toHaveLength(2);
    const md = kam(['score', '--emerging', '--format', 'markdown'], { cwd }).stdout;
    expect(md).toMatch(/^\| 4 \| Gamma \| \*\*36\.8\*\* \| growth \|.*\| reference \|$/m);
    expect(md).toMatch(/^\| 6 \| Delta \| \*\*28\.0\*\* \| maintain \|.*\| volume \|$/m);
    const csv = kam(['score', '--emerging', '--format', 'csv'], { cwd }).stdout.trim().split('\n');
    expect(csv.map((l) => l.split(',')[1])).toEqual(['id', 'gamma', 'delta']);
    const zh = kam(['score', '--emerging', '--locale', 'zh-CN'], { cwd }).stdout;
    expect(zh).toContain('准大客户：层级低于 key，在 cumulativeVolume、influence、techProspects 中任一评分项上达到 80：共 2 个（全部 7 个）。');
  });

  it('threshold, criteria and the key tiers from kam.yaml', () => {
    const dir = copyFixture('method');
    const base = require_('kam.yaml');
    // Threshold 78: epsilon (tech 78) joins.
    writeFileSync(join(dir, 'kam.yaml'), `${base}emerging: { threshold: 78 }\n`);
    expect(JSON.parse(kam(['score', '--format', 'json', '--emerging'], { cwd: dir }).stdout).accounts.map((a: { id: string }) => a.id)).toEqual(['gamma', 'epsilon', 'delta']);
    // Only influence: delta (volume) leaves.
    writeFileSync(join(dir, 'kam.yaml'), `${base}emerging: { criteria: [influence] }\n`);
    expect(JSON.parse(kam(['score', '--format', 'json', '--emerging'], { cwd: dir }).stdout).accounts.map((a: { id: string }) => a.id)).toEqual(['gamma']);
    // Key tiers: strategic only; zeta (key, influence 80, tech 80) is pre-key now.
    writeFileSync(join(dir, 'kam.yaml'), `${base}emerging: { below: strategic }\n`);
    expect(JSON.parse(kam(['score', '--format', 'json', '--emerging'], { cwd: dir }).stdout).accounts.map((a: { id: string }) => a.id)).toEqual(['zeta', 'gamma', 'delta']);
    writeFileSync(join(dir, 'kam.yaml'), `${base}emerging: { below: gold }\n`);
    const bad = kam(['score', '--emerging'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('kam.yaml emerging.below: "gold" is not a tier (tiers: strategic, key, growth, maintain)');
  });

  it('not with --data or --explain', () => {
    expect(kam(['score', '--emerging', '--data', 'x.csv'], { cwd }).stderr).toContain('do not work with --data');
    expect(kam(['score', '--resources', '--explain', 'beta'], { cwd }).stderr).toContain('do not work with --explain');
  });
});

describe('kam score: resources follow value', () => {
  it('per account in JSON: FTE, revenue, revenue per FTE (null at FTE 0), shares', () => {
    const doc = json([]);
    const r = Object.fromEntries(doc.accounts.map((a: { id: string; resources: unknown }) => [a.id, a.resources]));
    // Totals: FTE 2.25 + 3 + 0.5 + 1 = 6.75; revenue 2,900,000.
    expect(r.alpha).toEqual({ fte: 2.25, revenue: 900000, revenuePerFte: 400000, fteShare: 2.25 / 6.75, revenueShare: 900000 / 2900000 });
    expect(r.beta.revenuePerFte).toBeCloseTo(800000 / 3, 6);
    expect(r.zeta).toEqual({ fte: 0, revenue: 700000, revenuePerFte: null, fteShare: 0, revenueShare: 700000 / 2900000 });
    expect(r.delta.revenuePerFte).toBeNull();
  });

  it('per tier in the JSON summary', () => {
    const { tiers, noTier, total } = json([]).summary.resources;
    expect(tiers.strategic).toEqual({ accounts: 1, fte: 2.25, revenue: 900000, revenuePerFte: 400000, fteShare: 2.25 / 6.75, revenueShare: 900000 / 2900000 });
    expect(tiers.key).toEqual({ accounts: 2, fte: 3, revenue: 1500000, revenuePerFte: 500000, fteShare: 3 / 6.75, revenueShare: 1500000 / 2900000 });
    expect(tiers.growth).toMatchObject({ accounts: 1, fte: 0.5, revenue: 200000, revenuePerFte: 400000 });
    expect(tiers.maintain).toMatchObject({ accounts: 3, fte: 1, revenue: 300000, revenuePerFte: 300000 });
    expect(noTier).toEqual({ accounts: 0, fte: 0, revenue: 0, revenuePerFte: null, fteShare: 0, revenueShare: 0 });
    expect(total).toMatchObject({ accounts: 7, fte: 6.75, revenue: 2900000, fteShare: 1, revenueShare: 1 });
    expect(total.revenuePerFte).toBeCloseTo(2900000 / 6.75, 6);
  });

  it('--resources: FTE and revenue per FTE columns and a line per tier; – at FTE 0', () => {
    const out = kam(['score', '--resources'], { cwd }).stdout;
    expect(out).toMatch(/│ Alpha +│.*│ revenue +│ 2\.25 │ +400,000 │/);
    expect(out).toMatch(/│ Beta +│.*│ revenue +│ +3 │ +266,667 │/);
    expect(out).toMatch(/│ Zeta +│.*│ revenue +│ +0 │ +– │/);
    expect(out).toContain('  key: 2 accounts · 3 FTE (44.4% of FTE) · revenue 1,500,000 (51.7% of revenue) · 500,000 per FTE');
    expect(out).toContain('  total: 7 accounts · 6.75 FTE (100.0% of FTE) · revenue 2,900,000 (100.0% of revenue) · 429,630 per FTE');
    expect(out).not.toMatch(/Infinity|NaN/);
    expect(kam(['score'], { cwd }).stdout).not.toContain('Resources');
    const zh = kam(['score', '--resources', '--locale', 'zh-CN'], { cwd }).stdout;
    expect(zh).toContain('  key：2 个客户 · 3 FTE（占 FTE 的 44.4%）· 收入 1,500,000（占收入的 51.7%）· 人效 500,000');
  });
});

describe('low-productivity', () => {
  it('fires on beta only (alpha at the least, zeta without FTE, growth and maintain without a policy)', () => {
    const r = kam(['check', '--format', 'json', '--as-of', '2026-01-01'], { cwd });
    const hits = JSON.parse(r.stdout).findings.filter((f: { rule: string }) => f.rule === 'low-productivity');
    expect(hits).toEqual([expect.objectContaining({
      account: 'beta',
      severity: 'warn',
      line: 3,
      message: 'revenue per FTE 266667 is below 300000 for a key account (revenue 800000 on 3 FTE): grow the account or move people to where the value is',
    })]);
  });

  it('off with rules: { low-productivity: off }', () => {
    const dir = copyFixture('method');
    writeFileSync(join(dir, 'kam.yaml'), `${require_('kam.yaml')}rules: { low-productivity: off }\n`);
    const r = kam(['check', '--format', 'json', '--as-of', '2026-01-01'], { cwd: dir });
    expect(JSON.parse(r.stdout).findings.filter((f: { rule: string }) => f.rule === 'low-productivity')).toEqual([]);
  });

  it('a tier of revenuePerFte must be a tier of kam.yaml', () => {
    const dir = copyFixture('method');
    writeFileSync(join(dir, 'kam.yaml'), require_('kam.yaml').replace('revenuePerFte: { strategic: 400000, key: 300000 }', 'revenuePerFte: { strategc: 400000 }'));
    const r = kam(['score'], { cwd: dir });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('"policies.revenuePerFte": tier "strategc" is not in tiers');
  });
});

function require_(file: string): string {
  return readFileSync(join(cwd, file), 'utf8');
}
