// The numbers behind `kam report`: the Pareto curve, tiers, concentration, the portfolio
// matrix and one card per account. Pure: charts and HTML are drawn from this in src/format.
import { managedTier, overrideView, type OverrideView } from './override.js';
import { daysBetween } from './dates.js';
import type { Message } from '../i18n/index.js';
import type { Finding } from './findings.js';
import type { Plan } from './plan.js';
import { RELATIONSHIP_ROLES, STANCES } from './plan.js';
import type { MethodReport, ScoreReport } from './score-report.js';
import { emergingOn, type EmergingSpec } from './archetype.js';
import type { TierResources } from './resources.js';
import type { CellStatus, CellUnit, ProductColumn, WhitespaceReport } from './whitespace.js';
import { addAmounts, inputValue, type ScoredAccount, type ScoringSubject } from './scoring.js';

export interface ParetoPoint {
  /** Share of accounts (0..1], accounts sorted by revenue, largest first. */
  accountShare: number;
  /** Cumulative share of revenue (0..1]. */
  revenueShare: number;
}

export interface TierRow {
  id: string;
  accounts: number;
  revenue: number;
}

export interface MatrixPoint {
  id: string;
  name: string;
  score: number;
  /** revenue.cagr */
  growth: number;
  revenue: number;
  tier: string | null;
}

export interface AccountCard {
  id: string;
  name: string;
  rank: number;
  score: number;
  tier: string | null;
  declaredTier?: string;
  /** issue 20, with a tier override only: the managed tier and the override. */
  override?: { managedTier: string | null; view: OverrideView };
  revenue: number;
  criteria: { id: string; score: number | null; weight: number; contribution: number; missing: boolean }[];
  chain?: {
    rolesCovered: string[];
    rolesMissing: string[];
    coach: boolean;
    stances: Record<string, number>;
    contacts: number;
    /** issue 20: every contact, in plan order, for the decision-chain map. */
    people: ChainPerson[];
  };
  engagementsLastYear?: { type: string; date: string }[];
  actions?: { open: number; overdue: { what: string; due: string; owner?: string }[] };
  findings: ReportFinding[];
  /** issue 19: the criterion that lifts the account most above the portfolio, and its archetype name (kam.yaml). */
  archetype?: { criterion: string; name: string; lift: number };
}

/** A contact on the decision-chain map (issue 20): the plan's relationship, `reportsTo` resolved to an index. */
export interface ChainPerson {
  name: string;
  title?: string;
  role?: string;
  stance?: string;
  strength?: number;
  owner?: string;
  layer?: string;
  reportsTo?: string;
  /** The index in `people` of the one `reportsTo` names (the first other contact of that name). */
  boss?: number;
}

/** The whitespace heatmap (issue 19): the best-ranked accounts × every product, the rest counted. */
export interface WhitespaceSection {
  accounts: number;
  keyAccounts: number;
  /** Every product, by penetration (as kam whitespace sorts them). */
  columns: ProductColumn[];
  /** The first WHITESPACE_ROWS accounts by rank: one status per column. */
  rows: { id: string; name: string; rank: number; tier: string | null; installed: number; cells: { status: CellStatus; units: CellUnit[] }[] }[];
  /** The accounts after those rows: how many, and their cells per status. */
  rest: { accounts: number; counts: Record<CellStatus, number> } | null;
}

/** Resources vs value (issue 19): per tier, FTE share against revenue share and revenue per FTE. */
export interface ResourcesSection {
  /** The tiers in kam.yaml order, then `null` (no tier) when some account has none. */
  tiers: (TierResources & { id: string | null })[];
  total: TierResources;
}

/** The pre-key accounts (准大客户) of `kam score --emerging`, with the criterion each is strongest on. */
export interface EmergingSection {
  below: string;
  threshold: number;
  criteria: string[];
  accounts: { id: string; name: string; rank: number; score: number; tier: string | null; on: string[]; criterion: string; criterionScore: number }[];
}

/** A finding on the report: `message` in English, `text` (when it has one) to render in the locale. */
export interface ReportFinding {
  rule: string;
  severity: string;
  message: string;
  text?: Message;
}

export interface PortfolioReport {
  title: string;
  asOf: string;
  currency: string;
  source: string;
  accounts: number;
  totalRevenue: number;
  pareto: { points: ParetoPoint[]; vitalFew: number; vitalFewShare: number };
  tiers: TierRow[];
  concentration: { top1Share: number; top5Share: number; hhi: number; maxTop1Share: number; warning: boolean; top1?: string };
  matrix: MatrixPoint[];
  /** Accounts without revenue growth (fewer than two years of revenue), left out of the matrix. */
  matrixLeftOut: number;
  cards: AccountCard[];
  portfolioFindings: ReportFinding[];
  /** Plans or rows of the input that the report leaves out, and why (the command says it on stderr too). */
  leftOut?: LeftOut;
  /** issue 19 (plans only): when some plan has whitespace entries. */
  whitespace?: WhitespaceSection;
  /** issue 19 (plans only): when some plan has team FTE. */
  resources?: ResourcesSection;
  /** issue 19 (plans only): when some account is pre-key. */
  emerging?: EmergingSection;
}

/** The heatmap shows this many accounts (by rank); the others are counted per status in one line. */
export const WHITESPACE_ROWS = 40;

/** What the report could not use: plans with errors, or rows of a client's table that were skipped. */
export interface LeftOut {
  kind: 'plans' | 'rows';
  /** How many were left out (more than `items` when the list is cut). */
  count: number;
  /** With rows: the table's file. */
  file?: string;
  /** The first ones: where (file:line:column, or file:line / file:cell) and why, as people read it. */
  items: { where: string; why: string }[];
}

/**
 * Growth beyond this (a first year of 1e-300, whose growth counts as the largest number) cannot be
 * drawn: the chart's axis, padded, and its labels in percent would overflow. Such an account is
 * left out of the matrix, like one without two years of revenue.
 */
const MAX_PLOTTED_GROWTH = 1e300;

/** At most this many points draw the Pareto curve (a million accounts need no million-point path). */
const MAX_PARETO_POINTS = 400;

export interface ReportInput {
  title: string;
  asOf: string;
  source: string;
  report: ScoreReport;
  /** The scored accounts drawn in the matrix and the cards, ranked (every account, or the top of a big CSV). */
  accounts: readonly ScoredAccount[];
  /** Every account's latest revenue and tier (index into the tiers, -1 none), when `accounts` is only the top. */
  portfolio?: { revenues: ArrayLike<number>; tierIndex: ArrayLike<number> };
  /** Scoring subjects by id (for revenue growth), when known. */
  subjects?: ReadonlyMap<string, ScoringSubject>;
  /** Plans by account id: cards get the decision chain, engagements and actions. */
  plans?: ReadonlyMap<string, Plan>;
  findings?: readonly Finding[];
  /** The plans or rows left out of the report, and why. */
  leftOut?: LeftOut;
  /** issue 19 (plans): archetypes and resources, as `kam score` computes them. */
  method?: MethodReport;
  /** issue 19 (plans): the whitespace matrix of every account (no filter), as `kam whitespace` builds it. */
  whitespace?: WhitespaceReport;
  /** issue 19 (plans): the rule of `kam score --emerging`. */
  emerging?: EmergingSpec;
}

export function buildPortfolioReport(input: ReportInput): PortfolioReport {
  const { report, accounts, portfolio } = input;
  const totalRevenue = report.summary.totalRevenue;
  const tiers = report.config.tiers.map((t) => ({ id: t.id, accounts: 0, revenue: 0 }));
  let revenues: Float64Array;
  if (portfolio) {
    revenues = Float64Array.from(portfolio.revenues);
    for (let i = 0; i < revenues.length; i++) {
      const row = tiers[portfolio.tierIndex[i]!];
      if (row) {
        row.accounts++;
        row.revenue = addAmounts(row.revenue, revenues[i]!);
      }
    }
  } else {
    revenues = Float64Array.from(accounts, (a) => a.latestRevenue);
    for (const a of accounts) {
      const row = tiers.find((t) => t.id === a.tier);
      if (row) {
        row.accounts++;
        row.revenue = addAmounts(row.revenue, a.latestRevenue);
      }
    }
  }
  revenues.sort().reverse();
  // The top account's name is known when every account is at hand.
  const top = portfolio ? undefined : accounts.reduce<ScoredAccount | undefined>((best, a) => (!best || a.latestRevenue > best.latestRevenue ? a : best), undefined);
  const concentration = report.summary.concentration;
  const maxTop1Share = report.config.maxTop1Share;

  const matrix: MatrixPoint[] = [];
  let matrixLeftOut = 0;
  for (const a of accounts) {
    const subject = input.subjects?.get(a.id);
    const growth = subject ? inputValue(subject, 'revenue.cagr') : undefined;
    if (growth === undefined || !(Math.abs(growth) <= MAX_PLOTTED_GROWTH)) {
      matrixLeftOut++;
      continue;
    }
    matrix.push({ id: a.id, name: a.name, score: a.score, growth, revenue: a.latestRevenue, tier: a.tier });
  }

  const byAccount = new Map<string, AccountCard['findings']>();
  const portfolioFindings: PortfolioReport['portfolioFindings'] = [];
  for (const f of input.findings ?? []) {
    const item: ReportFinding = f.text === undefined ? { rule: f.rule, severity: f.severity, message: f.message } : { rule: f.rule, severity: f.severity, message: f.message, text: f.text };
    if (f.rule === 'concentration-risk') portfolioFindings.push(item);
    if (f.account === undefined) continue;
    const list = byAccount.get(f.account);
    if (list) list.push(item);
    else byAccount.set(f.account, [item]);
  }

  const cards = input.plans
    ? accounts.map((a) => {
      const card = accountCard(a, input.plans!.get(a.id), byAccount.get(a.id) ?? [], input.asOf);
      const archetype = input.method?.archetype(a);
      if (archetype) card.archetype = { criterion: archetype.criterion, name: archetype.name, lift: archetype.lift };
      return card;
    })
    : [];
  const whitespace = input.whitespace ? whitespaceSection(input.whitespace) : undefined;
  const resources = input.method ? resourcesSection(input.method, report.config.tiers) : undefined;
  const emerging = input.emerging ? emergingSection(accounts, input.emerging) : undefined;

  return {
    title: input.title,
    asOf: input.asOf,
    currency: report.config.currency,
    source: input.source,
    accounts: report.total,
    totalRevenue,
    pareto: { points: paretoPoints(revenues, totalRevenue), ...report.summary.pareto },
    tiers,
    concentration: { ...concentration, maxTop1Share, warning: concentration.top1Share > maxTop1Share, ...(top && totalRevenue > 0 ? { top1: top.name } : {}) },
    matrix,
    matrixLeftOut,
    cards,
    portfolioFindings,
    ...(input.leftOut !== undefined && input.leftOut.count > 0 ? { leftOut: input.leftOut } : {}),
    ...(whitespace ? { whitespace } : {}),
    ...(resources ? { resources } : {}),
    ...(emerging ? { emerging } : {}),
  };
}

/** The heatmap's data; undefined when no plan has a whitespace entry. */
export function whitespaceSection(ws: WhitespaceReport): WhitespaceSection | undefined {
  if (ws.columns.length === 0) return undefined;
  const rows = ws.rows.slice(0, WHITESPACE_ROWS).map((r) => ({ id: r.account.id, name: r.account.name, rank: r.account.rank, tier: r.account.tier, installed: r.installed, cells: r.cells.map((c) => ({ status: c.status, units: c.units })) }));
  let rest: WhitespaceSection['rest'] = null;
  if (ws.rows.length > WHITESPACE_ROWS) {
    const counts: Record<CellStatus, number> = { installed: 0, opportunity: 0, competitor: 0, none: 0, unknown: 0 };
    for (const r of ws.rows.slice(WHITESPACE_ROWS)) for (const c of r.cells) counts[c.status]++;
    rest = { accounts: ws.rows.length - WHITESPACE_ROWS, counts };
  }
  return { accounts: ws.accounts, keyAccounts: ws.keyAccounts, columns: ws.columns, rows, rest };
}

/** Resources per tier; undefined when no plan has team FTE. */
export function resourcesSection(method: MethodReport, tiers: readonly { id: string }[]): ResourcesSection | undefined {
  const p = method.portfolio;
  if (!(p.total.fte > 0)) return undefined;
  const rows: ResourcesSection['tiers'] = tiers.map((t) => ({ id: t.id, ...p.tiers[t.id]! }));
  if (p.noTier.accounts > 0) rows.push({ id: null, ...p.noTier });
  return { tiers: rows, total: p.total };
}

/**
 * The accounts `kam score --emerging` lists (emergingOn, the same rule), ranked; each with the
 * criterion it qualifies on that scores highest (ties: the first in kam.yaml order). Undefined when none.
 */
export function emergingSection(accounts: readonly ScoredAccount[], spec: EmergingSpec): EmergingSection | undefined {
  const list: EmergingSection['accounts'] = [];
  for (const a of accounts) {
    const on = emergingOn(a, spec);
    if (on.length === 0) continue;
    let best: { id: string; score: number } | undefined;
    for (const c of a.criteria) {
      if (!on.includes(c.id) || c.score === null) continue;
      if (!best || c.score > best.score) best = { id: c.id, score: c.score };
    }
    list.push({ id: a.id, name: a.name, rank: a.rank, score: a.score, tier: a.tier, on, criterion: best!.id, criterionScore: best!.score });
  }
  if (list.length === 0) return undefined;
  list.sort((x, y) => x.rank - y.rank);
  return { below: spec.below, threshold: spec.threshold, criteria: spec.criteria, accounts: list };
}

/** The cumulative revenue curve, thinned to at most MAX_PARETO_POINTS (the last point is always kept). */
export function paretoPoints(revenuesDescending: ArrayLike<number>, total: number): ParetoPoint[] {
  const n = revenuesDescending.length;
  if (n === 0 || !(total > 0)) return [];
  const step = Math.max(1, Math.ceil(n / MAX_PARETO_POINTS));
  // A total held at the largest number (the amounts add up past it): the curve is drawn from the
  // amounts scaled down alike by 2^-64, which keeps every share.
  let scale = 1;
  if (total >= Number.MAX_VALUE) {
    scale = 2 ** -64;
    total = 0;
    for (let i = 0; i < n; i++) total += revenuesDescending[i]! * scale;
  }
  const points: ParetoPoint[] = [];
  let cumulative = 0;
  for (let i = 0; i < n; i++) {
    cumulative += revenuesDescending[i]! * scale;
    if ((i + 1) % step === 0 || i === n - 1) points.push({ accountShare: (i + 1) / n, revenueShare: cumulative / total });
  }
  return points;
}

function accountCard(a: ScoredAccount, plan: Plan | undefined, findings: AccountCard['findings'], asOf: string): AccountCard {
  const card: AccountCard = {
    id: a.id,
    name: a.name,
    rank: a.rank,
    score: a.score,
    tier: a.tier,
    revenue: a.latestRevenue,
    criteria: a.criteria.map((c) => ({ id: c.id, score: c.score, weight: c.weight, contribution: c.contribution, missing: c.missing })),
    findings,
  };
  if (a.declaredTier !== undefined) card.declaredTier = a.declaredTier;
  const view = overrideView(a, asOf);
  if (view !== null) card.override = { managedTier: managedTier(a, asOf), view };
  if (!plan) return card;
  const relationships = plan.relationships ?? [];
  const roles = new Set(relationships.flatMap((r) => (r.role ? [r.role] : [])));
  const stances: Record<string, number> = {};
  for (const stance of STANCES) stances[stance] = 0;
  for (const r of relationships) if (r.stance) stances[r.stance]!++;
  card.chain = {
    rolesCovered: RELATIONSHIP_ROLES.filter((r) => roles.has(r)),
    rolesMissing: RELATIONSHIP_ROLES.filter((r) => !roles.has(r)),
    coach: roles.has('coach'),
    stances,
    contacts: relationships.length,
    people: chainPeople(relationships),
  };
  card.engagementsLastYear = (plan.engagements ?? [])
    .filter((e) => e.status === 'done' && daysBetween(e.date, asOf) >= 0 && daysBetween(e.date, asOf) <= 365)
    .map((e) => ({ type: e.type, date: e.date }))
    .sort((x, y) => (x.date < y.date ? 1 : -1));
  const open = (plan.actions ?? []).filter((x) => (x.status ?? 'open') === 'open');
  card.actions = {
    open: open.length,
    overdue: open.filter((x) => x.due !== undefined && x.due < asOf).map((x) => ({ what: x.what, due: x.due!, ...(x.owner ? { owner: x.owner } : {}) })),
  };
  return card;
}

/** The contacts of the decision-chain map: each `reportsTo` points at the first other contact of that name. */
export function chainPeople(relationships: NonNullable<Plan['relationships']>): ChainPerson[] {
  const first = new Map<string, number[]>();
  relationships.forEach((r, i) => {
    const list = first.get(r.name);
    if (list) list.push(i);
    else first.set(r.name, [i]);
  });
  return relationships.map((r, i) => {
    const p: ChainPerson = { name: r.name };
    if (r.title !== undefined) p.title = r.title;
    if (r.role !== undefined) p.role = r.role;
    if (r.stance !== undefined) p.stance = r.stance;
    if (r.strength !== undefined) p.strength = r.strength;
    if (r.owner !== undefined) p.owner = r.owner;
    if (r.layer !== undefined) p.layer = r.layer;
    if (r.reportsTo !== undefined) {
      p.reportsTo = r.reportsTo;
      const boss = first.get(r.reportsTo)?.find((j) => j !== i);
      if (boss !== undefined) p.boss = boss;
    }
    return p;
  });
}
