import { msg } from '../../i18n/index.js';
import type { PlanRule } from './types.js';

/** The declared tier differs from the computed one. */
export const tierMismatch: PlanRule = {
  id: 'tier-mismatch',
  check({ plan, tier, account }) {
    if (plan.tier === undefined || plan.tier === tier) return [];
    const score = account.score.toFixed(1);
    return [{
      message: tier === null
        ? msg('rule.tier-mismatch.no-tier', { declared: plan.tier, score })
        : msg('rule.tier-mismatch.other-tier', { declared: plan.tier, score, computed: tier }),
      path: ['tier'],
    }];
  },
};
