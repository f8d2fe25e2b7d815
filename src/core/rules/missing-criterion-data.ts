import { msg, type Message } from '../../i18n/index.js';
import type { YamlPath } from '../findings.js';
import type { Plan } from '../plan.js';
import type { PlanRule } from './types.js';

/** A scoring input is missing, so the score (and tier) rests on less than the model. */
export const missingCriterionData: PlanRule = {
  id: 'missing-criterion-data',
  check({ plan, account, criteria }) {
    return account.missing.map((id) => {
      const input = criteria.find((c) => c.id === id)?.input ?? id;
      return { message: missingMessage(id, input), path: inputSection(plan, input), on: 'key' as const };
    });
  },
};

/** What to add, by the input the criterion reads. */
function missingMessage(criterion: string, input: string): Message {
  if (input.startsWith('assessment.')) return msg('rule.missing-criterion-data.assessment', { criterion, input });
  if (input === 'revenue.cagr') return msg('rule.missing-criterion-data.cagr', { criterion });
  if (input.startsWith('revenue.')) return msg('rule.missing-criterion-data.revenue', { criterion });
  if (input === 'wallet') return msg('rule.missing-criterion-data.wallet', { criterion });
  if (input === 'shareOfWallet') return msg('rule.missing-criterion-data.share-of-wallet', { criterion });
  return msg('rule.missing-criterion-data.other', { criterion, input });
}

function inputSection(plan: Plan, input: string): YamlPath {
  const section = input.startsWith('assessment.') ? 'assessment' : 'metrics';
  return plan[section] !== undefined ? [section] : [];
}
