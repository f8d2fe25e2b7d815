// The edge to git: revisions, trees, blobs and the log, read straight from git objects
// (never a checkout). Every argument is passed as data to `git` itself, never through a
// shell; a revision starting with "-" is refused so it cannot pass for an option.
import { spawnSync } from 'node:child_process';
import { InputError, UsageError } from '../errors.js';
import { msg } from '../i18n/index.js';
import { FILE_LIMIT, overLimitStandIn } from './read-file.js';

export interface GitRepo {
  /** Absolute path of the work tree's top folder. */
  top: string;
}

const MAX_BUFFER = 2 * 1024 * 1024 * 1024 - 1;

function git(cwd: string, args: readonly string[], input?: string): { ok: boolean; stdout: Buffer; stderr: string } {
  const result = spawnSync('git', args, { cwd, input, maxBuffer: MAX_BUFFER, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' } });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? msg('cli.git.not-installed', {}) : msg('cli.git.failed', { reason: result.error.message }));
  }
  return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr.toString('utf8').trim() };
}

export function openRepo(cwd: string): GitRepo {
  const result = git(cwd, ['rev-parse', '--show-toplevel']);
  if (!result.ok) throw new InputError(msg('cli.git.not-a-repo', { dir: cwd }));
  return { top: result.stdout.toString('utf8').trim() };
}

/** A revision as a commit sha; refuses what could be read as an option, and explains what is unknown. */
export function resolveRevision(repo: GitRepo, revision: string): string {
  if (revision.startsWith('-')) throw new UsageError(msg('cli.git.dash', { revision }));
  if (revision === '' || /[\u0000-\u001f\u007f]/.test(revision)) throw new UsageError(msg('cli.git.not-a-revision', { revision: JSON.stringify(revision) }));
  const result = git(repo.top, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]);
  if (result.ok) return result.stdout.toString('utf8').trim();
  const shallow = git(repo.top, ['rev-parse', '--is-shallow-repository']).stdout.toString('utf8').trim() === 'true';
  throw new InputError(msg(shallow ? 'cli.git.unknown-revision.shallow' : 'cli.git.unknown-revision', { revision, repo: repo.top }));
}

export interface TreeEntry {
  /** Relative to the repository top, with `/`. */
  path: string;
  oid: string;
  /** 100644, 100755, 120000 (symlink), 160000 (submodule). */
  mode: string;
}

/** Every file of a commit's tree under `folder` (relative to the top; '' for all). */
export function listTree(repo: GitRepo, commit: string, folder: string): TreeEntry[] {
  const args = ['ls-tree', '-r', '-z', '--full-tree', commit];
  if (folder !== '') args.push('--', folder);
  const result = git(repo.top, args);
  if (!result.ok) throw new InputError(`git ls-tree ${commit}: ${result.stderr}`);
  const entries: TreeEntry[] = [];
  for (const record of result.stdout.toString('utf8').split('\0')) {
    if (record === '') continue;
    const tab = record.indexOf('\t');
    const [mode, type, oid] = record.slice(0, tab).split(' ') as [string, string, string];
    if (type !== 'blob') continue;
    entries.push({ path: record.slice(tab + 1), oid, mode });
  }
  return entries;
}

/** The output of one `git cat-file --batch` at most (blobs are asked for in parts of this many bytes). */
const BATCH_BYTES = 256 * 1024 * 1024;

/**
 * The contents of many blobs: their sizes first (one `git cat-file --batch-check`), then the
 * blobs within `limit` (one `git cat-file --batch` per 256 MiB of them). A blob over the limit
 * is never read into memory: it maps to overLimitStandIn(), which the YAML reader reports as
 * over the limit, as it does a working-tree file over it. Missing objects are left out.
 */
export function readBlobs(repo: GitRepo, oids: Iterable<string>, limit = FILE_LIMIT): Map<string, Buffer> {
  const unique = [...new Set(oids)];
  const blobs = new Map<string, Buffer>();
  if (unique.length === 0) return blobs;
  const sizes = blobSizes(repo, unique);
  let part: string[] = [];
  let partBytes = 0;
  for (const oid of unique) {
    const size = sizes.get(oid);
    if (size === undefined) continue;
    if (size > limit) {
      blobs.set(oid, overLimitStandIn(limit));
      continue;
    }
    if (part.length > 0 && partBytes + size > BATCH_BYTES) {
      readBatch(repo, part, blobs);
      part = [];
      partBytes = 0;
    }
    part.push(oid);
    partBytes += size;
  }
  if (part.length > 0) readBatch(repo, part, blobs);
  return blobs;
}

/** Whether `bytes` are the stand-in of a blob over the limit (readBlobs). */
export function isOverLimit(bytes: Uint8Array): boolean {
  return bytes === overLimitStandIn();
}

/** The size of each blob (object) that exists, from `git cat-file --batch-check` (headers only, no content). */
function blobSizes(repo: GitRepo, oids: readonly string[]): Map<string, number> {
  const result = git(repo.top, ['cat-file', '--batch-check'], `${oids.join('\n')}\n`);
  if (!result.ok) throw new InputError(`git cat-file: ${result.stderr}`);
  const sizes = new Map<string, number>();
  for (const line of result.stdout.toString('latin1').split('\n')) {
    const [oid, type, size] = line.split(' ') as [string, string | undefined, string | undefined];
    if (type === undefined || type === 'missing' || size === undefined) continue;
    sizes.set(oid, Number(size));
  }
  return sizes;
}

function readBatch(repo: GitRepo, oids: readonly string[], blobs: Map<string, Buffer>): void {
  const result = git(repo.top, ['cat-file', '--batch'], `${oids.join('\n')}\n`);
  if (!result.ok) throw new InputError(`git cat-file: ${result.stderr}`);
  const out = result.stdout;
  let at = 0;
  while (at < out.length) {
    const eol = out.indexOf(0x0a, at);
    if (eol === -1) break;
    const header = out.toString('latin1', at, eol);
    const [oid, type, size] = header.split(' ') as [string, string, string | undefined];
    at = eol + 1;
    if (type === 'missing' || size === undefined) continue;
    const length = Number(size);
    blobs.set(oid, out.subarray(at, at + length));
    at += length + 1; // content, then a newline
  }
}

export interface CommitChange {
  /** Relative to the repository top. */
  path: string;
  /** The blob after the commit; undefined when the file was deleted. */
  oid?: string;
  mode?: string;
}

export interface CommitInfo {
  sha: string;
  /** Committer date, ISO 8601 in UTC. */
  date: string;
  subject: string;
  changes: CommitChange[];
}

const NULL_OID = /^0+$/;

/**
 * The commits up to `head` (first-parent line, oldest first) that changed `paths`, each with
 * the blobs it changed: one `git log` process, so history costs one pass over the changes.
 * Renames show as a deletion and an addition.
 */
export function logChanges(repo: GitRepo, head: string, paths: readonly string[]): CommitInfo[] {
  const args = ['log', '--reverse', '--first-parent', '--diff-merges=first-parent', '--no-renames', '--raw', '-z', '--no-abbrev', '--format=%x01%H%x00%ct%x00%s', head, '--', ...paths];
  const result = git(repo.top, args);
  if (!result.ok) throw new InputError(`git log: ${result.stderr}`);
  const commits: CommitInfo[] = [];
  for (const chunk of result.stdout.toString('utf8').split('\x01')) {
    if (chunk === '') continue;
    const fields = chunk.split('\0');
    const [sha, time, subject] = fields as [string, string, string];
    const commit: CommitInfo = { sha, date: new Date(Number(time) * 1000).toISOString().replace('.000Z', 'Z'), subject: subject.replace(/\n$/, ''), changes: [] };
    // Then pairs: ":<old mode> <new mode> <old oid> <new oid> <status>" and the path.
    for (let i = 3; i + 1 < fields.length; i += 2) {
      const meta = fields[i]!.replace(/^\n/, '');
      if (!meta.startsWith(':')) {
        i -= 1; // not a record: realign
        continue;
      }
      const [, newMode, , newOid, status] = meta.slice(1).split(' ') as [string, string, string, string, string];
      const path = fields[i + 1]!;
      commit.changes.push(status.startsWith('D') || NULL_OID.test(newOid) ? { path } : { path, oid: newOid, mode: newMode });
    }
    commits.push(commit);
  }
  return commits;
}

/** The commit that HEAD names, or undefined in a repository without commits. */
export function headCommit(repo: GitRepo): string | undefined {
  const result = git(repo.top, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  return result.ok ? result.stdout.toString('utf8').trim() : undefined;
}
