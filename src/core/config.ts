// The workspace config `kam.yaml` (SPEC 2.2) as a zod schema. Every key has the
// built-in default of SPEC 2.2, so a file holding only `version: 1` is valid.
import * as z from 'zod';
import { ENGAGEMENT_TYPES, PLAN_SECTIONS } from './plan.js';
import { RULE_IDS } from './findings.js';
import { DEFAULT_ARCHETYPES, DEFAULT_CRITERIA, DEFAULT_EMERGING, DEFAULT_POLICIES, DEFAULT_SEGMENT, DEFAULT_TIERS } from './config-defaults.js';
import { MIN_WEIGHT, weightSumProblem } from './scoring.js';
import { closest } from './suggest.js';
import { formatPath, problemText } from './validate.js';
import { english, msg, type Message } from '../i18n/index.js';
import { LOCALES } from '../i18n/locale.js';

export { DEFAULT_CONFIG, DEFAULT_CRITERIA, DEFAULT_POLICIES, DEFAULT_SEGMENT, DEFAULT_TIERS } from './config-defaults.js';

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
  // issue 20: the input weighed by its age (assessment.* inputs only: crossFieldProblems).
  decay: z.strictObject({ halfLifeDays: z.number().positive() }).optional(),
});
export type Criterion = z.infer<typeof criterionSchema>;

const section = z.enum(PLAN_SECTIONS);
const engagementPolicy = z.strictObject({ within: days, types: z.array(z.enum(ENGAGEMENT_TYPES)) });
const fteRange = z.strictObject({ min: z.number().nonnegative().optional(), max: z.number().nonnegative().optional() });

const tierSchema = z.strictObject({ id: tierId, label: labelSchema.optional(), min: z.number() });

// issue 22: segments, each a scorecard that overrides only what it names (src/core/segments.ts).
/** A `when` value: one text or a list of texts (any of them), or a range `{ min?, max? }` for a number input. */
const whenValue = z.union([
  z.string().min(1),
  z.array(z.string().min(1)).min(1),
  z.strictObject({ min: z.number().optional(), max: z.number().optional() }),
]);
export const segmentSchema = z.strictObject({
  id: z.string().min(1),
  label: labelSchema.optional(),
  when: z.record(z.string().min(1), whenValue),
  criteria: z.array(criterionSchema).min(1).optional(),
  tiers: z.record(tierId, z.number()).optional(),
  weights: z.record(z.string().min(1), z.number().nonnegative()).optional(),
});
export type Segment = z.infer<typeof segmentSchema>;
export type SegmentWhen = Segment['when'][string];

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
  // Whitespace rules (issue 19).
  minProducts: z.record(tierId, z.number().int().nonnegative()).default(DEFAULT_POLICIES.minProducts),
  competitorStronghold: z.array(tierId).default(DEFAULT_POLICIES.competitorStronghold),
  whitespaceByUnit: z.array(tierId).default(DEFAULT_POLICIES.whitespaceByUnit),
  // issue 19 (method)
  revenuePerFte: z.record(tierId, z.number().nonnegative()).default(DEFAULT_POLICIES.revenuePerFte),
  // issue 20 (freshness): the days an assessment stays valid per tier (`stale-assessment`); none by default.
  assessmentValidDays: z.record(tierId, days).default(DEFAULT_POLICIES.assessmentValidDays),
  // Relationship rules (issue 20): all off by default (no tier named).
  maxOwnerShare: z.record(tierId, z.number().min(0).max(1)).default(DEFAULT_POLICIES.maxOwnerShare),
  singlePointOfContact: z.array(tierId).default(DEFAULT_POLICIES.singlePointOfContact),
  contactEveryDays: z.record(tierId, days).default(DEFAULT_POLICIES.contactEveryDays),
  relationshipOnly: z
    .record(tierId, z.strictObject({ minAverageStrength: z.number().min(0).max(5).default(4), minShareOfWallet: z.number().min(0).max(1) }))
    .default(DEFAULT_POLICIES.relationshipOnly),
  executiveSponsor: z.array(tierId).default(DEFAULT_POLICIES.executiveSponsor),
});

/**
 * The shape of kam.yaml, with its defaults. `parseConfig` (config-file.ts) checks a file with it
 * and with crossFieldProblems on the file as written.
 */
export const configShape = z
  .strictObject({
    version: z.literal(1).default(1).describe('Config format version; 1'),
    currency: z.string().min(1).default('USD'),
    ids: z.enum(['pinyin', 'hash']).optional().describe('How ids are made of names ASCII cannot spell: pinyin (default; 中国移动 → zhong-guo-yi-dong) or hash (account-1a2b3c4d, as before)'),
    locale: z.enum(LOCALES).optional().describe('The language of kam\'s output for this workspace (en, zh-CN), unless --locale, KAM_LOCALE or LC_ALL/LC_MESSAGES/LANG say otherwise'),
    plans: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).default('accounts/*.yaml')
      .describe('Glob(s) of plan files, relative to kam.yaml'),
    criteria: z.array(criterionSchema).min(1).default(DEFAULT_CRITERIA).describe('The "big customer" model; weights are relative'),
    missing: z.enum(['zero', 'exclude']).default('zero').describe('How a missing input counts: zero, or excluded from both sums'),
    tiers: z.array(tierSchema).min(1).default(DEFAULT_TIERS)
      .describe('Highest first; an account gets the first tier whose min it reaches'),
    segments: z.array(segmentSchema).min(1).optional()
      .describe('Scorecards per kind of account (issue 22): first match wins; the rest are in segment "default"'),
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
    // issue 19 (method): archetypes and the pre-key accounts of `kam score --emerging`
    archetypes: z.record(z.string().min(1), z.string().min(1)).default(DEFAULT_ARCHETYPES)
      .describe('Criterion id → archetype name: the criterion that lifts an account most above the portfolio names its archetype'),
    emerging: z
      .strictObject({
        below: tierId.optional().describe('The lowest key tier: pre-key accounts are those of the tiers below it (default: the second tier)'),
        threshold: z.number().min(0).max(100).default(80).describe('The criterion score (0..100) a pre-key account reaches on at least one of the criteria'),
        criteria: z.array(z.string().min(1)).min(1).optional().describe('The criteria that make a pre-key account (default: every criterion whose input is not revenue.latest)'),
      })
      .default(DEFAULT_EMERGING)
      .describe('The pre-key accounts of kam score --emerging'),
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
  /** In English (the schema's refinement and findings read it). */
  message: string;
  /** The message as data (src/i18n/en/validation.ts). */
  text: Message;
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

/**
 * A problem at a value, `"criteria[0].scale": …` (each message names the values it is about):
 * `make` gets the path as text (the `name` of the message).
 */
function valueProblem(path: (string | number)[], make: (name: string) => Message): ConfigCrossProblem {
  return { path, on: 'value', ...problemText(make(formatPath(path))) };
}

/**
 * The message for a tier id that is not a tier of kam.yaml, named in kam.yaml's policies
 * (`config`, at the policy `name`) or declared by a plan (`plan`), with the closest tier id.
 */
export function unknownTierMessage(tier: string, tierIds: readonly string[], where: 'plan'): Message;
export function unknownTierMessage(tier: string, tierIds: readonly string[], where: 'config', name: string): Message;
export function unknownTierMessage(tier: string, tierIds: readonly string[], where: 'config' | 'plan', name = ''): Message {
  const ids = [...new Set(tierIds)];
  const guess = closest(tier, ids);
  const list = ids.join(', ');
  if (where === 'plan') return guess !== undefined ? msg('validation.plan-tier.guess', { tier, ids: list, guess }) : msg('validation.plan-tier', { tier, ids: list });
  return guess !== undefined ? msg('validation.config.policy-tier.guess', { name, tier, ids: list, guess }) : msg('validation.config.policy-tier', { name, tier, ids: list });
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
        if (seen.has(id)) problems.push(valueProblem(['tiers', i, 'id'], (name) => msg('validation.config.tier-twice', { name, id })));
        seen.add(id);
      }
      const t = tierSchema.safeParse(raw);
      const prev = i > 0 ? tierSchema.safeParse(tiers[i - 1]) : undefined;
      if (t.success && prev?.success && !(t.data.min < prev.data.min)) {
        const order = { tier: t.data.id, min: String(t.data.min), prev: prev.data.id, prevMin: String(prev.data.min) };
        problems.push(valueProblem(['tiers', i, 'min'], (name) => msg('validation.config.tier-order', { name, ...order })));
      }
    });
  }

  const tierIds = tierIdsOf(config);
  if (own(config, 'segments') !== undefined) problems.push(...segmentProblems(config, tierIds));
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
          problems.push({ path: ['policies', key, tier], on: 'key', ...problemText(unknownTierMessage(tier, tierIds, 'config', name)) });
        }
      } else if (kind === 'list' && Array.isArray(value)) {
        value.forEach((tier, i) => {
          if (typeof tier !== 'string' || tier === '' || known.has(tier)) return;
          problems.push({ path: ['policies', key, i], on: 'value', ...problemText(unknownTierMessage(tier, tierIds, 'config', name)) });
        });
      }
    }
  }
  return problems;
}

function criteriaProblems(criteria: unknown, problems: ConfigCrossProblem[], at: (string | number)[] = ['criteria'], sum = true): void {
  if (!Array.isArray(criteria) || criteria.length === 0) return;
  const seen = new Set<string>();
  criteria.forEach((raw, i) => {
    if (!isMapping(raw)) return;
    const id = own(raw, 'id');
    if (typeof id === 'string' && id !== '') {
      if (seen.has(id)) problems.push(valueProblem([...at, i, 'id'], (name) => msg('validation.config.criterion-twice', { name, id })));
      seen.add(id);
    }
    const input = own(raw, 'input');
    if (typeof input === 'string' && !isKnownInput(input)) {
      const guess = inputGuess(input);
      const fixed = FIXED_INPUTS.join(', ');
      problems.push(valueProblem([...at, i, 'input'], (name) => (guess !== undefined ? msg('validation.config.input.guess', { name, input, fixed, guess }) : msg('validation.config.input', { name, input, fixed }))));
    }
    // issue 20: decay weighs an assessment by its date; other inputs have none.
    if (own(raw, 'decay') !== undefined && typeof input === 'string' && isKnownInput(input) && !input.startsWith('assessment.')) {
      problems.push(valueProblem([...at, i, 'decay'], (name) => msg('validation.config.decay-input', { name, input })));
    }
    const parsed = scaleSchema.safeParse(own(raw, 'scale'));
    if (!parsed.success) return;
    const s = parsed.data;
    const scaleAt = [...at, i, 'scale'];
    const range = { min: String(s.type === 'log' || s.type === 'linear' ? s.min : ''), max: String(s.type === 'log' || s.type === 'linear' ? s.max : '') };
    if (s.type === 'log' && !(s.min > 0 && s.min < s.max)) {
      problems.push(valueProblem(scaleAt, (name) => msg('validation.config.log-range', { name, ...range })));
    } else if (s.type === 'log' && !(Math.log10(s.max) - Math.log10(s.min) > 0)) {
      // Near the top of the number range two different numbers can have the same logarithm.
      problems.push(valueProblem(scaleAt, (name) => msg('validation.config.log-close', { name, ...range })));
    }
    if (s.type === 'linear' && !(s.min < s.max)) {
      problems.push(valueProblem(scaleAt, (name) => msg('validation.config.linear-range', { name, ...range })));
    } else if (s.type === 'linear' && !Number.isFinite(s.max - s.min)) {
      problems.push(valueProblem(scaleAt, (name) => msg('validation.config.linear-span', { name, ...range })));
    }
  });
  if (!sum) return;
  // The sum of the weights, once each of them is a usable number (a bad one is the schema's problem).
  const weights = criteria.map((c) => (isMapping(c) ? own(c, 'weight') : undefined));
  if (!weights.every((w): w is number => typeof w === 'number' && Number.isFinite(w) && w >= 0)) return;
  const problem = weightSumProblem(weights);
  if (!problem) return;
  const path = problem.index < 0 ? ['criteria'] : ['criteria', problem.index, 'weight'];
  const w = problem.index < 0 ? undefined : weights[problem.index]!;
  // Which of weightSumProblem's problems it is (its English text is the message kam always wrote).
  const tiny = w !== undefined && w > 0 && w < MIN_WEIGHT;
  problems.push(valueProblem(path, (name) => {
    const text = problem.index < 0 ? msg('validation.config.weights-zero', { name }) : tiny ? msg('validation.config.weight-tiny', { name, min: String(MIN_WEIGHT) }) : msg('validation.config.weights-overflow', { name });
    return english(text) === `"${name}": ${problem.message}` ? text : msg('validation.text', { text: `"${name}": ${problem.message}` });
  }));
}

/** "Did you mean" for an input: the closest fixed input, or the closest one with the same prefix. */
function inputGuess(input: string): string | undefined {
  const dot = input.indexOf('.');
  const prefix = dot > 0 ? input.slice(0, dot) : '';
  const candidates: string[] = [...FIXED_INPUTS];
  if (dot > 0 && (prefix !== 'assessment' && prefix !== 'metrics')) {
    // assessment.<x> / metrics.<x> with a misspelt prefix: suggest the prefix with the same name.
    for (const p of ['assessment', 'metrics']) candidates.push(`${p}.${input.slice(dot + 1)}`);
  }
  const guess = closest(input, candidates);
  return guess !== undefined && isKnownInput(guess) ? guess : undefined;
}

// ---- segments (issue 22) ----------------------------------------------------------------------


/** The plan fields a segment's `when` compares as text (one text, or a list: any of them). */
export const WHEN_TEXT_FIELDS = ['industry', 'region', 'owner', 'tier', 'id', 'name'] as const;

/** A `when` key that takes a range `{ min?, max? }`: a number input of the model (`metrics.<x>`, `revenue.latest`, …). */
export function isWhenRangeKey(key: string): boolean {
  return isKnownInput(key) || key === 'metrics.wallet';
}

/**
 * The segments' problems: unique ids (`default` is the rest's), `when` keys and values, weights
 * and tiers naming what the model has, tiers still highest first, and each segment's own criteria
 * and weights a usable model.
 */
function segmentProblems(config: Record<string, unknown>, tierIds: string[] | undefined): ConfigCrossProblem[] {
  const segments = own(config, 'segments');
  if (!Array.isArray(segments)) return [];
  const problems: ConfigCrossProblem[] = [];
  const topCriteria = own(config, 'criteria') === undefined ? DEFAULT_CRITERIA : own(config, 'criteria');
  const topIds = Array.isArray(topCriteria) ? topCriteria.map((c) => (isMapping(c) ? own(c, 'id') : undefined)).filter((id): id is string => typeof id === 'string') : [];
  const topTiers = own(config, 'tiers') === undefined ? DEFAULT_TIERS : own(config, 'tiers');
  const seen = new Set<string>();
  segments.forEach((raw, i) => {
    if (!isMapping(raw)) return;
    const id = own(raw, 'id');
    if (typeof id === 'string' && id !== '') {
      if (id === DEFAULT_SEGMENT) problems.push(valueProblem(['segments', i, 'id'], (name) => msg('segment.config.default-id', { name, id })));
      else if (seen.has(id)) problems.push(valueProblem(['segments', i, 'id'], (name) => msg('segment.config.id-twice', { name, id })));
      seen.add(id);
    }
    const when = own(raw, 'when');
    if (isMapping(when)) {
      for (const [key, value] of Object.entries(when)) {
        const at = ['segments', i, 'when', key];
        const text = (WHEN_TEXT_FIELDS as readonly string[]).includes(key);
        if (!text && !isWhenRangeKey(key)) {
          const guess = closest(key, [...WHEN_TEXT_FIELDS, ...FIXED_INPUTS, ...(key.includes('.') ? [] : [`metrics.${key}`])]);
          const fields = WHEN_TEXT_FIELDS.join(', ');
          problems.push({ path: at, on: 'key', ...problemText(guess !== undefined ? msg('segment.config.when-key.guess', { name: formatPath(['segments', i, 'when']), key, fields, guess }) : msg('segment.config.when-key', { name: formatPath(['segments', i, 'when']), key, fields })) });
          continue;
        }
        const isRange = isMapping(value);
        if (text && isRange) problems.push(valueProblem(at, (name) => msg('segment.config.when-text', { name, key })));
        else if (!text && !isRange && value !== undefined) problems.push(valueProblem(at, (name) => msg('segment.config.when-range', { name, key })));
        else if (isRange) {
          const min = own(value, 'min');
          const max = own(value, 'max');
          if (typeof min === 'number' && typeof max === 'number' && !(min <= max)) problems.push(valueProblem(at, (name) => msg('segment.config.when-empty-range', { name, min: String(min), max: String(max) })));
        } else if (key === 'tier' && tierIds !== undefined) {
          const values = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
          values.forEach((tier, k) => {
            if (typeof tier !== 'string' || tier === '' || tierIds.includes(tier)) return;
            const path = typeof value === 'string' ? at : [...at, k];
            problems.push({ path, on: 'value', ...problemText(unknownTierMessage(tier, tierIds, 'config', formatPath(at))) });
          });
        }
      }
    }
    const ownCriteria = own(raw, 'criteria');
    criteriaProblems(ownCriteria, problems, ['segments', i, 'criteria'], false);
    const ownIds = Array.isArray(ownCriteria) ? ownCriteria.map((c) => (isMapping(c) ? own(c, 'id') : undefined)).filter((c): c is string => typeof c === 'string') : [];
    const known = [...new Set([...topIds, ...ownIds])];
    const weights = own(raw, 'weights');
    if (isMapping(weights)) {
      for (const criterion of Object.keys(weights)) {
        if (known.includes(criterion) || RESERVED_KEYS.has(criterion)) continue;
        const guess = closest(criterion, known);
        const name = formatPath(['segments', i, 'weights']);
        const ids = known.join(', ');
        problems.push({ path: ['segments', i, 'weights', criterion], on: 'key', ...problemText(guess !== undefined ? msg('segment.config.weight-criterion.guess', { name, criterion, ids, guess }) : msg('segment.config.weight-criterion', { name, criterion, ids })) });
      }
    }
    // The segment's own weights add up to a usable model (its criteria, then its weights, over the top-level ones).
    if (Array.isArray(topCriteria)) {
      const merged = new Map<string, unknown>();
      for (const c of topCriteria) if (isMapping(c) && typeof own(c, 'id') === 'string') merged.set(own(c, 'id') as string, own(c, 'weight'));
      if (Array.isArray(ownCriteria)) for (const c of ownCriteria) if (isMapping(c) && typeof own(c, 'id') === 'string') merged.set(own(c, 'id') as string, own(c, 'weight'));
      if (isMapping(weights)) for (const [k, w] of Object.entries(weights)) if (merged.has(k)) merged.set(k, w);
      const values = [...merged.values()];
      if (values.length > 0 && values.every((w): w is number => typeof w === 'number' && Number.isFinite(w) && w >= 0)) {
        const problem = weightSumProblem(values);
        if (problem) problems.push(valueProblem(['segments', i], (name) => msg('segment.config.weights', { name, problem: problem.message })));
      }
    }
    const tiers = own(raw, 'tiers');
    if (isMapping(tiers) && tierIds !== undefined) {
      for (const tier of Object.keys(tiers)) {
        if (tierIds.includes(tier) || RESERVED_KEYS.has(tier)) continue;
        problems.push({ path: ['segments', i, 'tiers', tier], on: 'key', ...problemText(unknownTierMessage(tier, tierIds, 'config', formatPath(['segments', i, 'tiers']))) });
      }
      // Still highest first once the segment's mins replace the top-level ones.
      if (Array.isArray(topTiers)) {
        let prev: { id: string; min: number } | undefined;
        for (const t of topTiers) {
          const parsed = tierSchema.safeParse(t);
          if (!parsed.success) break;
          const over = own(tiers, parsed.data.id);
          const min = typeof over === 'number' ? over : parsed.data.min;
          if (prev !== undefined && !(min < prev.min)) {
            const order = { tier: parsed.data.id, min: String(min), prev: prev.id, prevMin: String(prev.min) };
            problems.push(valueProblem(['segments', i, 'tiers'], (name) => msg('validation.config.tier-order', { name, ...order })));
            break;
          }
          prev = { id: parsed.data.id, min };
        }
      }
    }
  });
  return problems;
}

/**
 * Warnings (kam.yaml stays valid): a segment no account can reach, because an earlier segment's
 * `when` holds for every account this one's holds for (the same or weaker conditions). Run on
 * the validated config.
 */
export function segmentWarnings(config: Pick<KamConfig, 'segments'>): ConfigCrossProblem[] {
  const segments = config.segments ?? [];
  const out: ConfigCrossProblem[] = [];
  segments.forEach((later, j) => {
    for (let i = 0; i < j; i++) {
      const earlier = segments[i]!;
      if (!covers(earlier.when, later.when)) continue;
      out.push(valueProblem(['segments', j, 'when'], (name) => msg('segment.config.shadowed', { name, id: later.id, earlier: earlier.id })));
      break;
    }
  });
  return out;
}

/** True when every account that meets `narrow` meets `wide`: each condition of `wide` is one of `narrow`, as wide or wider. */
function covers(wide: Segment['when'], narrow: Segment['when']): boolean {
  for (const [key, w] of Object.entries(wide)) {
    if (!Object.hasOwn(narrow, key)) return false;
    const n = narrow[key]!;
    if (typeof w === 'string' || Array.isArray(w)) {
      if (typeof n !== 'string' && !Array.isArray(n)) return false;
      const allowed = new Set(typeof w === 'string' ? [w] : w);
      if (!(typeof n === 'string' ? [n] : n).every((v) => allowed.has(v))) return false;
    } else {
      if (typeof n === 'string' || Array.isArray(n)) return false;
      if (w.min !== undefined && !(n.min !== undefined && n.min >= w.min)) return false;
      if (w.max !== undefined && !(n.max !== undefined && n.max <= w.max)) return false;
    }
  }
  return true;
}
