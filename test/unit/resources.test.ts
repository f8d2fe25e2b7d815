// Resources follow value (issue 19): FTE, revenue per FTE, shares; numbers computed by hand.
import { describe, expect, it } from 'vitest';
import { accountResources, portfolioResources, teamFte } from '../../src/core/resources.js';
import { lowProductivity } from '../../src/core/rules/low-productivity.js';
import { DEFAULT_POLICIES } from '../../src/core/config-defaults.js';
import type { Plan } from '../../src/core/plan.js';
import type { ScoredAccount } from '../../src/core/scoring.js';

const TIERS = [{ id: 'strategic' }, { id: 'key' }, { id: 'growth' }];

describe('team FTE', () => {
  it('the sum of team[].fte, 0 without a team or an fte', () => {
    expect(teamFte(undefined)).toBe(0);
    expect(teamFte([{}, { fte: 1 }])).toBe(1);
    expect(teamFte([{ fte: 0.1 }, { fte: 0.2 }])).toBe(0.3);
  });
});

describe('portfolio resources', () => {
  const accounts = [
    { tier: 'strategic', revenue: 900, fte: 2 },
    { tier: 'strategic', revenue: 300, fte: 1 },
    { tier: 'key', revenue: 600, fte: 0 },
    { tier: null, revenue: 200, fte: 1 },
  ];
  const r = portfolioResources(accounts, TIERS);

  it('per tier: accounts, FTE, revenue, revenue per FTE, shares of the whole', () => {
    // Totals: FTE 4, revenue 2000.
    expect(r.total).toEqual({ accounts: 4, fte: 4, revenue: 2000, revenuePerFte: 500, fteShare: 1, revenueShare: 1 });
    expect(r.tiers.strategic).toEqual({ accounts: 2, fte: 3, revenue: 1200, revenuePerFte: 400, fteShare: 0.75, revenueShare: 0.6 });
    expect(r.noTier).toEqual({ accounts: 1, fte: 1, revenue: 200, revenuePerFte: 200, fteShare: 0.25, revenueShare: 0.1 });
  });

  it('FTE 0: revenue per FTE is null, never Infinity or NaN', () => {
    expect(r.tiers.key).toEqual({ accounts: 1, fte: 0, revenue: 600, revenuePerFte: null, fteShare: 0, revenueShare: 0.3 });
    expect(r.tiers.growth).toEqual({ accounts: 0, fte: 0, revenue: 0, revenuePerFte: null, fteShare: 0, revenueShare: 0 });
    const empty = portfolioResources([{ tier: 'key', revenue: 0, fte: 0 }], TIERS);
    expect(empty.total).toEqual({ accounts: 1, fte: 0, revenue: 0, revenuePerFte: null, fteShare: null, revenueShare: null });
  });

  it('one account within the totals', () => {
    expect(accountResources({ revenue: 900, fte: 2 }, r.total)).toEqual({ fte: 2, revenue: 900, revenuePerFte: 450, fteShare: 0.5, revenueShare: 0.45 });
    expect(accountResources({ revenue: 600, fte: 0 }, r.total).revenuePerFte).toBeNull();
  });
});

describe('low-productivity', () => {
  const policies = { ...DEFAULT_POLICIES, revenuePerFte: { key: 300000 } };
  const check = (plan: Partial<Plan>, tier: string | null, latestRevenue: number) =>
    lowProductivity.check({ plan: { id: 'p', name: 'P', ...plan } as Plan, account: { latestRevenue } as ScoredAccount, tier, policies, criteria: [], asOf: '2026-01-01' });
  const revenue = (amount: number) => ({ metrics: { revenue: { 2024: amount } } }) as unknown as Partial<Plan>;

  it('below the least revenue per FTE of the tier: a finding on team', () => {
    // 800,000 / 3 = 266,667 < 300,000.
    const hits = check({ ...revenue(800000), team: [{ name: 'a', fte: 1 }, { name: 'b', fte: 2 }] }, 'key', 800000);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.path).toEqual(['team']);
    expect(hits[0]!.message.params).toMatchObject({ perFte: 266667, min: 300000, revenue: 800000, fte: 3, tier: 'key' });
  });

  it('at the least: no finding', () => {
    // 900,000 / 3 = 300,000.
    expect(check({ ...revenue(900000), team: [{ name: 'a', fte: 3 }] }, 'key', 900000)).toEqual([]);
  });

  it('no finding with FTE 0, without revenue, or for a tier without a policy', () => {
    expect(check({ ...revenue(1), team: [{ name: 'a' }] }, 'key', 1)).toEqual([]);
    expect(check(revenue(1), 'key', 1)).toEqual([]);
    expect(check({ team: [{ name: 'a', fte: 1 }] }, 'key', 0)).toEqual([]);
    expect(check({ ...revenue(1), team: [{ name: 'a', fte: 1 }] }, 'growth', 1)).toEqual([]);
    expect(check({ ...revenue(1), team: [{ name: 'a', fte: 1 }] }, null, 1)).toEqual([]);
  });
});
