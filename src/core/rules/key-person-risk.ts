import { msg } from '../../i18n/index.js';
import { pct, strongOnes } from './relationships.js';
import { policyOf, sectionPath, type PlanRule } from './types.js';

/**
 * One of our people holds the account (`policies.maxOwnerShare`): an owner (`relationships[].owner`)
 * owns more than the share of all the plan's relationships, or owns every strong one (strength ≥ 4,
 * at least one). The share is counted over all relationships, those without an owner included.
 */
export const keyPersonRisk: PlanRule = {
  id: 'key-person-risk',
  check({ plan, tier, policies }) {
    if (tier === null) return [];
    const max = policyOf(policies.maxOwnerShare, tier);
    if (max === undefined) return [];
    const relationships = plan.relationships ?? [];
    if (relationships.length === 0) return [];
    const counts = new Map<string, number>();
    for (const r of relationships) if (r.owner !== undefined) counts.set(r.owner, (counts.get(r.owner) ?? 0) + 1);
    let top: string | undefined;
    let most = 0;
    for (const [owner, n] of counts) if (n > most) { top = owner; most = n; }
    const path = sectionPath(plan, 'relationships');
    const total = relationships.length;
    if (top !== undefined && most / total > max) {
      return [{ message: msg('rule.key-person-risk.share', { owner: top, count: most, total, account: plan.name, share: pct(most / total), max: pct(max) }), path, on: 'key' }];
    }
    const strong = strongOnes(plan);
    const owner = strong[0]?.r.owner;
    if (owner !== undefined && strong.every(({ r }) => r.owner === owner)) {
      return [{ message: msg('rule.key-person-risk.strong', { owner, count: strong.length, account: plan.name }), path, on: 'key' }];
    }
    return [];
  },
};
