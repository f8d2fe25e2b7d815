import { describe, expect, it } from 'vitest';
import { checkPlans } from '../../src/core/check.js';
import { DEFAULT_CONFIG, type KamConfig } from '../../src/core/config.js';

// One criterion on metrics.level (0..100) makes the computed tier easy to choose:
// level 80 → strategic, 60 → key, 40 → growth, 10 → maintain.
const CONFIG: KamConfig = {
  ...DEFAULT_CONFIG,
  criteria: [{ id: 'level', weight: 1, input: 'metrics.level', scale: { type: 'linear', min: 0, max: 100 } }],
};
const AS_OF = '2026-11-23';

/** A plan that trips no rule at its tier; `extra` lines replace same-named sections. */
function plan(level: number, sections: Record<string, string> = {}): string {
  const base: Record<string, string> = {
    head: `id: acme\nname: ACME\nmetrics: { level: ${level} }`,
    team: 'team: [ { name: Jane, fte: 1 } ]',
    relationships: [
      'relationships:',
      '  - { name: A, role: decision-maker }',
      '  - { name: B, role: coach }',
      '  - { name: C, role: user }',
      '  - { name: D, role: user }',
      '  - { name: E, role: user }',
    ].join('\n'),
    objectives: 'objectives: [ { what: grow } ]',
    whitespace: 'whitespace: [ { product: x, status: opportunity } ]',
    competitors: 'competitors: [ { name: Rival } ]',
    engagements: 'engagements:\n  - { type: technical-exchange, date: 2026-06-01, status: done }\n  - { type: executive-meeting, date: 2026-06-01, status: done }',
    actions: 'actions: [ { what: call, owner: Jane, due: 2026-12-01, status: open } ]',
    review: 'review: { lastReviewed: 2026-11-01 }',
  };
  return Object.values({ ...base, ...sections }).filter((s) => s !== '').join('\n') + '\n';
}

function rules(text: string, config: KamConfig = CONFIG, asOf = AS_OF): string[] {
  const { findings } = checkPlans([{ file: 'accounts/acme.yaml', bytes: new TextEncoder().encode(text) }], config, { asOf });
  return findings.map((f) => f.rule).sort();
}

describe('a complete plan trips nothing at any tier', () => {
  for (const level of [80, 60, 40, 10]) {
    it(`level ${level}`, () => {
      const extraTeam: Record<string, string> = level === 10 ? { team: 'team: [ { name: Jane, fte: 0.5 } ]' } : {};
      expect(rules(plan(level, extraTeam))).toEqual([]);
    });
  }
});

describe('each rule fires, and just does not at its boundary', () => {
  it('required-section: absent or empty, at the top of the file or the key', () => {
    expect(rules(plan(80, { whitespace: '' }))).toEqual(['required-section']);
    expect(rules(plan(80, { whitespace: 'whitespace: []' }))).toEqual(['required-section']);
    expect(rules(plan(60, { whitespace: '', competitors: '' }))).toEqual([]); // key does not require them
    const { findings } = checkPlans([{ file: 'a.yaml', bytes: new TextEncoder().encode(plan(80, { competitors: '' })) }], CONFIG, { asOf: AS_OF });
    expect(findings[0]).toMatchObject({ rule: 'required-section', severity: 'error', line: 1, column: 1 });
  });

  it('tier-mismatch: declared tier differs from the computed one', () => {
    expect(rules(plan(80, { head: 'id: acme\nname: ACME\ntier: key\nmetrics: { level: 80 }' }))).toEqual(['tier-mismatch']);
    expect(rules(plan(80, { head: 'id: acme\nname: ACME\ntier: strategic\nmetrics: { level: 80 }' }))).toEqual([]);
    expect(rules(plan(75, { head: 'id: acme\nname: ACME\ntier: strategic\nmetrics: { level: 75 }' }))).toEqual([]); // score == min
  });

  it('stale-review: absent, or older than reviewEveryDays (90 for strategic)', () => {
    expect(rules(plan(80, { review: '' }))).toEqual(['stale-review']);
    expect(rules(plan(80, { review: 'review: { lastReviewed: 2026-08-25 }' }))).toEqual([]); // exactly 90 days
    expect(rules(plan(80, { review: 'review: { lastReviewed: 2026-08-24 }' }))).toEqual(['stale-review']); // 91 days
    expect(rules(plan(10, { review: 'review: { lastReviewed: 2025-11-23 }', team: 'team: []' }))).toEqual([]); // 365 for maintain
  });

  it('no-decision-maker: only for tiers with minContacts', () => {
    const noDm = { relationships: 'relationships:\n  - { name: B, role: coach }\n  - { name: C }\n  - { name: D }\n  - { name: E }\n  - { name: F }' };
    expect(rules(plan(80, noDm))).toEqual(['no-decision-maker']);
    expect(rules(plan(40, noDm))).toEqual([]);
  });

  it('no-coach: tiers in coachRequired', () => {
    const noCoach = { relationships: 'relationships:\n  - { name: A, role: decision-maker }\n  - { name: C }\n  - { name: D }\n  - { name: E }\n  - { name: F }' };
    expect(rules(plan(80, noCoach))).toEqual(['no-coach']);
    expect(rules(plan(40, noCoach))).toEqual([]);
  });

  it('single-threaded: exactly minContacts passes, one fewer fires', () => {
    const three = { relationships: 'relationships:\n  - { name: A, role: decision-maker }\n  - { name: B, role: coach }\n  - { name: C }' };
    expect(rules(plan(60, three))).toEqual([]); // key: min 3
    const two = { relationships: 'relationships:\n  - { name: A, role: decision-maker }\n  - { name: B, role: coach }' };
    expect(rules(plan(60, two))).toEqual(['single-threaded']);
    expect(rules(plan(80, three))).toEqual(['single-threaded']); // strategic: min 5
  });

  it('missing-engagement: a done engagement within 365 days, per required type', () => {
    const at = (date: string, status = 'done') =>
      ({ engagements: `engagements:\n  - { type: technical-exchange, date: ${date}, status: ${status} }\n  - { type: executive-meeting, date: 2026-06-01, status: done }` });
    expect(rules(plan(80, at('2025-11-23')))).toEqual([]); // exactly 365 days
    expect(rules(plan(80, at('2025-11-22')))).toEqual(['missing-engagement']);
    expect(rules(plan(80, at('2026-06-01', 'planned')))).toEqual(['missing-engagement']);
    expect(rules(plan(80, { engagements: '' }))).toEqual(['missing-engagement', 'missing-engagement', 'required-section']);
  });

  it('overdue-action: open and due before as-of; due today is not overdue', () => {
    const due = (date: string, status = 'open') => ({ actions: `actions: [ { what: call, owner: Jane, due: ${date}, status: ${status} } ]` });
    expect(rules(plan(80, due('2026-11-23')))).toEqual([]);
    expect(rules(plan(80, due('2026-11-22')))).toEqual(['overdue-action']);
    expect(rules(plan(80, due('2026-11-22', 'done')))).toEqual([]);
    expect(rules(plan(80, { actions: 'actions: [ { what: call, owner: Jane, due: 2026-01-01 } ]' }))).toEqual(['overdue-action']); // no status = open
  });

  it('action-without-owner', () => {
    expect(rules(plan(80, { actions: 'actions: [ { what: call, due: 2026-12-01 } ]' }))).toEqual(['action-without-owner']);
  });

  it('missing-criterion-data: one finding per missing input', () => {
    expect(rules(plan(80, { head: 'id: acme\nname: ACME', team: '' }), { ...CONFIG, tiers: [{ id: 'maintain', min: 0 }] })).toEqual(['missing-criterion-data']);
  });

  it('resource-misalignment: fte on the limit passes', () => {
    expect(rules(plan(80, { team: 'team: [ { name: A, fte: 0.5 }, { name: B, fte: 0.5 } ]' }))).toEqual([]); // strategic min 1
    expect(rules(plan(80, { team: 'team: [ { name: A, fte: 0.9 } ]' }))).toEqual(['resource-misalignment']);
    expect(rules(plan(10, { team: 'team: [ { name: A, fte: 0.2 }, { name: B, fte: 0.3 } ]' }))).toEqual([]); // maintain max 0.5
    expect(rules(plan(10, { team: 'team: [ { name: A, fte: 0.6 } ]' }))).toEqual(['resource-misalignment']);
  });
});

describe('portfolio and severities', () => {
  it('concentration-risk lands on the top account only', () => {
    const sources = [
      { file: 'a.yaml', bytes: new TextEncoder().encode(plan(10, { head: 'id: a\nname: A\nmetrics: { level: 10, revenue: { 2025: 700 } }', team: '' })) },
      { file: 'b.yaml', bytes: new TextEncoder().encode(plan(10, { head: 'id: b\nname: B\nmetrics: { level: 10, revenue: { 2025: 300 } }', team: '' })) },
    ];
    const { findings } = checkPlans(sources, CONFIG, { asOf: AS_OF });
    expect(findings.map((f) => [f.file, f.rule])).toEqual([['a.yaml', 'concentration-risk']]);
    const relaxed = { ...CONFIG, policies: { ...CONFIG.policies, concentration: { maxTop1Share: 0.7 } } };
    expect(checkPlans(sources, relaxed, { asOf: AS_OF }).findings).toEqual([]); // exactly 70%: not above
  });

  it('severities come from config: error, warn, off', () => {
    const text = plan(80, { whitespace: '', review: '' });
    const config = { ...CONFIG, rules: { 'required-section': 'warn', 'stale-review': 'error' } } as KamConfig;
    const { findings } = checkPlans([{ file: 'a.yaml', bytes: new TextEncoder().encode(text) }], config, { asOf: AS_OF });
    expect(findings.map((f) => [f.rule, f.severity]).sort()).toEqual([['required-section', 'warn'], ['stale-review', 'error']]);
    expect(rules(text, { ...CONFIG, rules: { 'required-section': 'off', 'stale-review': 'off' } })).toEqual([]);
  });
});
