// The account plan (SPEC 2.1) as a zod schema; the TypeScript types are inferred from it.
import * as z from 'zod';
import { isValidIsoDate } from './dates.js';
import { msg, type Message } from '../i18n/index.js';
import { closest } from './suggest.js';

export const ISO_DATE = z
  .string()
  .refine(isValidIsoDate, { message: 'expected a date as YYYY-MM-DD' })
  .meta({ format: 'date', description: 'ISO date YYYY-MM-DD' });

export const ACCOUNT_ID = z
  .string()
  .regex(/^[a-z0-9]+(?:-+[a-z0-9]+)*$/, { message: "expected lowercase letters, digits and '-' (e.g. acme-telecom)" });

const text = z.string();
const amount = z.number().nonnegative();
const level = z.enum(['low', 'medium', 'high']);

export const RELATIONSHIP_ROLES = ['decision-maker', 'economic-buyer', 'technical-evaluator', 'user', 'influencer', 'coach', 'gatekeeper'] as const;
export const STANCES = ['champion', 'supporter', 'neutral', 'skeptic', 'opponent'] as const;
export const ENGAGEMENT_TYPES = ['technical-exchange', 'hq-visit', 'pilot', 'reference-visit', 'executive-meeting', 'other'] as const;
export const RELATIONSHIP_LAYERS = ['key', 'broad', 'organisational'] as const;
export const WHITESPACE_STATUSES = ['installed', 'opportunity', 'competitor', 'none'] as const;

export const ASSESSMENT_SCORE = z.number().min(0).max(5);

export const assessmentEntrySchema = z.union([
  ASSESSMENT_SCORE,
  // issue 20: `asOf`, the date of the judgement (stale-assessment, decay); a bare number is undated.
  z.strictObject({ score: ASSESSMENT_SCORE, note: text.optional(), asOf: ISO_DATE.optional() }),
]);

export const planSchema = z
  .strictObject({
    id: ACCOUNT_ID.describe('Unique account id: lowercase letters, digits and -'),
    name: z.string().min(1).describe('Customer name, any Unicode'),
    tier: z.string().min(1).optional().describe('The tier the team declares; compared with the computed tier'),
    // issue 20: a tier decided by people, with its reason; it decides the policies while in force.
    override: z
      .strictObject({
        tier: z.string().min(1),
        reason: z.string().min(1),
        by: z.string().min(1),
        until: ISO_DATE.optional(),
      })
      .optional(),
    industry: text.optional(),
    region: text.optional(),
    owner: text.optional().describe('The account manager'),
    team: z
      .array(z.strictObject({ name: text, role: text.optional(), fte: z.number().nonnegative().optional() }))
      .optional()
      .describe('Our people on the account'),
    metrics: z
      .object({
        revenue: z
          .record(z.string().regex(/^\d{4}$/, { message: 'expected a year (YYYY) as key' }), amount)
          .optional()
          .describe('Our revenue from this account per year (year: amount)'),
        wallet: amount.optional().describe("The customer's yearly addressable spend in our field"),
      })
      .catchall(z.number())
      .optional(),
    assessment: z
      .record(z.string(), assessmentEntrySchema)
      .optional()
      .describe('Judgement scores 0..5, a bare number or { score, note, asOf }'),
    objectives: z
      .array(z.strictObject({ what: text, product: text.optional(), target: z.number().optional(), due: ISO_DATE.optional() }))
      .optional(),
    whitespace: z
      .array(z.strictObject({ product: text, unit: text.optional(), status: z.enum(WHITESPACE_STATUSES) }))
      .optional(),
    relationships: z
      .array(
        z.strictObject({
          name: text,
          title: text.optional(),
          role: z.enum(RELATIONSHIP_ROLES).optional(),
          stance: z.enum(STANCES).optional(),
          strength: z.number().min(0).max(5).optional(),
          owner: text.optional(),
          lastContact: ISO_DATE.optional(),
          // issue 20: the layer of the relationship and the line of report (a name in the same plan).
          layer: z.enum(RELATIONSHIP_LAYERS).optional(),
          reportsTo: text.optional(),
        }),
      )
      .optional()
      .describe("The customer's decision chain"),
    competitors: z
      .array(z.strictObject({ name: text, position: text.optional(), threat: level.optional() }))
      .optional(),
    engagements: z
      .array(
        z.strictObject({
          type: z.enum(ENGAGEMENT_TYPES),
          date: ISO_DATE,
          status: z.enum(['planned', 'done', 'cancelled']).optional(),
          note: text.optional(),
        }),
      )
      .optional(),
    actions: z
      .array(
        z.strictObject({
          what: text,
          owner: text.optional(),
          due: ISO_DATE.optional(),
          status: z.enum(['open', 'done', 'dropped']).optional().describe('Absent means open'),
        }),
      )
      .optional(),
    risks: z
      .array(z.strictObject({ what: text, likelihood: level.optional(), impact: level.optional(), mitigation: text.optional() }))
      .optional(),
    review: z.strictObject({ lastReviewed: ISO_DATE.optional(), nextReview: ISO_DATE.optional() }).optional(),
  })
  .describe('kam account plan');

export type Plan = z.infer<typeof planSchema>;


/**
 * What the schema cannot say about a valid plan: numbers that are each finite but add up past the
 * largest number (about 1.8e308), where kam sums them (revenue.total, the team's FTE). A plan with
 * such a sum is a schema error like a number of 1e400. (A loop here, not a zod refinement: it runs
 * on every plan, and a plain loop costs nothing next to the parse.)
 */
export function overflowingSums(plan: Plan): { path: (string | number)[]; message: Message }[] {
  const found: { path: (string | number)[]; message: Message }[] = [];
  if (plan.metrics === undefined && plan.team === undefined) return found;
  const revenue = plan.metrics?.revenue;
  if (revenue !== undefined) {
    let sum = 0;
    for (const year in revenue) sum += revenue[year]!;
    if (!Number.isFinite(sum)) found.push({ path: ['metrics', 'revenue'], message: msg('validation.sum-overflow.revenue', {}) });
  }
  if (plan.team !== undefined) {
    let sum = 0;
    for (const member of plan.team) sum += member.fte ?? 0;
    if (!Number.isFinite(sum)) found.push({ path: ['team'], message: msg('validation.sum-overflow.team', {}) });
  }
  return found;
}

/**
 * `relationships[].reportsTo` must name another relationship of the same plan (issue 20): an
 * unknown name is a schema error at the value, with the closest name. A loop, like overflowingSums.
 */
export function unknownReportsTo(plan: Plan): { path: (string | number)[]; message: Message }[] {
  const found: { path: (string | number)[]; message: Message }[] = [];
  const relationships = plan.relationships;
  if (relationships === undefined) return found;
  let names: string[] | undefined;
  relationships.forEach((r, i) => {
    if (r.reportsTo === undefined) return;
    names ??= relationships.map((x) => x.name);
    if (names.includes(r.reportsTo)) return;
    const name = `relationships[${i}].reportsTo`;
    const guess = closest(r.reportsTo, names);
    found.push({
      path: ['relationships', i, 'reportsTo'],
      message: guess !== undefined ? msg('validation.reports-to.guess', { name, value: r.reportsTo, guess }) : msg('validation.reports-to', { name, value: r.reportsTo }),
    });
  });
  return found;
}

/** Sections whose presence policies can require (a section is present when its key exists and is non-empty). */
export const PLAN_SECTIONS = [
  'team', 'metrics', 'assessment', 'objectives', 'whitespace', 'relationships',
  'competitors', 'engagements', 'actions', 'risks', 'review',
] as const;
export type PlanSection = (typeof PLAN_SECTIONS)[number];
