import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type Criterion, type Scale } from '../../src/core/config.js';
import type { Plan } from '../../src/core/plan.js';
import {
  computeScores,
  criterionScores,
  inputValue,
  percentileBases,
  percentileScore,
  revenueFigures,
  scaleScore,
  scoreAccounts,
  subjectOfPlan,
  type ScoringSubject,
} from '../../src/core/scoring.js';

const subject = (id: string, extra: Partial<ScoringSubject> = {}): ScoringSubject => ({
  id,
  name: id.toUpperCase(),
  revenue: [],
  assessment: {},
  metrics: {},
  ...extra,
});

describe('inputs', () => {
  const s = subject('a', { revenue: [[2024, 900], [2022, 100], [2023, 450]], wallet: 9000, assessment: { influence: 4 }, metrics: { installedBase: 12 } });

  it('reads revenue.latest as the greatest year, not the last listed', () => {
    expect(inputValue(s, 'revenue.latest')).toBe(900);
  });
  it('sums revenue.total', () => expect(inputValue(s, 'revenue.total')).toBe(1450));
  it('computes revenue.cagr over first and last years', () => {
    expect(inputValue(s, 'revenue.cagr')).toBeCloseTo(Math.sqrt(9) - 1, 12);
  });
  it('has no cagr for one year or a zero first year', () => {
    expect(inputValue(subject('b', { revenue: [[2024, 5]] }), 'revenue.cagr')).toBeUndefined();
    expect(inputValue(subject('b', { revenue: [[2023, 0], [2024, 5]] }), 'revenue.cagr')).toBeUndefined();
  });
  it('reads wallet, shareOfWallet, assessments and metrics', () => {
    expect(inputValue(s, 'wallet')).toBe(9000);
    expect(inputValue(s, 'shareOfWallet')).toBeCloseTo(0.1, 12);
    expect(inputValue(s, 'assessment.influence')).toBe(4);
    expect(inputValue(s, 'assessment.techProspects')).toBeUndefined();
    expect(inputValue(s, 'metrics.installedBase')).toBe(12);
  });
  it('maps a plan onto a subject, with { score, note } assessments', () => {
    const subj = subjectOfPlan({ id: 'p', name: 'P', tier: 'key', metrics: { revenue: { '2023': 1 }, wallet: 5, seats: 3 }, assessment: { influence: { score: 4, note: 'x' }, techProspects: 2 } } as unknown as Plan);
    expect(subj).toEqual({ id: 'p', name: 'P', declaredTier: 'key', revenue: [[2023, 1]], wallet: 5, assessment: { influence: 4, techProspects: 2 }, metrics: { seats: 3 } });
  });
});

describe('scales', () => {
  it('linear clamps to [0,1]', () => {
    const linear = { type: 'linear', min: 0, max: 5 } as const;
    expect(scaleScore(linear, 2)).toBeCloseTo(0.4, 12);
    expect(scaleScore(linear, -1)).toBe(0);
    expect(scaleScore(linear, 7)).toBe(1);
  });
  it('log uses max(x, min) and clamps', () => {
    const log = { type: 'log', min: 10_000, max: 100_000_000 } as const;
    expect(scaleScore(log, 900_000)).toBeCloseTo((Math.log10(900_000) - 4) / 4, 12);
    expect(scaleScore(log, 0)).toBe(0);
    expect(scaleScore(log, 1e9)).toBe(1);
  });
  it('steps takes the score of the greatest threshold reached, in any order', () => {
    const steps: Extract<Scale, { type: 'steps' }> = { type: 'steps', steps: [{ min: 100, score: 0.5 }, { min: 0, score: 0.1 }, { min: 1000, score: 1 }] };
    expect(scaleScore(steps, 99)).toBe(0.1);
    expect(scaleScore(steps, 100)).toBe(0.5);
    expect(scaleScore(steps, 5000)).toBe(1);
    expect(scaleScore(steps, -1)).toBe(0);
  });
  it('percentile gives ties the mid rank and 1 for a single account', () => {
    const values = [1, 2, 2, 3];
    expect(percentileScore(values, 1)).toBe(0);
    expect(percentileScore(values, 2)).toBeCloseTo((1 + 0.5) / 3, 12);
    expect(percentileScore(values, 3)).toBe(1);
    expect(percentileScore([7], 7)).toBe(1);
  });
});

describe('scoreAccounts', () => {
  const criteria: Criterion[] = [
    { id: 'rev', weight: 3, input: 'revenue.latest', scale: { type: 'linear', min: 0, max: 100 } },
    { id: 'inf', weight: 1, input: 'assessment.influence', scale: { type: 'linear', min: 0, max: 5 } },
  ];
  const tiers = [{ id: 'gold', min: 60 }, { id: 'silver', min: 20 }];
  const subjects = [
    subject('b', { revenue: [[2024, 50]], assessment: { influence: 5 } }),
    subject('a', { revenue: [[2024, 100]] }),
    subject('c', { assessment: { influence: 2.5 } }),
    subject('d'),
  ];

  it('missing: zero counts a missing input as 0 and lists it', () => {
    const accounts = scoreAccounts(subjects, { criteria, missing: 'zero', tiers });
    const byId = Object.fromEntries(accounts.map((x) => [x.id, x]));
    expect(byId.a!.score).toBeCloseTo(75, 9);
    expect(byId.b!.score).toBeCloseTo(62.5, 9);
    expect(byId.c!.score).toBeCloseTo(12.5, 9);
    expect(byId.a!.missing).toEqual(['inf']);
    expect(byId.a!.criteria[1]).toEqual({ id: 'inf', input: null, score: 0, weight: 1, contribution: 0, missing: true });
    expect(accounts.map((x) => [x.id, x.rank, x.tier])).toEqual([
      ['a', 1, 'gold'],
      ['b', 2, 'gold'],
      ['c', 3, null],
      ['d', 4, null],
    ]);
  });

  it('missing: exclude leaves the criterion out of both sums', () => {
    const accounts = scoreAccounts(subjects, { criteria, missing: 'exclude', tiers });
    const byId = Object.fromEntries(accounts.map((x) => [x.id, x]));
    expect(byId.a!.score).toBeCloseTo(100, 9);
    expect(byId.c!.score).toBeCloseTo(50, 9);
    expect(byId.d!.score).toBe(0);
    expect(byId.c!.criteria[0]!.score).toBeNull();
    expect(byId.c!.criteria[1]!.contribution).toBeCloseTo(50, 9);
  });

  it('breaks score ties by id and decides tiers on the unrounded score', () => {
    const tie = [subject('zeta', { revenue: [[2024, 60]] }), subject('alpha', { revenue: [[2024, 60]] })];
    const accounts = scoreAccounts(tie, { criteria: [criteria[0]!], missing: 'zero', tiers: [{ id: 't', min: 60.00000001 }, { id: 'u', min: 0 }] });
    expect(accounts.map((x) => x.id)).toEqual(['alpha', 'zeta']);
    expect(accounts[0]!.tier).toBe('u');
  });

  it('scores percentile criteria among the accounts that have the input', () => {
    const pct: Criterion[] = [{ id: 'p', weight: 1, input: 'revenue.latest', scale: { type: 'percentile' } }];
    const s = [subject('a', { revenue: [[1, 10]] }), subject('b', { revenue: [[1, 20]] }), subject('c', { revenue: [[1, 20]] }), subject('d')];
    const byId = Object.fromEntries(scoreAccounts(s, { criteria: pct, missing: 'zero', tiers }).map((x) => [x.id, x.score]));
    expect(byId).toEqual({ a: 0, b: 75, c: 75, d: 0 });
  });

  // The SPEC 6 JSON sample's numbers are illustrative (its 0.6135 fits no default scale); SPEC 3's formulas rule.
  it('applies the default model of SPEC 2.2 by the formulas of SPEC 3', () => {
    const acme = subject('acme-telecom', { revenue: [[2022, 120_000], [2023, 450_000], [2024, 900_000]], assessment: { influence: 4, techProspects: 3 } });
    const [scored] = scoreAccounts([acme], DEFAULT_CONFIG);
    const revenue = scored!.criteria[0]!;
    expect(revenue.score).toBeCloseTo((Math.log10(900_000) - 4) / 4, 12);
    expect(revenue.contribution).toBeCloseTo(35 * revenue.score!, 9);
    const expected = 35 * ((Math.log10(900_000) - 4) / 4) + 25 * ((Math.log10(1_470_000) - 4) / (Math.log10(5e8) - 4)) + 20 * 0.8 + 20 * 0.6;
    expect(scored!.score).toBeCloseTo(expected, 9);
    expect(scored!.tier).toBe(expected >= 55 ? 'key' : expected >= 35 ? 'growth' : 'maintain');
  });
});

describe('portfolio figures', () => {
  it('finds the vital few that reach 80% of revenue', () => {
    expect(revenueFigures([10, 60, 20, 10]).pareto).toEqual({ vitalFew: 2, vitalFewShare: 0.5 });
    expect(revenueFigures([80, 20]).pareto.vitalFew).toBe(1);
    expect(revenueFigures([0.8 * 3, 0.2 * 3]).pareto.vitalFew).toBe(1);
  });
  it('computes concentration and HHI', () => {
    const f = revenueFigures([50, 30, 20, 0, 0, 0]);
    expect(f.concentration.top1Share).toBeCloseTo(0.5, 12);
    expect(f.concentration.top5Share).toBeCloseTo(1, 12);
    expect(f.concentration.hhi).toBeCloseTo(2500 + 900 + 400, 9);
  });
  it('is all zeros without revenue', () => {
    expect(revenueFigures([0, 0])).toMatchObject({ pareto: { vitalFew: 0, vitalFewShare: 0 }, concentration: { top1Share: 0, top5Share: 0, hhi: 0 } });
  });
});

describe('the million-row paths agree with their plain definitions', () => {
  // The plain definitions: sort everything; score row by row.
  const sortedFigures = (revenues: number[]) => {
    const sorted = [...revenues].sort((a, b) => b - a);
    const total = revenues.reduce((s, v) => s + v, 0);
    let vitalFew = 0;
    let cumulative = 0;
    while (vitalFew < sorted.length && cumulative < 0.8 * total * (1 - 1e-12)) cumulative += sorted[vitalFew++]!;
    return { vitalFew, top1: sorted[0]! / total, top5: sorted.slice(0, 5).reduce((s, v) => s + v, 0) / total };
  };
  const revenues = fc.oneof(
    fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 30 }),
    fc.array(fc.double({ min: -1e3, max: 1e12, noNaN: true }), { minLength: 1, maxLength: 3000 }), // fractions, negatives, every size
    fc.array(fc.constantFrom(3, 3.0000001, 2.9999999, 1e-300, 7e15), { minLength: 1, maxLength: 3000 }), // one size group, near-ties
    fc.array(fc.constantFrom(0, 1, 5, 5, 100), { minLength: 5000, maxLength: 12_000 }), // many ties, past the partial sort's cut-off
    fc.tuple(fc.integer({ min: 5000, max: 20_000 }), fc.integer({ min: 1, max: 1000 })).map(([n, seed]) => Array.from({ length: n }, (_, i) => Math.floor(1e8 / (1 + ((i * seed) % n)) ** 1.1))), // Pareto-like
  );

  it('revenueFigures: the vital few, top shares and HHI of a full sort', () => {
    fc.assert(
      fc.property(revenues, (values) => {
        const got = revenueFigures(values);
        const want = sortedFigures(values);
        if (!(values.reduce((s, v) => s + v, 0) > 0)) {
          expect(got.pareto.vitalFew).toBe(0);
          return;
        }
        expect(got.pareto.vitalFew).toBe(want.vitalFew);
        expect(got.concentration.top1Share).toBeCloseTo(want.top1, 12);
        expect(got.concentration.top5Share).toBeCloseTo(want.top5, 12);
      }),
      { numRuns: 150 },
    );
  });

  it('computeScores: the score of each row, bit for bit, as a row-by-row sum of criterion scores', () => {
    const model = { criteria: DEFAULT_CONFIG.criteria, missing: 'exclude' as const, tiers: DEFAULT_CONFIG.tiers };
    fc.assert(
      fc.property(fc.array(fc.array(fc.option(fc.double({ min: -10, max: 1e10, noNaN: true }), { nil: undefined }), { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 50 }), fc.constantFrom<'exclude' | 'zero'>('exclude', 'zero'), (rows, missing) => {
        const table = { size: rows.length, inputs: [0, 1, 2, 3].map((c) => Float64Array.from(rows, (r) => r[c] ?? Number.NaN)) };
        const m = { ...model, missing };
        const scores = computeScores(table, m);
        rows.forEach((_, row) => {
          const parts = criterionScores(table, m, row, percentileBases(table, m.criteria));
          let weighted = 0;
          let weights = 0;
          parts.forEach((p, i) => {
            if (p.score !== null && !p.missing) weighted += m.criteria[i]!.weight * p.score;
            if (missing === 'zero' || !p.missing) weights += m.criteria[i]!.weight;
          });
          expect(scores[row]).toBe(weights > 0 ? (100 * weighted) / weights : 0);
        });
      }),
      { numRuns: 200 },
    );
  });
});
