// Adopting kam on legacy plans: kam-disable comments with a reason, and a baseline of the
// findings a workspace already has (kam check --baseline / --update-baseline), as a user runs them.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, json, kam, REPO } from './helpers.js';

const AS_OF = ['--as-of', '2026-11-23'];

/** The valid fixture with no-coach an error, and nordic-power without its coach (no-coach at line 24, `relationships:`). */
function workspace(): string {
  const ws = copyFixture('valid');
  writeFileSync(join(ws, 'kam.yaml'), 'version: 1\nrules:\n  concentration-risk: off\n  no-coach: error\n');
  edit(ws, 'nordic-power', (t) => t.replace('role: coach', 'role: user'));
  return ws;
}

function edit(ws: string, id: string, change: (text: string) => string): void {
  const file = join(ws, 'accounts', `${id}.yaml`);
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

const rulesOf = (stdout: string) => json(stdout).findings.map((f: { rule: string; file: string; line: number }) => `${f.file}:${f.line} ${f.rule}`);

describe('kam-disable comments', () => {
  it('a suppressed no-coach disappears from stylish and json, and the exit code follows', () => {
    const ws = workspace();
    const before = kam(['check', ...AS_OF], { cwd: ws });
    expect(before.code).toBe(1);
    expect(before.stdout).toMatch(/24:1 +error +add a coach.*no-coach/);
    expect(rulesOf(kam(['check', '-f', 'json', ...AS_OF], { cwd: ws }).stdout)).toEqual(['accounts/nordic-power.yaml:24 no-coach']);

    edit(ws, 'nordic-power', (t) => t.replace('\nrelationships:', '\n# kam-disable-next-line no-coach -- met weekly, not a formal coach\nrelationships:'));
    const after = kam(['check', ...AS_OF], { cwd: ws });
    expect(after.stdout).toBe('✔ No problems in 3 plans.\n');
    expect(after.code).toBe(0);
    const doc = json(kam(['check', '-f', 'json', ...AS_OF], { cwd: ws }).stdout);
    expect(doc.findings).toEqual([]);
    expect(doc.summary).toEqual({ files: 3, errors: 0, warnings: 0 });
    // kam gaps runs the same rules: the suppressed finding is not a gap either.
    expect(json(kam(['gaps', '-f', 'json', ...AS_OF], { cwd: ws }).stdout).findings).toEqual([]);
    // nor in the other formats.
    expect(kam(['check', '-f', 'github', ...AS_OF], { cwd: ws }).stdout).not.toMatch(/no-coach/);
    expect(json(kam(['check', '-f', 'sarif', ...AS_OF], { cwd: ws }).stdout).runs[0].results).toEqual([]);
  });

  it('a comment without a reason suppresses nothing and is an error itself', () => {
    const ws = workspace();
    edit(ws, 'nordic-power', (t) => t.replace('\nrelationships:', '\n# kam-disable-next-line no-coach\nrelationships:'));
    const r = kam(['check', '-f', 'json', ...AS_OF], { cwd: ws });
    expect(r.code).toBe(1);
    expect(json(r.stdout).findings.map((f: { rule: string; line: number; column: number; message: string }) => [f.rule, f.line, f.column, f.message])).toEqual([
      ['invalid-suppression', 24, 1, 'kam-disable-next-line needs a reason after " -- " (# kam-disable-next-line no-coach -- met weekly, not a formal coach); without one it suppresses nothing'],
      ['no-coach', 25, 1, expect.stringMatching(/^add a coach/)],
    ]);
  });

  it('an unknown rule id gets a "did you mean", and an unused suppression is a warning', () => {
    const ws = workspace();
    edit(ws, 'nordic-power', (t) => t.replace('\nrelationships:', '\n# kam-disable-next-line no-coch -- met weekly\nrelationships:'));
    edit(ws, 'orbit-bank', (t) => t.replace('\nreview:', '\n# kam-disable-next-line stale-review -- reviewed by phone\nreview:'));
    const r = kam(['check', ...AS_OF], { cwd: ws });
    expect(r.stdout).toMatch(/24:25 +error +unknown rule id "no-coch" in kam-disable-next-line; did you mean "no-coach"\? +invalid-suppression/);
    expect(r.stdout).toMatch(/25:1 +error +add a coach/);
    expect(r.stdout).toMatch(/accounts\/orbit-bank\.yaml\n +\d+:25 +warning +kam-disable-next-line: no stale-review finding on line \d+ to suppress; remove the comment +unused-suppression/);
    // Both rules are configurable like the others.
    writeFileSync(join(ws, 'kam.yaml'), 'version: 1\nrules:\n  concentration-risk: off\n  unused-suppression: off\n  invalid-suppression: warn\n');
    const relaxed = kam(['check', '-f', 'json', ...AS_OF], { cwd: ws });
    expect(relaxed.code).toBe(0);
    expect(json(relaxed.stdout).findings.map((f: { rule: string; severity: string }) => `${f.rule} ${f.severity}`)).toEqual(['invalid-suppression warn', 'no-coach warn']);
    writeFileSync(join(ws, 'kam.yaml'), 'version: 1\nrules:\n  unused-supression: off\n');
    const typo = kam(['check', ...AS_OF], { cwd: ws });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/did you mean "unused-suppression"\?/);
  });

  it('a kam-disable-file at the top covers findings reported at the top of the file', () => {
    const ws = workspace();
    // A strategic tier with no competitors section: required-section at 1:1.
    edit(ws, 'acme-telecom', (t) => t.replace(/\ncompetitors:\n(?: +- .*\n)+/, '\n'));
    expect(rulesOf(kam(['check', '-f', 'json', ...AS_OF], { cwd: ws }).stdout)).toEqual(['accounts/acme-telecom.yaml:1 required-section', 'accounts/nordic-power.yaml:24 no-coach']);
    edit(ws, 'acme-telecom', (t) => t.replace('\nid:', '\n# kam-disable-file required-section -- competitors tracked in the CRM until Q3\nid:'));
    expect(rulesOf(kam(['check', '-f', 'json', ...AS_OF], { cwd: ws }).stdout)).toEqual(['accounts/nordic-power.yaml:24 no-coach']);
  });
});

describe('kam check --baseline', () => {
  it('round trip: update, then clean; a new finding is the only one reported; a line move keeps a finding baselined; fixed ones are noted', () => {
    const ws = workspace();
    const update = kam(['check', '--update-baseline', ...AS_OF], { cwd: ws });
    expect(update.code).toBe(0);
    expect(update.stdout).toBe('');
    expect(update.stderr).toBe('kam: wrote kam-baseline.json: 1 finding in 1 file\n');
    const file = readFileSync(join(ws, 'kam-baseline.json'), 'utf8');
    expect(json(file)).toEqual({
      schema: 'kam.baseline/v1',
      findings: [{ rule: 'no-coach', file: 'accounts/nordic-power.yaml', account: 'nordic-power', path: 'relationships', message: expect.stringMatching(/^add a coach/), count: 1 }],
    });
    expect(readdirSync(ws).filter((f) => f.startsWith('.kam-tmp'))).toEqual([]);

    const clean = kam(['check', '--baseline', 'kam-baseline.json', ...AS_OF], { cwd: ws });
    expect([clean.code, clean.stdout, clean.stderr]).toEqual([0, '✔ No problems in 3 plans.\n', 'kam: 1 finding of the baseline kam-baseline.json not shown\n']);

    // A new finding elsewhere, and lines added above the baselined one (no-coach moves from 24 to 27).
    edit(ws, 'orbit-bank', (t) => t.replace('\nowner:', '\nownr: x\nowner:'));
    edit(ws, 'nordic-power', (t) => t.replace('\nindustry:', '\n# moved\n\nsegment: utilities\nindustry:'));
    const next = kam(['check', '-f', 'json', '--baseline', 'kam-baseline.json', ...AS_OF], { cwd: ws });
    expect(next.code).toBe(0);
    expect(rulesOf(next.stdout)).toEqual(['accounts/nordic-power.yaml:7 unknown-key', 'accounts/orbit-bank.yaml:7 unknown-key']);
    expect(json(next.stdout).summary).toEqual({ files: 3, errors: 0, warnings: 2 });
    // Without the baseline, everything.
    expect(rulesOf(kam(['check', '-f', 'json', ...AS_OF], { cwd: ws }).stdout)).toContain('accounts/nordic-power.yaml:27 no-coach');

    // The coach is found: the baseline entry is fixed, a note (not a failure) says so.
    edit(ws, 'nordic-power', (t) => t.replace('role: user', 'role: coach'));
    const fixed = kam(['check', '--baseline', 'kam-baseline.json', '-q', ...AS_OF], { cwd: ws });
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toMatch(/^kam: 1 finding of the baseline kam-baseline\.json is fixed; run kam check --update-baseline --baseline kam-baseline\.json to drop it\n$/);
  });

  it('counts identities: two baselined, three now, one reported', () => {
    const ws = workspace();
    edit(ws, 'orbit-bank', (t) => t.replace('\nowner:', '\nnotes: 1\nowner:'));
    edit(ws, 'acme-telecom', (t) => t.replace('\nowner:', '\nnotes: 1\nowner:'));
    expect(kam(['check', '--update-baseline', '--baseline', 'b.json', ...AS_OF], { cwd: ws }).code).toBe(0);
    expect(json(readFileSync(join(ws, 'b.json'), 'utf8')).findings).toHaveLength(3);
    // The same unknown key in a third plan is a new finding (another file); the identities do not move with lines.
    edit(ws, 'nordic-power', (t) => t.replace('\nowner:', '\nnotes: 1\nowner:'));
    edit(ws, 'orbit-bank', (t) => `# a comment on top\n${t}`);
    expect(rulesOf(kam(['check', '-f', 'json', '--baseline', 'b.json', ...AS_OF], { cwd: ws }).stdout)).toEqual(['accounts/nordic-power.yaml:7 unknown-key']);
  });

  it('--update-baseline with files named keeps the entries of the other files; the default file is in the workspace root', () => {
    const ws = workspace();
    edit(ws, 'orbit-bank', (t) => t.replace('\nowner:', '\nnotes: 1\nowner:'));
    expect(kam(['-C', ws, 'check', '--update-baseline', ...AS_OF], { cwd: REPO }).code).toBe(0);
    expect(existsSync(join(ws, 'kam-baseline.json'))).toBe(true);
    edit(ws, 'nordic-power', (t) => t.replace('role: user', 'role: coach'));
    const partial = kam(['check', '--update-baseline', 'accounts/nordic-power.yaml', ...AS_OF], { cwd: ws });
    expect(partial.stderr).toBe('kam: wrote kam-baseline.json: 1 finding in 1 file\n');
    expect(json(readFileSync(join(ws, 'kam-baseline.json'), 'utf8')).findings.map((e: { file: string; rule: string }) => `${e.file} ${e.rule}`)).toEqual(['accounts/orbit-bank.yaml unknown-key']);
    // Checking one file does not call the other files' entries fixed.
    const one = kam(['check', '--baseline', 'kam-baseline.json', 'accounts/acme-telecom.yaml', ...AS_OF], { cwd: ws });
    expect([one.code, one.stderr]).toEqual([0, '']);
  });

  it('a missing or malformed baseline is exit 2, naming the file and what is wrong', () => {
    const ws = workspace();
    const missing = kam(['check', '--baseline', 'nope.json', ...AS_OF], { cwd: ws });
    expect([missing.code, missing.stdout]).toEqual([2, '']);
    expect(missing.stderr).toBe('kam: cannot read the baseline nope.json: no such file (or a dangling symlink); write it with kam check --update-baseline --baseline nope.json\n');
    for (const [text, problem] of [
      ['{"schema": "kam.baseline/v1", "findings": [', /not valid JSON/],
      ['{"schema": "kam.findings/v1", "findings": []}', /"schema" is "kam\.findings\/v1"; expected "kam\.baseline\/v1"/],
      ['{"schema": "kam.baseline/v1", "findings": [{"rule": "no-coach", "file": "a.yaml", "message": "m", "count": "2"}]}', /findings\[0\]\.count must be a whole number/],
    ] as const) {
      writeFileSync(join(ws, 'bad.json'), text);
      const r = kam(['check', '--baseline', 'bad.json', ...AS_OF], { cwd: ws });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^kam: the baseline bad\.json is malformed: /);
      expect(r.stderr).toMatch(problem);
    }
    const outside = kam(['check', '--update-baseline', '--baseline', join(tmpdir(), 'kam-outside-baseline.json'), ...AS_OF], { cwd: ws });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/refusing to write the baseline outside the workspace/);
  });
});

describe('suppressions on worker threads', () => {
  it('2,100 plans with suppressions give the same output on 1 and on 3 threads', () => {
    const ws = mkdtempSync(join(tmpdir(), 'kam-adoption-threads-'));
    execFileSync(process.execPath, [join(REPO, 'scripts/gen-workspace.mjs'), ws, '2100']);
    const accounts = join(ws, 'accounts');
    const names = readdirSync(accounts).sort();
    names.forEach((name, i) => {
      const path = join(accounts, name);
      let t = readFileSync(path, 'utf8');
      if (i % 5 === 0) t = t.replace('\nid:', '\n# kam-disable-file stale-review -- reviewed offline\nid:');
      if (i % 7 === 0) t = t.replace('\ntier:', '\n# kam-disable-next-line tier-mismatch -- tier under negotiation\n\ntier:');
      if (i % 11 === 0) t = t.replace('\nactions:', '\n# kam-disable-next-line overdue-action\nactions:');
      if (i % 13 === 0) t = t.replace('\nrisks:', '\n# kam-disable-next-line no-coach, missing-engagment -- see the CRM\nrisks:');
      if (i === 300) t = t.replace(/^tier: .*$/m, 'tier: 5'); // a schema error: its policy suppressions stay idle
      if (i === 900) t = t.replace('\nowner:', '\n# kam-disable-next-line unknown-key -- kept for the CRM sync\ncrmId: 42\nowner:');
      writeFileSync(path, t);
    });
    const asOf = ['--as-of', '2026-11-23'];
    writeFileSync(join(ws, 'kam-percentile.yaml'), 'version: 1\ncriteria:\n  - { id: revenue, weight: 2, input: revenue.latest, scale: { type: percentile } }\n  - { id: influence, weight: 1, input: assessment.influence, scale: { type: linear, min: 0, max: 5 } }\n');
    const outputs = new Map<string, string>();
    // The default model checks each plan as it loads; a percentile scale keeps the plans on their threads until the portfolio is scored.
    for (const args of [['check', '-f', 'json'], ['check'], ['gaps', '-f', 'json'], ['--config', 'kam-percentile.yaml', 'check', '-f', 'json']]) {
      const one = kam([...args, ...asOf], { cwd: ws, env: { KAM_THREADS: '1' } });
      const three = kam([...args, ...asOf], { cwd: ws, env: { KAM_THREADS: '3', KAM_DEBUG: '1' } });
      expect(three.stderr).toMatch(/loaded 2100 plans on 3 threads/);
      expect([three.code, three.stdout], args.join(' ')).toEqual([one.code, one.stdout]);
      outputs.set(args.join(' '), three.stdout);
    }
    const doc = json(outputs.get('check -f json')!);
    expect([...new Set(doc.findings.map((f: { rule: string }) => f.rule))]).toEqual(expect.arrayContaining(['invalid-suppression', 'unused-suppression', 'overdue-action', 'tier-mismatch']));
    expect(json(outputs.get('--config kam-percentile.yaml check -f json')!).findings.some((f: { rule: string }) => f.rule === 'unused-suppression')).toBe(true);
    const of = (file: string) => doc.findings.filter((f: { file: string }) => f.file === file).map((f: { rule: string }) => f.rule);
    // account-00000: stale-review suppressed for the file, tier-mismatch on the next line, overdue-action not (no reason), no-coach unused.
    expect(of('accounts/account-00000.yaml')).not.toContain('stale-review');
    expect(of('accounts/account-00000.yaml')).not.toContain('tier-mismatch');
    expect(of('accounts/account-00000.yaml')).toContain('overdue-action');
    expect(of('accounts/account-00000.yaml')).toEqual(expect.arrayContaining(['invalid-suppression', 'unused-suppression']));
    expect(of('accounts/account-00300.yaml')).toEqual(['schema']);
    expect(of('accounts/account-00900.yaml')).not.toContain('unknown-key');
  }, 180_000);
});
