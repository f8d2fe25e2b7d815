// Tier overrides of issue 20: the managed tier (override while in force, else computed), expiry
// on the as-of date (in force through `until` inclusive), override-expired, tier-mismatch silent
// while in force, and the policies that follow the managed tier. Score 20 · influence by hand.
import { describe, expect, it } from 'vitest';
import { checkPlans } from '../../src/core/check.js';
import { DEFAULT_CONFIG, DEFAULT_POLICIES, type KamConfig } from '../../src/core/config.js';
import { managedTier, overrideExpired, overrideInForce, overrideView } from '../../src/core/override.js';
import { diffSnapshots } from '../../src/core/diff.js';
import { scoreAccountRows, subjectOfPlan } from '../../src/core/scoring.js';
import { planSchema } from '../../src/core/plan.js';

const CONFIG: KamConfig = {
  ...DEFAULT_CONFIG,
  criteria: [{ id: 'influence', weight: 1, input: 'assessment.influence', scale: { type: 'linear', min: 0, max: 5 } }],
  policies: {
    ...DEFAULT_POLICIES,
    requiredSections: { strategic: ['competitors'], key: ['actions'] },
    reviewEveryDays: {}, minContacts: {}, coachRequired: [], engagements: {}, teamFte: {}, competitorStronghold: [],
    concentration: { maxTop1Share: 1 },
  },
};

const OVERRIDE = ['override:', '  tier: strategic', '  reason: Entry into the group', '  by: Sales VP', '  until: 2026-06-30'];

function plan(...lines: string[]): string {
  return ['id: bt', 'name: BT', ...lines].join('\n') + '\n';
}

function check(text: string, asOf: string) {
  const result = checkPlans([{ file: 'accounts/bt.yaml', bytes: new TextEncoder().encode(text) }], CONFIG, { asOf });
  return { result, rules: result.findings.map((f) => `${f.rule}@${f.line}:${f.path}`), findings: result.findings };
}

describe('managed tier', () => {
  const o = { tier: 'strategic', reason: 'r', by: 'b', until: '2026-06-30' };
  it('is in force through until inclusive: until == as-of in force, until + 1 expired', () => {
    expect(overrideExpired(o, '2026-06-29')).toBe(false);
    expect(overrideExpired(o, '2026-06-30')).toBe(false);
    expect(overrideExpired(o, '2026-07-01')).toBe(true);
    expect(managedTier({ tier: 'key', override: o }, '2026-06-30')).toBe('strategic');
    expect(managedTier({ tier: 'key', override: o }, '2026-07-01')).toBe('key');
    // Across a month and a year end.
    expect(overrideExpired({ ...o, until: '2026-12-31' }, '2027-01-01')).toBe(true);
    expect(overrideExpired({ ...o, until: '2026-12-31' }, '2026-12-31')).toBe(false);
  });
  it('without until is in force until removed; without override the computed tier', () => {
    const { until: _, ...open } = o;
    expect(overrideInForce({ override: open }, '2999-12-31')).toEqual(open);
    expect(managedTier({ tier: null, override: open }, '2026-01-01')).toBe('strategic');
    expect(managedTier({ tier: 'growth' }, '2026-01-01')).toBe('growth');
    expect(overrideView({}, '2026-01-01')).toBeNull();
    expect(overrideView({ override: open }, '2026-01-01')).toEqual({ tier: 'strategic', reason: 'r', by: 'b', until: null, expired: false });
  });
  it('does not change score, rank or computed tier', () => {
    const parse = (t: string) => planSchema.parse({ id: 'bt', name: 'BT', assessment: { influence: 3 }, ...(t ? { override: { tier: 'strategic', reason: 'r', by: 'b' } } : {}) });
    const [plain] = scoreAccountRows([subjectOfPlan(parse(''))], CONFIG);
    const [over] = scoreAccountRows([subjectOfPlan(parse('x'))], CONFIG);
    // influence 3 → s = 0.6 → score 60 → key.
    expect(plain!.score).toBe(60);
    expect(over!.score).toBe(60);
    expect(over!.tier).toBe('key');
    expect(over!.rank).toBe(plain!.rank);
    expect(over!.override).toEqual({ tier: 'strategic', reason: 'r', by: 'b' });
  });
});

describe('policies follow the managed tier', () => {
  // Score 60 → computed key (requires actions); override strategic (requires competitors).
  const text = plan('tier: strategic', ...OVERRIDE, 'assessment:', '  influence: 3');
  it('in force: the strategic policies, not the key ones, and no tier-mismatch', () => {
    const { rules, result } = check(text, '2026-06-30');
    expect(rules).toEqual(['required-section@1:']);
    expect(result.findings[0]!.message).toBe('add the competitors section: required for strategic accounts');
    // Portfolio counts stay computed.
    expect(result.summary.tiers).toEqual({ strategic: 0, key: 1, growth: 0, maintain: 0 });
  });
  it('expired the day after until: key policies again, override-expired and tier-mismatch', () => {
    const { rules, findings } = check(text, '2026-07-01');
    expect(rules).toEqual(['required-section@1:', 'tier-mismatch@3:tier', 'override-expired@8:override/until']);
    expect(findings[0]!.message).toBe('add the actions section: required for key accounts');
    expect(findings[2]!.severity).toBe('warn');
    expect(findings[2]!.message).toBe('the override to strategic expired on 2026-06-30 (by Sales VP): the computed tier decides the policies again; renew override.until or remove the override');
  });
  it('an override to the computed tier or below changes the policies too: managed growth has no required sections', () => {
    const { rules } = check(plan('override: { tier: growth, reason: winding down, by: CEO }', 'assessment:', '  influence: 3'), '2026-06-01');
    expect(rules).toEqual([]);
  });
});

describe('validation', () => {
  it('reason and by are required and non-empty; unknown keys are reported', () => {
    const { rules, findings } = check(plan('override:', '  tier: strategic', '  by: ""', '  why: x', 'assessment:', '  influence: 3'), '2026-06-01');
    expect(rules).toEqual(['schema@4:override/reason', 'schema@5:override/by', 'unknown-key@6:override/why']);
    expect(findings[0]!.message).toContain('"override.reason" is required');
  });
  it('the tier must be a tier of kam.yaml, with did-you-mean; the plan is then not scored', () => {
    const { findings, result } = check(plan('override: { tier: strategc, reason: r, by: b }', 'assessment:', '  influence: 3'), '2026-06-01');
    expect(findings.map((f) => [f.rule, f.line, f.column, f.path])).toEqual([['schema', 3, 19, 'override/tier']]);
    expect(findings[0]!.message).toContain('did you mean "strategic"?');
    expect(result.accounts).toEqual([]);
  });
  it('until must be a date', () => {
    const { rules } = check(plan('override: { tier: key, reason: r, by: b, until: 2026-02-30 }', 'assessment:', '  influence: 3'), '2026-06-01');
    expect(rules).toEqual(['schema@3:override/until']);
  });
});

describe('kam diff', () => {
  const snap = (text: string) => ({ label: 'x', findings: [], configKey: 'k', asOf: '2026-06-01', accounts: check(text, '2026-06-01').result.accounts });
  it('lists an account whose override alone changed, with both overrides and managed tiers', () => {
    const before = snap(plan('assessment:', '  influence: 3'));
    const after = snap(plan(...OVERRIDE, 'assessment:', '  influence: 3'));
    const diff = diffSnapshots(before, after);
    expect(diff.accounts).toHaveLength(1);
    const a = diff.accounts[0]!;
    expect(a.before).toEqual({ score: 60, tier: 'key' });
    expect(a.after).toEqual({ score: 60, tier: 'key', managedTier: 'strategic' });
    expect(a.override).toEqual({ before: null, after: { tier: 'strategic', reason: 'Entry into the group', by: 'Sales VP', until: '2026-06-30', expired: false } });
    expect(a.overrideChanged).toBe(true);
  });
  it('an unchanged override lists nothing', () => {
    const side = snap(plan(...OVERRIDE, 'assessment:', '  influence: 3'));
    expect(diffSnapshots(side, side).accounts).toEqual([]);
  });
});
