// Hostile plans and configs through the built binary, on one thread and on worker threads:
// a plan with a reserved key is scored by no command, tier and criterion ids that every object
// inherits work everywhere, and no number past the double range reaches an output.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, json, kam, REPO, type RunResult } from './helpers.js';

const AS_OF = ['--as-of', '2026-11-23'];
const VALIDATION = new Set(['yaml-syntax', 'schema', 'unknown-key', 'duplicate-id']);

interface Finding {
  rule: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  account?: string;
  message: string;
}

/** Would rank first and trip many policy rules, if it were scored. */
const TOP = 'metrics:\n  revenue: { 2024: 900000000000, 2025: 900000000000 }\nassessment: { influence: 5, techProspects: 5 }\n';

/** Plans with a reserved key in every position and form; each file's id is its name. */
const HOSTILE: Record<string, string> = {
  'zz-proto': `id: zz-proto\nname: Hostile Proto\n__proto__: { polluted: true }\n${TOP}`,
  'zz-ctor': `id: zz-ctor\nname: Hostile Ctor\nconstructor: 1\n${TOP}`,
  'zz-prototype': `id: zz-prototype\nname: Hostile Prototype\nprototype: [1]\n${TOP}`,
  'zz-quoted': `id: zz-quoted\nname: Hostile Quoted\n"__proto__": 5\n${TOP}`,
  'zz-metrics': 'id: zz-metrics\nname: Hostile Metrics\nmetrics: { __proto__: { wallet: 5 }, revenue: { 2025: 900000000000 } }\nassessment: { influence: 5, techProspects: 5 }\n',
  'zz-assessment': 'id: zz-assessment\nname: Hostile Assessment\nmetrics: { revenue: { 2025: 900000000000 } }\nassessment:\n  constructor: 5\n  influence: 5\n',
  'zz-relationship': `id: zz-relationship\nname: Hostile Relationship\nrelationships: [{ name: Li, __proto__: x }]\n${TOP}`,
  'zz-json': '{"id": "zz-json", "name": "Hostile Json", "__proto__": {"x": 1}, "metrics": {"revenue": {"2025": 900000000000}}}\n',
  'zz-flow': '{ id: zz-flow, name: Hostile Flow, metrics: { revenue: { 2025: 900000000000 }, constructor: 1 } }\n',
};

function workspace(name: string, files: Record<string, string>, config?: string): string {
  const dir = mkdtempSync(join(tmpdir(), `kam-${name}-`));
  cpSync(fixture('valid'), dir, { recursive: true });
  if (config !== undefined) writeFileSync(join(dir, 'kam.yaml'), config);
  for (const [id, text] of Object.entries(files)) writeFileSync(join(dir, 'accounts', `${id}.yaml`), text);
  return dir;
}

/** A workspace of `count` generated plans (account-00000…), the fixture's three, and `files`. */
function bigWorkspace(name: string, count: number, files: Record<string, string>, config?: string): string {
  const dir = workspace(name, files, config);
  const gen = mkdtempSync(join(tmpdir(), `kam-${name}-gen-`));
  execFileSync(process.execPath, [join(REPO, 'scripts/gen-workspace.mjs'), gen, String(count)]);
  cpSync(join(gen, 'accounts'), join(dir, 'accounts'), { recursive: true });
  return dir;
}

const planIds = (ws: string) => readdirSync(join(ws, 'accounts')).map((f) => f.replace(/\.yaml$/, '')).sort();

function ok(r: RunResult, codes = [0]): RunResult {
  if (!codes.includes(r.code)) throw new Error(`exit ${r.code}\n${r.stderr}`);
  expect(r.stderr).not.toMatch(/internal error|is not a function|Cannot read prop/);
  return r;
}

/** What each command makes of a workspace: the ids `score` ranked, the findings of `check` and `gaps`, `report`'s page. */
function observe(ws: string, env: Record<string, string>, config: string[] = []) {
  const score = ok(kam([...config, 'score', '--format', 'json'], { cwd: ws, env }));
  const check = ok(kam([...config, 'check', '--format', 'json', ...AS_OF], { cwd: ws, env }), [0, 1]);
  const gaps = ok(kam([...config, 'gaps', '--format', 'json', ...AS_OF], { cwd: ws, env }));
  return {
    score,
    check,
    gaps,
    scored: (json(score.stdout).accounts as { id: string }[]).map((a) => a.id).sort(),
    findings: json(check.stdout).findings as Finding[],
    gapsFindings: json(gaps.stdout).findings as Finding[],
  };
}

/** score, check and gaps agree: the plans check finds a syntax or schema error in are exactly those score leaves out, and only they have no policy findings. */
function expectAgreement(ws: string, seen: ReturnType<typeof observe>, hostile: readonly string[]) {
  const unscored = new Set(seen.findings.filter((f) => f.severity === 'error' && (f.rule === 'schema' || f.rule === 'yaml-syntax')).map((f) => f.file));
  const ids = planIds(ws);
  expect(seen.scored).toEqual(ids.filter((id) => !unscored.has(`accounts/${id}.yaml`)));
  for (const id of hostile) {
    expect(seen.scored).not.toContain(id);
    const own = seen.findings.filter((f) => f.file === `accounts/${id}.yaml`);
    expect(own.some((f) => f.rule === 'schema' && /reserved JavaScript name/.test(f.message))).toBe(true);
    expect(own.filter((f) => !VALIDATION.has(f.rule))).toEqual([]);
  }
  for (const f of [...seen.findings, ...seen.gapsFindings]) {
    if (!VALIDATION.has(f.rule)) expect(unscored.has(f.file)).toBe(false);
  }
  expect(seen.gapsFindings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`).sort()).toEqual(seen.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`).sort());
  expect(seen.score.stderr).toContain(`${unscored.size} plan(s) not scored`);
}

describe('a plan with a __proto__, constructor or prototype key is scored by no command', () => {
  const hostile = Object.keys(HOSTILE);

  it('one thread: score, check, gaps and report', () => {
    const ws = workspace('reserved', HOSTILE);
    const seen = observe(ws, {});
    expect(seen.scored).toEqual(['acme-telecom', 'nordic-power', 'orbit-bank']);
    expectAgreement(ws, seen, hostile);
    const report = ok(kam(['report', ...AS_OF], { cwd: ws }));
    expect(report.stderr).toContain(`${hostile.length} plan(s) left out`);
    expect(report.stdout).toContain('ACME Telecom');
    expect(report.stdout).not.toContain('Hostile');
  });

  // 2,000+ plans go to worker threads; the reserved keys sit in batches of different threads, and
  // a percentile scale makes the threads keep their plans until the whole portfolio is scored.
  const ws = bigWorkspace('reserved-threads', 2100, HOSTILE);
  for (const [n, line] of [['00040', '__proto__: { x: 1 }'], ['01020', 'constructor: 1'], ['02090', 'prototype: 1']] as const) {
    const file = join(ws, 'accounts', `account-${n}.yaml`);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^owner: /m, `${line}\nowner: `));
  }
  writeFileSync(join(ws, 'kam-percentile.yaml'), 'version: 1\ncriteria:\n  - { id: revenue, weight: 2, input: revenue.latest, scale: { type: percentile } }\n  - { id: influence, weight: 1, input: assessment.influence, scale: { type: linear, min: 0, max: 5 } }\n');
  const generatedHostile = ['account-00040', 'account-01020', 'account-02090'];

  it.each([[[] as string[]], [['--config', 'kam-percentile.yaml']]])('worker threads (KAM_THREADS=3) and one thread agree %j', (config) => {
    const three = observe(ws, { KAM_THREADS: '3', KAM_DEBUG: '1' }, config);
    expect(three.check.stderr).toMatch(/on 3 threads/);
    expect(three.score.stderr).toMatch(/on 3 threads/);
    expectAgreement(ws, three, [...hostile, ...generatedHostile]);
    const one = observe(ws, { KAM_THREADS: '1' }, config);
    expect(one.scored).toEqual(three.scored);
    expect(one.check.stdout).toBe(three.check.stdout);
    expect(one.gaps.stdout).toBe(three.gaps.stdout);
    expect(one.score.stdout).toBe(three.score.stdout);
  }, 180_000);

  it('report on many plans leaves them out too', () => {
    const report = ok(kam(['report', ...AS_OF], { cwd: ws, env: { KAM_THREADS: '3' } }));
    expect(report.stderr).toContain(`${hostile.length + generatedHostile.length} plan(s) left out`);
    expect(report.stdout).not.toContain('Hostile');
    expect(report.stdout).not.toMatch(/data-id="account-0(0040|1020|2090)"|>account-0(0040|1020|2090)</);
  }, 120_000);
});

// ---- ids that every object inherits ------------------------------------------------

const TIER_CONFIG = `version: 1
tiers:
  - { id: constructor, min: 75 }
  - { id: toString, min: 55 }
  - { id: valueOf, min: 35 }
  - { id: hasOwnProperty, min: 15 }
  - { id: __proto__, min: 0 }
policies:
  requiredSections: { toString: [relationships, objectives] }
  reviewEveryDays: { toString: 120, valueOf: 180, hasOwnProperty: 365 }
  minContacts: { toString: 3 }
  coachRequired: [constructor, toString, __proto__]
  engagements: { valueOf: { within: 365, types: [technical-exchange] } }
  teamFte: { hasOwnProperty: { max: 0.5 } }
  concentration: { maxTop1Share: 0.9 }
`;

const TIERS = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'];

/**
 * The workspace's plans without their declared tier: the fixture's and the generated plans declare
 * tiers of the default model (strategic, key…), which are no tiers of TIER_CONFIG (a schema error:
 * such a plan would not be scored).
 */
function withoutDeclaredTiers(ws: string): string {
  const accounts = join(ws, 'accounts');
  for (const name of readdirSync(accounts)) {
    const file = join(accounts, name);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^tier: .*\n/m, ''));
  }
  return ws;
}

/** Plans spread over the five tiers (by revenue and assessment). */
const TIER_PLANS: Record<string, string> = Object.fromEntries(
  [
    [6e7, 5],
    [6e6, 4],
    [4e5, 2],
    [3e4, 1],
    [0, 0],
  ].map(([revenue, a], i) => [`tier-${i}`, `id: tier-${i}\nname: Tier ${i}\nmetrics: { revenue: { 2024: ${revenue}, 2025: ${revenue} } }\nassessment: { influence: ${a}, techProspects: ${a} }\n`]),
);

function expectTierCounts(stdout: string) {
  const doc = json(stdout);
  const tiers = doc.summary.tiers as Record<string, number>;
  expect(Object.keys(tiers)).toEqual(TIERS);
  expect(Object.values(tiers).reduce((a, b) => a + b, 0)).toBe(doc.summary.accounts);
  const computed = new Set((doc.accounts as { tier: string }[]).map((a) => a.tier));
  for (const tier of TIERS) {
    expect(computed).toContain(tier);
    expect(tiers[tier]).toBe((doc.accounts as { tier: string }[]).filter((a) => a.tier === tier).length);
  }
}

describe('tier ids constructor, toString, valueOf, hasOwnProperty and __proto__', () => {
  it('work in score, check, gaps and report on one thread', () => {
    const ws = withoutDeclaredTiers(workspace('tiers', TIER_PLANS, TIER_CONFIG));
    expectTierCounts(ok(kam(['score', '--format', 'json'], { cwd: ws })).stdout);
    for (const format of ['table', 'markdown', 'csv']) ok(kam(['score', '--format', format], { cwd: ws }));
    expect(ok(kam(['score', '--format', 'table'], { cwd: ws })).stdout).toMatch(/Tiers: constructor \d+ · toString \d+ · valueOf \d+ · hasOwnProperty \d+ · __proto__ \d+/);
    ok(kam(['score', '--explain', 'tier-4'], { cwd: ws }));
    ok(kam(['score', '--tier', '__proto__,constructor', '--format', 'json'], { cwd: ws }));
    const check = ok(kam(['check', '--format', 'json', ...AS_OF], { cwd: ws }), [0, 1]);
    const byAccount = (id: string) => (json(check.stdout).findings as Finding[]).filter((f) => f.account === id).map((f) => f.rule).sort();
    // Each account gets what its own tier's policies ask for, nothing inherited.
    expect(byAccount('tier-0')).toEqual(['no-coach']);
    expect(byAccount('tier-1')).toEqual(['no-coach', 'no-decision-maker', 'required-section', 'required-section', 'single-threaded', 'stale-review']);
    expect(byAccount('tier-2')).toEqual(['missing-engagement', 'stale-review']);
    expect(byAccount('tier-3')).toEqual(['stale-review']);
    expect(byAccount('tier-4')).toEqual(['no-coach']);
    for (const format of ['table', 'markdown', 'json']) ok(kam(['gaps', '--format', format, ...AS_OF], { cwd: ws }));
    ok(kam(['gaps', '--tier', '__proto__,valueOf', ...AS_OF], { cwd: ws }));
    const report = ok(kam(['report', ...AS_OF], { cwd: ws }));
    for (const tier of TIERS) expect(report.stdout).toContain(`data-tier="${tier}"`);
  });

  it('work on worker threads, with the same output as one thread', () => {
    const ws = withoutDeclaredTiers(bigWorkspace('tiers-threads', 2100, TIER_PLANS, TIER_CONFIG));
    for (const args of [['score', '--format', 'json'], ['check', '--format', 'json', ...AS_OF], ['gaps', '--format', 'json', ...AS_OF]]) {
      const three = ok(kam(args, { cwd: ws, env: { KAM_THREADS: '3', KAM_DEBUG: '1' } }), [0, 1]);
      expect(three.stderr).toMatch(/on 3 threads/);
      const one = ok(kam(args, { cwd: ws, env: { KAM_THREADS: '1' } }), [0, 1]);
      expect(one.stdout).toBe(three.stdout);
      if (args[0] === 'score') expectTierCounts(three.stdout);
    }
  }, 180_000);

  it('criterion ids and input names of those names', () => {
    const config = `version: 1
criteria:
  - { id: constructor, weight: 1, input: assessment.toString, scale: { type: linear, min: 0, max: 5 } }
  - { id: __proto__, weight: 1, input: metrics.valueOf, scale: { type: percentile } }
  - { id: toString, weight: 1, input: metrics.hasOwnProperty, scale: { type: log, min: 1, max: 100 } }
`;
    const ws = workspace('criteria', { 'ids-a': 'id: ids-a\nname: Ids A\nassessment: { toString: 5 }\nmetrics: { valueOf: 7, hasOwnProperty: 100 }\n' }, config);
    const doc = json(ok(kam(['score', '--format', 'json'], { cwd: ws })).stdout);
    const a = doc.accounts.find((x: { id: string }) => x.id === 'ids-a');
    expect(a.criteria.map((c: { id: string; input: number; score: number }) => [c.id, c.input, c.score])).toEqual([
      ['constructor', 5, 1],
      ['__proto__', 7, 1],
      ['toString', 100, 1],
    ]);
    // The fixture's plans have none of these inputs: missing, not the functions objects inherit.
    expect(doc.accounts.find((x: { id: string }) => x.id === 'acme-telecom').missing).toEqual(['constructor', '__proto__', 'toString']);
    for (const format of ['table', 'markdown', 'csv']) expect(ok(kam(['score', '--format', format], { cwd: ws })).stdout).toMatch(/_proto\\?_/);
    ok(kam(['score', '--explain', 'ids-a'], { cwd: ws }));
    ok(kam(['score', '--weight', '__proto__=3', '--weight', 'constructor=0', '--format', 'json'], { cwd: ws }));
    ok(kam(['check', ...AS_OF], { cwd: ws }), [0, 1]);
    ok(kam(['report', ...AS_OF], { cwd: ws }));
  });

  it('rule ids of those names are config errors at kam.yaml:line:col', () => {
    for (const [rules, message] of [['{ toString: warn }', /kam\.yaml:2:10: unknown rule id "toString" in rules/], ['{ constructor: off }', /kam\.yaml:2:10: key "constructor" is not allowed/]] as const) {
      const ws = workspace('rule-ids', {}, `version: 1\nrules: ${rules}\n`);
      for (const command of [['score'], ['check', ...AS_OF]]) {
        const r = kam(command, { cwd: ws });
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(message);
      }
    }
  });

  it('data.columns keys and tier ids of those names with score --data', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kam-columns-'));
    writeFileSync(join(dir, 'kam.yaml'), `version: 1\ndata:\n  columns: { toString: name, valueOf: revenue_2025, hasOwnProperty: influence }\ntiers:\n  - { id: constructor, min: 50 }\n  - { id: toString, min: 20 }\n  - { id: valueOf, min: 0 }\n`);
    writeFileSync(join(dir, 'clients.csv'), 'toString,valueOf,hasOwnProperty,techProspects\nAcme,90000000,5,5\nBeta,100000,3,1\nGamma,1000,0,0\n');
    const doc = json(ok(kam(['score', '--data', 'clients.csv', '--format', 'json'], { cwd: dir })).stdout);
    expect(doc.accounts.map((a: { name: string; tier: string; criteria: { input: number | null }[] }) => [a.name, a.tier, a.criteria[0]!.input])).toEqual([
      ['Acme', 'constructor', 90000000],
      ['Beta', 'toString', 100000],
      ['Gamma', 'valueOf', 1000],
    ]);
    expect(doc.summary.tiers).toEqual({ constructor: 1, toString: 1, valueOf: 1 });
  });
});

// ---- numbers past the double range ---------------------------------------------

const NOT_FINITE = /NaN|Infinity/;

describe('numbers that are not finite, or overflow, never reach an output', () => {
  it.each([
    ['weights whose sum overflows', 'criteria:\n  - { id: a, weight: 1e306, input: revenue.latest, scale: { type: log, min: 1, max: 10 } }\n  - { id: b, weight: 1e306, input: revenue.total, scale: { type: log, min: 1, max: 10 } }\n', /kam\.yaml:4:22: "criteria\[1\]\.weight": the weights add up past about 1\.8e306/],
    ['a weight of 1e400', 'criteria:\n  - { id: a, weight: 1e400, input: revenue.latest, scale: { type: log, min: 1, max: 10 } }\n', /kam\.yaml:3:22: "criteria\[0\]\.weight" must be a finite number; got infinity/],
    ['a linear span that overflows', 'criteria:\n  - { id: a, weight: 1, input: revenue.latest, scale: { type: linear, min: -1e308, max: 1e308 } }\n', /kam\.yaml:3:55: "criteria\[0\]\.scale": max - min of a linear scale must be a finite number/],
    ['a tier min of .inf', 'tiers:\n  - { id: top, min: .inf }\n', /kam\.yaml:3:21: "tiers\[0\]\.min" must be a finite number/],
    ['a policy number of 1e400', 'policies:\n  reviewEveryDays: { key: 1e400 }\n', /kam\.yaml:3:27: "policies\.reviewEveryDays\.key" must be a finite number/],
  ])('kam.yaml: %s is a config error (exit 2) for score and check', (_name, body, message) => {
    const ws = workspace('config-numbers', {}, `version: 1\n${body}`);
    for (const command of [['score'], ['check', ...AS_OF], ['gaps', ...AS_OF], ['report', ...AS_OF]]) {
      const r = kam(command, { cwd: ws });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });

  it('--weight what-ifs that overflow are refused (exit 2), with plans and with --data', () => {
    const ws = workspace('weights', {});
    writeFileSync(join(ws, 'clients.csv'), 'name,revenue_2025,influence\nAcme,100000,4\n');
    for (const data of [[], ['--data', 'clients.csv']]) {
      for (const weight of ['revenue=1e308', 'revenue=1e306', 'revenue=1e400', 'revenue=1e-320']) {
        const r = kam(['score', ...data, '--weight', weight, '--weight', weight.replace('revenue', 'influence')], { cwd: ws });
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/--weight/);
      }
      const fine = ok(kam(['score', ...data, '--weight', 'revenue=1e305', '--format', 'json'], { cwd: ws }));
      expect(fine.stdout).not.toMatch(NOT_FINITE);
      for (const a of json(fine.stdout).accounts) expect(Number.isFinite(a.score)).toBe(true);
    }
  });

  it('a plan value of 1e400 or .inf is a schema error, and the plan is not scored', () => {
    const ws = workspace('plan-numbers', {
      'big-revenue': 'id: big-revenue\nname: Big Revenue\nmetrics:\n  revenue:\n    2025: 1e400\n',
      'big-wallet': 'id: big-wallet\nname: Big Wallet\nmetrics: { revenue: { 2025: 5 }, wallet: .inf }\n',
      'big-sum': 'id: big-sum\nname: Big Sum\nmetrics:\n  revenue: { 2024: 1e308, 2025: 1e308 }\n',
      'big-json': '{"id": "big-json", "name": "Big Json", "metrics": {"revenue": {"2025": 1e999}}}\n',
    });
    for (const env of [{ KAM_THREADS: '1' }, { KAM_THREADS: '3' }]) {
      const seen = observe(ws, env);
      expect(seen.scored).toEqual(['acme-telecom', 'nordic-power', 'orbit-bank']);
      const located = seen.findings.filter((f) => f.file.includes('big-')).map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`);
      expect(located).toEqual([
        'accounts/big-json.yaml:1:72 schema',
        'accounts/big-revenue.yaml:5:11 schema',
        'accounts/big-sum.yaml:4:12 schema',
        'accounts/big-wallet.yaml:3:42 schema',
      ]);
      expect(seen.findings.find((f) => f.file === 'accounts/big-revenue.yaml')!.message).toMatch(/must be a finite number; got infinity/);
      expect(seen.findings.find((f) => f.file === 'accounts/big-sum.yaml')!.message).toMatch(/add up past the largest number/);
    }
  });

  it('derived inputs and portfolio sums that overflow: every output finite, inputs shown as scored', () => {
    const config = `version: 1
criteria:
  - { id: growth, weight: 1, input: revenue.cagr, scale: { type: linear, min: 0, max: 1 } }
  - { id: share, weight: 1, input: shareOfWallet, scale: { type: percentile } }
  - { id: revenue, weight: 1, input: revenue.latest, scale: { type: log, min: 1, max: 1e10 } }
`;
    const ws = workspace('derived', {
      'tiny-start': 'id: tiny-start\nname: Tiny Start\nmetrics:\n  revenue: { 2024: 1e-320, 2025: 1.5e308 }\n  wallet: 1e-320\n',
      'huge-a': 'id: huge-a\nname: Huge A\nmetrics: { revenue: { 2025: 1e308 }, wallet: 1e308 }\n',
      'huge-b': 'id: huge-b\nname: Huge B\nmetrics: { revenue: { 2025: 5e307 }, wallet: 1e308 }\n',
    }, config);
    const score = ok(kam(['score', '--format', 'json'], { cwd: ws }));
    expect(score.stdout).not.toMatch(NOT_FINITE);
    const doc = json(score.stdout);
    for (const a of doc.accounts) {
      for (const c of a.criteria) expect(c.input === null).toBe(a.missing.includes(c.id));
      expect(Math.abs(a.criteria.reduce((t: number, c: { contribution: number }) => t + c.contribution, 0) - a.score)).toBeLessThan(1e-9);
    }
    const tiny = doc.accounts.find((a: { id: string }) => a.id === 'tiny-start');
    expect(tiny.criteria.map((c: { input: number; score: number }) => [c.input, c.score])).toEqual([[Number.MAX_VALUE, 1], [Number.MAX_VALUE, 1], [1.5e308, 1]]);
    // The latest revenues add up past 1.8e308: the shares still come out right.
    expect(doc.summary.concentration.top1Share).toBeCloseTo(1.5 / (1.5 + 1 + 0.5), 9);
    for (const args of [['score'], ['score', '--format', 'markdown'], ['score', '--format', 'csv'], ['score', '--explain', 'tiny-start'], ['score', '--explain', 'tiny-start', '--format', 'json'], ['check', ...AS_OF], ['gaps', ...AS_OF], ['report', ...AS_OF]]) {
      expect(ok(kam(args, { cwd: ws }), [0, 1]).stdout).not.toMatch(NOT_FINITE);
    }
  });
});
