// issue 22 (calibrate): the numbers of kam calibrate against hand computations and an independent
// O(n²) AUC; a generated data set with known weights whose order the fit recovers.
import { describe, expect, it } from 'vitest';
import {
  auc,
  bootstrapAuc,
  calibrate,
  crossValidate,
  fitNonNegativeLogistic,
  modelScores,
  quantile,
  rescaleWeights,
  seededRandom,
  stratifiedFolds,
} from '../../src/core/calibrate.js';

/** Independent AUC: every (positive, negative) pair, a tie counting 1/2. */
function pairAuc(scores: ArrayLike<number>, outcomes: ArrayLike<number>): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (outcomes[i] !== 1) continue;
    for (let j = 0; j < scores.length; j++) {
      if (outcomes[j] !== 0) continue;
      pairs++;
      sum += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    }
  }
  return sum / pairs;
}

/** A Box–Muller normal from the seeded uniform generator (independent of kam's own use of it). */
function generated(n: number, seed: number, weights: number[], intercept: number) {
  const random = seededRandom(seed);
  const s = weights.map(() => new Float64Array(n));
  const outcomes = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = intercept;
    weights.forEach((w, c) => {
      const v = random();
      s[c]![i] = v;
      z += w * v;
    });
    outcomes[i] = random() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { s, outcomes };
}

describe('AUC', () => {
  it('small tables with ties, computed by hand', () => {
    // positives 3, 2, 2; negatives 3, 2, 1: (0.5 + 1 + 1) + 2 · (0 + 0.5 + 1) = 5.5 of 9 pairs
    expect(auc([3, 3, 2, 2, 2, 1], [1, 0, 1, 1, 0, 0])).toBeCloseTo(5.5 / 9, 15);
    // perfect separation, reversed, all tied
    expect(auc([1, 2, 3, 4], [0, 0, 1, 1])).toBe(1);
    expect(auc([1, 2, 3, 4], [1, 1, 0, 0])).toBe(0);
    expect(auc([7, 7, 7, 7], [1, 0, 1, 0])).toBe(0.5);
    // one positive among ties: 1 · (2 below + 1/2 · 1 tie) / 3
    expect(auc([5, 5, 4, 3], [1, 0, 0, 0])).toBeCloseTo(2.5 / 3, 15);
  });

  it('undefined without a positive or a negative row, and for a single row', () => {
    expect(auc([1, 2], [1, 1])).toBeNull();
    expect(auc([1, 2], [0, 0])).toBeNull();
    expect(auc([1], [1])).toBeNull();
  });

  it('equals the O(n²) pair count within 1e-12 on random data (with ties)', () => {
    const random = seededRandom(42);
    for (let trial = 0; trial < 20; trial++) {
      const n = 50 + Math.floor(random() * 400);
      const scores = Float64Array.from({ length: n }, () => (trial % 2 === 0 ? Math.floor(random() * 10) : random()));
      const outcomes = Float64Array.from({ length: n }, () => (random() < 0.3 ? 1 : 0));
      outcomes[0] = 1;
      outcomes[1] = 0;
      expect(Math.abs(auc(scores, outcomes)! - pairAuc(scores, outcomes))).toBeLessThan(1e-12);
    }
  });

  it('row weights count a row that many times', () => {
    const scores = [3, 1, 2, 2];
    const outcomes = [1, 0, 0, 1];
    expect(auc(scores, outcomes, undefined, [2, 1, 1, 3])).toBeCloseTo(pairAuc([3, 3, 1, 2, 2, 2, 2], [1, 1, 0, 0, 1, 1, 1]), 15);
  });
});

describe('bootstrap', () => {
  const { s, outcomes } = generated(300, 7, [3, 1], -2);
  const scores = modelScores(s, [1, 1], 'zero');
  it('the interval contains the AUC and is reproducible with the seed', () => {
    const value = auc(scores, outcomes)!;
    const a = bootstrapAuc(scores, outcomes, 1000, 1);
    expect(a.low).toBeLessThan(value);
    expect(a.high).toBeGreaterThan(value);
    expect(a.high - a.low).toBeLessThan(0.3);
    expect(bootstrapAuc(scores, outcomes, 1000, 1)).toEqual(a);
    expect(bootstrapAuc(scores, outcomes, 1000, 2)).not.toEqual(a);
  });
  it('all scores equal: every resample is 1/2', () => {
    expect(bootstrapAuc([1, 1, 1, 1], [1, 0, 1, 0], 50, 3)).toEqual({ low: 0.5, high: 0.5 });
  });
  it('quantile is type 7', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
  });
});

describe('the model score and the fit', () => {
  it('modelScores: missing zero and exclude as SPEC 3 counts them', () => {
    const s = [Float64Array.of(1, Number.NaN), Float64Array.of(0.5, 0.5)];
    expect(Array.from(modelScores(s, [3, 1], 'zero'))).toEqual([87.5, 12.5]);
    expect(Array.from(modelScores(s, [3, 1], 'exclude'))).toEqual([87.5, 50]);
    expect(Array.from(modelScores([Float64Array.of(Number.NaN)], [1], 'exclude'))).toEqual([0]);
  });

  it('recovers the order of known weights 3, 2, 1, 0 (and weights stay non-negative)', () => {
    const { s, outcomes } = generated(4000, 2026, [3, 2, 1, 0], -3);
    const rows = Uint32Array.from({ length: 4000 }, (_, i) => i);
    const fit = fitNonNegativeLogistic(s, outcomes, rows);
    expect(fit.converged).toBe(true);
    const w = fit.weights;
    expect(w.every((x) => x >= 0)).toBe(true);
    expect(w[0]).toBeGreaterThan(w[1]!);
    expect(w[1]).toBeGreaterThan(w[2]!);
    expect(w[2]).toBeGreaterThan(w[3]!);
    // close to the truth (L2 1e-3 shrinks a little)
    expect(w[0]).toBeGreaterThan(2.3);
    expect(w[3]).toBeLessThan(0.4);
  });

  it('a criterion that hurts gets weight 0, not a negative one', () => {
    const { s, outcomes } = generated(2000, 5, [2, -2], 0);
    const fit = fitNonNegativeLogistic(s, outcomes, Uint32Array.from({ length: 2000 }, (_, i) => i));
    expect(fit.weights[1]).toBe(0);
    expect(fit.weights[0]).toBeGreaterThan(1);
  });

  it('rescales to the current total; all zero is no suggestion', () => {
    expect(rescaleWeights([3, 1, 0], 100)).toEqual([75, 25, 0]);
    expect(rescaleWeights([0, 0], 100)).toBeNull();
  });

  it('folds are stratified and fixed by the seed', () => {
    const outcomes = Float64Array.from({ length: 23 }, (_, i) => (i < 7 ? 1 : 0));
    const folds = stratifiedFolds(outcomes, 5, 9);
    expect(folds.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 23 }, (_, i) => i));
    for (const fold of folds) {
      const positives = fold.filter((row) => outcomes[row] === 1).length;
      expect(positives === 1 || positives === 2).toBe(true);
    }
    expect(stratifiedFolds(outcomes, 5, 9)).toEqual(folds);
  });

  it('cross-validation: fitted weights beat equal weights on data that favours one criterion', () => {
    const { s, outcomes } = generated(1000, 11, [4, 0, 0], -2);
    const cv = crossValidate(s, outcomes, [1, 1, 1], 'zero', 5, 1)!;
    expect(cv.folds).toBe(5);
    expect(cv.suggested).toBeGreaterThan(cv.current);
  });
});

describe('calibrate (the whole report)', () => {
  it('lift, per-criterion AUC, all-missing criterion, notes, never NaN', () => {
    const { s: base, outcomes } = generated(500, 3, [3, 1], -2);
    const s = [...base, new Float64Array(500).fill(Number.NaN)];
    const criteria = [{ id: 'a', weight: 10 }, { id: 'b', weight: 10 }, { id: 'empty', weight: 5 }];
    const scores = modelScores(s, criteria.map((c) => c.weight), 'exclude');
    const topTier = Array.from(scores, (v) => v >= 70);
    const r = calibrate({ criteria, missing: 'exclude', scores, topTier, s, outcomes, bootstrap: 200, seed: 4, folds: 5 });
    expect(r.auc).toBeCloseTo(pairAuc(scores, outcomes), 12);
    expect(r.criteria[0]!.auc).toBeCloseTo(pairAuc(s[0]!, outcomes), 12);
    expect(r.criteria[2]!.auc).toBeNull();
    expect(r.criterionNotes).toEqual([{ id: 'empty', reason: 'all-missing' }]);
    let top = 0;
    let topPos = 0;
    let pos = 0;
    outcomes.forEach((o, i) => {
      pos += o;
      if (topTier[i]) {
        top++;
        topPos += o;
      }
    });
    expect(r.lift!.lift).toBeCloseTo(topPos / top / (pos / 500), 12);
    expect(r.suggested!.reduce((a, b) => a + b, 0)).toBeCloseTo(25, 1);
    expect(r.suggested![2]).toBe(0);
    expect(r.suggested![0]).toBeGreaterThan(r.suggested![1]!);
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
  });
});
