// A hostile workspace: files kam must not read (symlinks out, /proc, devices, FIFOs), files it
// cannot read (no permission), files too big to hold (plans, git blobs, a CSV record), folders
// too big to recurse through or that loop. Every run of kam here is bounded: it is killed after
// RUN_MS (a hang fails the test) and its peak memory is measured (a file read whole fails it).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { closeSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, json } from './helpers.js';

const RUN_MS = 10_000;
/** The kam to run: the build of this tree, or another (KAM_TEST_BIN) to see these tests fail on it. */
const KAM = process.env.KAM_TEST_BIN ?? BIN;
const SECRET = 'kam-test-secret-ghp_0123456789abcdef';
const AS_OF = '2026-11-23';

const scratch = mkdtempSync(join(tmpdir(), 'kam-hostile-'));
chmodSync(scratch, 0o755);
afterAll(() => {
  chmodSync(scratch, 0o755);
  rmSync(scratch, { recursive: true, force: true });
});

// Writes the peak memory of the kam process (workers included) where KAM_TEST_RSS says, on exit.
const preload = join(scratch, 'rss.mjs');
writeFileSync(
  preload,
  "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => { if (process.env.KAM_TEST_RSS) writeFileSync(process.env.KAM_TEST_RSS, String(process.resourceUsage().maxRSS)); });\n",
);
chmodSync(preload, 0o644);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** Peak resident memory, MiB. */
  rssMiB: number;
  timedOut: boolean;
}

let runs = 0;

/** Runs kam, killed after RUN_MS. `nobody`: as user nobody (uid 65534), so that file permissions apply. */
function kam(args: string[], options: { cwd?: string; env?: Record<string, string>; nobody?: boolean; ms?: number } = {}): Run {
  const rssFile = join(scratch, `rss-${++runs}`);
  const node = [process.execPath, '--import', pathToFileURL(preload).href, KAM, ...args];
  const [command, ...rest] = options.nobody ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...node] : node;
  if (options.nobody) {
    writeFileSync(rssFile, '');
    chmodSync(rssFile, 0o666);
  }
  const r = spawnSync(command!, rest, {
    cwd: options.cwd ?? scratch,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, CI: '', KAM_DEBUG: '', KAM_TEST_RSS: rssFile, ...options.env } as NodeJS.ProcessEnv,
    input: '',
    timeout: options.ms ?? RUN_MS,
    killSignal: 'SIGKILL',
    maxBuffer: 256 * 1024 * 1024,
  });
  const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : NaN;
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '', rssMiB: rss, timedOut: r.signal === 'SIGKILL' };
}

/** It ended by itself, in time, within `mib` of memory. */
function bounded(r: Run, mib = 200): void {
  expect(r.timedOut, 'killed after 10 s: kam hung').toBe(false);
  expect(r.rssMiB, `peak memory ${Math.round(r.rssMiB)} MiB`).toBeLessThan(mib);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
}

let count = 0;
/** A new workspace: kam.yaml and plans a, b, c (valid), readable by everyone. */
function workspace(config = 'version: 1\n'): string {
  const ws = join(scratch, `ws-${++count}`);
  mkdirSync(join(ws, 'accounts'), { recursive: true });
  writeFileSync(join(ws, 'kam.yaml'), config);
  for (const id of ['a', 'b', 'c']) writeFileSync(join(ws, 'accounts', `${id}.yaml`), `id: ${id}\nname: Account ${id}\n`);
  return ws;
}

/** An outside folder holding a "secret" file. */
function outside(): string {
  const dir = join(scratch, `outside-${++count}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'secret.yaml'), `token: ${SECRET}\nid: stolen\nname: ${SECRET}\n`);
  return dir;
}

function mkfifo(path: string): void {
  const r = spawnSync('mkfifo', [path]);
  if (r.status !== 0) throw new Error(`mkfifo ${path}: ${r.stderr}`);
}

/** A character device like /dev/zero inside the workspace (mknod needs root). */
function zeroDevice(path: string): boolean {
  return spawnSync('mknod', [path, 'c', '1', '5']).status === 0;
}
const canMknod = (() => {
  const probe = join(scratch, 'probe-dev');
  const ok = zeroDevice(probe);
  rmSync(probe, { force: true });
  return ok;
})();

/** Permissions only bind a user other than root: a child dropped to nobody. */
const canDropPrivileges =
  process.getuid?.() === 0 && spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', 'process.exit(process.getuid() === 65534 ? 0 : 1)']).status === 0;

interface JsonFinding {
  rule: string;
  severity: string;
  file: string;
  line: number;
  message: string;
}
const findingsOf = (r: Run) => json<{ findings: JsonFinding[]; summary: { files: number } }>(r.stdout);
const filesWithFindings = (r: Run) => [...new Set(findingsOf(r).findings.map((f) => f.file))].sort();

describe('kam.yaml that must not be read', () => {
  it('a kam.yaml symlinked to /proc/self/environ is refused, naming the file and not quoting it', () => {
    const ws = workspace();
    rmSync(join(ws, 'kam.yaml'));
    symlinkSync('/proc/self/environ', join(ws, 'kam.yaml'));
    const r = kam(['-C', ws, 'check'], { env: { CI_TOKEN: SECRET } });
    bounded(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('kam.yaml');
    expect(r.stderr).toMatch(/symlink that leads outside the workspace/);
    expect(r.stderr).not.toContain(SECRET);
    expect(r.stderr).not.toContain('CI_TOKEN');
  });

  it('--config /proc/self/environ (a file that holds more than its size says) is refused, not quoted', () => {
    const r = kam(['--config', '/proc/self/environ', 'check'], { env: { CI_TOKEN: SECRET } });
    bounded(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read .*environ: it holds more than its size says/);
    expect(r.stderr).not.toContain(SECRET);
  });

  it('a kam.yaml symlinked to a file outside is not read, even a valid one', () => {
    const ws = workspace();
    const dir = outside();
    writeFileSync(join(dir, 'kam.yaml'), 'version: 1\n');
    rmSync(join(ws, 'kam.yaml'));
    symlinkSync(join(dir, 'kam.yaml'), join(ws, 'kam.yaml'));
    const r = kam(['check', '--as-of', AS_OF], { cwd: ws });
    bounded(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('kam: cannot read kam.yaml: it is a symlink that leads outside the workspace\n');
  });

  it('a kam.yaml symlinked to a file inside the workspace is read', () => {
    const ws = workspace();
    mkdirSync(join(ws, 'conf'));
    writeFileSync(join(ws, 'conf', 'kam.yaml'), 'version: 1\nrules: { stale-review: off, missing-criterion-data: off }\n');
    rmSync(join(ws, 'kam.yaml'));
    symlinkSync('conf/kam.yaml', join(ws, 'kam.yaml'));
    const r = kam(['-C', ws, 'check', '--as-of', AS_OF]);
    bounded(r);
    expect(r.stdout).toMatch(/No problems in 3 plans/);
    expect(r.code).toBe(0);
  });

  it('--config /dev/zero, or a kam.yaml linked to it, ends at once (not 3-7 GiB of zeros)', () => {
    const direct = kam(['--config', '/dev/zero', 'check']);
    bounded(direct);
    expect(direct.code).toBe(2);
    expect(direct.stderr).toMatch(/cannot read \/dev\/zero: not a regular file \(a character device\)/);
    const ws = workspace();
    rmSync(join(ws, 'kam.yaml'));
    symlinkSync('/dev/zero', join(ws, 'kam.yaml'));
    const linked = kam(['-C', ws, 'check']);
    bounded(linked);
    expect(linked.code).toBe(2);
    expect(linked.stderr).toMatch(/cannot read kam\.yaml/);
  });

  it('a kam.yaml that is a FIFO does not hang', () => {
    const ws = workspace();
    rmSync(join(ws, 'kam.yaml'));
    mkfifo(join(ws, 'kam.yaml'));
    const r = kam(['check'], { cwd: ws });
    bounded(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read kam\.yaml: not a regular file \(a FIFO\)/);
  });

  it('a kam.yaml over 1 MiB is refused before it is read', () => {
    const ws = workspace(`version: 1\n${'# padding\n'.repeat(120_000)}`);
    const r = kam(['check'], { cwd: ws });
    bounded(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read kam\.yaml: over the 1 MiB limit/);
  });
});

describe('plans that cannot be read become findings; the others are checked', () => {
  it('a FIFO and a character device as plans: a finding each, no hang, no endless read', () => {
    const ws = workspace();
    mkfifo(join(ws, 'accounts', 'fifo.yaml'));
    const device = canMknod && zeroDevice(join(ws, 'accounts', 'zero.yaml'));
    // Matched by the plans glob, and named on the command line.
    const globbed = kam(['-C', ws, 'check', '--format', 'json', '--as-of', AS_OF]);
    bounded(globbed);
    const named = kam(['-C', ws, 'check', 'accounts/fifo.yaml', ...(device ? ['accounts/zero.yaml'] : []), 'accounts/a.yaml', '--format', 'json', '--as-of', AS_OF]);
    bounded(named);
    for (const r of [globbed, named]) {
      expect(r.code).toBe(1);
      const unreadable = findingsOf(r).findings.filter((f) => f.message.startsWith('cannot read'));
      expect(unreadable.map((f) => `${f.file} ${f.rule} ${f.severity} ${f.line} ${f.message}`)).toEqual([
        'accounts/fifo.yaml yaml-syntax error 1 cannot read: not a regular file (a FIFO)',
        ...(device ? ['accounts/zero.yaml yaml-syntax error 1 cannot read: not a regular file (a character device)'] : []),
      ]);
    }
    expect(findingsOf(globbed).summary.files).toBe(device ? 5 : 4);
    expect(filesWithFindings(globbed)).toEqual(['accounts/a.yaml', 'accounts/b.yaml', 'accounts/c.yaml', 'accounts/fifo.yaml', ...(device ? ['accounts/zero.yaml'] : [])]);
  });

  it.skipIf(!canDropPrivileges)('a plan without read permission (EACCES, run as nobody) is a finding, and every other plan is checked', () => {
    const ws = workspace();
    writeFileSync(join(ws, 'accounts', 'locked.yaml'), `id: locked\nname: ${SECRET}\n`);
    chmodSync(join(ws, 'accounts', 'locked.yaml'), 0o000);
    const r = kam(['-C', ws, 'check', '--format', 'json', '--as-of', AS_OF], { nobody: true });
    bounded(r);
    expect(r.code).toBe(1);
    const locked = findingsOf(r).findings.filter((f) => f.file === 'accounts/locked.yaml');
    expect(locked).toEqual([{ rule: 'yaml-syntax', severity: 'error', file: 'accounts/locked.yaml', line: 1, column: 1, message: 'cannot read: permission denied' }]);
    expect(findingsOf(r).summary.files).toBe(4);
    expect(filesWithFindings(r)).toEqual(['accounts/a.yaml', 'accounts/b.yaml', 'accounts/c.yaml', 'accounts/locked.yaml']);
    // score and gaps go on too.
    const score = kam(['-C', ws, 'score', '--format', 'json'], { nobody: true });
    expect(score.code).toBe(0);
    expect(json(score.stdout).accounts).toHaveLength(3);
    expect(score.stderr).toContain('accounts/locked.yaml:1:1: cannot read: permission denied');
  });

  it.skipIf(!canDropPrivileges)('an unreadable plan read on a worker thread (2,000+ plans) is a finding too', () => {
    const ws = workspace('version: 1\nrules: { stale-review: off, missing-criterion-data: off }\n');
    for (let i = 0; i < 2100; i++) writeFileSync(join(ws, 'accounts', `p${String(i).padStart(4, '0')}.yaml`), `id: p${i}\nname: P ${i}\n`);
    // Last in file order: in the last batch, which a worker is as likely as the main thread to take.
    chmodSync(join(ws, 'accounts', 'p2099.yaml'), 0o000);
    chmodSync(join(ws, 'accounts', 'p0000.yaml'), 0o000);
    const r = kam(['-C', ws, 'check', '--format', 'json', '--as-of', AS_OF], { nobody: true, env: { KAM_THREADS: '3' } });
    bounded(r, 400);
    expect(r.code).toBe(1);
    expect(findingsOf(r).findings.map((f) => `${f.file}: ${f.message}`)).toEqual(['accounts/p0000.yaml: cannot read: permission denied', 'accounts/p2099.yaml: cannot read: permission denied']);
    expect(findingsOf(r).summary.files).toBe(2103);
  });

  it('a plan over 1 MiB is a finding as before (now from its size, unread)', () => {
    const ws = workspace();
    const fd = openSync(join(ws, 'accounts', 'huge.yaml'), 'w');
    const block = Buffer.alloc(1 << 20, '#');
    for (let i = 0; i < 64; i++) writeSync(fd, block);
    closeSync(fd);
    const r = kam(['-C', ws, 'check', '--format', 'json', '--as-of', AS_OF]);
    bounded(r, 150);
    expect(r.code).toBe(1);
    expect(findingsOf(r).findings.filter((f) => f.file === 'accounts/huge.yaml').map((f) => `${f.rule} ${f.message}`)).toEqual([
      // Its real size (64 MiB), not the size of what stands for it (the limit and one byte).
      'yaml-syntax file is 65,536 KiB, over the 1 MiB limit for a plan; split it or remove bulk data',
    ]);
  });
});

describe('symlinks and folders', () => {
  it('a plans folder symlinked outside: every plan skipped is exit 2 with the notes, not "No problems in 0 plans"', () => {
    const ws = workspace();
    rmSync(join(ws, 'accounts'), { recursive: true });
    symlinkSync(outside(), join(ws, 'accounts'));
    for (const command of ['check', 'score', 'gaps']) {
      const r = kam(['-C', ws, command]);
      bounded(r);
      expect(r.code, command).toBe(2);
      expect(r.stdout).not.toMatch(/No problems/);
      expect(r.stderr).toMatch(/no plans left to read/);
      expect(r.stderr).toMatch(/skipped accounts: it is a symlink that leads outside the workspace/);
      expect(r.stderr).not.toContain(SECRET);
    }
  });

  it('symlinked folder loops are walked once, and a link to / is not walked', () => {
    const ws = workspace();
    mkdirSync(join(ws, 'accounts', 'sub'));
    writeFileSync(join(ws, 'accounts', 'sub', 'd.yaml'), 'id: d\nname: D\n');
    symlinkSync('..', join(ws, 'accounts', 'sub', 'loop'));
    symlinkSync('../..', join(ws, 'accounts', 'sub', 'top'));
    symlinkSync('sub', join(ws, 'accounts', 'again'));
    symlinkSync('/', join(ws, 'accounts', 'root'));
    for (const args of [['accounts'], ['accounts/**/*.yaml']]) {
      const r = kam(['-C', ws, 'check', ...args, '--format', 'json', '--as-of', AS_OF]);
      bounded(r);
      expect(r.code, args[0]).toBe(0);
      expect(findingsOf(r).summary.files, args[0]).toBe(4);
      expect(r.stderr).toMatch(/skipped accounts\/sub\/loop: it is a symlink loop/);
      expect(r.stderr).toMatch(/skipped accounts\/sub\/top: it is a symlink loop/);
      expect(r.stderr).toMatch(/skipped accounts\/root: it is a symlink that leads outside the workspace/);
      expect(findingsOf(r).findings.filter((f) => f.rule === 'duplicate-id')).toEqual([]);
    }
  });

  it('a folder of 150,000 files is checked (no "Maximum call stack size exceeded")', () => {
    // On tmpfs when there is one: 150,000 files are made there in about 2 s.
    const shm = existsSync('/dev/shm') ? mkdtempSync('/dev/shm/kam-hostile-') : join(scratch, 'shm');
    try {
      mkdirSync(join(shm, 'big'), { recursive: true });
      writeFileSync(join(shm, 'kam.yaml'), 'version: 1\n');
      // Past the ~125,000 arguments that a spread (push(...files)) of this Node takes.
      const files = 150_000;
      for (let i = 0; i < files; i++) writeFileSync(join(shm, 'big', `${i}.yaml`), '');
      const r = kam(['-C', shm, 'check', 'big', '--format', 'json', '--as-of', AS_OF], { ms: 60_000 });
      expect(r.timedOut).toBe(false);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      const doc = findingsOf(r);
      expect(doc.summary.files).toBe(files);
      expect(doc.findings).toHaveLength(files);
    } finally {
      rmSync(shm, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('templates', () => {
  it('a template symlinked outside the workspace is refused, not copied into a plan', () => {
    const ws = workspace();
    mkdirSync(join(ws, 'templates'));
    symlinkSync(join(outside(), 'secret.yaml'), join(ws, 'templates', 'plan.yaml'));
    const r = kam(['new', 'Newco', '--yes'], { cwd: ws });
    bounded(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/templates\/plan\.yaml: cannot read: it is a symlink that leads outside the workspace/);
    expect(r.stderr).not.toContain(SECRET);
    expect(readdirSync(join(ws, 'accounts')).sort()).toEqual(['a.yaml', 'b.yaml', 'c.yaml']);
  });

  it('a template that is a FIFO, a device, or over 1 MiB: a message, no hang', () => {
    const ws = workspace();
    mkdirSync(join(ws, 'templates'));
    mkfifo(join(ws, 'templates', 'fifo.yaml'));
    writeFileSync(join(ws, 'templates', 'big.yaml'), `id: {{id}}\nname: {{name}}\n${'# padding\n'.repeat(120_000)}`);
    const cases: [string, RegExp][] = [
      ['fifo', /templates\/fifo\.yaml: cannot read: not a regular file \(a FIFO\)/],
      ['big', /templates\/big\.yaml: cannot read: over the 1 MiB limit/],
    ];
    if (canMknod && zeroDevice(join(ws, 'templates', 'zero.yaml'))) cases.push(['zero', /templates\/zero\.yaml: cannot read: not a regular file \(a character device\)/]);
    for (const [name, message] of cases) {
      const r = kam(['new', 'Newco', '--yes', '--template', name], { cwd: ws });
      bounded(r);
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toMatch(message);
    }
    expect(readdirSync(join(ws, 'accounts')).sort()).toEqual(['a.yaml', 'b.yaml', 'c.yaml']);
  });
});

describe('git: blobs over the plan limit are never read into memory', () => {
  function git(cwd: string, args: string[], input?: string): string {
    const r = spawnSync('git', args, { cwd, encoding: 'utf8', input, env: { ...process.env, GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' } });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  }

  const repo = workspace();
  git(repo, ['init', '-q', '-b', 'main']);
  git(repo, ['config', 'user.email', 'kam@example.com']);
  git(repo, ['config', 'user.name', 'kam']);
  git(repo, ['add', '.']);
  git(repo, ['commit', '-qm', 'plans']);
  // A 200 MiB plan blob, made without writing it to the work tree (zeros compress to a few KiB).
  const huge = spawnSync('sh', ['-c', 'head -c 209715200 /dev/zero | git hash-object -w --stdin'], { cwd: repo, encoding: 'utf8' }).stdout.trim();
  git(repo, ['update-index', '--add', '--cacheinfo', `100644,${huge},accounts/huge.yaml`]);
  git(repo, ['commit', '-qm', 'a huge plan']);

  it('--ref: the huge plan is a finding like a working-tree plan over 1 MiB, in bounded memory', () => {
    const r = kam(['-C', repo, 'check', '--ref', 'HEAD', '--format', 'json', '--as-of', AS_OF]);
    bounded(r, 150);
    expect(r.code).toBe(1);
    expect(findingsOf(r).findings.filter((f) => f.file === 'accounts/huge.yaml').map((f) => `${f.rule} ${f.line} ${f.message}`)).toEqual([
      // A blob over the limit is never read: its size is not known to the YAML reader, and no size is made up.
      'yaml-syntax 1 file is over the 1 MiB limit for a plan; split it or remove bulk data',
    ]);
    expect(findingsOf(r).summary.files).toBe(4);
  });

  it('diff and history: bounded memory; diff opens the same finding', () => {
    const diff = kam(['-C', repo, 'diff', 'HEAD~1', 'HEAD', '--format', 'json', '--as-of', AS_OF]);
    bounded(diff, 150);
    expect(diff.code).toBe(0);
    expect(json(diff.stdout).findings.opened.map((f: JsonFinding) => `${f.file} ${f.message}`)).toEqual([
      'accounts/huge.yaml file is over the 1 MiB limit for a plan; split it or remove bulk data',
    ]);
    const history = kam(['-C', repo, 'history', '--format', 'json']);
    bounded(history, 150);
    expect(history.code).toBe(0);
    expect(json(history.stdout).commits).toHaveLength(2);
  });
});

describe('client CSV', () => {
  it('a quote left open: an error at its line once the record passes 64 MiB, not the whole file in memory', () => {
    const file = join(scratch, 'open-quote.csv');
    const fd = openSync(file, 'w');
    writeSync(fd, 'id,name,revenue_2024\na,Alpha,100\nb,"Beta,200\n');
    const block = Buffer.alloc(1 << 20, 'x');
    for (let i = 0; i < 72; i++) writeSync(fd, block);
    closeSync(fd);
    const r = kam(['score', '--data', file], { ms: 30_000 });
    bounded(r, 450);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('open-quote.csv:3: a record longer than 64 MiB: a quote left open?');
    rmSync(file);
  }, 60_000);
});
