// `kam diff`: what changed between two states of a workspace: accounts added, removed, or
// whose score or tier moved (and why), and findings opened and closed. Pure.
import { i18n } from '../i18n/index.js';
import type { Finding } from './findings.js';
import type { ScoredAccount } from './scoring.js';
import { managedTier, overrideView, type OverrideView } from './override.js';

export interface Snapshot {
  /** A commit sha, or WORKTREE. */
  label: string;
  accounts: readonly ScoredAccount[];
  findings: readonly Finding[];
  /** Anything that identifies the scoring model (e.g. kam.yaml's bytes or blob id). */
  configKey: string;
  /** "Today" for the tier overrides (issue 20); absent: none has expired. */
  asOf?: string;
}

export interface ScoreTier {
  score: number;
  tier: string | null;
  /** issue 20, set on the side where the account has a tier override: the tier that decides its policies. */
  managedTier?: string | null;
}

export interface CriterionMove {
  id: string;
  input: { before: number | null; after: number | null };
  contribution: { before: number; after: number };
}

export interface AccountChange {
  id: string;
  name: string;
  change: 'added' | 'removed' | 'changed';
  before: ScoreTier | null;
  after: ScoreTier | null;
  /** Criteria whose input or contribution moved (changed accounts only). */
  criteria: CriterionMove[];
  /** issue 20, when either side has a tier override: the override on each side. */
  override?: { before: OverrideView | null; after: OverrideView | null };
  /** issue 20: the override was added, removed or changed (or its managed tier moved). */
  overrideChanged?: true;
}

export interface DiffResult {
  base: string;
  head: string;
  configChanged: boolean;
  accounts: AccountChange[];
  findings: { opened: Finding[]; closed: Finding[] };
  /** How many accounts each side scored. */
  counts: { before: number; after: number };
}

const EPSILON = 1e-9;

export function diffSnapshots(base: Snapshot, head: Snapshot): DiffResult {
  const before = new Map(base.accounts.map((a) => [a.id, a]));
  const after = new Map(head.accounts.map((a) => [a.id, a]));
  const accounts: AccountChange[] = [];
  const baseAsOf = base.asOf ?? '';
  const headAsOf = head.asOf ?? '';
  for (const [id, a] of after) {
    const b = before.get(id);
    if (!b) {
      accounts.push(withOverride({ id, name: a.name, change: 'added', before: null, after: scoreTier(a, headAsOf), criteria: [] }, undefined, a, baseAsOf, headAsOf));
    } else {
      const change = withOverride({ id, name: a.name, change: 'changed', before: scoreTier(b, baseAsOf), after: scoreTier(a, headAsOf), criteria: movedCriteria(b, a) }, b, a, baseAsOf, headAsOf);
      if (Math.abs(a.score - b.score) > EPSILON || a.tier !== b.tier || change.overrideChanged) accounts.push(change);
    }
  }
  for (const [id, b] of before) {
    if (!after.has(id)) accounts.push(withOverride({ id, name: b.name, change: 'removed', before: scoreTier(b, baseAsOf), after: null, criteria: [] }, b, undefined, baseAsOf, headAsOf));
  }
  accounts.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return {
    base: base.label,
    head: head.label,
    configChanged: base.configKey !== head.configKey,
    accounts,
    findings: { opened: without(head.findings, base.findings), closed: without(base.findings, head.findings) },
    counts: { before: base.accounts.length, after: head.accounts.length },
  };
}

function scoreTier(a: ScoredAccount, asOf: string): ScoreTier {
  return a.override === undefined ? { score: a.score, tier: a.tier } : { score: a.score, tier: a.tier, managedTier: managedTier(a, asOf) };
}

/** The overrides of both sides (issue 20), when either has one; whether they differ. */
function withOverride(change: AccountChange, b: ScoredAccount | undefined, a: ScoredAccount | undefined, baseAsOf: string, headAsOf: string): AccountChange {
  if (b?.override === undefined && a?.override === undefined) return change;
  const viewBefore = b ? overrideView(b, baseAsOf) : null;
  const viewAfter = a ? overrideView(a, headAsOf) : null;
  change.override = { before: viewBefore, after: viewAfter };
  const managedBefore = change.before?.managedTier ?? change.before?.tier ?? null;
  const managedAfter = change.after?.managedTier ?? change.after?.tier ?? null;
  if (change.change === 'changed' && (JSON.stringify(viewBefore) !== JSON.stringify(viewAfter) || managedBefore !== managedAfter)) change.overrideChanged = true;
  return change;
}

function movedCriteria(b: ScoredAccount, a: ScoredAccount): CriterionMove[] {
  const moves: CriterionMove[] = [];
  for (const ca of a.criteria) {
    const cb = b.criteria.find((c) => c.id === ca.id);
    const inputBefore = cb?.input ?? null;
    const contributionBefore = cb?.contribution ?? 0;
    if (inputBefore === ca.input && Math.abs(contributionBefore - ca.contribution) <= EPSILON) continue;
    moves.push({ id: ca.id, input: { before: inputBefore, after: ca.input }, contribution: { before: contributionBefore, after: ca.contribution } });
  }
  for (const cb of b.criteria) {
    if (!a.criteria.some((c) => c.id === cb.id)) moves.push({ id: cb.id, input: { before: cb.input, after: null }, contribution: { before: cb.contribution, after: 0 } });
  }
  return moves;
}

/**
 * A finding is the same on both sides when its rule, account (or file) and message are: line
 * numbers move whenever a plan is edited above it, so they do not identify it.
 */
function findingKey(f: Finding): string {
  return `${f.rule}\u0000${f.account ?? f.file}\u0000${f.message}`;
}

/** The findings of `from` that `other` does not have (as multisets). */
function without(from: readonly Finding[], other: readonly Finding[]): Finding[] {
  const counts = new Map<string, number>();
  for (const f of other) counts.set(findingKey(f), (counts.get(findingKey(f)) ?? 0) + 1);
  const out: Finding[] = [];
  for (const f of from) {
    const key = findingKey(f);
    const n = counts.get(key) ?? 0;
    if (n > 0) counts.set(key, n - 1);
    else out.push(f);
  }
  return out;
}

/** A one-line headline, e.g. "2 accounts change tier, 1 added" (in the locale of the run). */
export function diffHeadline(result: DiffResult): string {
  const tr = i18n();
  const changed = result.accounts.filter((a) => a.change === 'changed');
  const tierMoves = changed.filter((a) => a.before!.tier !== a.after!.tier).length;
  const parts: string[] = [];
  if (tierMoves > 0) parts.push(tr.t('format.diff.headline.tier', { n: tierMoves }));
  // issue 20: accounts listed for their override alone are counted as such, not as score changes.
  const overrideOnly = changed.filter((a) => a.overrideChanged && a.before!.tier === a.after!.tier && Math.abs(a.before!.score - a.after!.score) <= EPSILON).length;
  const scoreOnly = changed.length - tierMoves - overrideOnly;
  if (scoreOnly > 0) parts.push(tr.t('format.diff.headline.score', { n: scoreOnly }));
  if (overrideOnly > 0) parts.push(tr.t('override.diff.headline', { n: overrideOnly }));
  const added = result.accounts.filter((a) => a.change === 'added').length;
  const removed = result.accounts.filter((a) => a.change === 'removed').length;
  if (added > 0) parts.push(tr.t('format.diff.headline.added', { n: added }));
  if (removed > 0) parts.push(tr.t('format.diff.headline.removed', { n: removed }));
  if (parts.length === 0) parts.push(tr.t('format.diff.headline.none', {}));
  return parts.join(tr.t('format.list.separator', {}));
}
