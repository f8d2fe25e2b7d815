import { msg } from '../../i18n/index.js';
import { daysBetween } from '../dates.js';
import { policyOf, type PlanRule, type RuleHit } from './types.js';

const PREFIX = 'assessment.';

/**
 * An assessment the model reads (a criterion with input `assessment.<name>`) that is undated, or
 * whose `asOf` is more than the tier's `policies.assessmentValidDays` before the as-of date (age >
 * days fires, age == days does not, as stale-review). One finding per entry, each entry once
 * however many criteria read it. Only the entries the model reads: an assessment of the plan no
 * criterion scores changes no number, and one the model reads but the plan lacks is
 * missing-criterion-data's.
 */
export const staleAssessment: PlanRule = {
  id: 'stale-assessment',
  check({ plan, tier, policies, criteria, asOf }) {
    if (tier === null) return [];
    const days = policyOf(policies.assessmentValidDays, tier);
    if (days === undefined) return [];
    const assessment = plan.assessment;
    if (assessment === undefined) return [];
    const hits: RuleHit[] = [];
    const seen = new Set<string>();
    for (const criterion of criteria) {
      if (!criterion.input.startsWith(PREFIX)) continue;
      const name = criterion.input.slice(PREFIX.length);
      if (seen.has(name) || !Object.hasOwn(assessment, name)) continue;
      seen.add(name);
      const entry = assessment[name]!;
      const date = typeof entry === 'number' ? undefined : entry.asOf;
      if (date === undefined) {
        hits.push({ message: msg('rule.stale-assessment.undated', { name, tier, days }), path: ['assessment', name] });
        continue;
      }
      const age = daysBetween(date, asOf);
      if (age <= days) continue;
      hits.push({ message: msg('rule.stale-assessment.old', { name, date, age, tier, days }), path: ['assessment', name, 'asOf'] });
    }
    return hits;
  },
};
