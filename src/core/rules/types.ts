// What a policy rule sees and returns. Rules never choose severity (src/core/findings.ts does).
import type { Criterion, Policies } from '../config.js';
import type { Message } from '../../i18n/index.js';
import type { RuleId, YamlPath } from '../findings.js';
import type { Plan } from '../plan.js';
import type { PortfolioSummary, ScoredAccount } from '../scoring.js';

export interface PlanContext {
  plan: Plan;
  /** The account as scored: computed tier, missing criteria. */
  account: ScoredAccount;
  /**
   * The managed tier, which decides the policies: the plan's tier override while it is in force
   * (issue 20), else the computed tier (null when the score reaches no tier). `account.tier` is
   * always the computed one.
   */
  tier: string | null;
  policies: Policies;
  /** The scoring model's criteria (to name the input a missing criterion needs). */
  criteria: readonly Criterion[];
  /** "Today", YYYY-MM-DD. */
  asOf: string;
}

/** A finding of a rule about one plan: where (a YAML path; [] = top of file) and what to do. */
export interface RuleHit {
  message: Message;
  path: YamlPath;
  on?: 'key' | 'value';
}

export interface PlanRule {
  id: RuleId;
  check(ctx: PlanContext): RuleHit[];
}

export interface PortfolioContext {
  accounts: readonly ScoredAccount[];
  summary: PortfolioSummary;
  policies: Policies;
}

export interface PortfolioRule {
  id: RuleId;
  /** Hits name the account they are reported on. */
  check(ctx: PortfolioContext): (RuleHit & { account: string })[];
}

/** The key of a section when it exists (to point at it), else the top of the file. */
export function sectionPath(plan: Plan, section: keyof Plan): YamlPath {
  return plan[section] !== undefined ? [section] : [];
}

/**
 * The policy a map gives a tier: only a tier it names itself, so that tier ids such as
 * `constructor`, `toString` or `__proto__` never find what every object inherits (the maps
 * reach worker threads as plain objects, so a null prototype alone would not do).
 */
export function policyOf<T>(map: Readonly<Record<string, T>>, tier: string): T | undefined {
  return Object.hasOwn(map, tier) ? map[tier] : undefined;
}
