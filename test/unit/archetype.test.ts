// Archetypes and pre-key accounts (issue 19), numbers computed by hand.
import { describe, expect, it } from 'vitest';
import { archetypeCounts, archetypeName, archetypeOf, contributionMeans, emergingOn, emergingSpec, type EmergingSpec } from '../../src/core/archetype.js';
import { DEFAULT_CRITERIA, DEFAULT_TIERS } from '../../src/core/config-defaults.js';
import type { CriterionScore, ScoredAccount } from '../../src/core/scoring.js';

const IDS = ['revenue', 'cumulativeVolume', 'influence', 'techProspects'];

/** An account with these contributions (and scores s = contribution / 25, weights 25 each). */
function account(tier: string | null, contributions: (number | null)[]): Pick<ScoredAccount, 'tier' | 'criteria'> {
  const criteria = contributions.map((c, i): CriterionScore => ({
    id: IDS[i]!,
    input: c === null ? null : 1,
    score: c === null ? 0 : c / 25,
    weight: 25,
    contribution: c ?? 0,
    missing: c === null,
  }));
  return { tier, criteria };
}

describe('archetypes', () => {
  // Means: revenue (20+10+0)/3 = 10, volume (5+5+5)/3 = 5, influence (0+15+6)/3 = 7, tech (10+10+10)/3 = 10.
  const a = account('strategic', [20, 5, 0, 10]);
  const b = account('key', [10, 5, 15, 10]);
  const c = account('growth', [0, 5, 6, 10]);
  const means = contributionMeans([a, b, c], 4);

  it('the mean contribution of each criterion over the portfolio', () => {
    expect(means).toEqual([10, 5, 7, 10]);
    expect(contributionMeans([], 2)).toEqual([0, 0]);
  });

  it('the criterion of the largest positive lift, named by the built-in map', () => {
    // a: lifts 10, 0, -7, 0 → revenue.
    expect(archetypeOf(a, means)).toEqual({ criterion: 'revenue', name: 'revenue', lift: 10 });
    // b: lifts 0, 0, 8, 0 → influence, a reference.
    expect(archetypeOf(b, means)).toEqual({ criterion: 'influence', name: 'reference', lift: 8 });
  });

  it('none when no criterion is above the mean (a lift of 0 does not count)', () => {
    // c: lifts -10, 0, -1, 0.
    expect(archetypeOf(c, means)).toBeNull();
    // One account alone is the portfolio: every lift is 0.
    expect(archetypeOf(a, contributionMeans([a], 4))).toBeNull();
  });

  it('ties go to the first criterion in the model order', () => {
    const x = account(null, [15, 0, 15, 0]);
    const y = account(null, [5, 0, 5, 0]);
    // means 10, 0, 10, 0: x lifts 5 on revenue and on influence.
    expect(archetypeOf(x, contributionMeans([x, y], 4))?.criterion).toBe('revenue');
    // Float noise (0.1 + 0.2 vs 0.3) is a tie too.
    const p = account(null, [0.1 + 0.2, 0, 0.3, 0]);
    expect(archetypeOf(p, [0, 0, 0, 0])?.criterion).toBe('revenue');
  });

  it('a missing input contributes 0: it lifts nothing', () => {
    const m = account(null, [null, 20, null, null]);
    const n = account(null, [30, 0, 10, 10]);
    // means 15, 10, 5, 5: m lifts -15, 10, -5, -5.
    expect(archetypeOf(m, contributionMeans([m, n], 4))?.name).toBe('volume');
  });

  it('names from kam.yaml, else the built-in ones, else the criterion id', () => {
    expect(archetypeName('influence', { influence: 'lighthouse' })).toBe('lighthouse');
    expect(archetypeName('techProspects', { influence: 'lighthouse' })).toBe('pioneer');
    expect(archetypeName('shareOfWallet', {})).toBe('shareOfWallet');
    expect(archetypeName('constructor', {})).toBe('constructor');
    expect(archetypeOf(b, means, { influence: 'lighthouse' })?.name).toBe('lighthouse');
  });

  it('counts per archetype name', () => {
    expect(archetypeCounts([archetypeOf(a, means), archetypeOf(b, means), archetypeOf(c, means)])).toEqual({ counts: { revenue: 1, reference: 1 }, none: 1 });
  });
});

describe('pre-key accounts (--emerging)', () => {
  const spec = emergingSpec({ threshold: 80 }, DEFAULT_TIERS, DEFAULT_CRITERIA) as EmergingSpec;

  it('defaults: the first two tiers are key; every criterion but revenue.latest counts', () => {
    expect(spec).toEqual({ keyTiers: ['strategic', 'key'], below: 'key', threshold: 80, criteria: ['cumulativeVolume', 'influence', 'techProspects'] });
    expect(emergingSpec({ threshold: 50, below: 'strategic', criteria: ['techProspects', 'influence'] }, DEFAULT_TIERS, DEFAULT_CRITERIA))
      .toEqual({ keyTiers: ['strategic'], below: 'strategic', threshold: 50, criteria: ['influence', 'techProspects'] });
    expect(emergingSpec({ threshold: 80 }, [{ id: 'only' }], DEFAULT_CRITERIA)).toMatchObject({ keyTiers: ['only'] });
  });

  it('a tier or a criterion the model lacks', () => {
    expect(emergingSpec({ threshold: 80, below: 'gold' }, DEFAULT_TIERS, DEFAULT_CRITERIA)).toEqual({ kind: 'tier', tier: 'gold', tiers: ['strategic', 'key', 'growth', 'maintain'] });
    expect(emergingSpec({ threshold: 80, criteria: ['reach'] }, DEFAULT_TIERS, DEFAULT_CRITERIA)).toMatchObject({ kind: 'criterion', criterion: 'reach' });
  });

  it('below the key tiers, at or above the threshold on one of the criteria', () => {
    // Scores s = contribution / 25: influence 20 → s 0.8 → 80, at the threshold.
    expect(emergingOn(account('growth', [0, 0, 20, 0]), spec)).toEqual(['influence']);
    expect(emergingOn(account(null, [0, 25, 0, 22.5]), spec)).toEqual(['cumulativeVolume', 'techProspects']);
    // 79.99…: below.
    expect(emergingOn(account('maintain', [0, 0, 19.99, 0]), spec)).toEqual([]);
    // revenue does not count.
    expect(emergingOn(account('maintain', [25, 0, 0, 0]), spec)).toEqual([]);
    // A key account is not pre-key.
    expect(emergingOn(account('key', [0, 25, 25, 25]), spec)).toEqual([]);
    // A missing input never qualifies, even at threshold 0.
    expect(emergingOn(account('growth', [null, null, null, null]), { ...spec, threshold: 0 })).toEqual([]);
  });
});
