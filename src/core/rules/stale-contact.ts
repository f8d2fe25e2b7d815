import { msg } from '../../i18n/index.js';
import { daysBetween } from '../dates.js';
import { policyOf, type PlanRule, type RuleHit } from './types.js';

/** The roles whose contact must not go cold. */
const WATCHED = new Set(['decision-maker', 'economic-buyer', 'coach']);

/**
 * A decision-maker, economic buyer or coach not met within the tier's cadence
 * (`policies.contactEveryDays`): `lastContact` more than that many days before the as-of date, or
 * absent. One finding per person.
 */
export const staleContact: PlanRule = {
  id: 'stale-contact',
  check({ plan, tier, policies, asOf }) {
    if (tier === null) return [];
    const every = policyOf(policies.contactEveryDays, tier);
    if (every === undefined) return [];
    const hits: RuleHit[] = [];
    (plan.relationships ?? []).forEach((r, i) => {
      if (r.role === undefined || !WATCHED.has(r.role)) return;
      if (r.lastContact === undefined) {
        hits.push({ message: msg('rule.stale-contact.never', { name: r.name, role: r.role, tier, every }), path: ['relationships', i], on: 'value' });
        return;
      }
      const age = daysBetween(r.lastContact, asOf);
      if (age <= every) return;
      hits.push({ message: msg('rule.stale-contact.old', { name: r.name, role: r.role, age, last: r.lastContact, tier, every }), path: ['relationships', i, 'lastContact'] });
    });
    return hits;
  },
};
