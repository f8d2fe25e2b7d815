// Draft-07 JSON Schemas (input side) of the plan and the config, generated from the zod schemas
// and shaped for editors (yaml-language-server, the engine of VS Code's YAML extension):
// - a description (plain and Markdown) on every field, and one per enum value
//   (enumDescriptions / markdownEnumDescriptions), from schema-docs.ts;
// - map keys free of `type: string`: YAML reads `2024:` as a number key, and the editor checks
//   key nodes as they are typed (revenue years match a pattern instead);
// - no object or list defaults: editors turn them into snippets (`- [object Object]`);
// - the workspace's own tier ids, criterion inputs and currency, when one is given
//   (`kam schema plan` in a workspace; the committed schemas/ hold the defaults).
// Validation stays zod's: these schemas only serve the editor and "did you mean".
import * as z from 'zod';
import { configSchema, DEFAULT_CONFIG, FIXED_INPUTS, type KamConfig } from './config.js';
import { i18n, type Locale, type Translator } from '../i18n/index.js';
import { RULES, type RuleId } from './findings.js';
import { planSchema } from './plan.js';
import { ruleSummary } from './rule-docs.js';
import { configDocs, DEFAULT_ASSESSMENT_INPUTS, inputDocs, planDocs, valueDocs as groupDocs, type DocTable, type FieldDoc } from './schema-docs.js';
import type { JsonSchema } from './validate.js';

/** What a workspace's schemas are made from: its kam.yaml (the defaults without one). */
export type SchemaWorkspace = Pick<KamConfig, 'tiers' | 'criteria' | 'currency' | 'policies'>;

// The default schemas, per locale (their texts do not depend on kam.yaml's labels).
const planCache = new Map<Locale, JsonSchema>();
const configCache = new Map<Locale, JsonSchema>();

/**
 * The plan schema; for a workspace, with its tier ids, criterion inputs and currency. Its texts
 * are in the run's locale (i18n()), or in the locale of `tr` (`ENGLISH` for the committed schemas/).
 */
export function planJsonSchema(workspace?: SchemaWorkspace, tr: Translator = i18n()): JsonSchema {
  if (workspace !== undefined) return buildPlanSchema(workspace, tr);
  let schema = planCache.get(tr.locale);
  if (schema === undefined) planCache.set(tr.locale, (schema = buildPlanSchema(DEFAULT_CONFIG, tr)));
  return schema;
}

/** The kam.yaml schema; for a workspace, its tier ids are proposed as the keys of the policies. */
export function configJsonSchema(workspace?: Pick<KamConfig, 'tiers'>, tr: Translator = i18n()): JsonSchema {
  if (workspace !== undefined) return buildConfigSchema(workspace, tr);
  let schema = configCache.get(tr.locale);
  if (schema === undefined) configCache.set(tr.locale, (schema = buildConfigSchema(DEFAULT_CONFIG, tr)));
  return schema;
}

/** A year key of metrics.revenue (the zod schema's key pattern). */
/** A day of the calendar as YYYY-MM-DD, leap years included (dates.ts `isValidIsoDate`). */
export const CALENDAR_DATE =
  '^(?:\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))' +
  '|(?:\\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$';

/** Names that can't be keys (validate.ts refuses them at any depth). */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

const YEAR_KEY = '^\\d{4}$';

/**
 * The criterion inputs kam accepts beyond the fixed ones (config.ts `isKnownInput`):
 * assessment.<name>, and metrics.<name> other than metrics.revenue and metrics.wallet.
 */
export const CUSTOM_INPUT_PATTERN = '^(?:assessment\\.[A-Za-z_][A-Za-z0-9_-]*|metrics\\.(?!(?:revenue|wallet)$)[A-Za-z_][A-Za-z0-9_-]*)$';

function buildPlanSchema(ws: SchemaWorkspace, tr: Translator): JsonSchema {
  const schema = editorForm(z.toJSONSchema(planSchema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as JsonSchema, tr);
  const props = schema.properties!;

  // Year keys: YAML reads `2024:` as the number 2024, which `propertyNames: { type: string }` refuses
  // in the editor; a pattern on the key's text accepts both `2024:` and `"2024":`.
  const metrics = props.metrics!;
  const revenue = metrics.properties!.revenue!;
  const amount = revenue.additionalProperties as JsonSchema;
  delete revenue.propertyNames;
  revenue.patternProperties = { [YEAR_KEY]: amount };
  revenue.additionalProperties = false;

  const tierIds = ws.tiers.map((t) => t.id);
  props.tier = {
    ...pick(props.tier!, ['description']),
    type: 'string',
    enum: tierIds,
    ...enumDocs(tierIds.map((id) => tierDoc(ws, id, tr))),
  };

  // issue 20: an override's tier is a tier of kam.yaml too.
  const overrideTier = props.override?.properties?.tier;
  if (overrideTier) Object.assign(overrideTier, { type: 'string', enum: tierIds, ...enumDocs(tierIds.map((id) => tierDoc(ws, id, tr))) });

  applyDocs(schema, planDocs(tr));

  // The inputs the workspace's criteria read: proposed as keys of assessment and metrics (after
  // the texts: each one is a copy of the documented entry, with a text of its own).
  const assessment = props.assessment!;
  const entry = assessment.additionalProperties as JsonSchema;
  const custom = (metrics.additionalProperties as JsonSchema | undefined) ?? { type: 'number' };
  const known = inputDocs(tr);
  for (const c of ws.criteria) {
    const [section, name] = splitInput(c.input);
    if (RESERVED.has(name)) continue; // not a key a plan can hold
    if (section === 'assessment') {
      const note = criterionNote(ws, c.id, tr);
      const text = (DEFAULT_ASSESSMENT_INPUTS as readonly string[]).includes(c.input)
        ? tr.t('schema.ws.assessment-known', { known: known[c.input]!, note })
        : tr.t('schema.ws.assessment-own', { note });
      (assessment.properties ??= {})[name] = { ...doc(text), ...withoutDoc(entry) };
    } else if (section === 'metrics' && name !== 'revenue' && name !== 'wallet') {
      (metrics.properties ??= {})[name] = { ...doc(tr.t('schema.ws.metric-own', { note: criterionNote(ws, c.id, tr) })), ...withoutDoc(custom) };
    }
  }

  appendDoc(revenue, tr.t('schema.ws.amounts-in', { currency: ws.currency }));
  appendDoc(metrics.properties!.wallet!, tr.t('schema.ws.wallet-in', { currency: ws.currency }));
  appendDoc(props.tier!, tr.t('schema.ws.plan-tiers', { tiers: tierIds.map((id) => `\`${id}\``).join(tr.t('schema.ws.comma', {})) }));
  return withId(schema, 'plan', tr);
}

function buildConfigSchema(ws: Pick<KamConfig, 'tiers'>, tr: Translator): JsonSchema {
  const schema = editorForm(z.toJSONSchema(configSchema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as JsonSchema, tr);
  const props = schema.properties!;

  // Criterion inputs: the known ones complete with their meaning; custom names still validate.
  const criterion = (props.criteria!.items as JsonSchema).properties!;
  const known = inputDocs(tr);
  const inputs = [...FIXED_INPUTS, ...DEFAULT_ASSESSMENT_INPUTS];
  criterion.input = {
    ...pick(criterion.input!, ['description']),
    anyOf: [
      { type: 'string', enum: inputs, ...enumDocs(inputs.map((i) => known[i] ?? i)) },
      { type: 'string', pattern: CUSTOM_INPUT_PATTERN, ...doc(tr.t('schema.ws.custom-input', {})) },
    ],
  };

  applyDocs(schema, configDocs(tr));

  // Rule ids: each one a key of its own, so that the editor proposes them with what they check.
  const rules = props.rules!;
  const closed = Array.isArray((rules.propertyNames as JsonSchema | undefined)?.enum);
  const severity = (rules.additionalProperties as JsonSchema | undefined) ?? { type: 'string', enum: ['error', 'warn', 'off'] };
  rules.properties = {};
  const severities = groupDocs('severity', tr);
  for (const [id, info] of Object.entries(RULES)) {
    rules.properties[id] = {
      ...doc(tr.t('schema.ws.rule', { id, summary: ruleSummary(id as RuleId, tr), severity: info.defaultSeverity })),
      ...withoutDoc(severity),
      ...valueDocs(severity, severities),
    };
  }
  if (closed) {
    delete rules.propertyNames;
    rules.additionalProperties = false;
  }

  // The tier ids, proposed as the keys of the per-tier policies and as coachRequired's items.
  const tierIds = ws.tiers.map((t) => t.id);
  const policies = props.policies!.properties!;
  // (As candidates of `propertyNames`, which yaml-language-server proposes as keys: one copy of
  // each policy's value schema per tier would make the schema five times its size.)
  const keyIds = tierIds.filter((id) => !RESERVED.has(id)); // not keys kam.yaml can hold
  const tierList = keyIds.map((id) => tr.t('schema.ws.tier-with-range', { id, range: scoreRange(ws, id, tr) })).join(tr.t('schema.ws.comma', {}));
  // Every policy is per tier: a map keyed by tier id (requiredSections, reviewEveryDays, …) or a
  // list of tier ids (coachRequired); concentration, a fixed mapping, is the one that is not.
  for (const policy of Object.values(policies)) {
    if (typeof policy.additionalProperties === 'object' && keyIds.length > 0) {
      const names = (policy.propertyNames as JsonSchema | undefined) ?? {};
      policy.propertyNames = {
        ...doc(tr.t('schema.ws.policy-tier-key', { tiers: tierList })),
        anyOf: [{ type: 'string', enum: keyIds, ...enumDocs(keyIds.map((id) => tierLabel(ws, id, tr))) }, names],
      };
    } else if (policy.type === 'array' && policy.items && tierIds.length > 0) {
      policy.items = { anyOf: [{ type: 'string', enum: tierIds, ...enumDocs(tierIds.map((id) => tierLabel(ws, id, tr))) }, policy.items] };
    }
  }

  return withId(schema, 'config', tr);
}

function withId(schema: JsonSchema, kind: 'plan' | 'config', tr: Translator): JsonSchema {
  const title = kind === 'plan' ? tr.t('schema.title.plan', {}) : tr.t('schema.title.config', {});
  return { ...schema, $id: `https://kam.dev/schemas/${kind}.schema.json`, title };
}

// ---------------------------------------------------------------------------------------------
// Editor form: no object defaults, no `type: string` on map keys.

function editorForm(root: JsonSchema, tr: Translator): JsonSchema {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const n = node as JsonSchema;
    if ('default' in n && n.default !== null && typeof n.default === 'object') delete n.default;
    if (n.format === 'date' && n.pattern === undefined) {
      // `format: date` alone lets 2026-02-30 through in the editor; kam wants a day of the calendar.
      n.pattern = CALENDAR_DATE;
      n.patternErrorMessage = tr.t('schema.date-pattern', {});
    }
    const names = n.propertyNames as JsonSchema | undefined;
    if (names && typeof names === 'object') {
      // Keys are text in JSON; in YAML they may be numbers (`2024:`, a tier id `1:`): the key's
      // type says nothing that kam checks, so only the other constraints stay.
      delete names.type;
      if (Object.keys(names).length === 0) delete n.propertyNames;
    }
    for (const [key, value] of Object.entries(n)) {
      if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples') continue;
      visit(value);
    }
  };
  visit(root);
  return root;
}

// ---------------------------------------------------------------------------------------------
// Descriptions.

/** Markdown → the plain text of `description`: code marks and emphasis dropped. */
export function plainText(md: string): string {
  return md.replace(/`([^`]*)`/g, '$1').replace(/\*\*([^*]+)\*\*/g, '$1').replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');
}

function doc(md: string): { description: string; markdownDescription: string } {
  return { description: plainText(md), markdownDescription: md };
}

function enumDocs(mds: readonly string[]): { enumDescriptions: string[]; markdownEnumDescriptions: string[] } {
  return { enumDescriptions: mds.map(plainText), markdownEnumDescriptions: [...mds] };
}

function valueDocs(node: JsonSchema, values: Readonly<Record<string, string>>): Partial<ReturnType<typeof enumDocs>> {
  if (!Array.isArray(node.enum)) return {};
  return enumDocs((node.enum as unknown[]).map((v) => values[String(v)] ?? String(v)));
}

function appendDoc(node: JsonSchema, md: string): void {
  if (typeof node.markdownDescription !== 'string') return;
  node.markdownDescription += md;
  node.description = plainText(node.markdownDescription);
}

/** A deep copy without its own description (the copy gets one of its own). */
function withoutDoc(node: JsonSchema): JsonSchema {
  const { description: _d, markdownDescription: _m, ...rest } = structuredClone(node);
  return rest;
}

function pick(node: JsonSchema, keys: string[]): JsonSchema {
  const out: JsonSchema = {};
  for (const k of keys) if (k in node) out[k] = node[k];
  return out;
}

/**
 * Puts the texts of `table` on the schema's nodes by path (see schema-docs.ts). A union's
 * branches share their parent's path and its description; an enum or const branch gets
 * the texts of its values.
 */
function applyDocs(root: JsonSchema, table: DocTable): void {
  const visit = (node: JsonSchema, path: string, inUnion: boolean): void => {
    const entry = table[path];
    const isValue = Array.isArray(node.enum) || node.const !== undefined;
    if (entry !== undefined && (!inUnion || isValue)) setDoc(node, typeof entry === 'string' ? { md: entry } : entry);
    for (const [key, child] of Object.entries(node.properties ?? {})) visit(child, path === '' ? key : `${path}.${key}`, false);
    for (const child of Object.values((node.patternProperties as Record<string, JsonSchema> | undefined) ?? {})) visit(child, `${path}.*`, false);
    if (node.items && typeof node.items === 'object' && !Array.isArray(node.items)) visit(node.items, `${path}[]`, false);
    if (node.additionalProperties && typeof node.additionalProperties === 'object') visit(node.additionalProperties, `${path}.*`, false);
    for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) visit(branch, path, true);
  };
  visit(root, '', false);
}

function setDoc(node: JsonSchema, entry: FieldDoc): void {
  const values = entry.values;
  if (node.const !== undefined && values?.[String(node.const)] !== undefined) {
    Object.assign(node, doc(`${entry.md} \`${String(node.const)}\`: ${values[String(node.const)]}`));
    return;
  }
  Object.assign(node, doc(entry.md));
  if (values && Array.isArray(node.enum)) Object.assign(node, valueDocs(node, values));
}

/**
 * Where a schema lacks what the editor shows: a property without a description or a Markdown
 * one, an enum without a text per value, a const without a description. Empty when complete.
 */
export function undocumented(root: JsonSchema): string[] {
  const missing: string[] = [];
  const visit = (node: JsonSchema, path: string, isField: boolean): void => {
    if (isField && (typeof node.description !== 'string' || typeof node.markdownDescription !== 'string' || node.description === '')) {
      missing.push(`${path}: no description`);
    }
    if (Array.isArray(node.enum)) {
      for (const key of ['enumDescriptions', 'markdownEnumDescriptions']) {
        const texts = node[key];
        if (!Array.isArray(texts) || texts.length !== node.enum.length || texts.some((t) => typeof t !== 'string' || t === '')) {
          missing.push(`${path}: no ${key} for every value`);
        }
      }
    }
    if (node.const !== undefined && typeof node.description !== 'string') missing.push(`${path}: const ${String(node.const)} has no description`);
    for (const [key, child] of Object.entries(node.properties ?? {})) visit(child, path === '' ? key : `${path}.${key}`, true);
    for (const child of Object.values((node.patternProperties as Record<string, JsonSchema> | undefined) ?? {})) visit(child, `${path}.*`, true);
    if (node.items && typeof node.items === 'object' && !Array.isArray(node.items)) visit(node.items, `${path}[]`, false);
    if (node.additionalProperties && typeof node.additionalProperties === 'object') visit(node.additionalProperties, `${path}.*`, true);
    for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) visit(branch, path, false);
  };
  visit(root, '', false);
  return missing;
}

// ---------------------------------------------------------------------------------------------
// Workspace texts.

function splitInput(input: string): [string, string] {
  const dot = input.indexOf('.');
  return dot < 0 ? [input, ''] : [input.slice(0, dot), input.slice(dot + 1)];
}

function criterionNote(ws: SchemaWorkspace, id: string, tr: Translator): string {
  const total = ws.criteria.reduce((sum, c) => sum + c.weight, 0);
  const c = ws.criteria.find((x) => x.id === id)!;
  return total > 0 && Number.isFinite(total)
    ? tr.t('schema.ws.scored-by-share', { id: c.id, share: formatShare(c.weight / total) })
    : tr.t('schema.ws.scored-by', { id: c.id });
}

function formatShare(share: number): string {
  const pct = share * 100;
  return `${Number.isInteger(pct) ? pct : pct.toFixed(1)}%`;
}

/** "Tier `key` (score 55 to below 75)." */
function tierLabel(ws: Pick<KamConfig, 'tiers'>, id: string, tr: Translator): string {
  return tr.t('schema.ws.tier-value', { id, range: scoreRange(ws, id, tr) });
}

function scoreRange(ws: Pick<KamConfig, 'tiers'>, id: string, tr: Translator): string {
  const index = ws.tiers.findIndex((t) => t.id === id);
  const above = ws.tiers[index - 1];
  const min = ws.tiers[index]!.min;
  return above ? tr.t('schema.ws.range', { min, max: above.min }) : tr.t('schema.ws.range-top', { min });
}

/** What a tier means in this workspace: its score range and what its plans must hold. */
function tierDoc(ws: SchemaWorkspace, id: string, tr: Translator): string {
  const range = scoreRange(ws, id, tr);
  const p = ws.policies;
  const own = <T>(map: Readonly<Record<string, T>>): T | undefined => (Object.hasOwn(map, id) ? map[id] : undefined);
  const code = (values: readonly string[], separator: string): string => values.map((v) => `\`${v}\``).join(separator);
  const needs: string[] = [];
  const sections = own(p.requiredSections);
  if (sections && sections.length > 0) needs.push(tr.t('schema.ws.needs-sections', { sections: code(sections, tr.t('schema.ws.comma', {})) }));
  const contacts = own(p.minContacts);
  if (contacts !== undefined) needs.push(tr.t('schema.ws.needs-contacts', { n: contacts }));
  if (p.coachRequired.includes(id)) needs.push(tr.t('schema.ws.needs-coach', {}));
  const engagements = own(p.engagements);
  if (engagements && engagements.types.length > 0) {
    needs.push(tr.t('schema.ws.needs-engagements', { types: code(engagements.types, tr.t('schema.ws.and', {})), days: engagements.within }));
  }
  const fte = own(p.teamFte);
  if (fte && (fte.min !== undefined || fte.max !== undefined)) {
    needs.push(
      fte.min !== undefined && fte.max !== undefined
        ? tr.t('schema.ws.needs-fte', { min: fte.min, max: fte.max })
        : fte.min !== undefined
          ? tr.t('schema.ws.needs-fte-min', { min: fte.min })
          : tr.t('schema.ws.needs-fte-max', { max: fte.max! }),
    );
  }
  const review = own(p.reviewEveryDays);
  if (review !== undefined) needs.push(tr.t('schema.ws.needs-review', { days: review }));
  return needs.length > 0
    ? tr.t('schema.ws.tier', { id, range, needs: needs.join(tr.t('schema.ws.semicolon', {})) })
    : tr.t('schema.ws.tier-free', { id, range });
}
