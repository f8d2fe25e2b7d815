import { msg } from '../../i18n/index.js';
import { policyOf, sectionPath, type PlanRule } from './types.js';

/** Nobody in the relationships is the decision maker (tiers with a minContacts policy). */
export const noDecisionMaker: PlanRule = {
  id: 'no-decision-maker',
  check({ plan, tier, policies }) {
    if (tier === null || policyOf(policies.minContacts, tier) === undefined) return [];
    if ((plan.relationships ?? []).some((r) => r.role === 'decision-maker')) return [];
    return [{ message: msg('rule.no-decision-maker', { account: plan.name }), path: sectionPath(plan, 'relationships'), on: 'key' }];
  },
};
