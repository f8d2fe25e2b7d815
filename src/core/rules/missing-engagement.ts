import { msg } from '../../i18n/index.js';
import { daysBetween } from '../dates.js';
import { policyOf, sectionPath, type PlanRule } from './types.js';

/** A required engagement type has no `done` engagement within the window before as-of. */
export const missingEngagement: PlanRule = {
  id: 'missing-engagement',
  check({ plan, tier, policies, asOf }) {
    if (tier === null) return [];
    const policy = policyOf(policies.engagements, tier);
    if (!policy) return [];
    return policy.types.flatMap((type) => {
      const done = (plan.engagements ?? []).some((e) => {
        if (e.type !== type || e.status !== 'done') return false;
        const age = daysBetween(e.date, asOf);
        return age >= 0 && age <= policy.within;
      });
      if (done) return [];
      return [{ message: msg('rule.missing-engagement', { type, within: policy.within, account: plan.name }), path: sectionPath(plan, 'engagements'), on: 'key' as const }];
    });
  },
};
