import { policyOf, sectionPath, type PlanRule } from './types.js';

/** Nobody in the relationships is the decision maker (tiers with a minContacts policy). */
export const noDecisionMaker: PlanRule = {
  id: 'no-decision-maker',
  check({ plan, tier, policies }) {
    if (tier === null || policyOf(policies.minContacts, tier) === undefined) return [];
    if ((plan.relationships ?? []).some((r) => r.role === 'decision-maker')) return [];
    return [{ message: `map the decision maker at ${plan.name}: add the person who makes the final call to relationships with role: decision-maker`, path: sectionPath(plan, 'relationships'), on: 'key' }];
  },
};
