// The edge to the file system: find the workspace, read kam.yaml and the plan files.
import { existsSync, lstatSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { isDynamicPattern } from 'tinyglobby';
import { DEFAULT_CONFIG, type KamConfig } from '../core/config.js';
import { parseConfig } from '../core/config-file.js';
import { planIdOfText } from '../core/plan-file.js';
import { ConfigError, InputError } from '../errors.js';
import { i18n, msg, t, type Message } from '../i18n/index.js';
import { CONFIG_FILE, findConfigFile } from './config-location.js';
import { errnoReason, isInside, kindOf, notRegular, overLimitStandIn, readFileSafe } from './read-file.js';

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
    throw new ConfigError(msg('cli.workspace.not-found', { file: CONFIG_FILE, dir: cwd }));
  }
  return { root: dirname(configFile), configFile, config: loadConfig(configFile, cwd) };
}

export function loadConfig(configFile: string, cwd: string): KamConfig {
  const shown = displayPath(configFile, cwd);
  // The workspace is the folder of kam.yaml: a kam.yaml that is a symlink out of it is not read.
  let realRoot: string;
  try {
    realRoot = realpathSync(dirname(configFile));
  } catch (err) {
    throw new ConfigError(msg('cli.config.unreadable', { file: shown, reason: errnoReason(err) }));
  }
  const read = readFileSafe(configFile, { realRoot });
  if (!read.ok) throw new ConfigError(msg('cli.config.unreadable', { file: shown, reason: read.reason }));
  return configFromBytes(read.bytes, shown);
}

/** A validated config, or a ConfigError listing every problem as `<shown>:line:col: message`. */
export function configFromBytes(bytes: Uint8Array, shown: string): KamConfig {
  const result = parseConfig(bytes);
  if (result.ok) {
    if (result.warnings !== undefined) warningsOf.set(result.config, result.warnings.map((p) => `${shown}:${p.line}:${p.column}: ${i18n().render(p.text)}`));
    return result.config;
  }
  // A problem that carries its message as data (`text`) is said in the locale of the run.
  const lines = result.problems.map((p) => {
    const text = (p as { text?: Message }).text;
    return `${shown}:${p.line}:${p.column}: ${text !== undefined ? i18n().render(text) : p.message}`;
  });
  throw new ConfigError(msg('cli.config.invalid', { file: CONFIG_FILE, problems: lines.join('\n') }));
}

const warningsOf = new WeakMap<KamConfig, string[]>();

/** issue 22: the warnings of a kam.yaml read by configFromBytes (`file:line:col: text`), none for another config. */
export function configWarnings(config: KamConfig): string[] {
  return warningsOf.get(config) ?? [];
}

function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

/** What the listing learnt of a plan file: a regular file (read without a stat first), or why it cannot be read. */
export type PlanFacts = { regular: true; problem?: undefined } | { regular?: undefined; problem: string } | { regular?: undefined; problem?: undefined };

export interface PlanSelection {
  /** Absolute paths, sorted. */
  files: string[];
  /** What the listing knows of each file (its directory entry's type, or why it cannot be read). */
  facts: Map<string, PlanFacts>;
  /** Files and folders left out, and why (a symlink that leads outside the workspace, a symlink loop, a folder that cannot be read). */
  skipped: { path: string; why: string }[];
}

// Why a file or folder is skipped: notes for stderr, in the locale of the run.
const OUTSIDE_LINK = () => t('cli.skipped.outside-link', {});
const OUTSIDE = () => t('cli.skipped.outside', {});
const LOOP = () => t('cli.skipped.loop', {});
const ALREADY_READ = () => t('cli.skipped.already-read', {});
const UNREADABLE_FOLDER = (err: unknown) => t('cli.skipped.unreadable-folder', { reason: errnoReason(err) });
const FOLDER_FILES = ['**/*.yaml', '**/*.yml'];

/**
 * Lists plan files by walking folders itself (not through a glob library) to keep what it may
 * reach in hand: one readdir per folder gives every entry's type (no stat per file); a real
 * path is asked for only of the folder a walk starts in and of symlinks; a symlink that leads
 * outside the workspace is not followed (so a link to / is not walked), a folder reached twice
 * (a symlink loop) is walked once, and nothing recurses (a folder of 160,000 files is a loop
 * over one array).
 */
class PlanLister {
  readonly found = new Map<string, PlanFacts>();
  readonly skipped: { path: string; why: string }[] = [];
  /** Files found and things skipped so far, counted again when met again (to tell that an argument gave something). */
  met = 0;
  private readonly realDirs = new Map<string, string>();

  constructor(private readonly realRoot: string) {}

  private skip(path: string, why: string): void {
    this.skipped.push({ path, why });
    this.met++;
  }

  private add(path: string, facts: PlanFacts): void {
    this.found.set(path, facts);
    this.met++;
  }

  /** The real path of a folder, remembered; undefined when it cannot be resolved. */
  private realDir(dir: string): string | undefined {
    let real = this.realDirs.get(dir);
    if (real === undefined) {
      try {
        real = realpathSync(dir);
      } catch {
        return undefined;
      }
      this.realDirs.set(dir, real);
    }
    return real;
  }

  /** A file named on the command line (not a folder, not a glob); false when there is none. */
  file(path: string): boolean {
    let stats: Stats | undefined;
    try {
      stats = lstatSync(path, { throwIfNoEntry: false });
    } catch (err) {
      this.add(path, { problem: errnoReason(err) });
      return true;
    }
    if (stats === undefined) return false;
    if (stats.isSymbolicLink()) {
      if (!existsSync(path)) return false;
      this.link(path, Infinity);
      return true;
    }
    if (stats.isDirectory()) return this.walk(path, FOLDER_MATCH, Infinity) !== 'none';
    const real = this.realDir(dirname(path));
    if (real === undefined || !isInside(join(real, basename(path)), this.realRoot)) this.skip(path, OUTSIDE());
    else this.add(path, stats.isFile() ? { regular: true } : { problem: notRegular(kindOf(stats)) });
    return true;
  }

  /** A symlink given as a file argument: followed when it stays in the workspace (a folder is walked for its .yaml files). */
  private link(path: string, depth: number): void {
    const stack: WalkItem[] = [];
    const seen = new Set<string>();
    const realParent = this.realDir(dirname(path)) ?? dirname(path);
    this.linkIn(path, realParent, basename(path), { file: () => true, folder: () => true }, depth, seen, stack);
    const top = stack.pop();
    if (top !== undefined) this.walkFrom(top.dir, top.real, FOLDER_MATCH, top.depth, seen);
  }

  /** The files under `base` whose path relative to it matches; `depth`: the folder levels to read. 'none': no such folder. */
  walk(base: string, match: Matcher, depth: number): 'none' | 'done' {
    let stats: Stats | undefined;
    try {
      stats = lstatSync(base, { throwIfNoEntry: false });
    } catch (err) {
      this.skip(base, UNREADABLE_FOLDER(err));
      return 'done';
    }
    if (stats === undefined) return 'none';
    let folder = stats.isDirectory();
    if (stats.isSymbolicLink()) {
      try {
        folder = statSync(base).isDirectory();
      } catch {
        return 'none';
      }
    }
    if (!folder) return 'none';
    const real = this.realDir(base);
    if (real === undefined) return 'none';
    if (!isInside(real, this.realRoot)) {
      this.skip(base, stats.isSymbolicLink() ? OUTSIDE_LINK() : OUTSIDE());
      return 'done';
    }
    this.walkFrom(base, real, match, depth, new Set());
    return 'done';
  }

  private walkFrom(base: string, realBase: string, match: Matcher, depth: number, seen: Set<string>): void {
    // A stack, not recursion: folders of any depth and size. Symlinks wait until the folders
    // themselves are walked, so that a folder reached both ways is listed under its own path.
    const stack: WalkItem[] = [{ dir: base, real: realBase, rel: '', depth }];
    const links: { path: string; realParent: string; rel: string; depth: number }[] = [];
    seen.add(realBase);
    for (;;) {
      const top = stack.pop();
      if (top === undefined) {
        if (links.length === 0) break;
        for (const link of links.splice(0)) this.linkIn(link.path, link.realParent, link.rel, match, link.depth, seen, stack);
        continue;
      }
      const { dir, real, rel } = top;
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch (err) {
        this.skip(dir, UNREADABLE_FOLDER(err));
        continue;
      }
      const below = top.depth - 1;
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i]!;
        const name = entry.name;
        const path = `${dir}${sep}${name}`;
        const relPath = rel === '' ? name : `${rel}/${name}`;
        if (entry.isFile()) {
          if (match.file(relPath)) this.add(path, { regular: true });
        } else if (entry.isDirectory()) {
          if (below >= 1 && match.folder(relPath)) {
            const realSub = `${real}${sep}${name}`;
            // Reached already (through a symlink walked before): its files are in already.
            if (seen.has(realSub)) this.skip(path, ALREADY_READ());
            else {
              seen.add(realSub);
              stack.push({ dir: path, real: realSub, rel: relPath, depth: below });
            }
          }
        } else if (entry.isSymbolicLink()) {
          links.push({ path, realParent: real, rel: relPath, depth: match.folder(relPath) ? below : 0 });
        } else if (match.file(relPath)) {
          // A FIFO, a device or a socket that is named like a plan: a finding, never opened.
          this.add(path, { problem: notRegular(kindOf(entry)) });
        }
      }
    }
  }

  /** A symlink inside a walk: a file is a plan when it matches, a folder is walked on the same stack. */
  private linkIn(path: string, realParent: string, relPath: string, match: Matcher, depth: number, seen: Set<string>, stack: WalkItem[]): void {
    let real: string;
    try {
      real = realpathSync(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (match.file(relPath)) this.add(path, { problem: code === 'ENOENT' ? 'a dangling symlink' : errnoReason(err) });
      return;
    }
    let stats: Stats;
    try {
      stats = statSync(path);
    } catch (err) {
      if (match.file(relPath)) this.add(path, { problem: errnoReason(err) });
      return;
    }
    if (stats.isDirectory()) {
      if (depth < 1) return;
      if (!isInside(real, this.realRoot)) this.skip(path, OUTSIDE_LINK());
      else if (isInside(realParent, real)) this.skip(path, LOOP());
      else if (seen.has(real)) this.skip(path, ALREADY_READ());
      else {
        seen.add(real);
        stack.push({ dir: path, real, rel: relPath, depth });
      }
      return;
    }
    if (!match.file(relPath)) return;
    if (!isInside(real, this.realRoot)) this.skip(path, OUTSIDE_LINK());
    else this.add(path, stats.isFile() ? {} : { problem: notRegular(kindOf(stats)) });
  }
}

interface WalkItem {
  dir: string;
  real: string;
  /** `dir` relative to the walk's base, with `/`. */
  rel: string;
  /** Folder levels still to read, this one included. */
  depth: number;
}

/** Which paths of a walk are plans, and which folders it goes into (relative to the walk's base, with `/`). */
interface Matcher {
  file: (rel: string) => boolean;
  folder: (rel: string) => boolean;
}

/** Like the glob library kam used (tinyglobby, dot: false): folders whose name starts with "." are not entered. */
const noDotFolder = (rel: string) => rel.charCodeAt(rel.lastIndexOf('/') + 1) !== 46;

function globMatcher(patterns: readonly string[]): Matcher {
  return { file: picomatch(patterns as string[], { dot: false }), folder: noDotFolder };
}

const FOLDER_MATCH = globMatcher(FOLDER_FILES);

/** A glob split into the folder it starts in and the part that matches below, and how deep it can reach. */
function globParts(pattern: string): { base: string; glob: string; depth: number } {
  const scan = picomatch.scan(pattern);
  const glob = scan.glob;
  return { base: scan.base, glob, depth: glob.includes('**') ? Infinity : glob.split('/').length };
}

/** The workspace's plans (the `plans` glob) or the files/dirs/globs given on the command line. */
export async function selectPlanFiles(ws: Workspace, cwd: string, args: readonly string[]): Promise<PlanSelection> {
  let realRoot: string;
  try {
    realRoot = realpathSync(ws.root);
  } catch (err) {
    throw new InputError(msg('cli.workspace.unreadable', { dir: ws.root, reason: errnoReason(err) }));
  }
  const lister = new PlanLister(realRoot);
  const excluded: string[] = [];
  if (args.length === 0) {
    const patterns = typeof ws.config.plans === 'string' ? [ws.config.plans] : ws.config.plans;
    for (const pattern of patterns) {
      if (pattern.startsWith('!')) {
        excluded.push(pattern.slice(1));
        continue;
      }
      const { base, glob, depth } = globParts(pattern);
      const from = resolve(ws.root, base);
      if (glob === '') lister.file(from);
      else lister.walk(from, globMatcher([glob]), depth);
    }
    if (lister.found.size === 0 && lister.skipped.length === 0) {
      throw new InputError(msg('cli.plans.no-match', { patterns: patterns.join(', '), dir: ws.root, file: CONFIG_FILE }));
    }
  } else {
    for (const arg of args) {
      const before = lister.met;
      const path = resolve(cwd, arg);
      if (isDynamicPattern(arg)) {
        const { base, glob, depth } = globParts(arg);
        lister.walk(resolve(cwd, base), globMatcher([glob]), depth);
        if (lister.met === before) throw new InputError(msg('cli.files.no-match', { arg }));
      } else if (!lister.file(path)) {
        throw new InputError(msg('cli.files.no-such-file', { arg }));
      } else if (lister.met === before) {
        throw new InputError(msg('cli.files.no-yaml', { arg }));
      }
    }
  }
  let files = [...lister.found.keys()];
  if (excluded.length > 0) {
    const out = picomatch(excluded, { dot: false });
    files = files.filter((f) => !out(relativeToRoot(ws, f)));
  }
  files.sort();
  return { files, facts: lister.found, skipped: lister.skipped };
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

/**
 * A plan to load: its bytes already (from git), the path to read them from (so that worker
 * threads read in parallel; `regular`: its directory entry said it is a regular file), or why it
 * cannot be read (a finding on the file: the other plans are still checked).
 */
export type PlanRef =
  | { file: string; bytes: Uint8Array; path?: undefined; problem?: undefined }
  | { file: string; path: string; regular?: boolean; bytes?: undefined; problem?: undefined }
  | { file: string; problem: string; bytes?: undefined; path?: undefined };

/** The ref of each selected file (paths absolute; `file` as shown). */
export function planRefs(ws: Workspace, selection: PlanSelection): PlanRef[] {
  return selection.files.map((path): PlanRef => {
    const file = relativeToRoot(ws, path);
    const facts = selection.facts.get(path);
    if (facts?.problem !== undefined) return { file, problem: facts.problem };
    return facts?.regular ? { file, path, regular: true } : { file, path };
  });
}

/** A plan's bytes, or why they cannot be read. Over the size limit: bytes that the YAML reader reports as over it. */
export function readPlan(ref: PlanRef): { bytes: Uint8Array; problem?: undefined } | { problem: string; bytes?: undefined } {
  if (ref.bytes !== undefined) return { bytes: ref.bytes };
  if (ref.problem !== undefined) return { problem: ref.problem };
  const read = readFileSafe(ref.path, ref.regular ? { regular: true } : {});
  if (read.ok) return { bytes: read.bytes };
  if (read.over) return { bytes: overLimitStandIn() };
  return { problem: read.reason };
}

/** The message of the finding on a plan that cannot be read: it names the reason, never the content. */
export const cannotRead = (problem: string) => `cannot read: ${problem}`;

/** A plan's bytes, or an InputError naming the file (for callers that need every plan's bytes). */
export function bytesOf(ref: PlanRef): Uint8Array {
  const read = readPlan(ref);
  if (read.problem !== undefined) throw new InputError(msg('cli.plan.unreadable', { file: ref.file, problem: read.problem }));
  return read.bytes;
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
  for (const ref of planRefs(ws, selection)) {
    const read = readPlan(ref);
    if (read.problem !== undefined) continue;
    const id = planIdOfText(Buffer.from(read.bytes.buffer, read.bytes.byteOffset, read.bytes.byteLength).toString('utf8'));
    if (id !== undefined && !ids.has(id)) ids.set(id, ref.file);
  }
  return ids;
}
