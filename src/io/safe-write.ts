// Writing files without ever destroying data (SPEC 8): inside the workspace (or where -o says), through a
// temporary file in the same folder, and never over an existing file unless forced. Without
// --force the temporary file is hard-linked to its name, which fails atomically when the
// name exists, so not even a race with another writer can lose a file.
//
// Temporary files are named `.kam-tmp-<pid>-<8 hex digits>`. A kam killed while writing (kill -9,
// a power cut) leaves its file behind; the first write of a later kam in that folder removes the
// ones whose process is no longer running, or that are more than an hour old (the pid may have
// been reused). A write that fails (a full disk, no permission) is one message naming the file
// and the cause, and leaves no temporary file.
import { randomBytes } from 'node:crypto';
import { constants, copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, realpathSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../errors.js';
import { i18n, msg, t, type Message } from '../i18n/index.js';

export interface PlannedFile {
  /** Relative to the workspace root, with `/`. */
  path: string;
  content: string;
}

/** A planned file, or bytes (a tarball) to place the same way. */
export interface FileToWrite {
  path: string;
  content: string | Uint8Array;
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
export function writeInside(root: string, file: FileToWrite, options: WriteOptions = {}): WriteOutcome {
  const target = resolve(root, file.path);
  const refuse = (): never => {
    throw new InputError(msg('cli.write.outside', { file: file.path, root }));
  };
  if (!isInside(root, target)) refuse();
  return writeAt(target, file.path, file.content, options, (folder) => {
    if (!isInside(root, folder)) refuse();
  });
}

/**
 * Writes a file where the user asked (`-o`, any folder they can write to), with the same care:
 * through a temporary file beside it, never over an existing file unless forced. `shown` is the
 * name as the user gave it, for messages.
 */
export function writeChosen(target: string, shown: string, content: string | Uint8Array, options: WriteOptions = {}): WriteOutcome {
  return writeAt(resolve(target), shown, content, options, () => {});
}

function writeAt(target: string, shown: string, content: string | Uint8Array, options: WriteOptions, checkFolder: (folder: string) => void): WriteOutcome {
  const exists = pathExists(target);
  if (options.dryRun) return { path: shown, status: exists ? (options.force ? 'would replace' : 'would keep') : 'would create' };
  if (exists && !options.force) return { path: shown, status: 'kept' };

  const folder = dirname(target);
  makeFolder(folder, dirname(shown));
  checkFolder(folder);
  removeStaleTemps(folder);
  const temp = join(folder, `.kam-tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(temp, content, { flag: 'wx', mode: 0o644 });
    if (options.force) {
      renameSync(temp, target);
      return { path: shown, status: exists ? 'replaced' : 'created' };
    }
    try {
      linkWithoutReplacing(temp, target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return { path: shown, status: 'kept' };
      throw err;
    }
    return { path: shown, status: 'created' };
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(writeError(shown, err));
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // already renamed into place
    }
  }
}

const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/**
 * Puts `temp` at `target` unless `target` exists. File systems without hard links (FAT and exFAT
 * drives, some network shares) get an exclusive copy instead, which also fails when `target` exists.
 */
function linkWithoutReplacing(temp: string, target: string): void {
  try {
    linkSync(temp, target);
  } catch (err) {
    if (!NO_HARD_LINKS.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
    copyFileSync(temp, target, constants.COPYFILE_EXCL);
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
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new InputError(msg('cli.write.folder-blocked', { folder: shown }));
    throw new InputError(msg('cli.write.folder-failed', { folder: shown, cause: causeOf(err) }));
  }
}

const TEMP_NAME = /^\.kam-tmp-(\d+)-[0-9a-f]{8}$/;
const STALE_AFTER_MS = 60 * 60 * 1000;
const swept = new Set<string>();

/**
 * Removes the temporary files that a kam killed while writing left in `folder`: those of a
 * process that is not running, and any older than an hour. Once per folder and process (the
 * writes of one kam never overlap, so none of its own is in flight). Anything else is left alone.
 */
export function removeStaleTemps(folder: string, now = Date.now()): void {
  if (swept.has(folder)) return;
  swept.add(folder);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m) continue;
    const path = join(folder, name);
    try {
      const stat = lstatSync(path);
      if (!stat.isFile()) continue;
      const pid = Number(m[1]);
      const young = now - stat.mtimeMs < STALE_AFTER_MS;
      if (young && pid !== process.pid && isRunning(pid)) continue; // another kam, writing now
      unlinkSync(path);
    } catch {
      // removed meanwhile, or not ours to remove
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // running, as another user
  }
}

/** The common causes of a failed write (the strerror texts, catalog ids `cli.cause.<code>`). */
const CAUSES = new Set(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'EFBIG', 'EIO', 'EISDIR', 'ENOTDIR', 'ENOENT', 'ENAMETOOLONG', 'EMFILE', 'ENFILE', 'EBADF', 'ELOOP', 'EXDEV', 'ETXTBSY', 'EBUSY'] as const);
type CauseCode = typeof CAUSES extends Set<infer C> ? C : never;

/** "no space left on device (ENOSPC)": the cause of a system error, for a message, in the locale of the run. */
function causeOf(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const message = err instanceof Error ? err.message : String(err);
  if (typeof code !== 'string') return message;
  // Node's own text is "ENOSPC: no space left on device, write"; a stream error's is just "write ENOSPC".
  const described = (CAUSES as ReadonlySet<string>).has(code)
    ? t(`cli.cause.${code as CauseCode}`, {})
    : /^E[A-Z0-9]+$/.test(code) ? new RegExp(`^${code}: (.+?)(?:, [a-z]+.*)?$`).exec(message)?.[1] : undefined;
  return t('cli.cause', { text: described ?? message, code });
}

/** A failed write, as a message of the catalog (the cause is said in the locale of the run). */
function writeError(what: string, err: unknown): Message {
  return msg('cli.write.failed', { what, cause: causeOf(err) });
}

/** `cannot write <what>: no space left on device (ENOSPC)` (kam's message, without the `kam: `), in the locale of the run. */
export function writeErrorMessage(what: string, err: unknown): string {
  return i18n().render(writeError(what, err));
}
