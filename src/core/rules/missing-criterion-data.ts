import type { YamlPath } from '../findings.js';
import type { Plan } from '../plan.js';
import type { PlanRule } from './types.js';

/** A scoring input is missing, so the score (and tier) rests on less than the model. */
export const missingCriterionData: PlanRule = {
  id: 'missing-criterion-data',
  check({ plan, account, criteria }) {
    return account.missing.map((id) => {
      const input = criteria.find((c) => c.id === id)?.input ?? id;
      return { message: `no data for criterion ${id}; add ${inputHint(input)} so the score is complete`, path: inputSection(plan, input), on: 'key' as const };
    });
  },
};

function inputHint(input: string): string {
  if (input.startsWith('assessment.')) return `${input} (a score 0..5)`;
  if (input === 'revenue.cagr') return 'metrics.revenue for two or more years';
  if (input.startsWith('revenue.')) return 'metrics.revenue ({ <year>: <amount> })';
  if (input === 'wallet') return 'metrics.wallet';
  if (input === 'shareOfWallet') return 'metrics.revenue and metrics.wallet';
  return input;
}

function inputSection(plan: Plan, input: string): YamlPath {
  const section = input.startsWith('assessment.') ? 'assessment' : 'metrics';
  return plan[section] !== undefined ? [section] : [];
}
