// Issue 19: `kam whitespace` costs no more than `kam score` on the same plans + 20%. Measured on
// 3,000 generated plans (each with whitespace entries and share targets), one thread (the
// thread pool's scheduling on a loaded 2-core machine is noise, not cost), the least of three
// interleaved runs of each (load slows one run, seldom every one).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
// @ts-expect-error: a plain JS module of the scripts
import { planText } from '../../scripts/plan-text.mjs';
import { BIN } from './helpers.js';

const ROOT = mkdtempSync(join(tmpdir(), 'kam-ws-bounds-'));
afterAll(() => rmSync(ROOT, { recursive: true, force: true }));

function run(command: string): number {
  const start = performance.now();
  const r = spawnSync(process.execPath, [BIN, '-C', ROOT, command, '--format', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: '', KAM_DEBUG: '', KAM_THREADS: '1' } as NodeJS.ProcessEnv,
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  expect(r.status, r.stderr).toBe(0);
  return ms;
}

it('kam whitespace on 3,000 plans: at most kam score + 20%', { timeout: 120_000 }, () => {
  mkdirSync(join(ROOT, 'accounts'));
  writeFileSync(join(ROOT, 'kam.yaml'), 'version: 1\n');
  for (let i = 0; i < 3000; i++) writeFileSync(join(ROOT, 'accounts', `account-${String(i).padStart(5, '0')}.yaml`), (planText as (i: number) => string)(i));
  const score: number[] = [];
  const whitespace: number[] = [];
  for (let k = 0; k < 3; k++) {
    score.push(run('score'));
    whitespace.push(run('whitespace'));
  }
  const ratio = Math.min(...whitespace) / Math.min(...score);
  expect(ratio, `score ${score.map(Math.round).join(', ')} ms; whitespace ${whitespace.map(Math.round).join(', ')} ms`).toBeLessThan(1.2);
});
