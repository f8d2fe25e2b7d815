// The time and memory bounds README promises (issue 16), through the built binary: `kam check` is
// linear in plans, in the findings of one plan (stylish and SARIF) and in plans sharing one id,
// and the largest plan kam reads (1 MiB of unknown keys, ~120,000 findings) ends in bounded time
// and memory. Times are compared as ratios (n vs 4n: linear is about 4×, or less with kam's start
// counted in; quadratic 16×), never as tight single timings: the test machine has 2 noisy cores.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from './helpers.js';

const ROOT = mkdtempSync(join(tmpdir(), 'kam-bounds-'));
afterAll(() => rmSync(ROOT, { recursive: true, force: true }));

/** Writes, for the main thread only, the peak resident set (KiB, getrusage) of the kam process at its exit. */
const PRELOAD = join(ROOT, 'rss.cjs');
writeFileSync(
  PRELOAD,
  "const { isMainThread } = require('node:worker_threads');\n" +
    "if (isMainThread && process.env.KAM_RSS_FILE) process.on('exit', () => require('node:fs').writeFileSync(process.env.KAM_RSS_FILE, String(process.resourceUsage().maxRSS)));\n",
);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak RSS in MiB. */
  rssMiB: number;
}

let runs = 0;
function check(cwd: string, args: string[] = [], env: Record<string, string> = {}): Run {
  const rssFile = join(ROOT, `rss-${runs++}`);
  const start = performance.now();
  const r = spawnSync(process.execPath, ['--require', PRELOAD, BIN, 'check', '--as-of', '2026-11-23', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, CI: '', KAM_DEBUG: '', KAM_RSS_FILE: rssFile, ...env } as NodeJS.ProcessEnv,
    input: '',
    maxBuffer: 512 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  const rssMiB = Number(readFileSync(rssFile, 'utf8')) / 1024;
  if (r.status !== 0 && r.status !== 1) throw new Error(`exit ${r.status}\n${r.stderr}`);
  expect(r.stderr).not.toMatch(/internal error|Maximum call stack|heap out of memory/);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms, rssMiB };
}

/**
 * How many times longer the run on 4n takes than the run on n: the runs interleaved, and taken
 * again (the least time of each kept) while the ratio is not under `limit`, at most three times:
 * load on the machine slows one run, seldom every one.
 */
function ratio(small: () => Run, large: () => Run, limit = 6): { ratio: number; small: Run; large: Run } {
  let a = small();
  let b = large();
  for (let attempt = 1; attempt < 3 && b.ms / a.ms >= limit; attempt++) {
    const a2 = small();
    const b2 = large();
    if (a2.ms < a.ms) a = a2;
    if (b2.ms < b.ms) b = b2;
  }
  return { ratio: b.ms / a.ms, small: a, large: b };
}

const describeRatio = (r: { ratio: number; small: Run; large: Run }) =>
  `${r.small.ms.toFixed(0)} ms, ${r.large.ms.toFixed(0)} ms: ${r.ratio.toFixed(2)}× (peak ${r.small.rssMiB.toFixed(0)} / ${r.large.rssMiB.toFixed(0)} MiB)`;

/** A small plan; every 10th has an unknown key (a warning), every 25th a YAML syntax error. */
const plan = (id: string, i: number) =>
  `id: ${id}\nname: Account ${id}\ntier: key\nowner: Jane Doe\n` +
  'metrics:\n  revenue: { 2024: 100000, 2025: 120000 }\nassessment: { influence: 3, techProspects: 2 }\nreview: { lastReviewed: 2026-10-01 }\n' +
  (i % 10 === 0 ? 'colour: blue\n' : i % 25 === 0 ? 'region: [EMEA\n' : '');

function workspace(name: string, files: Record<string, string> | ((write: (file: string, text: string) => void) => void)): string {
  const dir = join(ROOT, name);
  mkdirSync(join(dir, 'accounts'), { recursive: true });
  writeFileSync(join(dir, 'kam.yaml'), 'version: 1\n');
  const write = (file: string, text: string) => writeFileSync(join(dir, 'accounts', file), text);
  if (typeof files === 'function') files(write);
  else for (const [file, text] of Object.entries(files)) write(file, text);
  return dir;
}

const plans = (n: number) => workspace(`plans-${n}`, (write) => {
  for (let i = 0; i < n; i++) write(`p${String(i).padStart(5, '0')}.yaml`, plan(`p${i}`, i));
});

/** One plan with `keys` unknown keys (one `unknown-key` finding each). */
function unknownKeys(keys: number): string {
  let text = plan('big', 1);
  for (let i = 0; i < keys; i++) text += `k${i.toString(36)}: 1\n`;
  return text;
}

describe('kam check stays linear', () => {
  it('in plans: 2,000 small plans take less than 6× the time of 500', { timeout: 120_000 }, () => {
    const small = plans(500);
    const large = plans(2000);
    // One thread for both: 2,000 plans would otherwise be read on worker threads, 500 not.
    const r = ratio(() => check(small, [], { KAM_THREADS: '1' }), () => check(large, [], { KAM_THREADS: '1' }));
    // 200 unknown keys, 40 syntax errors, a tier-mismatch for each plan that can be read.
    expect(r.large.stdout).toContain('✖ 2200 problems (40 errors, 2160 warnings)');
    expect(r.ratio, describeRatio(r)).toBeLessThan(6);
    // Worker threads and all (the default): bounded memory.
    const threaded = check(large);
    expect(threaded.stdout).toBe(r.large.stdout);
    expect(threaded.rssMiB, `${threaded.rssMiB.toFixed(0)} MiB`).toBeLessThan(400);
  });

  it('in the findings of one plan: 20,000 unknown keys take less than 6× the time of 5,000, in stylish and SARIF', { timeout: 120_000 }, () => {
    const small = workspace('keys-5000', { 'big.yaml': unknownKeys(5_000) });
    const large = workspace('keys-20000', { 'big.yaml': unknownKeys(20_000) });
    for (const format of ['stylish', 'sarif']) {
      const r = ratio(() => check(small, ['--format', format]), () => check(large, ['--format', format]));
      // The unknown keys, the plan's tier-mismatch and a concentration-risk (one plan holds all revenue).
      if (format === 'stylish') expect(r.large.stdout).toContain('✖ 20002 problems');
      else expect(JSON.parse(r.large.stdout).runs[0].results).toHaveLength(20_002);
      expect(r.ratio, `${format}: ${describeRatio(r)}`).toBeLessThan(6);
    }
  });

  it('in plans sharing one id: 4,000 files of one id take less than 6× the time of 1,000', { timeout: 120_000 }, () => {
    const same = (n: number) => workspace(`same-id-${n}`, (write) => {
      for (let i = 0; i < n; i++) write(`d${String(i).padStart(5, '0')}.yaml`, plan('same', 1));
    });
    const small = same(1000);
    const large = same(4000);
    const r = ratio(() => check(small, [], { KAM_THREADS: '1' }), () => check(large, [], { KAM_THREADS: '1' }));
    // Each finding names three other files and counts the rest.
    expect(r.large.stdout).toContain('and 3996 more');
    expect(r.large.stdout).toContain('✖ 8000 problems (4000 errors, 4000 warnings)');
    expect(r.ratio, describeRatio(r)).toBeLessThan(6);
  });
});

describe('the largest plan', () => {
  it('1 MiB of unknown keys (~119,000 findings) is checked in bounded time and memory', { timeout: 180_000 }, () => {
    const text = unknownKeys(119_000);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(1024 * 1024);
    const dir = workspace('largest', { 'big.yaml': text });
    const r = check(dir);
    expect(r.code).toBe(0); // warnings only
    expect(r.stdout).toContain('✖ 119002 problems (0 errors, 119002 warnings)');
    // About 4 s and 470 MiB on an idle 2-core machine, 12 s under load: generous bounds.
    expect(r.ms, `${r.ms.toFixed(0)} ms`).toBeLessThan(60_000);
    expect(r.rssMiB, `${r.rssMiB.toFixed(0)} MiB`).toBeLessThan(1024);
  });
});
