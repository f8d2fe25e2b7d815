import { msg } from '../../i18n/index.js';
import { daysBetween } from '../dates.js';
import { policyOf, type PlanRule } from './types.js';

/** No review, or the last one is older than the tier's cadence. */
export const staleReview: PlanRule = {
  id: 'stale-review',
  check({ plan, tier, policies, asOf }) {
    if (tier === null) return [];
    const every = policyOf(policies.reviewEveryDays, tier);
    if (every === undefined) return [];
    const last = plan.review?.lastReviewed;
    if (last === undefined) {
      return [{ message: msg('rule.stale-review.never', { tier, every }), path: plan.review ? ['review'] : [], on: 'key' }];
    }
    const age = daysBetween(last, asOf);
    if (age <= every) return [];
    return [{ message: msg('rule.stale-review.old', { age, last, tier, every }), path: ['review', 'lastReviewed'] }];
  },
};
