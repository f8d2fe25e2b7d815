import { sectionPath, type PlanRule } from './types.js';

/** No coach: nobody inside the customer guides us through the decision. */
export const noCoach: PlanRule = {
  id: 'no-coach',
  check({ plan, tier, policies }) {
    if (tier === null || !policies.coachRequired.includes(tier)) return [];
    if ((plan.relationships ?? []).some((r) => r.role === 'coach')) return [];
    return [{ message: `add a coach: someone inside ${plan.name} who guides you through the decision (a relationship with role: coach)`, path: sectionPath(plan, 'relationships'), on: 'key' }];
  },
};
