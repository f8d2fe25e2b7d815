// Spawns the built `kam` binary, as a user (or CI) would, with colour off.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(REPO, 'bin', 'kam.js');
export const FIXTURES = join(REPO, 'test', 'fixtures');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export function kam(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): RunResult {
  const start = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, CI: '', KAM_DEBUG: '', ...options.env } as NodeJS.ProcessEnv,
    input: options.input ?? '',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - start };
}

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

/** A private copy of a fixture workspace (for commands that write, or to add files). */
export function copyFixture(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `kam-${name}-`));
  cpSync(fixture(name), dir, { recursive: true });
  return dir;
}

export function json<T = any>(text: string): T {
  return JSON.parse(text) as T;
}
