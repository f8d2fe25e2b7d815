// Issue 21: the exports of `kam score --data` cost a bounded multiple of the default table on
// the same file, and their memory stays bounded (rows are written as they are made, never the
// whole output). 200,000 generated rows (scripts/gen-clients.mjs), the least of three
// interleaved runs of each (load slows one run, seldom every one); peak RSS of the last run.
// The target is 2× on 1M rows (npm run bench); this CI guard asserts MAX_RATIO, which holds
// with margin on a loaded 2-core machine (measured 2.3–3.1× for json on 200k rows; before the
// columnar writer: about 13×).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { BIN, REPO } from './helpers.js';

const ROOT = mkdtempSync(join(tmpdir(), 'kam-export-bounds-'));
afterAll(() => rmSync(ROOT, { recursive: true, force: true }));
const MAX_RATIO = 3.5;
const MAX_RSS_MIB = 250;

const rssFile = join(ROOT, 'rss.txt');
const rssHook = join(ROOT, 'rss-hook.mjs');
writeFileSync(rssHook, `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);

function run(file: string, format: string, extra: string[] = []): { ms: number; rssMiB: number } {
  const start = performance.now();
  const r = spawnSync(process.execPath, ['--import', rssHook, BIN, 'score', '--data', file, '--format', format, ...extra], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', CI: '', KAM_DEBUG: '', KAM_EXPORT: '' } as NodeJS.ProcessEnv,
  });
  const ms = performance.now() - start;
  expect(r.status, r.stderr.toString('utf8')).toBe(0);
  return { ms, rssMiB: Number(readFileSync(rssFile, 'utf8')) / 1024 };
}

it('csv and json of 200,000 rows: within MAX_RATIO of the table, and bounded memory', { timeout: 240_000 }, () => {
  const file = join(ROOT, 'clients.csv');
  execFileSync(process.execPath, [join(REPO, 'scripts/gen-clients.mjs'), file, '200000']);
  const times: Record<string, number[]> = { table: [], csv: [], json: [] };
  const rss: Record<string, number> = {};
  for (let k = 0; k < 3; k++) {
    for (const format of ['table', 'csv', 'json']) {
      const r = run(file, format);
      times[format]!.push(r.ms);
      rss[format] = r.rssMiB;
    }
  }
  const table = Math.min(...times.table!);
  const detail = Object.entries(times).map(([f, ms]) => `${f} ${ms.map(Math.round).join(', ')} ms, ${Math.round(rss[f]!)} MiB`).join('; ');
  for (const format of ['csv', 'json']) {
    expect(Math.min(...times[format]!) / table, detail).toBeLessThan(MAX_RATIO);
    expect(rss[format]!, detail).toBeLessThan(MAX_RSS_MIB);
  }
});

// DuckDB's json and markdown read the scored accounts from its stream while they are written
// (before: every account as an object first; 200k rows: json 689 MiB, markdown 652 MiB against
// the csv's ~300 MiB; 1M rows: ~3 GiB, so that a file past kam's engine's memory ran out of it).
it('--engine duckdb: json and markdown of 200,000 rows take about the memory of its csv (accounts streamed, not held)', { timeout: 240_000 }, () => {
  const file = join(ROOT, 'clients-duck.csv');
  execFileSync(process.execPath, [join(REPO, 'scripts/gen-clients.mjs'), file, '200000']);
  const rss: Record<string, number> = {};
  for (const format of ['csv', 'json', 'markdown']) rss[format] = run(file, format, ['--engine', 'duckdb']).rssMiB;
  const detail = Object.entries(rss).map(([f, mib]) => `${f} ${Math.round(mib)} MiB`).join(', ');
  expect(rss.json! - rss.csv!, detail).toBeLessThan(200);
  expect(rss.markdown! - rss.csv!, detail).toBeLessThan(200);
});
