// The sharded pipeline of check and gaps (plan-threads.ts: shards load, the main thread scores,
// shards run the plan rules and locate) finds exactly what checkPlans finds on one thread.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { checkPlans } from '../../src/core/check.js';
import { DEFAULT_CONFIG } from '../../src/core/config.js';
import { parseConfig } from '../../src/core/config-file.js';
import { checkPlansOnThreads, loadPlanSubjects } from '../../src/io/plan-threads.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const AS_OF = '2026-11-23';

describe('checkPlansOnThreads', () => {
  it('gives the findings, accounts and summary of checkPlans on every fixture workspace', async () => {
    const configs = (await glob(['test/fixtures/*/kam*.yaml', 'examples/kam.yaml'], { cwd: ROOT, absolute: true })).sort();
    expect(configs.length).toBeGreaterThanOrEqual(6);
    let findings = 0;
    let invalid = 0;
    for (const configFile of configs) {
      const root = dirname(configFile);
      const parsed = parseConfig(readFileSync(configFile));
      const config = parsed.ok ? parsed.config : DEFAULT_CONFIG;
      const files = (await glob(typeof config.plans === 'string' ? [config.plans] : config.plans, { cwd: root, absolute: true, onlyFiles: true })).sort();
      const refs = files.map((file) => ({ file: relative(root, file).split('\\').join('/'), bytes: readFileSync(file) }));
      const one = checkPlans(refs, config, { asOf: AS_OF });
      const sharded = await checkPlansOnThreads(refs, config, { asOf: AS_OF });
      expect(sharded.findings, configFile).toEqual(one.findings);
      expect(sharded.accounts).toEqual(one.accounts);
      expect(sharded.summary).toEqual(one.summary);
      expect([...sharded.fileOf].map(([a, f]) => [a.id, f]).sort()).toEqual([...one.fileOf].map(([a, f]) => [a.id, f]).sort());
      expect([sharded.files, sharded.invalidFiles]).toEqual([one.files, one.invalidFiles]);

      const scored = await loadPlanSubjects(refs, config);
      expect(scored.subjects.map((s) => s.id)).toEqual(one.planFiles.flatMap((pf) => (pf.plan ? [pf.plan.id] : [])));
      expect(scored.invalidFiles).toEqual(one.planFiles.filter((pf) => !pf.plan).map((pf) => pf.file));
      expect(scored.invalidFindings).toEqual(one.findings.filter((f) => scored.invalidFiles.includes(f.file) && ['yaml-syntax', 'schema', 'unknown-key', 'duplicate-id'].includes(f.rule)));
      findings += one.findings.length;
      invalid += one.invalidFiles;
    }
    expect(findings).toBeGreaterThan(20);
    expect(invalid).toBeGreaterThan(3);
  });
});
