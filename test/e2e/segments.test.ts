// issue 22: segments on the fixture workspace test/fixtures/segments (two segments + default).
// Every expected number below is computed by hand in the test from the plans' inputs.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, fixture, kam } from './helpers.js';

const cwd = fixture('segments');

// Percentile within the segment: ties share the mid rank, (below + (equal - 1) / 2) / (n - 1).
const pct = (values: number[], x: number) => {
  const below = values.filter((v) => v < x).length;
  const equal = values.filter((v) => v === x).length;
  return values.length <= 1 ? 1 : (below + (equal - 1) / 2) / (values.length - 1);
};
const lin = (x: number, min: number, max: number) => Math.min(1, Math.max(0, (x - min) / (max - min)));
// public: weights rev 1, infl 1, size 2 (top-level tiers gold 60, silver 30)
const pubInfl = [4, 2, 4];
const pub = (rev: number, infl: number, emp: number) => (100 * (1 * lin(rev, 0, 1000) + 1 * pct(pubInfl, infl) + 2 * lin(emp, 0, 100))) / 4;
// bigtech: rev 2, infl 1, size 1, cloud 2 (tiers gold 80, silver 50)
const techInfl = [3, 5];
const tech = (rev: number, infl: number, emp: number, cloud: number) => (100 * (2 * lin(rev, 0, 1000) + pct(techInfl, infl) + lin(emp, 0, 100) + 2 * lin(cloud, 0, 5))) / 6;
// default: the top-level model rev 2, infl 1, size 1
const defInfl = [1, 2, 5];
const def = (rev: number, infl: number, emp: number) => (100 * (2 * lin(rev, 0, 1000) + pct(defInfl, infl) + lin(emp, 0, 100))) / 4;

const EXPECTED: Record<string, { score: number; tier: string; segment: string }> = {
  p1: { score: pub(800, 4, 20), tier: 'silver', segment: 'public' },
  p2: { score: pub(200, 2, 90), tier: 'silver', segment: 'public' },
  p3: { score: pub(500, 4, 50), tier: 'silver', segment: 'public' },
  t1: { score: tech(900, 3, 80, 5), tier: 'silver', segment: 'bigtech' }, // 76.7: gold at top level, silver in bigtech
  t2: { score: tech(300, 5, 60, 1), tier: 'bronze', segment: 'bigtech' }, // 43.3: silver at top level, bronze in bigtech
  t3: { score: def(600, 1, 10), tier: 'silver', segment: 'default' }, // tech, but 10 employees: not bigtech
  r1: { score: def(1000, 2, 40), tier: 'gold', segment: 'default' },
  r2: { score: def(100, 5, 0), tier: 'silver', segment: 'default' },
};

interface Doc {
  accounts: { id: string; score: number; tier: string; rank: number; segment?: string; missing: string[]; criteria: { id: string; weight: number }[] }[];
  summary: { segments?: { id: string; accounts: number; tiers: Record<string, number>; pareto: { vitalFew: number; vitalFewShare: number }; concentration: { top1Share: number; top5Share: number; hhi: number } }[] };
}

function json(args: string[] = [], dir = cwd): Doc {
  const r = kam(['score', '-f', 'json', ...args], { cwd: dir });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Doc;
}

describe('kam score with segments', () => {
  it('scores, tiers and segments are those computed by hand (first match, inheritance, percentile within segment)', () => {
    const doc = json();
    expect(doc.accounts).toHaveLength(8);
    for (const a of doc.accounts) {
      const e = EXPECTED[a.id]!;
      expect(a.score, a.id).toBeCloseTo(e.score, 10);
      expect([a.id, a.tier, a.segment]).toEqual([a.id, e.tier, e.segment]);
    }
    const order = Object.entries(EXPECTED).sort((x, y) => y[1].score - x[1].score).map(([id]) => id);
    expect(doc.accounts.map((a) => a.id)).toEqual(order);
    expect(doc.accounts.map((a) => a.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // A criterion bigtech adds has weight 0 elsewhere and is not "missing" there.
    const p1 = doc.accounts.find((a) => a.id === 'p1')!;
    expect(p1.criteria.map((c) => [c.id, c.weight])).toEqual([['rev', 1], ['infl', 1], ['size', 2], ['cloud', 0]]);
    expect(p1.missing).toEqual([]);
  });

  it('per-segment portfolio figures: tier counts, Pareto and concentration of each segment', () => {
    const segments = json().summary.segments!;
    expect(segments.map((s) => [s.id, s.accounts, { ...s.tiers }])).toEqual([
      ['public', 3, { gold: 0, silver: 3, bronze: 0 }],
      ['bigtech', 2, { gold: 0, silver: 1, bronze: 1 }],
      ['default', 3, { gold: 1, silver: 2, bronze: 0 }],
    ]);
    const figures = (revenues: number[]) => {
      const total = revenues.reduce((a, b) => a + b, 0);
      const sorted = [...revenues].sort((a, b) => b - a);
      let sum = 0;
      let n = 0;
      while (sum < 0.8 * total) sum += sorted[n++]!;
      return { vitalFew: n, top1: sorted[0]! / total, hhi: revenues.reduce((h, v) => h + (100 * v / total) ** 2, 0) };
    };
    [[800, 200, 500], [900, 300], [600, 1000, 100]].forEach((revenues, k) => {
      const f = figures(revenues);
      expect(segments[k]!.pareto.vitalFew).toBe(f.vitalFew);
      expect(segments[k]!.concentration.top1Share).toBeCloseTo(f.top1, 12);
      expect(segments[k]!.concentration.hhi).toBeCloseTo(f.hhi, 9);
    });
  });

  it('--segment filters the accounts; the portfolio figures stay those of all accounts', () => {
    const doc = json(['--segment', 'bigtech,default']);
    expect(doc.accounts.map((a) => a.id).sort()).toEqual(['r1', 'r2', 't1', 't2', 't3']);
    const bad = kam(['score', '--segment', 'publc'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('did you mean "public"?');
  });

  it('the table has a Segment column (labels shown), the CSV a segment column at the end', () => {
    const table = kam(['score'], { cwd }).stdout;
    expect(table).toContain('│ Segment ');
    expect(table).toMatch(/Agency Three.*Public sector/);
    const csv = kam(['score', '-f', 'csv'], { cwd }).stdout.split(/\r?\n/);
    expect(csv[0]!.endsWith(',segment')).toBe(true);
    expect(csv[1]!.startsWith('1,t1,')).toBe(true);
    expect(csv[1]!.endsWith(',bigtech')).toBe(true);
  });

  it('--explain names the segment and what it overrides', () => {
    const text = kam(['score', '--explain', 't1'], { cwd }).stdout;
    expect(text).toContain('Segment bigtech: own criteria cloud; weights cloud=2; tier mins gold≥80, silver≥50');
    expect(kam(['score', '--explain', 'r1'], { cwd }).stdout).toContain('Segment default: the top-level model, unchanged');
    const doc = JSON.parse(kam(['score', '--explain', 'p1', '-f', 'json'], { cwd }).stdout) as { segment: unknown };
    expect(doc.segment).toEqual({ id: 'public', overrides: { weights: { rev: 1, size: 2 }, tiers: {}, criteria: [] } });
  });

  it('--by segment: the figures per segment in table, markdown and json', () => {
    const table = kam(['score', '--by', 'segment'], { cwd });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Public sector (3 accounts)');
    expect(table.stdout).toContain('bigtech (2 accounts)');
    expect(table.stdout).toContain('Tiers: gold 0 · silver 1 · bronze 1');
    expect(kam(['score', '--by', 'segment', '-f', 'markdown'], { cwd }).stdout).toContain('### default (3 accounts)');
    const doc = JSON.parse(kam(['score', '--by', 'segment', '-f', 'json'], { cwd }).stdout) as { schema: string; segments: { id: string }[] };
    expect(doc.schema).toBe('kam.score-segments/v1');
    expect(doc.segments.map((s) => s.id)).toEqual(['public', 'bigtech', 'default']);
    expect(kam(['score', '--by', 'tier'], { cwd }).code).toBe(2);
  });

  it('client rows and kam sql refuse a kam.yaml with segments (never the wrong model silently)', () => {
    const data = kam(['score', '--data', 'accounts.csv'], { cwd });
    expect(data.code).toBe(2);
    expect(data.stderr).toContain('kam.yaml has segments');
    const sql = kam(['sql', '--dialect', 'postgres', '--table', 'accounts'], { cwd });
    expect(sql.code).toBe(2);
    expect(sql.stderr).toContain('kam sql: kam.yaml has segments');
  });

  it('a segment an earlier one covers is a warning with its location (score and check), scores unchanged', () => {
    const dir = copyFixture('segments');
    const file = join(dir, 'kam.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}  - id: gov\n    when: { industry: government, metrics.employees: { min: 10 } }\n`);
    const r = kam(['score', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('kam: warning: kam.yaml:26:11: "segments[2].when": segment "gov" can never match: segment "public" comes first');
    expect((JSON.parse(r.stdout) as Doc).accounts.map((a) => a.score)).toEqual(json().accounts.map((a) => a.score));
    expect(kam(['check'], { cwd: dir }).stderr).toContain('segment "gov" can never match');
  });

  it('--segment in a kam.yaml without segments: a usage error', () => {
    const r = kam(['score', '--segment', 'a'], { cwd: fixture('scoring') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('kam.yaml has no segments');
  });
});
