import { msg } from '../../i18n/index.js';
import { pct } from './relationships.js';
import { policyOf, type PlanRule } from './types.js';

/**
 * Held by people, not by value (`policies.relationshipOnly`): the average strength of the
 * relationships that give one is at least `minAverageStrength` (default 4), but the share of wallet
 * (latest revenue / `metrics.wallet`, no revenue counting as 0) is below `minShareOfWallet`. No
 * finding without a positive wallet or without a relationship strength.
 */
export const relationshipOnly: PlanRule = {
  id: 'relationship-only',
  check({ plan, account, tier, policies }) {
    if (tier === null) return [];
    const policy = policyOf(policies.relationshipOnly, tier);
    if (policy === undefined) return [];
    const wallet = plan.metrics?.wallet;
    if (wallet === undefined || !(wallet > 0)) return [];
    const strengths = (plan.relationships ?? []).flatMap((r) => (r.strength === undefined ? [] : [r.strength]));
    if (strengths.length === 0) return [];
    const average = strengths.reduce((a, b) => a + b, 0) / strengths.length;
    if (average < policy.minAverageStrength) return [];
    const share = account.latestRevenue / wallet;
    if (!(share < policy.minShareOfWallet)) return [];
    return [{
      message: msg('rule.relationship-only', { account: plan.name, average: average.toFixed(1), share: pct(share), min: pct(policy.minShareOfWallet) }),
      path: ['metrics', 'wallet'],
    }];
  },
};
