// Loading plans on worker threads changes nothing a user sees: the same scores and the same
// findings, in the same order, as on one thread (KAM_THREADS=1).
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kam, REPO } from './helpers.js';

describe('plans loaded on worker threads', () => {
  const ws = mkdtempSync(join(tmpdir(), 'kam-parallel-'));
  execFileSync(process.execPath, [join(REPO, 'scripts/gen-workspace.mjs'), ws, '2400']);

  it('score and check give the same output on 1 and on 3 threads', () => {
    for (const args of [['score', '--format', 'json'], ['check', '--format', 'json', '--as-of', '2026-11-23']]) {
      const one = kam(args, { cwd: ws, env: { KAM_THREADS: '1' } });
      const three = kam(args, { cwd: ws, env: { KAM_THREADS: '3', KAM_DEBUG: '1' } });
      expect(three.stderr).toMatch(/loaded 2400 plans on 3 threads/);
      expect(three.code).toBe(one.code);
      expect(three.stdout).toBe(one.stdout);
      expect(JSON.parse(three.stdout)[args[0] === 'score' ? 'accounts' : 'findings'].length).toBeGreaterThan(2000);
    }
  }, 60_000);
});
