// End-to-end tests of the git features: `--ref` on score/check/gaps, `kam diff` and `kam history`.
// Every repository is built here, with fixed commit dates, from the example workspace.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, json, kam } from './helpers.js';

const AS_OF = ['--as-of', '2026-11-23'];
const EXAMPLES = join(REPO, 'examples');
const scratch = mkdtempSync(join(tmpdir(), 'kam-git-e2e-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------
// Helpers: git without a shell, repositories with fixed dates, kam JSON documents.

/** git with the user's global and system config left out (no signing, hooks or aliases). */
function git(cwd: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', ...env },
  });
}

class TestRepo {
  private commits = 0;
  private constructor(
    readonly dir: string,
    /** The workspace folder (holds kam.yaml). */
    readonly ws: string,
  ) {}

  /** A new git repository holding a copy of examples/ (in `sub` when given); nothing committed yet. */
  static create(name: string, sub = ''): TestRepo {
    const dir = join(scratch, name);
    const ws = join(dir, sub);
    mkdirSync(ws, { recursive: true });
    cpSync(join(EXAMPLES, 'kam.yaml'), join(ws, 'kam.yaml'));
    cpSync(join(EXAMPLES, 'accounts'), join(ws, 'accounts'), { recursive: true });
    git(dir, ['init', '-q', '-b', 'main']);
    git(dir, ['config', 'user.name', 'Kam Tester']);
    git(dir, ['config', 'user.email', 'kam@example.com']);
    return new TestRepo(dir, ws);
  }

  read(rel: string): string {
    return readFileSync(join(this.ws, rel), 'utf8');
  }
  write(rel: string, text: string): void {
    mkdirSync(dirname(join(this.ws, rel)), { recursive: true });
    writeFileSync(join(this.ws, rel), text);
  }
  /** Replaces text that must be there (so a change to examples/ fails loudly here). */
  edit(rel: string, from: string, to: string): void {
    const text = this.read(rel);
    if (!text.includes(from)) throw new Error(`${rel} does not contain ${JSON.stringify(from)}`);
    this.write(rel, text.replace(from, to));
  }
  rename = (from: string, to: string) => renameSync(join(this.ws, from), join(this.ws, to));
  remove = (rel: string) => rmSync(join(this.ws, rel));
  /** Commits everything; the n-th commit is dated 2026-03-0n 10:00 UTC. Returns the sha. */
  commit(subject: string): string {
    this.commits += 1;
    const date = `2026-03-${String(this.commits).padStart(2, '0')}T10:00:00Z`;
    git(this.dir, ['add', '-A']);
    git(this.dir, ['commit', '-q', '-m', subject], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
    return git(this.dir, ['rev-parse', 'HEAD']).trim();
  }
  status = () => git(this.dir, ['status', '--porcelain']);
}

interface ScoreDoc {
  accounts: { id: string; name: string; score: number; tier: string | null; criteria: { id: string; score: number | null; weight: number }[] }[];
}
type ScoreTier = { score: number; tier: string | null };
type Finding = { rule: string; severity: string; account?: string; file: string; line: number; message: string };
interface DiffDoc {
  schema: string;
  base: string;
  head: string;
  configChanged: boolean;
  accounts: { id: string; change: string; before: ScoreTier | null; after: ScoreTier | null }[];
  findings: { opened: Finding[]; closed: Finding[] };
}
interface HistoryDoc {
  schema: string;
  commits: { commit: string; date: string; subject: string; configChanged: boolean; accounts: Record<string, ScoreTier> }[];
}

/** Runs kam, expects exit 0, returns stdout. */
function ok(args: string[], cwd: string): string {
  const r = kam(args, { cwd });
  expect(r.code, `kam ${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r.stdout;
}
const memo = new Map<string, string>();
/** `score --ref <rev> --format json`, run once per directory and revision. */
function scoreAt(cwd: string, rev: string, pre: string[] = []): ScoreDoc {
  const args = [...pre, 'score', '--ref', rev, '--format', 'json', ...AS_OF];
  const id = `${cwd}\0${args.join('\0')}`;
  if (!memo.has(id)) memo.set(id, ok(args, cwd));
  return json<ScoreDoc>(memo.get(id)!);
}
const findingsAt = (cwd: string, rev: string) => json<{ findings: Finding[] }>(ok(['check', '--ref', rev, '--format', 'json', ...AS_OF], cwd)).findings;
const diffOf = (cwd: string, revs: string[]) => json<DiffDoc>(ok(['diff', ...revs, '--format', 'json', ...AS_OF], cwd));
/** id → { score, tier }, the shape of kam.history/v1 accounts. */
const scoreMap = (doc: ScoreDoc) => Object.fromEntries(doc.accounts.map((a) => [a.id, { score: a.score, tier: a.tier }]));
/** A finding's identity across revisions (SPEC: rule, account, message; lines may move). */
const key = (f: Finding) => `${f.rule}|${f.account ?? f.file}|${f.message}`;
/** Keys of `a` not in `b`, as multisets, sorted. */
function minus(a: Finding[], b: Finding[]): string[] {
  const rest = b.map(key);
  const out: string[] = [];
  for (const k of a.map(key)) {
    const i = rest.indexOf(k);
    if (i >= 0) rest.splice(i, 1);
    else out.push(k);
  }
  return out.sort();
}

// ---------------------------------------------------------------------------------------------
// The main repository: six commits, one of them README-only.

const ZENITH = `id: zenith-labs
name: Zenith Labs
metrics:
  revenue: { 2025: 50000 }
assessment:
  influence: 2
actions:
  - { what: Book an intro call, due: 2026-12-15, status: open }
`;

let A: TestRepo;
const c: Record<'initial' | 'reassess' | 'readme' | 'comment' | 'weight' | 'portfolio', string> = {} as never;

beforeAll(() => {
  A = TestRepo.create('main');
  c.initial = A.commit('Initial workspace');
  A.edit('accounts/nordic-power.yaml', '  influence: 3\n', '  influence: 4\n');
  c.reassess = A.commit('Reassess Nordic Power');
  A.write('README.md', '# Our key accounts\n');
  c.readme = A.commit('Update README');
  A.edit('kam.yaml', 'version: 1                  # format version of this file', '# Reviewed by the KAM board.\nversion: 1   # format version');
  c.comment = A.commit('Comment the model');
  A.edit('kam.yaml', 'weight: 20, input: assessment.techProspects', 'weight: 40, input: assessment.techProspects');
  c.weight = A.commit('Weigh tech prospects more');
  A.edit('accounts/nordic-power.yaml', '  influence: 4\n  techProspects: 3\n', '  influence: 0\n  techProspects: 0\n'); // (a) tier drops
  A.write('accounts/zenith-labs.yaml', ZENITH); // (b) added
  A.remove('accounts/harbor-logistics.yaml'); // (c) removed
  A.rename('accounts/china-mobile-gd.yaml', 'accounts/中国移动广东.yaml'); // (d) renamed, same id
  A.edit('accounts/metro-hospital.yaml', 'id: metro-hospital\n', '# Owner since 2024: Priya Nair\nid: metro-hospital\n'); // (e) comment only
  c.portfolio = A.commit('Portfolio changes: add Zenith, drop Harbor');
});

describe('--ref reads plans and kam.yaml from git', () => {
  it('score, check and gaps --ref <rev> print exactly what the command prints in a checkout of <rev>', () => {
    const clone = join(scratch, 'clone');
    git(scratch, ['clone', '-q', A.dir, clone]);
    const cases = [
      { ref: 'HEAD~1', sha: c.weight, commands: [['score'], ['check'], ['gaps']] },
      // Deleted, added and renamed (CJK file name) plans; file arguments match that revision's tree.
      { ref: 'main', sha: c.portfolio, commands: [['score'], ['check', 'accounts/中国移动广东.yaml', 'accounts/zenith-labs.yaml']] },
    ];
    for (const { ref, sha, commands } of cases) {
      git(clone, ['checkout', '-q', '--detach', sha]);
      for (const command of commands) {
        const viaRef = kam([...command, '--ref', ref, '--format', 'json', ...AS_OF], { cwd: A.dir });
        const checkout = kam([...command, '--format', 'json', ...AS_OF], { cwd: clone });
        expect(checkout.code, checkout.stderr).toBe(0);
        expect({ code: viaRef.code, stdout: viaRef.stdout }, `${command.join(' ')} --ref ${ref}: ${viaRef.stderr}`).toEqual({ code: checkout.code, stdout: checkout.stdout });
      }
    }
    // The revisions really differ, so the comparison above could tell them apart.
    expect(scoreAt(A.dir, c.weight)).not.toEqual(scoreAt(A.dir, c.portfolio));
  });

  it('--ref of a subfolder finds kam.yaml above it, like the working tree does', () => {
    expect(ok(['-C', 'accounts', 'score', '--ref', c.reassess, '--format', 'json'], A.dir)).toBe(ok(['score', '--ref', c.reassess, '--format', 'json'], A.dir));
  });

  it('uses kam.yaml as of the revision: a weight change rescores every account', () => {
    const before = scoreAt(A.dir, c.comment);
    const after = scoreAt(A.dir, c.weight);
    const weights = (doc: ScoreDoc) => Object.fromEntries(doc.accounts[0]!.criteria.map((k) => [k.id, k.weight]));
    expect(weights(before)).toEqual({ revenue: 35, cumulativeVolume: 25, influence: 20, techProspects: 20 });
    expect(weights(after)).toEqual({ revenue: 35, cumulativeVolume: 25, influence: 20, techProspects: 40 });
    const newWeights = weights(after);
    for (const old of before.accounts) {
      const expected = (100 * old.criteria.reduce((sum, k) => sum + newWeights[k.id]! * (k.score ?? 0), 0)) / 120;
      expect(after.accounts.find((a) => a.id === old.id)!.score, old.id).toBeCloseTo(expected, 9);
    }
    expect(scoreMap(after)['china-mobile-gd']!.score).toBeGreaterThan(scoreMap(before)['china-mobile-gd']!.score + 1);
  });
});

describe('--ref and diff against a dirty working tree', () => {
  let B: TestRepo;
  let base: string;
  beforeAll(() => {
    B = TestRepo.create('dirty');
    base = B.commit('Initial workspace');
    B.edit('accounts/nordic-power.yaml', '  influence: 3\n', '  influence: 0\n'); // uncommitted
  });

  it('never touches the working tree or the index', () => {
    const status = B.status();
    const nordic = B.read('accounts/nordic-power.yaml');
    expect(status).toBe(' M accounts/nordic-power.yaml\n');
    scoreAt(B.dir, 'HEAD');
    ok(['check', '--ref', 'HEAD', ...AS_OF], B.dir);
    ok(['diff', 'HEAD', ...AS_OF], B.dir);
    ok(['history'], B.dir);
    expect(B.status()).toBe(status);
    expect(B.read('accounts/nordic-power.yaml')).toBe(nordic);
  });

  it('--ref HEAD reads the committed plan, not the edited file', () => {
    expect(scoreMap(scoreAt(B.dir, 'HEAD'))['nordic-power']!.tier).toBe('key');
    const worktree = json<ScoreDoc>(ok(['score', '--format', 'json'], B.dir));
    expect(scoreMap(worktree)['nordic-power']!.tier).toBe('growth');
  });

  it('diff <base> compares with the working tree, shown as WORKTREE', () => {
    const doc = diffOf(B.dir, ['HEAD']);
    expect(doc).toMatchObject({ schema: 'kam.diff/v1', base, head: 'WORKTREE', configChanged: false });
    expect(doc.accounts.map((a) => [a.id, a.change, a.before?.tier, a.after?.tier])).toEqual([['nordic-power', 'changed', 'key', 'growth']]);
    expect(doc.findings.opened.map((f) => [f.rule, f.account])).toContainEqual(['tier-mismatch', 'nordic-power']);
  });
});

describe('hostile and impossible revisions', () => {
  const trap = (name: string) => join(scratch, `pwned-${name}`);

  const hostile = [
    ['score', '--ref', '-x'],
    ['check', '--ref', '-x'],
    ['gaps', '--ref=-x'],
    ['score', '--ref', `--output=${trap('output')}`],
    ['check', '--ref', `--upload-pack=touch ${trap('upload')}`],
    ['history', '--ref', `--output=${trap('history')}`], // git log would write that file
    ['diff', '-x'],
    ['diff', '--', `--output=${trap('diff')}`],
  ];
  it.each(hostile.map((args) => [args.join(' '), args] as const))('kam %s is refused with exit 2', (_title, args) => {
    const r = kam([...args, ...AS_OF], { cwd: A.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\S/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.stdout).toBe('');
    for (const name of ['output', 'upload', 'history', 'diff']) expect(existsSync(trap(name)), name).toBe(false);
  });

  it('an unknown revision exits 2 and says so', () => {
    for (const args of [['score', '--ref', 'nosuch'], ['diff', 'HEAD', 'nosuch']]) {
      const r = kam(args, { cwd: A.dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/unknown revision.*nosuch/);
    }
  });

  it('a revision is never run through a shell', () => {
    const r = kam(['check', '--ref', `HEAD;touch ${trap('shell')}`], { cwd: A.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/revision/);
    expect(existsSync(trap('shell'))).toBe(false);
  });

  it('outside a git repository, --ref and history exit 2 and mention git', () => {
    const plain = join(scratch, 'plain');
    cpSync(EXAMPLES, plain, { recursive: true });
    const env = { GIT_CEILING_DIRECTORIES: scratch };
    expect(kam(['check', ...AS_OF], { cwd: plain, env }).code).toBe(0); // the workspace itself is fine
    for (const args of [['check', '--ref', 'HEAD'], ['history']]) {
      const r = kam(args, { cwd: plain, env });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/git/);
    }
  });

  it('a shallow clone that lacks the revision exits 2 and mentions shallow', () => {
    const shallow = join(scratch, 'shallow');
    git(scratch, ['clone', '-q', '--depth', '1', `file://${A.dir}`, shallow]);
    expect(kam(['score', '--ref', 'HEAD'], { cwd: shallow }).code).toBe(0);
    const r = kam(['score', '--ref', 'HEAD~1'], { cwd: shallow });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/shallow/i);
  });
});

describe('kam diff between two revisions', () => {
  let doc: DiffDoc;
  beforeAll(() => {
    doc = diffOf(A.dir, ['HEAD~1', 'HEAD']);
  });

  it('lists exactly the added, removed and re-tiered accounts (not renamed or comment-only plans)', () => {
    expect(doc).toMatchObject({ schema: 'kam.diff/v1', base: c.weight, head: c.portfolio, configChanged: false });
    expect(doc.accounts.map((a) => [a.id, a.change])).toEqual([
      ['harbor-logistics', 'removed'],
      ['nordic-power', 'changed'],
      ['zenith-labs', 'added'],
    ]);
  });

  it('before and after are the scores and tiers of score --ref on each side', () => {
    const before = scoreMap(scoreAt(A.dir, c.weight));
    const after = scoreMap(scoreAt(A.dir, c.portfolio));
    const byId = Object.fromEntries(doc.accounts.map((a) => [a.id, a]));
    expect(byId['nordic-power']).toMatchObject({ before: before['nordic-power'], after: after['nordic-power'] });
    expect(byId['nordic-power']!.before!.tier).not.toBe(byId['nordic-power']!.after!.tier);
    expect(byId['zenith-labs']).toMatchObject({ before: null, after: after['zenith-labs'] });
    expect(byId['harbor-logistics']).toMatchObject({ before: before['harbor-logistics'], after: null });
  });

  it('findings opened and closed are the difference of check --ref on each side', () => {
    const before = findingsAt(A.dir, 'HEAD~1');
    const after = findingsAt(A.dir, 'HEAD');
    expect(doc.findings.opened.map(key).sort()).toEqual(minus(after, before));
    expect(doc.findings.closed.map(key).sort()).toEqual(minus(before, after));
    const rules = (list: Finding[], id: string) => list.filter((f) => f.account === id).map((f) => f.rule);
    expect(rules(doc.findings.opened, 'nordic-power')).toContain('tier-mismatch');
    expect(rules(doc.findings.opened, 'zenith-labs')).toEqual(expect.arrayContaining(['missing-criterion-data', 'action-without-owner']));
    expect(rules(doc.findings.closed, 'harbor-logistics')).toEqual(expect.arrayContaining(['tier-mismatch', 'overdue-action']));
    // The renamed plan and the comment-only edit (whose lines moved) open and close nothing.
    const all = [...doc.findings.opened, ...doc.findings.closed];
    expect(all.filter((f) => f.account === 'china-mobile-gd' || f.account === 'metro-hospital')).toEqual([]);
  });

  it('configChanged is true only when the model changed, not for a comment in kam.yaml', () => {
    const comment = diffOf(A.dir, [c.readme, c.comment]);
    expect(comment.configChanged).toBe(false);
    expect(comment.accounts).toEqual([]);
    const weight = diffOf(A.dir, [c.comment, c.weight]);
    expect(weight.configChanged).toBe(true);
    expect(weight.accounts.length).toBeGreaterThan(0);
    expect(weight.accounts.every((a) => a.change === 'changed')).toBe(true);
  });

  it('--format markdown starts with a headline and has a table row; --format table works', () => {
    const md = ok(['diff', 'HEAD~1', 'HEAD', '--format', 'markdown', ...AS_OF], A.dir);
    expect(md.split('\n')[0]).toMatch(/^### kam: 1 account changes tier\b/);
    expect(md).toMatch(/^\| Nordic Power Grid \| changed \|/m);
    const table = ok(['diff', 'HEAD~1', 'HEAD', ...AS_OF], A.dir);
    expect(table).toContain('Nordic Power Grid');
    expect(table).toContain('Zenith Labs');
  });
});

describe('kam history', () => {
  let doc: HistoryDoc;
  beforeAll(() => {
    doc = json<HistoryDoc>(ok(['history', '--format', 'json'], A.dir));
  });

  it('lists the commits that touched plans or kam.yaml, oldest first, with their UTC dates', () => {
    expect(doc.schema).toBe('kam.history/v1');
    expect(doc.commits.map((p) => [p.commit, p.date, p.subject, p.configChanged])).toEqual([
      [c.initial, '2026-03-01T10:00:00Z', 'Initial workspace', false],
      [c.reassess, '2026-03-02T10:00:00Z', 'Reassess Nordic Power', false],
      [c.comment, '2026-03-04T10:00:00Z', 'Comment the model', false],
      [c.weight, '2026-03-05T10:00:00Z', 'Weigh tech prospects more', true],
      [c.portfolio, '2026-03-06T10:00:00Z', 'Portfolio changes: add Zenith, drop Harbor', false],
    ]);
  });

  it('scores every commit as score --ref of that commit would', () => {
    for (const point of doc.commits) expect(point.accounts, point.subject).toEqual(scoreMap(scoreAt(A.dir, point.commit)));
    const last = doc.commits.at(-1)!.accounts;
    expect(Object.keys(last).sort()).toEqual(['acme-telecom', 'china-mobile-gd', 'metro-hospital', 'nordic-power', 'pinecrest-school', 'zenith-labs']);
  });

  it('history <id> lists only that account', () => {
    const one = json<HistoryDoc>(ok(['history', 'nordic-power', '--format', 'json'], A.dir));
    expect(one.commits.length).toBeGreaterThanOrEqual(3);
    for (const point of one.commits) {
      expect(Object.keys(point.accounts)).toEqual(['nordic-power']);
      const full = doc.commits.find((p) => p.commit === point.commit)!;
      expect(point.accounts['nordic-power']).toEqual(full.accounts['nordic-power']);
    }
    const tiers = one.commits.map((p) => p.accounts['nordic-power']!.tier);
    expect(tiers[0]).toBe('key');
    expect(tiers.at(-1)).toBe(doc.commits.at(-1)!.accounts['nordic-power']!.tier);
    expect(tiers.at(-1)).not.toBe('key');
  });

  it('--format csv is long form with the documented header', () => {
    const lines = ok(['history', '--format', 'csv'], A.dir).trimEnd().split(/\r?\n/);
    expect(lines[0]).toBe('commit,date,subject,configChanged,account,score,tier');
    expect(lines.length - 1).toBe(doc.commits.reduce((n, p) => n + Object.keys(p.accounts).length, 0));
    const nordic = doc.commits[0]!.accounts['nordic-power']!;
    expect(lines).toContain(`${c.initial},2026-03-01T10:00:00Z,Initial workspace,false,nordic-power,${nordic.score},key`);
    expect(lines.find((l) => l.startsWith(`${c.portfolio},`))).toContain(',"Portfolio changes: add Zenith, drop Harbor",');
  });

  it('history <id> of an account added later starts at the commit that added it', () => {
    const zenith = json<HistoryDoc>(ok(['history', 'zenith-labs', '--format', 'json'], A.dir));
    expect(zenith.commits.map((p) => [p.commit, Object.keys(p.accounts)])).toEqual([[c.portfolio, ['zenith-labs']]]);
  });

  it('history of an id that never existed exits 2, even across a model change', () => {
    const r = kam(['history', 'nosuchid'], { cwd: A.dir });
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
    expect(r.stderr).toContain('nosuchid');
  });

  it('follows plans that moved to another folder (the plans glob of kam.yaml changed)', () => {
    const D = TestRepo.create('moved');
    D.rename('accounts', 'plans');
    D.edit('kam.yaml', 'plans: accounts/*.yaml', 'plans: plans/*.yaml');
    D.commit('Plans in plans/');
    D.rename('plans', 'accounts');
    D.edit('kam.yaml', 'plans: plans/*.yaml', 'plans: accounts/*.yaml');
    D.commit('Plans in accounts/');
    const moved = json<HistoryDoc>(ok(['history', '--format', 'json'], D.dir));
    expect(moved.commits).toHaveLength(2);
    for (const point of moved.commits) expect(point.accounts, point.subject).toEqual(scoreMap(scoreAt(D.dir, point.commit)));
  });

  it('the table names the accounts; --ref sets the last revision', () => {
    const table = ok(['history'], A.dir);
    for (const name of ['Nordic Power Grid', 'Zenith Labs', '中国移动广东公司', 'Harbor Logistics']) expect(table).toContain(name);
    const upTo = json<HistoryDoc>(ok(['history', '--ref', c.reassess, '--format', 'json'], A.dir));
    expect(upTo.commits.map((p) => p.commit)).toEqual([c.initial, c.reassess]);
  });
});

describe('a workspace in a subfolder of the repository', () => {
  let C: TestRepo;
  const shas: string[] = [];
  beforeAll(() => {
    C = TestRepo.create('nested', 'sub');
    writeFileSync(join(C.dir, 'README.md'), '# not kam\n');
    shas.push(C.commit('Initial workspace'));
    C.edit('accounts/nordic-power.yaml', '  influence: 3\n', '  influence: 0\n');
    shas.push(C.commit('Nordic drops'));
  });

  it('-C sub score --ref reads sub/kam.yaml and sub/accounts at the revision', () => {
    const head = ok(['-C', 'sub', 'score', '--ref', 'HEAD', '--format', 'json', ...AS_OF], C.dir);
    expect(head).toBe(ok(['-C', 'sub', 'score', '--format', 'json', ...AS_OF], C.dir));
    expect(scoreMap(json(head))['nordic-power']!.tier).toBe('growth');
    expect(scoreMap(scoreAt(C.dir, shas[0]!, ['-C', 'sub']))['nordic-power']!.tier).toBe('key');
  });

  it('-C sub history scores each commit', () => {
    const doc = json<HistoryDoc>(ok(['-C', 'sub', 'history', '--format', 'json'], C.dir));
    expect(doc.commits.map((p) => [p.commit, p.date])).toEqual([
      [shas[0], '2026-03-01T10:00:00Z'],
      [shas[1], '2026-03-02T10:00:00Z'],
    ]);
    for (const point of doc.commits) expect(point.accounts).toEqual(scoreMap(scoreAt(C.dir, point.commit, ['-C', 'sub'])));
  });
});
