// The edge to the file system: find the workspace, read kam.yaml and the plan files.
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { SourceFile } from '../core/check.js';
import { DEFAULT_CONFIG, type KamConfig } from '../core/config.js';
import { parseConfig } from '../core/config-file.js';
import { MAX_FILE_BYTES } from '../core/yaml-source.js';
import { planIdOfText } from '../core/plan-file.js';
import { ConfigError, InputError } from '../errors.js';
import { CONFIG_FILE, findConfigFile } from './config-location.js';

export { CONFIG_FILE } from './config-location.js';

export interface Workspace {
  /** Absolute path of the folder holding kam.yaml. */
  root: string;
  /** Absolute path of the config file, when there is one. */
  configFile?: string;
  config: KamConfig;
}

export interface WorkspaceOptions {
  /** The directory kam runs in (after -C). */
  cwd: string;
  /** --config, relative to cwd. */
  config?: string;
  /** Commands such as `score --data` work without a workspace: built-in defaults. */
  optional?: boolean;
}

export function openWorkspace(options: WorkspaceOptions): Workspace {
  const cwd = resolve(options.cwd);
  const configFile = findConfigFile(options);
  if (configFile === undefined) {
    if (options.optional) return { root: cwd, config: DEFAULT_CONFIG };
    throw new ConfigError(`no ${CONFIG_FILE} found in ${cwd} or any parent folder; run \`kam init\`, or pass -C <dir> or --config <file>`);
  }
  return { root: dirname(configFile), configFile, config: loadConfig(configFile, cwd) };
}

export function loadConfig(configFile: string, cwd: string): KamConfig {
  let bytes: Uint8Array;
  try {
    bytes = readLimited(configFile);
  } catch (err) {
    throw new ConfigError(`cannot read ${configFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return configFromBytes(bytes, displayPath(configFile, cwd));
}

/** A validated config, or a ConfigError listing every problem as `<shown>:line:col: message`. */
export function configFromBytes(bytes: Uint8Array, shown: string): KamConfig {
  const result = parseConfig(bytes);
  if (result.ok) return result.config;
  const lines = result.problems.map((p) => `${shown}:${p.line}:${p.column}: ${p.message}`);
  throw new ConfigError(`invalid ${CONFIG_FILE}; fix it and run again:\n${lines.join('\n')}`);
}

function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

/**
 * Reads at most MAX_FILE_BYTES + 1 bytes: enough to tell that a file is over the limit.
 * One open, fstat and read per file (10,000 plans: a separate stat was 10% of reading them).
 */
function readLimited(file: string): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const buffer = Buffer.allocUnsafe(Math.min(size, MAX_FILE_BYTES) + 1);
    let read = 0;
    for (let n = -1; n !== 0 && read < buffer.length; read += n) n = readSync(fd, buffer, read, buffer.length - read, null);
    // Filled while under the limit: the file grew since fstat; read it whole again.
    if (read === buffer.length && size < MAX_FILE_BYTES) return readFileSync(file);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

export interface PlanSelection {
  /** Absolute paths, sorted. */
  files: string[];
  /** Files left out because a symlink leads outside the workspace. */
  skipped: string[];
}

/** The workspace's plans (the `plans` glob) or the files/dirs/globs given on the command line. */
export async function selectPlanFiles(ws: Workspace, cwd: string, args: readonly string[]): Promise<PlanSelection> {
  let files: string[];
  if (args.length === 0) {
    const patterns = typeof ws.config.plans === 'string' ? [ws.config.plans] : ws.config.plans;
    files = await glob(patterns, { cwd: ws.root, absolute: true, onlyFiles: true, expandDirectories: false });
    if (files.length === 0) {
      throw new InputError(`no plan files match plans: ${patterns.join(', ')} in ${ws.root}; add plans (kam new <name>) or fix \`plans\` in ${CONFIG_FILE}`);
    }
  } else {
    files = [];
    for (const arg of args) {
      const path = resolve(cwd, arg);
      if (isDynamicPattern(arg)) {
        const matched = await glob([arg], { cwd, absolute: true, onlyFiles: true, expandDirectories: false });
        if (matched.length === 0) throw new InputError(`${arg}: no files match`);
        files.push(...matched);
      } else if (!existsSync(path)) {
        throw new InputError(`${arg}: no such file`);
      } else if (statSync(path).isDirectory()) {
        const matched = await glob(['**/*.yaml', '**/*.yml'], { cwd: path, absolute: true, onlyFiles: true });
        if (matched.length === 0) throw new InputError(`${arg}: no .yaml files in this folder`);
        files.push(...matched);
      } else {
        files.push(path);
      }
    }
  }
  const unique = [...new Set(files.map((f) => resolve(f)))].sort();
  const realRoot = realpathSync(ws.root);
  const inside: string[] = [];
  const skipped: string[] = [];
  // realpath once per folder; a file's own realpath only when it is a symlink, which one
  // readdir per folder tells (not one lstat per file: 10,000 plans).
  const folders = new Map<string, { real: string; links: Set<string> }>();
  for (const file of unique) {
    let real: string;
    try {
      const path = dirname(file);
      let folder = folders.get(path);
      if (folder === undefined) {
        const links = new Set(readdirSync(path, { withFileTypes: true }).flatMap((d) => (d.isSymbolicLink() ? [d.name] : [])));
        folders.set(path, (folder = { real: realpathSync(path), links }));
      }
      const name = basename(file);
      real = folder.links.has(name) ? realpathSync(file) : join(folder.real, name);
    } catch {
      throw new InputError(`${relativeToRoot(ws, file)}: cannot resolve the path (a dangling symlink?)`);
    }
    if (real === realRoot || real.startsWith(realRoot + sep)) inside.push(file);
    else skipped.push(file);
  }
  return { files: inside, skipped };
}

/**
 * About how many files the plans globs may match, cheaply: the entries of each glob's folder
 * before its first wildcard (to decide early whether plans will load on several threads).
 */
export function countPlanCandidates(ws: Workspace): number {
  const patterns = typeof ws.config.plans === 'string' ? [ws.config.plans] : ws.config.plans;
  let count = 0;
  for (const pattern of patterns) {
    const segments = pattern.split('/');
    const wild = segments.findIndex((s) => isDynamicPattern(s));
    try {
      count += readdirSync(join(ws.root, ...segments.slice(0, wild === -1 ? segments.length - 1 : wild))).length;
    } catch {
      // no such folder: the glob will say so
    }
  }
  return count;
}

export function relativeToRoot(ws: Workspace, file: string): string {
  // Most files lie under the root: cut the root off (path.relative costs a microsecond a file).
  if (file.startsWith(ws.root) && file.charAt(ws.root.length) === sep && !file.includes(`${sep}..`)) {
    const rest = file.slice(ws.root.length + 1);
    return sep === '/' ? rest : rest.split(sep).join('/');
  }
  return relative(ws.root, file).split(sep).join('/');
}

export function readSources(ws: Workspace, files: readonly string[]): SourceFile[] {
  return files.map((file) => ({ file: relativeToRoot(ws, file), bytes: readPlanBytes(file, relativeToRoot(ws, file)) }));
}

/** A plan's bytes (at most the size limit and one more byte), or an InputError naming the file. */
export function readPlanBytes(path: string, shown: string): Uint8Array {
  try {
    return readLimited(path);
  } catch (err) {
    throw new InputError(`${shown}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/** A plan to load: its bytes already (from git), or the path to read them from (so that worker threads can read in parallel). */
export type PlanRef = { file: string; bytes: Uint8Array; path?: undefined } | { file: string; path: string; bytes?: undefined };

export function bytesOf(ref: PlanRef): Uint8Array {
  return ref.bytes ?? readPlanBytes(ref.path!, ref.file);
}

/** The ids of the workspace's plans (read from their `id:` line), and the file of each. */
export async function existingPlanIds(ws: Workspace): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  let selection: PlanSelection;
  try {
    selection = await selectPlanFiles(ws, ws.root, []);
  } catch (err) {
    if (err instanceof InputError) return ids; // no plans yet
    throw err;
  }
  for (const file of selection.files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const id = planIdOfText(text);
    if (id !== undefined && !ids.has(id)) ids.set(id, relativeToRoot(ws, file));
  }
  return ids;
}
