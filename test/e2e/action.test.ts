// The composite GitHub Action (action.yml), run here as the runner would run its `kam check`
// step: its `${{ … }}` expressions filled in (github.action_path is this repository, whose
// dist/ the tests build; inputs from the action's defaults and the values of each case), its
// env set, its script written to a file and run with `bash --noprofile --norc -eo pipefail`
// (the runner's command for `shell: bash`) in the working directory under GITHUB_WORKSPACE, with
// GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and RUNNER_TEMP pointing at temporary files.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FIXTURES, json, kam, REPO } from './helpers.js';

interface ActionStep {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  shell?: string;
  run?: string;
  'working-directory'?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const ACTION = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as Action;
const CHECK = ACTION.runs.steps.find((s) => s.id === 'check')!;

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});
function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** Fills in `${{ … }}` as the runner does, for the expressions this step may use; any other is an error. */
function expand(text: string, inputs: Record<string, string>, runnerTemp: string): string {
  return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expr: string) => {
    if (expr === 'github.action_path') return REPO.replace(/\/$/, '');
    if (expr === 'runner.temp') return runnerTemp;
    const input = /^inputs\.([\w-]+)$/.exec(expr);
    if (input && input[1]! in inputs) return inputs[input[1]!]!;
    throw new Error(`an expression the test does not know: ${expr}`);
  });
}

interface StepRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  runnerTemp: string;
}

/** Runs the `kam check` step of action.yml on a workspace (GITHUB_WORKSPACE) with the inputs given. */
function runCheckStep(workspace: string, given: Record<string, string> = {}): StepRun {
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(ACTION.inputs)) inputs[name] = given[name] ?? input.default ?? '';
  const dir = temp('kam-action-');
  const runnerTemp = join(dir, 'runner-temp');
  mkdirSync(runnerTemp);
  const outputFile = join(dir, 'github-output');
  const summaryFile = join(dir, 'step-summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const script = join(dir, 'step.sh');
  writeFileSync(script, expand(CHECK.run!, inputs, runnerTemp));
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(CHECK.env ?? {})) env[name] = expand(value, inputs, runnerTemp);
  const cwd = join(workspace, expand(CHECK['working-directory'] ?? '.', inputs, runnerTemp));
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      ...env,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      RUNNER_TEMP: runnerTemp,
      NO_COLOR: '',
      FORCE_COLOR: '',
      KAM_DEBUG: '',
    },
    timeout: 60_000,
  });
  const outputs: Record<string, string> = {};
  for (const line of readFileSync(outputFile, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) outputs[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs, summary: readFileSync(summaryFile, 'utf8'), runnerTemp };
}

function workspaceOf(fixture: string): string {
  const ws = temp(`kam-action-${fixture}-`);
  cpSync(join(FIXTURES, fixture), ws, { recursive: true });
  return ws;
}

const ANNOTATION = /^::(error|warning) file=[^,]+,line=\d+,col=\d+,title=kam [a-z-]+::/;

describe('action.yml', () => {
  it('is a composite action whose steps install kam from its own checkout and check with it', () => {
    expect(ACTION.runs.using).toBe('composite');
    expect(Object.keys(ACTION.inputs).sort()).toEqual(['args', 'sarif', 'working-directory']);
    expect(ACTION.outputs['exit-code']!.value).toBe('${{ steps.check.outputs.exit-code }}');
    const install = ACTION.runs.steps.find((s) => s.name === 'Install kam')!;
    expect(install['working-directory']).toBe('${{ github.action_path }}');
    expect(install.run).toMatch(/^npm ci\b/);
    for (const step of ACTION.runs.steps) {
      if (step.run !== undefined) expect(step.shell, step.name).toBe('bash');
      expect(step.run ?? '', step.name).not.toMatch(/npx|npm (?:i|install)\b/);
    }
    const upload = ACTION.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.if).toContain('steps.check.outputs.sarif-file');
    expect(upload.with!.sarif_file).toBe('${{ steps.check.outputs.sarif-file }}');
  });

  it('on findings: annotations on stdout, the Markdown table in the step summary, exit-code, SARIF, and the step fails as kam check does', () => {
    const ws = workspaceOf('broken');
    const expected = kam(['-C', ws, 'check', '--format', 'json']);
    const findings = json(expected.stdout).findings as { file: string; line: number; column: number; rule: string }[];
    const step = runCheckStep(ws, { sarif: 'true' });
    expect(step.status, step.stderr).toBe(expected.code);
    expect(step.status).toBe(1);
    expect(step.outputs['exit-code']).toBe('1');

    const lines = step.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(findings.length);
    for (const line of lines) expect(line).toMatch(ANNOTATION);
    expect(lines).toContain('::error file=accounts/tabs.yaml,line=4,col=1,title=kam yaml-syntax::Tabs are not allowed as indentation: indent with spaces');

    expect(step.summary).toMatch(/^## ❌ kam check: \d+ errors and \d+ warnings in 14 plans\n\n\| Location \| Severity \| Rule \| Message \|\n/);
    expect(step.summary).toContain('| accounts/tabs.yaml:4:1 | ❌ error | yaml-syntax | Tabs are not allowed as indentation: indent with spaces |');
    expect(step.summary.split('\n').filter((l) => l.startsWith('| accounts/'))).toHaveLength(findings.length);

    const sarifFile = join(step.runnerTemp, 'kam.sarif');
    expect(step.outputs['sarif-file']).toBe(sarifFile);
    const sarif = json(readFileSync(sarifFile, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toHaveLength(findings.length);
  });

  it('on a clean workspace: exit 0, "No problems" in the summary, no SARIF unless asked', () => {
    const ws = workspaceOf('valid');
    const step = runCheckStep(ws, { args: '--as-of 2026-11-23' });
    expect(step.status, step.stderr).toBe(0);
    expect(step.outputs['exit-code']).toBe('0');
    expect(step.stdout).toBe('');
    expect(step.summary).toBe('## ✅ kam check: No problems in 3 plans\n');
    expect(step.outputs['sarif-file']).toBeUndefined();
    expect(existsSync(join(step.runnerTemp, 'kam.sarif'))).toBe(false);
  });

  it('passes args to kam check: --max-warnings fails the step on warnings, as kam check does', () => {
    const ws = workspaceOf('valid');
    writeFileSync(join(ws, 'accounts', 'extra.yaml'), 'id: extra\nname: Extra\n');
    const lenient = runCheckStep(ws, { args: '--as-of 2026-11-23' });
    expect(lenient.status, lenient.stderr).toBe(0);
    expect(lenient.stdout.trimEnd().split('\n').every((l) => l.startsWith('::warning '))).toBe(true);
    expect(lenient.summary).toMatch(/^## ⚠️ kam check: \d+ warnings in 4 plans\n/);

    const strict = runCheckStep(ws, { args: '--as-of 2026-11-23 --max-warnings 0' });
    expect(strict.status).toBe(1);
    expect(strict.outputs['exit-code']).toBe('1');
    expect(strict.stderr).toMatch(/more than --max-warnings 0/);
    expect(strict.summary).toMatch(/^## ❌ kam check: \d+ warnings in 4 plans \(more than --max-warnings 0\)\n/);
  });

  it('hands globs in args to kam unexpanded (kam matches ** itself)', () => {
    const ws = workspaceOf('valid');
    mkdirSync(join(ws, 'accounts', 'emea'));
    writeFileSync(join(ws, 'accounts', 'emea', 'nested.yaml'), 'id: nested\nname: Nested\n');
    const step = runCheckStep(ws, { args: "--as-of 2026-11-23 accounts/**/*.yaml" });
    expect(step.status, step.stderr).toBe(0);
    // Every plan, the nested one and the three at the top (bash alone would have passed only the nested one).
    expect(step.summary).toMatch(/ in 4 plans\n/);
  });

  it('in a monorepo (working-directory below the checkout): annotation and SARIF paths from the repository root', () => {
    const repo = temp('kam-action-repo-');
    expect(spawnSync('git', ['init', '-q'], { cwd: repo }).status).toBe(0);
    cpSync(join(FIXTURES, 'broken'), join(repo, 'sales', 'kam'), { recursive: true });
    const step = runCheckStep(repo, { 'working-directory': 'sales/kam', sarif: 'true' });
    expect(step.status, step.stderr).toBe(1);
    expect(step.stdout).toContain('::error file=sales/kam/accounts/tabs.yaml,line=4,col=1,title=kam yaml-syntax::');
    expect(step.summary).toContain('| sales/kam/accounts/tabs.yaml:4:1 | ❌ error | yaml-syntax |');
    const sarif = json(readFileSync(step.outputs['sarif-file']!, 'utf8'));
    const uris = sarif.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri as string);
    expect(uris).toContain('sales/kam/accounts/tabs.yaml');
  });

  it('when kam cannot check (exit 2): the step exits 2, says so in the summary, and writes no SARIF to upload', () => {
    const empty = temp('kam-action-empty-');
    const step = runCheckStep(empty, { sarif: 'true' });
    expect(step.status).toBe(2);
    expect(step.outputs['exit-code']).toBe('2');
    expect(step.stderr).toMatch(/kam\.yaml/);
    expect(step.summary).toBe('## ❌ kam check could not check the plans (exit 2): its message is in the log of this step\n');
    expect(step.outputs['sarif-file']).toBeUndefined();
  });
});
