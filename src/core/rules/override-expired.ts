import { msg } from '../../i18n/index.js';
import { overrideExpired } from '../override.js';
import type { PlanRule } from './types.js';

/** The plan's tier override is past its `until` day (issue 20; in force through `until` inclusive). */
export const overrideExpiredRule: PlanRule = {
  id: 'override-expired',
  check({ plan, asOf }) {
    const o = plan.override;
    if (o === undefined || !overrideExpired(o, asOf)) return [];
    return [{ message: msg('rule.override-expired', { tier: o.tier, until: o.until!, by: o.by }), path: ['override', 'until'] }];
  },
};
