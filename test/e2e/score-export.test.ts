// Issue 21: the exports of `kam score --data` (csv, json, markdown) are written from the columns
// (src/io/score-export.ts); the formatters that materialize each row are the reference
// (KAM_EXPORT=reference). Both must give the same bytes, on generated files (seeded) with ties,
// repeated ids, empty names, hostile names, missing inputs, percentile models, --top, --tier,
// one row, and files read in parts on two threads.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from './helpers.js';

const ROOT = mkdtempSync(join(tmpdir(), 'kam-score-export-'));
afterAll(() => rmSync(ROOT, { recursive: true, force: true }));

function run(args: string[], cwd: string, env: Record<string, string>): { code: number; stdout: Buffer; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, CI: '', KAM_DEBUG: '', KAM_EXPORT: '', ...env } as NodeJS.ProcessEnv,
    maxBuffer: 512 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

/** A seeded generator (LCG), so that a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

const HOSTILE_NAMES = [
  '', '', 'Acme', 'Acme, Inc.', 'say "hi"', '=SUM(A1)', '+1', '-5', '@cmd', ' =lead', '\u00a0=nbsp', '\uff1dfull', '\u3000+ideo',
  'line\nbreak', 'cr\rhere', 'tab\tin', '北京科技有限公司', '株式会社テスト', '😀 emoji', 'a|b*c_d~e[f]<g>&h$i\\j`k', 'bidi\u202eevil', 'nel\u0085x',
  'zw\u200ez', 'sep\u2028x', 'del\u007fx', 'quote"and,comma', '“curly”', 'e\u0301', 'x'.repeat(300),
];

/** A CSV quoted as a spreadsheet writes it. */
const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function clientCsv(seed: number, rows: number, options: { ties?: boolean } = {}): string {
  const r = random(seed);
  const lines = ['id,name,revenue_2024,revenue_2025,wallet,influence,tech_prospects'];
  for (let i = 0; i < rows; i++) {
    // Repeated ids (renamed -2, -3…), ids that sort past ASCII, and ids like a renamed one.
    const id = r.next() < 0.1 ? `c${r.int(20)}` : r.next() < 0.05 ? r.pick(['ü1', '😀', '\ue000x', 'c1-2', 'Z', 'é']) : `c${i}`;
    const name = r.next() < 0.3 ? r.pick(HOSTILE_NAMES) : `Name ${r.int(1000)}`;
    const amount = () => (r.next() < 0.1 ? '' : options.ties ? String(r.pick([0, 1000, 50000, 1e6, 1e9])) : String(Math.floor(10 ** (2 + r.next() * 7))));
    const grade = () => (r.next() < 0.15 ? '' : String(options.ties ? r.int(3) : r.int(6)));
    lines.push([id, name, amount(), amount(), amount(), grade(), grade()].map(cell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

const PERCENTILE = [
  'version: 1',
  'missing: exclude',
  'criteria:',
  '  - { id: revenue, weight: 2, input: revenue.latest, scale: { type: percentile } }',
  '  - { id: influence, weight: 1, input: assessment.influence, scale: { type: linear, min: 0, max: 5 } }',
  '  - { id: tech, weight: 1.5, input: assessment.tech_prospects, scale: { type: steps, steps: [{ min: 0, score: 0 }, { min: 2, score: 0.5 }, { min: 4, score: 1 }] } }',
  '',
].join('\n');

function workspace(name: string, config: string | undefined, csv: string): { dir: string; file: string } {
  const dir = join(ROOT, name);
  rmSync(dir, { recursive: true, force: true });
  spawnSync('mkdir', ['-p', dir]);
  if (config !== undefined) writeFileSync(join(dir, 'kam.yaml'), config);
  writeFileSync(join(dir, 'clients.csv'), csv);
  return { dir, file: join(dir, 'clients.csv') };
}

/** Every format and filter on one file: the columnar writer gives the reference's bytes. */
function expectSameExports(dir: string, file: string, filters: string[][], env: Record<string, string> = {}): void {
  for (const format of ['csv', 'json', 'markdown']) {
    for (const filter of filters) {
      const args = ['score', '--data', file, '--format', format, ...filter];
      const fast = run(args, dir, env);
      const reference = run(args, dir, { ...env, KAM_EXPORT: 'reference' });
      expect(reference.code, `${args.join(' ')}: ${reference.stderr}`).toBe(0);
      expect(fast.code, fast.stderr).toBe(0);
      expect(fast.stderr).toBe(reference.stderr);
      const same = fast.stdout.equals(reference.stdout);
      if (!same) {
        const a = fast.stdout.toString('utf8').split('\n');
        const b = reference.stdout.toString('utf8').split('\n');
        const line = a.findIndex((l, i) => l !== b[i]);
        expect({ line, fast: a[line] }, args.join(' ')).toEqual({ line, fast: b[line] });
      }
      expect(same, args.join(' ')).toBe(true);
    }
  }
}

describe('columnar exports are byte-equal to the reference formatters', () => {
  it('the default model: hostile names, repeated ids, missing inputs, --top, --tier', { timeout: 120_000 }, () => {
    const { dir, file } = workspace('default', undefined, clientCsv(1, 600));
    expectSameExports(dir, file, [[], ['--top', '7'], ['--tier', 'strategic,key'], ['--tier', 'maintain', '--top', '3']]);
  });

  it('many equal scores (ties broken by id)', { timeout: 120_000 }, () => {
    const { dir, file } = workspace('ties', undefined, clientCsv(2, 800, { ties: true }));
    expectSameExports(dir, file, [[], ['--tier', 'strategic']]);
  });

  it('a percentile model that excludes missing inputs, and steps', { timeout: 120_000 }, () => {
    const { dir, file } = workspace('percentile', PERCENTILE, clientCsv(3, 500, { ties: true }));
    expectSameExports(dir, file, [[], ['--top', '10']]);
  });

  it('one row', { timeout: 60_000 }, () => {
    const { dir, file } = workspace('one', undefined, 'id,name,revenue_2025\nx1,"=a, ""b""",5000\n');
    expectSameExports(dir, file, [[]]);
  });

  it('a file read in parts on two threads (KAM_PART_BYTES small, KAM_THREADS=2)', { timeout: 180_000 }, () => {
    const { dir, file } = workspace('parts', undefined, clientCsv(4, 3000));
    const env = { KAM_PART_BYTES: '16384', KAM_THREADS: '2' };
    const debug = run(['score', '--data', file, '--format', 'csv'], dir, { ...env, KAM_DEBUG: '1' });
    expect(debug.stderr).toMatch(/in \d+ part\(s\)/);
    expect(debug.stderr).not.toMatch(/in 1 part\(s\)/);
    expectSameExports(dir, file, [[], ['--tier', 'key']], env);
    const percentile = workspace('parts-percentile', PERCENTILE, clientCsv(5, 3000, { ties: true }));
    expectSameExports(percentile.dir, percentile.file, [[]], env);
  });

  it('partitions written on two threads (the export worker, KAM_EXPORT_WORKER_ROWS=1): the same bytes, in order', { timeout: 180_000 }, () => {
    const { dir, file } = workspace('worker', undefined, clientCsv(8, 2500));
    // Number caches judged every 64 values (turned off, then on again, many times).
    const env = { KAM_EXPORT_WORKER_ROWS: '1', KAM_EXPORT_PARTITION_ROWS: '16', KAM_EXPORT_PASS_ROWS: '160', KAM_EXPORT_CACHE_WINDOW: '64' };
    const debug = run(['score', '--data', file, '--format', 'json'], dir, { ...env, KAM_DEBUG: '1' });
    const split = /export of (\d+) partitions, (\d+) written on the main thread, the others by a worker/.exec(debug.stderr);
    expect(split, debug.stderr).not.toBeNull();
    expect(Number(split![2])).toBeLessThan(Number(split![1]));
    expectSameExports(dir, file, [[], ['--tier', 'key'], ['--top', '100']], env);
    const percentile = workspace('worker-percentile', PERCENTILE, clientCsv(9, 2000, { ties: true }));
    expectSameExports(percentile.dir, percentile.file, [[]], env);
  });

  it('a partition the export worker cannot write ends the export with an internal error (exit 2), never a shorter output', { timeout: 60_000 }, () => {
    const { dir, file } = workspace('worker-fails', undefined, clientCsv(10, 400));
    const env = { KAM_EXPORT_WORKER_ROWS: '1', KAM_EXPORT_PARTITION_ROWS: '16', KAM_EXPORT_WORKER_FAIL: '3' };
    const whole = run(['score', '--data', file, '--format', 'csv'], dir, { KAM_EXPORT_WORKER_ROWS: '1', KAM_EXPORT_PARTITION_ROWS: '16' });
    expect(whole.code, whole.stderr).toBe(0);
    for (const format of ['csv', 'json', 'markdown']) {
      const failed = run(['score', '--data', file, '--format', format], dir, env);
      expect(failed.code, `${format}: ${failed.stderr}`).toBe(2);
      expect(failed.stderr).toMatch(/internal error: export worker: .*failed on partition 3/);
      if (format === 'csv') expect(failed.stdout.length).toBeLessThan(whole.stdout.length);
    }
  });

  it('rows gathered in many passes and partitions (KAM_EXPORT_PARTITION_ROWS=7, KAM_EXPORT_PASS_ROWS=21), file in parts', { timeout: 180_000 }, () => {
    const { dir, file } = workspace('passes', undefined, clientCsv(6, 2000));
    const env = { KAM_EXPORT_PARTITION_ROWS: '7', KAM_EXPORT_PASS_ROWS: '21', KAM_PART_BYTES: '16384', KAM_THREADS: '2' };
    expectSameExports(dir, file, [[], ['--tier', 'key'], ['--tier', 'maintain', '--top', '40']], env);
    const percentile = workspace('passes-percentile', PERCENTILE, clientCsv(7, 1500, { ties: true }));
    expectSameExports(percentile.dir, percentile.file, [[]], { KAM_EXPORT_PARTITION_ROWS: '5', KAM_EXPORT_PASS_ROWS: '10' });
  });
});
