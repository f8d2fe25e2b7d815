// issue 21: `kam sql` on the command line: golden snapshots of the SQL for the dialects that
// cannot run here (Snowflake, BigQuery, Databricks; reviewed for the traps of docs/sql.md), the
// usage errors (exit 2), DuckDB reading a file's columns itself, and --dbt never overwriting.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, kam } from './helpers.js';

const CONFIG = 'test/fixtures/sql/kam.yaml';
const COLUMNS = 'Account ID,Kunde,revenue_2022,Umsatz 2023,revenue_2024,wallet,Influence,tech_prospects,NPS';
const GOLDEN = join(FIXTURES, 'sql', 'golden');
const UPDATE = process.env.KAM_UPDATE_GOLDEN === '1';

function golden(name: string, text: string): void {
  const file = join(GOLDEN, name);
  if (UPDATE || !existsSync(file)) writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

describe('kam sql: golden SQL for the warehouses', () => {
  for (const dialect of ['snowflake', 'bigquery', 'databricks', 'postgres', 'duckdb'] as const) {
    it(`${dialect}: scores and portfolio`, () => {
      const columns = COLUMNS.replace('Account ID', 'id');
      const scores = kam(['--config', CONFIG, 'sql', '--dialect', dialect, '--table', 'crm.accounts', '--columns', columns]);
      expect(scores.stderr).toBe('');
      expect(scores.code).toBe(0);
      golden(`${dialect}.sql`, scores.stdout);
      const portfolio = kam(['--config', CONFIG, 'sql', '--dialect', dialect, '--table', 'crm.accounts', '--columns', columns, '--portfolio']);
      expect(portfolio.code).toBe(0);
      golden(`${dialect}-portfolio.sql`, portfolio.stdout);
      // The traps: a base-10 log spelled per dialect, kam's mid-rank, no NULL-dropping GREATEST/LEAST, ids by their bytes.
      const both = scores.stdout + portfolio.stdout;
      expect(both).not.toMatch(/PERCENT_RANK|CUME_DIST|GREATEST|LEAST|NTILE/i);
      const logs = both.match(/\bLOG\s*\(/g) ?? [];
      if (dialect === 'snowflake') expect(both.match(/\bLOG\(10, /g)?.length).toBe(logs.length);
      else expect(logs).toEqual([]);
      expect(both).toMatch(dialect === 'bigquery' ? /CAST\(kam_id AS BYTES\)/ : dialect === 'databricks' ? /CAST\(kam_id AS BINARY\)/ : dialect === 'snowflake' ? /COLLATE\(kam_id, 'utf8'\)/ : dialect === 'postgres' ? /kam_id COLLATE "C"/ : /kam_id COLLATE "binary"/);
      // Every input is a DOUBLE before any arithmetic (no integer division, no DECIMAL scale).
      for (const column of ['revenue_2022', 'Umsatz 2023', 'wallet', 'Influence', 'NPS']) expect(scores.stdout).toContain(`CAST(${dialect === 'bigquery' || dialect === 'databricks' ? `\`${column}\`` : `"${column}"`} AS`);
    });
  }
});

describe('kam sql: usage', () => {
  it('an unknown dialect is a usage error with a did-you-mean (exit 2)', () => {
    const r = kam(['sql', '--dialect', 'snowflak', '--table', 't', '--columns', 'id']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean snowflake?');
    expect(r.stdout).toBe('');
  });

  it('a dialect, a source and the columns are required', () => {
    expect(kam(['sql', '--table', 't', '--columns', 'id']).stderr).toContain('needs --dialect');
    expect(kam(['sql', '--dialect', 'postgres', '--columns', 'id']).stderr).toContain('--table <name> or --from');
    const noColumns = kam(['sql', '--dialect', 'postgres', '--table', 't']);
    expect(noColumns.code).toBe(2);
    expect(noColumns.stderr).toContain('--columns');
    expect(kam(['sql', '--dialect', 'postgres', '--table', 't; DROP TABLE x', '--columns', 'id']).code).toBe(2);
    const noId = kam(['sql', '--dialect', 'postgres', '--table', 't', '--columns', 'name,revenue_2024']);
    expect(noId.code).toBe(2);
    expect(noId.stderr).toContain('no id column');
  });

  it('speaks Chinese', () => {
    const r = kam(['sql', '--dialect', 'oracle', '--table', 't', '--columns', 'id'], { env: { KAM_LOCALE: 'zh-CN' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('未知的方言');
  });

  it('DuckDB reads the columns of --from itself, and the SQL runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kam-sql-e2e-'));
    writeFileSync(join(dir, 'clients.csv'), 'id,name,revenue_2023,revenue_2024,influence\nb,Beta,10,20000,3\na,Alpha,,5,\n');
    const r = kam(['sql', '--dialect', 'duckdb', '--from', "read_csv('clients.csv')"], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run(`SET file_search_path = '${dir}'`);
    const rows = (await c.runAndReadAll(r.stdout)).getRowObjectsJson();
    c.closeSync();
    db.closeSync();
    const score = kam(['score', '--data', join(dir, 'clients.csv'), '--format', 'json']);
    const accounts = JSON.parse(score.stdout).accounts as { id: string; score: number; rank: number }[];
    expect(rows.map((x) => [x['id'], Number(x['rank'])])).toEqual(accounts.map((a) => [a.id, a.rank]));
    rows.forEach((x, i) => expect(Math.abs(Number(x['score']) - accounts[i]!.score)).toBeLessThan(1e-9));
  });

  it('--dbt writes models/kam_scores.sql with ref(), never over a file without --force', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kam-sql-dbt-'));
    const args = ['sql', '--dialect', 'snowflake', '--dbt', '--table', 'stg_accounts', '--columns', 'id,name,revenue_2024'];
    const first = kam(args, { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('models/kam_scores.sql');
    const model = readFileSync(join(dir, 'models', 'kam_scores.sql'), 'utf8');
    expect(model).toContain("FROM {{ ref('stg_accounts') }}");
    expect(model).not.toMatch(/;\s*$/);
    writeFileSync(join(dir, 'models', 'kam_scores.sql'), 'mine');
    const again = kam(args, { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect(readFileSync(join(dir, 'models', 'kam_scores.sql'), 'utf8')).toBe('mine');
    expect(kam([...args, '--force'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, 'models', 'kam_scores.sql'), 'utf8')).toBe(model);
    const source = kam(['sql', '--dialect', 'bigquery', '--dbt', '--portfolio', '--from', "{{ source('crm', 'accounts') }}", '--columns', 'id,revenue_2024'], { cwd: dir });
    expect(source.code).toBe(0);
    expect(readFileSync(join(dir, 'models', 'kam_portfolio.sql'), 'utf8')).toContain("FROM {{ source('crm', 'accounts') }}");
  });

  it('kam --version does not load the SQL compiler', () => {
    expect(kam(['--version']).code).toBe(0);
  });
});
