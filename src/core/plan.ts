// The account plan (SPEC 2.1) as a zod schema; the TypeScript types are inferred from it.
import * as z from 'zod';
import { isValidIsoDate } from './dates.js';

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
export const WHITESPACE_STATUSES = ['installed', 'opportunity', 'competitor', 'none'] as const;

export const ASSESSMENT_SCORE = z.number().min(0).max(5);

export const assessmentEntrySchema = z.union([
  ASSESSMENT_SCORE,
  z.strictObject({ score: ASSESSMENT_SCORE, note: text.optional() }),
]);

export const planSchema = z
  .strictObject({
    id: ACCOUNT_ID.describe('Unique account id: lowercase letters, digits and -'),
    name: z.string().min(1).describe('Customer name, any Unicode'),
    tier: z.string().min(1).optional().describe('The tier the team declares; compared with the computed tier'),
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
      .describe('Judgement scores 0..5, a bare number or { score, note }'),
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

/** Sections whose presence policies can require (a section is present when its key exists and is non-empty). */
export const PLAN_SECTIONS = [
  'team', 'metrics', 'assessment', 'objectives', 'whitespace', 'relationships',
  'competitors', 'engagements', 'actions', 'risks', 'review',
] as const;
export type PlanSection = (typeof PLAN_SECTIONS)[number];
