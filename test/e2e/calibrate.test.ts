// issue 22: `kam calibrate` on the command line. Outcomes generated with known weights (the
// criteria come out in their true order; the AUC equals an independent O(n²) computation), a small
// table with ties computed by hand, the errors (bad outcome cell, one outcome only), --write
// (only the weight: values change, every other byte stays), and the JSON schema.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, fixture, json, kam } from './helpers.js';

const TRUE_WEIGHTS = [3, 2, 1, 0];

/** mulberry32, written out again here: the data must not depend on kam's code. */
function random32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A workspace (the fixture's kam.yaml) with outcomes.csv: outcome ~ Bernoulli(sigmoid(-3 + Σ w_c s_c)). */
function generatedWorkspace(n = 3000, seed = 22): { dir: string; rows: { s: number[]; won: number }[] } {
  const dir = mkdtempSync(join(tmpdir(), 'kam-calibrate-'));
  cpSync(fixture('calibrate/kam.yaml'), join(dir, 'kam.yaml'));
  const random = random32(seed);
  const rows: { s: number[]; won: number }[] = [];
  const lines = ['id,name,alpha,beta,gamma,delta,won'];
  for (let i = 0; i < n; i++) {
    const s = TRUE_WEIGHTS.map(() => Math.round(random() * 1000) / 1000);
    const z = -3 + s.reduce((sum, v, c) => sum + TRUE_WEIGHTS[c]! * v, 0);
    const won = random() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    rows.push({ s, won });
    lines.push(`acc-${i},Account ${i},${s.join(',')},${won === 1 ? (i % 2 ? 'yes' : '1') : i % 2 ? 'no' : 'false'}`);
  }
  writeFileSync(join(dir, 'outcomes.csv'), `${lines.join('\n')}\n`);
  return { dir, rows };
}

function pairAuc(scores: number[], outcomes: number[]): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (outcomes[i] !== 1) continue;
    for (let j = 0; j < scores.length; j++) {
      if (outcomes[j] !== 0) continue;
      pairs++;
      sum += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    }
  }
  return sum / pairs;
}

describe('kam calibrate --data --outcome', () => {
  const { dir, rows } = generatedWorkspace();
  const run = kam(['calibrate', '--data', 'outcomes.csv', '--outcome', 'won', '--format', 'json'], { cwd: dir });

  it('json: schema fields, AUC as an independent computation, criteria in their true order', () => {
    expect(run.code).toBe(0);
    const r = json(run.stdout);
    expect(r.schema).toBe('kam.calibrate/v1');
    expect(Object.keys(r)).toEqual(['schema', 'source', 'data', 'outcome', 'from', 'to', 'config', 'missing', 'rows', 'positives', 'negatives', 'rate', 'auc', 'lift', 'criteria', 'fit', 'suggested', 'crossValidation', 'notes']);
    expect(r.rows).toBe(rows.length);
    expect(r.positives).toBe(rows.filter((row) => row.won === 1).length);
    // The model: 4 linear 0..1 criteria of weight 25 each: score = 25 · Σ s.
    const scores = rows.map((row) => (100 * row.s.reduce((sum, v) => sum + 25 * v, 0)) / 100);
    const outcomes = rows.map((row) => row.won);
    expect(Math.abs(r.auc.value - pairAuc(scores, outcomes))).toBeLessThan(1e-9);
    expect(r.auc.low).toBeLessThan(r.auc.value);
    expect(r.auc.high).toBeGreaterThan(r.auc.value);
    expect(r.auc).toMatchObject({ level: 0.95, resamples: 1000, seed: 1 });
    r.criteria.forEach((c: { id: string; auc: number }, k: number) => {
      expect(Math.abs(c.auc - pairAuc(rows.map((row) => row.s[k]!), outcomes))).toBeLessThan(1e-9);
    });
    const suggested: number[] = r.suggested.weights;
    expect(r.criteria.map((c: { id: string }) => c.id)).toEqual(['alpha', 'beta', 'gamma', 'delta']);
    expect(suggested[0]).toBeGreaterThan(suggested[1]!);
    expect(suggested[1]).toBeGreaterThan(suggested[2]!);
    expect(suggested[2]).toBeGreaterThan(suggested[3]!);
    expect(suggested.every((w) => w >= 0)).toBe(true);
    expect(suggested.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 1);
    expect(r.suggested.total).toBe(100);
    expect(r.crossValidation).toMatchObject({ k: 5, folds: 5, seed: 1, stratified: true });
    expect(r.crossValidation.suggested).toBeGreaterThan(r.crossValidation.current);
    // lift of the top tier (score ≥ 70), from the same scores
    const top = rows.filter((_, i) => scores[i]! >= 70);
    const lift = top.filter((row) => row.won === 1).length / top.length / (r.positives / r.rows);
    expect(r.lift.tier).toBe('strategic');
    expect(r.lift.accounts).toBe(top.length);
    expect(r.lift.lift).toBeCloseTo(lift, 12);
    expect(run.stdout).not.toMatch(/NaN|Infinity/);
  });

  it('is reproducible with the seed; another seed moves only the interval and the folds', () => {
    const again = json(kam(['calibrate', '--data', 'outcomes.csv', '--outcome', 'won', '-f', 'json'], { cwd: dir }).stdout);
    expect(again).toEqual(json(run.stdout));
    const other = json(kam(['calibrate', '--data', 'outcomes.csv', '--outcome', 'won', '-f', 'json', '--seed', '7', '--bootstrap', '200'], { cwd: dir }).stdout);
    expect(other.auc.value).toBe(again.auc.value);
    expect(other.auc.resamples).toBe(200);
    expect(other.auc.low).not.toBe(again.auc.low);
  });

  it('table and markdown show current and suggested weights side by side and write nothing', () => {
    const before = readFileSync(join(dir, 'kam.yaml'), 'utf8');
    const table = kam(['calibrate', '--data', 'outcomes.csv', '--outcome', 'won'], { cwd: dir });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/criterion\s+│\s+own AUC\s+│\s+current weight\s+│\s+suggested weight/);
    expect(table.stdout).toContain('Nothing written');
    const md = kam(['calibrate', '--data', 'outcomes.csv', '--outcome', 'won', '-f', 'markdown'], { cwd: dir });
    expect(md.stdout).toContain('| criterion | own AUC | current weight | suggested weight |');
    expect(readFileSync(join(dir, 'kam.yaml'), 'utf8')).toBe(before);
  });

  it('--write changes only the weight: values (every other byte as it was)', () => {
    const before = readFileSync(join(dir, 'kam.yaml'), 'utf8');
    const suggested: number[] = json(run.stdout).suggested.weights;
    const w = kam(['calibrate', '--data', 'outcomes.csv', '--outcome', 'won', '--write'], { cwd: dir });
    expect(w.code).toBe(0);
    expect(w.stdout).toContain('wrote the suggested weights into kam.yaml');
    const after = readFileSync(join(dir, 'kam.yaml'), 'utf8');
    const weightValue = /(weight: )(\S+)/g;
    expect(after.replace(weightValue, '$1W')).toBe(before.replace(weightValue, '$1W'));
    expect([...after.matchAll(weightValue)].map((m) => Number(m[2]))).toEqual(suggested);
    expect(after).toContain('# kept as written until --write');
    // the new model is what kam scores with now
    const rescored = json(kam(['calibrate', '--data', 'outcomes.csv', '--outcome', 'won', '-f', 'json'], { cwd: dir }).stdout);
    expect(rescored.criteria.map((c: { weight: number }) => c.weight)).toEqual(suggested);
  });
});

describe('kam calibrate: small tables and errors', () => {
  const cwd = fixture('calibrate');

  it('ties computed by hand: positives 1, .5, .5 against negatives 1, .5, 0 → 5.5/9', () => {
    const r = kam(['calibrate', '--data', 'ties.csv', '--outcome', 'won', '-f', 'json'], { cwd });
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out.auc.value).toBeCloseTo(5.5 / 9, 12);
    expect(out.criteria[0].auc).toBeCloseTo(5.5 / 9, 12);
    // the other criteria are 0 everywhere: all tied, 1/2
    expect(out.criteria.slice(1).map((c: { auc: number }) => c.auc)).toEqual([0.5, 0.5, 0.5]);
    expect(out.lift).toMatchObject({ tier: 'strategic', accounts: 0, lift: null });
    expect(r.stderr).toContain('no row is in the top tier (strategic): no lift');
  });

  it('an outcome that is not 0/1, true/false or yes/no names file:line:column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kam-calibrate-bad-'));
    cpSync(fixture('calibrate/kam.yaml'), join(dir, 'kam.yaml'));
    writeFileSync(join(dir, 'o.csv'), 'id,alpha,won\na,1,1\nb,0,maybe\n');
    const r = kam(['calibrate', '--data', 'o.csv', '--outcome', 'won'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('o.csv:3:3: outcome "maybe" in column "won" is not 0/1, true/false or yes/no');
    writeFileSync(join(dir, 'o.csv'), 'id,alpha,won\na,1,1\nb,0,\n');
    expect(kam(['calibrate', '--data', 'o.csv', '--outcome', 'won'], { cwd: dir }).stderr).toContain('o.csv:3:3: outcome ""');
  });

  it('a criterion without any input: AUC 1/2 (missing: zero), no weight, a note', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kam-calibrate-empty-'));
    cpSync(fixture('calibrate/kam.yaml'), join(dir, 'kam.yaml'));
    writeFileSync(join(dir, 'o.csv'), 'id,alpha,beta,gamma,won\na,1,0.2,0.1,1\nb,0,0.4,0.3,0\nc,0.7,0.1,0.8,1\nd,0.2,0.9,0.5,0\n');
    const r = kam(['calibrate', '--data', 'o.csv', '--outcome', 'won', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('criterion delta has no input in any row (missing: zero counts it as 0): its AUC is 1/2 and the fit gives it no weight');
    const out = json(r.stdout);
    expect(out.criteria[3]).toMatchObject({ id: 'delta', auc: 0.5, suggested: 0 });
    expect(out.criteria[0].auc).toBe(1);
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
  });

  it('no negative (or a single row): the AUC is undefined, an error naming the column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kam-calibrate-one-'));
    cpSync(fixture('calibrate/kam.yaml'), join(dir, 'kam.yaml'));
    writeFileSync(join(dir, 'o.csv'), 'id,alpha,won\na,1,1\n');
    const r = kam(['calibrate', '--data', 'o.csv', '--outcome', 'won'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the AUC is undefined: every scored row of o.csv has outcome 1 in column "won"');
  });

  it('usage errors: unknown column, a column the model reads, bad --seed', () => {
    const unknown = kam(['calibrate', '--data', 'ties.csv', '--outcome', 'closed'], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no column "closed" in ties.csv');
    const feeds = kam(['calibrate', '--data', 'ties.csv', '--outcome', 'alpha'], { cwd });
    expect(feeds.stderr).toContain('column "alpha" of ties.csv feeds the model (metrics.alpha)');
    expect(kam(['calibrate', '--data', 'ties.csv', '--outcome', 'won', '--seed', '-1'], { cwd }).code).toBe(2);
    expect(kam(['calibrate', '--data', 'ties.csv', '--outcome', 'won', '--bootstrap', '0'], { cwd }).stderr).toContain('--bootstrap takes a whole number from 1 to 1000000');
  });

  it('--write refuses, saying how, when kam.yaml has no criteria: block, and outside a workspace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kam-calibrate-defaults-'));
    const yaml = '# defaults only\nversion: 1\n';
    writeFileSync(join(dir, 'kam.yaml'), yaml);
    writeFileSync(join(dir, 'o.csv'), 'id,revenue_2024,influence,won\na,100000,4,1\nb,20000,1,0\nc,50000000,5,1\nd,30000,2,0\ne,40000,3,1\nf,15000,1,0\n');
    const r = kam(['calibrate', '--data', 'o.csv', '--outcome', 'won', '--write'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('kam.yaml has no criteria: block');
    expect(r.stderr).toContain('  - id: revenue');
    expect(readFileSync(join(dir, 'kam.yaml'), 'utf8')).toBe(yaml);
    const outside = mkdtempSync(join(tmpdir(), 'kam-calibrate-none-'));
    cpSync(join(dir, 'o.csv'), join(outside, 'o.csv'));
    const none = kam(['calibrate', '--data', 'o.csv', '--outcome', 'won', '--write'], { cwd: outside });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--write needs a kam.yaml');
  });

  it('kam --version does not load kam calibrate', () => {
    const hook = join(mkdtempSync(join(tmpdir(), 'kam-hook-')), 'hook.mjs');
    writeFileSync(hook, "export async function load(url, context, next) { if (/\\/dist\\/calibrate-/.test(url)) process.stderr.write('[calibrate loaded]\\n'); return next(url, context); }\n");
    const register = `data:text/javascript,import{register}from'node:module';register(${JSON.stringify(pathToFileURL(hook).href)})`;
    const run = (args: string[]) => spawnSync(process.execPath, ['--import', register, BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run(['--version']).stderr).not.toContain('[calibrate loaded]');
    expect(run(['calibrate', '--data', 'ties.csv', '--outcome', 'won']).stderr).toContain('[calibrate loaded]');
  });
});

describe('kam calibrate --outcome-field tier --from <rev> (plans at two git revisions)', () => {
  const git = (cwd: string, args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Kam Tester', '-c', 'user.email=kam@example.com', '-c', 'commit.gpgsign=false', ...args], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' },
    });
  const plan = (dir: string, id: string, m: number[]) =>
    writeFileSync(join(dir, 'accounts', `${id}.yaml`), `id: ${id}\nname: ${id.toUpperCase()}\nmetrics: { alpha: ${m[0]}, beta: ${m[1]}, gamma: ${m[2]}, delta: ${m[3]} }\n`);

  it('outcome 1 when the computed tier became a key tier; the others left out with notes; AUC by hand', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kam-calibrate-git-'));
    cpSync(fixture('calibrate/kam.yaml'), join(dir, 'kam.yaml'));
    mkdirSync(join(dir, 'accounts'));
    // Scores at --from (25 · Σ s): a 30, b 27.5, c 10, d 12.5 (growth); e 65 (key already); f only then.
    plan(dir, 'a', [0.9, 0.1, 0.1, 0.1]);
    plan(dir, 'b', [0.8, 0.1, 0.1, 0.1]);
    plan(dir, 'c', [0.1, 0.1, 0.1, 0.1]);
    plan(dir, 'd', [0.2, 0.1, 0.1, 0.1]);
    plan(dir, 'e', [1, 1, 0.5, 0.1]);
    plan(dir, 'f', [0.5, 0.5, 0, 0]);
    git(dir, ['init', '-q', '-b', 'main']);
    git(dir, ['add', '.']);
    git(dir, ['commit', '-q', '-m', 'then']);
    // In the working tree: a and d grew into a key tier (75 strategic, 50 key), b and c did not; f is gone, g is new.
    plan(dir, 'a', [1, 1, 1, 0]);
    plan(dir, 'd', [1, 0.5, 0.5, 0]);
    plan(dir, 'b', [0.9, 0.2, 0.1, 0.1]);
    rmSync(join(dir, 'accounts', 'f.yaml'));
    plan(dir, 'g', [1, 1, 1, 1]);
    const r = kam(['calibrate', '--outcome-field', 'tier', '--from', 'HEAD', '-f', 'json'], { cwd: dir });
    expect(r.stderr).toContain('1 account(s) only at HEAD, not at WORKTREE, left out: f');
    expect(r.stderr).toContain('1 account(s) only at WORKTREE, not at HEAD, left out: g');
    expect(r.stderr).toContain('1 account(s) already in a key tier at HEAD left out');
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out).toMatchObject({ source: 'git', data: null, outcome: 'tier', from: 'HEAD', to: 'WORKTREE', rows: 4, positives: 2 });
    // positives a 30, d 12.5 against negatives b 27.5, c 10: 1 + 1 + 0 + 1 of 4 pairs
    expect(out.auc.value).toBe(0.75);
    // the same with --to naming a commit
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '-m', 'now']);
    const again = json(kam(['calibrate', '--outcome-field', 'tier', '--from', 'HEAD~1', '--to', 'HEAD', '-f', 'json'], { cwd: dir }).stdout);
    expect(again.auc.value).toBe(0.75);
    expect(again).toMatchObject({ from: 'HEAD~1', to: 'HEAD', rows: 4 });
    // usage errors
    expect(kam(['calibrate', '--outcome-field', 'won', '--from', 'HEAD'], { cwd: dir }).stderr).toContain('unknown outcome field "won"');
    expect(kam(['calibrate', '--outcome-field', 'tier'], { cwd: dir }).stderr).toContain('--outcome-field needs --from <rev>');
    expect(kam(['calibrate', '--data', 'x.csv', '--outcome', 'won', '--from', 'HEAD'], { cwd: dir }).code).toBe(2);
    // nobody grew: undefined AUC, an error
    const none = kam(['calibrate', '--outcome-field', 'tier', '--from', 'HEAD', '--to', 'HEAD'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('the AUC is undefined');
  });
});
