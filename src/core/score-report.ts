// Everything `kam score` shows, as data: the ranked accounts, the rows selected by
// the filters, and the portfolio figures over all accounts.
import type { KamConfig } from './config.js';
import { scoreAccounts, summarizePortfolio, type PortfolioSummary, type ScoredAccount, type ScoringSubject } from './scoring.js';

/** Ranked rows; an array for plans, a lazy sequence for a million CSV rows. */
export type AccountRows = Iterable<ScoredAccount> & { readonly length: number };

export interface ScoreReport {
  /** The rows selected by --top / --tier (all accounts when no filter), ranked. */
  shown: AccountRows;
  /** How many accounts were scored (the portfolio). */
  total: number;
  summary: PortfolioSummary;
  config: Pick<KamConfig, 'criteria' | 'tiers' | 'currency' | 'missing'> & { maxTop1Share: number };
}

export interface ScoreFilter {
  top?: number;
  tiers?: readonly string[];
}

export function buildScoreReport(subjects: readonly ScoringSubject[], config: KamConfig, filter: ScoreFilter = {}): { report: ScoreReport; accounts: ScoredAccount[] } {
  const accounts = scoreAccounts(subjects, config);
  let shown = accounts;
  if (filter.tiers && filter.tiers.length > 0) {
    const wanted = new Set(filter.tiers);
    shown = shown.filter((a) => a.tier !== null && wanted.has(a.tier));
  }
  if (filter.top !== undefined) shown = shown.slice(0, filter.top);
  const report: ScoreReport = {
    shown,
    total: accounts.length,
    summary: summarizePortfolio(accounts, config.tiers),
    config: reportConfig(config),
  };
  return { report, accounts };
}

export function reportConfig(config: KamConfig): ScoreReport['config'] {
  return {
    criteria: config.criteria,
    tiers: config.tiers,
    currency: config.currency,
    missing: config.missing,
    maxTop1Share: config.policies.concentration.maxTop1Share,
  };
}

/** One account of the `kam.score/v1` document (SPEC 6). */
export function scoreDocumentAccount(a: ScoredAccount) {
  return {
    id: a.id,
    name: a.name,
    score: a.score,
    tier: a.tier,
    rank: a.rank,
    declaredTier: a.declaredTier ?? null,
    missing: a.missing,
    criteria: a.criteria.map((c) => ({ id: c.id, input: c.input, score: c.score, weight: c.weight, contribution: c.contribution })),
  };
}

export function scoreDocumentSummary(report: ScoreReport) {
  const { accounts, tiers, pareto, concentration } = report.summary;
  return { accounts, tiers, pareto, concentration };
}

/** The `kam.score/v1` document of SPEC 6 (unrounded numbers). */
export function scoreDocument(report: ScoreReport) {
  return {
    schema: 'kam.score/v1' as const,
    accounts: Array.from(report.shown, scoreDocumentAccount),
    summary: scoreDocumentSummary(report),
  };
}
