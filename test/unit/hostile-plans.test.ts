// Hostile plans and configs in the core: reserved keys, tier ids that every object inherits,
// numbers past the double range. Each case was a bug: a broken plan scored and checked, a crash,
// or a score that disagreed with the input it showed.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPlans, checkSettings, planRuleIssues, type ValidPlanFile } from '../../src/core/check.js';
import { parseConfig } from '../../src/core/config-file.js';
import { configSchema, DEFAULT_CONFIG, type KamConfig } from '../../src/core/config.js';
import { VALIDATION_RULES } from '../../src/core/rules/index.js';
import { loadPlanFile } from '../../src/core/plan-file.js';
import { buildPortfolioReport, paretoPoints } from '../../src/core/portfolio-report.js';
import { buildScoreReport, reportConfig, scoreDocument } from '../../src/core/score-report.js';
import {
  computeScores,
  criterionScores,
  inputValue,
  percentileBases,
  revenueFigures,
  scoreAccountRows,
  scoreAccounts,
  subjectOfPlan,
  summarizePortfolio,
  weightSumProblem,
  type InputTable,
  type ScoringSubject,
} from '../../src/core/scoring.js';
import { setFastYamlPath } from '../../src/core/yaml-source.js';
import { messageParts } from '../../src/core/findings.js';
/** The English text of an issue's message (a catalog message since issue 18). */
const englishOf = (message: Parameters<typeof messageParts>[0] | undefined) => (message === undefined ? undefined : messageParts(message).message);

const utf8 = (s: string) => new TextEncoder().encode(s);
const AS_OF = '2026-11-23';

afterEach(() => setFastYamlPath(true));

/** Every number, string or collection in `value` that JSON cannot carry faithfully (NaN, ±Infinity). */
function nonFinite(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path}: ${value}`];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => nonFinite(v, `${path}.${k}`));
}

// ---- reserved keys ----------------------------------------------------------

/** A plan that would rank first and trip policy rules (strategic, sections missing). */
const TOP = 'metrics:\n  revenue: { 2024: 900000000, 2025: 900000000 }\nassessment: { influence: 5, techProspects: 5 }\n';
const GOOD = 'id: good\nname: Good\nmetrics: { revenue: { 2025: 1000 } }\n';

const RESERVED: [name: string, text: string, path: (string | number)[]][] = [
  ['top-level __proto__ (flow value)', `id: x\nname: X\n__proto__: { polluted: true }\n${TOP}`, ['__proto__']],
  ['top-level constructor', `id: x\nname: X\nconstructor: 1\n${TOP}`, ['constructor']],
  ['top-level prototype', `id: x\nname: X\nprototype: 1\n${TOP}`, ['prototype']],
  ['quoted "__proto__"', `id: x\nname: X\n"__proto__": 5\n${TOP}`, ['__proto__']],
  ["single-quoted 'constructor'", `id: x\nname: X\n'constructor': 5\n${TOP}`, ['constructor']],
  ['escaped "\\u005F_proto__"', `id: x\nname: X\n"\\u005F_proto__": 5\n${TOP}`, ['__proto__']],
  ['explicit key ? __proto__', `id: x\nname: X\n? __proto__\n: 5\n${TOP}`, ['__proto__']],
  ['metrics: { __proto__: … } (flow)', 'id: x\nname: X\nmetrics: { __proto__: { wallet: 5 }, revenue: { 2024: 900000000 } }\nassessment: { influence: 5, techProspects: 5 }\n', ['metrics', '__proto__']],
  ['metrics.__proto__ (block)', 'id: x\nname: X\nmetrics:\n  __proto__:\n    wallet: 5\n  revenue: { 2024: 900000000 }\n', ['metrics', '__proto__']],
  ['metrics.revenue.constructor', 'id: x\nname: X\nmetrics:\n  revenue:\n    constructor: 5\n    2024: 900000000\n', ['metrics', 'revenue', 'constructor']],
  ['assessment.constructor', `id: x\nname: X\nmetrics: { revenue: { 2024: 900000000 } }\nassessment:\n  constructor: 3\n  influence: 5\n`, ['assessment', 'constructor']],
  ['assessment entry { score, __proto__ }', `id: x\nname: X\nassessment:\n  influence: { score: 5, __proto__: { x: 1 } }\n`, ['assessment', 'influence', '__proto__']],
  ['relationships: [{ __proto__: x }]', `id: x\nname: X\nrelationships: [{ name: Li, __proto__: x }]\n${TOP}`, ['relationships', 0, '__proto__']],
  ['relationships block item constructor', `id: x\nname: X\nrelationships:\n  - name: Li\n    constructor: x\n${TOP}`, ['relationships', 0, 'constructor']],
  ['review.prototype', `id: x\nname: X\nreview: { lastReviewed: 2026-01-01, prototype: 1 }\n${TOP}`, ['review', 'prototype']],
  ['JSON top level', '{"id": "x", "name": "X", "__proto__": {"polluted": true}, "metrics": {"revenue": {"2024": 900000000}}}\n', ['__proto__']],
  ['JSON nested', '{"id": "x", "name": "X", "metrics": {"revenue": {"2024": 900000000}, "constructor": {"wallet": 1}}}\n', ['metrics', 'constructor']],
  ['flow mapping top level', '{ id: x, name: X, prototype: 1, metrics: { revenue: { 2024: 900000000 } } }\n', ['prototype']],
];

describe('a plan with a __proto__, constructor or prototype key is neither scored nor checked', () => {
  for (const fast of [true, false]) {
    describe(fast ? 'fast YAML path' : 'careful YAML path', () => {
      it.each(RESERVED)('%s', (_name, text, path) => {
        setFastYamlPath(fast);
        const { planFile, issues } = loadPlanFile('accounts/x.yaml', utf8(text));
        expect(planFile.plan).toBeUndefined();
        expect(planFile.id).toBe('x'); // still named in findings and duplicate-id
        expect(issues.filter((i) => i.rule === 'schema').map((i) => i.at?.path)).toContainEqual(path);

        const result = checkPlans(
          [{ file: 'accounts/good.yaml', bytes: utf8(GOOD) }, { file: 'accounts/x.yaml', bytes: utf8(text) }],
          DEFAULT_CONFIG,
          { asOf: AS_OF },
        );
        expect(result.accounts.map((a) => a.id)).toEqual(['good']);
        expect(result.invalidFiles).toBe(1);
        const onHostile = result.findings.filter((f) => f.file === 'accounts/x.yaml');
        expect(onHostile.length).toBeGreaterThan(0);
        expect(onHostile.filter((f) => !VALIDATION_RULES.includes(f.rule))).toEqual([]);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      });
    });
  }

  it('still reports the other problems of such a plan', () => {
    const { planFile, issues } = loadPlanFile('accounts/x.yaml', utf8('id: x\nname: X\n__proto__: 1\nownr: Jane\nrelationships: [{ name: Li, role: boss }]\n'));
    expect(planFile.plan).toBeUndefined();
    expect(issues.map((i) => [i.rule, i.at?.path]).sort()).toEqual([
      ['schema', ['__proto__']],
      ['schema', ['relationships', 0, 'role']],
      ['unknown-key', ['ownr']],
    ]);
  });
});

// ---- tier ids, criterion ids and keys that every object inherits --------------

const INHERITED_TIERS = `version: 1
criteria:
  - { id: level, weight: 1, input: metrics.level, scale: { type: linear, min: 0, max: 100 } }
tiers:
  - { id: constructor, min: 80 }
  - { id: toString, min: 60 }
  - { id: valueOf, min: 40 }
  - { id: hasOwnProperty, min: 20 }
  - { id: __proto__, min: 0 }
policies:
  requiredSections: { toString: [relationships] }
  reviewEveryDays: { valueOf: 30 }
  minContacts: { toString: 2 }
  coachRequired: [constructor, __proto__]
  engagements: { hasOwnProperty: { within: 10, types: [pilot] } }
  teamFte: { valueOf: { min: 2 } }
`;

function configOf(text: string): KamConfig {
  const r = parseConfig(utf8(text));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.line}:${p.column}: ${p.message}`).join('\n'));
  return r.config;
}

const levelPlan = (id: string, level: number) => `id: ${id}\nname: ${id.toUpperCase()}\nmetrics: { level: ${level} }\n`;

describe('tier ids such as constructor, toString, valueOf, hasOwnProperty and __proto__', () => {
  const config = configOf(INHERITED_TIERS);
  const sources = [
    { file: 'accounts/a.yaml', bytes: utf8(levelPlan('a', 90)) },
    { file: 'accounts/b.yaml', bytes: utf8(levelPlan('b', 70)) },
    { file: 'accounts/c.yaml', bytes: utf8(levelPlan('c', 50)) },
    { file: 'accounts/d.yaml', bytes: utf8(levelPlan('d', 30)) },
    { file: 'accounts/e.yaml', bytes: utf8(levelPlan('e', 10)) },
  ];
  // Only what each tier's own policies ask for: nothing inherited from Object.prototype.
  const expected: Record<string, string[]> = {
    a: ['no-coach'],
    b: ['no-decision-maker', 'required-section', 'single-threaded'],
    c: ['resource-misalignment', 'stale-review'],
    d: ['missing-engagement'],
    e: ['no-coach'],
  };
  const rulesByAccount = (findings: readonly { account?: string; rule: string }[]) => {
    const out: Record<string, string[]> = {};
    for (const f of findings) if (f.account !== undefined && f.rule !== 'concentration-risk') (out[f.account] ??= []).push(f.rule);
    for (const list of Object.values(out)) list.sort();
    return out;
  };

  it('are tiers like any other: computed, counted and checked against their own policies', () => {
    const result = checkPlans(sources, config, { asOf: AS_OF });
    expect(result.accounts.map((a) => [a.id, a.tier])).toEqual([
      ['a', 'constructor'],
      ['b', 'toString'],
      ['c', 'valueOf'],
      ['d', 'hasOwnProperty'],
      ['e', '__proto__'],
    ]);
    expect(Object.entries(result.summary.tiers)).toEqual([
      ['constructor', 1],
      ['toString', 1],
      ['valueOf', 1],
      ['hasOwnProperty', 1],
      ['__proto__', 1],
    ]);
    expect(JSON.parse(JSON.stringify(result.summary.tiers))).toEqual({ constructor: 1, toString: 1, valueOf: 1, hasOwnProperty: 1, ['__proto__']: 1 });
    expect(rulesByAccount(result.findings)).toEqual(expected);
  });

  it('keep their policies when the settings are copied to a worker thread (plain objects again)', () => {
    const settings = structuredClone(checkSettings(config, { asOf: AS_OF }));
    expect(Object.getPrototypeOf(settings.policies.reviewEveryDays)).toBe(Object.prototype);
    const issues = sources.flatMap(({ file, bytes }) => {
      const { planFile } = loadPlanFile(file, bytes);
      const account = scoreAccountRows([subjectOfPlan(planFile.plan!)], config)[0]!;
      return planRuleIssues(planFile as ValidPlanFile, account, settings);
    });
    expect(rulesByAccount(issues)).toEqual(expected);
  });

  it('a tier not named in a policy finds no inherited policy, with the built-in policies too', () => {
    const result = checkPlans(sources.slice(0, 1), { ...DEFAULT_CONFIG, criteria: config.criteria, tiers: [{ id: 'toString', min: 0 }] }, { asOf: AS_OF });
    expect(result.accounts[0]!.tier).toBe('toString');
    expect(result.findings).toEqual([]);
  });

  it('summarizePortfolio counts a __proto__ tier (no count is lost to the prototype)', () => {
    const summary = summarizePortfolio(
      [{ tier: '__proto__', latestRevenue: 1 }, { tier: '__proto__', latestRevenue: 2 }, { tier: 'toString', latestRevenue: 3 }],
      [{ id: 'toString', min: 50 }, { id: '__proto__', min: 0 }],
    );
    expect(Object.entries(summary.tiers)).toEqual([['toString', 1], ['__proto__', 2]]);
  });

  it('criterion ids and custom input names such as constructor, __proto__, toString, valueOf', () => {
    const criteria = configOf(`version: 1
criteria:
  - { id: constructor, weight: 1, input: assessment.toString, scale: { type: linear, min: 0, max: 5 } }
  - { id: __proto__, weight: 1, input: metrics.valueOf, scale: { type: percentile } }
  - { id: toString, weight: 1, input: metrics.hasOwnProperty, scale: { type: log, min: 1, max: 100 } }
  - { id: valueOf, weight: 1, input: metrics.constructor, scale: { type: linear, min: 0, max: 1 } }
`);
    const full = loadPlanFile('accounts/a.yaml', utf8('id: a\nname: A\nassessment: { toString: 5 }\nmetrics: { valueOf: 7, hasOwnProperty: 100 }\n')).planFile.plan!;
    const bare = loadPlanFile('accounts/b.yaml', utf8('id: b\nname: B\n')).planFile.plan!;
    const [a, b] = scoreAccounts([subjectOfPlan(full), subjectOfPlan(bare)], criteria);
    expect(a!.criteria.map((c) => [c.id, c.input, c.score])).toEqual([
      ['constructor', 5, 1],
      ['__proto__', 7, 1],
      ['toString', 100, 1],
      ['valueOf', null, 0], // metrics.constructor: a plan cannot hold that key, so it is never there
    ]);
    expect(a!.score).toBe(75);
    // Absent names are missing, not the functions every object inherits.
    expect(b!.missing).toEqual(['constructor', '__proto__', 'toString', 'valueOf']);
    expect(b!.score).toBe(0);
  });

  it('rule ids and data.columns keys of those names: clear config errors, or plain keys', () => {
    const bad = parseConfig(utf8('version: 1\nrules: { toString: warn, constructor: off }\n'));
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.map((p) => [p.line, p.column])).toEqual([[2, 10], [2, 26]]);
    expect(bad.problems[0]!.message).toMatch(/unknown rule id "toString" in rules/);
    expect(bad.problems[1]!.message).toMatch(/"constructor" is not allowed/);
    const columns = configOf('version: 1\ndata:\n  columns: { toString: name, valueOf: revenue_2024, hasOwnProperty: id }\n').data.columns;
    expect(Object.entries(columns)).toEqual([['toString', 'name'], ['valueOf', 'revenue_2024'], ['hasOwnProperty', 'id']]);
  });
});

// ---- numbers past the double range: kam.yaml -----------------------------------

/** The problems of a kam.yaml as `line:col message`. */
function configProblems(text: string): string[] {
  const r = parseConfig(utf8(text));
  return r.ok ? [] : r.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
}

let criteria = 0;
const criterion = (weight: string, scale = '{ type: linear, min: 0, max: 5 }') => `{ id: c${criteria++}, weight: ${weight}, input: assessment.influence, scale: ${scale} }`;

describe('kam.yaml numbers that are not finite, or whose sum or span overflows, are config errors', () => {
  it.each([
    ['a weight of 1e400', `version: 1\ncriteria:\n  - ${criterion('1e400')}\n`, /^3:\d+ "criteria\[0\]\.weight" must be a finite number; got infinity/],
    ['a weight of .inf', `version: 1\ncriteria:\n  - ${criterion('.inf')}\n`, /^3:\d+ "criteria\[0\]\.weight" must be a finite number/],
    ['a weight of .nan', `version: 1\ncriteria:\n  - ${criterion('.nan')}\n`, /^3:\d+ "criteria\[0\]\.weight" must be a finite number; got not a number/],
    ['weights that add up past 1e308', `version: 1\ncriteria:\n  - ${criterion('1e308')}\n  - ${criterion('1e308')}\n`, /^3:\d+ "criteria\[0\]\.weight": the weights add up past about 1\.8e306/],
    ['weights that add up past 1.8e306', `version: 1\ncriteria:\n  - ${criterion('1e306')}\n  - ${criterion('1e306')}\n`, /^4:\d+ "criteria\[1\]\.weight": the weights add up past about 1\.8e306/],
    ['a weight too small to compute with', `version: 1\ncriteria:\n  - ${criterion('1')}\n  - ${criterion('5e-324')}\n`, /^4:\d+ "criteria\[1\]\.weight": a weight between 0 and 1e-300 is too small/],
    ['one weight whose score (100 · w) overflows', `version: 1\ncriteria:\n  - ${criterion('1')}\n  - ${criterion('1e307')}\n`, /^4:\d+ "criteria\[1\]\.weight": the weights add up/],
    ['a linear span past 1e308', `version: 1\ncriteria:\n  - ${criterion('1', '{ type: linear, min: -1e308, max: 1e308 }')}\n`, /^3:\d+ "criteria\[0\]\.scale": max - min of a linear scale must be a finite number/],
    ['a linear max of 1e400', `version: 1\ncriteria:\n  - ${criterion('1', '{ type: linear, min: 0, max: 1e400 }')}\n`, /"criteria\[0\]\.scale\.max" must be a finite number/],
    ['a log min of -.inf', `version: 1\ncriteria:\n  - ${criterion('1', '{ type: log, min: -.inf, max: 10 }')}\n`, /"criteria\[0\]\.scale\.min" must be a finite number/],
    ['a log scale whose ends have one logarithm', `version: 1\ncriteria:\n  - ${criterion('1', '{ type: log, min: 1e300, max: 1.0000000000000002e300 }')}\n`, /^3:\d+ "criteria\[0\]\.scale": min 1e\+300 and max 1\.0000000000000002e\+300 are too close/],
    ['a steps min of 1e400', `version: 1\ncriteria:\n  - ${criterion('1', '{ type: steps, steps: [{ min: 1e400, score: 1 }] }')}\n`, /"criteria\[0\]\.scale\.steps\[0\]\.min" must be a finite number/],
    ['a tier min of 1e400', 'version: 1\ntiers:\n  - { id: top, min: 1e400 }\n  - { id: low, min: 0 }\n', /^3:\d+ "tiers\[0\]\.min" must be a finite number/],
    ['a tier min of -.inf', 'version: 1\ntiers:\n  - { id: top, min: 50 }\n  - { id: low, min: -.inf }\n', /^4:\d+ "tiers\[1\]\.min" must be a finite number/],
    ['reviewEveryDays of 1e400', 'version: 1\npolicies:\n  reviewEveryDays: { key: 1e400 }\n', /^3:\d+ "policies\.reviewEveryDays\.key" must be a finite number/],
    ['minContacts of .inf', 'version: 1\npolicies:\n  minContacts: { key: .inf }\n', /^3:\d+ "policies\.minContacts\.key" must be a finite number/],
    ['engagements within 1e400', 'version: 1\npolicies:\n  engagements: { key: { within: 1e400, types: [pilot] } }\n', /^3:\d+ "policies\.engagements\.key\.within" must be a finite number/],
    ['teamFte max of .inf', 'version: 1\npolicies:\n  teamFte: { key: { max: .inf } }\n', /^3:\d+ "policies\.teamFte\.key\.max" must be a finite number/],
    ['maxTop1Share of .nan', 'version: 1\npolicies:\n  concentration: { maxTop1Share: .nan }\n', /^3:\d+ "policies\.concentration\.maxTop1Share" must be a finite number/],
  ])('%s', (_name, text, message) => {
    const problems = configProblems(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('the log-scale case is real: both ends have the same logarithm', () => {
    expect(Math.log10(1.0000000000000002e300)).toBe(Math.log10(1e300));
  });

  it('points at the weight that overflows the sum, and accepts weights just under the limit', () => {
    const text = `version: 1\ncriteria:\n  - ${criterion('1e306')}\n  - ${criterion('7e305')}\n  - ${criterion('1e306')}\n`;
    expect(configProblems(text)).toEqual([expect.stringMatching(/^5:\d+ "criteria\[2\]\.weight"/)]);
    expect(configProblems(`version: 1\ncriteria:\n  - ${criterion('1e306')}\n  - ${criterion('7e305')}\n`)).toEqual([]);
    expect(weightSumProblem([1e306, 7e305])).toBeUndefined();
    expect(weightSumProblem([0, 0])?.index).toBe(-1);
  });

  it('weights just under the limit score without overflow', () => {
    const config = configOf(`version: 1\ncriteria:\n  - { id: a, weight: 1e306, input: assessment.a, scale: { type: linear, min: 0, max: 5 } }\n  - { id: b, weight: 7e305, input: assessment.b, scale: { type: linear, min: 0, max: 5 } }\n`);
    const [top] = scoreAccounts([{ id: 'x', name: 'X', revenue: [], assessment: { a: 5, b: 5 }, metrics: {} }], config);
    expect(top!.score).toBeCloseTo(100, 9);
    expect(nonFinite(top)).toEqual([]);
  });
});

// ---- numbers past the double range: plans -------------------------------------

describe('plan numbers that are not finite, or add up past the largest number, are schema errors', () => {
  const cases: [name: string, text: string, path: (string | number)[], message: RegExp][] = [
    ['revenue 1e400', 'metrics:\n  revenue:\n    2024: 1e400\n', ['metrics', 'revenue', '2024'], /must be a finite number; got infinity/],
    ['revenue .inf', 'metrics: { revenue: { 2024: .inf } }\n', ['metrics', 'revenue', '2024'], /finite number/],
    ['revenue -.inf', 'metrics: { revenue: { 2024: -.inf } }\n', ['metrics', 'revenue', '2024'], /finite number; got minus infinity/],
    ['revenue .nan', 'metrics: { revenue: { 2024: .nan } }\n', ['metrics', 'revenue', '2024'], /finite number; got not a number/],
    ['wallet 1e400', 'metrics: { wallet: 1e400 }\n', ['metrics', 'wallet'], /finite number/],
    ['a custom metric 1e999', 'metrics: { installed: 1e999 }\n', ['metrics', 'installed'], /finite number/],
    ['an assessment 1e400', 'assessment: { influence: 1e400 }\n', ['assessment', 'influence'], /finite number/],
    ['an assessment score .inf', 'assessment: { influence: { score: .inf } }\n', ['assessment', 'influence', 'score'], /"assessment\.influence\.score" must be a finite number/],
    ['a team fte 1e400', 'team: [ { name: Jane, fte: 1e400 } ]\n', ['team', 0, 'fte'], /finite number/],
    ['a relationship strength .inf', 'relationships: [ { name: Li, strength: .inf } ]\n', ['relationships', 0, 'strength'], /finite number/],
    ['an objective target 1e400', 'objectives: [ { what: grow, target: 1e400 } ]\n', ['objectives', 0, 'target'], /finite number/],
    ['revenue years that add up past 1.8e308', 'metrics:\n  revenue: { 2023: 1e308, 2024: 1e308 }\n', ['metrics', 'revenue'], /the amounts add up past the largest number/],
    ['team fte that adds up past 1.8e308', 'team:\n  - { name: A, fte: 1e308 }\n  - { name: B, fte: 1e308 }\n', ['team'], /the fte values add up past the largest number/],
    ['JSON revenue 1e400', '', ['metrics', 'revenue', '2024'], /finite number/],
  ];
  for (const fast of [true, false]) {
    it.each(cases)(`%s (${fast ? 'fast' : 'careful'} path)`, (name, body, path, message) => {
      setFastYamlPath(fast);
      const text = name.startsWith('JSON') ? '{"id": "x", "name": "X", "metrics": {"revenue": {"2024": 1e400}}}\n' : `id: x\nname: X\n${body}`;
      const { planFile, issues } = loadPlanFile('accounts/x.yaml', utf8(text));
      expect(planFile.plan).toBeUndefined();
      const issue = issues.find((i) => JSON.stringify(i.at?.path) === JSON.stringify(path));
      expect(issue?.rule).toBe('schema');
      expect(englishOf(issue?.message)).toMatch(message);
      expect(englishOf(issue?.message)).not.toMatch(/must be a number, got number/);
    });
  }

  it('such a plan is not scored: neither full credit nor a missing input', () => {
    const result = checkPlans(
      [{ file: 'accounts/good.yaml', bytes: utf8(GOOD) }, { file: 'accounts/x.yaml', bytes: utf8('id: x\nname: X\nmetrics:\n  revenue: { 2024: 1e400 }\n') }],
      DEFAULT_CONFIG,
      { asOf: AS_OF },
    );
    expect(result.accounts.map((a) => a.id)).toEqual(['good']);
    expect(result.findings.filter((f) => f.file === 'accounts/x.yaml').map((f) => `${f.rule} ${f.line}:${f.column}`)).toEqual(['schema 4:20']);
  });
});

// ---- scoring never shows NaN or Infinity, and never disagrees with its inputs --------

const subject = (id: string, extra: Partial<ScoringSubject> = {}): ScoringSubject => ({ id, name: id, revenue: [], assessment: {}, metrics: {}, ...extra });

describe('scores and the inputs they show agree, also at the ends of the number range', () => {
  it('a derived input that overflows (growth, share of wallet) counts as the largest number, shown as such', () => {
    const s = subject('x', { revenue: [[2023, 1e-320], [2024, 1e308]], wallet: 1e-320 });
    expect(inputValue(s, 'revenue.cagr')).toBe(Number.MAX_VALUE);
    expect(inputValue(s, 'shareOfWallet')).toBe(Number.MAX_VALUE);
    const config = configOf(`version: 1
criteria:
  - { id: growth, weight: 1, input: revenue.cagr, scale: { type: linear, min: 0, max: 1 } }
  - { id: share, weight: 1, input: shareOfWallet, scale: { type: log, min: 0.01, max: 1 } }
  - { id: sharePct, weight: 1, input: shareOfWallet, scale: { type: percentile } }
  - { id: total, weight: 1, input: revenue.total, scale: { type: steps, steps: [{ min: 0, score: 0.5 }, { min: 1e307, score: 1 }] } }
`);
    const { report } = buildScoreReport([s, subject('y', { revenue: [[2023, 1], [2024, 2]], wallet: 4 })], config);
    const doc = JSON.parse(JSON.stringify(scoreDocument(report)));
    const x = doc.accounts.find((a: { id: string }) => a.id === 'x');
    expect(x.missing).toEqual([]);
    expect(x.criteria.map((c: { input: number | null; score: number }) => [c.input, c.score])).toEqual([
      [Number.MAX_VALUE, 1],
      [Number.MAX_VALUE, 1],
      [Number.MAX_VALUE, 1],
      [1e308, 1],
    ]);
    expect(x.score).toBe(100);
  });

  it('an infinite or NaN input in a table (client data) is missing in the score and in the breakdown alike', () => {
    const criteria = configOf(`version: 1
criteria:
  - { id: a, weight: 1, input: metrics.a, scale: { type: linear, min: 0, max: 10 } }
  - { id: b, weight: 1, input: metrics.b, scale: { type: log, min: 1, max: 10 } }
  - { id: c, weight: 1, input: metrics.c, scale: { type: percentile } }
  - { id: d, weight: 1, input: metrics.d, scale: { type: steps, steps: [{ min: 0, score: 1 }] } }
missing: exclude
`).criteria;
    const model = { criteria, missing: 'exclude' as const, tiers: DEFAULT_CONFIG.tiers };
    const column = () => Float64Array.of(Infinity, -Infinity, Number.NaN, 5);
    const table: InputTable = { size: 4, inputs: [column(), column(), column(), column()] };
    const bases = percentileBases(table, criteria);
    expect(Array.from(bases[2]!)).toEqual([5]);
    const scores = computeScores(table, model, bases);
    expect(Array.from(scores)).toEqual([0, 0, 0, expect.closeTo(((0.5 + Math.log10(5) + 1 + 1) / 4) * 100, 9)]);
    for (let row = 0; row < 3; row++) {
      const breakdown = criterionScores(table, model, row, bases);
      expect(breakdown.every((c) => c.missing && c.input === null && c.score === null && c.contribution === 0)).toBe(true);
    }
  });

  it('portfolio figures of revenues that add up past the largest number: exact shares, no Infinity', () => {
    const f = revenueFigures([1.5e308, 1e308, 5e307]);
    expect(f.concentration.top1Share).toBeCloseTo(0.5, 12);
    expect(f.concentration.top5Share).toBeCloseTo(1, 12);
    expect(f.concentration.hhi).toBeCloseTo(50 ** 2 + (100 / 3) ** 2 + (50 / 3) ** 2, 6);
    expect(f.pareto).toEqual({ vitalFew: 2, vitalFewShare: 2 / 3 });
    expect(f.totalRevenue).toBe(Number.MAX_VALUE);
    expect(nonFinite(f)).toEqual([]);
    // Amounts that are not numbers (from elsewhere than a plan): none, or the largest number.
    expect(nonFinite(revenueFigures([Number.NaN, 1, Infinity]))).toEqual([]);
    expect(revenueFigures([Number.NaN, 3, 1]).concentration.top1Share).toBe(0.75);
  });

  it('the report of such a portfolio: tier revenue held at the largest number, the Pareto curve from shares', () => {
    const plans = [1.5e308, 1e308, 5e307].map((r, i) => subject(`p${i}`, { revenue: [[2024, r]] }));
    const { report, accounts } = buildScoreReport(plans, DEFAULT_CONFIG);
    const portfolio = buildPortfolioReport({ title: 't', asOf: AS_OF, source: 's', report, accounts, subjects: new Map(plans.map((p) => [p.id, p])) });
    expect(nonFinite(portfolio)).toEqual([]);
    expect(portfolio.pareto.points.map((p) => p.revenueShare)).toEqual([expect.closeTo(0.5, 12), expect.closeTo(5 / 6, 12), expect.closeTo(1, 12)]);
    expect(portfolio.tiers.find((t) => t.accounts > 0)?.revenue).toBe(Number.MAX_VALUE);
    expect(paretoPoints([3, 1], 4).map((p) => p.revenueShare)).toEqual([0.75, 1]);
  });

  it('the matrix leaves out growth too large to draw (it counts as the largest number)', () => {
    const plans = [subject('tiny-start', { revenue: [[2024, 1e-320], [2025, 1e6]] }), subject('steady', { revenue: [[2024, 100], [2025, 150]] })];
    const { report, accounts } = buildScoreReport(plans, DEFAULT_CONFIG);
    const portfolio = buildPortfolioReport({ title: 't', asOf: AS_OF, source: 's', report, accounts, subjects: new Map(plans.map((p) => [p.id, p])) });
    expect(portfolio.matrix.map((p) => [p.id, p.growth])).toEqual([['steady', expect.closeTo(0.5, 12)]]);
    expect(portfolio.matrixLeftOut).toBe(1);
  });

  // Any finite plan data under any model kam.yaml accepts: every number shown is finite, a
  // criterion's input is null exactly when it is missing, and the score is the sum of the
  // contributions shown.
  it('property: no NaN or Infinity, and the score is what the breakdown says', () => {
    const extreme = fc.oneof(
      fc.constantFrom(0, 5e-324, 1e-320, 1e-300, 1, 5, 1e300, 1e307, 1e308, Number.MAX_VALUE),
      fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true }),
    );
    const scale = fc.oneof(
      fc.record({ type: fc.constant('linear' as const), min: fc.double({ noNaN: true, noDefaultInfinity: true }), max: fc.double({ noNaN: true, noDefaultInfinity: true }) }),
      fc.record({ type: fc.constant('log' as const), min: fc.double({ min: 5e-324, max: 1e308, noNaN: true }), max: fc.double({ min: 5e-324, max: Number.MAX_VALUE, noNaN: true }) }),
      fc.record({ type: fc.constant('steps' as const), steps: fc.array(fc.record({ min: fc.double({ noNaN: true, noDefaultInfinity: true }), score: fc.double({ min: 0, max: 1, noNaN: true }) }), { minLength: 1, maxLength: 3 }) }),
      fc.constant({ type: 'percentile' as const }),
    );
    const inputs = ['revenue.latest', 'revenue.total', 'revenue.cagr', 'wallet', 'shareOfWallet', 'metrics.m', 'assessment.a'];
    const criteria = fc.array(
      fc.record({ weight: fc.oneof(fc.constantFrom(0, 5e-324, 1e-301, 1e-300, 1, 1e300, 1e306), fc.double({ min: 0, max: 1e306, noNaN: true })), input: fc.constantFrom(...inputs), scale }),
      { minLength: 1, maxLength: 5 },
    );
    const plan = fc.record({
      years: fc.array(fc.tuple(fc.integer({ min: 2000, max: 2030 }), extreme), { maxLength: 4 }),
      wallet: fc.option(extreme, { nil: undefined }),
      m: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: undefined }),
      a: fc.option(fc.double({ min: 0, max: 5, noNaN: true }), { nil: undefined }),
    });
    fc.assert(
      fc.property(criteria, fc.constantFrom('zero', 'exclude'), fc.array(plan, { minLength: 1, maxLength: 6 }), (cs, missing, plans) => {
        const parsed = configSchema.safeParse({ criteria: cs.map((c, i) => ({ id: `c${i}`, ...c })), missing });
        fc.pre(parsed.success);
        const config = parsed.data!;
        const subjects = plans.flatMap((p, i) => {
          const revenue: Record<string, number> = {};
          for (const [year, amount] of p.years) revenue[String(year)] = amount;
          const text = JSON.stringify({ id: `p${i}`, name: `P${i}`, metrics: { revenue, ...(p.wallet !== undefined ? { wallet: p.wallet } : {}), ...(p.m !== undefined ? { m: p.m } : {}) }, ...(p.a !== undefined ? { assessment: { a: p.a } } : {}) });
          const loaded = loadPlanFile(`accounts/p${i}.yaml`, utf8(text)).planFile.plan;
          return loaded ? [subjectOfPlan(loaded)] : []; // revenue that adds up past 1.8e308 is a schema error
        });
        const { report, accounts } = buildScoreReport(subjects, config);
        const doc = scoreDocument(report);
        expect(nonFinite(doc)).toEqual([]);
        expect(nonFinite(buildPortfolioReport({ title: 't', asOf: AS_OF, source: 's', report: { ...report, config: reportConfig(config) }, accounts, subjects: new Map(subjects.map((s) => [s.id, s])) }))).toEqual([]);
        for (const a of doc.accounts) {
          expect(a.score).toBeGreaterThanOrEqual(0);
          expect(a.score).toBeLessThanOrEqual(100 * (1 + 1e-12));
          const sum = a.criteria.reduce((t, c) => t + c.contribution, 0);
          expect(Math.abs(sum - a.score)).toBeLessThanOrEqual(1e-9 * Math.max(1, a.score));
          for (const c of a.criteria) expect(c.input === null).toBe(a.missing.includes(c.id));
        }
      }),
      { numRuns: 300 },
    );
  });
});
