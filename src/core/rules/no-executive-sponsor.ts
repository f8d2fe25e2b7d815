import { msg } from '../../i18n/index.js';
import { sectionPath, type PlanRule } from './types.js';

/** The role on our team (`team[].role`) of an executive sponsor. */
export const EXECUTIVE_SPONSOR = 'executive-sponsor';

/**
 * No executive of ours holds a relationship (`policies.executiveSponsor`, a list of tiers): no
 * relationship's `owner` is the name of a team member with `role: executive-sponsor`.
 */
export const noExecutiveSponsor: PlanRule = {
  id: 'no-executive-sponsor',
  check({ plan, tier, policies }) {
    if (tier === null || !policies.executiveSponsor.includes(tier)) return [];
    const sponsors = new Set((plan.team ?? []).filter((m) => m.role === EXECUTIVE_SPONSOR).map((m) => m.name));
    if ((plan.relationships ?? []).some((r) => r.owner !== undefined && sponsors.has(r.owner))) return [];
    return sponsors.size === 0
      ? [{ message: msg('rule.no-executive-sponsor.none', { account: plan.name, tier }), path: sectionPath(plan, 'team'), on: 'key' }]
      : [{ message: msg('rule.no-executive-sponsor.unowned', { account: plan.name, sponsors: [...sponsors].join(', ') }), path: sectionPath(plan, 'relationships'), on: 'key' }];
  },
};
