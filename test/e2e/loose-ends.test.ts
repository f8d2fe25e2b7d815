// Loose ends of issue 16, end to end: diff and report go on past a plan they cannot read; no
// valid plan is exit 2, never a table or page of zeros; the real size of a plan over the limit;
// KAM_DEBUG output escaped; kam import of names with control characters; the matrix note.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, closeSync, existsSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, json, kam, type RunResult } from './helpers.js';

const AS_OF = ['--as-of', '2026-11-23'];
const scratch = mkdtempSync(join(tmpdir(), 'kam-loose-ends-'));
chmodSync(scratch, 0o755);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let count = 0;
/** A workspace with plans a, b, c (valid, with two years of revenue), readable by everyone. */
function workspace(plans: Record<string, string> = {}): string {
  const ws = join(scratch, `ws-${++count}`);
  mkdirSync(join(ws, 'accounts'), { recursive: true });
  writeFileSync(join(ws, 'kam.yaml'), 'version: 1\n');
  const all = {
    a: 'id: a\nname: Account A\nmetrics: { revenue: { 2024: 1000000, 2025: 1200000 } }\n',
    b: 'id: b\nname: Account B\nmetrics: { revenue: { 2024: 500000, 2025: 400000 } }\n',
    c: 'id: c\nname: Account C\nmetrics: { revenue: { 2024: 100000, 2025: 150000 } }\n',
    ...plans,
  };
  for (const [id, text] of Object.entries(all)) writeFileSync(join(ws, 'accounts', `${id}.yaml`), text);
  return ws;
}

/** git with the user's global and system config left out. */
function git(cwd: string, args: string[]): void {
  execFileSync('git', args, { cwd, stdio: 'ignore', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } });
}

/** The workspace as a git repository with everything committed. */
function committed(ws: string): string {
  git(ws, ['init', '-q']);
  git(ws, ['add', '.']);
  git(ws, ['-c', 'user.email=kam@example.com', '-c', 'user.name=kam', 'commit', '-qm', 'plans']);
  return ws;
}

function mkfifo(path: string): void {
  rmSync(path, { force: true });
  const r = spawnSync('mkfifo', [path]);
  if (r.status !== 0) throw new Error(`mkfifo ${path}: ${r.stderr}`);
}

/** Permissions only bind a user other than root: a child dropped to nobody. */
const canDropPrivileges =
  process.getuid?.() === 0 && spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', 'process.exit(process.getuid() === 65534 ? 0 : 1)']).status === 0;

/** kam as user nobody (uid 65534), so that a file without read permission cannot be read. */
function kamAsNobody(args: string[], cwd: string): RunResult {
  const start = performance.now();
  const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, CI: '', KAM_DEBUG: '', HOME: cwd, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } as NodeJS.ProcessEnv,
    input: '',
    timeout: 20_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ms: performance.now() - start };
}

/** Never a stack trace, never "internal error". */
function clean(r: RunResult): RunResult {
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  return r;
}

interface JsonFinding {
  rule: string;
  file: string;
  line: number;
  message: string;
}

/** The accounts a report draws, from its data-* attributes. */
const reportAccounts = (html: string) => [...html.matchAll(/<details class="card" id="account-([^"]+)"/g)].map((m) => m[1]);

describe('diff and report go on past a plan they cannot read, as check, score and gaps do', () => {
  const FIFO_NOTE = 'accounts/fifo.yaml:1:1: cannot read: not a regular file (a FIFO)';

  it('diff: the other plans are compared, the FIFO is a finding opened and a note naming it, exit 0', () => {
    const ws = committed(workspace());
    writeFileSync(join(ws, 'accounts', 'b.yaml'), 'id: b\nname: Account B\nmetrics: { revenue: { 2024: 500000, 2025: 90000000 } }\n');
    mkfifo(join(ws, 'accounts', 'fifo.yaml'));
    // The FIFO stands where a committed plan was: its account is no longer read.
    mkfifo(join(ws, 'accounts', 'c.yaml'));
    const r = clean(kam(['-C', ws, 'diff', 'HEAD', '--format', 'json', ...AS_OF]));
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r.stdout);
    expect(doc.accounts.map((a: { id: string; change: string }) => `${a.id} ${a.change}`)).toEqual(['b changed', 'c removed']);
    expect(doc.findings.opened.filter((f: JsonFinding) => f.rule === 'yaml-syntax').map((f: JsonFinding) => `${f.file}:${f.line} ${f.message}`)).toEqual([
      'accounts/c.yaml:1 cannot read: not a regular file (a FIFO)',
      'accounts/fifo.yaml:1 cannot read: not a regular file (a FIFO)',
    ]);
    expect(r.stderr).toContain('kam: 2 plan(s) of the working tree cannot be read; their accounts are left out (run kam check):');
    expect(r.stderr).toContain(FIFO_NOTE);
    expect(r.stderr).toContain('accounts/c.yaml:1:1: cannot read: not a regular file (a FIFO)');
    // The table says the same.
    const table = clean(kam(['-C', ws, 'diff', 'HEAD', ...AS_OF]));
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/accounts\/fifo\.yaml:1:1 +error +yaml-syntax +cannot read: not a regular file \(a FIFO\)/);
  });

  it('report: the other plans are reported, the FIFO is noted with its file name, exit 0 (stdout and -o)', () => {
    const ws = workspace();
    mkfifo(join(ws, 'accounts', 'fifo.yaml'));
    const r = clean(kam(['-C', ws, 'report', ...AS_OF]));
    expect(r.code, r.stderr).toBe(0);
    expect(reportAccounts(r.stdout)).toEqual(['a', 'b', 'c']);
    expect(r.stdout).toContain('data-accounts="3"');
    expect(r.stderr).toContain('kam: 1 plan(s) left out because they have errors (run kam check):');
    expect(r.stderr).toContain(FIFO_NOTE);
    const written = clean(kam(['-C', ws, 'report', '-o', 'report.html', ...AS_OF]));
    expect(written.code).toBe(0);
    expect(reportAccounts(readFileSync(join(ws, 'report.html'), 'utf8'))).toEqual(['a', 'b', 'c']);
    expect(written.stderr).toContain(FIFO_NOTE);
    // check, score and gaps on the same workspace, for comparison: the same plan, the same reason.
    expect(kam(['-C', ws, 'check', ...AS_OF]).code).toBe(1);
    expect(kam(['-C', ws, 'score']).stderr).toContain(FIFO_NOTE);
    expect(kam(['-C', ws, 'gaps', ...AS_OF]).code).toBe(0);
  });

  it.skipIf(!canDropPrivileges)('a plan without read permission (EACCES, run as nobody): diff and report go on, naming it', () => {
    const ws = committed(workspace());
    writeFileSync(join(ws, 'accounts', 'locked.yaml'), 'id: locked\nname: Locked\n');
    // Owned by nobody (git refuses a repository of another user), and unreadable all the same.
    spawnSync('chown', ['-R', '65534:65534', ws]);
    chmodSync(join(ws, 'accounts', 'locked.yaml'), 0o000);
    const note = 'accounts/locked.yaml:1:1: cannot read: permission denied';
    const report = clean(kamAsNobody(['report', ...AS_OF], ws));
    expect(report.code, report.stderr).toBe(0);
    expect(reportAccounts(report.stdout)).toEqual(['a', 'b', 'c']);
    expect(report.stderr).toContain(note);
    const diff = clean(kamAsNobody(['diff', 'HEAD', '--format', 'json', ...AS_OF], ws));
    expect(diff.code, diff.stderr).toBe(0);
    expect(json(diff.stdout).findings.opened.map((f: JsonFinding) => `${f.file} ${f.message}`)).toContain('accounts/locked.yaml cannot read: permission denied');
    expect(json(diff.stdout).accounts).toEqual([]);
    expect(diff.stderr).toContain(note);
    chownSync(ws, 0, 0);
  });

  it('every plan unreadable: diff, report and score exit 2 with one line, after the notes', () => {
    const ws = committed(workspace());
    for (const id of ['a', 'b', 'c']) mkfifo(join(ws, 'accounts', `${id}.yaml`));
    const cases: [string[], string][] = [
      [['diff', 'HEAD', ...AS_OF], 'kam: no valid plan to compare: 3 plans have errors (run kam check)'],
      [['report', ...AS_OF], 'kam: no valid plan to report on: 3 plans have errors (run kam check)'],
      [['score'], 'kam: no valid plan to score: 3 plans have errors (run kam check)'],
    ];
    for (const [args, last] of cases) {
      const r = clean(kam(['-C', ws, ...args]));
      expect(r.code, args[0]).toBe(2);
      expect(r.stdout, args[0]).toBe('');
      expect(r.stderr.trimEnd().split('\n').at(-1), args[0]).toBe(last);
      expect(r.stderr).toContain('accounts/b.yaml:1:1: cannot read: not a regular file (a FIFO)');
    }
  });
});

describe('no valid plan is exit 2, never scores or a report of nothing', () => {
  const broken = {
    a: 'id: a\nname: [\n',
    b: 'id: B\nname: Upper-case id\n',
    c: 'id: c\nname: Account C\nmetrics: { revenue: { 2024: -5 } }\n',
  };

  it('score and report: every plan has errors → exit 2, one line, the plans and their errors listed', () => {
    const ws = workspace(broken);
    for (const [args, purpose] of [[['score'], 'score'], [['score', '--format', 'json'], 'score'], [['score', '--explain', 'a'], 'score'], [['report', ...AS_OF], 'report on'], [['report', '-o', 'r.html', ...AS_OF], 'report on']] as const) {
      const r = clean(kam(['-C', ws, ...args]));
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines.at(-1)).toBe(`kam: no valid plan to ${purpose}: 3 plans have errors (run kam check)`);
      expect(lines.filter((l) => /^ {2}accounts\/[abc]\.yaml:\d+:\d+: /.test(l)).map((l) => l.slice(2, 17))).toEqual(['accounts/a.yaml', 'accounts/b.yaml', 'accounts/c.yaml']);
    }
    expect(existsSync(join(ws, 'r.html'))).toBe(false);
    // One plan with errors: "1 plan has".
    const one = workspace({ ...broken, a: broken.a });
    rmSync(join(one, 'accounts', 'b.yaml'));
    rmSync(join(one, 'accounts', 'c.yaml'));
    expect(kam(['-C', one, 'score']).stderr.trimEnd().split('\n').at(-1)).toBe('kam: no valid plan to score: 1 plan has errors (run kam check)');
  });

  it('gaps shows every such plan as an error to fix (its report is that list): exit 0 as before, --fail-on error 1', () => {
    const ws = workspace(broken);
    const r = clean(kam(['-C', ws, 'gaps', ...AS_OF]));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Plans with errors/);
    for (const id of ['a', 'b', 'c']) expect(r.stdout).toContain(`accounts/${id}.yaml`);
    expect(kam(['-C', ws, 'gaps', '--fail-on', 'error', ...AS_OF]).code).toBe(1);
    expect(kam(['-C', ws, 'check', ...AS_OF]).code).toBe(1);
  });

  it('some plans valid: unchanged, exit 0 with the invalid ones listed on stderr', () => {
    const ws = workspace({ ...broken, d: 'id: d\nname: Account D\n' });
    const score = clean(kam(['-C', ws, 'score', '--format', 'json']));
    expect(score.code).toBe(0);
    expect(json(score.stdout).accounts.map((a: { id: string }) => a.id)).toEqual(['d']);
    expect(score.stderr).toContain('kam: 3 plan(s) not scored because they have errors (run kam check):');
    const report = clean(kam(['-C', ws, 'report', ...AS_OF]));
    expect(report.code).toBe(0);
    expect(reportAccounts(report.stdout)).toEqual(['d']);
    expect(report.stderr).toContain('kam: 3 plan(s) left out because they have errors (run kam check):');
    expect(report.stderr).toMatch(/^ {2}accounts\/a\.yaml:\d+:\d+: /m);
  });
});

describe('a plan over the size limit', () => {
  it('the finding gives the real size of the file (it is not read), not the size of what stands for it', () => {
    const ws = workspace();
    const fd = openSync(join(ws, 'accounts', 'huge.yaml'), 'w');
    ftruncateSync(fd, 3 * 1024 * 1024 + 5);
    closeSync(fd);
    const message = 'file is 3,073 KiB, over the 1 MiB limit for a plan; split it or remove bulk data';
    const check = clean(kam(['-C', ws, 'check', '--format', 'json', ...AS_OF]));
    expect(check.code).toBe(1);
    expect(json(check.stdout).findings.filter((f: JsonFinding) => f.file === 'accounts/huge.yaml').map((f: JsonFinding) => `${f.rule} ${f.line} ${f.message}`)).toEqual([`yaml-syntax 1 ${message}`]);
    expect(kam(['-C', ws, 'score']).stderr).toContain(`accounts/huge.yaml:1:1: ${message}`);
    expect(kam(['-C', ws, 'report', ...AS_OF]).stderr).toContain(`accounts/huge.yaml:1:1: ${message}`);
  });
});

describe('KAM_DEBUG=1 output is escaped too', () => {
  it('the name of the client file in "read … in N part(s)"', () => {
    const dir = join(scratch, `debug-${++count}`);
    mkdirSync(dir);
    const name = 'clients\u001b]0;pwned\u0007.csv';
    writeFileSync(join(dir, name), 'name,revenue_2025\nAcme,1000\n');
    const r = clean(kam(['score', '--data', name], { cwd: dir, env: { KAM_DEBUG: '1' } }));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('kam: read clients\\u001b]0;pwned\\u0007.csv in 1 part(s)');
    expect(r.stderr).not.toMatch(/[\u0007\u001b]/);
  });
});

describe('kam import of names with control characters', () => {
  it('creates valid plans: the name kept exactly in its value, escaped in the comment line', () => {
    const ws = join(scratch, `import-${++count}`);
    mkdirSync(ws);
    writeFileSync(join(ws, 'kam.yaml'), 'version: 1\n');
    const names = ['ACME\u001b[2J', 'Line\nBreak Co', 'Nel\u0085Co', 'Bell\u0007Co'];
    writeFileSync(join(ws, 'clients.csv'), `name,revenue_2025\n${names.map((n, i) => `"${n}",${(i + 1) * 100000}`).join('\n')}\n`);
    const r = clean(kam(['import', 'clients.csv', '--top', '4', ...AS_OF], { cwd: ws }));
    expect(r.code, r.stderr).toBe(0);
    const files = readdirSync(join(ws, 'accounts')).sort();
    expect(files).toHaveLength(4);
    const seen = new Map<string, string>();
    for (const file of files) {
      const text = readFileSync(join(ws, 'accounts', file), 'utf8');
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      const plan = parse(text);
      seen.set(plan.name, text.split('\n')[1]!);
    }
    expect([...seen.keys()].sort()).toEqual([...names].sort());
    expect(seen.get('ACME\u001b[2J')).toBe('# Account plan: ACME\\u001b[2J');
    expect(seen.get('Line\nBreak Co')).toBe('# Account plan: Line\\nBreak Co');
    expect(seen.get('Nel\u0085Co')).toBe('# Account plan: Nel\\u0085Co');
    // kam reads them back: no syntax or schema error.
    const check = clean(kam(['check', '--format', 'json', ...AS_OF], { cwd: ws }));
    expect(json(check.stdout).findings.filter((f: JsonFinding) => ['yaml-syntax', 'schema', 'unknown-key'].includes(f.rule))).toEqual([]);
    expect(json(check.stdout).summary.files).toBe(4);
  });
});

describe('the portfolio matrix says why accounts are not shown', () => {
  it('accounts without two years of revenue, and a growth too large to draw, are counted with both reasons', () => {
    const ws = workspace({
      'one-year': 'id: one-year\nname: One Year\nmetrics: { revenue: { 2025: 1000 } }\n',
      'tiny-start': 'id: tiny-start\nname: Tiny Start\nmetrics: { revenue: { 2024: 1.0e-300, 2025: 1000000 } }\n',
    });
    const r = clean(kam(['-C', ws, 'report', ...AS_OF]));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('<section class="panel" id="matrix" data-points="3">');
    const note = /<p class="meta" data-left-out="(\d+)">([^<]*)<\/p>/.exec(r.stdout);
    expect(note?.[1]).toBe('2');
    expect(note?.[2]).toBe('2 accounts not shown: no revenue growth to draw (fewer than two years of revenue), or a growth too large to draw (from a first year of revenue near zero).');
  });
});
