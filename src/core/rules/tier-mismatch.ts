import { msg } from '../../i18n/index.js';
import { overrideInForce } from '../override.js';
import type { PlanRule } from './types.js';

/** The declared tier differs from the computed one (silent while a tier override is in force, issue 20). */
export const tierMismatch: PlanRule = {
  id: 'tier-mismatch',
  check({ plan, account, asOf }) {
    const tier = account.tier;
    if (plan.tier === undefined || plan.tier === tier || overrideInForce(plan, asOf) !== undefined) return [];
    const score = account.score.toFixed(1);
    return [{
      message: tier === null
        ? msg('rule.tier-mismatch.no-tier', { declared: plan.tier, score })
        : msg('rule.tier-mismatch.other-tier', { declared: plan.tier, score, computed: tier }),
      path: ['tier'],
    }];
  },
};
