// `kam init [dir]`: a new workspace. Never overwrites: an existing file is reported and kept.
import { resolve } from 'node:path';
import { parseConfig } from '../core/config-file.js';
import { PLAN_SECTIONS } from '../core/plan.js';
import {
  defaultInitAnswers,
  defaultRequiredSections,
  defaultTierMins,
  examplePlanFile,
  githubWorkflow,
  renderConfigFile,
  workspacePackageJson,
  type InitAnswers,
} from '../core/init-files.js';
import { configJsonSchema, planJsonSchema } from '../core/json-schema.js';
import { loadPlanFile } from '../core/plan-file.js';
import { ACCOUNT_ID } from '../core/plan.js';
import { KamError, UsageError } from '../errors.js';
import { KAM_VERSION } from '../version.js';
import { packKam } from '../io/pack-self.js';
import { makeFolder, writeInside, type FileToWrite, type PlannedFile, type WriteOutcome } from '../io/safe-write.js';
import { builtInTemplateFiles } from '../io/templates.js';
import { errorText, statusWord } from '../core/scaffold.js';
import { canPrompt, inquirerPrompter, requireFlags, resolveAnswer, type AnswerSource, type Prompter } from '../prompts/index.js';
import { i18n, msg, t, type Locale } from '../i18n/index.js';
import { useConfigLocale, type CommandContext, type CommandResult } from './common.js';

export interface InitOptions {
  dir: string;
  currency?: string;
  tiers?: string;
  yes?: boolean;
  force?: boolean;
  dryRun?: boolean;
  /** Where CI installs kam from (an npm spec); default: this kam, packed into .kam/. */
  kamSource?: string;
}

/** The folder of the packed kam in a workspace. */
const VENDOR_DIR = '.kam';

export async function runInit(ctx: CommandContext, options: InitOptions, prompter: Prompter | undefined = canPrompt() ? inquirerPrompter() : undefined): Promise<CommandResult> {
  // No kam.yaml yet: --locale, KAM_LOCALE or the POSIX locale decide (and the files' language).
  await useConfigLocale(ctx, undefined);
  const locale = i18n().locale;
  const root = resolve(ctx.cwd, options.dir);
  const source: AnswerSource = { prompter: options.yes ? undefined : prompter, yes: options.yes ?? false };
  const defaults = defaultInitAnswers(locale);
  // The required sections have no flag: without a terminal, only --yes answers them.
  requireFlags(source, { '--currency': options.currency, '--tiers': options.tiers, '--yes': undefined });

  const currency = await resolveAnswer(
    options.currency === undefined ? undefined : checkedCurrency(options.currency),
    source,
    '--currency',
    (p) => p.input(t('init.prompt.currency', {}), { default: defaults.currency, validate: (v) => validity(() => checkedCurrency(v)) }),
    () => defaults.currency,
  );
  const tiers = await resolveAnswer(
    options.tiers === undefined ? undefined : parseTiers(options.tiers, '--tiers'),
    source,
    '--tiers',
    async (p) => parseTiers(await p.input(t('init.prompt.tiers', {}), {
      default: defaults.tiers.map((t) => t.id).join(','),
      validate: (v) => validity(() => parseTiers(v, 'tiers')),
    }), 'tiers'),
    () => defaults.tiers,
  );
  const suggested = defaultRequiredSections(tiers.map((t) => t.id));
  const requiredSections = await resolveAnswer<Record<string, string[]>>(
    undefined,
    source,
    '--yes',
    async (p) => {
      const chosen: Record<string, string[]> = {};
      // The top tiers carry plans worth structuring; the lowest tier usually needs none.
      for (const tier of tiers.slice(0, Math.max(1, tiers.length - 1))) {
        const sections = await p.checkbox(t('init.prompt.sections', { tier: tier.id }), PLAN_SECTIONS.map((s) => sectionChoice(s)), suggested[tier.id] ?? []);
        if (sections.length > 0) chosen[tier.id] = sections;
      }
      return chosen;
    },
    () => suggested,
  );
  const answers: InitAnswers = { currency, tiers, requiredSections };

  const files: FileToWrite[] = initFiles(answers, locale);
  const kamSource = options.kamSource !== undefined ? checkedKamSource(options.kamSource) : vendoredKam(files, options.dryRun ?? false);
  files.push({ path: 'package.json', content: workspacePackageJson(kamSource) });
  const stdout: string[] = [];
  if (!options.dryRun) makeFolder(root, options.dir);
  let created = 0;
  let keptPackageJson = false;
  for (const [index, file] of files.entries()) {
    let outcome: WriteOutcome;
    try {
      outcome = writeInside(root, file, { force: options.force ?? false, dryRun: options.dryRun ?? false });
    } catch (err) {
      if (!(err instanceof KamError)) throw err;
      // A full disk midway: say what was written (it stays; a rerun keeps it), then the error.
      stdout.push(t('init.wrote-before-error', { created, left: files.length - index }));
      return { stdout: `${stdout.join('\n')}\n`, stderr: [], stderrAfter: [`kam: ${errorText(err)}`], exitCode: err.exitCode };
    }
    if (outcome.status === 'created' || outcome.status === 'replaced') created++;
    const exists = outcome.status === 'kept' || outcome.status === 'would keep';
    stdout.push(t(exists ? 'init.file.exists' : 'init.file', { status: statusWord(outcome.status, STATUS_WIDTH), path: file.path }));
    if (file.path === 'package.json' && outcome.status === 'kept') keptPackageJson = true;
  }
  const stderr: string[] = [];
  if (keptPackageJson) stderr.push(`kam: ${t('init.package-json-kept', { source: kamSource })}`);
  if (!options.dryRun && created > 0) {
    const cd = options.dir === '.' ? '' : `cd ${options.dir} && `;
    stderr.push(`kam: ${t('init.next', { cd })}`);
  }
  return { stdout: `${stdout.join('\n')}\n`, stderr, exitCode: 0 };
}

/**
 * Adds this kam, packed as npm would publish it, to the files of the workspace, and returns the
 * devDependency spec that installs it. A dry run names the tarball without packing.
 */
function vendoredKam(files: FileToWrite[], dryRun: boolean): string {
  const packed = dryRun ? { name: `kam-${KAM_VERSION}.tgz`, bytes: new Uint8Array() } : packKam();
  const path = `${VENDOR_DIR}/${packed.name}`;
  files.push({ path, content: packed.bytes });
  return `file:${path}`;
}

/** The width of the status column of init's list (in English, that of "would replace"). */
const STATUS_WIDTH = 13;

/** A section as a choice: its display name in the locale (the value itself in English). */
function sectionChoice<T extends string>(section: T): { value: T; name?: string } {
  return i18n().locale === 'en' ? { value: section } : { value: section, name: i18n().value('section', section) };
}

/** Every file of a new workspace, each proven valid before anything is written. */
export function initFiles(answers: InitAnswers, locale: Locale = 'en'): PlannedFile[] {
  const config = renderConfigFile(answers, locale);
  const checked = parseConfig(new TextEncoder().encode(config));
  if (!checked.ok) throw new Error(`kam init made an invalid kam.yaml: ${checked.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('; ')}`);
  const { path: examplePath, text: example } = examplePlanFile(answers.tiers[0]!.id, '../schemas/plan.schema.json', locale);
  const loaded = loadPlanFile(examplePath, new TextEncoder().encode(example));
  if (!loaded.planFile.plan || loaded.issues.length > 0) throw new Error('kam init made an invalid example plan');
  return [
    { path: 'kam.yaml', content: config },
    { path: examplePath, content: example },
    ...builtInTemplateFiles(locale),
    // The schemas of this workspace: its tier ids complete `tier:` in plans and the policies' keys.
    { path: 'schemas/plan.schema.json', content: `${JSON.stringify(planJsonSchema(checked.config), null, 2)}\n` },
    { path: 'schemas/config.schema.json', content: `${JSON.stringify(configJsonSchema(checked.config), null, 2)}\n` },
    { path: '.github/workflows/kam.yml', content: githubWorkflow(locale) },
    { path: '.gitignore', content: 'node_modules/\n' },
  ];
}

const GIT_SPEC = /^(?:github:|gitlab:|bitbucket:|git\+https:\/\/|git\+ssh:\/\/|git:\/\/|[\w.-]+\/[\w.-]+#)/;

/**
 * An npm spec that installs one kam whoever publishes what: a git source pinned with `#…`, a
 * tarball URL or a file. A registry spec (`0.1.0`, `latest`, `npm:…`) would fetch whatever
 * package is called kam there, which is not ours.
 */
export function checkedKamSource(spec: string): string {
  const usage = (why: 'spaces' | 'git-commit' | 'registry'): never => {
    throw new UsageError(msg(`init.kam-source.${why}`, { spec: JSON.stringify(spec) }));
  };
  if (spec === '' || /[\s\p{Cc}]/u.test(spec)) usage('spaces');
  if (GIT_SPEC.test(spec)) {
    if (!/#[^#]+$/.test(spec)) usage('git-commit');
    return spec;
  }
  if (/^https:\/\/\S+\.(?:tgz|tar\.gz)$/.test(spec) || /^file:\S+$/.test(spec)) return spec;
  return usage('registry');
}

function validity(check: () => unknown): true | string {
  try {
    check();
    return true;
  } catch (err) {
    return err instanceof KamError ? errorText(err) : (err as Error).message;
  }
}

function checkedCurrency(value: string): string {
  const currency = value.trim();
  if (!/^[\p{L}\p{Sc}]{1,10}$/u.test(currency)) throw new UsageError(msg('init.currency', { value }));
  return currency;
}

/** "strategic,key,growth,maintain" or "platinum:80,gold:60,silver:0": ids highest first, optional mins. */
export function parseTiers(value: string, flag: string): InitAnswers['tiers'] {
  const parts = value.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) throw new UsageError(msg('init.tiers.none', { flag }));
  const mins = defaultTierMins(parts.length);
  const tiers = parts.map((part, i) => {
    const m = /^([^:]+?)(?::\s*(-?\d+(?:\.\d+)?))?$/.exec(part);
    const id = m?.[1]?.trim() ?? '';
    if (!m || !ACCOUNT_ID.safeParse(id).success) throw new UsageError(msg('init.tiers.not-a-tier', { flag, part }));
    return { id, min: m[2] !== undefined ? Number(m[2]) : mins[i]! };
  });
  const ids = new Set<string>();
  tiers.forEach((tier, i) => {
    if (ids.has(tier.id)) throw new UsageError(msg('init.tiers.twice', { flag, id: tier.id }));
    ids.add(tier.id);
    const previous = tiers[i - 1];
    if (previous !== undefined && !(tier.min < previous.min)) {
      throw new UsageError(msg('init.tiers.order', { flag, id: tier.id, min: tier.min, previous: previous.id, previousMin: previous.min }));
    }
  });
  return tiers;
}
