import { msg } from '../../i18n/index.js';
import type { PortfolioRule } from './types.js';

/** The top account holds more of the revenue than the policy allows. */
export const concentrationRisk: PortfolioRule = {
  id: 'concentration-risk',
  check({ accounts, summary, policies }) {
    const max = policies.concentration.maxTop1Share;
    const share = summary.concentration.top1Share;
    if (!(share > max) || accounts.length === 0) return [];
    let top = accounts[0]!;
    for (const a of accounts) if (a.latestRevenue > top.latestRevenue || (a.latestRevenue === top.latestRevenue && a.id < top.id)) top = a;
    const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
    return [{
      account: top.id,
      message: msg('rule.concentration-risk', { account: top.name, share: pct(share), max: pct(max) }),
      path: ['metrics', 'revenue'],
      on: 'key',
    }];
  },
};
