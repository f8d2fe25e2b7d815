// issue 21, item 4: `--engine duckdb` gives kam's outputs on files both engines read; auto picks
// DuckDB for large plain files and Parquet only; files DuckDB cannot read as kam does are refused
// (--engine duckdb) or left to kam's engine (auto).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { MACROS } from '../../src/io/duckdb-engine.js';
import { csvCell as kamCsvCell } from '../../src/format/csv.js';

const KAM = resolve('bin/kam.js');
let dir: string;

// Linear, steps and percentile criteria (log scales differ in the last bit: DuckDB's LOG10 is not V8's Math.log10, docs/engines.md).
const CONFIG = {
  version: 1,
  missing: 'zero',
  criteria: [
    { id: 'revenue', weight: 35, input: 'revenue.latest', scale: { type: 'linear', min: 0, max: 1e6 } },
    { id: 'volume', weight: 25, input: 'revenue.total', scale: { type: 'percentile' } },
    { id: 'growth', weight: 10, input: 'revenue.cagr', scale: { type: 'linear', min: -0.2, max: 0.5 } },
    { id: 'share', weight: 10, input: 'shareOfWallet', scale: { type: 'steps', steps: [{ min: 0, score: 0.2 }, { min: 0.3, score: 0.6 }, { min: 0.6, score: 1 }] } },
    { id: 'influence', weight: 20, input: 'assessment.influence', scale: { type: 'linear', min: 0, max: 5 } },
  ],
  tiers: [{ id: 'strategic', min: 70 }, { id: 'key', min: 45 }, { id: 'growth', min: 20 }],
};

const NAMES = ['Acme', 'Müller AG', '中国移动 广东', '=HYPERLINK("x")', '-minus', ' @at', 'A, "B"', 'e\u0301', '', 'Zoë', '＝full', 'line\nbreak'];
const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function clientsCsv(n: number, seed = 3): string {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(pool: readonly T[]) => pool[Math.floor(rnd() * pool.length)]!;
  const amounts = ['', '0', '1', '100', '0.1', '123456.78', '50000', '50000', '1e21', '999999.999', '7e-7'];
  const lines = ['id,name,revenue_2023,revenue_2024,wallet,influence'];
  for (let i = 0; i < n; i++) {
    lines.push([`c${i}-${pick(['a', 'b', 'x1'])}`, pick(NAMES), pick(amounts), pick(amounts), pick(['', '0', '1000', '200000', '1e7']), pick(['', '0', '2.5', '3', '5', '-1', '4.75'])].map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

function kam(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [KAM, '--config', join(dir, 'kam.yaml'), ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1', ...env } });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kam-engine-'));
  writeFileSync(join(dir, 'kam.yaml'), JSON.stringify(CONFIG));
  writeFileSync(join(dir, 'clients.csv'), clientsCsv(3000));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kam score --data --engine duckdb', () => {
  it('writes the same CSV as kam\'s engine, byte for byte (ties, missing inputs, percentile, Unicode and formula-like names)', () => {
    const a = kam(['score', '--data', 'clients.csv', '--format', 'csv', '--engine', 'kam']);
    const b = kam(['score', '--data', 'clients.csv', '--format', 'csv', '--engine', 'duckdb']);
    expect(a.status).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    for (const filter of [['--top', '17'], ['--tier', 'key,growth'], ['--tier', 'key', '--top', '5']]) {
      expect(kam(['score', '--data', 'clients.csv', '--format', 'csv', '--engine', 'duckdb', ...filter]).stdout).toBe(kam(['score', '--data', 'clients.csv', '--format', 'csv', '--engine', 'kam', ...filter]).stdout);
    }
  });

  it('gives the same JSON accounts, the same table and markdown, the same --explain', () => {
    const a = JSON.parse(kam(['score', '--data', 'clients.csv', '--format', 'json', '--engine', 'kam']).stdout);
    const b = JSON.parse(kam(['score', '--data', 'clients.csv', '--format', 'json', '--engine', 'duckdb']).stdout);
    expect(b.accounts).toEqual(a.accounts);
    expect(b.summary.accounts).toBe(a.summary.accounts);
    expect(b.summary.tiers).toEqual(a.summary.tiers);
    expect(b.summary.pareto.vitalFew).toBe(a.summary.pareto.vitalFew);
    for (const k of ['top1Share', 'top5Share', 'hhi'] as const) expect(b.summary.concentration[k]).toBeCloseTo(a.summary.concentration[k], 9);
    for (const format of ['table', 'markdown']) {
      expect(kam(['score', '--data', 'clients.csv', '--format', format, '--engine', 'duckdb', '--top', '30']).stdout).toBe(kam(['score', '--data', 'clients.csv', '--format', format, '--engine', 'kam', '--top', '30']).stdout);
    }
    expect(kam(['score', '--data', 'clients.csv', '--engine', 'duckdb']).stdout).toBe(kam(['score', '--data', 'clients.csv', '--engine', 'kam']).stdout);
    const id = a.accounts[41].id;
    expect(kam(['score', '--data', 'clients.csv', '--engine', 'duckdb', '--explain', id]).stdout).toBe(kam(['score', '--data', 'clients.csv', '--engine', 'kam', '--explain', id]).stdout);
  });

  it('auto: DuckDB from the size threshold on (KAM_DUCKDB_MIN_BYTES), kam\'s engine below it', () => {
    const big = kam(['score', '--data', 'clients.csv', '--format', 'csv'], { KAM_DUCKDB_MIN_BYTES: '0', KAM_DEBUG: '1' });
    expect(big.stderr).toContain('kam: duckdb');
    const small = kam(['score', '--data', 'clients.csv', '--format', 'csv'], { KAM_DEBUG: '1' });
    expect(small.stderr).not.toContain('kam: duckdb');
    expect(big.stdout).toBe(small.stdout);
  });

  it('reads Parquet (always DuckDB) with the scores of the same rows as CSV', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run(`COPY (SELECT * FROM read_csv('${join(dir, 'clients.csv')}', header = true, all_varchar = true)) TO '${join(dir, 'clients.parquet')}' (FORMAT PARQUET)`);
    await c.run(`COPY (SELECT id, name, CAST(revenue_2023 AS DOUBLE) AS revenue_2023, CAST(revenue_2024 AS DOUBLE) AS revenue_2024, CAST(wallet AS DOUBLE) AS wallet, CAST(influence AS DOUBLE) AS influence FROM read_csv('${join(dir, 'clients.csv')}', header = true, all_varchar = true)) TO '${join(dir, 'typed.parquet')}' (FORMAT PARQUET)`);
    c.closeSync();
    db.closeSync();
    const want = kam(['score', '--data', 'clients.csv', '--format', 'csv', '--engine', 'kam']).stdout;
    expect(kam(['score', '--data', 'clients.parquet', '--format', 'csv']).stdout).toBe(want);
    expect(kam(['score', '--data', 'typed.parquet', '--format', 'csv']).stdout).toBe(want);
    const refused = kam(['score', '--data', 'clients.parquet', '--engine', 'kam']);
    expect(refused.status).not.toBe(0);
  });

  const refusals: [string, string, RegExp][] = [
    ['semicolon.csv', 'id;name;revenue_2024\na;A;1,5\nb;B;2\n', /delimiter/],
    ['grouped.csv', 'id,name,revenue_2024\na,A,"1,500"\nb,B,2\n', /not a plain number/],
    ['negative.csv', 'id,name,revenue_2024\na,A,-5\nb,B,2\n', /negative amount/],
    ['slug.csv', 'id,name,revenue_2024\nAcme Corp,A,5\nb,B,2\n', /not a slug/],
    ['repeated.csv', 'id,name,revenue_2024\na,A,5\na,B,2\n', /id repeats/],
    ['noid.csv', 'name,revenue_2024\nA,5\nB,2\n', /no id column/],
    ['currency.csv', 'id,name,revenue_2024\na,A,$5\nb,B,2\n', /not a plain number/],
  ];
  it.each(refusals)('--engine duckdb refuses %s; auto gives kam\'s result', (file, text, why) => {
    writeFileSync(join(dir, file), text);
    const r = kam(['score', '--data', file, '--engine', 'duckdb']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(why);
    expect(r.stderr).toContain('--engine kam');
    const auto = kam(['score', '--data', file, '--format', 'json'], { KAM_DUCKDB_MIN_BYTES: '0' });
    expect(auto.stdout).toBe(kam(['score', '--data', file, '--format', 'json', '--engine', 'kam']).stdout);
    expect(auto.stderr).toBe(kam(['score', '--data', file, '--format', 'json', '--engine', 'kam']).stderr);
  });

  it('refuses a workbook with --engine duckdb and an unknown engine name', () => {
    execFileSync(process.execPath, [resolve('scripts/gen-workbook.mjs'), join(dir, 'book.xlsx'), '20']);
    const r = kam(['score', '--data', 'book.xlsx', '--engine', 'duckdb']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/workbooks/);
    expect(kam(['score', '--data', 'book.xlsx'], { KAM_DUCKDB_MIN_BYTES: '0' }).status).toBe(0);
    const unknown = kam(['score', '--data', 'clients.csv', '--engine', 'spark']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown engine/);
  });

  it('kam import --engine duckdb plans the same rows as kam\'s engine', () => {
    const args = ['import', 'clients.csv', '--top', '25', '--dry-run', '--as-of', '2026-01-05'];
    const a = kam([...args, '--engine', 'kam']);
    const b = kam([...args, '--engine', 'duckdb']);
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    expect(b.stdout).toBe(a.stdout);
  });
});

describe('the SQL text of numbers and cells is JavaScript\'s and csvCell\'s', () => {
  it('kam_js_num(x) = String(x) and kam_csv_text(s) = csvCell(s)', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run(MACROS);
    let seed = 11;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const xs = [0, -0, 1, -1, 0.1, 1e21, 1e20, 1e-7, 1e-6, 123456789012345680000, 5e-324, Number.MAX_VALUE, 2 ** 53, 0.30000000000000004, 100, 35, 99.5190229748796];
    for (let i = 0; i < 3000; i++) xs.push((rnd() - 0.3) * 10 ** Math.floor(rnd() * 60 - 30), Math.floor(rnd() * 1e9) / 10 ** Math.floor(rnd() * 8));
    const r = await c.runAndReadAll(`SELECT kam_js_num(CAST(v AS DOUBLE)) FROM (VALUES ${xs.map((x) => `('${Object.is(x, -0) ? '-0' : String(x)}')`).join(',')}) t(v)`);
    expect(r.getRows().map((row) => row[0])).toEqual(xs.map((x) => String(x)));
    const texts = ['plain', '=1+1', ' =x', '\tx', '\rx', '-5', '+a', '@b', '\u3000@c', '\u00a0-d', '\uff1dq', 'a,b', 'say "hi"', 'l1\nl2', 'x=1', '', '\u2028=z', 'é'];
    const t = await c.runAndReadAll(`SELECT kam_csv_text(v) FROM (VALUES ${texts.map((x) => `('${x.replace(/'/g, "''")}')`).join(',')}) t(v)`);
    expect(t.getRows().map((row) => row[0])).toEqual(texts.map((x) => kamCsvCell(x)));
    c.closeSync();
    db.closeSync();
  });
});
