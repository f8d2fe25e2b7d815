// The built-in defaults of kam.yaml (SPEC 2.2) as plain data: the schema in config.ts fills
// them in, and commands that need no kam.yaml (score --data outside a workspace) use them
// without loading the schema library. A test holds DEFAULT_CONFIG equal to what the schema
// makes of \`version: 1\`.
import type { Criterion, KamConfig } from './config.js';
import type { ENGAGEMENT_TYPES, PlanSection } from './plan.js';

type EngagementType = (typeof ENGAGEMENT_TYPES)[number];

export const DEFAULT_CRITERIA: Criterion[] = [
  { id: 'revenue', weight: 35, input: 'revenue.latest', scale: { type: 'log', min: 10_000, max: 100_000_000 } },
  { id: 'cumulativeVolume', weight: 25, input: 'revenue.total', scale: { type: 'log', min: 10_000, max: 500_000_000 } },
  { id: 'influence', weight: 20, input: 'assessment.influence', scale: { type: 'linear', min: 0, max: 5 } },
  { id: 'techProspects', weight: 20, input: 'assessment.techProspects', scale: { type: 'linear', min: 0, max: 5 } },
];

export const DEFAULT_TIERS = [
  { id: 'strategic', min: 75 },
  { id: 'key', min: 55 },
  { id: 'growth', min: 35 },
  { id: 'maintain', min: 0 },
];

// Typed here, not as KamConfig['policies']: the schema's own type is made from these.
export const DEFAULT_POLICIES = {
  requiredSections: {
    strategic: ['relationships', 'objectives', 'whitespace', 'competitors', 'engagements', 'actions'],
    key: ['relationships', 'objectives', 'actions'],
  } as Record<string, PlanSection[]>,
  reviewEveryDays: { strategic: 90, key: 120, growth: 180, maintain: 365 } as Record<string, number>,
  minContacts: { strategic: 5, key: 3 } as Record<string, number>,
  coachRequired: ['strategic', 'key'],
  engagements: {
    strategic: { within: 365, types: ['technical-exchange', 'executive-meeting'] },
    key: { within: 365, types: ['technical-exchange'] },
  } as Record<string, { within: number; types: EngagementType[] }>,
  teamFte: { strategic: { min: 1 }, maintain: { max: 0.5 } } as Record<string, { min?: number; max?: number }>,
  concentration: { maxTop1Share: 0.3 },
  // Whitespace rules (issue 19): minProducts and whitespaceByUnit are off by default (no tier named).
  minProducts: {} as Record<string, number>,
  competitorStronghold: ['strategic'],
  whitespaceByUnit: [] as string[],
  // issue 19 (method): the least revenue per FTE per tier (`low-productivity`); none by default.
  revenuePerFte: {} as Record<string, number>,
  // issue 20: the days an assessment entry stays valid per tier (`stale-assessment`); none by default.
  assessmentValidDays: {} as Record<string, number>,
  // issue 20: relationship rules, off by default (no tier named).
  maxOwnerShare: {} as Record<string, number>,
  singlePointOfContact: [] as string[],
  contactEveryDays: {} as Record<string, number>,
  relationshipOnly: {} as Record<string, { minAverageStrength: number; minShareOfWallet: number }>,
  executiveSponsor: [] as string[],
};

// issue 19 (method): archetype names per criterion id, and the pre-key accounts of `kam score --emerging`.
export const DEFAULT_ARCHETYPES: Record<string, string> = { revenue: 'revenue', influence: 'reference', cumulativeVolume: 'volume', techProspects: 'pioneer' };
export const DEFAULT_EMERGING = { threshold: 80 } as { below?: string; threshold: number; criteria?: string[] };

/** issue 22: the segment of the accounts that no segment of kam.yaml matches. */
export const DEFAULT_SEGMENT = 'default';

export const DEFAULT_CONFIG: KamConfig = {
  version: 1,
  currency: 'USD',
  plans: 'accounts/*.yaml',
  criteria: DEFAULT_CRITERIA,
  missing: 'zero',
  tiers: DEFAULT_TIERS,
  policies: DEFAULT_POLICIES,
  rules: {},
  data: { columns: {} },
  archetypes: DEFAULT_ARCHETYPES,
  emerging: DEFAULT_EMERGING,
};
