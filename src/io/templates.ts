// Plan templates: the workspace's `templates/<name>.yaml` first, then kam's built-in ones.
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
import { msg, type Locale } from '../i18n/index.js';
import { closest } from '../core/suggest.js';
import { errnoReason, readFileSafe } from './read-file.js';

export const TEMPLATES_DIR = 'templates';
export const DEFAULT_TEMPLATE = 'plan';

/** kam's own templates folder: next to package.json, whether kam runs bundled (dist/) or from src/. */
export function builtInTemplatesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, TEMPLATES_DIR))) return join(dir, TEMPLATES_DIR);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('kam is installed without its templates folder');
    dir = parent;
  }
}

function namesIn(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length));
  } catch {
    return []; // no folder (or not one): no templates of its own
  }
}

/** Template names available in a workspace (its own and the built-in ones), sorted. */
export function templateNames(root: string | undefined): string[] {
  const names = new Set([...namesIn(builtInTemplatesDir()), ...(root ? namesIn(join(root, TEMPLATES_DIR)) : [])]);
  return [...names].sort();
}

export interface LoadedTemplate {
  name: string;
  /** For messages: `templates/plan.yaml` (the workspace's) or `kam:templates/plan.yaml` (built in). */
  label: string;
  text: string;
}

/**
 * The template `name`: the workspace's own, else the built-in one, in the locale when kam has it
 * (templates/zh-CN/), else the English one.
 */
export function loadTemplate(root: string | undefined, name: string, locale: Locale = 'en'): LoadedTemplate {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name) || name.includes('..')) {
    throw new InputError(msg('init.template.name', { name }));
  }
  if (root) {
    // The workspace's own: read as a plan is (a regular file of at most 1 MiB, not through a
    // symlink out of the workspace), since what it holds is copied into plans.
    const path = join(root, TEMPLATES_DIR, `${name}.yaml`);
    const label = `${TEMPLATES_DIR}/${name}.yaml`;
    let present: boolean;
    let realRoot = '';
    try {
      present = lstatSync(path, { throwIfNoEntry: false }) !== undefined;
      if (present) realRoot = realpathSync(root);
    } catch (err) {
      throw new InputError(msg('init.template.unreadable', { label, reason: errnoReason(err) }));
    }
    if (present) {
      const read = readFileSafe(path, { realRoot });
      if (!read.ok) throw new InputError(msg('init.template.unreadable', { label, reason: read.reason }));
      return { name, label, text: read.bytes.toString('utf8') };
    }
  }
  if (locale !== 'en') {
    const localized = join(builtInTemplatesDir(), locale, `${name}.yaml`);
    if (existsSync(localized)) return { name, label: `kam:${TEMPLATES_DIR}/${locale}/${name}.yaml`, text: readFileSync(localized, 'utf8') };
  }
  const builtIn = join(builtInTemplatesDir(), `${name}.yaml`);
  if (existsSync(builtIn)) return { name, label: `kam:${TEMPLATES_DIR}/${name}.yaml`, text: readFileSync(builtIn, 'utf8') };
  const known = templateNames(root);
  const guess = closest(name, known);
  const templates = known.join(', ');
  throw new InputError(guess ? msg('init.template.no-such.guess', { name, guess, templates }) : msg('init.template.no-such', { name, templates }));
}

/**
 * The built-in templates as files, for `kam init` to copy into a workspace: in the locale when
 * kam has the template in it (templates/zh-CN/), else in English.
 */
export function builtInTemplateFiles(locale: Locale = 'en'): { path: string; content: string }[] {
  const dir = builtInTemplatesDir();
  return namesIn(dir).sort().map((name) => {
    const localized = locale === 'en' ? undefined : join(dir, locale, `${name}.yaml`);
    const file = localized !== undefined && existsSync(localized) ? localized : join(dir, `${name}.yaml`);
    return { path: `${TEMPLATES_DIR}/${name}.yaml`, content: readFileSync(file, 'utf8') };
  });
}
