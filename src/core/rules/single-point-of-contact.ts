import { msg } from '../../i18n/index.js';
import { strongOnes } from './relationships.js';
import { type PlanRule } from './types.js';

/**
 * One person at the customer holds the account (`policies.singlePointOfContact`): the plan has
 * strong relationships (strength ≥ 4) and all of them are with one person (one name). No finding
 * without strong relationships.
 */
export const singlePointOfContact: PlanRule = {
  id: 'single-point-of-contact',
  check({ plan, tier, policies }) {
    if (tier === null || !policies.singlePointOfContact.includes(tier)) return [];
    const strong = strongOnes(plan);
    if (strong.length === 0) return [];
    const name = strong[0]!.r.name;
    if (!strong.every(({ r }) => r.name === name)) return [];
    return [{ message: msg('rule.single-point-of-contact', { name, account: plan.name }), path: ['relationships', strong[0]!.i], on: 'value' }];
  },
};
