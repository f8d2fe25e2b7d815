// Why an account is big (issue 19): its archetype is the criterion that lifts it most above the
// portfolio, by contribution; and the pre-key accounts (准大客户) of `kam score --emerging`.
// Pure: the accounts as scored in, figures out.
//
// contribution(a, c) = 100 · w_c · s_c / Σw   (CriterionScore.contribution: the points c adds to a's score)
// mean(c)            = Σ_a contribution(a, c) / n over every scored account of the portfolio
// lift(a, c)         = contribution(a, c) − mean(c)
// archetype(a)       = the criterion of the largest positive lift (ties: the first in kam.yaml's
//                      criteria order; lifts within EPSILON points are equal); none when no lift is
//                      positive. Its name: kam.yaml `archetypes[c]`, else the built-in name, else c.
import { DEFAULT_ARCHETYPES } from './config-defaults.js';
import type { Criterion, Tier } from './config.js';
import type { ScoredAccount } from './scoring.js';

export { DEFAULT_ARCHETYPES } from './config-defaults.js';

/** Lifts (score points, 0..100) closer than this are equal: float noise must not pick an archetype. */
export const EPSILON = 1e-9;

type Contributions = Pick<ScoredAccount, 'criteria'>;

/** Per criterion (in model order): the mean contribution over the accounts (0 each when there are none). */
export function contributionMeans(accounts: Iterable<Contributions>, criteria: number): number[] {
  const sums = new Array<number>(criteria).fill(0);
  let n = 0;
  for (const a of accounts) {
    n++;
    for (let i = 0; i < criteria; i++) sums[i]! += a.criteria[i]?.contribution ?? 0;
  }
  return sums.map((s) => (n > 0 ? s / n : 0));
}

export interface Archetype {
  /** The criterion id that lifts the account most. */
  criterion: string;
  /** Its archetype name (kam.yaml `archetypes`). */
  name: string;
  /** contribution − portfolio mean, in score points. */
  lift: number;
}

/** The archetype name of a criterion: kam.yaml's, else the built-in one, else the criterion id. */
export function archetypeName(criterion: string, names: Readonly<Record<string, string>> | undefined): string {
  if (names !== undefined && Object.hasOwn(names, criterion)) return names[criterion]!;
  return Object.hasOwn(DEFAULT_ARCHETYPES, criterion) ? DEFAULT_ARCHETYPES[criterion]! : criterion;
}

/** The account's archetype against the portfolio's mean contributions; null when no criterion lifts it above the mean. */
export function archetypeOf(account: Contributions, means: readonly number[], names?: Readonly<Record<string, string>>): Archetype | null {
  let best = -1;
  let bestLift = EPSILON;
  account.criteria.forEach((c, i) => {
    const lift = c.contribution - (means[i] ?? 0);
    if (lift > bestLift + (best < 0 ? 0 : EPSILON)) {
      best = i;
      bestLift = lift;
    }
  });
  if (best < 0) return null;
  const criterion = account.criteria[best]!.id;
  return { criterion, name: archetypeName(criterion, names), lift: bestLift };
}

/** How many accounts of each archetype name (in order of first appearance), and how many have none. */
export function archetypeCounts(archetypes: Iterable<Archetype | null>): { counts: Record<string, number>; none: number } {
  const counts = Object.create(null) as Record<string, number>;
  let none = 0;
  for (const a of archetypes) {
    if (a === null) none++;
    else counts[a.name] = (counts[a.name] ?? 0) + 1;
  }
  return { counts, none };
}

// ---- pre-key accounts (kam score --emerging) -------------------------------------------------

export interface EmergingSettings {
  below?: string | undefined;
  threshold: number;
  criteria?: readonly string[] | undefined;
}

/** The rule of `--emerging` made concrete for one model: which tiers are key, which criteria count. */
export interface EmergingSpec {
  /** The key tiers (the first tiers, down to `below`); pre-key accounts are in none of them. */
  keyTiers: string[];
  /** The lowest key tier. */
  below: string;
  /** 0..100. */
  threshold: number;
  /** Criterion ids, in model order. */
  criteria: string[];
}

export type EmergingProblem = { kind: 'tier'; tier: string; tiers: string[] } | { kind: 'criterion'; criterion: string; criteria: string[] };

/**
 * The key tiers are the tiers from the first down to `emerging.below` (default: the second tier;
 * the only one when there is one). The criteria: `emerging.criteria`, default every criterion
 * whose input is not `revenue.latest` (the current revenue).
 */
export function emergingSpec(settings: EmergingSettings, tiers: readonly Pick<Tier, 'id'>[], criteria: readonly Pick<Criterion, 'id' | 'input'>[]): EmergingSpec | EmergingProblem {
  const tierIds = tiers.map((t) => t.id);
  const below = settings.below ?? tierIds[Math.min(1, tierIds.length - 1)]!;
  const at = tierIds.indexOf(below);
  if (at < 0) return { kind: 'tier', tier: below, tiers: tierIds };
  const ids = criteria.map((c) => c.id);
  let chosen: string[];
  if (settings.criteria !== undefined) {
    for (const id of settings.criteria) if (!ids.includes(id)) return { kind: 'criterion', criterion: id, criteria: ids };
    chosen = ids.filter((id) => settings.criteria!.includes(id));
  } else {
    chosen = criteria.filter((c) => c.input !== 'revenue.latest').map((c) => c.id);
  }
  return { keyTiers: tierIds.slice(0, at + 1), below, threshold: settings.threshold, criteria: chosen };
}

/**
 * The criteria on which an account qualifies as pre-key: none when its computed tier is a key
 * tier; else those of the spec whose score s · 100 is at or above the threshold (a missing input
 * never qualifies). The account is pre-key when the list is not empty.
 */
export function emergingOn(account: Pick<ScoredAccount, 'tier' | 'criteria'>, spec: EmergingSpec): string[] {
  if (account.tier !== null && spec.keyTiers.includes(account.tier)) return [];
  const on: string[] = [];
  for (const c of account.criteria) {
    if (c.missing || c.score === null || !spec.criteria.includes(c.id)) continue;
    if (c.score * 100 >= spec.threshold - EPSILON) on.push(c.id);
  }
  return on;
}
