// Resources follow value (issue 19): our team's FTE on each account and tier against the revenue
// they bring, revenue per FTE (人效) and the shares of each. Pure.
//
// fte(a)            = Σ team[].fte of the plan (0 without a team), rounded to 1e-9
// revenue(a)        = revenue.latest (0 without revenue)
// revenuePerFte     = revenue / fte; null when fte = 0 (never Infinity or NaN)
// fteShare          = fte / Σ fte of the portfolio; null when that sum is 0
// revenueShare      = revenue / Σ revenue of the portfolio; null when that sum is 0
// A tier's figures are those of the sums over its accounts.

/** The sum of the team's FTE, rounded to 1e-9 (0.1 + 0.2 is 0.3); 0 without a team. */
export function teamFte(team: readonly { fte?: number | undefined }[] | undefined): number {
  let sum = 0;
  for (const m of team ?? []) sum += m.fte ?? 0;
  const r = Math.round(sum * 1e9) / 1e9;
  return Number.isFinite(r) ? r : sum;
}

export interface ResourceFigures {
  fte: number;
  revenue: number;
  /** null when fte is 0. */
  revenuePerFte: number | null;
  fteShare: number | null;
  revenueShare: number | null;
}

export interface TierResources extends ResourceFigures {
  accounts: number;
}

export interface PortfolioResources {
  /** Per tier id, in the tiers' order (a tier without accounts has zeros). */
  tiers: Record<string, TierResources>;
  /** The accounts whose score reaches no tier. */
  noTier: TierResources;
  total: TierResources;
}

export const perFte = (revenue: number, fte: number): number | null => (fte > 0 ? revenue / fte : null);
const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export interface ResourceSubject {
  tier: string | null;
  revenue: number;
  fte: number;
}

/** The portfolio's figures: per tier, the accounts without a tier, and the whole. */
export function portfolioResources(accounts: Iterable<ResourceSubject>, tiers: readonly { id: string }[]): PortfolioResources {
  const sums = new Map<string | null, { accounts: number; fte: number; revenue: number }>();
  for (const t of tiers) sums.set(t.id, { accounts: 0, fte: 0, revenue: 0 });
  sums.set(null, { accounts: 0, fte: 0, revenue: 0 });
  const total = { accounts: 0, fte: 0, revenue: 0 };
  for (const a of accounts) {
    const s = sums.get(a.tier) ?? sums.get(null)!;
    for (const t of [s, total]) {
      t.accounts++;
      t.fte += a.fte;
      t.revenue = Math.min(t.revenue + a.revenue, Number.MAX_VALUE); // held at the largest number
    }
  }
  const round = (v: number) => {
    const r = Math.round(v * 1e9) / 1e9;
    return Number.isFinite(r) ? r : v;
  };
  const figures = (s: { accounts: number; fte: number; revenue: number }): TierResources => {
    const fte = round(s.fte);
    return { accounts: s.accounts, fte, revenue: s.revenue, revenuePerFte: perFte(s.revenue, fte), fteShare: share(fte, round(total.fte)), revenueShare: share(s.revenue, total.revenue) };
  };
  const byTier = Object.create(null) as Record<string, TierResources>;
  for (const t of tiers) byTier[t.id] = figures(sums.get(t.id)!);
  return { tiers: byTier, noTier: figures(sums.get(null)!), total: figures(total) };
}

/** One account's figures within the portfolio's totals. */
export function accountResources(a: { revenue: number; fte: number }, total: Pick<ResourceFigures, 'fte' | 'revenue'>): ResourceFigures {
  return { fte: a.fte, revenue: a.revenue, revenuePerFte: perFte(a.revenue, a.fte), fteShare: share(a.fte, total.fte), revenueShare: share(a.revenue, total.revenue) };
}
