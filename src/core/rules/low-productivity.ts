import { msg } from '../../i18n/index.js';
import { perFte, teamFte } from '../resources.js';
import { policyOf, sectionPath, type PlanRule } from './types.js';

/**
 * Revenue per FTE (人效) below the least its tier asks (`policies.revenuePerFte`): the latest
 * revenue divided by Σ team[].fte. No finding without a team FTE (0: nothing to divide; too few
 * people is `resource-misalignment`'s) nor without revenue data (`missing-criterion-data`'s).
 */
export const lowProductivity: PlanRule = {
  id: 'low-productivity',
  check({ plan, account, tier, policies }) {
    if (tier === null) return [];
    const min = policyOf(policies.revenuePerFte, tier);
    if (min === undefined) return [];
    if (Object.keys(plan.metrics?.revenue ?? {}).length === 0) return [];
    const fte = teamFte(plan.team);
    const value = perFte(account.latestRevenue, fte);
    if (value === null || !(value < min)) return [];
    return [{
      message: msg('rule.low-productivity', { perFte: Math.round(value), min, revenue: account.latestRevenue, fte, tier }),
      path: sectionPath(plan, 'team'),
      on: 'key',
    }];
  },
};
