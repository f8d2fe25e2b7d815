// A new plan's text from a template: render, then prove that it parses and matches the
// plan schema (unknown keys included) before anyone writes it. Pure.
import type { KamConfig } from './config.js';
import type { KamError } from '../errors.js';
import { displayWidth, padEndDisplay } from '../format/text.js';
import { i18n, t } from '../i18n/index.js';
import { planJsonSchema } from './json-schema.js';
import { planSchema, type Plan } from './plan.js';
import { renderTemplate, type TemplateProblem, type TemplateVars } from './template.js';
import { validateShape } from './validate.js';
import { createLocator, parseYamlValue } from './yaml-source.js';

export type ScaffoldResult = { ok: true; text: string; plan: Plan } | { ok: false; problems: TemplateProblem[] };

/** Sections the tier's policy requires (none for a tier the policy does not name). */
export function requiredSectionsOf(config: Pick<KamConfig, 'policies'>, tier: string | undefined): string[] {
  if (tier === undefined) return [];
  return config.policies.requiredSections[tier] ?? [];
}

export function scaffoldPlan(template: string, vars: TemplateVars, requiredSections: readonly string[]): ScaffoldResult {
  const result = renderTemplate(template, vars, requiredSections);
  if (!result.ok) return { ok: false, problems: [result.problem] };
  const { text, sourceLines } = result.rendered;
  // Problems point into the template, where the author can fix them.
  const toTemplate = (line: number, column: number) => ({ line: sourceLines[line - 1] ?? line, column });

  const parsed = parseYamlValue(text);
  if (!parsed.ok) {
    const { line, column, message } = parsed.problem;
    return { ok: false, problems: [{ ...toTemplate(line, column), message: t('init.template.invalid-yaml', { message }) }] };
  }
  const shape = validateShape(planSchema, parsed.value ?? {}, planJsonSchema);
  if (shape.problems.length > 0 || !shape.value) {
    const locate = createLocator(text);
    const problems = shape.problems.map((p) => {
      const at = locate(p.path, p.on);
      return { ...toTemplate(at.line, at.column), message: t('init.template.fails-schema', { message: p.message }) };
    });
    if (problems.length === 0) problems.push({ line: 1, column: 1, message: t('init.template.fails-schema.plain', {}) });
    return { ok: false, problems };
  }
  return { ok: true, text: text.endsWith('\n') ? text : `${text}\n`, plan: shape.value };
}

/** The folder new plans go to: the fixed part of the first `plans` glob ("accounts/*.yaml" → "accounts"). */
export function plansFolderOf(config: Pick<KamConfig, 'plans'>): { folder: string; extension: string } {
  const glob = typeof config.plans === 'string' ? config.plans : config.plans[0]!;
  const parts = glob.split('/');
  const fixed: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (/[*?[\]{}()!]/.test(part)) break;
    fixed.push(part);
  }
  const folder = fixed.filter((p) => p !== '.' && p !== '').join('/') || '.';
  const extension = /\.yml\b/.test(parts[parts.length - 1]!) && !/\.yaml\b/.test(parts[parts.length - 1]!) ? '.yml' : '.yaml';
  return { folder, extension };
}

/** The modeline's path from a plan in `folder` to the workspace's schemas/plan.schema.json. */
export function schemaPathFrom(folder: string): string {
  const depth = folder === '.' ? 0 : folder.split('/').filter((p) => p !== '').length;
  return `${'../'.repeat(depth) || './'}schemas/plan.schema.json`;
}


const STATUS_IDS = {
  created: 'init.status.created',
  replaced: 'init.status.replaced',
  kept: 'init.status.kept',
  'would create': 'init.status.would-create',
  'would replace': 'init.status.would-replace',
  'would keep': 'init.status.would-keep',
  skipped: 'init.status.skipped',
  'would skip': 'init.status.would-skip',
} as const;

/** What happened to a file (a status of src/io/safe-write.ts, or skipped), in the locale of the run. */
export function statusText(status: string): string {
  return status in STATUS_IDS ? t(STATUS_IDS[status as keyof typeof STATUS_IDS], {}) : status;
}

/**
 * A status as the first column of the lists of init and import: padded to `width` (the English
 * layout), or in another locale to its widest status word, by display width.
 */
export function statusWord(status: string, width: number): string {
  if (i18n().locale === 'en') return statusText(status).padEnd(width);
  const widest = Math.max(...Object.keys(STATUS_IDS).map((s) => displayWidth(statusText(s))));
  return padEndDisplay(statusText(status), widest);
}

/** The text of an error in the locale of the run. */
export function errorText(err: KamError): string {
  return err.text !== undefined ? i18n().render(err.text) : err.message;
}
