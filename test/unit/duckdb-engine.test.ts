// issue 21, item 4: `--engine duckdb` gives kam's outputs on files both engines read; auto picks
// DuckDB for large plain files and Parquet only; files DuckDB cannot read as kam does are refused
// (--engine duckdb) or left to kam's engine (auto).
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { MACROS } from '../../src/io/duckdb-engine.js';
import { log10Stages } from '../../src/sql/fdlibm-log10.js';
import { csvCell as kamCsvCell } from '../../src/format/csv.js';

const KAM = resolve('bin/kam.js');
let dir: string;

// Log, linear, steps and percentile criteria (log10 in the engine's SQL is V8's Math.log10 bit for bit: src/sql/fdlibm-log10.ts).
const CONFIG = {
  version: 1,
  missing: 'zero',
  criteria: [
    { id: 'revenue', weight: 25, input: 'revenue.latest', scale: { type: 'log', min: 1e-7, max: 1e8 } },
    { id: 'size', weight: 10, input: 'revenue.latest', scale: { type: 'linear', min: 0, max: 1e6 } },
    { id: 'volume', weight: 25, input: 'revenue.total', scale: { type: 'percentile' } },
    { id: 'growth', weight: 10, input: 'revenue.cagr', scale: { type: 'linear', min: -0.2, max: 0.5 } },
    { id: 'share', weight: 10, input: 'shareOfWallet', scale: { type: 'steps', steps: [{ min: 0, score: 0.2 }, { min: 0.3, score: 0.6 }, { min: 0.6, score: 1 }] } },
    { id: 'influence', weight: 20, input: 'assessment.influence', scale: { type: 'linear', min: 0, max: 5 } },
  ],
  tiers: [{ id: 'strategic', min: 70 }, { id: 'key', min: 45 }, { id: 'growth', min: 20 }],
};

const NAMES = ['Acme', 'Müller AG', '中国移动 广东', '=HYPERLINK("x")', '-minus', ' @at', 'A, "B"', 'e\u0301', '', 'Zoë', '＝full', 'line\nbreak', '\u3000全角 ', 'tail\t', 'bom\ufeff', ' ls\u2028', '\ufeffbom', ' both\u2003', '\u205f'];
const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function clientsCsv(n: number, seed = 3): string {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(pool: readonly T[]) => pool[Math.floor(rnd() * pool.length)]!;
  // Padded numbers and cells of spaces too: DuckDB checks a row's number cells together (checkedFrom) and must read them as kam does.
  const amounts = ['', '0', '1', '100', '0.1', '123456.78', '50000', '50000', '1e21', '999999.999', '7e-7', ' 42 ', '   ', '.5', '3.', '+8', '5E3'];
  const lines = ['id,name,revenue_2023,revenue_2024,wallet,influence'];
  for (let i = 0; i < n; i++) {
    // Fixed amounts (ties, blanks, extremes) and random ones over many magnitudes (the log scale's inputs).
    const amount = () => (rnd() < 0.5 ? pick(amounts) : String(Math.floor(rnd() * 1e9) / 10 ** Math.floor(rnd() * 12)));
    lines.push([`c${i}-${pick(['a', 'b', 'x1'])}`, pick(NAMES), amount(), amount(), pick(['', '0', '1000', '200000', '1e7']), pick(['', '0', '2.5', '3', '5', '-1', '4.75'])].map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** kam with stdout a real pipe (`| cat`: spawnSync's own are sockets), where DuckDB writes the CSV itself. */
function kamPiped(args: string[], env: Record<string, string> = {}) {
  const quoted = [process.execPath, KAM, '--config', join(dir, 'kam.yaml'), ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const r = spawnSync('bash', ['-c', `set -o pipefail; ${quoted} | cat`], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1', ...env } });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

function kam(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [KAM, '--config', join(dir, 'kam.yaml'), ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1', ...env } });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** The file scored by DuckDB (its SQL really ran: KAM_DEBUG) gives kam's CSV, to a file and to a pipe (COPY), and kam's JSON; returns the CSV. */
function expectDuckDbAsKam(file: string): string {
  const want = kam(['score', '--data', file, '--format', 'csv', '--engine', 'kam']);
  expect(want.status).toBe(0);
  for (const run of [kam, kamPiped]) {
    const got = run(['score', '--data', file, '--format', 'csv', '--engine', 'duckdb'], { KAM_DEBUG: '1' });
    expect(got.status, got.stderr).toBe(0);
    expect(got.stderr).toMatch(/kam: duckdb/);
    expect(got.stdout).toBe(want.stdout);
  }
  expect(kam(['score', '--data', file, '--format', 'json', '--engine', 'duckdb']).stdout).toBe(kam(['score', '--data', file, '--format', 'json', '--engine', 'kam']).stdout);
  return want.stdout;
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

  it('makes ids of printable ASCII as kam does (CRM ids like ACC-00123, mixed case, spaces, long), in DuckDB', () => {
    const ids = ['AC-1do0tb-0', 'ACC_00123', '  Mixed Case  ', '--x--', `${'A'.repeat(63)}-B`, `${'a'.repeat(70)}`, 'ID#42/7', '0015g00000XyZab', 'plain-slug', 'x.y@z'];
    const rows = ids.map((id, i) => `${csvCell(id)},N${i},${(i * 7919) % 1000},${i % 6}`);
    writeFileSync(join(dir, 'ascii-ids.csv'), `id,name,revenue_2024,influence\n${rows.join('\n')}\n`);
    const csv = expectDuckDbAsKam('ascii-ids.csv');
    expect(csv).toContain(',acc-00123,');
    expect(csv).toContain(',mixed-case,');
  });

  it('makes ids of names of printable ASCII as kam does, when the file has no id column', () => {
    const names = ['Acme Corp', '  Globex, Inc.  ', 'ID#42/7', 'x.y@z', `${'Long name '.repeat(8)}`, 'UPPER lower', 'Totally Fine', 'sum of parts', '=1+1', 'a-b'];
    const rows = names.map((name, i) => `${csvCell(name)},${(i * 7919) % 1000},${i % 6}`);
    writeFileSync(join(dir, 'names-only.csv'), `name,revenue_2024,influence\n${rows.join('\n')}\n`);
    expect(expectDuckDbAsKam('names-only.csv')).toContain(',globex-inc,');
    const imported = kam(['import', 'names-only.csv', '--dry-run', '--top', '3', '--engine', 'duckdb']);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toBe(kam(['import', 'names-only.csv', '--dry-run', '--top', '3', '--engine', 'kam']).stdout);
  });

  it('renames repeated ids as kam does (the k-th occurrence in file order is <id>-k), with kam\'s note; kam import still refuses them', { timeout: 90_000 }, () => {
    // Repeats after the ASCII id rule too (AC-1, ac_1), a repeat whose first occurrence scores lower, names-only ids.
    const rows = ['a,A,5,1', 'b,B,900000,4', 'a,A2,7000000,5', 'AC-1,C,30,2', 'A,A3,1,0', 'ac_1,C2,30,2', 'b,B2,900000,4', 'c,C3,3,3', 'a,A4,5,1'];
    writeFileSync(join(dir, 'repeats.csv'), `id,name,revenue_2024,influence\n${rows.join('\n')}\n`);
    writeFileSync(join(dir, 'repeats-names.csv'), 'name,revenue_2024\nAcme Inc,5\n"ACME, INC.",2\nGlobex,9\nacme inc,5\n');
    for (const file of ['repeats.csv', 'repeats-names.csv']) {
      const csv = expectDuckDbAsKam(file);
      expect(csv).toMatch(file === 'repeats.csv' ? /,a-4,A4,/ : /,acme-inc-3,acme inc,/);
      for (const format of ['csv', 'json', 'markdown']) {
        const want = kam(['score', '--data', file, '--format', format, '--engine', 'kam']);
        const got = kam(['score', '--data', file, '--format', format, '--engine', 'duckdb']);
        expect(got.stdout).toBe(want.stdout);
        expect(got.stderr).toBe(want.stderr);
        expect(got.stderr).toMatch(/row\(s\) repeat an id already seen/);
      }
    }
    const imported = kam(['import', 'repeats.csv', '--dry-run', '--top', '3', '--engine', 'duckdb']);
    expect(imported.status).toBe(2);
    expect(imported.stderr).toMatch(/an id repeats \(kam import renames repeats/);
  });

  it('writes the same CSV to a pipe (DuckDB writes it: COPY), to a file and with KAM_DUCKDB_COPY=0 (streamed through kam), and stops at a closed pipe', () => {
    const reference = kam(['score', '--data', 'clients.csv', '--format', 'csv', '--engine', 'kam']).stdout;
    const debug = kamPiped(['score', '--data', 'clients.csv', '--format', 'csv', '--engine', 'duckdb'], { KAM_DEBUG: '1' });
    expect(debug.stderr).toMatch(/duckdb wrote the lines to stdout \(COPY, \d+ rows\)/);
    expect(debug.stdout).toBe(reference);
    const file = join(dir, 'out.csv');
    writeFileSync(file, 'kept\n');
    const fd = openSync(file, 'a');
    const toFile = spawnSync(process.execPath, [KAM, '--config', join(dir, 'kam.yaml'), 'score', '--data', 'clients.csv', '--format', 'csv', '--engine', 'duckdb'], { cwd: dir, stdio: ['ignore', fd, 'pipe'], env: { ...process.env, KAM_DEBUG: '1' } });
    closeSync(fd);
    expect(toFile.status).toBe(0);
    expect(toFile.stderr.toString('utf8')).not.toMatch(/wrote the lines to stdout/);
    expect(readFileSync(file, 'utf8')).toBe(`kept\n${reference}`); // appended, nothing truncated
    expect(kamPiped(['score', '--data', 'clients.csv', '--format', 'csv', '--engine', 'duckdb'], { KAM_DUCKDB_COPY: '0' }).stdout).toBe(reference);
    expect(kamPiped(['score', '--data', 'clients.csv', '--format', 'csv', '--engine', 'duckdb', '--tier', 'key', '--top', '5']).stdout).toBe(kam(['score', '--data', 'clients.csv', '--format', 'csv', '--engine', 'kam', '--tier', 'key', '--top', '5']).stdout);
    const head = spawnSync('sh', ['-c', `"${process.execPath}" "${KAM}" --config kam.yaml score --data clients.csv --format csv --engine duckdb | head -3; echo "status $?"`], { cwd: dir, encoding: 'utf8' });
    expect(head.stdout.split('\n').slice(0, 3).join('\n')).toBe(reference.split('\n').slice(0, 3).join('\n'));
    expect(head.stdout).toContain('status 0');
    // No row at all: refused, as kam's engine refuses it.
    writeFileSync(join(dir, 'empty.csv'), 'id,name,revenue_2023,revenue_2024,wallet,influence\n');
    const emptyKam = kam(['score', '--data', 'empty.csv', '--format', 'csv', '--engine', 'kam']);
    expect(emptyKam.status).toBe(2);
    for (const empty of [kamPiped(['score', '--data', 'empty.csv', '--format', 'csv', '--engine', 'duckdb']), kam(['score', '--data', 'empty.csv', '--format', 'csv', '--engine', 'duckdb'])]) {
      expect(empty.status).toBe(2);
      expect(empty.stdout).toBe('');
      expect(empty.stderr).toBe(emptyKam.stderr);
    }
  });

  it('gives the same JSON accounts, the same table and markdown, the same --explain', () => {
    const a = JSON.parse(kam(['score', '--data', 'clients.csv', '--format', 'json', '--engine', 'kam']).stdout);
    const b = JSON.parse(kam(['score', '--data', 'clients.csv', '--format', 'json', '--engine', 'duckdb']).stdout);
    expect(b.accounts).toEqual(a.accounts);
    expect(b.summary.accounts).toBe(a.summary.accounts);
    expect(b.summary.tiers).toEqual(a.summary.tiers);
    expect(b.summary).toEqual(a.summary);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
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
    await c.run(`COPY (SELECT id, name, CAST(NULLIF(trim(revenue_2023), '') AS DOUBLE) AS revenue_2023, CAST(NULLIF(trim(revenue_2024), '') AS DOUBLE) AS revenue_2024, CAST(NULLIF(trim(wallet), '') AS DOUBLE) AS wallet, CAST(NULLIF(trim(influence), '') AS DOUBLE) AS influence FROM read_csv('${join(dir, 'clients.csv')}', header = true, all_varchar = true)) TO '${join(dir, 'typed.parquet')}' (FORMAT PARQUET)`);
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
    ['slug.csv', 'id,name,revenue_2024\nMüller AG,A,5\nb,B,2\n', /by rules DuckDB does not run/],
    ['nothing-left.csv', 'id,name,revenue_2024\n%%%,A,5\nb,B,2\n', /by rules DuckDB does not run/],
    ['renamed-collides.csv', 'id,name,revenue_2024\na,A,5\na-2,B,2\na,C,4\n', /id repeats after the repeats are renamed/],
    ['noid-han.csv', 'name,revenue_2024\n中国移动,5\nB,2\n', /no id column, and the name "中国移动"/],
    ['noid-totals.csv', 'name,revenue_2024\nA,5\nB,2\nTotal:,7\n', /a totals row/],
    ['noid-blank.csv', 'name,revenue_2024,wallet\nA,5,9\n,2,9\n', /a row has no name/],
    ['blank-id.csv', 'id,name,revenue_2024\na,A,5\n,B,2\n', /the id column holds ""/],
    ['currency.csv', 'id,name,revenue_2024\na,A,$5\nb,B,2\n', /not a plain number/],
    ['infinite.csv', 'id,name,revenue_2024,influence\na,A,5,1\nb,B,2,1e400\n', /not a plain number/],
    ['two-signs.csv', 'id,name,revenue_2024,influence\na,A,5,1\nb,B,2,+-1\n', /not a plain number/],
    ['negative-later.csv', 'id,name,revenue_2023,revenue_2024,wallet\na,A,5,6,7\nb,B,2,3,-0.5\n', /negative amount/],
  ];
  it.each(refusals)('--engine duckdb refuses %s; auto gives kam\'s result', (file, text, why) => {
    writeFileSync(join(dir, file), text);
    const r = kam(['score', '--data', file, '--engine', 'duckdb']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(why);
    expect(r.stderr).toContain('--engine kam');
    // --format csv: DuckDB writes stdout itself (a pipe here), and nothing before every cell is checked.
    const csv = kamPiped(['score', '--data', file, '--format', 'csv', '--engine', 'duckdb']);
    expect(csv.status).toBe(2);
    expect(csv.stdout).toBe('');
    expect(csv.stderr).toMatch(why);
    expect(kamPiped(['score', '--data', file, '--format', 'csv'], { KAM_DUCKDB_MIN_BYTES: '0' }).stdout).toBe(kam(['score', '--data', file, '--format', 'csv', '--engine', 'kam']).stdout);
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
    const xs = [0, -0, 1, -1, 0.1, 1e21, 1e20, 1e-7, 1e-6, 123456789012345680000, 5e-324, Number.MAX_VALUE, 2 ** 53, 0.30000000000000004, 100, 35, 99.5190229748796,
      // the bounds of kam_js_num's fast cases (integers below 1e15, positional text in [1e-4, 1e15))
      1e15, 1e15 - 1, 1e15 + 2, -1e15, 999999999999999.9, 1e16, 0.0001, -0.0001, 0.00009999999999999999, 0.00010000000000000002, 1e-5, 123.0, -7, 2 ** 31, 2 ** 63];
    for (let i = 0; i < 3000; i++) xs.push(Math.round((rnd() - 0.5) * 10 ** Math.floor(rnd() * 17)), (rnd() - 0.5) * 10 ** Math.floor(rnd() * 20 - 6));
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

describe('log10 in the engine\'s SQL is V8\'s Math.log10, bit for bit', () => {
  it('on ≥ 1M values: random doubles of every magnitude, integers 1..1e6, powers of two and ten and their neighbours, subnormals, the thresholds of fdlibm\'s branches', async () => {
    const f = new Float64Array(1);
    const bits = new BigUint64Array(f.buffer);
    const xs: number[] = [];
    const around = (x: number, n = 2) => {
      f[0] = x;
      const b = bits[0]!;
      for (let d = -n; d <= n; d++) {
        bits[0] = b + BigInt(d);
        if (f[0]! > 0 && Number.isFinite(f[0]!)) xs.push(f[0]!);
      }
    };
    let s = 0x2545f4914f6cdd1dn;
    const next = () => (s = (s * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn);
    for (let i = 0; i < 400_000; i++) {
      bits[0] = next() & 0x7fffffffffffffffn; // any positive bit pattern: every exponent, subnormals rarely
      if (Number.isFinite(f[0]!) && f[0]! > 0) xs.push(f[0]!);
    }
    for (let i = 0; i < 100_000; i++) {
      bits[0] = next() & 0x000fffffffffffffn; // subnormals
      if (f[0]! > 0) xs.push(f[0]!);
    }
    for (let i = 0; i < 200_000; i++) xs.push(Number(next() % 1_000_000_000_000n) / 10 ** Number(next() % 16n)); // amounts as files write them
    for (let i = 1; i <= 1_000_000; i++) xs.push(i);
    for (let k = -1074; k <= 1023; k++) around(2 ** k, 3);
    for (let e = -323; e <= 308; e++) around(Number(`1e${e}`), 3);
    // The mantissa thresholds of fdlibm's branches (1 + c/2^20 for c = 1, 0x6147a, 0x6a09c, 0x6b852, 0xffffe), at several exponents.
    for (const c of [1, 0x6147a, 0x6a09c, 0x6b852, 0xffffe]) for (const k of [-1074, -1060, -1022, -500, -1, 0, 1, 13, 52, 700, 1023]) if (k > -1060 || c === 1) around((1 + c / 2 ** 20) * 2 ** k, 4);
    expect(xs.length).toBeGreaterThan(1_000_000);
    const file = join(dir, 'log10.csv');
    writeFileSync(file, `x\n${xs.map(String).join('\n')}\n`);
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    // No fused multiply-add in SQL arithmetic (fdlibm's forms rely on each product being rounded): a·b + c with a·b = 1 − 2^-60 exactly.
    const fma = await c.runAndReadAll(`SELECT a * b + c FROM (SELECT CAST('${1 + 2 ** -30}' AS DOUBLE) AS a, CAST('${1 - 2 ** -30}' AS DOUBLE) AS b, CAST(-1 AS DOUBLE) AS c FROM range(3000))`);
    expect(fma.getRows().every((r) => r[0] === 0)).toBe(true);
    const { stages, result } = log10Stages('lg_', 'x');
    let from = `read_csv('${file}', header = true, auto_detect = false, columns = {'x': 'DOUBLE'})`;
    for (const stage of stages) from = `(SELECT *, ${stage.map(([n, e]) => `${e} AS ${n}`).join(', ')} FROM ${from})`;
    const rows = (await c.runAndReadAll(`SELECT x, ${result}, LOG10(x) FROM ${from}`)).getRows();
    c.closeSync();
    db.closeSync();
    expect(rows.length).toBe(xs.length);
    let differ = 0;
    let libc = 0;
    let misread = 0;
    const wrong: string[] = [];
    rows.forEach(([x, ours, theirs], i) => {
      if (!Object.is(x, xs[i])) misread++; // the file gives DuckDB the very double
      const want = Math.log10(x as number);
      if (!Object.is(ours, want)) {
        differ++;
        if (wrong.length < 5) wrong.push(`${x}: ${ours} ≠ ${want}`);
      }
      if (!Object.is(theirs, want)) libc++;
    });
    expect(misread).toBe(0);
    expect(wrong).toEqual([]);
    expect(differ).toBe(0);
    expect(libc).toBeGreaterThan(0); // the C library's LOG10 does differ on some of these (why this exists)
  }, 120_000);
});
