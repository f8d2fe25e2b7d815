// kam.yaml typos no longer switch the gate off: a misspelt tier in policies, an unknown rule id or
// scale type is exit 2 with a suggestion (every problem of the file at once), and a plan whose
// tier: is not a tier of kam.yaml is a schema finding with a suggestion, not a tier-mismatch.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, kam, REPO } from './helpers.js';

const AS_OF = ['--as-of', '2026-11-23'];

/** A workspace: kam.yaml and plans (file name → text). */
function workspace(config: string, plans: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kam-config-strict-'));
  writeFileSync(join(dir, 'kam.yaml'), config);
  mkdirSync(join(dir, 'accounts'));
  for (const [name, text] of Object.entries(plans)) writeFileSync(join(dir, 'accounts', name), text);
  return dir;
}

// One criterion, so that an influence of 5 scores 100: a strategic account.
const MODEL = 'version: 1\ncriteria:\n  - { id: influence, weight: 1, input: assessment.influence, scale: { type: linear, min: 0, max: 5 } }\n';
const STRATEGIC_PLAN = 'id: acme\nname: ACME\nassessment: { influence: 5 }\nreview: { lastReviewed: 2026-11-01 }\n';

describe('a misspelt tier in policies is exit 2, not a gate that lets everything through', () => {
  it('requiredSections: { strategc: … }', () => {
    const right = workspace(`${MODEL}policies:\n  requiredSections: { strategic: [relationships] }\n`, { 'acme.yaml': STRATEGIC_PLAN });
    const gate = kam(['-C', right, 'check', ...AS_OF]);
    expect(gate.code).toBe(1);
    expect(gate.stdout).toMatch(/required-section/);

    const typo = workspace(`${MODEL}policies:\n  requiredSections: { strategc: [relationships] }\n`, { 'acme.yaml': STRATEGIC_PLAN });
    const r = kam(['-C', typo, 'check', ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('kam.yaml:5:23: "policies.requiredSections": tier "strategc" is not in tiers (strategic, key, growth, maintain); did you mean "strategic"?');
  });

  it('coachRequired: [platinum], with no such tier', () => {
    const dir = workspace(`${MODEL}policies:\n  coachRequired: [platinum]\n`, { 'acme.yaml': STRATEGIC_PLAN });
    const r = kam(['-C', dir, 'check', ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/kam\.yaml:5:19: "policies\.coachRequired": tier "platinum" is not in tiers \(strategic, key, growth, maintain\)/);
  });

  it('every command that reads kam.yaml refuses it the same way', () => {
    const dir = workspace(`${MODEL}policies:\n  minContacts: { kye: 3 }\n`, { 'acme.yaml': STRATEGIC_PLAN });
    for (const command of [['score'], ['gaps', ...AS_OF], ['check', '--format', 'json', ...AS_OF]]) {
      const r = kam(['-C', dir, ...command]);
      expect(r.code, command.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/kam\.yaml:5:18: "policies\.minContacts": tier "kye" is not in tiers .*; did you mean "key"\?/);
    }
  });
});

describe('all the problems of kam.yaml in one run, in file order', () => {
  it('a schema error, a scale type, an unknown tier and an unknown rule id together', () => {
    const config = [
      'version: 1',
      'missing: sometimes',
      'criteria:',
      '  - { id: influence, weight: 1, input: assessment.influence, scale: { type: linar, min: 0, max: 5 } }',
      'policies:',
      '  reviewEveryDays: { strategc: 30 }',
      'rules:',
      '  stale-reveiw: off',
      '',
    ].join('\n');
    const r = kam(['-C', workspace(config, { 'acme.yaml': STRATEGIC_PLAN }), 'check']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('kam.yaml:'))).toEqual([
      'kam.yaml:2:10: "missing" must be one of zero, exclude; got the text "sometimes"',
      'kam.yaml:4:77: "criteria[0].scale.type" must be one of linear, log, steps, percentile; got the text "linar"; did you mean "linear"?',
      'kam.yaml:6:22: "policies.reviewEveryDays": tier "strategc" is not in tiers (strategic, key, growth, maintain); did you mean "strategic"?',
      'kam.yaml:8:3: unknown rule id "stale-reveiw" in rules; did you mean "stale-review"?',
    ]);
  });
});

const PLATINUM = 'version: 1\ntiers:\n  - { id: platinum, min: 50 }\n  - { id: silver, min: 0 }\n';
const TYPO_PLAN = 'id: typo\nname: Typo\ntier: platnum\n';
const GOOD_PLAN = 'id: good\nname: Good\ntier: silver\n';

describe("a plan's tier: that is not a tier of kam.yaml", () => {
  const dir = workspace(PLATINUM, { 'typo.yaml': TYPO_PLAN, 'good.yaml': GOOD_PLAN });

  it('is a schema finding at the value, with the suggestion, and no tier-mismatch (exit 1)', () => {
    const r = kam(['-C', dir, 'check', '--format', 'json', ...AS_OF]);
    expect(r.code).toBe(1);
    const findings = json(r.stdout).findings as { rule: string; file: string; line: number; column: number; message: string }[];
    const typo = findings.filter((f) => f.file === 'accounts/typo.yaml');
    expect(typo).toEqual([
      {
        rule: 'schema',
        severity: 'error',
        account: 'typo',
        file: 'accounts/typo.yaml',
        line: 3,
        column: 7,
        message: 'tier "platnum" is not a tier of kam.yaml (platinum, silver); did you mean "platinum"?',
      },
    ]);
  });

  it('is not scored: kam score lists it on stderr like other invalid plans', () => {
    const r = kam(['-C', dir, 'score', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(json(r.stdout).accounts.map((a: { id: string }) => a.id)).toEqual(['good']);
    expect(r.stderr).toMatch(/1 plan\(s\) not scored/);
    expect(r.stderr).toContain('accounts/typo.yaml:3:7: tier "platnum" is not a tier of kam.yaml (platinum, silver); did you mean "platinum"?');
  });

  it('gives the same findings on worker threads', () => {
    const many = mkdtempSync(join(tmpdir(), 'kam-config-strict-threads-'));
    execFileSync(process.execPath, [join(REPO, 'scripts/gen-workspace.mjs'), many, '2100']);
    const file = join(many, 'accounts', 'account-01500.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^tier: .*$/m, 'tier: strategc'));
    const runs = [['check', '--format', 'json', ...AS_OF], ['score', '--format', 'json']].map((args) => {
      const one = kam(args, { cwd: many, env: { KAM_THREADS: '1' } });
      const two = kam(args, { cwd: many, env: { KAM_THREADS: '2', KAM_DEBUG: '1' } });
      expect(two.stderr).toMatch(/loaded 2100 plans on 2 threads/);
      expect(two.stdout).toBe(one.stdout);
      expect(two.code).toBe(one.code);
      return one;
    });
    const schema = json(runs[0]!.stdout).findings.filter((f: { file: string; rule: string }) => f.file === 'accounts/account-01500.yaml');
    expect(schema.map((f: { rule: string; message: string }) => `${f.rule} ${f.message}`)).toEqual([expect.stringMatching(/^schema tier "strategc" is not a tier of kam\.yaml .*; did you mean "strategic"\?$/)]);
    expect(json(runs[1]!.stdout).accounts).toHaveLength(2099);
  }, 120_000);
});
