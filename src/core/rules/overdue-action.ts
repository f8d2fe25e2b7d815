import { msg } from '../../i18n/index.js';
import type { PlanRule } from './types.js';

/** An open action (status open, or no status) is past its due date. */
export const overdueAction: PlanRule = {
  id: 'overdue-action',
  check({ plan, asOf }) {
    return (plan.actions ?? []).flatMap((action, i) => {
      if ((action.status ?? 'open') !== 'open' || action.due === undefined || !(action.due < asOf)) return [];
      return [{ message: msg('rule.overdue-action', { what: action.what, due: action.due }), path: ['actions', i, 'due'] }];
    });
  },
};
