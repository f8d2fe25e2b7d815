// The "big customer" model of SPEC 3, in one place: inputs, scales, weights,
// missing data, tiers, rank, and the portfolio figures (Pareto, concentration).
import type { Criterion, KamConfig, Scale, Segment, Tier } from './config.js';
import type { Plan } from './plan.js';
import { dayNumber, isoDateOf } from './dates.js';
import { teamFte } from './resources.js';
import { scoreSegmentedRows } from './segments.js';

/** An assessment entry's score: a bare number or { score, … }. (Here, not in plan.ts, so that scoring loads without the schemas.) */
function assessmentScore(entry: NonNullable<Plan['assessment']>[string] | undefined): number | undefined {
  if (entry === undefined) return undefined;
  return typeof entry === 'number' ? entry : entry.score;
}

/** What scoring needs of an account, from a plan or from a client CSV row. */
export interface ScoringSubject {
  id: string;
  name: string;
  declaredTier?: string;
  /** Revenue per year, any order. */
  revenue: ReadonlyArray<readonly [year: number, amount: number]>;
  wallet?: number;
  assessment: Readonly<Record<string, number>>;
  metrics: Readonly<Record<string, number>>;
  /** Σ team[].fte of a plan that has a team (issue 19: resources); absent for client rows. */
  teamFte?: number;
  /** issue 20: the `asOf` of each dated assessment entry (absent when none is dated, and for client rows). */
  assessmentAsOf?: Readonly<Record<string, string>>;
  /** The plan's tier override (issue 20); scoring ignores it, it is carried to the account. */
  override?: TierOverride;
  /** issue 22: the plan's text fields a segment's `when` can compare (industry, region, owner), when it has any. */
  fields?: Readonly<Record<string, string>>;
}

/** A plan's `override:` (issue 20): the tier people decided, why, by whom, through which day. */
export interface TierOverride {
  tier: string;
  reason: string;
  by: string;
  until?: string;
}

export function subjectOfPlan(plan: Plan): ScoringSubject {
  const { revenue, wallet, ...otherMetrics } = plan.metrics ?? {};
  const assessment: Record<string, number> = {};
  let assessmentAsOf: Record<string, string> | undefined;
  for (const [name, entry] of Object.entries(plan.assessment ?? {})) {
    const score = assessmentScore(entry);
    if (score !== undefined) assessment[name] = score;
    if (typeof entry === 'object' && entry.asOf !== undefined) (assessmentAsOf ??= Object.create(null) as Record<string, string>)[name] = entry.asOf;
  }
  const subject: ScoringSubject = {
    id: plan.id,
    name: plan.name,
    revenue: Object.entries(revenue ?? {}).map(([year, amount]) => [Number(year), amount] as const),
    assessment,
    metrics: otherMetrics as Record<string, number>,
  };
  if (plan.tier !== undefined) subject.declaredTier = plan.tier;
  if (wallet !== undefined) subject.wallet = wallet;
  if (plan.team !== undefined) subject.teamFte = teamFte(plan.team);
  if (assessmentAsOf !== undefined) subject.assessmentAsOf = assessmentAsOf;
  if (plan.override !== undefined) subject.override = plan.override;
  if (plan.industry !== undefined || plan.region !== undefined || plan.owner !== undefined) {
    const fields: Record<string, string> = {};
    if (plan.industry !== undefined) fields.industry = plan.industry;
    if (plan.region !== undefined) fields.region = plan.region;
    if (plan.owner !== undefined) fields.owner = plan.owner;
    subject.fields = fields;
  }
  return subject;
}

// ---- inputs ---------------------------------------------------------------

function latestRevenue(s: ScoringSubject): number | undefined {
  let best: readonly [number, number] | undefined;
  for (const entry of s.revenue) if (!best || entry[0] > best[0]) best = entry;
  return best?.[1];
}

/** The value of a criterion input for an account, or undefined when it is missing. */
export function inputValue(s: ScoringSubject, input: string): number | undefined {
  switch (input) {
    case 'revenue.latest':
      return latestRevenue(s);
    case 'revenue.total':
      return s.revenue.length === 0 ? undefined : atMostLargest(s.revenue.reduce((sum, [, amount]) => sum + amount, 0));
    case 'revenue.cagr': {
      if (s.revenue.length < 2) return undefined;
      const sorted = [...s.revenue].sort((a, b) => a[0] - b[0]);
      const [firstYear, first] = sorted[0]!;
      const [lastYear, last] = sorted[sorted.length - 1]!;
      if (lastYear === firstYear || !(first > 0)) return undefined;
      return atMostLargest((last / first) ** (1 / (lastYear - firstYear)) - 1);
    }
    case 'wallet':
      return s.wallet;
    case 'shareOfWallet': {
      const latest = latestRevenue(s);
      return latest === undefined || s.wallet === undefined || s.wallet === 0 ? undefined : atMostLargest(latest / s.wallet);
    }
  }
  const dot = input.indexOf('.');
  const kind = input.slice(0, dot);
  const name = input.slice(dot + 1);
  const table = kind === 'assessment' ? s.assessment : kind === 'metrics' ? s.metrics : undefined;
  if (!table || !Object.prototype.hasOwnProperty.call(table, name)) return undefined;
  return table[name];
}

/**
 * A derived input that overflows (growth from a first year of 1e-300, a share of a wallet of
 * 1e-320) is larger than any number: it counts as the largest one, so that the score and the
 * input shown agree (Infinity would print as null, i.e. missing, after full credit).
 */
function atMostLargest(v: number): number {
  return v > Number.MAX_VALUE ? Number.MAX_VALUE : v;
}

/** An input counts when it is a finite number: NaN marks a missing one, and an infinite one (from elsewhere than a plan, which the schema keeps finite) counts as missing too. */
const present = (x: number) => x - x === 0;

// ---- scales ---------------------------------------------------------------

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

/** Scores of the value-only scales; percentile needs the other accounts' values. */
export function scaleScore(scale: Exclude<Scale, { type: 'percentile' }>, x: number): number {
  switch (scale.type) {
    case 'linear':
      return clamp01((x - scale.min) / (scale.max - scale.min));
    case 'log':
      return clamp01((Math.log10(Math.max(x, scale.min)) - Math.log10(scale.min)) / (Math.log10(scale.max) - Math.log10(scale.min)));
    case 'steps': {
      let bestMin = -Infinity;
      let score = 0;
      for (const step of scale.steps) {
        if (x >= step.min && step.min >= bestMin) {
          bestMin = step.min;
          score = step.score;
        }
      }
      return score;
    }
  }
}

/** Percentile rank of `x` among `sorted` (ascending, contains x): ties share the mid rank. */
export function percentileScore(sorted: ArrayLike<number>, x: number): number {
  const n = sorted.length;
  if (n <= 1) return 1;
  const below = lowerBound(sorted, x);
  const equal = lowerBound(sorted, x, true) - below;
  return (below + (equal - 1) / 2) / (n - 1);
}

function lowerBound(sorted: ArrayLike<number>, x: number, strictlyGreater = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v < x || (strictlyGreater && v === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---- accounts -------------------------------------------------------------

export interface CriterionScore {
  id: string;
  /** The input value; null when missing. */
  input: number | null;
  /** s_c in [0,1]; 0 when missing with `missing: zero`, null when excluded. */
  score: number | null;
  weight: number;
  /** 100 · w · s / Σw over the criteria that count for this account. */
  contribution: number;
  missing: boolean;
  /** issue 20: present when the criterion has `decay` and its input is present (`input` is then the decayed value). */
  decay?: CriterionDecay;
}

/** How a criterion with `decay` weighed its input for one account (issue 20). */
export interface CriterionDecay {
  /** The input as the plan gives it. */
  raw: number;
  /** The entry's `asOf`; null when undated (then it is not decayed: factor 1). */
  asOf: string | null;
  /** Days from `asOf` to the as-of date, at least 0; null when undated. */
  age: number | null;
  /** True when `asOf` is after the as-of date (the age counts as 0). */
  future: boolean;
  halfLifeDays: number;
  /** 0.5^(age / halfLifeDays): input = raw · factor. */
  factor: number;
}

export interface ScoredAccount {
  id: string;
  name: string;
  score: number;
  tier: string | null;
  rank: number;
  declaredTier?: string;
  /** Ids of the criteria whose input is missing. */
  missing: string[];
  criteria: CriterionScore[];
  /** revenue.latest, 0 when absent (the portfolio figures use it). */
  latestRevenue: number;
  /** The plan's tier override (issue 20), as written; src/core/override.ts says whether it is in force. */
  override?: TierOverride;
  /** issue 22: the account's segment, when kam.yaml has segments. */
  segment?: string;
}

export interface ScoringModel {
  criteria: readonly Criterion[];
  missing: KamConfig['missing'];
  tiers: readonly Tier[];
  /** issue 20: the as-of date (YYYY-MM-DD) that decayed inputs are aged to; today when absent. Read only when a criterion has `decay`. */
  asOf?: string;
  /** issue 22: kam.yaml's segments (src/core/segments.ts); absent: one model for every account. */
  segments?: readonly Segment[] | undefined;
}

/** The input name a criterion decays (`assessment.<name>` with `decay`), or undefined. */
function decayedAssessment(criterion: Criterion): string | undefined {
  return criterion.decay !== undefined && criterion.input.startsWith('assessment.') ? criterion.input.slice('assessment.'.length) : undefined;
}

/** True when some criterion decays its input (then scores depend on the as-of date). */
export function hasDecay(criteria: readonly Criterion[]): boolean {
  return criteria.some((c) => decayedAssessment(c) !== undefined);
}

let lastAsOf = '';
let lastAsOfDay = 0;
/** The day number of the as-of date (today when absent), remembered: plans scored one by one ask for the same date. */
function asOfDay(asOf: string | undefined): number {
  const date = asOf ?? isoDateOf(new Date());
  if (date !== lastAsOf) {
    lastAsOf = date;
    lastAsOfDay = dayNumber(date);
  }
  return lastAsOfDay;
}

/** True when an account's score depends on its own inputs only (no percentile scale looks at the others). */
export function scoresAlone(model: ScoringModel): boolean {
  return model.criteria.every((c) => c.scale.type !== 'percentile') && (model.segments === undefined || model.segments.every((s) => (s.criteria ?? []).every((c) => c.scale.type !== 'percentile')));
}

/** What decides scores and tiers: two configs with the same key score every account alike. */
export function modelKey(model: ScoringModel): string {
  if (model.segments !== undefined) return JSON.stringify({ criteria: model.criteria, missing: model.missing, tiers: model.tiers, segments: model.segments });
  return JSON.stringify({ criteria: model.criteria, missing: model.missing, tiers: model.tiers });
}

/** The smallest positive weight: below it, w · s loses its precision (subnormal numbers), and the score and its breakdown drift apart. */
export const MIN_WEIGHT = 1e-300;

/**
 * The first criterion (index) at which the weights stop making a usable model: a positive weight
 * must be at least MIN_WEIGHT, their running sum must stay a finite number even times 100 (scores
 * are 100 · Σ w s / Σ w), and the whole sum must be positive (index -1). Shared by kam.yaml
 * validation and `kam score --weight`.
 */
export function weightSumProblem(weights: readonly number[]): { index: number; message: string } | undefined {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (w > 0 && w < MIN_WEIGHT) {
      return { index: i, message: `a weight between 0 and ${MIN_WEIGHT} is too small to compute with (w · s underflows); weights are relative: multiply them all by the same number` };
    }
    sum += w;
    if (!Number.isFinite(100 * sum)) {
      return { index: i, message: 'the weights add up past about 1.8e306, where the scores overflow; weights are relative: divide them all by the same number' };
    }
  }
  return sum > 0 ? undefined : { index: -1, message: 'the criteria weights must have a positive sum' };
}

export function tierFor(score: number, tiers: readonly Tier[]): string | null {
  for (const tier of tiers) if (score >= tier.min) return tier.id;
  return null;
}

/** Each score's tier, as an index into `tiers` (-1: below every tier). */
export function tierIndexes(scores: Float64Array, tiers: readonly { min: number }[]): Int32Array {
  const mins = Float64Array.from(tiers, (t) => t.min);
  const index = new Int32Array(scores.length);
  for (let row = 0; row < scores.length; row++) {
    const score = scores[row]!;
    let k = 0;
    while (k < mins.length && !(score >= mins[k]!)) k++;
    index[row] = k < mins.length ? k : -1;
  }
  return index;
}

/**
 * The inputs of many accounts, one column per criterion (NaN = missing). Columns keep
 * a million CSV rows in a few typed arrays instead of a million objects.
 */
export interface InputTable {
  size: number;
  inputs: Float64Array[];
  /** issue 20: per criterion, how its inputs were decayed (null: no decay); absent when no criterion decays. */
  decay?: (DecayColumn | null)[];
}

/** The raw inputs of a decayed criterion and their dates (`inputs` holds the decayed values). */
export interface DecayColumn {
  halfLifeDays: number;
  raw: Float64Array;
  /** Per row: the entry's asOf, undefined when undated. */
  asOf: (string | undefined)[];
  /** Per row: days from asOf to the as-of date (NaN when undated; negative when asOf is later). */
  days: Float64Array;
}

/**
 * The inputs of each subject per criterion. A criterion with `decay` (issue 20) weighs a dated
 * assessment entry by its age: x · 0.5^(age / halfLifeDays), age = days from the entry's asOf to
 * `asOf` (0 when the entry is later); an undated entry counts as it is. Without decay nothing of
 * this runs.
 */
export function inputTable(subjects: readonly ScoringSubject[], criteria: readonly Criterion[], asOf?: string): InputTable {
  let decay: (DecayColumn | null)[] | undefined;
  const inputs = criteria.map((c, k) => {
    const column = new Float64Array(subjects.length);
    subjects.forEach((s, i) => (column[i] = inputValue(s, c.input) ?? Number.NaN));
    const name = decayedAssessment(c);
    if (name !== undefined) (decay ??= criteria.map(() => null))[k] = decayColumn(subjects, column, name, c.decay!.halfLifeDays, asOfDay(asOf));
    return column;
  });
  return decay === undefined ? { size: subjects.length, inputs } : { size: subjects.length, inputs, decay };
}

/** Decays `column` in place (dated, present entries of assessment `name`) and says how. */
function decayColumn(subjects: readonly ScoringSubject[], column: Float64Array, name: string, halfLifeDays: number, today: number): DecayColumn {
  const raw = column.slice();
  const asOf: (string | undefined)[] = new Array(subjects.length);
  const days = new Float64Array(subjects.length).fill(Number.NaN);
  subjects.forEach((s, i) => {
    const dates = s.assessmentAsOf;
    if (dates === undefined || !Object.hasOwn(dates, name) || !present(raw[i]!)) return;
    const date = dates[name]!;
    asOf[i] = date;
    const d = today - dayNumber(date);
    days[i] = d;
    column[i] = raw[i]! * decayFactor(d, halfLifeDays);
  });
  return { halfLifeDays, raw, asOf, days };
}

/** 0.5^(age / halfLifeDays), an age below 0 (a date after the as-of date) counting as 0. */
export function decayFactor(days: number, halfLifeDays: number): number {
  return days > 0 ? 0.5 ** (days / halfLifeDays) : 1;
}

/** Per criterion: the sorted present values when its scale is a percentile (else null). */
export function percentileBases(table: InputTable, criteria: readonly Criterion[]): (Float64Array | null)[] {
  return criteria.map((c, i) => {
    if (c.scale.type !== 'percentile') return null;
    const column = table.inputs[i]!;
    let n = 0;
    for (const v of column) if (present(v)) n++;
    const values = new Float64Array(n);
    let j = 0;
    for (const v of column) if (present(v)) values[j++] = v;
    return values.sort();
  });
}

function criterionS(criterion: Criterion, x: number, base: Float64Array | null): number {
  return criterion.scale.type === 'percentile' ? percentileScore(base!, x) : scaleScore(criterion.scale, x);
}

/** The account score of every row: 100 · Σ w s / Σ w (SPEC 3). */
export function computeScores(table: InputTable, model: ScoringModel, bases = percentileBases(table, model.criteria)): Float64Array {
  const n = table.size;
  const zero = model.missing === 'zero';
  const totalWeight = model.criteria.reduce((sum, c) => sum + c.weight, 0);
  // Criterion by criterion over all rows (one scale per loop: a million rows stay fast); each
  // row still adds its criteria in model order, so the sums are those of a row-by-row loop.
  const weighted = new Float64Array(n);
  const weights = new Float64Array(n).fill(zero ? totalWeight : 0);
  model.criteria.forEach((criterion, i) => {
    const column = table.inputs[i]!;
    const w = criterion.weight;
    const scale = criterion.scale;
    const add = (row: number, s: number) => {
      weighted[row] = weighted[row]! + w * s;
      if (!zero) weights[row] = weights[row]! + w;
    };
    if (scale.type === 'linear') {
      for (let row = 0; row < n; row++) {
        const x = column[row]!;
        if (x - x === 0) add(row, clamp01((x - scale.min) / (scale.max - scale.min)));
      }
    } else if (scale.type === 'log') {
      const logMin = Math.log10(scale.min);
      const span = Math.log10(scale.max) - logMin;
      for (let row = 0; row < n; row++) {
        const x = column[row]!;
        if (x - x === 0) add(row, clamp01((Math.log10(Math.max(x, scale.min)) - logMin) / span));
      }
    } else {
      for (let row = 0; row < n; row++) {
        const x = column[row]!;
        if (x - x === 0) add(row, criterionS(criterion, x, bases[i]!));
      }
    }
  });
  const scores = new Float64Array(n);
  for (let row = 0; row < n; row++) scores[row] = weights[row]! > 0 ? (100 * weighted[row]!) / weights[row]! : 0;
  return scores;
}

/** The per-criterion breakdown of one row (for JSON, CSV and --explain). */
export function criterionScores(table: InputTable, model: ScoringModel, row: number, bases: (Float64Array | null)[]): CriterionScore[] {
  const zero = model.missing === 'zero';
  let weights = 0;
  for (let i = 0; i < model.criteria.length; i++) {
    if (zero || present(table.inputs[i]![row]!)) weights += model.criteria[i]!.weight;
  }
  return model.criteria.map((criterion, i): CriterionScore => {
    const x = table.inputs[i]![row]!;
    const missing = !present(x);
    const s = missing ? (zero ? 0 : null) : criterionS(criterion, x, bases[i]!);
    const contribution = s !== null && weights > 0 ? (100 * criterion.weight * s) / weights : 0;
    const result: CriterionScore = { id: criterion.id, input: missing ? null : x, score: s, weight: criterion.weight, contribution, missing };
    const decay = table.decay?.[i];
    if (decay && !missing) {
      const asOf = decay.asOf[row];
      const days = decay.days[row]!;
      result.decay = asOf === undefined
        ? { raw: decay.raw[row]!, asOf: null, age: null, future: false, halfLifeDays: decay.halfLifeDays, factor: 1 }
        : { raw: decay.raw[row]!, asOf, age: Math.max(days, 0), future: days < 0, halfLifeDays: decay.halfLifeDays, factor: decayFactor(days, decay.halfLifeDays) };
    }
    return result;
  });
}

/** Scores, tiers and ranks every subject; the result is sorted by rank. */
export function scoreAccounts(subjects: readonly ScoringSubject[], model: ScoringModel): ScoredAccount[] {
  return scoreAccountRows(subjects, model).sort((a, b) => a.rank - b.rank);
}

/** Scores, tiers and ranks every subject; the result is in the subjects' order (account i is subject i). */
export function scoreAccountRows(subjects: readonly ScoringSubject[], model: ScoringModel): ScoredAccount[] {
  // issue 22: with segments, each account is scored by its segment's model.
  if (model.segments !== undefined) return scoreSegmentedRows(subjects, model, scoreModelRows);
  return scoreModelRows(subjects, model);
}

function scoreModelRows(subjects: readonly ScoringSubject[], model: ScoringModel): ScoredAccount[] {
  const table = inputTable(subjects, model.criteria, model.asOf);
  const bases = percentileBases(table, model.criteria);
  const scores = computeScores(table, model, bases);
  const accounts = subjects.map((subject, row): ScoredAccount => {
    const criteria = criterionScores(table, model, row, bases);
    const score = scores[row]!;
    const account: ScoredAccount = {
      id: subject.id,
      name: subject.name,
      score,
      tier: tierFor(score, model.tiers),
      rank: 0,
      missing: criteria.filter((c) => c.missing).map((c) => c.id),
      criteria,
      latestRevenue: latestRevenue(subject) ?? 0,
    };
    if (subject.declaredTier !== undefined) account.declaredTier = subject.declaredTier;
    if (subject.override !== undefined) account.override = subject.override;
    return account;
  });
  assignRanks(accounts);
  return accounts;
}

/** Sets each account's rank (1 = best) among these accounts. */
export function assignRanks(accounts: readonly ScoredAccount[]): void {
  [...accounts].sort(byRank).forEach((account, i) => (account.rank = i + 1));
}

export function byRank(a: { score: number; id: string }, b: { score: number; id: string }): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

// ---- portfolio ------------------------------------------------------------

export interface PortfolioSummary {
  accounts: number;
  tiers: Record<string, number>;
  pareto: { vitalFew: number; vitalFewShare: number };
  concentration: { top1Share: number; top5Share: number; hhi: number };
  totalRevenue: number;
}

export function summarizePortfolio(accounts: readonly Pick<ScoredAccount, 'tier' | 'latestRevenue'>[], tiers: readonly Tier[]): PortfolioSummary {
  const tierCounts = emptyTierCounts(tiers);
  for (const a of accounts) if (a.tier !== null) tierCounts[a.tier] = (tierCounts[a.tier] ?? 0) + 1;
  return { accounts: accounts.length, tiers: tierCounts, ...revenueFigures(accounts.map((a) => a.latestRevenue)) };
}

/**
 * A count per tier, 0 each, in the tiers' order: an object without a prototype, so that a tier
 * id such as `__proto__`, `constructor` or `toString` is a key like any other.
 */
export function emptyTierCounts(tiers: readonly { id: string }[]): Record<string, number> {
  const counts = Object.create(null) as Record<string, number>;
  for (const tier of tiers) counts[tier.id] = 0;
  return counts;
}

/** Pareto and concentration on revenue.latest (SPEC 3). */
export function revenueFigures(revenues: ArrayLike<number>): Omit<PortfolioSummary, 'accounts' | 'tiers'> {
  const n = revenues.length;
  const values = revenues instanceof Float64Array ? revenues : Float64Array.from(revenues);
  // The leading 16 bits of each positive value (exponent and 4 bits of mantissa: 16 groups
  // per power of two) group the values by size: summed per group, they show in one pass in
  // which group the line of 80% falls.
  const bits = LITTLE_ENDIAN ? new Uint32Array(values.buffer, values.byteOffset, n * 2) : undefined;
  const groupCounts = new Uint32Array(1 << 15);
  const groupSums = new Float64Array(1 << 15);
  let total = 0;
  const top5 = [-Infinity, -Infinity, -Infinity, -Infinity, -Infinity]; // descending
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    total += v;
    if (bits && v > 0) {
      const group = bits[2 * i + 1]! >>> 16;
      groupCounts[group]!++;
      groupSums[group]! += v;
    }
    if (v > top5[4]!) {
      let k = 4;
      while (k > 0 && v > top5[k - 1]!) {
        top5[k] = top5[k - 1]!;
        k--;
      }
      top5[k] = v;
    }
  }
  if (!Number.isFinite(total)) return outOfRangeFigures(values);
  if (!(total > 0)) {
    return { pareto: { vitalFew: 0, vitalFewShare: 0 }, concentration: { top1Share: 0, top5Share: 0, hhi: 0 }, totalRevenue: total };
  }
  const target = 0.8 * total * (1 - 1e-12); // reaching 80% must not fail on float rounding
  // The group where the running sum (largest groups first) reaches the target.
  let group = groupSums.length - 1;
  let above = 0;
  let countAbove = 0;
  while (group >= 0 && !(above + groupSums[group]! >= target)) {
    above += groupSums[group]!;
    countAbove += groupCounts[group]!;
    group--;
  }
  const inGroup: number[] = [];
  let hhi = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    const share = (v / total) * 100;
    hhi += share * share;
    if (bits && v > 0 && bits[2 * i + 1]! >>> 16 === group) inGroup.push(v);
  }
  let vitalFew = -1;
  if (bits && group >= 0 && Number.isFinite(total)) {
    inGroup.sort((x, y) => y - x);
    let cumulative = above;
    let before = above;
    let j = 0;
    while (j < inGroup.length && cumulative < target) {
      before = cumulative;
      cumulative += inGroup[j++]!;
    }
    // These sums are in another order than the sorted one: only a clear margin decides.
    if (cumulative >= target * (1 + 1e-9) && (j === 0 ? above === 0 : before < target * (1 - 1e-9))) vitalFew = countAbove + j;
  }
  if (vitalFew === -1) {
    const largest = largestFirst(values, target);
    let cumulative = 0;
    vitalFew = 0;
    while (vitalFew < largest.length && cumulative < target) cumulative += largest[vitalFew++]!;
  }
  let top5Sum = 0;
  for (let i = 0; i < Math.min(5, n); i++) top5Sum += top5[i]!;
  return {
    pareto: { vitalFew, vitalFewShare: vitalFew / n },
    concentration: { top1Share: top5[0]! / total, top5Share: top5Sum / total, hhi },
    totalRevenue: total,
  };
}

/** 2^-64: scaling by a power of two keeps every share exact (a million amounts near 1.8e308 add up to a finite sum). */
const OVERFLOW_SCALE = 2 ** -64;

/**
 * The figures of revenues whose total is not a finite number: an amount that is not a number
 * counts as none, an infinite one as the largest number; when the total still overflows, the
 * shares come from the amounts scaled down alike and the total is the largest number.
 */
function outOfRangeFigures(values: ArrayLike<number>): Omit<PortfolioSummary, 'accounts' | 'tiers'> {
  const clean = Float64Array.from(values, (v) => (Number.isNaN(v) ? 0 : Math.min(Math.max(v, -Number.MAX_VALUE), Number.MAX_VALUE)));
  let total = 0;
  for (const v of clean) total += v;
  if (Number.isFinite(total)) return revenueFigures(clean);
  for (let i = 0; i < clean.length; i++) clean[i] = clean[i]! * OVERFLOW_SCALE;
  return { ...revenueFigures(clean), totalRevenue: Number.MAX_VALUE };
}

/** `a + b`, held at the largest number (a sum of amounts shown in a report). */
export function addAmounts(a: number, b: number): number {
  const sum = a + b;
  return sum > Number.MAX_VALUE ? Number.MAX_VALUE : sum;
}

const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/**
 * The largest values, in descending order, enough of them to add up to `target` (all of them when
 * they do not): a partial quickselect keeps only the part of the values where the 80% line falls,
 * so a million accounts are not all sorted.
 */
function largestFirst(values: ArrayLike<number>, target: number): Float64Array {
  const a = Float64Array.from(values);
  let lo = 0; // a[0, lo) are ≥ every value after them, and add up to `above` (< target)
  let hi = a.length; // the values that reach the target are within a[0, hi)
  let above = 0;
  while (hi - lo > 4096) {
    const pivot = medianOf3(a[lo]!, a[(lo + hi) >>> 1]!, a[hi - 1]!);
    // Three ways: [> pivot][= pivot][< pivot].
    let gt = lo;
    let eq = lo;
    for (let j = lo; j < hi; j++) {
      const v = a[j]!;
      if (v > pivot) {
        a[j] = a[eq]!;
        a[eq++] = a[gt]!;
        a[gt++] = v;
      } else if (v === pivot) {
        a[j] = a[eq]!;
        a[eq++] = v;
      }
    }
    let sumGt = 0;
    for (let j = lo; j < gt; j++) sumGt += a[j]!;
    let sumEq = 0;
    for (let j = gt; j < eq; j++) sumEq += a[j]!;
    // These sums are in another order than the sorted one, so only a clear margin drops values.
    if (above + sumGt >= target * (1 + 1e-9)) hi = gt;
    else if (above + sumGt + sumEq >= target * (1 + 1e-9)) {
      hi = eq;
      break;
    } else {
      above += sumGt + sumEq;
      lo = eq;
    }
  }
  return a.subarray(0, hi).sort().reverse();
}

function medianOf3(x: number, y: number, z: number): number {
  return x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
}
