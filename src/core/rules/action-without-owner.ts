import type { PlanRule } from './types.js';

/** An action nobody owns. */
export const actionWithoutOwner: PlanRule = {
  id: 'action-without-owner',
  check({ plan }) {
    return (plan.actions ?? []).flatMap((action, i) =>
      action.owner === undefined || action.owner.trim() === ''
        ? [{ message: `"${action.what}" has no owner: add owner: (who will do it)`, path: ['actions', i] }]
        : [],
    );
  },
};
