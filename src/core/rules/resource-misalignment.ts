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
      return [{ message: `team FTE ${shown} is below ${range.min} for a ${tier} account: put more people on it (team[].fte)`, path: sectionPath(plan, 'team'), on: 'key' }];
    }
    if (range.max !== undefined && total > range.max) {
      return [{ message: `team FTE ${shown} is above ${range.max} for a ${tier} account: move effort to where the value is`, path: sectionPath(plan, 'team'), on: 'key' }];
    }
    return [];
  },
};

/** `v` rounded to 1/`per`; a value too large to scale up is already whole. */
function rounded(v: number, per: number): number {
  const r = Math.round(v * per) / per;
  return Number.isFinite(r) ? r : v;
}
