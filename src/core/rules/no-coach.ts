import { msg } from '../../i18n/index.js';
import { sectionPath, type PlanRule } from './types.js';

/** No coach: nobody inside the customer guides us through the decision. */
export const noCoach: PlanRule = {
  id: 'no-coach',
  check({ plan, tier, policies }) {
    if (tier === null || !policies.coachRequired.includes(tier)) return [];
    if ((plan.relationships ?? []).some((r) => r.role === 'coach')) return [];
    return [{ message: msg('rule.no-coach', { account: plan.name }), path: sectionPath(plan, 'relationships'), on: 'key' }];
  },
};
