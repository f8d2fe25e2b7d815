import { msg } from '../../i18n/index.js';
import { policyOf, sectionPath, type PlanRule } from './types.js';

/** Fewer contacts than the tier requires: the account hangs on too few people. */
export const singleThreaded: PlanRule = {
  id: 'single-threaded',
  check({ plan, tier, policies }) {
    if (tier === null) return [];
    const min = policyOf(policies.minContacts, tier);
    const count = plan.relationships?.length ?? 0;
    if (min === undefined || count >= min) return [];
    return [{ message: msg('rule.single-threaded', { count, account: plan.name, tier, min }), path: sectionPath(plan, 'relationships'), on: 'key' }];
  },
};
