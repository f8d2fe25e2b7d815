// The one way kam reads a file of the workspace (plans, kam.yaml, templates): a regular file
// only, its type known before it is opened (opening a FIFO waits for a writer; a device can
// stream without end), opened without blocking, its size checked before it is read, and no
// more read than its size says and one byte (files of /proc say 0 bytes and hold more: they are
// refused). With `realRoot`, a path whose real path leads outside that folder is refused. A refusal
// names the reason, never a byte of the file: the file may be /proc/self/environ and the
// message a CI log.
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { sep } from 'node:path';

/** The size limit of a plan, kam.yaml and a template: 1 MiB (the same as MAX_FILE_BYTES of core/yaml-source.ts). */
export const FILE_LIMIT = 1024 * 1024;

export type ReadResult =
  | { ok: true; bytes: Buffer }
  /** `reason` reads after "cannot read: ": "permission denied", "not a regular file (a FIFO)"… */
  | { ok: false; over?: undefined; reason: string }
  /** Over the limit: `size` is the file's. */
  | { ok: false; over: true; size: number; reason: string };

export interface ReadOptions {
  /** Bytes at most (default FILE_LIMIT). */
  limit?: number;
  /** The real path (realpathSync) of the folder the file must lie in; links are followed to tell. */
  realRoot?: string;
  /**
   * The caller already knows the path to be a regular file (from its directory entry): skip the
   * stat before opening. The open still cannot block and the type is checked again on the open file.
   */
  regular?: boolean;
}

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** What a file that is not a regular file is, for messages. */
export function kindOf(stats: Pick<Stats, 'isFile' | 'isDirectory' | 'isFIFO' | 'isCharacterDevice' | 'isBlockDevice' | 'isSocket' | 'isSymbolicLink'>): string {
  if (stats.isFile()) return 'a file';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isSymbolicLink()) return 'a symlink';
  return 'not a file';
}

export function notRegular(kind: string): string {
  return kind === 'a folder' ? 'it is a folder, not a file' : `not a regular file (${kind})`;
}

/** The reason of a failed system call, in words (no path: the caller names the file). */
export function errnoReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'no such file (or a dangling symlink)';
    case 'ENOTDIR':
      return 'a part of its path is not a folder';
    case 'ELOOP':
      return 'a symlink loop';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EIO':
      return 'an input/output error';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    default:
      return code ?? 'an unknown error';
  }
}

/** "over the 1 MiB limit (2,048 KiB)". */
export function overReason(size: number, limit: number): string {
  return `over the ${formatLimit(limit)} limit (${Math.ceil(size / 1024).toLocaleString('en-US')} KiB)`;
}

function formatLimit(limit: number): string {
  return limit % (1024 * 1024) === 0 ? `${limit / (1024 * 1024)} MiB` : `${Math.ceil(limit / 1024)} KiB`;
}

/** Whether `real` (a real path) is `realRoot` or lies under it. */
export function isInside(real: string, realRoot: string): boolean {
  return real === realRoot || real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
}

/** Reads `path` as the header says; never throws for the file's sake (only for a bug). */
export function readFileSafe(path: string, options: ReadOptions = {}): ReadResult {
  const limit = options.limit ?? FILE_LIMIT;
  if (options.realRoot !== undefined) {
    let real: string;
    try {
      real = realpathSync(path);
    } catch (err) {
      return { ok: false, reason: errnoReason(err) };
    }
    if (!isInside(real, options.realRoot)) return { ok: false, reason: 'it is a symlink that leads outside the workspace' };
  }
  if (options.regular !== true) {
    // The type before opening: open() of a FIFO waits for a writer, of a device may do anything.
    let stats: Stats | undefined;
    try {
      stats = statSync(path, { throwIfNoEntry: false });
    } catch (err) {
      return { ok: false, reason: errnoReason(err) };
    }
    if (stats === undefined) return { ok: false, reason: errnoReason({ code: 'ENOENT' }) };
    if (!stats.isFile()) return { ok: false, reason: notRegular(kindOf(stats)) };
    if (stats.size > limit) return { ok: false, over: true, size: stats.size, reason: overReason(stats.size, limit) };
  }
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (err) {
    return { ok: false, reason: errnoReason(err) };
  }
  try {
    const stats = fstatSync(fd);
    // Again on the open file: the path may have changed since (and `regular` trusted a listing).
    if (!stats.isFile()) return { ok: false, reason: notRegular(kindOf(stats)) };
    if (stats.size > limit) return { ok: false, over: true, size: stats.size, reason: overReason(stats.size, limit) };
    // The size said and one byte more, to see the end. A file that holds more than its size
    // says is not read on: it changes while kam reads it, or it is a file of /proc (size 0,
    // content made up when read, such as /proc/self/environ).
    const buffer = Buffer.allocUnsafe(stats.size + 1);
    let filled = 0;
    for (let n = -1; n !== 0 && filled < buffer.length; filled += n) n = readSync(fd, buffer, filled, buffer.length - filled, null);
    if (filled > stats.size) return { ok: false, reason: 'it holds more than its size says (it changed while kam read it, or it is a file of /proc or /sys)' };
    return { ok: true, bytes: buffer.subarray(0, filled) };
  } catch (err) {
    // EAGAIN: a file that is not what fstat said (it cannot be for a regular file).
    return { ok: false, reason: errnoReason(err) };
  } finally {
    closeSync(fd);
  }
}

/**
 * The reasons a file cannot be read, as `reason` words of the catalogs (src/i18n/en/validation.ts
 * `value.reason.*`: `{reason:reason}` shows them in the locale); the reasons are English text
 * where they are made (they travel as text through the listing of plans and to worker threads).
 */
const REASON_WORDS: ReadonlyMap<string, string> = new Map([
  ['permission denied', 'permission'],
  ['no such file (or a dangling symlink)', 'no-file'],
  ['a part of its path is not a folder', 'not-dir'],
  ['a symlink loop', 'loop'],
  ['it is a folder, not a file', 'folder'],
  ['too many open files', 'open-files'],
  ['an input/output error', 'io'],
  ['the path is too long', 'long-path'],
  ['an unknown error', 'unknown'],
  ['it is a symlink that leads outside the workspace', 'outside-link'],
  ['it holds more than its size says (it changed while kam read it, or it is a file of /proc or /sys)', 'grew'],
  ['a dangling symlink', 'dangling'],
  ...([['a FIFO', 'fifo'], ['a character device', 'char-device'], ['a block device', 'block-device'], ['a socket', 'socket'], ['a symlink', 'symlink'], ['a file', 'file'], ['not a file', 'other']] as const)
    .map(([kind, word]) => [notRegular(kind), `not-regular.${word}`] as const),
]);

/** A reason of this module (or of the listing of plans) as a `reason` word of the catalogs; another one as it is. */
export function reasonWord(reason: string): string {
  return REASON_WORDS.get(reason) ?? reason;
}

let overStandIn: Buffer | undefined;

/**
 * Bytes that stand for a plan over the limit, read no further: limit + 1 zero bytes, which the
 * YAML reader (core/yaml-source.ts decodeYamlBytes) reports as over the limit, exactly as it
 * reports a working-tree file read up to the limit and one byte. One shared buffer; never written.
 */
export function overLimitStandIn(limit = FILE_LIMIT): Buffer {
  if (limit !== FILE_LIMIT) return Buffer.alloc(limit + 1);
  return (overStandIn ??= Buffer.alloc(FILE_LIMIT + 1));
}
