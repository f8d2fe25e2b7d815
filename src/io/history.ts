// `kam history`: score and tier of every account at each commit that changed plans or
// kam.yaml. One `git log --raw` lists the blobs each commit changed, one `git cat-file
// --batch` reads them all, and parsed plans are cached by blob id: the cost grows with the
// number of changed blobs, not with commits × plans.
import picomatch from 'picomatch';
import type { KamConfig } from '../core/config.js';
import { parseConfig } from '../core/config-file.js';
import { loadPlanFile } from '../core/plan-file.js';
import { modelKey, scoreAccounts, scoresAlone, subjectOfPlan, type ScoringSubject, type TierOverride } from '../core/scoring.js';
import { managedTier, overrideView, type OverrideView } from '../core/override.js';
import { t } from '../i18n/index.js';
import { logChanges, openRepo, readBlobs, resolveRevision, type GitRepo, type TreeEntry } from './git.js';
import type { Progress } from './progress.js';
import { findConfigAt, type RevisionOptions } from './revision.js';

export interface HistoryPoint {
  commit: string;
  /** ISO 8601, UTC. */
  date: string;
  subject: string;
  configChanged: boolean;
  accounts: Record<string, HistoryAccount>;
}

/** An account at a commit; with a tier override (issue 20), the managed tier as of the commit's date and the override. */
export interface HistoryAccount {
  score: number;
  tier: string | null;
  managedTier?: string | null;
  override?: OverrideView;
}

export interface HistoryResult {
  points: HistoryPoint[];
  /** Names of the accounts by id (latest seen). */
  names: Map<string, string>;
  notes: string[];
}

const DEFAULT_CONFIG_TEXT = new TextEncoder().encode('version: 1\n');
const SYMLINK_MODE = '120000';

export function readHistory(options: RevisionOptions, head: string, progressFor?: (commits: number) => Progress): HistoryResult {
  return openHistory(options, head).read(progressFor);
}

export interface HistoryReader {
  /** kam.yaml at the last revision read (its locale and labels speak for the history); undefined when it does not load. */
  config: KamConfig | undefined;
  read(progressFor?: (commits: number) => Progress): HistoryResult;
}

/** The history up to `head`, in two steps: its last kam.yaml first, then the commits. */
export function openHistory(options: RevisionOptions, head: string): HistoryReader {
  const repo = openRepo(options.cwd);
  const headSha = resolveRevision(repo, head);
  const { folder, entry } = findConfigAt(repo, headSha, options);
  const headConfig = entry?.mode === SYMLINK_MODE ? undefined : parsedConfig(entry ? readBlobs(repo, [entry.oid]).get(entry.oid) ?? new Uint8Array() : DEFAULT_CONFIG_TEXT);
  return { config: headConfig, read: (progressFor) => readFrom(repo, headSha, folder, entry, headConfig, progressFor) };
}

function readFrom(repo: GitRepo, headSha: string, folder: string, entry: TreeEntry | undefined, headConfig: KamConfig | undefined, progressFor?: (commits: number) => Progress): HistoryResult {
  const prefix = folder === '' ? '' : `${folder}/`;
  const configPath = entry?.path ?? `${prefix}kam.yaml`;
  const commits = logChanges(repo, headSha, [folder === '' ? '.' : folder]);
  const progress = progressFor?.(commits.length);

  // Plans are the files that match the plans glob of any kam.yaml in the history: read only those blobs.
  // A kam.yaml that is a symlink in git is not read (as in the working tree, it could lead anywhere): that commit keeps the previous model.
  const configBlobs = readBlobs(repo, commits.flatMap((c) => c.changes.filter((ch) => ch.path === configPath && ch.oid && ch.mode !== SYMLINK_MODE).map((ch) => ch.oid!)));
  const globs = new Set<string>(plansGlobs(headConfig ?? parsedConfig(DEFAULT_CONFIG_TEXT)!));
  for (const bytes of configBlobs.values()) for (const glob of plansGlobs(parsedConfig(bytes))) globs.add(glob);
  const anyPlan = picomatch([...globs]);
  const wanted = new Set<string>();
  for (const commit of commits) {
    for (const change of commit.changes) {
      if (change.oid && change.mode !== '120000' && change.path.startsWith(prefix) && anyPlan(change.path.slice(prefix.length))) wanted.add(change.oid);
    }
  }
  const blobs = readBlobs(repo, wanted);

  const notes: string[] = [];
  const names = new Map<string, string>();
  const plansByPath = new Map<string, string>(); // path in the workspace → blob id
  const subjects = new Map<string, ScoringSubject | null>(); // blob id → parsed plan (null: invalid)
  const scores = new Map<string, { id: string; score: number; tier: string | null; override?: TierOverride }>(); // blob id → score under the current config
  let config: KamConfig = parsedConfig(DEFAULT_CONFIG_TEXT)!;
  let configKey = modelKey(config);
  let isPlan = planMatcher(config);
  const points: HistoryPoint[] = [];

  commits.forEach((commit, index) => {
    progress?.update(index);
    let touched = false;
    let configChanged = false;
    const configChange = commit.changes.find((change) => change.path === configPath);
    if (configChange) {
      const next = !configChange.oid ? parsedConfig(DEFAULT_CONFIG_TEXT) : configChange.mode === SYMLINK_MODE ? undefined : parsedConfig(configBlobs.get(configChange.oid) ?? new Uint8Array());
      if (!next) {
        notes.push(`kam: ${t('cli.history.invalid-config', { commit: commit.sha.slice(0, 10), subject: commit.subject })}`);
      } else {
        config = next;
        isPlan = planMatcher(config);
        touched = true;
        const key = modelKey(config);
        if (key !== configKey) {
          configKey = key;
          scores.clear();
          configChanged = points.length > 0;
        }
      }
    }
    for (const change of commit.changes) {
      if (change.path === configPath || !change.path.startsWith(prefix)) continue;
      const path = change.path.slice(prefix.length);
      if (!isPlan(path) && !plansByPath.has(path)) continue;
      if (change.oid && change.mode !== '120000' && wanted.has(change.oid)) plansByPath.set(path, change.oid);
      else plansByPath.delete(path);
      touched = true;
    }
    if (!touched) return;

    const current: [string, string][] = [...plansByPath].filter(([path]) => isPlan(path));
    const accounts: HistoryPoint['accounts'] = {};
    // issue 20: a tier override is in force or expired as of the commit's date.
    const asOf = commit.date.slice(0, 10);
    if (hasPercentile(config)) {
      // A percentile ranks accounts among each other: every account is rescored together.
      const live = current.map(([path, oid]) => subjectOf(path, oid)).filter((s): s is ScoringSubject => s !== null);
      for (const a of scoreAccounts(live, config)) accounts[a.id] = historyAccount(a, asOf);
    } else {
      // Otherwise each blob is scored once per model.
      const rows = current.map(([path, oid]) => scoreOf(path, oid)).filter((r) => r !== null);
      rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      for (const row of rows) accounts[row.id] = historyAccount(row, asOf);
    }
    points.push({ commit: commit.sha, date: commit.date, subject: commit.subject, configChanged, accounts });
  });
  progress?.finish();
  return { points, names, notes };

  function subjectOf(path: string, oid: string): ScoringSubject | null {
    let subject = subjects.get(oid);
    if (subject === undefined) {
      const plan = loadPlanFile(path, blobs.get(oid) ?? new Uint8Array()).planFile.plan;
      subject = plan ? subjectOfPlan(plan) : null;
      subjects.set(oid, subject);
    }
    if (subject) names.set(subject.id, subject.name);
    return subject;
  }

  function scoreOf(path: string, oid: string) {
    let row = scores.get(oid);
    if (row === undefined) {
      const subject = subjectOf(path, oid);
      if (subject === null) return null;
      // Without a percentile scale an account's score depends on its own plan only.
      const [scored] = scoreAccounts([subject], config);
      row = { id: subject.id, score: scored!.score, tier: scored!.tier, ...(subject.override !== undefined ? { override: subject.override } : {}) };
      scores.set(oid, row);
    }
    return row;
  }
}

function historyAccount(a: { score: number; tier: string | null; override?: TierOverride | undefined }, asOf: string): HistoryAccount {
  if (a.override === undefined) return { score: a.score, tier: a.tier };
  return { score: a.score, tier: a.tier, managedTier: managedTier(a, asOf), override: overrideView(a, asOf)! };
}

function plansGlobs(config: KamConfig | undefined): string[] {
  if (!config) return [];
  return typeof config.plans === 'string' ? [config.plans] : config.plans;
}

function parsedConfig(bytes: Uint8Array): KamConfig | undefined {
  const result = parseConfig(bytes);
  return result.ok ? result.config : undefined;
}

/** Whether a path is a plan under the config's glob, remembered per path (paths repeat in every commit). */
function planMatcher(config: KamConfig): (path: string) => boolean {
  const match = picomatch(typeof config.plans === 'string' ? [config.plans] : config.plans);
  const known = new Map<string, boolean>();
  return (path) => {
    let yes = known.get(path);
    if (yes === undefined) known.set(path, (yes = match(path)));
    return yes;
  };
}

function hasPercentile(config: KamConfig): boolean {
  return !scoresAlone(config);
}
