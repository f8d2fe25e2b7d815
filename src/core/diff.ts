// `kam diff`: what changed between two states of a workspace: accounts added, removed, or
// whose score or tier moved (and why), and findings opened and closed. Pure.
import { i18n } from '../i18n/index.js';
import type { Finding } from './findings.js';
import type { ScoredAccount } from './scoring.js';

export interface Snapshot {
  /** A commit sha, or WORKTREE. */
  label: string;
  accounts: readonly ScoredAccount[];
  findings: readonly Finding[];
  /** Anything that identifies the scoring model (e.g. kam.yaml's bytes or blob id). */
  configKey: string;
}

export interface ScoreTier {
  score: number;
  tier: string | null;
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
  for (const [id, a] of after) {
    const b = before.get(id);
    if (!b) {
      accounts.push({ id, name: a.name, change: 'added', before: null, after: scoreTier(a), criteria: [] });
    } else if (Math.abs(a.score - b.score) > EPSILON || a.tier !== b.tier) {
      accounts.push({ id, name: a.name, change: 'changed', before: scoreTier(b), after: scoreTier(a), criteria: movedCriteria(b, a) });
    }
  }
  for (const [id, b] of before) {
    if (!after.has(id)) accounts.push({ id, name: b.name, change: 'removed', before: scoreTier(b), after: null, criteria: [] });
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

function scoreTier(a: ScoredAccount): ScoreTier {
  return { score: a.score, tier: a.tier };
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
  const scoreOnly = changed.length - tierMoves;
  if (scoreOnly > 0) parts.push(tr.t('format.diff.headline.score', { n: scoreOnly }));
  const added = result.accounts.filter((a) => a.change === 'added').length;
  const removed = result.accounts.filter((a) => a.change === 'removed').length;
  if (added > 0) parts.push(tr.t('format.diff.headline.added', { n: added }));
  if (removed > 0) parts.push(tr.t('format.diff.headline.removed', { n: removed }));
  if (parts.length === 0) parts.push(tr.t('format.diff.headline.none', {}));
  return parts.join(tr.t('format.list.separator', {}));
}
