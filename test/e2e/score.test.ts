import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, json, kam } from './helpers.js';

const scoring = fixture('scoring');
const data = (name: string) => join(fixture('data'), name);

interface ScoreDoc {
  schema: string;
  accounts: { id: string; name: string; score: number; tier: string | null; rank: number; declaredTier: string | null; missing: string[]; criteria: { id: string; input: number | null; score: number | null; weight: number; contribution: number }[] }[];
  summary: { accounts: number; tiers: Record<string, number>; pareto: { vitalFew: number; vitalFewShare: number }; concentration: { top1Share: number; top5Share: number; hhi: number } };
}

const scoreJson = (args: string[], cwd?: string) => {
  const r = kam([...args, '--format', 'json'], cwd ? { cwd } : {});
  expect(r.code, r.stderr).toBe(0);
  return json<ScoreDoc>(r.stdout);
};

describe('kam score on plans (missing: exclude, steps, percentile, custom tiers)', () => {
  const doc = scoreJson(['-C', scoring, 'score']);
  const byId = Object.fromEntries(doc.accounts.map((a) => [a.id, a]));

  it('computes scores by SPEC 3 (hand-computed)', () => {
    // a: rev 1 (w2) + growth cagr 100% → 1 (w1) + influence percentile 0.5 (w1) over Σw 4
    expect(byId.a!.score).toBeCloseTo(87.5, 6);
    // e: rev 0.5, growth missing (excluded), percentile of 5 among [2,4,4,4,5] = 1, over Σw 3
    expect(byId.e!.score).toBeCloseTo(200 / 3, 6);
    expect(byId.b!.score).toBeCloseTo(50, 6);
    expect(byId.f!.score).toBeCloseTo(50, 6);
    // c: rev 0.1 (w2) + growth cagr 0 → 0.5 (w1), influence missing, over Σw 3
    expect(byId.c!.score).toBeCloseTo(70 / 3, 6);
    // d: only influence, the lowest percentile
    expect(byId.d!.score).toBe(0);
  });

  it('ranks by score, ties by id, and tiers with custom names', () => {
    expect(doc.accounts.map((a) => [a.rank, a.id, a.tier])).toEqual([
      [1, 'a', 'gold'],
      [2, 'e', 'gold'],
      [3, 'b', 'silver'],
      [4, 'f', 'silver'],
      [5, 'c', 'bronze'],
      [6, 'd', 'bronze'],
    ]);
    expect(byId.e!.declaredTier).toBe('silver');
    expect(byId.a!.declaredTier).toBeNull();
  });

  it('lists missing criteria, with input null and contribution 0', () => {
    expect(byId.d!.missing).toEqual(['rev', 'growth']);
    expect(byId.d!.criteria[0]).toEqual({ id: 'rev', input: null, score: null, weight: 2, contribution: 0 });
    expect(byId.a!.criteria.map((c) => c.contribution)).toEqual([50, 25, 12.5]);
    expect(byId.a!.criteria[1]!.input).toBeCloseTo(1, 12);
  });

  it('computes the portfolio on revenue.latest', () => {
    const revenues = [1000, 500, 500, 500, 100, 0];
    const total = revenues.reduce((s, v) => s + v, 0);
    expect(doc.summary.accounts).toBe(6);
    expect(doc.summary.tiers).toEqual({ gold: 2, silver: 2, bronze: 2 });
    expect(doc.summary.pareto).toEqual({ vitalFew: 4, vitalFewShare: 4 / 6 });
    expect(doc.summary.concentration.top1Share).toBeCloseTo(1000 / total, 12);
    expect(doc.summary.concentration.top5Share).toBeCloseTo(2600 / total, 12);
    expect(doc.summary.concentration.hhi).toBeCloseTo(revenues.reduce((s, v) => s + ((v / total) * 100) ** 2, 0), 9);
  });

  it('missing: zero (via --config) counts missing inputs as 0', () => {
    const zero = scoreJson(['--config', join(scoring, 'kam-zero.yaml'), 'score']);
    const z = Object.fromEntries(zero.accounts.map((a) => [a.id, a]));
    expect(z.b!.score).toBeCloseTo(37.5, 6);
    expect(z.e!.score).toBeCloseTo(50, 6);
    expect(z.c!.score).toBeCloseTo(17.5, 6);
    expect(z.d!.criteria[0]).toMatchObject({ input: null, score: 0, contribution: 0 });
  });

  it('filters with --top and --tier but keeps the portfolio of all accounts', () => {
    const top = scoreJson(['-C', scoring, 'score', '--top', '2']);
    expect(top.accounts.map((a) => a.id)).toEqual(['a', 'e']);
    expect(top.summary.accounts).toBe(6);
    const silver = scoreJson(['-C', scoring, 'score', '--tier', 'silver,bronze']);
    expect(silver.accounts.map((a) => a.id)).toEqual(['b', 'f', 'c', 'd']);
    expect(silver.accounts[0]!.rank).toBe(3);
  });

  it('--weight is a what-if on the model', () => {
    const onlyRev = scoreJson(['-C', scoring, 'score', '--weight', 'growth=0', '--weight', 'infl=0']);
    expect(onlyRev.accounts.find((a) => a.id === 'e')!.score).toBeCloseTo(50, 6);
    expect(kam(['-C', scoring, 'score', '--weight', 'grwth=1']).stderr).toMatch(/did you mean "growth"/);
    expect(kam(['-C', scoring, 'score', '--weight', 'growth=-1']).code).toBe(2);
    expect(kam(['-C', scoring, 'score', '--tier', 'platinum']).code).toBe(2);
  });

  it('--explain shows every criterion', () => {
    const r = kam(['-C', scoring, 'score', '--explain', 'c']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Gamma, =SUM\(A1\) \(c\): score 23\.3, tier bronze, rank 5 of 6/);
    expect(r.stdout).toMatch(/growth\s+│ revenue\.cagr\s+│\s+0 │ steps/);
    expect(r.stdout).toMatch(/infl\s+│ assessment\.influence │\s+missing/);
    expect(kam(['-C', scoring, 'score', '--explain', 'zz']).code).toBe(2);
  });

  it('table shows the portfolio lines and the concentration warning', () => {
    const r = kam(['-C', scoring, 'score']);
    expect(r.stdout).toMatch(/Tiers: gold 2 · silver 2 · bronze 2/);
    expect(r.stdout).toMatch(/Pareto: 4 of 6 accounts \(66\.7%\) make 80% of revenue/);
    expect(r.stdout).not.toMatch(/⚠/); // maxTop1Share 0.5 in this workspace
    expect(kam(['-C', fixture('valid'), 'score']).stdout).toMatch(/Concentration: ⚠/);
  });

  it('csv is RFC 4180 and formula-safe; markdown links nothing', () => {
    const csv = kam(['-C', scoring, 'score', '--format', 'csv']).stdout;
    const lines = csv.split('\r\n');
    expect(lines[0]).toMatch(/^rank,id,name,score,tier,declaredTier,missing,rev_input/);
    expect(csv).toContain(`5,c,"Gamma, =SUM(A1)",`);
    const dataCsv = kam(['score', '--data', data('clients-bom-crlf.csv'), '--format', 'csv']).stdout;
    expect(dataCsv).toMatch(/\r\n2,cmd,'=cmd\(\),/);
    const md = kam(['-C', scoring, 'score', '--format', 'markdown']).stdout;
    expect(md).toMatch(/\| 1 \| Alpha \| \*\*87\.5\*\* \| gold \|/);
    expect(md).not.toMatch(/https?:|<img|<a /);
  });
});

describe('kam score --data', () => {
  const empty = mkdtempSync(join(tmpdir(), 'kam-nows-'));

  it('reads UTF-8 with BOM, CRLF and quoted fields outside a workspace; reports bad rows by line', () => {
    const r = kam(['score', '--data', data('clients-bom-crlf.csv'), '--format', 'json'], { cwd: empty });
    expect(r.code).toBe(0);
    const doc = json<ScoreDoc>(r.stdout);
    expect(doc.accounts.map((a) => a.id)).toEqual(['acme-inc', 'cmd', 'globex', 'multi-line-co']);
    const acme = doc.accounts[0]!;
    expect(acme.name).toBe('Acme, Inc.');
    const expected = 35 * (Math.log10(250_000) - 4) / 4 + 25 * (Math.log10(350_000) - 4) / (Math.log10(5e8) - 4) + 20 * 0.8 + 20 * 0.6;
    expect(acme.score).toBeCloseTo(expected, 6);
    expect(doc.accounts[2]!.missing).toEqual(['techProspects']);
    expect(r.stderr).toMatch(/clients-bom-crlf\.csv:6: row column Revenue_2024: "12x" is not a number/);
    expect(r.stderr).toMatch(/clients-bom-crlf\.csv:7: row has 2 fields, the header has 6/);
  });

  it('--strict makes a bad row fatal', () => {
    const r = kam(['score', '--data', data('clients-bom-crlf.csv'), '--strict'], { cwd: empty });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/2 bad row/);
  });

  it('reads gb18030 with --encoding and maps Chinese headers with data.columns', () => {
    const r = kam(['score', '--data', data('clients-gb18030.csv'), '--encoding', 'gb18030', '--config', data('kam-cn.yaml'), '--format', 'json'], { cwd: empty });
    expect(r.code, r.stderr).toBe(0);
    const doc = json<ScoreDoc>(r.stdout);
    // Han names get the id kam new gives them, in pinyin (stable when the export is re-sorted).
    expect(doc.accounts.map((a) => [a.name, a.id])).toEqual([
      ['中国移动', 'zhong-guo-yi-dong'],
      ['华为技术', 'hua-wei-ji-shu'],
      ['中国联通', 'zhong-guo-lian-tong'],
    ]);
    expect(doc.accounts[0]!.criteria.find((c) => c.id === 'influence')!.input).toBe(5);
    expect(doc.accounts[1]!.criteria[0]!.input).toBe(2_000_000);
  });

  it('a legacy encoding without --encoding is exit 2 with a hint', () => {
    const r = kam(['score', '--data', data('clients-gb18030.csv')], { cwd: empty });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--encoding gb18030/);
    expect(kam(['score', '--data', data('clients-gb18030.csv'), '--encoding', 'klingon'], { cwd: empty }).code).toBe(2);
  });

  it('detects ; delimiters and suffixes repeated ids', () => {
    const doc = json<ScoreDoc>(kam(['score', '--data', data('clients-semicolon.csv'), '--format', 'json'], { cwd: empty }).stdout);
    expect(doc.accounts.map((a) => a.id)).toEqual(['x1', 'x1-2', 'x2']);
  });

  it('a missing file, an empty file, a file with no id/name column: exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kam-csv-'));
    writeFileSync(join(dir, 'empty.csv'), '');
    writeFileSync(join(dir, 'noname.csv'), 'foo,bar\n1,2\n');
    for (const file of ['nope.csv', 'empty.csv', 'noname.csv']) {
      const r = kam(['score', '--data', file], { cwd: dir });
      expect(r.code, file).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('scores 20,000 generated rows, --top keeps the best', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kam-csv-'));
    let csv = 'id,name,revenue_2025,influence\n';
    for (let i = 0; i < 20_000; i++) csv += `c${i},Customer ${i},${(i * 7919) % 1_000_000},${i % 6}\n`;
    writeFileSync(join(dir, 'big.csv'), csv);
    const doc = json<ScoreDoc>(kam(['score', '--data', 'big.csv', '--top', '3', '--format', 'json'], { cwd: dir }).stdout);
    expect(doc.summary.accounts).toBe(20_000);
    expect(doc.accounts).toHaveLength(3);
    expect(doc.accounts.map((a) => a.rank)).toEqual([1, 2, 3]);
    const all = json<ScoreDoc>(kam(['score', '--data', 'big.csv', '--format', 'json'], { cwd: dir }).stdout);
    expect(all.accounts.slice(0, 3)).toEqual(doc.accounts);
    expect(all.accounts).toHaveLength(20_000);
    for (let i = 1; i < all.accounts.length; i++) expect(all.accounts[i - 1]!.score >= all.accounts[i]!.score).toBe(true);
  });
});
