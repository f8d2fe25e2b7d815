import { msg } from '../../i18n/index.js';
import type { PlanRule } from './types.js';

/** An action nobody owns. */
export const actionWithoutOwner: PlanRule = {
  id: 'action-without-owner',
  check({ plan }) {
    return (plan.actions ?? []).flatMap((action, i) =>
      action.owner === undefined || action.owner.trim() === ''
        ? [{ message: msg('rule.action-without-owner', { what: action.what }), path: ['actions', i] }]
        : [],
    );
  },
};
