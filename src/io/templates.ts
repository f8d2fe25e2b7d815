// Plan templates: the workspace's `templates/<name>.yaml` first, then kam's built-in ones.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
import { closest } from '../core/suggest.js';

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
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length));
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

export function loadTemplate(root: string | undefined, name: string): LoadedTemplate {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name) || name.includes('..')) {
    throw new InputError(`--template ${name}: a template name is a file name in templates/ without .yaml (e.g. plan)`);
  }
  const candidates: [string, string][] = [];
  if (root) candidates.push([join(root, TEMPLATES_DIR, `${name}.yaml`), `${TEMPLATES_DIR}/${name}.yaml`]);
  candidates.push([join(builtInTemplatesDir(), `${name}.yaml`), `kam:${TEMPLATES_DIR}/${name}.yaml`]);
  for (const [path, label] of candidates) {
    if (existsSync(path)) return { name, label, text: readFileSync(path, 'utf8') };
  }
  const known = templateNames(root);
  const guess = closest(name, known);
  throw new InputError(`--template ${name}: no such template${guess ? `; did you mean "${guess}"?` : ''} (templates: ${known.join(', ')})`);
}

/** The built-in templates as files, for `kam init` to copy into a workspace. */
export function builtInTemplateFiles(): { path: string; content: string }[] {
  const dir = builtInTemplatesDir();
  return namesIn(dir).sort().map((name) => ({ path: `${TEMPLATES_DIR}/${name}.yaml`, content: readFileSync(join(dir, `${name}.yaml`), 'utf8') }));
}
