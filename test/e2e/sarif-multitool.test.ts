// kam's SARIF as GitHub code scanning takes it: the Microsoft SARIF Multitool
// (@microsoft/sarif-multitool, a .NET binary per platform in a devDependency) validates the
// output of `kam check --format sarif` with the SARIF rules and GitHub's (GH…, the rules of
// GitHub Advanced Security ingestion: rule metadata, message text, locations), and finds no
// error-level result. A log without help texts is validated first, to show the validator is
// live and does flag what GitHub refuses.
//
// The binary cannot run everywhere (no build for the platform, a missing exec bit): then the
// tests are skipped with a note, except in CI (CI set), where that is a failure.
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, fixture, json, kam } from './helpers.js';

/** GitHub's rule kinds and the SARIF ones (the Multitool's RuleKinds: Sarif, Gh, Ghas). */
const RULE_KINDS = 'Sarif;Gh;Ghas';
const AS_OF = ['--as-of', '2026-11-23'];

// SARIF2006 checks that every URI of the log answers an HTTP GET: a test must not go to the
// network (and CI has none). It is the only rule turned off; the Multitool says so in a
// notification, which is not a result.
const OFFLINE_CONFIG = `<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" Type="Driver.RuleEnabledState" />
  </Properties>
</Properties>
`;

const scratch = mkdtempSync(join(tmpdir(), 'kam-multitool-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The Multitool binary, or why it cannot run here. */
function findMultitool(): { bin: string } | { why: string } {
  let bin: string;
  try {
    // The package's main module resolves the platform package's binary (Sarif.Multitool).
    bin = createRequire(import.meta.url)('@microsoft/sarif-multitool') as string;
  } catch (err) {
    return { why: `@microsoft/sarif-multitool has no binary for ${process.platform}/${process.arch} here (${(err as Error).message.split('\n')[0]})` };
  }
  if (!existsSync(bin)) return { why: `${bin} is missing` };
  try {
    accessSync(bin, constants.X_OK);
  } catch {
    // Its postinstall script (chmod u+x) did not run, e.g. with install scripts turned off.
    try {
      chmodSync(bin, 0o755);
    } catch (err) {
      return { why: `${bin} is not executable and cannot be made so: ${(err as Error).message}` };
    }
  }
  const probe = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 60_000 });
  if (probe.error || probe.status !== 0) return { why: `${bin} --version failed: ${probe.error?.message ?? `${probe.stdout}${probe.stderr}`.trim().slice(0, 400)}` };
  return { bin };
}

const found = findMultitool();
const multitool = 'bin' in found ? found.bin : undefined;
if (multitool === undefined) {
  const why = 'why' in found ? found.why : '';
  if (process.env.CI) throw new Error(`sarif-multitool.test.ts: the SARIF Multitool cannot run: ${why}`);
  console.warn(`sarif-multitool.test.ts: skipped, the SARIF Multitool cannot run here: ${why}`);
}

interface MultitoolResult {
  ruleId: string;
  level?: string;
  message: { text?: string; id?: string; arguments?: string[] };
}

interface Validation {
  /** Every result, notes included. */
  results: MultitoolResult[];
  /** The error-level results, one line each, as the Multitool prints them. */
  errors: string[];
  console: string;
}

let runs = 0;

/** Validates one SARIF log with the Multitool; everything it reports, notes included. */
function validate(log: string): Validation {
  const dir = join(scratch, `run-${++runs}`);
  mkdirSync(dir);
  const input = join(dir, 'kam.sarif');
  const output = join(dir, 'validation.sarif');
  const config = join(dir, 'offline.xml');
  writeFileSync(input, log);
  writeFileSync(config, OFFLINE_CONFIG);
  const args = ['validate', '--config', config, '--rule-kind', RULE_KINDS, '--level', 'Error;Warning;Note', '--output', output, input];
  const r = spawnSync(multitool!, args, { encoding: 'utf8', timeout: 120_000 });
  const console = `${r.stdout}${r.stderr}`;
  expect(r.error, console).toBeUndefined();
  expect(r.status, console).toBe(0);
  const report = json(readFileSync(output, 'utf8'));
  const run = report.runs[0];
  expect(run.invocations[0].executionSuccessful, console).toBe(true);
  for (const n of run.invocations[0].toolExecutionNotifications ?? []) expect(n.level, JSON.stringify(n)).not.toBe('error');
  const results: MultitoolResult[] = run.results ?? [];
  const errors = console.split('\n').filter((line) => /: error [A-Z]+\d+: /.test(line));
  expect(errors.length, console).toBe(results.filter((x) => x.level === 'error').length);
  return { results, errors, console };
}

/** `kam check --format sarif` (exit 0 or 1: findings are the point). */
function sarifOf(args: string[], cwd?: string): string {
  const r = kam([...args, 'check', '--format', 'sarif', ...AS_OF], cwd === undefined ? {} : { cwd });
  expect(r.stderr).toBe('');
  expect([0, 1]).toContain(r.code);
  return r.stdout;
}

function git(cwd: string, args: string[]): void {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

describe.skipIf(multitool === undefined)('SARIF Multitool validate with GitHub rules', { timeout: 180_000 }, () => {
  it('is live: a log whose rules lack fullDescription and help gets GitHub errors (GH2012)', () => {
    const log = json(sarifOf(['-C', fixture('broken')]));
    for (const rule of log.runs[0].tool.driver.rules) {
      delete rule.fullDescription;
      delete rule.help;
    }
    const v = validate(JSON.stringify(log));
    expect(v.errors.length).toBeGreaterThan(0);
    expect(v.results.filter((x) => x.level === 'error').every((x) => x.ruleId === 'GH2012')).toBe(true);
  });

  it.each([
    ['the valid fixture', ['-C', fixture('valid')]],
    ['the broken fixture (every validation finding)', ['-C', fixture('broken')]],
    ['the examples (policy and portfolio warnings)', ['-C', join(REPO, 'examples')]],
  ])('finds no error in the SARIF of %s', (_name, args) => {
    const log = sarifOf(args);
    const v = validate(log);
    expect(v.errors, v.console).toEqual([]);
    // Nor a warning: what is left are notes (message ids rather than text, code snippets,
    // version control details), which GitHub does not need.
    expect(v.results.filter((x) => x.level === 'warning').map((x) => x.ruleId), v.console).toEqual([]);
  });

  it('finds no error in the SARIF of a monorepo (workspace in sales/kam of a git repository), whose URIs read from the repository root', () => {
    const repo = join(scratch, 'mono');
    const ws = join(repo, 'sales', 'kam');
    mkdirSync(ws, { recursive: true });
    cpSync(fixture('broken'), ws, { recursive: true });
    cpSync(join(REPO, 'examples', 'accounts', 'acme-telecom.yaml'), join(ws, 'accounts', 'acme telecom #1.yaml'));
    git(repo, ['init', '-q']);
    const log = sarifOf(['-C', 'sales/kam'], repo);
    const run = json(log).runs[0];
    const uris: string[] = run.results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris.length).toBeGreaterThan(10);
    for (const uri of uris) {
      expect(uri).toMatch(/^sales\/kam\/accounts\//);
      expect(existsSync(join(repo, ...uri.split('/').map(decodeURIComponent))), uri).toBe(true);
    }
    expect(uris).toContain('sales/kam/accounts/acme%20telecom%20%231.yaml');
    const v = validate(log);
    expect(v.errors, v.console).toEqual([]);
    expect(v.results.filter((x) => x.level === 'warning').map((x) => x.ruleId), v.console).toEqual([]);
  });
});
