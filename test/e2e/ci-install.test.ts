// The CI set-up kam writes must run on a clean runner: kam comes from the workspace's own
// package.json (a pinned devDependency), never from a package fetched by name. This test runs
// `kam init`, installs the workspace as the workflow does, then runs the workflow's own steps.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { kam } from './helpers.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
}

function workflowSteps(ws: string): Step[] {
  const workflow = parse(readFileSync(join(ws, '.github/workflows/kam.yml'), 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
  return Object.values(workflow.jobs).flatMap((job) => job.steps);
}

function bash(script: string, cwd: string, env: Record<string, string> = {}) {
  return spawnSync('bash', ['-eo', 'pipefail', '-c', script], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_prefer_offline: 'true', ...env },
    timeout: 240_000,
  });
}

describe('the workflow kam init writes', () => {
  it('installs kam from the workspace (no package fetched by name) and runs kam check on a clean checkout', { timeout: 300_000 }, () => {
    const ws = mkdtempSync(join(tmpdir(), 'kam-ci-'));
    expect(kam(['init', '--yes'], { cwd: ws }).code).toBe(0);

    const pkg = JSON.parse(readFileSync(join(ws, 'package.json'), 'utf8')) as { devDependencies: { kam: string } };
    expect(pkg.devDependencies.kam).toMatch(/^file:\.kam\/kam-\d+\.\d+\.\d+.*\.tgz$/);
    expect(existsSync(join(ws, pkg.devDependencies.kam.slice('file:'.length)))).toBe(true);
    expect(readFileSync(join(ws, '.gitignore'), 'utf8')).toContain('node_modules/');

    const steps = workflowSteps(ws);
    const runs = steps.flatMap((s) => (s.run === undefined ? [] : [s.run]));
    for (const run of runs) {
      expect(run).not.toMatch(/npx\s+(?:--yes|-y)\b/);
      for (const npx of run.match(/npx[^\n;&|]*/g) ?? []) expect(npx).toContain('--no-install');
    }
    expect(steps.map((s) => s.uses).filter(Boolean)).toEqual(['actions/checkout@v4', 'actions/setup-node@v4']);

    // A plan with an error, so the gate has something to say.
    writeFileSync(join(ws, 'accounts/broken.yaml'), 'id: broken\n');
    let last: ReturnType<typeof bash> | undefined;
    for (const run of runs) {
      last = bash(run, ws, { GITHUB_ACTIONS: 'true' });
      if (run === runs[runs.length - 1]) break;
      expect(last.status, `${run}\n${last.stderr}`).toBe(0);
    }
    // The install used the tarball in the repository.
    const lock = JSON.parse(readFileSync(join(ws, 'package-lock.json'), 'utf8')) as { packages: Record<string, { resolved?: string }> };
    expect(lock.packages['node_modules/kam']?.resolved).toMatch(/^file:\.kam\/kam-/);
    expect(last!.status).toBe(1);
    expect(last!.stdout).toMatch(/^::error file=accounts\/broken\.yaml,line=1,col=1,title=kam schema::/m);
  });

  it('--kam-source takes a pinned source and refuses a name on the registry', () => {
    const ws = mkdtempSync(join(tmpdir(), 'kam-ci-src-'));
    const r = kam(['init', '--yes', '--kam-source', 'github:acme/kam#v0.1.0'], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(ws, '.kam'))).toBe(false);
    expect(JSON.parse(readFileSync(join(ws, 'package.json'), 'utf8')).devDependencies.kam).toBe('github:acme/kam#v0.1.0');

    for (const spec of ['0.1.0', 'latest', 'kam@^0.1', 'npm:kam@0.1.0', 'github:acme/kam']) {
      const bad = kam(['init', '--yes', '--kam-source', spec], { cwd: mkdtempSync(join(tmpdir(), 'kam-ci-bad-')) });
      expect(bad.code, spec).toBe(2);
      expect(bad.stderr).toContain('--kam-source');
    }
  });

  it('keeps an existing package.json and says how to add kam to it', () => {
    const ws = mkdtempSync(join(tmpdir(), 'kam-ci-pkg-'));
    writeFileSync(join(ws, 'package.json'), '{ "name": "ours" }\n');
    const r = kam(['init', '--yes'], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(ws, 'package.json'), 'utf8')).toBe('{ "name": "ours" }\n');
    expect(r.stderr).toMatch(/package\.json exists: add kam to it for CI \(npm install --save-dev file:\.kam\/kam-[^)]+\.tgz\)/);
  });
});
