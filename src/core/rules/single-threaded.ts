import { policyOf, sectionPath, type PlanRule } from './types.js';

/** Fewer contacts than the tier requires: the account hangs on too few people. */
export const singleThreaded: PlanRule = {
  id: 'single-threaded',
  check({ plan, tier, policies }) {
    if (tier === null) return [];
    const min = policyOf(policies.minContacts, tier);
    const count = plan.relationships?.length ?? 0;
    if (min === undefined || count >= min) return [];
    return [{ message: `${count} contact(s) at ${plan.name}; ${tier} accounts need at least ${min}: go from one contact to many (add relationships)`, path: sectionPath(plan, 'relationships'), on: 'key' }];
  },
};
