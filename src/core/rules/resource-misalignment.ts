import { msg } from '../../i18n/index.js';
import { policyOf, sectionPath, type PlanRule } from './types.js';

/** Our team's FTE on the account is outside the range its tier deserves. */
export const resourceMisalignment: PlanRule = {
  id: 'resource-misalignment',
  check({ plan, tier, policies }) {
    if (tier === null) return [];
    const range = policyOf(policies.teamFte, tier);
    if (!range) return [];
    const fte = (plan.team ?? []).reduce((sum, m) => sum + (m.fte ?? 0), 0);
    const shown = rounded(fte, 100);
    // Float sums (0.1 + 0.2) must not fall just outside a limit they meet.
    const total = rounded(fte, 1e9);
    if (range.min !== undefined && total < range.min) {
      return [{ message: msg('rule.resource-misalignment.below', { fte: shown, min: range.min, tier }), path: sectionPath(plan, 'team'), on: 'key' }];
    }
    if (range.max !== undefined && total > range.max) {
      return [{ message: msg('rule.resource-misalignment.above', { fte: shown, max: range.max, tier }), path: sectionPath(plan, 'team'), on: 'key' }];
    }
    return [];
  },
};

/** `v` rounded to 1/`per`; a value too large to scale up is already whole. */
function rounded(v: number, per: number): number {
  const r = Math.round(v * per) / per;
  return Number.isFinite(r) ? r : v;
}
