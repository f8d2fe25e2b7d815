// issue 21, items 2 and 3: the SQL of `kam sql` scores random portfolios exactly as kam does.
// Each case (random model and rows: ties, empty cells, equal step mins, zero wallets, one revenue
// year, Unicode names, ids whose byte order differs from a locale's) is written as CSV and
// kam.yaml, scored by the built CLI (`kam score --data --format json`: the truth), and by the
// generated SQL on embedded DuckDB (over read_csv of the same file) and on PostgreSQL (a table
// loaded with INSERTs typed from the model). Without PostgreSQL binaries the Postgres half says so
// and is skipped, unless KAM_SQL_TESTS=required.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Criterion, Scale } from '../../src/core/config.js';
import { revenueFigures } from '../../src/core/scoring.js';
import { compilePortfolio, compileScores } from '../../src/sql/compile.js';
import { DIALECT } from '../../src/sql/dialects.js';
import { isSqlModel, sqlModelOf, type SqlModel } from '../../src/sql/model.js';
import { postgresBin, startCluster, type Cluster } from './sql-postgres.js';

const KAM = resolve('bin/kam.js');
const RUNS = Number(process.env.KAM_SQL_RUNS ?? 45);

// ---- random cases ----------------------------------------------------------

interface Column {
  header: string;
  kind: 'id' | 'name' | 'amount' | 'number';
}

interface Case {
  config: { version: 1; criteria: Criterion[]; missing: 'zero' | 'exclude'; tiers: { id: string; min: number }[]; data: { columns: Record<string, string> } };
  columns: Column[];
  rows: string[][];
}

const INPUTS = ['revenue.latest', 'revenue.total', 'revenue.cagr', 'wallet', 'shareOfWallet', 'assessment.influence', 'assessment.techProspects', 'metrics.nps'] as const;
const CRITERION_IDS = ['revenue', 'volume', 'growth-rate', 'wallet', 'share.of.wallet', 'influence', 'tech_prospects', 'nps'];
// Slugs (as kam keeps an id column) whose byte order differs from a locale's: '-' < digits < letters.
const IDS = ['a', 'b', 'a-b', 'ab', 'a1', 'a-1', 'b2', 'z', '0', '9a', 'ab-c', 'abc', 'a-c', 'ac', 'b-a', 'ba'];
const NAMES = ['Alpha', 'Müller AG', '中国移动 广东', 'é', 'e\u0301', '', 'Zoë', 'A, "B"', 'ß', '北京银行', 'alpha'];
const AMOUNTS = ['', '', '0', '1', '100', '50000', '50000', '1000000', '123456.78', '100000000'];
const WALLETS = ['', '0', '0', '1000', '10000000', '123456.78'];
const SCORES = ['', '0', '2.5', '3', '3', '5', '-1', '4.75'];
const NPS = ['', '-50', '0', '10', '10', '99.5'];

const scaleArb: fc.Arbitrary<Scale> = fc.oneof(
  fc.record({ type: fc.constant('linear' as const), min: fc.constantFrom(-10, 0, 1, 1000), span: fc.constantFrom(0.5, 5, 100, 1e6) }).map(({ type, min, span }) => ({ type, min, max: min + span })),
  fc.record({ type: fc.constant('log' as const), min: fc.constantFrom(1, 10, 1e4), factor: fc.constantFrom(10, 1e3, 1e4) }).map(({ type, min, factor }) => ({ type, min, max: min * factor })),
  fc.record({
    type: fc.constant('steps' as const),
    steps: fc.array(fc.record({ min: fc.constantFrom(-1, 0, 1, 2.5, 100, 1e4), score: fc.constantFrom(0, 0.25, 0.3, 0.5, 1) }), { minLength: 1, maxLength: 4 }),
  }),
  fc.constant({ type: 'percentile' as const }),
  fc.constant({ type: 'percentile' as const }),
);

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    criteria: fc.uniqueArray(fc.record({ k: fc.nat(INPUTS.length - 1), weight: fc.constantFrom(0, 0.5, 1, 3, 35), scale: scaleArb }), { minLength: 1, maxLength: 4, selector: (c) => c.k }),
    missing: fc.constantFrom('zero' as const, 'exclude' as const),
    // Highest first, mins strictly falling (kam.yaml says so); without a 0 tier some accounts have none.
    tiers: fc.subarray([{ id: 'strategic', min: 90 }, { id: 'key', min: 60 }, { id: 'growth', min: 33.3 }, { id: 'maintain', min: 0 }], { minLength: 1 }),
    years: fc.subarray([2021, 2022, 2023]),
    mapped: fc.boolean(),
    wallet: fc.boolean(),
    name: fc.boolean(),
    n: fc.oneof(fc.constantFrom(0, 1, 2), fc.nat(12)),
    seed: fc.array(fc.nat(1000), { minLength: 12 * 8, maxLength: 12 * 8 }),
    ids: fc.shuffledSubarray(IDS, { minLength: 12, maxLength: 12 }),
  })
  .map((g): Case => {
    const criteria: Criterion[] = g.criteria.map((c, i) => ({ id: CRITERION_IDS[c.k]!, weight: i === 0 ? Math.max(c.weight, 1) : c.weight, input: INPUTS[c.k]!, scale: c.scale }));
    const columns: Column[] = [{ header: 'id', kind: 'id' }];
    if (g.name) columns.push({ header: 'name', kind: 'name' });
    const data: Record<string, string> = {};
    for (const y of g.years) {
      // data.columns as kam.yaml maps it: a header of another name feeds revenue_<year>.
      if (g.mapped && y === 2022) {
        data['Umsatz 2022'] = 'revenue_2022';
        columns.push({ header: 'Umsatz 2022', kind: 'amount' });
      } else columns.push({ header: `revenue_${y}`, kind: 'amount' });
    }
    if (g.wallet) columns.push({ header: 'wallet', kind: 'amount' });
    columns.push({ header: 'influence', kind: 'number' }, { header: 'Tech Prospects', kind: 'number' }, { header: 'nps', kind: 'number' });
    let s = 0;
    const pick = <T>(pool: readonly T[]) => pool[g.seed[s++ % g.seed.length]! % pool.length]!;
    const rows = Array.from({ length: g.n }, (_, r) =>
      columns.map((c) => {
        if (c.kind === 'id') return g.ids[r]!;
        if (c.kind === 'name') return pick(NAMES);
        if (c.header === 'wallet') return pick(WALLETS);
        if (c.kind === 'amount') return pick(AMOUNTS);
        return c.header === 'nps' ? pick(NPS) : pick(SCORES);
      }),
    );
    const tiers = g.tiers.map((t) => ({ ...t }));
    return { config: { version: 1, criteria, missing: g.missing, tiers, data: { columns: data } }, columns, rows };
  });

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csvOf = (c: Case) => [c.columns.map((col) => csvCell(col.header)), ...c.rows.map((r) => r.map(csvCell))].map((r) => r.join(',')).join('\n') + '\n';

// ---- what each side says ---------------------------------------------------

interface Row {
  id: string;
  name: string;
  score: number;
  tier: string | null;
  rank: number;
  missing: string;
  inputs: (number | null)[];
  scores: (number | null)[];
  contributions: number[];
}

interface Portfolio {
  accounts: number;
  vitalFew: number;
  vitalFewShare: number;
  top1Share: number;
  top5Share: number;
  hhi: number;
  tiers: number[];
}

const numOrNull = (v: unknown) => (v === null || v === undefined || v === '' ? null : Number(v));

function rowsOfSql(m: SqlModel, records: Record<string, unknown>[]): Row[] {
  return records.map((r) => ({
    id: String(r['id']),
    name: String(r['name'] ?? ''),
    score: Number(r['score']),
    tier: r['tier'] === null || r['tier'] === '' ? null : String(r['tier']),
    rank: Number(r['rank']),
    missing: String(r['missing'] ?? ''),
    inputs: m.criteria.map((c) => numOrNull(r[`${c.alias}_input`])),
    scores: m.criteria.map((c) => numOrNull(r[`${c.alias}_score`])),
    contributions: m.criteria.map((c) => Number(r[`${c.alias}_contribution`])),
  }));
}

function portfolioOfSql(m: SqlModel, r: Record<string, unknown>): Portfolio {
  return {
    accounts: Number(r['accounts']),
    vitalFew: Number(r['vital_few']),
    vitalFewShare: Number(r['vital_few_share']),
    top1Share: Number(r['top1_share']),
    top5Share: Number(r['top5_share']),
    hhi: Number(r['hhi']),
    tiers: m.tiers.map((t) => Number(r[`tier_${t.alias}`])),
  };
}

interface KamJson {
  accounts: { id: string; name: string; score: number; tier: string | null; rank: number; missing: string[]; criteria: { input: number | null; score: number | null; contribution: number }[] }[];
  summary: { accounts: number; tiers: Record<string, number>; pareto: { vitalFew: number; vitalFewShare: number }; concentration: { top1Share: number; top5Share: number; hhi: number } };
}

function kamSays(dir: string, c: Case): { rows: Row[]; portfolio: Portfolio } {
  if (c.rows.length === 0) {
    // kam score --data refuses a file without data rows (exit 2); the SQL of an empty table gives no row and the figures of no revenue.
    const f = revenueFigures([]);
    return { rows: [], portfolio: { accounts: 0, vitalFew: f.pareto.vitalFew, vitalFewShare: f.pareto.vitalFewShare, top1Share: f.concentration.top1Share, top5Share: f.concentration.top5Share, hhi: f.concentration.hhi, tiers: c.config.tiers.map(() => 0) } };
  }
  const out = execFileSync(process.execPath, [KAM, '--config', join(dir, 'kam.yaml'), 'score', '--data', join(dir, 'clients.csv'), '--format', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const doc = JSON.parse(out) as KamJson;
  return {
    rows: doc.accounts.map((a) => ({
      id: a.id,
      name: a.name,
      score: a.score,
      tier: a.tier,
      rank: a.rank,
      missing: a.missing.join(','),
      inputs: a.criteria.map((x) => x.input),
      scores: a.criteria.map((x) => x.score),
      contributions: a.criteria.map((x) => x.contribution),
    })),
    portfolio: {
      accounts: doc.summary.accounts,
      vitalFew: doc.summary.pareto.vitalFew,
      vitalFewShare: doc.summary.pareto.vitalFewShare,
      top1Share: doc.summary.concentration.top1Share,
      top5Share: doc.summary.concentration.top5Share,
      hhi: doc.summary.concentration.hhi,
      tiers: c.config.tiers.map((t) => doc.summary.tiers[t.id] ?? 0),
    },
  };
}

const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));

function expectSame(engine: string, kam: { rows: Row[]; portfolio: Portfolio }, sql: { rows: Row[]; portfolio: Portfolio }, c: Case): void {
  const where = `${engine}\n${JSON.stringify(c.config)}\n${csvOf(c)}`;
  expect(sql.rows.map((r) => r.id), where).toEqual(kam.rows.map((r) => r.id));
  kam.rows.forEach((k, i) => {
    const s = sql.rows[i]!;
    const at = `${where}\nrow ${k.id}: kam ${JSON.stringify(k)}\nsql ${JSON.stringify(s)}`;
    expect(s.name.normalize('NFC'), at).toBe(k.name.normalize('NFC'));
    expect(close(s.score, k.score), at).toBe(true);
    expect(s.tier, at).toBe(k.tier);
    expect(s.rank, at).toBe(k.rank);
    expect(s.missing, at).toBe(k.missing);
    k.inputs.forEach((x, j) => {
      expect(close(s.inputs[j]!, x), at).toBe(true);
      expect(close(s.scores[j]!, k.scores[j]!), at).toBe(true);
      expect(close(s.contributions[j]!, k.contributions[j]!), at).toBe(true);
    });
  });
  const kp = kam.portfolio;
  const sp = sql.portfolio;
  const at = `${where}\nportfolio: kam ${JSON.stringify(kp)}\nsql ${JSON.stringify(sp)}`;
  expect(sp.accounts, at).toBe(kp.accounts);
  expect(sp.vitalFew, at).toBe(kp.vitalFew);
  expect(sp.tiers, at).toEqual(kp.tiers);
  for (const k of ['vitalFewShare', 'top1Share', 'top5Share', 'hhi'] as const) expect(close(sp[k], kp[k]), `${at}\n${k}`).toBe(true);
}

// ---- the engines -----------------------------------------------------------

const bin = postgresBin();
const required = process.env.KAM_SQL_TESTS === 'required';
let pg: Cluster | undefined;
let duck: DuckDBConnection;
let duckDb: DuckDBInstance;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kam-sql-'));
  duckDb = await DuckDBInstance.create(':memory:');
  duck = await duckDb.connect();
  if (bin !== undefined) pg = startCluster(bin);
  else console.warn('kam sql differential test: no PostgreSQL binaries (pg_ctl) found, the PostgreSQL half is skipped (KAM_SQL_TESTS=required makes this a failure)');
}, 60_000);

afterAll(() => {
  pg?.stop();
  duck?.closeSync();
  duckDb?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

function modelOf(c: Case): SqlModel {
  const m = sqlModelOf(c.config, c.columns.map((col) => col.header));
  if (!isSqlModel(m)) throw new Error(JSON.stringify(m));
  return m;
}

async function duckSays(c: Case, m: SqlModel): Promise<{ rows: Row[]; portfolio: Portfolio }> {
  const from = `read_csv(${DIALECT.duckdb.string(join(dir, 'clients.csv'))}, header = true, all_varchar = true)`;
  const scores = await duck.runAndReadAll(compileScores(m, DIALECT.duckdb, { from }));
  const portfolio = await duck.runAndReadAll(compilePortfolio(m, DIALECT.duckdb, { from }));
  return { rows: rowsOfSql(m, scores.getRowObjectsJson() as Record<string, unknown>[]), portfolio: portfolioOfSql(m, portfolio.getRowObjectsJson()[0] as Record<string, unknown>) };
}

function pgSays(c: Case, m: SqlModel): { rows: Row[]; portfolio: Portfolio } {
  const d = DIALECT.postgres;
  const types = c.columns.map((col) => (col.kind === 'id' || col.kind === 'name' ? 'TEXT' : 'DOUBLE PRECISION'));
  const values = c.rows.map((r) => `(${r.map((v, i) => (v === '' ? 'NULL' : types[i] === 'TEXT' ? d.string(v) : v)).join(', ')})`);
  const script = [
    'DROP TABLE IF EXISTS clients;',
    `CREATE TABLE clients (${c.columns.map((col, i) => `${d.quote(col.header)} ${types[i]}`).join(', ')});`,
    ...(values.length > 0 ? [`INSERT INTO clients VALUES ${values.join(', ')};`] : []),
    `${compileScores(m, d, { from: 'clients' })};`,
    "SELECT '--';",
    `${compilePortfolio(m, d, { from: 'clients' })};`,
  ].join('\n');
  const out = pg!.query(script);
  const cut = out.findIndex((r) => r.length === 1 && r[0] === '--');
  const names = ['id', 'name', ...m.criteria.flatMap((x) => [`${x.alias}_input`, `${x.alias}_score`, `${x.alias}_contribution`]), 'score', 'tier', 'rank', 'missing'];
  const records = out.slice(0, cut).map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]])));
  const pnames = ['accounts', 'total_revenue', 'vital_few', 'vital_few_share', 'top1_share', 'top5_share', 'hhi', ...m.tiers.map((t) => `tier_${t.alias}`)];
  const p = Object.fromEntries(pnames.map((n, i) => [n, out[cut + 1]![i]]));
  return { rows: rowsOfSql(m, records), portfolio: portfolioOfSql(m, p) };
}

describe('kam sql is kam: random portfolios and models', () => {
  it('PostgreSQL binaries are present when KAM_SQL_TESTS=required', () => {
    if (required) expect(bin, 'KAM_SQL_TESTS=required but no pg_ctl on PATH or in /usr/lib/postgresql').toBeDefined();
  });

  it(`scores, tiers, ranks, missing and portfolio figures equal kam's on DuckDB${bin ? ' and PostgreSQL' : ''} (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        writeFileSync(join(dir, 'clients.csv'), csvOf(c));
        writeFileSync(join(dir, 'kam.yaml'), JSON.stringify(c.config));
        const m = modelOf(c);
        const kam = kamSays(dir, c);
        expectSame('duckdb', kam, await duckSays(c, m), c);
        if (pg) expectSame('postgres', kam, pgSays(c, m), c);
      }),
      // No shrinking: each run starts kam; the failure message holds the whole case (config and CSV).
      { numRuns: RUNS, endOnFailure: true },
    );
  }, 30_000 + RUNS * 2_000);
});
