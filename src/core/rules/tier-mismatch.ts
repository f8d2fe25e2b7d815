import type { PlanRule } from './types.js';

/** The declared tier differs from the computed one. */
export const tierMismatch: PlanRule = {
  id: 'tier-mismatch',
  check({ plan, tier, account }) {
    if (plan.tier === undefined || plan.tier === tier) return [];
    const computed = tier === null ? 'no tier' : `"${tier}"`;
    return [{
      message: `declared tier "${plan.tier}" but the score ${account.score.toFixed(1)} gives ${computed}; change tier: to ${tier ?? 'match'} or revisit the assessment`,
      path: ['tier'],
    }];
  },
};
