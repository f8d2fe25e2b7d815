// issue 22 (calibrate): how well the model separates the accounts where an outcome happened, and
// non-negative weights that would separate better. Pure numbers, no I/O; docs/calibrate.md has the
// math (AUC with ties, the stratified percentile bootstrap, the fit, the cross-validation).

/** A seeded generator of uniform numbers in [0, 1): mulberry32 (32-bit state, fixed sequence per seed). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Row indexes ordered by score ascending (ties keep row order). */
function ascending(scores: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => scores[a]! - scores[b]! || a - b);
}

/**
 * The AUC of `scores` for the 0/1 `outcomes` (Mann–Whitney U / (n1 · n0)): the chance that a
 * positive row scores above a negative one, a tie counting 1/2. `weights` (a count per row, for the
 * bootstrap) default to 1. Undefined (null) without a positive or a negative row.
 */
export function auc(scores: ArrayLike<number>, outcomes: ArrayLike<number>, order: Uint32Array = ascending(scores), weights?: ArrayLike<number>): number | null {
  let negBelow = 0;
  let sum = 0;
  let positives = 0;
  let negatives = 0;
  for (let k = 0; k < order.length; ) {
    const score = scores[order[k]!]!;
    let pos = 0;
    let neg = 0;
    // One group of equal scores: its positives beat every negative below it, tie with its own.
    for (; k < order.length && scores[order[k]!] === score; k++) {
      const row = order[k]!;
      const w = weights ? weights[row]! : 1;
      if (outcomes[row] === 1) pos += w;
      else neg += w;
    }
    sum += pos * (negBelow + neg / 2);
    negBelow += neg;
    positives += pos;
    negatives += neg;
  }
  return positives > 0 && negatives > 0 ? sum / (positives * negatives) : null;
}

export interface Interval {
  low: number;
  high: number;
}

/**
 * Percentile bootstrap of the AUC, stratified: each of the B resamples draws as many positive rows
 * (with replacement) as there are positives, and as many negatives, so that every resample has an
 * AUC. The interval is the 2.5 and 97.5 percentiles of the B AUCs (linear interpolation between
 * order statistics, R's type 7).
 */
export function bootstrapAuc(scores: ArrayLike<number>, outcomes: ArrayLike<number>, resamples: number, seed: number): Interval {
  const order = ascending(scores);
  const positives: number[] = [];
  const negatives: number[] = [];
  for (let row = 0; row < outcomes.length; row++) (outcomes[row] === 1 ? positives : negatives).push(row);
  const random = seededRandom(seed);
  const counts = new Float64Array(scores.length);
  const values = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    counts.fill(0);
    for (const group of [positives, negatives]) {
      for (let i = 0; i < group.length; i++) counts[group[Math.floor(random() * group.length)]!]!++;
    }
    values[b] = auc(scores, outcomes, order, counts)!;
  }
  values.sort();
  return { low: quantile(values, 0.025), high: quantile(values, 0.975) };
}

/** The p-quantile of sorted values (type 7: linear between the order statistics). */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** How the model counts a missing criterion score (kam.yaml `missing`). */
export type MissingMode = 'zero' | 'exclude';

/**
 * The model's account score from criterion scores (SPEC 3): 100 · Σ w s / Σ w, a missing s (NaN)
 * counting 0 (missing: zero) or left out of both sums (missing: exclude; 0 when nothing is left).
 * `s[c][row]`.
 */
export function modelScores(s: readonly Float64Array[], weights: readonly number[], missing: MissingMode, rows?: ArrayLike<number>): Float64Array {
  const n = rows ? rows.length : (s[0]?.length ?? 0);
  const out = new Float64Array(n);
  const total = weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < n; i++) {
    const row = rows ? rows[i]! : i;
    let weighted = 0;
    let sum = missing === 'zero' ? total : 0;
    for (let c = 0; c < s.length; c++) {
      const v = s[c]![row]!;
      if (v - v !== 0) continue;
      weighted += weights[c]! * v;
      if (missing === 'exclude') sum += weights[c]!;
    }
    out[i] = sum > 0 ? (100 * weighted) / sum : 0;
  }
  return out;
}

export interface FitOptions {
  /** L2 penalty on the weights (not the intercept): λ/2 · Σ w². */
  l2: number;
  maxIterations: number;
  /** Stop when no coefficient moves by more than this in an iteration. */
  tolerance: number;
}

export const FIT_DEFAULTS: FitOptions = { l2: 1e-3, maxIterations: 20_000, tolerance: 1e-9 };

export interface Fit {
  intercept: number;
  /** One per criterion, each ≥ 0. */
  weights: number[];
  iterations: number;
  converged: boolean;
}

/**
 * Logistic regression of the outcome on the criterion scores with non-negative weights:
 * minimizes (1/n) Σ log(1 + e^{-(2y-1)(b + Σ w_c s_c)}) + λ/2 Σ w_c² over b free and w ≥ 0, by
 * accelerated projected gradient descent (FISTA with a restart when the loss rises), step 1/L with
 * L = (1/4n) Σ_i (1 + Σ_c s_ic²) + λ, a bound on the gradient's Lipschitz constant. A missing
 * criterion score counts 0 in the fit.
 */
export function fitNonNegativeLogistic(s: readonly Float64Array[], outcomes: ArrayLike<number>, rows: ArrayLike<number>, options: FitOptions = FIT_DEFAULTS): Fit {
  const C = s.length;
  const n = rows.length;
  const X = s.map((column) => Float64Array.from(rows, (row) => (column[row]! - column[row]! === 0 ? column[row]! : 0)));
  const y = Float64Array.from(rows, (row) => outcomes[row]!);
  let bound = 0;
  for (let i = 0; i < n; i++) {
    let norm = 1;
    for (let c = 0; c < C; c++) norm += X[c]![i]! ** 2;
    bound += norm;
  }
  const L = bound / (4 * n) + options.l2;
  const step = 1 / L;
  // theta = [b, w_1..w_C]
  let theta = new Float64Array(C + 1);
  let previous = theta.slice();
  let momentum = theta.slice();
  let t = 1;
  const grad = new Float64Array(C + 1);
  const loss = (th: Float64Array): number => {
    let total = 0;
    for (let i = 0; i < n; i++) {
      let z = th[0]!;
      for (let c = 0; c < C; c++) z += th[c + 1]! * X[c]![i]!;
      const m = y[i] === 1 ? z : -z;
      total += m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m));
    }
    let penalty = 0;
    for (let c = 1; c <= C; c++) penalty += th[c]! ** 2;
    return total / n + (options.l2 / 2) * penalty;
  };
  let lastLoss = loss(theta);
  let iterations = 0;
  let converged = false;
  for (; iterations < options.maxIterations; iterations++) {
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      let z = momentum[0]!;
      for (let c = 0; c < C; c++) z += momentum[c + 1]! * X[c]![i]!;
      const p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
      const r = p - y[i]!;
      grad[0]! += r;
      for (let c = 0; c < C; c++) grad[c + 1]! += r * X[c]![i]!;
    }
    const next = new Float64Array(C + 1);
    next[0] = momentum[0]! - (step * grad[0]!) / n;
    for (let c = 1; c <= C; c++) next[c] = Math.max(0, momentum[c]! - step * (grad[c]! / n + options.l2 * momentum[c]!));
    const nextLoss = loss(next);
    if (nextLoss > lastLoss) {
      // A plain step from theta that does not descend: rounding, the minimum is reached.
      if (t === 1 && momentum.every((v, c) => v === theta[c])) {
        converged = true;
        break;
      }
      // Restart: momentum overshot; take a plain step from theta next time.
      momentum = theta.slice();
      t = 1;
      continue;
    }
    let moved = 0;
    for (let c = 0; c <= C; c++) moved = Math.max(moved, Math.abs(next[c]! - theta[c]!));
    previous = theta;
    theta = next;
    lastLoss = nextLoss;
    if (moved < options.tolerance) {
      converged = true;
      iterations++;
      break;
    }
    const tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    momentum = new Float64Array(C + 1);
    for (let c = 0; c <= C; c++) momentum[c] = theta[c]! + ((t - 1) / tNext) * (theta[c]! - previous[c]!);
    for (let c = 1; c <= C; c++) momentum[c] = Math.max(0, momentum[c]!);
    t = tNext;
  }
  return { intercept: theta[0]!, weights: Array.from(theta.subarray(1)), iterations, converged };
}

/**
 * Weights scaled to add up to `total`, in hundredths: each is rounded down to a hundredth and the
 * hundredths left over go to the largest remainders, so that the rounded weights add up to the
 * total (rounded to a hundredth) exactly. Null when all are 0.
 */
export function rescaleWeights(weights: readonly number[], total: number): number[] | null {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) return null;
  const cents = Math.round(total * 100);
  const exact = weights.map((w) => (w / sum) * cents);
  const floors = exact.map(Math.floor);
  let left = cents - floors.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((v, i) => ({ i, r: v - floors[i]! })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    floors[i]!++;
    left--;
  }
  const scaled = floors.map((c) => c / 100);
  return scaled.some((w) => w > 0) ? scaled : null;
}

/**
 * k folds, stratified: the positive rows and the negative rows are each shuffled (seeded
 * Fisher–Yates) and dealt round-robin to the folds from the first, so that each fold has about
 * 1/k of each (and the first folds have both outcomes when one is rare).
 */
export function stratifiedFolds(outcomes: ArrayLike<number>, k: number, seed: number): number[][] {
  const random = seededRandom(seed);
  const folds: number[][] = Array.from({ length: k }, () => []);
  for (const wanted of [1, 0]) {
    const rows: number[] = [];
    for (let row = 0; row < outcomes.length; row++) if (outcomes[row] === wanted) rows.push(row);
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    rows.forEach((row, i) => folds[i % k]!.push(row));
  }
  return folds.map((fold) => fold.sort((a, b) => a - b));
}

export interface CrossValidation {
  k: number;
  /** Folds whose test rows have both outcomes (the others have no AUC and are left out). */
  folds: number;
  /** Mean test-fold AUC of the weights fitted on the other folds. */
  suggested: number;
  /** Mean test-fold AUC of the current weights, on the same folds. */
  current: number;
}

/** k-fold cross-validated AUC of the fit against the current weights; null when no fold has both outcomes. */
export function crossValidate(
  s: readonly Float64Array[],
  outcomes: ArrayLike<number>,
  current: readonly number[],
  missing: MissingMode,
  k: number,
  seed: number,
  options: FitOptions = FIT_DEFAULTS,
): CrossValidation | null {
  const folds = stratifiedFolds(outcomes, k, seed);
  let used = 0;
  let suggested = 0;
  let baseline = 0;
  folds.forEach((test, f) => {
    const train = folds.flatMap((fold, g) => (g === f ? [] : fold));
    const testOutcomes = test.map((row) => outcomes[row]!);
    const trainPositives = train.reduce((sum, row) => sum + outcomes[row]!, 0);
    if (trainPositives === 0 || trainPositives === train.length) return;
    const currentAuc = auc(modelScores(s, current, missing, test), testOutcomes);
    if (currentAuc === null) return;
    const fit = fitNonNegativeLogistic(s, outcomes, train, options);
    // Weights that are all 0 score every account 0: an AUC of 1/2.
    const weights = fit.weights.some((w) => w > 0) ? fit.weights : fit.weights.map(() => 1);
    const fitted = fit.weights.some((w) => w > 0) ? auc(modelScores(s, weights, missing, test), testOutcomes)! : 0.5;
    used++;
    suggested += fitted;
    baseline += currentAuc;
  });
  return used === 0 ? null : { k, folds: used, suggested: suggested / used, current: baseline / used };
}

export interface CalibrationInput {
  /** Criterion ids and current weights, in model order. */
  criteria: readonly { id: string; weight: number }[];
  missing: MissingMode;
  /** The model's score of each row. */
  scores: ArrayLike<number>;
  /** Per row: true when the row's computed tier is the top tier. */
  topTier: ArrayLike<boolean>;
  /** Per criterion, per row: s_c, NaN when missing and excluded (missing: exclude). */
  s: readonly Float64Array[];
  /** Per row: 0 or 1. */
  outcomes: ArrayLike<number>;
  bootstrap: number;
  seed: number;
  folds: number;
}

export interface CriterionCalibration {
  id: string;
  weight: number;
  /** Rows whose score counts (all with missing: zero, the present ones with missing: exclude). */
  rows: number;
  auc: number | null;
  suggested: number | null;
}

export interface Calibration {
  rows: number;
  positives: number;
  negatives: number;
  rate: number;
  auc: number;
  interval: Interval;
  lift: { accounts: number; positives: number; rate: number; lift: number } | null;
  criteria: CriterionCalibration[];
  fit: Fit;
  /** The fitted weights rescaled to the current total; null when the fit set every weight to 0. */
  suggested: number[] | null;
  /** AUC of the suggested weights on all rows (in-sample). */
  suggestedAuc: number | null;
  cv: CrossValidation | null;
  /** Why a criterion has no AUC: all-missing, or one outcome only among its rows. */
  criterionNotes: { id: string; reason: 'all-missing' | 'one-outcome' }[];
}

/** Everything kam calibrate reports, from the rows' scores and outcomes; the caller checks that both outcomes occur. */
export function calibrate(input: CalibrationInput): Calibration {
  const n = input.outcomes.length;
  let positives = 0;
  for (let row = 0; row < n; row++) positives += input.outcomes[row]!;
  const value = auc(input.scores, input.outcomes)!;
  const interval = bootstrapAuc(input.scores, input.outcomes, input.bootstrap, input.seed);
  let topRows = 0;
  let topPositives = 0;
  for (let row = 0; row < n; row++) {
    if (!input.topTier[row]) continue;
    topRows++;
    topPositives += input.outcomes[row]!;
  }
  const rate = positives / n;
  const lift = topRows === 0 ? null : { accounts: topRows, positives: topPositives, rate: topPositives / topRows, lift: topPositives / topRows / rate };
  const criterionNotes: Calibration['criterionNotes'] = [];
  const all = Uint32Array.from({ length: n }, (_, i) => i);
  const fit = fitNonNegativeLogistic(input.s, input.outcomes, all);
  const total = input.criteria.reduce((sum, c) => sum + c.weight, 0);
  const suggested = rescaleWeights(fit.weights, total);
  const criteria = input.criteria.map((criterion, c): CriterionCalibration => {
    const column = input.s[c]!;
    const rows: number[] = [];
    for (let row = 0; row < n; row++) if (column[row]! - column[row]! === 0) rows.push(row);
    let value: number | null = null;
    if (rows.length === 0) criterionNotes.push({ id: criterion.id, reason: 'all-missing' });
    else {
      value = auc(rows.map((row) => column[row]!), rows.map((row) => input.outcomes[row]!));
      if (value === null) criterionNotes.push({ id: criterion.id, reason: 'one-outcome' });
    }
    return { id: criterion.id, weight: criterion.weight, rows: rows.length, auc: value, suggested: suggested ? suggested[c]! : null };
  });
  const suggestedAuc = suggested ? auc(modelScores(input.s, suggested, input.missing), input.outcomes) : null;
  const cv = crossValidate(input.s, input.outcomes, input.criteria.map((c) => c.weight), input.missing, input.folds, input.seed);
  return { rows: n, positives, negatives: n - positives, rate, auc: value, interval, lift, criteria, fit, suggested, suggestedAuc, cv, criterionNotes };
}
