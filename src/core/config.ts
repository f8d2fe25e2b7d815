// The workspace config `kam.yaml` (SPEC 2.2) as a zod schema. Every key has the
// built-in default of SPEC 2.2, so a file holding only `version: 1` is valid.
import * as z from 'zod';
import { ENGAGEMENT_TYPES, PLAN_SECTIONS } from './plan.js';
import { RULE_IDS } from './findings.js';
import { DEFAULT_CRITERIA, DEFAULT_POLICIES, DEFAULT_TIERS } from './config-defaults.js';
import { weightSumProblem } from './scoring.js';
import { closest } from './suggest.js';
import { formatPath } from './validate.js';
import { LOCALES } from '../i18n/locale.js';

export { DEFAULT_CONFIG, DEFAULT_CRITERIA, DEFAULT_POLICIES, DEFAULT_TIERS } from './config-defaults.js';

const tierId = z.string().min(1);
const days = z.number().int().nonnegative();

const linearScale = z.strictObject({ type: z.literal('linear'), min: z.number(), max: z.number() });
const logScale = z.strictObject({ type: z.literal('log'), min: z.number(), max: z.number() });
const stepsScale = z.strictObject({
  type: z.literal('steps'),
  steps: z.array(z.strictObject({ min: z.number(), score: z.number().min(0).max(1) })).min(1),
});
const percentileScale = z.strictObject({ type: z.literal('percentile') });
export const scaleSchema = z.discriminatedUnion('type', [linearScale, logScale, stepsScale, percentileScale]);
export type Scale = z.infer<typeof scaleSchema>;

/** Inputs the scoring model knows (SPEC 3); `assessment.<name>` and `metrics.<name>` take custom names. */
export const FIXED_INPUTS = ['revenue.latest', 'revenue.total', 'revenue.cagr', 'wallet', 'shareOfWallet'] as const;
const CUSTOM_INPUT_RE = /^(assessment|metrics)\.([A-Za-z_][A-Za-z0-9_-]*)$/;

export function isKnownInput(input: string): boolean {
  if ((FIXED_INPUTS as readonly string[]).includes(input)) return true;
  const m = CUSTOM_INPUT_RE.exec(input);
  return m !== null && !(m[1] === 'metrics' && (m[2] === 'revenue' || m[2] === 'wallet'));
}

/** A display label: one text, or one per locale (`{ en: Strategic, zh-CN: 战略客户 }`). */
const labelSchema = z.union([z.string().min(1), z.partialRecord(z.enum(LOCALES), z.string().min(1))])
  .describe('What people read instead of the id: one text, or one per locale ({ en: Strategic, zh-CN: 战略客户 })');

export const criterionSchema = z.strictObject({
  id: z.string().min(1),
  label: labelSchema.optional(),
  weight: z.number().nonnegative(),
  input: z.string(),
  scale: scaleSchema,
});
export type Criterion = z.infer<typeof criterionSchema>;

const section = z.enum(PLAN_SECTIONS);
const engagementPolicy = z.strictObject({ within: days, types: z.array(z.enum(ENGAGEMENT_TYPES)) });
const fteRange = z.strictObject({ min: z.number().nonnegative().optional(), max: z.number().nonnegative().optional() });

const tierSchema = z.strictObject({ id: tierId, label: labelSchema.optional(), min: z.number() });

const policiesSchema = z.strictObject({
  requiredSections: z.record(tierId, z.array(section)).default(DEFAULT_POLICIES.requiredSections),
  reviewEveryDays: z.record(tierId, days).default(DEFAULT_POLICIES.reviewEveryDays),
  minContacts: z.record(tierId, z.number().int().nonnegative()).default(DEFAULT_POLICIES.minContacts),
  coachRequired: z.array(tierId).default(DEFAULT_POLICIES.coachRequired),
  engagements: z.record(tierId, engagementPolicy).default(DEFAULT_POLICIES.engagements),
  teamFte: z.record(tierId, fteRange).default(DEFAULT_POLICIES.teamFte),
  concentration: z
    .strictObject({ maxTop1Share: z.number().min(0).max(1).default(0.3) })
    .default({ maxTop1Share: 0.3 }),
});

/**
 * The shape of kam.yaml, with its defaults. `parseConfig` (config-file.ts) checks a file with it
 * and with crossFieldProblems on the file as written.
 */
export const configShape = z
  .strictObject({
    version: z.literal(1).default(1).describe('Config format version; 1'),
    currency: z.string().min(1).default('USD'),
    locale: z.enum(LOCALES).optional().describe('The language of kam\'s output for this workspace (en, zh-CN), unless --locale, KAM_LOCALE or LC_ALL/LC_MESSAGES/LANG say otherwise'),
    plans: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).default('accounts/*.yaml')
      .describe('Glob(s) of plan files, relative to kam.yaml'),
    criteria: z.array(criterionSchema).min(1).default(DEFAULT_CRITERIA).describe('The "big customer" model; weights are relative'),
    missing: z.enum(['zero', 'exclude']).default('zero').describe('How a missing input counts: zero, or excluded from both sums'),
    tiers: z.array(tierSchema).min(1).default(DEFAULT_TIERS)
      .describe('Highest first; an account gets the first tier whose min it reaches'),
    policies: policiesSchema.default(policiesSchema.parse({})),
    rules: z.partialRecord(z.enum(RULE_IDS as [string, ...string[]]), z.enum(['error', 'warn', 'off'])).default({})
      .describe('Severity per rule id: error | warn | off'),
    data: z
      .strictObject({
        columns: z.record(z.string(), z.string()).default({}).describe('Header name → kam column (e.g. 客户名称: name, Sales 2024: revenue_2024)'),
        decimal: z.enum(['.', ',']).optional().describe('The decimal mark of number cells written as text: "." or ","; without it kam decides from each file'),
        encoding: z.string().min(1).optional().describe('The encoding of text exports (e.g. gb18030, windows-1252); a byte order mark still wins'),
      })
      .default({ columns: {} })
      .describe('Client data (kam score --data, kam import): header mapping, decimal mark, encoding'),
  });

/**
 * The shape with the checks across keys that hold for any config (unique ids, known inputs,
 * usable scales and weights, tiers in order). The tier names of `policies` are left to
 * parseConfig: they are judged on the file as written, since a policy left out takes its default,
 * which names the default tiers.
 */
export const configSchema = configShape.superRefine((config, ctx) => {
  for (const p of crossFieldProblems(config, { policies: false })) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
});

export type KamConfig = z.output<typeof configShape>;
export type Tier = KamConfig['tiers'][number];
export type Policies = KamConfig['policies'];

// ---- checks across keys ---------------------------------------------------------------------
// They run on kam.yaml as read, whatever else is wrong with it, so that one run reports every
// problem of the file (a misspelt tier in policies next to a wrong type elsewhere). Each check
// looks only at values whose own shape is right: a value of the wrong shape is the schema's
// problem, and is not reported twice.

/** A problem found across keys, at a path of kam.yaml (the key, or its value). */
export interface ConfigCrossProblem {
  path: (string | number)[];
  on: 'key' | 'value';
  message: string;
}

/**
 * The policies that name tiers: a map keyed by tier id (requiredSections, reviewEveryDays, …) or
 * a list of tier ids (coachRequired). Read from the schema, so a per-tier policy added later is
 * checked as well.
 */
type TierPolicy = readonly [key: string, kind: 'map' | 'list'];
export const TIER_POLICIES: readonly TierPolicy[] = Object.entries(policiesSchema.shape).flatMap(([key, schema]): TierPolicy[] => {
  let inner: z.core.$ZodType = schema;
  while (inner._zod.def.type === 'default' || inner._zod.def.type === 'optional') inner = (inner._zod.def as unknown as { innerType: z.core.$ZodType }).innerType;
  const type = inner._zod.def.type;
  return type === 'record' ? [[key, 'map']] : type === 'array' ? [[key, 'list']] : [];
});

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function own(value: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
}

/** `"criteria[0].scale": message` (each message names the values it is about). */
function valueProblem(path: (string | number)[], message: string): ConfigCrossProblem {
  return { path, on: 'value', message: `"${formatPath(path)}": ${message}` };
}

/**
 * The message for a tier id that is not a tier of kam.yaml, named in kam.yaml's policies
 * (`config`) or declared by a plan (`plan`), with the closest tier id.
 */
export function unknownTierMessage(tier: string, tierIds: readonly string[], where: 'config' | 'plan'): string {
  const ids = [...new Set(tierIds)];
  const guess = closest(tier, ids);
  const hint = guess !== undefined ? `; did you mean "${guess}"?` : where === 'config' ? '; use one of them, or add it to tiers' : '; use one of them, or add it to the tiers of kam.yaml';
  return `tier "${tier}" is not ${where === 'config' ? 'in tiers' : 'a tier of kam.yaml'} (${ids.join(', ')})${hint}`;
}

/**
 * The tier ids of the file: those of `tiers`, or the defaults when the key is absent; undefined
 * when a tier has no readable id (then no tier can be said to be missing).
 */
function tierIdsOf(config: Record<string, unknown>): string[] | undefined {
  const tiers = own(config, 'tiers');
  if (tiers === undefined) return DEFAULT_TIERS.map((t) => t.id);
  if (!Array.isArray(tiers) || tiers.length === 0) return undefined;
  const ids: string[] = [];
  for (const tier of tiers) {
    const id = isMapping(tier) ? own(tier, 'id') : undefined;
    if (typeof id !== 'string' || id === '') return undefined;
    ids.push(id);
  }
  return ids;
}

/**
 * What the schema alone cannot say about kam.yaml: unique criterion and tier ids, known inputs,
 * usable scales and weights, tiers ordered highest first, and every tier named in `policies` a
 * tier of `tiers`.
 */
export function crossFieldProblems(config: unknown, options: { policies?: boolean } = {}): ConfigCrossProblem[] {
  if (!isMapping(config)) return [];
  const problems: ConfigCrossProblem[] = [];
  criteriaProblems(own(config, 'criteria'), problems);

  const tiers = own(config, 'tiers');
  if (Array.isArray(tiers)) {
    const seen = new Set<string>();
    tiers.forEach((raw, i) => {
      const id = isMapping(raw) ? own(raw, 'id') : undefined;
      if (typeof id === 'string' && id !== '') {
        if (seen.has(id)) problems.push(valueProblem(['tiers', i, 'id'], `tier id "${id}" is used twice; ids must be unique`));
        seen.add(id);
      }
      const t = tierSchema.safeParse(raw);
      const prev = i > 0 ? tierSchema.safeParse(tiers[i - 1]) : undefined;
      if (t.success && prev?.success && !(t.data.min < prev.data.min)) {
        const message = `tiers must be ordered highest first: "${t.data.id}" (min ${t.data.min}) must have a lower min than "${prev.data.id}" (min ${prev.data.min})`;
        problems.push(valueProblem(['tiers', i, 'min'], message));
      }
    });
  }

  const tierIds = tierIdsOf(config);
  const policies = own(config, 'policies');
  if (options.policies !== false && tierIds !== undefined && isMapping(policies)) {
    const known = new Set(tierIds);
    for (const [key, kind] of TIER_POLICIES) {
      const value = own(policies, key);
      const name = formatPath(['policies', key]);
      if (kind === 'map' && isMapping(value)) {
        for (const tier of Object.keys(value)) {
          // A reserved key is reported as such by the schema.
          if (known.has(tier) || RESERVED_KEYS.has(tier)) continue;
          problems.push({ path: ['policies', key, tier], on: 'key', message: `"${name}": ${unknownTierMessage(tier, tierIds, 'config')}` });
        }
      } else if (kind === 'list' && Array.isArray(value)) {
        value.forEach((tier, i) => {
          if (typeof tier !== 'string' || tier === '' || known.has(tier)) return;
          problems.push({ path: ['policies', key, i], on: 'value', message: `"${name}": ${unknownTierMessage(tier, tierIds, 'config')}` });
        });
      }
    }
  }
  return problems;
}

function criteriaProblems(criteria: unknown, problems: ConfigCrossProblem[]): void {
  if (!Array.isArray(criteria) || criteria.length === 0) return;
  const seen = new Set<string>();
  criteria.forEach((raw, i) => {
    if (!isMapping(raw)) return;
    const id = own(raw, 'id');
    if (typeof id === 'string' && id !== '') {
      if (seen.has(id)) problems.push(valueProblem(['criteria', i, 'id'], `criterion id "${id}" is used twice; ids must be unique`));
      seen.add(id);
    }
    const input = own(raw, 'input');
    if (typeof input === 'string' && !isKnownInput(input)) {
      const message = `unknown input "${input}"; use one of ${FIXED_INPUTS.join(', ')}, assessment.<name> or metrics.<name>${inputHint(input)}`;
      problems.push(valueProblem(['criteria', i, 'input'], message));
    }
    const parsed = scaleSchema.safeParse(own(raw, 'scale'));
    if (!parsed.success) return;
    const s = parsed.data;
    const at = ['criteria', i, 'scale'];
    if (s.type === 'log' && !(s.min > 0 && s.min < s.max)) {
      problems.push(valueProblem(at, `a log scale needs 0 < min < max (got min ${s.min}, max ${s.max})`));
    } else if (s.type === 'log' && !(Math.log10(s.max) - Math.log10(s.min) > 0)) {
      // Near the top of the number range two different numbers can have the same logarithm.
      problems.push(valueProblem(at, `min ${s.min} and max ${s.max} are too close for a log scale: their logarithms are equal; move them apart`));
    }
    if (s.type === 'linear' && !(s.min < s.max)) {
      problems.push(valueProblem(at, `a linear scale needs min < max (got min ${s.min}, max ${s.max})`));
    } else if (s.type === 'linear' && !Number.isFinite(s.max - s.min)) {
      problems.push(valueProblem(at, `max - min of a linear scale must be a finite number; min ${s.min} to max ${s.max} spans past about 1.8e308: narrow it`));
    }
  });
  // The sum of the weights, once each of them is a usable number (a bad one is the schema's problem).
  const weights = criteria.map((c) => (isMapping(c) ? own(c, 'weight') : undefined));
  if (!weights.every((w): w is number => typeof w === 'number' && Number.isFinite(w) && w >= 0)) return;
  const problem = weightSumProblem(weights);
  if (problem) problems.push(problem.index < 0 ? valueProblem(['criteria'], problem.message) : valueProblem(['criteria', problem.index, 'weight'], problem.message));
}

/** "Did you mean" for an input: the closest fixed input, or the closest one with the same prefix. */
function inputHint(input: string): string {
  const dot = input.indexOf('.');
  const prefix = dot > 0 ? input.slice(0, dot) : '';
  const candidates: string[] = [...FIXED_INPUTS];
  if (dot > 0 && (prefix !== 'assessment' && prefix !== 'metrics')) {
    // assessment.<x> / metrics.<x> with a misspelt prefix: suggest the prefix with the same name.
    for (const p of ['assessment', 'metrics']) candidates.push(`${p}.${input.slice(dot + 1)}`);
  }
  const guess = closest(input, candidates);
  return guess !== undefined && isKnownInput(guess) ? `; did you mean "${guess}"?` : '';
}
