// Plans on worker threads change nothing a user sees: the same scores, findings and gap report,
// in the same order, as on one thread (KAM_THREADS=1), also when some plans are broken.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kam, REPO } from './helpers.js';

describe('plans on worker threads', () => {
  const ws = mkdtempSync(join(tmpdir(), 'kam-parallel-'));
  execFileSync(process.execPath, [join(REPO, 'scripts/gen-workspace.mjs'), ws, '2400']);
  const accounts = join(ws, 'accounts');
  // Broken plans spread over the batches: a syntax error, a schema error, a duplicate id, an unknown key.
  writeFileSync(join(accounts, 'account-00100.yaml'), 'id: broken-syntax\nname: [unclosed\n');
  writeFileSync(join(accounts, 'account-01300.yaml'), readFileSync(join(accounts, 'account-01300.yaml'), 'utf8').replace(/^tier: .*$/m, 'tier: 5'));
  copyFileSync(join(accounts, 'account-00007.yaml'), join(accounts, 'zz-copy-of-00007.yaml'));
  writeFileSync(join(accounts, 'account-02200.yaml'), readFileSync(join(accounts, 'account-02200.yaml'), 'utf8').replace(/^owner:/m, 'ownr: x\nowner:'));
  const asOf = ['--as-of', '2026-11-23'];
  // A percentile scale scores an account against the others: the threads keep their plans until
  // the whole portfolio is scored (the default model scores each plan alone, in one pass).
  writeFileSync(join(ws, 'kam-percentile.yaml'), 'version: 1\ncriteria:\n  - { id: revenue, weight: 2, input: revenue.latest, scale: { type: percentile } }\n  - { id: influence, weight: 1, input: assessment.influence, scale: { type: linear, min: 0, max: 5 } }\n');

  it.each([[[]], [['--config', 'kam-percentile.yaml']]])('score, check and gaps give the same output on 1 and on 3 threads %j', (config: string[]) => {
    const seen = new Set<string>();
    for (const command of [['score', '--format', 'json'], ['check', '--format', 'json', ...asOf], ['gaps', '--format', 'json', ...asOf]]) {
      const args = [...config, ...command];
      const one = kam(args, { cwd: ws, env: { KAM_THREADS: '1' } });
      const three = kam(args, { cwd: ws, env: { KAM_THREADS: '3', KAM_DEBUG: '1' } });
      expect(three.stderr).toMatch(/loaded 2401 plans on 3 threads/);
      expect(three.code).toBe(one.code);
      expect(three.stdout).toBe(one.stdout);
      expect(three.stderr.replace(/kam: loaded .*\n/, '')).toBe(one.stderr);
      const doc = JSON.parse(three.stdout);
      if (command[0] === 'score') {
        expect(doc.accounts.length).toBe(2401 - 2); // the syntax and the schema error are not scored
        expect(three.stderr).toMatch(/2 plan\(s\) not scored/);
        expect(three.stderr).toMatch(/accounts\/account-00100\.yaml:3:1: Flow sequence/);
      } else {
        for (const f of doc.findings) seen.add(`${f.rule} ${f.file}:${f.line}`);
      }
    }
    for (const expected of ['yaml-syntax accounts/account-00100.yaml:3', 'schema accounts/account-01300.yaml:4', 'duplicate-id accounts/zz-copy-of-00007.yaml:2', 'duplicate-id accounts/account-00007.yaml:2', 'unknown-key accounts/account-02200.yaml:7']) {
      expect(seen).toContain(expected);
    }
  }, 120_000);
});
