// The workspace config `kam.yaml` (SPEC 2.2) as a zod schema. Every key has the
// built-in default of SPEC 2.2, so a file holding only `version: 1` is valid.
import * as z from 'zod';
import { ENGAGEMENT_TYPES, PLAN_SECTIONS } from './plan.js';
import { RULE_IDS } from './findings.js';
import { DEFAULT_CRITERIA, DEFAULT_POLICIES, DEFAULT_TIERS } from './config-defaults.js';
import { weightSumProblem } from './scoring.js';

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

export const criterionSchema = z.strictObject({
  id: z.string().min(1),
  weight: z.number().nonnegative(),
  input: z.string(),
  scale: scaleSchema,
});
export type Criterion = z.infer<typeof criterionSchema>;

const section = z.enum(PLAN_SECTIONS);
const engagementPolicy = z.strictObject({ within: days, types: z.array(z.enum(ENGAGEMENT_TYPES)) });
const fteRange = z.strictObject({ min: z.number().nonnegative().optional(), max: z.number().nonnegative().optional() });

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

export const configSchema = z
  .strictObject({
    version: z.literal(1).default(1).describe('Config format version; 1'),
    currency: z.string().min(1).default('USD'),
    plans: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).default('accounts/*.yaml')
      .describe('Glob(s) of plan files, relative to kam.yaml'),
    criteria: z.array(criterionSchema).min(1).default(DEFAULT_CRITERIA).describe('The "big customer" model; weights are relative'),
    missing: z.enum(['zero', 'exclude']).default('zero').describe('How a missing input counts: zero, or excluded from both sums'),
    tiers: z.array(z.strictObject({ id: tierId, min: z.number() })).min(1).default(DEFAULT_TIERS)
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
  })
  .superRefine((config, ctx) => {
    // Cross-field checks, each reported at the offending key's path.
    const seen = new Set<string>();
    config.criteria.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['criteria', i, 'id'], message: `criterion id "${c.id}" is used twice; ids must be unique` });
      seen.add(c.id);
      if (!isKnownInput(c.input)) {
        ctx.addIssue({
          code: 'custom',
          path: ['criteria', i, 'input'],
          message: `unknown input "${c.input}"; use one of ${FIXED_INPUTS.join(', ')}, assessment.<name> or metrics.<name>`,
        });
      }
      const s = c.scale;
      if (s.type === 'log' && !(s.min > 0 && s.min < s.max)) {
        ctx.addIssue({ code: 'custom', path: ['criteria', i, 'scale'], message: `a log scale needs 0 < min < max (got min ${s.min}, max ${s.max})` });
      } else if (s.type === 'log' && !(Math.log10(s.max) - Math.log10(s.min) > 0)) {
        // Near the top of the number range two different numbers can have the same logarithm.
        ctx.addIssue({ code: 'custom', path: ['criteria', i, 'scale'], message: `min ${s.min} and max ${s.max} are too close for a log scale: their logarithms are equal; move them apart` });
      }
      if (s.type === 'linear' && !(s.min < s.max)) {
        ctx.addIssue({ code: 'custom', path: ['criteria', i, 'scale'], message: `a linear scale needs min < max (got min ${s.min}, max ${s.max})` });
      } else if (s.type === 'linear' && !Number.isFinite(s.max - s.min)) {
        ctx.addIssue({ code: 'custom', path: ['criteria', i, 'scale'], message: `max - min of a linear scale must be a finite number; min ${s.min} to max ${s.max} spans past about 1.8e308: narrow it` });
      }
    });
    const weights = weightSumProblem(config.criteria.map((c) => c.weight));
    if (weights) ctx.addIssue({ code: 'custom', path: weights.index < 0 ? ['criteria'] : ['criteria', weights.index, 'weight'], message: weights.message });
    const tierIds = new Set<string>();
    config.tiers.forEach((t, i) => {
      if (tierIds.has(t.id)) ctx.addIssue({ code: 'custom', path: ['tiers', i, 'id'], message: `tier id "${t.id}" is used twice` });
      tierIds.add(t.id);
      const prev = config.tiers[i - 1];
      if (prev && !(t.min < prev.min)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'min'],
          message: `tiers must be ordered highest first: "${t.id}" (min ${t.min}) must have a lower min than "${prev.id}" (min ${prev.min})`,
        });
      }
    });
  });

export type KamConfig = z.output<typeof configSchema>;
export type Tier = KamConfig['tiers'][number];
export type Policies = KamConfig['policies'];

