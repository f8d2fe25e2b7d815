import { mkdtempSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AjvDraft04Module from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { copyFixture, fixture, json, kam, REPO } from './helpers.js';

interface JsonFinding {
  rule: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  message: string;
  account?: string;
}

const VALIDATION = new Set(['yaml-syntax', 'schema', 'unknown-key', 'duplicate-id']);
const validation = (findings: JsonFinding[]) => findings.filter((f) => VALIDATION.has(f.rule));
const at = (findings: JsonFinding[]) => validation(findings).map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`).sort();

describe('kam check on a valid workspace', () => {
  it('passes with exit 0 and says so', () => {
    const r = kam(['-C', fixture('valid'), 'check', '--as-of', '2026-11-23']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/No problems in 3 plans/);
    expect(r.code).toBe(0);
  });

  it('the bundled examples pass the gate (warnings only)', () => {
    const r = kam(['-C', join(REPO, 'examples'), 'check', '--format', 'json', '--as-of', '2026-11-23']);
    const doc = json<{ findings: JsonFinding[] }>(r.stdout);
    expect(validation(doc.findings)).toEqual([]);
    expect(r.code).toBe(0);
  });
});

describe('kam check on broken plans', () => {
  // Generated here rather than committed: a 1.5 MB file and a 20,000-deep nesting.
  const dir = copyFixture('broken');
  writeFileSync(join(dir, 'accounts', 'huge.yaml'), `id: huge\nname: Huge\nrisks:\n${'  - { what: a risk that repeats itself }\n'.repeat(40_000)}`);
  writeFileSync(join(dir, 'accounts', 'deep.yaml'), `id: deep\nname: Deep\nnotes: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
  const r = kam(['-C', dir, 'check', '--format', 'json', '--as-of', '2026-11-23']);
  const doc = json<{ schema: string; findings: JsonFinding[]; summary: { files: number; errors: number; warnings: number } }>(r.stdout);

  it('exits 1, quickly, without a stack trace', () => {
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.ms).toBeLessThan(5000);
  });

  it('locates every kind of bad input of SPEC 8', () => {
    expect(at(doc.findings)).toEqual(
      [
        'accounts/alias-bomb.yaml:4:8 yaml-syntax',
        'accounts/bom-crlf.yaml:5:13 schema',
        'accounts/deep.yaml:3:72 yaml-syntax',
        'accounts/dup-a.yaml:1:5 duplicate-id',
        'accounts/dup-b.yaml:1:5 duplicate-id',
        'accounts/dupkey.yaml:4:1 yaml-syntax',
        'accounts/empty.yaml:1:1 schema',
        'accounts/huge.yaml:1:1 yaml-syntax',
        'accounts/latin1.yaml:2:10 yaml-syntax',
        'accounts/list.yaml:1:1 schema',
        'accounts/proto.yaml:3:1 schema',
        'accounts/proto.yaml:4:1 schema',
        'accounts/schema.yaml:4:20 schema',
        'accounts/schema.yaml:6:23 schema',
        'accounts/schema.yaml:7:26 schema',
        'accounts/schema.yaml:9:26 schema',
        'accounts/syntax.yaml:4:1 yaml-syntax',
        'accounts/tabs.yaml:4:1 yaml-syntax',
        'accounts/unknown.yaml:3:1 unknown-key',
        'accounts/unknown.yaml:5:17 unknown-key',
      ].sort(),
    );
  });

  it('still checks the good plan and counts every file', () => {
    expect(validation(doc.findings).some((f) => f.file === 'accounts/good.yaml')).toBe(false);
    // The good plan is scored, so policy rules see it (here: a missing assessment).
    expect(doc.findings.filter((f) => f.file === 'accounts/good.yaml').map((f) => f.rule)).toContain('missing-criterion-data');
    expect(doc.schema).toBe('kam.findings/v1');
    expect(doc.summary.files).toBe(16);
    expect(doc.summary.errors).toBe(18);
  });

  it('says what to do', () => {
    const byFile = (file: string) => doc.findings.filter((f) => f.file === `accounts/${file}`).map((f) => f.message).join('\n');
    expect(byFile('unknown.yaml')).toMatch(/did you mean "owner"/);
    expect(byFile('latin1.yaml')).toMatch(/UTF-8/);
    expect(byFile('huge.yaml')).toMatch(/limit/);
    expect(byFile('deep.yaml')).toMatch(/nest|deep/i);
  });

  it('annotates each finding for GitHub, escaping user text', () => {
    const gh = kam(['-C', dir, 'check', '--format', 'github', '--as-of', '2026-11-23']);
    const lines = gh.stdout.trim().split('\n');
    expect(lines).toHaveLength(json<{ findings: unknown[] }>(r.stdout).findings.length);
    expect(lines).toContain(
      '::error file=accounts/schema.yaml,line=6,col=23,title=kam schema::"relationships[0].role" must be one of decision-maker, economic-buyer, technical-evaluator, user, influencer, coach, gatekeeper; got the text "boss"',
    );
    expect(lines.every((l) => /^::(error|warning) file=/.test(l))).toBe(true);
  });

  it('writes SARIF 2.1.0 that validates against the official schema', () => {
    const out = kam(['-C', dir, 'check', '--format', 'sarif', '--as-of', '2026-11-23']);
    const sarif = json(out.stdout);
    const schema = json(readFileSync(join(REPO, 'test', 'fixtures', 'ref', 'sarif-schema-2.1.0.json'), 'utf8'));
    // ajv-draft-04 is CommonJS: under NodeNext its class is the namespace's `default`.
    type AjvClass = typeof AjvDraft04Module.default;
    const Ajv: AjvClass = (AjvDraft04Module as unknown as { default: AjvClass }).default;
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const run = sarif.runs[0];
    expect(run.results).toHaveLength(doc.findings.length);
    const result = run.results.find((x: any) => x.locations[0].physicalLocation.artifactLocation.uri === 'accounts/tabs.yaml');
    expect(result.locations[0].physicalLocation.region).toEqual({ startLine: 4, startColumn: 1 });
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe('yaml-syntax');
  });

  it('writes JUnit with a testsuite per plan and a testcase per rule (classname = file, name = rule); junit.test.ts has the rest', () => {
    const out = kam(['-C', dir, 'check', '--format', 'junit', '--as-of', '2026-11-23']);
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>/);
    expect(out.stdout).toContain('<testcase classname="accounts/tabs.yaml" name="yaml-syntax" time="0">');
    expect(out.stdout).toContain('<![CDATA[accounts/tabs.yaml:4:1 error ');
    // Every plan checked has its suite (doc.summary.files of them), plus the portfolio's.
    expect(out.stdout.match(/<testsuite /g)).toHaveLength(doc.summary.files + 1);
  });

  it('writes Markdown for a step summary: a heading with the counts and a row per finding', () => {
    const out = kam(['-C', dir, 'check', '--format', 'markdown', '--as-of', '2026-11-23', '--color']);
    expect(out.code).toBe(1);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`## ❌ kam check: ${doc.summary.errors} errors and ${doc.summary.warnings} warnings in ${doc.summary.files} plans`);
    expect(lines).toContain('| accounts/tabs.yaml:4:1 | ❌ error | yaml-syntax | Tabs are not allowed as indentation: indent with spaces |');
    expect(lines.filter((l) => /^\| accounts\//.test(l))).toHaveLength(doc.findings.length);
    expect(out.stdout).not.toMatch(/\u001b/);
    expect(kam(['-C', fixture('valid'), 'check', '--format', 'markdown', '--as-of', '2026-11-23']).stdout).toBe('## ✅ kam check: No problems in 3 plans\n');
  });

  it('-q shows errors only; --max-warnings turns warnings into exit 1', () => {
    const only = kam(['-C', dir, 'check', 'accounts/unknown.yaml', '--format', 'json']);
    expect(only.code).toBe(0);
    const warnings = json(only.stdout).summary.warnings as number;
    expect(json(only.stdout).summary).toEqual({ files: 1, errors: 0, warnings });
    expect(warnings).toBeGreaterThanOrEqual(2);
    expect(kam(['-C', dir, 'check', 'accounts/unknown.yaml', '--max-warnings', String(warnings - 1)]).code).toBe(1);
    expect(kam(['-C', dir, 'check', 'accounts/unknown.yaml', '--max-warnings', String(warnings)]).code).toBe(0);
    const quiet = kam(['-C', dir, 'check', 'accounts/unknown.yaml', '-q']);
    expect(quiet.stdout).not.toMatch(/owne/);
    expect(quiet.stdout).toMatch(/No problems in 1 plan/);
  });
});

describe('usage and workspace errors exit 2 with a message', () => {
  it('invalid kam.yaml names file:line:col, every problem of the file in one run, in file order', () => {
    const r = kam(['-C', fixture('bad-config'), 'check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/kam\.yaml:2:10: "missing" must be one of zero, exclude/);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('kam.yaml:'))).toEqual([
      expect.stringMatching(/^kam\.yaml:2:10: "missing" must be one of zero, exclude; got the text "sometimes"$/),
      expect.stringMatching(/^kam\.yaml:5:78: .*must be one of linear, log, steps, percentile; got the text "linar"; did you mean "linear"\?$/),
      expect.stringMatching(/^kam\.yaml:7:23: .*tier "strategc" is not in tiers .*; did you mean "strategic"\?$/),
      expect.stringMatching(/^kam\.yaml:8:30: .*tier "platinum" is not in tiers/),
      expect.stringMatching(/^kam\.yaml:10:3: unknown rule id "no-coch" in rules; did you mean "no-coach"\?$/),
    ]);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('a plans glob that matches nothing', () => {
    const r = kam(['-C', fixture('no-plans'), 'check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no plan files match/);
  });

  it('no workspace', () => {
    const empty = mkdtempSync(join(tmpdir(), 'kam-empty-'));
    const r = kam(['check'], { cwd: empty });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no kam\.yaml found/);
  });

  it('a missing file argument, a bad option, a bad --as-of', () => {
    expect(kam(['-C', fixture('valid'), 'check', 'accounts/nope.yaml']).code).toBe(2);
    expect(kam(['-C', fixture('valid'), 'check', '--format', 'xml']).code).toBe(2);
    expect(kam(['-C', fixture('valid'), 'check', '--as-of', '2026-02-30']).code).toBe(2);
    expect(kam(['-C', fixture('valid'), 'check', '--max-warnings', 'many']).code).toBe(2);
  });

  it('finds kam.yaml walking up, and honours --config', () => {
    const r = kam(['check', '--as-of', '2026-11-23'], { cwd: join(fixture('valid'), 'accounts') });
    expect(r.code).toBe(0);
    const c = kam(['--config', join(fixture('valid'), 'kam.yaml'), 'check', '--as-of', '2026-11-23']);
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/3 plans/);
  });

  it('does not read a plan through a symlink that leaves the workspace', () => {
    const ws = copyFixture('valid');
    const outside = mkdtempSync(join(tmpdir(), 'kam-outside-'));
    writeFileSync(join(outside, 'secret.yaml'), 'id: secret\nname: Secret\nowne: x\n');
    symlinkSync(join(outside, 'secret.yaml'), join(ws, 'accounts', 'secret.yaml'));
    const r = kam(['-C', ws, 'check', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/skipped accounts\/secret\.yaml/);
    expect(json(r.stdout).summary.files).toBe(3);
  });

  it('no stack trace on an internal error unless KAM_DEBUG=1', () => {
    const ws = copyFixture('valid');
    mkdirSync(join(ws, 'accounts', 'dir.yaml'));
    const r = kam(['-C', ws, 'check', '--format', 'json']);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('colour', () => {
  it('is off for machine formats even when forced', () => {
    const r = kam(['-C', fixture('broken'), 'check', '--format', 'json', '--color']);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });
  it('follows --color, FORCE_COLOR and NO_COLOR for stylish', () => {
    expect(kam(['-C', fixture('broken'), 'check', '--color']).stdout).toMatch(/\u001b\[/);
    expect(kam(['-C', fixture('broken'), 'check'], { env: { FORCE_COLOR: '1', NO_COLOR: '' } }).stdout).toMatch(/\u001b\[/);
    expect(kam(['-C', fixture('broken'), 'check']).stdout).not.toMatch(/\u001b\[/);
  });
});

describe('kam schema', () => {
  it('prints draft-07 JSON Schemas for plan and config', () => {
    const plan = json(kam(['schema', 'plan']).stdout);
    expect(plan.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(plan.required).toEqual(['id', 'name']);
    expect(plan.properties.relationships.items.properties.role.enum).toContain('coach');
    const config = json(kam(['schema', 'config']).stdout);
    expect(config.required ?? []).toEqual([]);
    expect(kam(['schema', 'nope']).code).toBe(2);
  });

  it('matches the committed schemas/ that the example modelines point at', () => {
    for (const kind of ['plan', 'config']) {
      const committed = readFileSync(join(REPO, 'schemas', `${kind}.schema.json`), 'utf8');
      expect(kam(['schema', kind]).stdout, `regenerate with: node bin/kam.js schema ${kind} > schemas/${kind}.schema.json`).toBe(committed);
    }
  });
});
