// Evidence freshness (issue 20 item 3): an assessment entry's `asOf`, `stale-assessment` with
// `policies.assessmentValidDays`, and `decay: { halfLifeDays }` on a criterion. Numbers worked out
// by hand in the comments.
import { describe, expect, it } from 'vitest';
import { checkPlans } from '../../src/core/check.js';
import { parseConfig } from '../../src/core/config-file.js';
import { DEFAULT_CONFIG, DEFAULT_POLICIES, type Criterion, type KamConfig } from '../../src/core/config.js';
import { loadPlanFile } from '../../src/core/plan-file.js';
import { scoreAccountRows, subjectOfPlan, type ScoringModel, type ScoringSubject } from '../../src/core/scoring.js';
import { checkPlansOnThreads } from '../../src/io/plan-threads.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const AS_OF = '2026-11-23';

// metrics.level (0..100) decides the tier (level 80 → strategic, 60 → key); the assessments are
// read by criteria of weight 0, so that they do not move the tier.
const LEVEL: Criterion = { id: 'level', weight: 1, input: 'metrics.level', scale: { type: 'linear', min: 0, max: 100 } };
const BASE: KamConfig = {
  ...DEFAULT_CONFIG,
  criteria: [
    LEVEL,
    { id: 'influence', weight: 0, input: 'assessment.influence', scale: { type: 'linear', min: 0, max: 5 } },
    { id: 'tech', weight: 0, input: 'assessment.techProspects', scale: { type: 'linear', min: 0, max: 5 } },
    // A second criterion on the same entry: still one finding per entry.
    { id: 'influence2', weight: 0, input: 'assessment.influence', scale: { type: 'steps', steps: [{ min: 0, score: 1 }] } },
  ],
  policies: {
    ...DEFAULT_POLICIES,
    requiredSections: {}, reviewEveryDays: {}, minContacts: {}, coachRequired: [], engagements: {}, teamFte: {}, competitorStronghold: [],
    concentration: { maxTop1Share: 1 },
    assessmentValidDays: { strategic: 365 },
  },
};

function plan(...lines: string[]): string {
  return ['id: acme', 'name: ACME', ...lines].join('\n') + '\n';
}

function findings(text: string, config: KamConfig = BASE, asOf = AS_OF) {
  const { findings: all } = checkPlans([{ file: 'accounts/acme.yaml', bytes: utf8(text) }], config, { asOf });
  return all.map((f) => ({ rule: f.rule, line: f.line, column: f.column, message: f.message }));
}

describe('assessment entries may carry asOf', () => {
  it('a bad date is a schema error at the value, like other dates', () => {
    const text = plan('metrics: { level: 80 }', 'assessment:', '  influence: { score: 4, asOf: 2026-02-30 }');
    expect(findings(text)).toEqual([{ rule: 'schema', line: 5, column: 32, message: expect.stringContaining('assessment.influence.asOf') }]);
  });
  it('{ score, note, asOf } is valid, and the subject keeps the date of dated entries only', () => {
    const { planFile, issues } = loadPlanFile('a.yaml', utf8(plan('assessment:', '  influence: { score: 4, note: why, asOf: 2026-01-02 }', '  techProspects: 3')));
    expect(issues).toEqual([]);
    const subject = subjectOfPlan(planFile.plan!);
    expect(subject.assessment).toEqual({ influence: 4, techProspects: 3 });
    expect({ ...subject.assessmentAsOf }).toEqual({ influence: '2026-01-02' });
    // No dated entry: no key at all (subjects of plans without asOf are what they were).
    const undated = subjectOfPlan(loadPlanFile('b.yaml', utf8(plan('assessment: { influence: 4 }'))).planFile.plan!);
    expect(Object.keys(undated)).not.toContain('assessmentAsOf');
  });
});

describe('stale-assessment (policies.assessmentValidDays)', () => {
  it('trips on an entry older than the days (366 > 365) and on an undated one; one finding per entry', () => {
    // 2025-11-22 → 2026-11-23: 366 days.
    const text = plan('metrics: { level: 80 }', 'assessment:', '  influence: { score: 4, asOf: 2025-11-22 }', '  techProspects: 3');
    expect(findings(text)).toEqual([
      { rule: 'stale-assessment', line: 5, column: 32, message: 'assessment "influence" is from 2025-11-22, 366 days ago; strategic accounts re-assess every 365 days: re-assess it and update asOf' },
      { rule: 'stale-assessment', line: 6, column: 18, message: 'assessment "techProspects" has no date; strategic accounts re-assess every 365 days: re-assess it and record the date (asOf: YYYY-MM-DD)' },
    ]);
  });
  it('does not at exactly the days (2025-11-23 → 2026-11-23 = 365), nor for a date after the as-of date', () => {
    const text = plan('metrics: { level: 80 }', 'assessment:', '  influence: { score: 4, asOf: 2025-11-23 }', '  techProspects: { score: 3, asOf: 2027-01-01 }');
    expect(findings(text)).toEqual([]);
  });
  it('{ score } without asOf is undated', () => {
    const text = plan('metrics: { level: 80 }', 'assessment:', '  influence: { score: 4, note: why }', '  techProspects: { score: 3, asOf: 2026-11-01 }');
    expect(findings(text).map((f) => [f.rule, f.line])).toEqual([['stale-assessment', 5]]);
  });
  it('is off for a tier the policy does not name (level 60 → key), and by default', () => {
    const old = ['assessment:', '  influence: { score: 4, asOf: 2020-01-01 }', '  techProspects: 3'];
    expect(findings(plan('metrics: { level: 60 }', ...old))).toEqual([]);
    expect(findings(plan('metrics: { level: 80 }', ...old), { ...BASE, policies: { ...BASE.policies, assessmentValidDays: {} } })).toEqual([]);
  });
  it('looks only at the entries the model reads; an entry the plan lacks is not its finding', () => {
    const text = plan('metrics: { level: 80 }', 'assessment:', '  influence: { score: 4, asOf: 2026-11-01 }', '  unscored: 2');
    // techProspects is missing: missing-criterion-data (its own rule) may say so, never stale-assessment.
    expect(findings(text).filter((f) => f.rule === 'stale-assessment')).toEqual([]);
  });
});

describe('decay: { halfLifeDays } on a criterion', () => {
  const criterion: Criterion = { id: 'influence', weight: 1, input: 'assessment.influence', scale: { type: 'linear', min: 0, max: 5 }, decay: { halfLifeDays: 365 } };
  const model = (asOf?: string, c: Criterion = criterion): ScoringModel => ({ criteria: [c], missing: 'zero', tiers: DEFAULT_CONFIG.tiers, ...(asOf !== undefined ? { asOf } : {}) });
  const subject = (score: number, asOf?: string): ScoringSubject => ({
    id: 'a', name: 'A', revenue: [], metrics: {}, assessment: { influence: score }, ...(asOf !== undefined ? { assessmentAsOf: { influence: asOf } } : {}),
  });
  const first = (s: ScoringSubject, m: ScoringModel) => scoreAccountRows([s], m)[0]!;

  it('score 4, age 365, half-life 365: 4 · 0.5 = 2 → linear 0..5 → 0.4 → score 40', () => {
    const a = first(subject(4, '2025-11-23'), model(AS_OF));
    expect(a.criteria[0]!.input).toBe(2);
    expect(a.criteria[0]!.score).toBe(0.4);
    expect(a.score).toBeCloseTo(40, 12);
    expect(a.criteria[0]!.decay).toEqual({ raw: 4, asOf: '2025-11-23', age: 365, future: false, halfLifeDays: 365, factor: 0.5 });
  });
  it('age 730: 4 · 0.25 = 1 → 0.2; age 0: 4 → 0.8; half-life 100, age 50: 4 · 2^-0.5 = 2.8284…', () => {
    expect(first(subject(4, '2024-11-23'), model(AS_OF)).criteria[0]!.input).toBe(1);
    expect(first(subject(4, AS_OF), model(AS_OF)).criteria[0]!.score).toBe(0.8);
    const half100 = { ...criterion, decay: { halfLifeDays: 100 } };
    // 2026-10-04 → 2026-11-23: 27 + 23 = 50 days.
    expect(first(subject(4, '2026-10-04'), model(AS_OF, half100)).criteria[0]!.input).toBeCloseTo(2.8284271247, 9);
  });
  it('an undated entry is not decayed; an asOf after the as-of date counts as age 0', () => {
    expect(first(subject(4), model(AS_OF)).criteria[0]).toMatchObject({ input: 4, score: 0.8, decay: { raw: 4, asOf: null, age: null, factor: 1 } });
    expect(first(subject(4, '2027-01-01'), model(AS_OF)).criteria[0]).toMatchObject({ input: 4, decay: { asOf: '2027-01-01', age: 0, future: true, factor: 1 } });
  });
  it('without decay the numbers are those of before: a dated entry scores as a bare number, and no decay key', () => {
    const { decay: _, ...plain } = criterion;
    const dated = first(subject(4, '2020-01-01'), model(AS_OF, plain));
    const bare = first(subject(4), model(undefined, plain));
    expect(dated).toEqual(bare);
    expect(Object.keys(dated.criteria[0]!)).toEqual(['id', 'input', 'score', 'weight', 'contribution', 'missing']);
  });
  it('kam check scores with its as-of date, on threads as on one (tier from the decayed score)', async () => {
    // influence 5 at age 365 → 2.5 → 0.5; tech 5 → 1: score 100 · 1.5 / 2 = 75 → strategic; a year later 62.5 → key.
    const config: KamConfig = {
      ...BASE,
      criteria: [criterion, { id: 'tech', weight: 1, input: 'assessment.techProspects', scale: { type: 'linear', min: 0, max: 5 } }],
    };
    const refs = [{ file: 'accounts/acme.yaml', bytes: utf8(plan('assessment:', '  influence: { score: 5, asOf: 2025-11-23 }', '  techProspects: 5')) }];
    const one = checkPlans(refs, config, { asOf: AS_OF });
    expect(one.accounts.map((a) => [a.score, a.tier])).toEqual([[75, 'strategic']]);
    expect((await checkPlansOnThreads(refs, config, { asOf: AS_OF })).accounts).toEqual(one.accounts);
    expect(checkPlans(refs, config, { asOf: '2027-11-23' }).accounts.map((a) => [a.score, a.tier])).toEqual([[62.5, 'key']]);
  });
});

describe('kam.yaml: decay', () => {
  function problems(...lines: string[]): string[] {
    const r = parseConfig(utf8(`${lines.join('\n')}\n`));
    return r.ok ? [] : r.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
  }
  it('is allowed on an assessment input', () => {
    expect(problems('version: 1', 'criteria:', '  - { id: i, weight: 1, input: assessment.influence, scale: { type: linear, min: 0, max: 5 }, decay: { halfLifeDays: 365 } }')).toEqual([]);
  });
  it('on a revenue or metrics input is an error at the decay, and halfLifeDays must be above 0', () => {
    const lines = [
      'version: 1',
      'criteria:',
      '  - id: revenue',
      '    weight: 1',
      '    input: revenue.latest',
      '    scale: { type: log, min: 1, max: 100 }',
      '    decay: { halfLifeDays: 365 }',
      '  - { id: i, weight: 1, input: assessment.x, scale: { type: linear, min: 0, max: 5 }, decay: { halfLifeDays: 0 } }',
    ];
    expect(problems(...lines)).toEqual([
      '7:12 "criteria[0].decay": decay weighs a dated assessment by its age; input "revenue.latest" has no date: use decay only on assessment.<name> inputs, or remove it',
      `8:${lines[7]!.indexOf('0 }') + 1} "criteria[1].decay.halfLifeDays" must be greater than 0; got number 0`,
    ]);
    expect(problems('version: 1', 'criteria:', '  - { id: m, weight: 1, input: metrics.employees, scale: { type: linear, min: 0, max: 5 }, decay: { halfLifeDays: 9 } }')).toHaveLength(1);
  });
});
