// `kam new <name>`: scaffold accounts/<slug>.yaml from a template.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { addDays } from '../core/dates.js';
import { ACCOUNT_ID } from '../core/plan.js';
import { plansFolderOf, requiredSectionsOf, scaffoldPlan, schemaPathFrom } from '../core/scaffold.js';
import { planNaming } from '../core/slug.js';
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
  const today = parseAsOf(options.asOf);
  const name = checkedName(options.name);
  if (options.id !== undefined && !ACCOUNT_ID.safeParse(options.id).success) {
    throw new UsageError(`--id ${options.id}: an id is lowercase letters, digits and '-' (e.g. acme-telecom)`);
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
    (p) => p.select(`Tier of ${escapeText(name)}`, tierIds.map((id) => ({ value: id, description: describeTier(ws, id) })), tierIds[tierIds.length - 1]),
    () => tierIds[tierIds.length - 1]!,
  );
  const owner = await resolveAnswer(options.owner, source, '--owner', (p) => p.input('Account owner (the account manager; empty to fill in later)'), () => '');
  const industry = await resolveAnswer(options.industry, source, '--industry', (p) => p.input('Industry (empty to fill in later)'), () => '');
  const templates = templateNames(ws.root);
  const templateName = await resolveAnswer(
    options.template,
    source,
    '--template',
    (p) => (templates.length > 1 ? p.select('Template', templates.map((t) => ({ value: t })), DEFAULT_TEMPLATE) : Promise.resolve(DEFAULT_TEMPLATE)),
    () => DEFAULT_TEMPLATE,
  );

  const template = loadTemplate(ws.root, templateName);
  const naming = planNaming(name, options.id);
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
    throw new InputError(`account id "${naming.id}" already has a plan: ${planned}; nothing was written (edit that plan, or give this one another --id)`);
  }
  const outcome = writeInside(ws.root, { path, content: result.text }, { force: options.force ?? false, dryRun: options.dryRun ?? false });
  return newResult(ws, outcome, result.text, { id: naming.id, tier, template: templateName });
}

function newResult(ws: Workspace, outcome: WriteOutcome, content: string, about: { id: string; tier: string; template: string }): CommandResult {
  const stderr: string[] = [];
  const detail = `(id ${about.id}, tier ${about.tier}, template ${about.template})`;
  switch (outcome.status) {
    case 'kept':
      throw new InputError(`${outcome.path} already exists; kept it as it is (pass --force to replace it, or choose another name or --id)`);
    case 'would keep':
      return { stdout: `would keep ${outcome.path}: it already exists (pass --force to replace it)\n`, stderr, exitCode: 2 };
    case 'would create':
    case 'would replace':
      return { stdout: escapeLines(`# ${outcome.status} ${outcome.path} ${detail}\n${content}`), stderr, exitCode: 0 };
    default:
      if (!existsSync(join(ws.root, 'schemas', 'plan.schema.json'))) {
        stderr.push('kam: for completion in your editor, run `kam schema plan > schemas/plan.schema.json` (the modeline points there)');
      }
      return { stdout: escapeLines(`${outcome.status} ${outcome.path} ${detail}\n`), stderr, exitCode: 0 };
  }
}

export function templateError(label: string, problems: readonly { line: number; column: number; message: string }[]): InputError {
  const lines = problems.map((p) => `${label}:${p.line}:${p.column}: ${p.message}`);
  return new InputError(`the template cannot make a valid plan; nothing was written. Fix the template:\n${lines.join('\n')}`);
}

function checkedName(raw: string): string {
  const name = raw.normalize('NFC').trim();
  if (name === '') throw new UsageError('kam new: the account name is empty; e.g. kam new "ACME Telecom"');
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(name)) throw new UsageError('kam new: the account name holds a control character (a line break?); give it on one line');
  return name;
}

export function checkedTier(tier: string, known: readonly string[]): string {
  if (known.includes(tier)) return tier;
  const guess = closest(tier, known);
  throw new UsageError(`--tier ${tier}: no such tier${guess ? `; did you mean "${guess}"?` : ''} (tiers: ${known.join(', ')})`);
}

function describeTier(ws: Workspace, id: string): string {
  const sections = requiredSectionsOf(ws.config, id);
  const min = ws.config.tiers.find((t) => t.id === id)?.min ?? 0;
  return `score ≥ ${min}${sections.length > 0 ? `; requires ${sections.join(', ')}` : ''}`;
}
