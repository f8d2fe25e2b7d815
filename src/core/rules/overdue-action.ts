import type { PlanRule } from './types.js';

/** An open action (status open, or no status) is past its due date. */
export const overdueAction: PlanRule = {
  id: 'overdue-action',
  check({ plan, asOf }) {
    return (plan.actions ?? []).flatMap((action, i) => {
      if ((action.status ?? 'open') !== 'open' || action.due === undefined || !(action.due < asOf)) return [];
      return [{ message: `"${action.what}" was due ${action.due}: do it, re-plan it (new due date) or mark it done or dropped`, path: ['actions', i, 'due'] }];
    });
  },
};
