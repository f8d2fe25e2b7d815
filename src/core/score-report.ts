// Everything `kam score` shows, as data: the ranked accounts, the rows selected by
// the filters, and the portfolio figures over all accounts.
import type { KamConfig } from './config.js';
import { scoreAccountRows, summarizePortfolio, type PortfolioSummary, type ScoredAccount, type ScoringSubject } from './scoring.js';
import { archetypeCounts, archetypeOf, contributionMeans, emergingOn, type Archetype, type EmergingSpec } from './archetype.js';
import { managedTier, overrideView } from './override.js';
import { accountResources, portfolioResources, type PortfolioResources, type ResourceFigures } from './resources.js';
import { resolveSegments, type ResolvedSegment } from './segments.js';

/** Ranked rows; an array for plans, a lazy sequence for a million CSV rows. */
export type AccountRows = Iterable<ScoredAccount> & { readonly length: number };

export interface ScoreReport {
  /** The rows selected by --top / --tier (all accounts when no filter), ranked. */
  shown: AccountRows;
  /** How many accounts were scored (the portfolio). */
  total: number;
  summary: PortfolioSummary;
  config: Pick<KamConfig, 'criteria' | 'tiers' | 'currency' | 'missing'> & { maxTop1Share: number; archetypes?: Record<string, string> };
  /** Archetypes and resources (issue 19): made of every account's plan, so absent for client rows. */
  method?: MethodReport;
  /** With --emerging: the rule that selected the shown rows, and how many accounts it selects (before --top). */
  emerging?: EmergingSpec & { accounts: number };
  /** "Today" (--as-of) for the plans' tier overrides (issue 20): whether each is in force. Absent: none has expired. */
  asOf?: string;
  /** issue 22, only when kam.yaml has segments: each segment (`default` last) and its portfolio figures. */
  segments?: SegmentFigures[];
}

/** A segment and the portfolio figures of its accounts (issue 22). */
export interface SegmentFigures {
  segment: ResolvedSegment;
  summary: PortfolioSummary;
}

export interface ScoreFilter {
  top?: number;
  tiers?: readonly string[];
  /** Only the pre-key accounts (kam score --emerging). */
  emerging?: EmergingSpec;
  /** issue 22: only the accounts of these segments. */
  segments?: readonly string[];
}

/** Why each account is big and what it costs us, over the whole portfolio (issue 19). */
export interface MethodReport {
  /** Per criterion, in model order: the portfolio's mean contribution (score points). */
  means: number[];
  archetype(account: ScoredAccount): Archetype | null;
  /** The account's FTE and revenue figures; undefined for an account not of this portfolio. */
  resources(account: ScoredAccount): ResourceFigures | undefined;
  portfolio: PortfolioResources;
  /** How many accounts of each archetype name, and with none. */
  archetypes: { counts: Record<string, number>; none: number };
}

/** The method figures of scored accounts; `fteOf` gives an account's team FTE (0 when unknown). */
export function buildMethodReport(accounts: readonly ScoredAccount[], fteOf: (account: ScoredAccount) => number, config: Pick<KamConfig, 'criteria' | 'tiers'> & { archetypes?: Record<string, string> }): MethodReport {
  const means = contributionMeans(accounts, config.criteria.length);
  const archetypes = new Map<ScoredAccount, Archetype | null>();
  for (const a of accounts) archetypes.set(a, archetypeOf(a, means, config.archetypes));
  const fte = new Map<ScoredAccount, number>();
  for (const a of accounts) fte.set(a, fteOf(a));
  const portfolio = portfolioResources(accounts.map((a) => ({ tier: a.tier, revenue: a.latestRevenue, fte: fte.get(a)! })), config.tiers);
  return {
    means,
    archetype: (a) => archetypes.get(a) ?? archetypeOf(a, means, config.archetypes),
    resources: (a) => {
      const f = fte.get(a);
      return f === undefined ? undefined : accountResources({ revenue: a.latestRevenue, fte: f }, portfolio.total);
    },
    portfolio,
    archetypes: archetypeCounts(archetypes.values()),
  };
}

export function buildScoreReport(subjects: readonly ScoringSubject[], config: KamConfig, filter: ScoreFilter = {}, asOf?: string): { report: ScoreReport; accounts: ScoredAccount[] } {
  // issue 20: `asOf` ages decayed inputs (today when absent).
  const model = asOf === undefined ? config : { criteria: config.criteria, missing: config.missing, tiers: config.tiers, asOf, segments: config.segments };
  const rows = scoreAccountRows(subjects, model);
  const accounts = [...rows].sort((a, b) => a.rank - b.rank);
  const fte = new Map<ScoredAccount, number>();
  rows.forEach((a, i) => fte.set(a, subjects[i]!.teamFte ?? 0));
  // issue 22: with segments, every account has the criteria of every segment (0 weight outside their own).
  const segmented = config.segments !== undefined ? resolveSegments(model) : undefined;
  const modelConfig = segmented === undefined ? config : { ...config, criteria: segmented.criteria };
  const method = buildMethodReport(accounts, (a) => fte.get(a) ?? 0, modelConfig);
  let shown = accounts;
  if (filter.segments && filter.segments.length > 0) {
    const wanted = new Set(filter.segments);
    shown = shown.filter((a) => a.segment !== undefined && wanted.has(a.segment));
  }
  let emerging: ScoreReport['emerging'];
  if (filter.emerging) {
    const spec = filter.emerging;
    shown = shown.filter((a) => emergingOn(a, spec).length > 0);
    emerging = { ...spec, accounts: shown.length };
  }
  if (filter.tiers && filter.tiers.length > 0) {
    const wanted = new Set(filter.tiers);
    shown = shown.filter((a) => a.tier !== null && wanted.has(a.tier));
  }
  if (filter.top !== undefined) shown = shown.slice(0, filter.top);
  const report: ScoreReport = {
    shown,
    total: accounts.length,
    summary: summarizePortfolio(accounts, config.tiers),
    config: reportConfig(modelConfig),
    method,
  };
  if (segmented !== undefined) {
    report.segments = segmented.segments.map((segment) => ({ segment, summary: summarizePortfolio(accounts.filter((a) => a.segment === segment.id), config.tiers) }));
  }
  if (emerging) report.emerging = emerging;
  if (asOf !== undefined) report.asOf = asOf;
  return { report, accounts };
}

export function reportConfig(config: KamConfig): ScoreReport['config'] {
  return {
    criteria: config.criteria,
    tiers: config.tiers,
    currency: config.currency,
    missing: config.missing,
    maxTop1Share: config.policies.concentration.maxTop1Share,
    archetypes: config.archetypes,
  };
}

/** One account of the `kam.score/v1` document (SPEC 6). */
export function scoreDocumentAccount(a: ScoredAccount, method?: MethodReport, asOf = '') {
  const doc = {
    id: a.id,
    name: a.name,
    score: a.score,
    tier: a.tier,
    rank: a.rank,
    // issue 22: only when kam.yaml has segments.
    ...(a.segment !== undefined ? { segment: a.segment } : {}),
    declaredTier: a.declaredTier ?? null,
    missing: a.missing,
    // issue 20: a decayed input is the decayed value, with the plan's value and date beside it.
    criteria: a.criteria.map((c) => (c.decay !== undefined && c.decay.asOf !== null
      ? { id: c.id, input: c.input, rawInput: c.decay.raw, asOf: c.decay.asOf, score: c.score, weight: c.weight, contribution: c.contribution }
      : { id: c.id, input: c.input, score: c.score, weight: c.weight, contribution: c.contribution })),
  };
  if (method === undefined) return doc;
  // issue 19: added after the fields of SPEC 6.
  const archetype = method.archetype(a);
  return {
    ...doc,
    archetype: archetype?.name ?? null,
    archetypeCriterion: archetype?.criterion ?? null,
    resources: method.resources(a) ?? null,
    // issue 20: the managed tier (the override's while in force, else `tier`) and the override.
    managedTier: managedTier(a, asOf),
    override: overrideView(a, asOf),
  };
}

export function scoreDocumentSummary(report: ScoreReport) {
  const { accounts, tiers, pareto, concentration } = report.summary;
  const { method, emerging } = report;
  if (method === undefined) return { accounts, tiers, pareto, concentration };
  const means = Object.create(null) as Record<string, number>;
  report.config.criteria.forEach((c, i) => (means[c.id] = method.means[i]!));
  return {
    accounts,
    tiers,
    pareto,
    concentration,
    // issue 19: added after the fields of SPEC 6.
    archetypes: { meanContribution: means, counts: method.archetypes.counts, none: method.archetypes.none },
    resources: { tiers: method.portfolio.tiers, noTier: method.portfolio.noTier, total: method.portfolio.total },
    ...(emerging !== undefined ? { emerging: { below: emerging.below, keyTiers: emerging.keyTiers, threshold: emerging.threshold, criteria: emerging.criteria, accounts: emerging.accounts } } : {}),
    // issue 22: the portfolio figures per segment.
    ...(report.segments !== undefined ? { segments: segmentDocuments(report) } : {}),
  };
}

/** Per segment (issue 22): its id, label, what it overrides, and its portfolio figures. */
export function segmentDocuments(report: ScoreReport) {
  return (report.segments ?? []).map(({ segment, summary }) => ({
    id: segment.id,
    label: segment.label ?? null,
    overrides: { weights: { ...segment.overrides.weights }, tiers: { ...segment.overrides.tiers }, criteria: segment.overrides.criteria },
    accounts: summary.accounts,
    tiers: summary.tiers,
    pareto: summary.pareto,
    concentration: summary.concentration,
    totalRevenue: summary.totalRevenue,
  }));
}

/** The `kam.score/v1` document of SPEC 6 (unrounded numbers). */
export function scoreDocument(report: ScoreReport) {
  return {
    schema: 'kam.score/v1' as const,
    accounts: Array.from(report.shown, (a) => scoreDocumentAccount(a, report.method)),
    summary: scoreDocumentSummary(report),
  };
}
