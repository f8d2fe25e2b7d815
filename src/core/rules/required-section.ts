import { msg } from '../../i18n/index.js';
import { policyOf, type PlanRule } from './types.js';

/** A section the computed tier requires is absent or empty. */
export const requiredSection: PlanRule = {
  id: 'required-section',
  check({ plan, tier, policies }) {
    if (tier === null) return [];
    return (policyOf(policies.requiredSections, tier) ?? []).flatMap((section) => {
      const value = plan[section];
      const present = value !== undefined && value !== null && (Array.isArray(value) ? value.length > 0 : typeof value !== 'object' || Object.keys(value).length > 0);
      if (present) return [];
      return [{
        message: msg(value === undefined ? 'rule.required-section.add' : 'rule.required-section.fill', { section, tier }),
        path: value === undefined ? [] : [section],
        on: 'key' as const,
      }];
    });
  },
};
