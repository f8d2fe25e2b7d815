// A workspace as of a git revision (--ref, diff, history): kam.yaml and the plans come from
// git objects (`git ls-tree` and one `git cat-file --batch`), never from a checkout.
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import type { SourceFile } from '../core/check.js';
import type { KamConfig } from '../core/config.js';
import { ConfigError, InputError } from '../errors.js';
import { msg, t } from '../i18n/index.js';
import { isOverLimit, listTree, openRepo, readBlobs, resolveRevision, type GitRepo, type TreeEntry } from './git.js';
import { CONFIG_FILE, configFromBytes } from './workspace.js';

export interface RevisionWorkspace {
  repo: GitRepo;
  sha: string;
  /** The workspace folder, relative to the repository top ('' at the top). */
  folder: string;
  config: KamConfig;
  /** The config blob, to tell whether the model changed between revisions. */
  configOid: string | undefined;
  sources: SourceFile[];
  /** Plans left out: symlinks, submodules. */
  skipped: string[];
}

export interface RevisionOptions {
  cwd: string;
  /** --config, relative to cwd. */
  config?: string;
  /** Plan files, folders or globs relative to cwd (default: the plans glob). */
  files?: readonly string[];
  /** Use the built-in config when the revision has no kam.yaml (history before kam was set up). */
  configOptional?: boolean;
}

const SYMLINK_MODE = '120000';

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/** Path of `abs` relative to the repository top, or undefined when it lies outside. */
function repoPath(repo: GitRepo, abs: string): string | undefined {
  const rel = relative(repo.top, abs);
  if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return toPosix(rel);
}

export function openRevision(options: RevisionOptions, revision: string): RevisionWorkspace {
  const repo = openRepo(options.cwd);
  const sha = resolveRevision(repo, revision);
  return workspaceAt(repo, sha, options, t('cli.revision.config-label', { file: CONFIG_FILE, revision }));
}

/** The workspace folder and its kam.yaml blob at a commit: --config, else the nearest kam.yaml walking up from cwd. */
export function findConfigAt(repo: GitRepo, sha: string, options: RevisionOptions): { folder: string; entry?: TreeEntry } {
  const cwdInRepo = repoPath(repo, resolve(options.cwd));
  if (cwdInRepo === undefined) throw new InputError(msg('cli.git.cwd-outside', { dir: options.cwd, repo: repo.top }));
  const candidates: string[] = [];
  if (options.config !== undefined) {
    const path = repoPath(repo, resolve(options.cwd, options.config));
    if (path === undefined) throw new ConfigError(msg('cli.git.config-outside', { file: options.config, repo: repo.top }));
    candidates.push(path);
  } else {
    for (let dir = cwdInRepo; ; dir = dir === '' ? '' : toPosix(dirname(dir)).replace(/^\.$/, '')) {
      candidates.push(dir === '' ? CONFIG_FILE : `${dir}/${CONFIG_FILE}`);
      if (dir === '') break;
    }
  }
  const found = new Map(listTree(repo, sha, '').filter((e) => candidates.includes(e.path)).map((e) => [e.path, e]));
  for (const candidate of candidates) {
    const entry = found.get(candidate);
    if (entry) return { folder: toPosix(dirname(candidate)).replace(/^\.$/, ''), entry };
  }
  return { folder: toPosix(dirname(candidates[0]!)).replace(/^\.$/, '') };
}

export function workspaceAt(repo: GitRepo, sha: string, options: RevisionOptions, configLabel: string): RevisionWorkspace {
  const { folder, entry } = findConfigAt(repo, sha, options);
  const tree = listTree(repo, sha, folder);
  const prefix = folder === '' ? '' : `${folder}/`;
  if (!entry && !options.configOptional) {
    const commit = sha.slice(0, 12);
    throw new ConfigError(folder === '' ? msg('cli.revision.no-config.top', { file: CONFIG_FILE, commit }) : msg('cli.revision.no-config', { file: CONFIG_FILE, commit, folder }));
  }
  let config: KamConfig;
  if (entry) {
    if (entry.mode === SYMLINK_MODE) throw new ConfigError(msg('cli.revision.config-symlink', { label: configLabel }));
    const bytes = readBlobs(repo, [entry.oid]).get(entry.oid) ?? new Uint8Array();
    if (isOverLimit(bytes)) throw new ConfigError(msg('cli.revision.config-over-limit', { label: configLabel }));
    config = configFromBytes(bytes, configLabel);
  } else {
    config = configFromBytes(new TextEncoder().encode('version: 1\n'), configLabel);
  }
  const selected = selectAt(tree, prefix, config, options, repo);
  const skipped = selected.filter((e) => e.mode === SYMLINK_MODE).map((e) => e.path.slice(prefix.length));
  const plans = selected.filter((e) => e.mode !== SYMLINK_MODE);
  const blobs = readBlobs(repo, plans.map((e) => e.oid));
  const sources = plans.map((e) => ({ file: e.path.slice(prefix.length), bytes: blobs.get(e.oid) ?? new Uint8Array() }));
  return { repo, sha, folder, config, configOid: entry?.oid, sources, skipped };
}

/** The tree entries that are plans: the plans glob, or the files/folders/globs given. */
function selectAt(tree: readonly TreeEntry[], prefix: string, config: KamConfig, options: RevisionOptions, repo: GitRepo): TreeEntry[] {
  const inWorkspace = tree.filter((e) => e.path.startsWith(prefix) && e.mode !== '160000');
  const relativeOf = (e: TreeEntry) => e.path.slice(prefix.length);
  if (!options.files || options.files.length === 0) {
    const patterns = typeof config.plans === 'string' ? [config.plans] : config.plans;
    const match = picomatch(patterns, { dot: false });
    const files = inWorkspace.filter((e) => match(relativeOf(e)));
    if (files.length === 0) throw new InputError(msg('cli.revision.no-plans', { patterns: patterns.join(', ') }));
    return files;
  }
  const out = new Map<string, TreeEntry>();
  for (const arg of options.files) {
    const abs = resolve(options.cwd, arg);
    const path = repoPath(repo, abs);
    if (path === undefined) throw new InputError(msg('cli.revision.arg-outside', { arg }));
    const isGlob = picomatch.scan(arg).isGlob;
    const matches = isGlob
      ? inWorkspace.filter((e) => picomatch(path)(e.path))
      : inWorkspace.filter((e) => e.path === path || (e.path.startsWith(`${path}/`) && /\.ya?ml$/.test(e.path)) || path === '');
    if (matches.length === 0) throw new InputError(msg('cli.revision.no-such-file', { arg }));
    for (const e of matches) out.set(e.path, e);
  }
  return [...out.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
}
