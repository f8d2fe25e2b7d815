// `kam new <name>`: scaffold accounts/<slug>.yaml from a template.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { addDays } from '../core/dates.js';
import { ACCOUNT_ID } from '../core/plan.js';
import { plansFolderOf, requiredSectionsOf, scaffoldPlan, schemaPathFrom, statusText } from '../core/scaffold.js';
import { planNaming } from '../core/slug.js';
import { i18n, msg, t } from '../i18n/index.js';
import { closest } from '../core/suggest.js';
import type { TemplateVars } from '../core/template.js';
import { InputError, UsageError } from '../errors.js';
import { escapeLines, escapeText } from '../format/escape.js';
import { canPrompt, inquirerPrompter, requireFlags, resolveAnswer, type AnswerSource, type Prompter } from '../prompts/index.js';
import { writeInside, type WriteOutcome } from '../io/safe-write.js';
import { DEFAULT_TEMPLATE, loadTemplate, templateNames } from '../io/templates.js';
import { existingPlanIds, openWorkspace, type Workspace } from '../io/workspace.js';
import { useConfigLocale, parseAsOf, type CommandContext, type CommandResult } from './common.js';

export interface NewOptions {
  name: string;
  tier?: string;
  owner?: string;
  industry?: string;
  template?: string;
  id?: string;
  asOf?: string;
  yes?: boolean;
  force?: boolean;
  dryRun?: boolean;
}

/** Days from "today" to the placeholder due dates of a new plan. */
export const PLACEHOLDER_DUE_DAYS = 14;

export async function runNew(ctx: CommandContext, options: NewOptions, prompter: Prompter | undefined = canPrompt() ? inquirerPrompter() : undefined): Promise<CommandResult> {
  await useConfigLocale(ctx, undefined);
  let today: string;
  let name: string;
  try {
    today = parseAsOf(options.asOf);
    name = checkedName(options.name);
    if (options.id !== undefined && !ACCOUNT_ID.safeParse(options.id).success) {
      throw new UsageError(msg('init.new.id-invalid', { id: options.id }));
    }
  } catch (err) {
    await useWorkspaceLocale(ctx);
    throw err;
  }
  const ws = openWorkspace({ cwd: ctx.cwd, ...(ctx.config !== undefined ? { config: ctx.config } : {}) });
  await useConfigLocale(ctx, ws.config);
  const source: AnswerSource = { prompter: options.yes ? undefined : prompter, yes: options.yes ?? false };
  const tierIds = ws.config.tiers.map((t) => t.id);
  if (options.tier !== undefined) checkedTier(options.tier, tierIds);
  requireFlags(source, { '--tier': options.tier, '--owner': options.owner, '--industry': options.industry, '--template': options.template });

  const tier = await resolveAnswer(
    options.tier === undefined ? undefined : checkedTier(options.tier, tierIds),
    source,
    '--tier',
    (p) => p.select(t('init.new.prompt.tier', { name: escapeText(name) }), tierIds.map((id) => tierChoice(ws, id)), tierIds[tierIds.length - 1]),
    () => tierIds[tierIds.length - 1]!,
  );
  const owner = await resolveAnswer(options.owner, source, '--owner', (p) => p.input(t('init.new.prompt.owner', {})), () => '');
  const industry = await resolveAnswer(options.industry, source, '--industry', (p) => p.input(t('init.new.prompt.industry', {})), () => '');
  const templates = templateNames(ws.root);
  const templateName = await resolveAnswer(
    options.template,
    source,
    '--template',
    (p) => (templates.length > 1 ? p.select(t('init.new.prompt.template', {}), templates.map((t) => ({ value: t })), DEFAULT_TEMPLATE) : Promise.resolve(DEFAULT_TEMPLATE)),
    () => DEFAULT_TEMPLATE,
  );

  const template = loadTemplate(ws.root, templateName, i18n().locale);
  const naming = planNaming(name, options.id, ws.config);
  const { folder, extension } = plansFolderOf(ws.config);
  const vars: TemplateVars = {
    id: naming.id,
    name,
    tier,
    owner: owner.trim(),
    industry: industry.trim(),
    today,
    due: addDays(today, PLACEHOLDER_DUE_DAYS),
    schema: schemaPathFrom(folder),
    currency: ws.config.currency,
  };
  const result = scaffoldPlan(template.text, vars, requiredSectionsOf(ws.config, tier));
  if (!result.ok) throw templateError(template.label, result.problems);

  const path = `${folder === '.' ? '' : `${folder}/`}${naming.stem}${extension}`;
  const planned = (await existingPlanIds(ws)).get(naming.id);
  if (planned !== undefined && planned !== path) {
    throw new InputError(msg('init.new.already-planned', { id: naming.id, planned }));
  }
  const outcome = writeInside(ws.root, { path, content: result.text }, { force: options.force ?? false, dryRun: options.dryRun ?? false });
  return newResult(ws, outcome, result.text, { id: naming.id, tier, template: templateName });
}

function newResult(ws: Workspace, outcome: WriteOutcome, content: string, about: { id: string; tier: string; template: string }): CommandResult {
  const stderr: string[] = [];
  const written = t('init.new.written', { status: statusText(outcome.status), path: outcome.path, ...about });
  switch (outcome.status) {
    case 'kept':
      throw new InputError(msg('init.new.kept', { path: outcome.path }));
    case 'would keep':
      return { stdout: `${t('init.new.would-keep', { path: outcome.path })}\n`, stderr, exitCode: 2 };
    case 'would create':
    case 'would replace':
      return { stdout: escapeLines(`# ${written}\n${content}`), stderr, exitCode: 0 };
    default:
      if (!existsSync(join(ws.root, 'schemas', 'plan.schema.json'))) {
        stderr.push(`kam: ${t('init.new.schema-hint', {})}`);
      }
      return { stdout: escapeLines(`${written}\n`), stderr, exitCode: 0 };
  }
}

/**
 * An error found before the workspace is opened is still said in its language (kam.yaml
 * `locale:`) when there is a workspace; without one, in the locale of --locale and the environment.
 */
export async function useWorkspaceLocale(ctx: CommandContext): Promise<void> {
  try {
    await useConfigLocale(ctx, openWorkspace({ cwd: ctx.cwd, ...(ctx.config !== undefined ? { config: ctx.config } : {}) }).config);
  } catch {
    // no workspace, or an invalid one: the error at hand comes first
  }
}

export function templateError(label: string, problems: readonly { line: number; column: number; message: string }[]): InputError {
  const lines = problems.map((p) => `${label}:${p.line}:${p.column}: ${p.message}`);
  return new InputError(msg('init.new.template-error', { problems: lines.join('\n') }));
}

function checkedName(raw: string): string {
  const name = raw.normalize('NFC').trim();
  if (name === '') throw new UsageError(msg('init.new.name-empty', {}));
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(name)) throw new UsageError(msg('init.new.name-control', {}));
  return name;
}

export function checkedTier(tier: string, known: readonly string[]): string {
  if (known.includes(tier)) return tier;
  const guess = closest(tier, known);
  const tiers = known.join(', ');
  throw new UsageError(guess ? msg('init.new.no-such-tier.guess', { tier, guess, tiers }) : msg('init.new.no-such-tier', { tier, tiers }));
}

/** A tier as a choice of the prompt: its label (in the locale, when kam.yaml has one), its min and required sections. */
function tierChoice(ws: Workspace, id: string): { value: string; name?: string; description: string } {
  const translator = i18n();
  const sections = requiredSectionsOf(ws.config, id);
  const min = ws.config.tiers.find((tier) => tier.id === id)?.min ?? 0;
  const english = translator.locale === 'en';
  const listed = sections.map((s) => (english ? s : translator.value('section', s))).join(t('init.list-separator', {}));
  const description = sections.length > 0 ? t('init.new.tier-choice.requires', { min, sections: listed }) : t('init.new.tier-choice', { min });
  const label = translator.tier(id);
  if (label === id) return { value: id, description };
  return { value: id, name: english ? `${label} (${id})` : `${label}（${id}）`, description };
}
