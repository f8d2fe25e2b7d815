// Writing files without ever destroying data (SPEC 8): only inside the workspace, through a
// temporary file in the same folder, and never over an existing file unless forced. Without
// --force the temporary file is hard-linked to its name, which fails atomically when the
// name exists, so not even a race with another writer can lose a file.
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, lstatSync, mkdirSync, realpathSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../errors.js';

export interface PlannedFile {
  /** Relative to the workspace root, with `/`. */
  path: string;
  content: string;
}

export type WriteStatus = 'created' | 'replaced' | 'kept' | 'would create' | 'would replace' | 'would keep';

export interface WriteOutcome {
  path: string;
  status: WriteStatus;
}

export interface WriteOptions {
  force?: boolean;
  dryRun?: boolean;
}

/** True when `target` is `root` or lies below it, after resolving symlinks of the part that exists. */
export function isInside(root: string, target: string): boolean {
  const rel = relative(realPathOf(root), realPathOf(target));
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The real path of the longest part of `path` that exists, plus the rest as given. */
function realPathOf(path: string): string {
  let existing = resolve(path);
  const rest: string[] = [];
  while (!existsSync(existing)) {
    const parent = dirname(existing);
    if (parent === existing) break;
    rest.unshift(basename(existing));
    existing = parent;
  }
  return join(realpathSync(existing), ...rest);
}

/** Writes one file under `root`; refuses paths that leave it (also through symlinked folders). */
export function writeInside(root: string, file: PlannedFile, options: WriteOptions = {}): WriteOutcome {
  const target = resolve(root, file.path);
  if (!isInside(root, target)) throw new InputError(`${file.path}: refusing to write outside the workspace (${root})`);
  const exists = pathExists(target);
  if (options.dryRun) return { path: file.path, status: exists ? (options.force ? 'would replace' : 'would keep') : 'would create' };
  if (exists && !options.force) return { path: file.path, status: 'kept' };

  const folder = dirname(target);
  makeFolder(folder, dirname(file.path));
  if (!isInside(root, folder)) throw new InputError(`${file.path}: refusing to write outside the workspace (${root})`);
  const temp = join(folder, `.kam-tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(temp, file.content, { flag: 'wx', mode: 0o644 });
    if (options.force) {
      renameSync(temp, target);
      return { path: file.path, status: exists ? 'replaced' : 'created' };
    }
    try {
      linkSync(temp, target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return { path: file.path, status: 'kept' };
      throw err;
    }
    return { path: file.path, status: 'created' };
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${file.path}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // already renamed into place
    }
  }
}

/** Also true for a dangling symlink: writing through it could land anywhere. */
function pathExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** mkdir -p, with a message that says which part is in the way (a file where a folder must go). */
export function makeFolder(folder: string, shown: string): void {
  try {
    mkdirSync(folder, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new InputError(`${shown}: cannot create this folder, a file is in the way; move or rename that file`);
    throw new InputError(`${shown}: cannot create this folder (${code ?? (err as Error).message})`);
  }
}
