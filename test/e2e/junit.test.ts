// `kam check --format junit` as CI servers read it: valid against the Jenkins xunit plugin's
// JUnit schema (test/fixtures/junit/junit-10.xsd, checked with xmllint), counts that equal what a
// junitparser-style reader recomputes, one testsuite per plan checked (clean plans included),
// one testcase per rule that is on, errors as failures, warnings as failures only when
// --max-warnings fails the run (else skipped, with their text), the portfolio rules apart.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../src/core/findings.js';
import { copyFixture, FIXTURES, json, kam, REPO } from './helpers.js';
import { parseXml, statedCounts, suiteCounts, testcases, totalCounts, type XmlElement } from './junit-reader.js';

const XSD = join(FIXTURES, 'junit', 'junit-10.xsd');
const HAVE_XMLLINT = spawnSync('xmllint', ['--version'], { encoding: 'utf8' }).status === 0;
const AS_OF = '2026-11-23';
const POLICY = ['required-section', 'tier-mismatch', 'stale-review', 'no-decision-maker', 'no-coach', 'single-threaded', 'missing-engagement', 'overdue-action', 'action-without-owner', 'missing-criterion-data', 'resource-misalignment'];

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});
function copy(name: string): string {
  const dir = copyFixture(name);
  temps.push(dir);
  return dir;
}

/** xmllint --schema: the errors it prints, or '' when the document validates. */
function schemaErrors(xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kam-junit-'));
  temps.push(dir);
  const file = join(dir, 'report.xml');
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
  return r.status === 0 ? '' : `${r.stderr}${r.stdout}`.trim();
}

/**
 * The checks every report must pass: the schema (xmllint; the test fails in CI without it and
 * says so elsewhere), and stated counts equal to the recomputed ones at every level.
 */
function read(xml: string): XmlElement {
  if (HAVE_XMLLINT) expect(schemaErrors(xml)).toBe('');
  else if (process.env.CI) throw new Error('xmllint is not installed: .ci/run installs libxml2-utils');
  const root = parseXml(xml);
  expect(root.name).toBe('testsuites');
  const total = totalCounts(root);
  // <testsuites> carries no skipped: the Jenkins schema does not allow it there.
  expect(statedCounts(root)).toEqual({ tests: total.tests, failures: total.failures, errors: total.errors });
  for (const suite of root.children) {
    expect(suite.name).toBe('testsuite');
    expect(statedCounts(suite), suite.attrs.name).toEqual(suiteCounts(suite));
  }
  // Test names are unique within a suite (GitLab keeps the first of a duplicated name).
  for (const suite of root.children) {
    const names = suite.children.map((c) => `${c.attrs.classname}\u0000${c.attrs.name}`);
    expect(new Set(names).size).toBe(names.length);
  }
  return root;
}

describe.skipIf(!HAVE_XMLLINT && !process.env.CI)('xmllint is installed', () => {
  it('validates against the schema (a sanity check that the schema refuses what Jenkins refuses)', () => {
    expect(schemaErrors('<?xml version="1.0"?>\n<testsuites tests="0" failures="0" errors="0"/>\n')).toBe('');
    expect(schemaErrors('<testsuites skipped="0"/>')).toMatch(/skipped/);
    expect(schemaErrors('<testsuites><testsuite name="a" tests="1" failures="0" errors="0"><testcase name="x" file="f"/></testsuite></testsuites>')).toMatch(/file/);
    expect(schemaErrors('<testsuites><testsuite name="a" tests="1" failures="0"><testcase name="x"/></testsuite></testsuites>')).toMatch(/errors/);
  });
});
if (!HAVE_XMLLINT && !process.env.CI) {
  // eslint-disable-next-line no-console
  console.warn('junit.test.ts: xmllint not found (apt-get install libxml2-utils): the schema checks are skipped, the rest runs');
}

describe('kam check --format junit', () => {
  const broken = copy('broken');
  const plans = readdirSync(join(broken, 'accounts')).filter((f) => f.endsWith('.yaml')).map((f) => `accounts/${f}`).sort();
  const findings = json(kam(['-C', broken, 'check', '--format', 'json', '--as-of', AS_OF]).stdout).findings as { file: string; rule: string; severity: string; line: number; column: number; message: string }[];

  it('has one testsuite per plan checked, clean plans included, then the portfolio', () => {
    const r = kam(['-C', broken, 'check', '--format', 'junit', '--as-of', AS_OF]);
    expect(r.code).toBe(1);
    const root = read(r.stdout);
    const suites = root.children.map((s) => s.attrs.name);
    expect(suites.slice(0, -1).sort()).toEqual(plans);
    expect(suites.at(-1)).toBe('portfolio');
    for (const suite of root.children.slice(0, -1)) expect(suite.attrs.file).toBe(suite.attrs.name);
    // good.yaml has no validation finding: its validation testcases pass.
    const good = testcases(root).filter((c) => c.classname === 'accounts/good.yaml');
    expect(good.find((c) => c.name === 'schema')?.status).toBe('passed');
    expect(good.find((c) => c.name === 'yaml-syntax')?.status).toBe('passed');
  });

  it('has one testcase per rule that is on, named by the rule, under the plan', () => {
    const root = read(kam(['-C', broken, 'check', '--format', 'junit', '--as-of', AS_OF]).stdout);
    const planRules = RULE_IDS.filter((id) => id !== 'concentration-risk');
    for (const suite of root.children.slice(0, -1)) {
      expect(suite.children.map((c) => c.attrs.name)).toEqual(planRules);
      for (const c of suite.children) expect(c.attrs.classname).toBe(suite.attrs.name);
    }
    expect(root.children.at(-1)!.children.map((c) => c.attrs.name)).toEqual(['concentration-risk']);
    // Every finding is in the text of its rule's testcase, with line:col.
    const cases = testcases(root);
    for (const f of findings) {
      const c = cases.find((x) => x.classname === (f.rule === 'concentration-risk' ? 'portfolio' : f.file) && x.name === f.rule)!;
      expect(c.text).toContain(`${f.file}:${f.line}:${f.column} ${f.severity === 'error' ? 'error' : 'warning'} ${f.message}`);
    }
  });

  it('reports errors as failures (type error), counted in failures, never in errors', () => {
    const root = read(kam(['-C', broken, 'check', '--format', 'junit', '--as-of', AS_OF]).stdout);
    const cases = testcases(root);
    const failing = new Set(findings.filter((f) => f.severity === 'error').map((f) => `${f.file} ${f.rule}`));
    expect(cases.filter((c) => c.status === 'failure').map((c) => `${c.classname} ${c.name}`).sort()).toEqual([...failing].sort());
    for (const c of cases.filter((x) => x.status === 'failure')) expect(c.type).toBe('error');
    expect(cases.some((c) => c.status === 'error')).toBe(false);
    expect(root.attrs.errors).toBe('0');
    expect(Number(root.attrs.failures)).toBe(failing.size);
    const tabs = cases.find((c) => c.classname === 'accounts/tabs.yaml' && c.name === 'yaml-syntax')!;
    expect(tabs.message).toMatch(/^accounts\/tabs\.yaml:4:1 Tabs are not allowed/);
  });

  it('shows warnings that do not fail the run as skipped (type warning) with their text', () => {
    const root = read(kam(['-C', broken, 'check', '--format', 'junit', '--as-of', AS_OF]).stdout);
    const cases = testcases(root);
    const owne = cases.find((c) => c.classname === 'accounts/unknown.yaml' && c.name === 'unknown-key')!;
    expect(owne.status).toBe('skipped');
    expect(owne.type).toBe('warning');
    expect(owne.message).toMatch(/^2 findings, the first at accounts\/unknown\.yaml:3:1: unknown key "owne"/);
    expect(owne.text).toContain('accounts/unknown.yaml:5:17 warning unknown key "titel"');
    expect(owne.text).toContain('warnings do not fail the run: no --max-warnings');
    const concentration = cases.find((c) => c.classname === 'portfolio')!;
    expect(concentration.status).toBe('skipped');
    expect(concentration.text).toMatch(/^accounts\/good\.yaml:\d+:\d+ warning Good Account makes 100\.0% of revenue/);
  });

  it('skips the policy rules of a plan that could not be read or is not valid, saying so', () => {
    const root = read(kam(['-C', broken, 'check', '--format', 'junit', '--as-of', AS_OF]).stdout);
    const tabs = testcases(root).filter((c) => c.classname === 'accounts/tabs.yaml');
    for (const rule of POLICY) {
      const c = tabs.find((x) => x.name === rule)!;
      expect(c.status, rule).toBe('skipped');
      expect(c.message).toMatch(/^not checked: the plan could not be read or is not valid/);
    }
    expect(tabs.find((c) => c.name === 'unknown-key')!.status).toBe('passed');
    // A valid plan's policy rules ran.
    expect(testcases(root).find((c) => c.classname === 'accounts/good.yaml' && c.name === 'no-coach')!.status).toBe('passed');
  });

  it('makes warnings failures (type warning) when they exceed --max-warnings, and only then', () => {
    const warnings = findings.filter((f) => f.severity === 'warn').length;
    const over = kam(['-C', broken, 'check', '--format', 'junit', '--as-of', AS_OF, '--max-warnings', String(warnings - 1)]);
    const cases = testcases(read(over.stdout));
    const owne = cases.find((c) => c.classname === 'accounts/unknown.yaml' && c.name === 'unknown-key')!;
    expect(owne.status).toBe('failure');
    expect(owne.type).toBe('warning');
    expect(owne.text).toContain(`warnings fail the run: ${warnings} in all, more than --max-warnings ${warnings - 1}`);
    const warned = new Set(findings.filter((f) => f.severity === 'warn').map((f) => `${f.rule === 'concentration-risk' ? 'portfolio' : f.file} ${f.rule}`));
    expect(cases.filter((c) => c.status === 'failure' && c.type === 'warning').map((c) => `${c.classname} ${c.name}`).sort()).toEqual([...warned].sort());

    const under = testcases(read(kam(['-C', broken, 'check', '--format', 'junit', '--as-of', AS_OF, '--max-warnings', String(warnings)]).stdout));
    const again = under.find((c) => c.classname === 'accounts/unknown.yaml' && c.name === 'unknown-key')!;
    expect(again.status).toBe('skipped');
    expect(again.text).toContain(`warnings do not fail the run: ${warnings} in all, at most ${warnings} allowed by --max-warnings`);
    expect(under.filter((c) => c.type === 'warning' && c.status === 'failure')).toEqual([]);
  });

  it('-q leaves warnings out: their rules pass', () => {
    const cases = testcases(read(kam(['-C', broken, 'check', '--format', 'junit', '--as-of', AS_OF, '-q']).stdout));
    expect(cases.find((c) => c.classname === 'accounts/unknown.yaml' && c.name === 'unknown-key')!.status).toBe('passed');
    expect(cases.some((c) => c.type === 'warning')).toBe(false);
  });

  it('gives files named on the command line their suites, and only those', () => {
    const root = read(kam(['-C', broken, 'check', 'accounts/good.yaml', 'accounts/tabs.yaml', '--format', 'junit', '--as-of', AS_OF]).stdout);
    expect(root.children.map((s) => s.attrs.name).filter((n) => n !== 'portfolio').sort()).toEqual(['accounts/good.yaml', 'accounts/tabs.yaml']);
  });
});

describe('a clean workspace', () => {
  it('passes every testcase of every plan; rules that are off have no testcase', () => {
    const valid = copy('valid');
    const r = kam(['-C', valid, 'check', '--format', 'junit', '--as-of', AS_OF]);
    expect(r.code).toBe(0);
    const root = read(r.stdout);
    // test/fixtures/valid turns concentration-risk off: no portfolio suite.
    expect(root.children.map((s) => s.attrs.name)).toEqual(['accounts/acme-telecom.yaml', 'accounts/nordic-power.yaml', 'accounts/orbit-bank.yaml']);
    expect(testcases(root).every((c) => c.status === 'passed')).toBe(true);
    expect(root.attrs.tests).toBe(String(3 * (RULE_IDS.length - 1)));
    expect(root.attrs.failures).toBe('0');

    writeFileSync(join(valid, 'kam.yaml'), 'version: 1\nrules:\n  concentration-risk: off\n  no-coach: off\n  unknown-key: off\n');
    const fewer = read(kam(['-C', valid, 'check', '--format', 'junit', '--as-of', AS_OF]).stdout);
    const names = fewer.children[0]!.children.map((c) => c.attrs.name);
    expect(names).not.toContain('no-coach');
    expect(names).not.toContain('unknown-key');
    expect(names).toHaveLength(RULE_IDS.length - 3);
  });
});

describe('hostile text', () => {
  it('stays valid with markup, quotes, ]]> and control characters in file names and messages', () => {
    const ws = mkdtempSync(join(tmpdir(), 'kam-junit-hostile-'));
    temps.push(ws);
    mkdirSync(join(ws, 'accounts'));
    writeFileSync(join(ws, 'kam.yaml'), 'version: 1\nplans: "accounts/*"\n');
    writeFileSync(join(ws, 'accounts', `a<&"'>]]>b.yaml`), `id: evil\nname: "Evil ]]> <x> & \\u0001\\u001b[31m \\uFFFE"\n"owne\\u001b[2J": x\ntier: "gold ]]>\\u0000"\n`);
    writeFileSync(join(ws, 'accounts', 'tab.yaml'), 'id: t\nname: T\nreview:\n\tlastReviewed: 2026-01-01\n');
    const r = kam(['-C', ws, 'check', '--format', 'junit', '--as-of', AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    const root = read(r.stdout);
    expect(root.children.map((s) => s.attrs.name)).toContain(`accounts/a<&"'>]]>b.yaml`);
    const tier = testcases(root).find((c) => c.name === 'schema' && c.classname.startsWith('accounts/a<'))!;
    expect(tier.status).toBe('failure');
    expect(tier.text).toContain('gold ]]>');
    const key = testcases(root).find((c) => c.name === 'unknown-key' && c.classname.startsWith('accounts/a<'))!;
    expect(key.status).toBe('skipped');
    expect(key.text).toContain('owne');
    expect(testcases(root).find((c) => c.classname === 'accounts/tab.yaml' && c.name === 'yaml-syntax')!.status).toBe('failure');
  });
});

describe('in a monorepo', () => {
  it('names plans from the repository root, as GitLab and Jenkins resolve them', () => {
    const repo = mkdtempSync(join(tmpdir(), 'kam-junit-repo-'));
    temps.push(repo);
    const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
    if (git('init', '-q').status !== 0) throw new Error('git init failed');
    const ws = join(repo, 'sales', 'kam');
    mkdirSync(join(ws, 'accounts'), { recursive: true });
    writeFileSync(join(ws, 'kam.yaml'), 'version: 1\n');
    writeFileSync(join(ws, 'accounts', 'a.yaml'), 'id: a\nname: A\n');
    const root = read(kam(['-C', ws, 'check', '--format', 'junit', '--as-of', AS_OF]).stdout);
    expect(root.children[0]!.attrs.name).toBe('sales/kam/accounts/a.yaml');
    expect(testcases(root)[0]!.classname).toBe('sales/kam/accounts/a.yaml');
    expect(testcases(root).find((c) => c.name === 'stale-review')!.text).toMatch(/^sales\/kam\/accounts\/a\.yaml:1:1 warning /);
  });
});

// The repository's own example workspace, as a last real-world sample.
describe('examples/', () => {
  it('validates and counts right', () => {
    const r = kam(['-C', join(REPO, 'examples'), 'check', '--format', 'junit', '--as-of', AS_OF]);
    read(r.stdout);
  });
});
