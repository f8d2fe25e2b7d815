// Evidence freshness (issue 20 item 3) end to end, on test/fixtures/fresh: influence decays with a
// half-life of 365 days, techProspects does not; key accounts re-assess every 365 days.
//   alpha: influence 4 as of 2025-11-23 (age 365 → 2 → 0.4), tech 5 undated (1): score 70 → key
//   beta:  influence 5 as of 2025-11-22 (age 366 → 5 · 0.5^(366/365) = 2.49526… → 0.49905…),
//          tech 5 dated: score 74.95… → key (below 75)
//   gamma: influence 3 as of 2027-01-01 (after the as-of date: age 0 → 0.6), tech 2 (0.4): 50 → growth
//   delta: bare numbers 5 and 5 (undated, not decayed): 100 → strategic
import { describe, expect, it } from 'vitest';
import { fixture, kam } from './helpers.js';

const ws = fixture('fresh');
const AS_OF = '2026-11-23';

describe('kam on test/fixtures/fresh', () => {
  it('score: decayed inputs decide scores and tiers; JSON adds rawInput and asOf where decay applied', () => {
    const r = kam(['score', '--as-of', AS_OF, '--format', 'json'], { cwd: ws });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { accounts: { id: string; score: number; tier: string; criteria: Record<string, unknown>[] }[] };
    const byId = new Map(doc.accounts.map((a) => [a.id, a]));
    expect(doc.accounts.map((a) => [a.id, a.tier])).toEqual([['delta', 'strategic'], ['beta', 'key'], ['alpha', 'key'], ['gamma', 'growth']]);
    expect(byId.get('alpha')!.score).toBeCloseTo(70, 10);
    const betaInfluence = 5 * 0.5 ** (366 / 365);
    expect(byId.get('beta')!.score).toBeCloseTo(100 * (betaInfluence / 5 + 1) / 2, 10);
    expect(byId.get('alpha')!.criteria[0]).toEqual({ id: 'influence', input: 2, rawInput: 4, asOf: '2025-11-23', score: 0.4, weight: 1, contribution: 20 });
    // Undated (delta) and undecayed (techProspects): the fields of before only.
    expect(Object.keys(byId.get('delta')!.criteria[0]!)).toEqual(['id', 'input', 'score', 'weight', 'contribution']);
    expect(Object.keys(byId.get('alpha')!.criteria[1]!)).toEqual(['id', 'input', 'score', 'weight', 'contribution']);
    // A year later alpha's influence is 4 · 0.25 = 1 → 0.2: score 60.
    const later = JSON.parse(kam(['score', '--as-of', '2027-11-23', '--format', 'json'], { cwd: ws }).stdout) as typeof doc;
    expect(later.accounts.find((a) => a.id === 'alpha')!.score).toBeCloseTo(60, 10);
  });

  it('score --explain shows the raw value, its date and age, the factor and the decayed value', () => {
    const alpha = kam(['score', '--as-of', AS_OF, '--explain', 'alpha'], { cwd: ws });
    expect(alpha.code).toBe(0);
    expect(alpha.stdout).toContain('│ influence     │ assessment.influence     │     2 │ linear 0..5 │ 0.400 │      1 │        20.00 │');
    expect(alpha.stdout.trimEnd().split('\n').slice(-2)).toEqual([
      "decay as of 2026-11-23: value = x · 0.5^(age / half-life), age in days since the assessment's asOf",
      'influence: x = 4 as of 2025-11-23, age 365 days, half-life 365 days: factor 0.5, value 2',
    ]);
    expect(kam(['score', '--as-of', AS_OF, '--explain', 'gamma'], { cwd: ws }).stdout.trimEnd().split('\n').at(-1)).toBe('influence: x = 3 as of 2027-01-01, after 2026-11-23: age 0, factor 1, value 3');
    expect(kam(['score', '--as-of', AS_OF, '--explain', 'delta', '--format', 'markdown'], { cwd: ws }).stdout.trimEnd().split('\n').at(-1)).toBe('- influence: x = 5 is undated: not decayed (half-life 365 days)');
    const json = JSON.parse(kam(['score', '--as-of', AS_OF, '--explain', 'beta', '--format', 'json'], { cwd: ws }).stdout) as { criteria: Record<string, unknown>[] };
    expect(json.criteria[0]).toMatchObject({ criterion: 'influence', rawValue: 5, asOf: '2025-11-22', age: 366, halfLifeDays: 365, factor: 0.5 ** (366 / 365) });
  });

  it('score --explain in Chinese', () => {
    const r = kam(['score', '--as-of', AS_OF, '--explain', 'alpha', '--locale', 'zh-CN'], { cwd: ws });
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('influence：x = 4（评估于 2025-11-23），age 365 天，半衰期 365 天：系数 0.5，数值 2');
  });

  it('check: stale-assessment where the tier asks for it, at the entry or its asOf', () => {
    const r = kam(['check', '--as-of', AS_OF, '--format', 'json'], { cwd: ws });
    const findings = (JSON.parse(r.stdout) as { findings: { rule: string; file: string; line: number; column: number; message: string }[] }).findings
      .filter((f) => f.rule === 'stale-assessment')
      .map((f) => [f.file, f.line, f.column, f.message]);
    expect(findings).toEqual([
      // alpha: influence at exactly 365 days is not stale; techProspects is undated.
      ['accounts/alpha.yaml', 5, 18, 'assessment "techProspects" has no date; key accounts re-assess every 365 days: re-assess it and record the date (asOf: YYYY-MM-DD)'],
      ['accounts/beta.yaml', 4, 32, 'assessment "influence" is from 2025-11-22, 366 days ago; key accounts re-assess every 365 days: re-assess it and update asOf'],
      // gamma (growth) and delta (strategic): tiers the policy does not name.
    ]);
  });

  it('score --as-of must be a date', () => {
    expect(kam(['score', '--as-of', '2026-13-01'], { cwd: ws }).code).toBe(2);
  });
});
