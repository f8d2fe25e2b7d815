// kam init, kam new, kam import: the files they write, what they refuse, and that nothing they
// do ever destroys data or leaves the workspace (SPEC 5 and 8).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixture, json, kam, REPO } from './helpers.js';

const AS_OF = '2026-11-23';
const CSV = join(fixture('data'), 'clients-bom-crlf.csv');
const CSV_CN = join(fixture('data'), 'clients-gb18030.csv');
const MODELINE = '# yaml-language-server: $schema=../schemas/plan.schema.json';
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const STRATEGIC_SECTIONS = ['relationships', 'objectives', 'whitespace', 'competitors', 'engagements', 'actions'];
const KAM_TARBALL = `.kam/kam-${(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version}.tgz`;
const INIT_FILES = [
  '.github/workflows/kam.yml',
  '.gitignore',
  KAM_TARBALL,
  'accounts/example-telecom.yaml',
  'kam.yaml',
  'package.json',
  'schemas/config.schema.json',
  'schemas/plan.schema.json',
  'templates/minimal.yaml',
  'templates/plan.yaml',
];

/** A fresh folder `<tmp>/ws` (its parent is private too, so files escaping it can be seen). */
function workspace(setup: { git?: boolean; init?: boolean; config?: string } = {}): string {
  const ws = join(mkdtempSync(join(tmpdir(), 'kam-scaffold-')), 'ws');
  mkdirSync(ws);
  if (setup.git) execFileSync('git', ['init', '-q'], { cwd: ws });
  if (setup.config !== undefined) writeFileSync(join(ws, 'kam.yaml'), setup.config);
  if (setup.init) expect(kam(['init', '--yes'], { cwd: ws }).code).toBe(0);
  return ws;
}

/** Every file below `dir` (except .git), relative with `/`, to its bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() && !entry.isSymbolicLink()) continue;
    const rel = join(entry.parentPath, entry.name).slice(dir.length + 1).split('\\').join('/');
    if (rel === '.git' || rel.startsWith('.git/')) continue;
    files.set(rel, entry.isFile() ? readFileSync(join(dir, rel)) : Buffer.from('<symlink>'));
  }
  return files;
}

const list = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);
const readPlan = (ws: string, rel: string) => parse(readFileSync(join(ws, rel), 'utf8')) as Record<string, any>;
const plansByName = (ws: string) => Object.fromEntries(list(join(ws, 'accounts')).map((f) => { const p = readPlan(ws, `accounts/${f}`); return [p.name as string, { file: f, plan: p }]; }));

/** Findings of `kam check` that mean a plan is broken (policy findings are expected in new plans). */
function structural(ws: string): { rule: string; file: string; message: string }[] {
  const r = kam(['check', '--format', 'json', '--as-of', AS_OF], { cwd: ws });
  expect([0, 1], r.stderr).toContain(r.code);
  return json<{ findings: { rule: string; file: string; message: string }[] }>(r.stdout).findings.filter((f) => ['schema', 'yaml-syntax', 'unknown-key', 'duplicate-id'].includes(f.rule));
}

interface ScoredRow { id: string; name: string; tier: string; rank: number }
function scoreData(file: string, cwd: string, extra: string[] = []): ScoredRow[] {
  const r = kam(['score', '--data', file, '--format', 'json', ...extra], { cwd });
  expect(r.code, r.stderr).toBe(0);
  return json<{ accounts: ScoredRow[] }>(r.stdout).accounts;
}

/** A small RFC 4180 reader (quotes, "" escapes, line breaks in quotes), independent of kam's. */
function readCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  const field = /("(?:[^"]|"")*"|[^",\r\n]*)(,|\r?\n|$)/g;
  text = text.replace(/^\uFEFF/, '');
  for (let m = field.exec(text); m && m[0] !== ''; m = field.exec(text)) {
    row.push(m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replace(/""/g, '"') : m[1]!);
    if (m[2] !== ',') [rows[rows.length], row] = [row, []];
  }
  const [header, ...body] = [...rows, row].filter((r) => r.length > 0);
  return body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

/** What a plan made from a CSV row must hold (header names as kam matches them). */
function expectedFromRow(row: Record<string, string>, rename: Record<string, string> = {}) {
  const revenue: Record<string, number> = {};
  const assessment: Record<string, number> = {};
  let wallet: number | undefined;
  let name = '';
  for (const [header, value] of Object.entries(row)) {
    const key = (rename[header] ?? header).toLowerCase().replace(/[\s_-]/g, '');
    if (key === 'name') name = value;
    if (value === '') continue;
    const year = /^revenue(\d{4})$/.exec(key);
    if (year) revenue[year[1]!] = Number(value);
    else if (key === 'wallet') wallet = Number(value);
    else if (key === 'influence') assessment.influence = Number(value);
    else if (key === 'techprospects') assessment.techProspects = Number(value);
  }
  return { name, revenue, wallet, assessment };
}

describe('init → new → import, twice (the "done when" of the issue)', () => {
  it('makes a valid workspace, and running it all again changes no byte', () => {
    const ws = workspace({ git: true });
    const round = () => [
      kam(['init', '--yes'], { cwd: ws }),
      kam(['new', 'ACME Telecom', '--yes', '--tier', 'strategic', '--owner', 'Jane Doe', '--as-of', AS_OF], { cwd: ws }),
      kam(['import', CSV, '--top', '2', '--as-of', AS_OF], { cwd: ws }),
    ] as const;
    const [init1, new1, import1] = round();
    for (const r of [init1, new1, import1]) expect(r.code, r.stderr).toBe(0);
    expect(structural(ws)).toEqual([]);
    const before = snapshot(ws);
    expect([...before.keys()].sort()).toEqual([...INIT_FILES, 'accounts/acme-inc.yaml', 'accounts/acme-telecom.yaml', 'accounts/cmd.yaml'].sort());

    const [init2, new2, import2] = round();
    expect(snapshot(ws)).toEqual(before);
    expect(init2.code).toBe(0);
    for (const path of INIT_FILES) expect(init2.stdout).toMatch(new RegExp(`^kept\\s+${path.replace(/\./g, '\\.')}\\b`, 'm'));
    expect(init2.stdout).not.toMatch(/^(created|replaced)/m);
    expect(new2.code).toBe(2);
    expect(new2.stderr).toMatch(/accounts\/acme-telecom\.yaml already exists/);
    expect(import2.code).toBe(0);
    expect(import2.stdout).toMatch(/^skipped\s+accounts\/acme-inc\.yaml/m);
    expect(import2.stdout).toMatch(/^skipped\s+accounts\/cmd\.yaml/m);
    expect(import2.stdout).toMatch(/created 0 plan\(s\), skipped 2/);
  });
});

describe('kam init', () => {
  it('writes config, example plan, templates, schemas and a CI workflow that kam itself accepts', () => {
    const ws = workspace();
    const r = kam(['init', '--yes'], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    expect([...snapshot(ws).keys()].sort()).toEqual(INIT_FILES);
    expect(readFileSync(join(ws, '.github/workflows/kam.yml'), 'utf8')).toContain('kam check --format github');
    expect(readFileSync(join(ws, 'accounts/example-telecom.yaml'), 'utf8').split('\n')[0]).toBe(MODELINE);
    expect(json(readFileSync(join(ws, 'schemas/plan.schema.json'), 'utf8'))).toEqual(json(kam(['schema', 'plan']).stdout));
    expect(json(readFileSync(join(ws, 'schemas/config.schema.json'), 'utf8'))).toEqual(json(kam(['schema', 'config']).stdout));
    expect(structural(ws)).toEqual([]);
    writeFileSync(join(ws, 'accounts/second.yaml'), 'id: second\nname: Second\nmetrics: { revenue: { 2025: 1000000 } }\n');
    const score = kam(['score', '--format', 'json'], { cwd: ws });
    expect(score.code, score.stderr).toBe(0);
    expect(json(score.stdout).accounts.map((a: ScoredRow) => a.id).sort()).toEqual(['example-telecom', 'second']);
  });

  it('writes the currency and tiers given as flags', () => {
    const ws = workspace();
    expect(kam(['init', '--yes', '--currency', 'EUR', '--tiers', 'gold:70,silver:40,bronze:0'], { cwd: ws }).code).toBe(0);
    const config = parse(readFileSync(join(ws, 'kam.yaml'), 'utf8'));
    expect(config.currency).toBe('EUR');
    expect(config.tiers).toEqual([{ id: 'gold', min: 70 }, { id: 'silver', min: 40 }, { id: 'bronze', min: 0 }]);
    const score = kam(['score', '--format', 'json'], { cwd: ws });
    expect(score.code, score.stderr).toBe(0);
    expect(Object.keys(json(score.stdout).summary.tiers)).toEqual(['gold', 'silver', 'bronze']);
    expect(structural(ws)).toEqual([]);
  });

  it('without a terminal and without --yes: exit 2 naming the flags, nothing written', () => {
    const ws = workspace();
    const r = kam(['init'], { cwd: ws });
    expect(r.code).toBe(2);
    for (const flag of ['--currency', '--tiers', '--yes']) expect(r.stderr).toContain(flag);
    expect(list(ws)).toEqual([]);
  });

  it('--dry-run lists what it would create and writes nothing; a new [dir] is created', () => {
    const ws = workspace();
    const r = kam(['init', '--dry-run', '--yes'], { cwd: ws });
    expect(r.code).toBe(0);
    for (const path of INIT_FILES) expect(r.stdout).toMatch(new RegExp(`^would create\\s+${path.replace(/\./g, '\\.')}`, 'm'));
    expect(kam(['init', 'sub', '--dry-run', '--yes'], { cwd: ws }).code).toBe(0);
    expect(list(ws)).toEqual([]);
    expect(kam(['init', 'some/new/dir', '--yes'], { cwd: ws }).code).toBe(0);
    expect(list(ws)).toEqual(['some']);
    expect([...snapshot(join(ws, 'some/new/dir')).keys()].sort()).toEqual(INIT_FILES);
  });

  it('keeps an existing kam.yaml byte for byte, and replaces it only with --force', () => {
    const ws = workspace();
    const mine = '# my own config\r\nversion: 1\r\ncurrency: JPY\r\n';
    writeFileSync(join(ws, 'kam.yaml'), mine);
    const r = kam(['init', '--yes'], { cwd: ws });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^kept\s+kam\.yaml/m);
    expect(readFileSync(join(ws, 'kam.yaml'), 'utf8')).toBe(mine);
    expect(existsSync(join(ws, 'accounts/example-telecom.yaml'))).toBe(true);
    const forced = kam(['init', '--yes', '--force'], { cwd: ws });
    expect(forced.stdout).toMatch(/^replaced\s+kam\.yaml/m);
    expect(parse(readFileSync(join(ws, 'kam.yaml'), 'utf8')).currency).toBe('USD');
  });
});

describe('kam new', () => {
  it('without a terminal and without flags: exit 2 naming every missing flag, nothing written', () => {
    const ws = workspace({ init: true });
    const r = kam(['new', 'ACME Telecom'], { cwd: ws });
    expect(r.code).toBe(2);
    for (const flag of ['--tier', '--owner', '--industry', '--template']) expect(r.stderr).toContain(flag);
    expect(list(join(ws, 'accounts'))).toEqual(['example-telecom.yaml']);
  });

  it('--yes takes the lowest tier; an unknown --tier is exit 2 with a suggestion', () => {
    const ws = workspace({ init: true });
    expect(kam(['new', 'Small Co', '--yes', '--as-of', AS_OF], { cwd: ws }).code).toBe(0);
    expect(readPlan(ws, 'accounts/small-co.yaml')).toMatchObject({ id: 'small-co', name: 'Small Co', tier: 'maintain' });
    const r = kam(['new', 'Typo Co', '--yes', '--tier', 'stratgic'], { cwd: ws });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/did you mean "strategic"/);
    expect(existsSync(join(ws, 'accounts/typo-co.yaml'))).toBe(false);
  });

  it('writes the sections the tier requires, after the schema modeline', () => {
    const ws = workspace({ init: true });
    const strategic = kam(['new', 'ACME Telecom', '--tier', 'strategic', '--owner', 'Jane Doe', '--industry', 'Telecom', '--template', 'plan', '--as-of', AS_OF], { cwd: ws });
    expect(strategic.code, strategic.stderr).toBe(0);
    const maintain = kam(['new', 'Quiet Co', '--yes', '--tier', 'maintain', '--as-of', AS_OF], { cwd: ws });
    expect(maintain.code, maintain.stderr).toBe(0);
    const text = readFileSync(join(ws, 'accounts/acme-telecom.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe(MODELINE);
    const plan = parse(text);
    expect(plan).toMatchObject({ id: 'acme-telecom', name: 'ACME Telecom', tier: 'strategic', owner: 'Jane Doe', industry: 'Telecom' });
    for (const section of STRATEGIC_SECTIONS) expect(plan[section], section).toEqual(expect.arrayContaining([expect.anything()]));
    const quiet = readFileSync(join(ws, 'accounts/quiet-co.yaml'), 'utf8');
    expect(quiet.split('\n')[0]).toBe(MODELINE);
    for (const section of STRATEGIC_SECTIONS) expect(parse(quiet), section).not.toHaveProperty(section);
    expect(structural(ws)).toEqual([]);
  });

  it('--dry-run prints the plan and writes nothing', () => {
    const ws = workspace({ init: true });
    const r = kam(['new', 'ACME Telecom', '--yes', '--tier', 'key', '--dry-run', '--as-of', AS_OF], { cwd: ws });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(MODELINE);
    expect(parse(r.stdout)).toMatchObject({ id: 'acme-telecom', name: 'ACME Telecom', tier: 'key' });
    expect(list(join(ws, 'accounts'))).toEqual(['example-telecom.yaml']);
  });

  it('never overwrites without --force; --force replaces', () => {
    const ws = workspace({ init: true });
    const mine = 'id: acme-telecom\nname: ACME Telecom\nregion: mine\n';
    writeFileSync(join(ws, 'accounts/acme-telecom.yaml'), mine);
    expect(kam(['new', 'ACME Telecom', '--yes', '--tier', 'key'], { cwd: ws }).code).toBe(2);
    expect(readFileSync(join(ws, 'accounts/acme-telecom.yaml'), 'utf8')).toBe(mine);
    const r = kam(['new', 'ACME Telecom', '--yes', '--tier', 'key', '--force', '--as-of', AS_OF], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    expect(readPlan(ws, 'accounts/acme-telecom.yaml')).toMatchObject({ tier: 'key' });
    expect(readPlan(ws, 'accounts/acme-telecom.yaml')).not.toHaveProperty('region');
  });

  it('--id sets the id (and the file name); an invalid --id is exit 2', () => {
    const ws = workspace({ init: true });
    expect(kam(['new', 'ACME Telecom', '--yes', '--id', 'acme-hq', '--as-of', AS_OF], { cwd: ws }).code).toBe(0);
    expect(readPlan(ws, 'accounts/acme-hq.yaml')).toMatchObject({ id: 'acme-hq', name: 'ACME Telecom' });
    const r = kam(['new', 'Other', '--yes', '--id', 'Bad_ID'], { cwd: ws });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--id');
    expect(list(join(ws, 'accounts'))).toEqual(['acme-hq.yaml', 'example-telecom.yaml']);
  });
});

describe('kam new with hostile and Unicode names', () => {
  it('writes every file directly inside accounts/, with a safe name, and nothing anywhere else', () => {
    const ws = workspace({ init: true });
    const parent = join(ws, '..');
    const before = snapshot(parent);
    const names = ['../../x', 'a/b', '/etc/passwd', '..', 'con', '..\\..\\win', '!!!', 'NUL', 'x\u202Ey.exe'];
    for (const name of names) {
      const r = kam(['new', name, '--yes', '--as-of', AS_OF], { cwd: ws });
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
    }
    const after = snapshot(parent);
    const added = [...after.keys()].filter((f) => !before.has(f)).sort();
    expect(added).toHaveLength(names.length);
    for (const file of added) {
      expect(file).toMatch(/^ws\/accounts\/[^/]+\.yaml$/);
      const stem = file.slice('ws/accounts/'.length, -'.yaml'.length);
      expect(stem, file).toMatch(/^[\p{L}\p{N}][\p{L}\p{N}-]*$/u);
      expect(stem.toLowerCase(), `${file}: a Windows device name`).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/);
    }
    expect([...before].filter(([f, bytes]) => !after.get(f)?.equals(bytes)).map(([f]) => f)).toEqual([]);
    expect(structural(ws)).toEqual([]);
  });

  it('names the plan of a Han name after its pinyin id, one per name; punctuation still names a file', () => {
    const ws = workspace({ config: 'version: 1\n' });
    for (const name of ['中国移动', '中国联通', '!!!']) expect(kam(['new', name, '--yes', '--as-of', AS_OF], { cwd: ws }).code).toBe(0);
    const plans = plansByName(ws);
    expect(plans['中国移动']!.file).toBe('zhong-guo-yi-dong.yaml');
    expect(plans['中国联通']!.file).toBe('zhong-guo-lian-tong.yaml');
    expect(plans['!!!']!.file).toMatch(/^[^.][^/]*\.yaml$/);
    for (const { plan } of Object.values(plans)) expect(plan.id).toMatch(ID);
    expect(new Set(Object.values(plans).map((p) => p.plan.id)).size).toBe(3);
    expect(structural(ws)).toEqual([]);
  });

  it('refuses to write through an accounts/ symlink that leaves the workspace', () => {
    const ws = workspace({ config: 'version: 1\n' });
    const outside = join(ws, '..', 'outside');
    mkdirSync(outside);
    symlinkSync(outside, join(ws, 'accounts'), 'dir');
    const r = kam(['new', 'X', '--yes'], { cwd: ws });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/outside the workspace/);
    expect(readdirSync(outside)).toEqual([]);
  });
  it('a file where a folder must go is a clear error (exit 2), not an internal one, and is kept', () => {
    const ws = workspace({ config: 'version: 1\n' });
    writeFileSync(join(ws, 'accounts'), 'a file, not a folder\n');
    const r = kam(['new', 'X', '--yes'], { cwd: ws });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('accounts');
    expect(r.stderr).not.toMatch(/internal error/);
    const init = kam(['init', 'accounts', '--yes'], { cwd: ws });
    expect(init.code).toBe(2);
    expect(init.stderr).not.toMatch(/internal error/);
    expect(readFileSync(join(ws, 'accounts'), 'utf8')).toBe('a file, not a folder\n');
  });
});

describe('kam new with templates', () => {
  const template = (ws: string, name: string, text: string) => {
    mkdirSync(join(ws, 'templates'), { recursive: true });
    writeFileSync(join(ws, 'templates', `${name}.yaml`), text);
  };

  it('uses a workspace template by name, and a workspace plan.yaml over the built-in one', () => {
    const ws = workspace({ config: 'version: 1\n' });
    template(ws, 'custom', 'id: {{id}}\nname: {{name}}\nregion: From-Custom\nindustry: {{industry}}\n');
    const r = kam(['new', 'Foo Corp', '--yes', '--template', 'custom', '--industry', 'Mining'], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    expect(readPlan(ws, 'accounts/foo-corp.yaml')).toEqual({ id: 'foo-corp', name: 'Foo Corp', region: 'From-Custom', industry: 'Mining' });
    expect(kam(['new', 'Built In', '--yes'], { cwd: ws }).code).toBe(0);
    expect(readFileSync(join(ws, 'accounts/built-in.yaml'), 'utf8').split('\n')[0]).toBe(MODELINE);
    template(ws, 'plan', 'id: {{id}}\nname: {{name}}\nregion: From-Workspace\n');
    expect(kam(['new', 'Bar Corp', '--yes'], { cwd: ws }).code).toBe(0);
    expect(readPlan(ws, 'accounts/bar-corp.yaml')).toEqual({ id: 'bar-corp', name: 'Bar Corp', region: 'From-Workspace' });
  });

  it.each([
    ['placeholder', 'id: {{id}}\nname: {{name}}\nindustry: {{nope}}\n', 'templates/placeholder.yaml:3:11', /nope/],
    ['colon', 'id: {{id}}\nname: {{name}}: x\n', 'templates/colon.yaml:2:', /invalid YAML/],
    // lines of a block left out ({{#if owner}} without an owner) must not shift the line reported
    ['indent', 'id: {{id}}\nname: {{name}}\n{{#if owner}}\nowner: {{owner}}\n{{/if}}\nmetrics:\n  revenue: { 2024: 1 }\n wallet: 3\n', 'templates/indent.yaml:8:', /invalid YAML/],
    ['unknown', 'id: {{id}}\n{{#if owner}}\nowner: {{owner}}\n{{/if}}\nname: {{name}}\nbogus: 1\n', 'templates/unknown.yaml:6:', /bogus/],
  ])('a broken template (%s) is exit 2 at its line and column, nothing written', (name, text, where, why) => {
    const ws = workspace({ config: 'version: 1\n' });
    template(ws, name, text);
    const r = kam(['new', 'ACME Telecom', '--yes', '--template', name], { cwd: ws });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(where);
    expect(r.stderr).toMatch(why);
    expect(list(join(ws, 'accounts'))).toEqual([]);
  });

  it('--template nosuch is exit 2 listing the templates', () => {
    const ws = workspace({ config: 'version: 1\n' });
    template(ws, 'custom', 'id: {{id}}\nname: {{name}}\n');
    const r = kam(['new', 'ACME Telecom', '--yes', '--template', 'nosuch'], { cwd: ws });
    expect(r.code).toBe(2);
    for (const t of ['custom', 'minimal', 'plan']) expect(r.stderr).toContain(t);
    expect(list(join(ws, 'accounts'))).toEqual([]);
  });
});

describe('kam import', () => {
  const rows = readCsv(readFileSync(CSV, 'utf8'));


  it('--top 2 makes the two best rows plans, with their data and computed tier', () => {
    const ws = workspace({ config: 'version: 1\n' });
    const r = kam(['import', CSV, '--top', '2', '--as-of', AS_OF], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    const top = scoreData(CSV, ws).slice(0, 2);
    const plans = plansByName(ws);
    expect(Object.keys(plans).sort()).toEqual(top.map((a) => a.name).sort());
    for (const scored of top) {
      const want = expectedFromRow(rows.find((row) => row.Name === scored.name)!);
      const { plan } = plans[scored.name]!;
      expect(plan.tier, scored.name).toBe(scored.tier);
      expect(plan.metrics?.revenue, scored.name).toEqual(want.revenue);
      expect(plan.metrics?.wallet, scored.name).toEqual(want.wallet);
      expect(plan.assessment, scored.name).toEqual(want.assessment);
    }
    expect(structural(ws)).toEqual([]);
  });

  it.each(['growth', 'maintain'])('--tier %s selects the rows by computed tier', (tier) => {
    const ws = workspace({ config: 'version: 1\n' });
    const r = kam(['import', CSV, '--tier', tier, '--as-of', AS_OF], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    const wanted = scoreData(CSV, ws).filter((a) => a.tier === tier).map((a) => a.name).sort();
    expect(wanted.length).toBeGreaterThan(0);
    const plans = plansByName(ws);
    expect(Object.keys(plans).sort()).toEqual(wanted);
    for (const { plan } of Object.values(plans)) expect(plan.tier).toBe(tier);
    expect(structural(ws)).toEqual([]);
  });

  it('reads a GB18030 export with mapped Chinese headers into plans named after their pinyin ids', () => {
    const pinyin: Record<string, string> = { 中国移动: 'zhong-guo-yi-dong', 华为技术: 'hua-wei-ji-shu', 中国联通: 'zhong-guo-lian-tong' };
    const ws = workspace();
    copyFileSync(join(fixture('data'), 'kam-cn.yaml'), join(ws, 'kam.yaml'));
    const r = kam(['import', CSV_CN, '--encoding', 'gb18030', '--top', '3', '--as-of', AS_OF], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    const cnRows = readCsv(new TextDecoder('gb18030').decode(readFileSync(CSV_CN)));
    const rename = parse(readFileSync(join(ws, 'kam.yaml'), 'utf8')).data.columns as Record<string, string>;
    const expected = cnRows.map((row) => expectedFromRow(row, rename));
    expect(list(join(ws, 'accounts'))).toEqual(expected.map((e) => `${pinyin[e.name]}.yaml`).sort());
    const tiers = Object.fromEntries(scoreData(CSV_CN, ws, ['--encoding', 'gb18030']).map((a) => [a.name, a.tier]));
    const ids = new Set<string>();
    for (const want of expected) {
      const plan = readPlan(ws, `accounts/${pinyin[want.name]}.yaml`);
      expect(plan).toMatchObject({ id: pinyin[want.name], name: want.name, tier: tiers[want.name] });
      expect(plan.id).toMatch(ID);
      ids.add(plan.id);
      expect(plan.metrics?.revenue).toEqual(want.revenue);
      expect(plan.assessment).toEqual(want.assessment);
    }
    expect(ids.size).toBe(expected.length);
    expect(structural(ws)).toEqual([]);
  });

  it('writes nothing without --top/--tier (exit 2) or with --dry-run (which shows the plans)', () => {
    const ws = workspace({ config: 'version: 1\n' });
    const none = kam(['import', CSV], { cwd: ws });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--top.*--tier/);
    const r = kam(['import', CSV, '--top', '2', '--dry-run', '--as-of', AS_OF], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^would create\s+accounts\/acme-inc\.yaml/m);
    expect(r.stdout).toContain('name: "Acme, Inc."');
    expect(list(ws)).toEqual(['kam.yaml']);
  });

  it('leaves an existing plan byte for byte and reports it skipped', () => {
    const ws = workspace({ config: 'version: 1\n' });
    mkdirSync(join(ws, 'accounts'));
    const mine = '# ours, hand-written\nid: acme-inc\nname: Acme (ours)\ntier: key\n';
    writeFileSync(join(ws, 'accounts/acme-inc.yaml'), mine);
    const r = kam(['import', CSV, '--top', '2', '--as-of', AS_OF], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^skipped\s+accounts\/acme-inc\.yaml/m);
    expect(readFileSync(join(ws, 'accounts/acme-inc.yaml'), 'utf8')).toBe(mine);
    expect(list(join(ws, 'accounts'))).toEqual(['acme-inc.yaml', 'cmd.yaml']);
  });

  it('does not add a second plan for an account that already has one under another file name', () => {
    const ws = workspace({ config: 'version: 1\nplans: accounts/**/*.yaml\n' });
    mkdirSync(join(ws, 'accounts/emea'), { recursive: true });
    const mine = 'id: acme-inc\nname: "Acme, Inc."\nregion: EMEA\n';
    writeFileSync(join(ws, 'accounts/emea/acme-inc.yaml'), mine);
    const r = kam(['import', CSV, '--top', '2', '--as-of', AS_OF], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(ws, 'accounts/emea/acme-inc.yaml'), 'utf8')).toBe(mine);
    expect(r.stdout).toMatch(/^skipped\b.*acme-inc/m);
    expect(structural(ws)).toEqual([]); // no duplicate-id: the import must not break kam check
  });
});
