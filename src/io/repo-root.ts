// The git repository a workspace lives in, found without running git: walk up from the
// workspace folder to the first folder holding `.git`, as git does to find the top of its
// work tree. `.git` is a folder in an ordinary clone, and a file (`gitdir: …`) in a linked
// worktree or a submodule, whose top is that folder too. CI services resolve annotation and
// SARIF paths against that top (the checkout), so github, sarif and junit output carry the
// workspace folder in front of each plan's path (`sales/kam/accounts/a.yaml`).
import { closeSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

/** The top of the git work tree holding `dir`, or undefined when `dir` is not in one. */
export function findRepoRoot(dir: string): string | undefined {
  for (let current = realDir(dir); ; ) {
    if (isGitMarker(join(current, '.git'))) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

export interface RepoPaths {
  /** The workspace folder from the repository root, with a trailing `/`; '' at the top or outside git. */
  prefix: string;
  /** What paths are relative to. */
  base: 'repository' | 'workspace';
}

/** How to write a workspace file's path so that it reads from the repository root. */
export function repoPathsOf(workspaceRoot: string): RepoPaths {
  const root = findRepoRoot(workspaceRoot);
  if (root === undefined) return { prefix: '', base: 'workspace' };
  const rel = relative(root, realDir(workspaceRoot));
  // realDir resolves symlinks, so the workspace is below root; never write `../`.
  if (rel === '' || rel.startsWith('..')) return { prefix: '', base: 'repository' };
  return { prefix: `${rel.split(sep).join('/')}/`, base: 'repository' };
}

/**
 * The real path of a folder (symlinks resolved, as git sees its work tree). A folder that does
 * not exist (the workspace of `--ref` may be gone from the checkout) keeps its missing part on
 * the real path of the nearest folder that does.
 */
function realDir(dir: string): string {
  const absolute = resolve(dir);
  const missing: string[] = [];
  for (let current = absolute; ; ) {
    try {
      return join(realpathSync(current), ...missing.reverse());
    } catch {
      const parent = dirname(current);
      if (parent === current) return absolute;
      missing.push(basename(current));
      current = parent;
    }
  }
}

/** A `.git` folder that looks like a repository (has HEAD), or a `.git` file pointing to one (`gitdir: `). */
function isGitMarker(path: string): boolean {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return false;
  }
  if (stats.isDirectory()) {
    try {
      return statSync(join(path, 'HEAD')).isFile();
    } catch {
      return false;
    }
  }
  if (stats.isFile()) return startsWithGitdir(path);
  return false;
}

function startsWithGitdir(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(8);
    const n = readSync(fd, head, 0, 8, 0);
    return head.subarray(0, n).toString('latin1') === 'gitdir: ';
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
