// What kam prints when its input is hostile or its output cannot be written:
//   - plan values, kam.yaml keys, tier and criterion ids, file names, client export cells and git
//     commit subjects with terminal controls never reach stdout or stderr raw (escape.ts);
//   - a full disk, a read-only or unwritable target: one line naming what could not be written, exit 2;
//   - Node's own process warnings stay out of stderr (unless KAM_DEBUG=1);
//   - temporary files left by a killed kam are removed by the next write in their folder.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, fixture, json, kam, REPO } from './helpers.js';

/** Everything a terminal could act on, but line feeds. */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** kam's own colours (chalk's SGR sequences). */
const SGR = /\u001b\[[0-9;]*m/g;
/** What hostile text tries: retitle (OSC), clear (CSI 2J), blink (an SGR kam never writes), C1 CSI, NEL, RLO… */
const H = '\u001b]0;PWNED\u0007\u001b[2J\u001b[5m\u009b2J\u0085\u202eRLO\u2066\u007f\u200f';
const SHOWN = '\\u001b]0;PWNED\\u0007\\u001b[2J\\u001b[5m\\u009b2J\\u0085\\u202eRLO\\u2066\\u007f\\u200f';

/** A YAML double-quoted scalar with every character outside printable ASCII as a \u escape. */
function q(text: string): string {
  return `"${[...text].map((c) => (/[\x20-\x7e]/.test(c) && c !== '"' && c !== '\\' ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)).join('')}"`;
}

const scratch = mkdtempSync(join(tmpdir(), 'kam-safety-'));
let n = 0;
function dir(name: string): string {
  const d = join(scratch, `${name}-${++n}`);
  mkdirSync(d, { recursive: true });
  return d;
}

/** Output a terminal can show safely: no control but line feeds and kam's colours, and not the hostile blink. */
function expectSafe(text: string, what: string): void {
  expect(text.includes('\u001b[5m'), `${what}: hostile SGR printed raw`).toBe(false);
  const bad = RAW.exec(text.replace(SGR, ''));
  expect(bad === null ? null : JSON.stringify(text.slice(Math.max(0, bad.index - 40), bad.index + 20)), `${what}: raw control`).toBeNull();
}

function hostileWorkspace(): string {
  const ws = dir('hostile');
  mkdirSync(join(ws, 'accounts'));
  writeFileSync(
    join(ws, 'kam.yaml'),
    [
      'version: 1',
      'tiers:',
      // evil.yaml declares the top tier (a tier of kam.yaml) and scores gold: a tier-mismatch naming both.
      `  - { id: ${q(`t${H}`)}, min: 100 }`,
      `  - { id: ${q(`gold${H}`)}, min: 20 }`,
      '  - { id: base, min: 0 }',
      'policies:',
      `  requiredSections: { ${q(`gold${H}`)}: [relationships] }`,
      'criteria:',
      `  - { id: ${q(`rev${H}`)}, weight: 1, input: revenue.latest, scale: { type: log, min: 10, max: 10000000 } }`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(ws, 'accounts/evil.yaml'),
    [
      'id: evil',
      `name: ${q(`Evil${H} Corp`)}`,
      `tier: ${q(`t${H}`)}`,
      `owner: ${q(`Jo${H}`)}`,
      `industry: ${q(`Tel${H}`)}`,
      'metrics:',
      '  revenue: { 2023: 500, 2024: 1000000 }',
      'actions:',
      `  - { what: ${q(`call${H}`)}, due: 2020-01-01 }`,
      `${q(`x${H}`)}: 1`,
      '',
    ].join('\n'),
  );
  // A file name that carries the controls itself.
  writeFileSync(join(ws, `accounts/go${H}od.yaml`), 'id: good\nname: Good\nmetrics:\n  revenue: { 2024: 100 }\nextra: 1\n');
  return ws;
}

describe('hostile plans, kam.yaml and file names: human formats escape, machine formats stay valid', () => {
  const ws = hostileWorkspace();
  const human: string[][] = [
    ['score'],
    ['score', '--format', 'markdown'],
    ['score', '--explain', 'evil'],
    ['score', '--explain', 'evil', '--format', 'markdown'],
    ['check'],
    ['gaps'],
    ['gaps', '--format', 'markdown'],
    ['report'],
  ];

  it.each(human.flatMap((args) => [args, [...args, '--color']]).map((args) => ({ name: args.join(' '), args })))('kam $name', ({ args }) => {
    const r = kam(args, { cwd: ws });
    expect(r.code, r.stderr).toBeLessThan(2);
    expect(r.stdout.length).toBeGreaterThan(0);
    expectSafe(r.stdout, 'stdout');
    expectSafe(r.stderr, 'stderr');
  });

  it('shows the hostile text as visible escapes (it is not dropped)', () => {
    expect(kam(['score'], { cwd: ws }).stdout).toContain(`Evil${SHOWN} Corp`);
    expect(kam(['score', '--color'], { cwd: ws }).stdout).toContain(`declared t${SHOWN}`);
    expect(kam(['check', '--color'], { cwd: ws }).stdout).toContain(`accounts/go${SHOWN}od.yaml`);
    expect(kam(['gaps', '--color'], { cwd: ws }).stdout).toContain(`gold${SHOWN}`);
    expect(kam(['score', '--explain', 'evil', '--color'], { cwd: ws }).stdout).toContain(`rev${SHOWN}`);
    expect(kam(['report'], { cwd: ws }).stdout).toContain(`Evil${SHOWN} Corp`);
  });

  it('keeps ordinary text byte for byte: escaping only touches what it must', () => {
    const r = kam(['score'], { cwd: fixture('valid') });
    expect(r.stdout).not.toContain('\\u');
    expect(r.stdout).toContain('ACME Telecom');
  });

  it('JSON and SARIF carry the exact values, with every control as a \\u escape', () => {
    for (const args of [['check', '--format', 'json'], ['check', '--format', 'sarif'], ['score', '--format', 'json'], ['score', '--explain', 'evil', '--format', 'json'], ['gaps', '--format', 'json']]) {
      const r = kam(args, { cwd: ws });
      expect(r.stdout, args.join(' ')).not.toMatch(RAW);
      expect(JSON.stringify(json(r.stdout)), args.join(' ')).toContain(JSON.stringify(`Evil${H} Corp`).slice(1, -1));
    }
  });

  it('JUnit carries no character XML 1.0 forbids; GitHub annotations stay one line each, without raw controls', () => {
    const junit = kam(['check', '--format', 'junit'], { cwd: ws }).stdout;
    expect(junit).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    const github = kam(['check', '--format', 'github'], { cwd: ws }).stdout;
    for (const line of github.trimEnd().split('\n')) expect(line).toMatch(/^::(error|warning) file=/);
    expect(github).not.toMatch(RAW);
    expect(github).toContain(SHOWN);
  });

  it('CSV keeps the data as it is (RFC 4180, formula-safe), for spreadsheets rather than terminals', () => {
    const csv = kam(['score', '--format', 'csv'], { cwd: ws }).stdout;
    expect(csv).toContain(`Evil${H} Corp`);
  });
});

describe('git: commit subjects and plans in kam history and kam diff', () => {
  const ws = hostileWorkspace();
  const git = (...args: string[]) => spawnSync('git', args, { cwd: ws, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', `first ${H}`);
  writeFileSync(join(ws, 'accounts/evil.yaml'), readFileSync(join(ws, 'accounts/evil.yaml'), 'utf8').replace('2024: 1000000', '2024: 5000'));
  git('commit', '-q', '-am', `second ${H}`);

  it.each(
    [
      ['history'],
      ['history', 'evil'],
      ['history', '--color'],
      ['history', 'evil', '--color'],
      ['diff', 'HEAD~1'],
      ['diff', 'HEAD~1', 'HEAD', '--color'],
      ['diff', 'HEAD~1', '--format', 'markdown'],
    ].map((args) => ({ name: args.join(' '), args })),
  )('kam $name', ({ args }) => {
    const r = kam(args, { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    expectSafe(r.stdout, 'stdout');
    expectSafe(r.stderr, 'stderr');
  });

  it('shows the subject escaped in the table, exactly in JSON', () => {
    expect(kam(['history', 'evil'], { cwd: ws }).stdout).toContain(`second ${SHOWN}`);
    const history = kam(['history', '--format', 'json'], { cwd: ws }).stdout;
    expect(history).not.toMatch(RAW);
    expect(json(history).commits.map((c: { subject: string }) => c.subject)).toEqual([`first ${H}`, `second ${H}`]);
    const diff = kam(['diff', 'HEAD~1', '--format', 'json'], { cwd: ws }).stdout;
    expect(diff).not.toMatch(RAW);
    expect(json(diff).accounts[0].name).toBe(`Evil${H} Corp`);
  });
});

describe('stderr: messages that quote kam.yaml, export cells, file names and arguments', () => {
  it('an unknown kam.yaml key', () => {
    const ws = dir('badkey');
    writeFileSync(join(ws, 'kam.yaml'), `version: 1\n${q(`x${H}`)}: 1\n`);
    const r = kam(['check'], { cwd: ws });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`x${SHOWN}`);
    expectSafe(r.stderr, 'stderr');
  });

  it('cells and headers of a client export (kam score --data), in the table and the notes', () => {
    const d = dir('data');
    writeFileSync(join(d, 'clients.csv'), `id,name,revenue_2024,Revenue 2023${H}\nx1,"Na${H}me",12${H},1\nx2,"B${H}",100,2\n,Total,5,\n`);
    for (const args of [['score', '--data', 'clients.csv'], ['score', '--data', 'clients.csv', '--color'], ['score', '--data', 'clients.csv', '--format', 'markdown'], ['report', '--data', 'clients.csv']]) {
      const r = kam(args, { cwd: d });
      expect(r.code, r.stderr).toBe(0);
      expectSafe(r.stdout, `${args.join(' ')}: stdout`);
      expectSafe(r.stderr, `${args.join(' ')}: stderr`);
    }
    const r = kam(['score', '--data', 'clients.csv'], { cwd: d });
    expect(r.stderr).toContain(`"12${SHOWN.slice(0, 30)}`);
    expect(r.stdout).toContain(`B${SHOWN}`);
  });

  it('a file name and an unknown option given on the command line', () => {
    const missing = kam(['score', '--data', `no${H}.csv`], { cwd: dir('missing') });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`no${SHOWN}.csv`);
    expectSafe(missing.stderr, 'stderr');
    const option = kam(['check', `--x${H}`]);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain(`--x${SHOWN}`);
    expectSafe(option.stderr, 'stderr');
    const command = kam([`sc${H}ore`]);
    expect(command.code).toBe(2);
    expectSafe(command.stderr, 'stderr');
  });

  it('kam new and kam import name the tier (an id of kam.yaml) escaped', () => {
    const ws = hostileWorkspace();
    writeFileSync(join(ws, 'clients.csv'), "name,revenue_2024\nBig,9000000\nSmall,10\n");
    const outputs = [['import', 'clients.csv', '--top', '2', '--dry-run'], ['import', 'clients.csv', '--top', '2'], ['new', 'Newco', '--yes', '--tier', `gold${H}`], ['new', 'Other', '--yes', '--dry-run']].map((args) => {
      const r = kam(args, { cwd: ws });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expectSafe(r.stdout, `${args.join(' ')}: stdout`);
      expectSafe(r.stderr, `${args.join(' ')}: stderr`);
      return r.stdout;
    });
    expect(outputs[0]).toContain(`gold${SHOWN}`);
    expect(outputs[1]).toContain(`gold${SHOWN}`);
    expect(outputs[2]).toContain(`tier gold${SHOWN}`);
  });

  it('kam new --dry-run shows the plan with bidi controls escaped', () => {
    const ws = dir('newdry');
    writeFileSync(join(ws, 'kam.yaml'), 'version: 1\n');
    const r = kam(['new', 'Bad Co', '--owner', `Jo${H}`, '--industry', `x\u202ey`, '--yes', '--dry-run'], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    expectSafe(r.stdout, 'stdout');
  });
});

/** Runs kam with stdout on /dev/full. */
function toFull(args: string[], cwd = REPO): { code: number; stderr: string } {
  const fd = openSync('/dev/full', 'w');
  try {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', KAM_DEBUG: '' } });
    return { code: r.status ?? -1, stderr: r.stderr };
  } finally {
    closeSync(fd);
  }
}

function bigCsv(): string {
  const d = dir('big');
  const rows = ['id,name,revenue_2024'];
  for (let i = 0; i < 5000; i++) rows.push(`c${i},Client number ${i},${1000 + i * 7}`);
  writeFileSync(join(d, 'big.csv'), `${rows.join('\n')}\n`);
  return join(d, 'big.csv');
}

describe.skipIf(!existsSync('/dev/full'))('stdout on a full disk (/dev/full)', () => {
  const big = bigCsv();
  const message = 'kam: cannot write stdout: no space left on device (ENOSPC)\n';

  it.each(
    [
      ['-C', 'examples', 'score'],
      ['-C', 'examples', 'check', '--format', 'json'],
      ['-C', 'examples', 'gaps'],
      ['score', '--data', big, '--format', 'csv'],
      ['score', '--data', big, '--format', 'json'],
      ['--version'],
      ['--help'],
      ['schema'],
    ].map((args) => ({ name: args.join(' ').replace(big, 'big.csv'), args })),
  )('kam $name: one line, exit 2', ({ args }) => {
    const r = toFull(args);
    expect(r.stderr.endsWith(message), r.stderr).toBe(true);
    expect(r.stderr.split('\n').filter((line) => line.includes('cannot write'))).toHaveLength(1);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.code).toBe(2);
  });

  it('a closed pipe (kam … | head) is still no error', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" score --data "${big}" --format csv | head -c 10 >/dev/null; echo "rc=\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('rc=0');
    expect(r.stderr).not.toMatch(/EPIPE|Error|cannot write/);
  });
});

/** A workspace with a client export of three rows; the second-best row makes a plan of about 20 KB. */
function importWorkspace(root: string): void {
  writeFileSync(join(root, 'kam.yaml'), 'version: 1\n');
  writeFileSync(join(root, 'clients.csv'), `id,name,revenue_2024,industry\nfirst,First,3000000,Telecom\nsecond,Second,2000000,${'x'.repeat(20_000)}\nthird,Third,1000000,Power\n`);
}

function tempFiles(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder).filter((name) => name.startsWith('.kam-tmp-')) : [];
}

/** kam with a limit on the size of the files it writes (bash ulimit -f, in KiB): writes beyond it fail with EFBIG. */
function limited(kib: number, args: string[], cwd: string) {
  const r = spawnSync('bash', ['-c', `ulimit -f ${kib} && exec "$0" "$@"`, process.execPath, BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', KAM_DEBUG: '' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('files that cannot be written', () => {
  it('kam import lists the plans written before the error, then the error, exit 2', () => {
    const ws = dir('import-efbig');
    importWorkspace(ws);
    const r = limited(8, ['import', 'clients.csv', '--top', '3', '--template', 'minimal', '--as-of', '2026-01-01'], ws);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^created\s+accounts\/first\.yaml /m);
    expect(r.stdout).not.toMatch(/second\.yaml|third\.yaml \(/);
    expect(r.stdout).toContain('created 1 plan(s) before the error; 2 not written');
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('kam: cannot write accounts/second.yaml: file too large (EFBIG)');
    expect(readdirSync(join(ws, 'accounts'))).toEqual(['first.yaml']);
    // Once the cause is gone, a rerun creates the rest and skips the one written.
    const again = kam(['import', 'clients.csv', '--top', '3', '--template', 'minimal', '--as-of', '2026-01-01'], { cwd: ws });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^skipped\s+accounts\/first\.yaml/m);
    expect(readdirSync(join(ws, 'accounts')).sort()).toEqual(['first.yaml', 'second.yaml', 'third.yaml']);
  });

  it('kam new, kam report -o and kam init: one line naming the file, exit 2, no temporary file left', () => {
    const ws = dir('new-efbig');
    writeFileSync(join(ws, 'kam.yaml'), 'version: 1\n');
    const created = kam(['new', 'Small', '--yes', '--template', 'minimal'], { cwd: ws });
    expect(created.code, created.stderr).toBe(0);
    const r = limited(1, ['new', 'ACME Telecom', '--yes', '--industry', 'x'.repeat(4000)], ws);
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: 'kam: cannot write accounts/acme-telecom.yaml: file too large (EFBIG)\n' });
    expect(tempFiles(join(ws, 'accounts'))).toEqual([]);
    const report = limited(4, ['report', '-o', 'report.html'], ws);
    expect(report).toMatchObject({ code: 2, stderr: 'kam: cannot write report.html: file too large (EFBIG)\n' });
    expect(existsSync(join(ws, 'report.html'))).toBe(false);
    const fresh = dir('init-efbig');
    // --kam-source: npm pack, a child process, would meet the same file size limit first.
    const init = limited(8, ['init', '--yes', '--kam-source', 'github:acme/kam#v0.1.0'], fresh);
    expect(init.code).toBe(2);
    expect(init.stdout).toMatch(/^created\s+kam\.yaml/m);
    expect(init.stderr.trimEnd().split('\n').at(-1)).toMatch(/^kam: cannot write schemas\/plan\.schema\.json: file too large \(EFBIG\)$/);
  });

  it.skipIf(process.getuid?.() === 0)('a folder without write permission: EACCES', () => {
    const ws = dir('eacces');
    writeFileSync(join(ws, 'kam.yaml'), 'version: 1\n');
    mkdirSync(join(ws, 'accounts'), { mode: 0o555 });
    const r = kam(['new', 'ACME Telecom', '--yes'], { cwd: ws });
    expect(r).toMatchObject({ code: 2, stderr: 'kam: cannot write accounts/acme-telecom.yaml: permission denied (EACCES)\n' });
  });
});

// A real full disk: a 64 KiB tmpfs. Mounting needs root (as in the container the tests were
// written in); elsewhere these are skipped and the EFBIG tests above cover the same code.
const tiny = join(scratch, 'tiny');
mkdirSync(tiny);
const mounted = process.platform === 'linux' && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', tiny]).status === 0;
afterAll(() => {
  if (mounted) spawnSync('umount', [tiny]);
  rmSync(scratch, { recursive: true, force: true });
});

describe.skipIf(!mounted)('a full disk (a 64 KiB tmpfs)', () => {
  /** Leaves `pages` blocks (of 4 KiB) free, with one more filler file. */
  let fillers = 0;
  function fill(folder: string, pages: number): void {
    const { bavail, bsize } = statfsSync(folder);
    writeFileSync(join(folder, `filler-${++fillers}`), Buffer.alloc(Math.max(0, (bavail - pages) * bsize)));
  }

  it('kam import: the plans written so far, then ENOSPC; kam new: ENOSPC; a read-only disk: EROFS', () => {
    const ws = join(tiny, 'ws');
    mkdirSync(join(ws, 'accounts'), { recursive: true });
    writeFileSync(join(ws, 'kam.yaml'), 'version: 1\n');
    writeFileSync(join(ws, 'clients.csv'), 'id,name,revenue_2024\na,A,3000\nb,B,2000\nc,C,1000\n');
    fill(ws, 2);
    const r = kam(['import', 'clients.csv', '--top', '3', '--template', 'minimal', '--as-of', '2026-01-01'], { cwd: ws });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^created\s+accounts\/a\.yaml/m);
    expect(r.stdout).toMatch(/created \d plan\(s\) before the error; \d not written/);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toMatch(/^kam: cannot write accounts\/[bc]\.yaml: no space left on device \(ENOSPC\)$/);
    expect(tempFiles(join(ws, 'accounts'))).toEqual([]);
    fill(ws, 0);
    const full = kam(['new', 'ACME Telecom', '--yes'], { cwd: ws });
    expect(full).toMatchObject({ code: 2, stderr: 'kam: cannot write accounts/acme-telecom.yaml: no space left on device (ENOSPC)\n' });
    for (let i = 1; i <= fillers; i++) rmSync(join(ws, `filler-${i}`));
    expect(spawnSync('mount', ['-o', 'remount,ro', tiny]).status).toBe(0);
    const ro = kam(['new', 'ACME Telecom', '--yes'], { cwd: ws });
    spawnSync('mount', ['-o', 'remount,rw', tiny]);
    expect(ro).toMatchObject({ code: 2, stderr: 'kam: cannot write accounts/acme-telecom.yaml: read-only file system (EROFS)\n' });
  });
});

describe("Node's process warnings", () => {
  const workbook = join(fixture('workbooks'), 'clients-libreoffice.xlsx');

  it('a deprecation warning of a dependency (exceljs under --pending-deprecation) is not shown, unless KAM_DEBUG=1', () => {
    const env = { NODE_OPTIONS: '--pending-deprecation' };
    const r = kam(['score', '--data', workbook], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/Warning|node --trace/);
    expect(kam(['score', '--data', workbook], { env: { ...env, KAM_DEBUG: '1' } }).stderr).toMatch(/DeprecationWarning/);
  });

  it('nor a warning raised in a worker thread', () => {
    const d = dir('warn');
    const preload = join(d, 'warn.mjs');
    writeFileSync(preload, "import { isMainThread } from 'node:worker_threads';\nif (!isMainThread) process.emitWarning('boom from a worker', 'ExperimentalWarning');\n");
    const env = { NODE_OPTIONS: `--import=${preload}`, KAM_THREADS: '2', KAM_PART_BYTES: '16384' };
    const big = bigCsv();
    const r = kam(['score', '--data', big, '--top', '1'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/Warning/);
    expect(kam(['score', '--data', big, '--top', '1'], { env: { ...env, KAM_DEBUG: '1' } }).stderr).toMatch(/ExperimentalWarning: boom from a worker/);
  });
});

describe('temporary files of a killed kam', () => {
  it('the next write in the folder removes those whose process is gone', () => {
    const ws = dir('stale');
    writeFileSync(join(ws, 'kam.yaml'), 'version: 1\n');
    mkdirSync(join(ws, 'accounts'));
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    writeFileSync(join(ws, 'accounts', `.kam-tmp-${dead}-0badc0de`), ''); // what kill -9 during a write leaves
    const r = kam(['new', 'ACME Telecom', '--yes'], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(ws, 'accounts'))).toEqual(['acme-telecom.yaml']);
  });
});

// The id check of kam new and kam import reads each plan's `id:` line with planIdOfText
// (src/core/plan-file.ts, through existingPlanIds of src/io/workspace.ts). It used to miss a
// plan that starts with a byte order mark, or spells the key quoted ("id": …), and wrote a
// second plan for the same account.
describe('kam new and kam import: an account that already has a plan', () => {
  const cases: [string, string][] = [
    ['a byte order mark', '\ufeffid: acme-telecom\nname: ACME Telecom\n'],
    ['a quoted key', '"id": acme-telecom\nname: ACME Telecom\n'],
    ["a single-quoted key and value", "'id': 'acme-telecom'\nname: ACME Telecom\n"],
  ];
  it.each(cases)('kam new refuses when the other plan has %s', (_, text) => {
    const ws = dir('dup');
    writeFileSync(join(ws, 'kam.yaml'), 'version: 1\n');
    mkdirSync(join(ws, 'accounts'));
    writeFileSync(join(ws, 'accounts/old.yaml'), text);
    const r = kam(['new', 'ACME Telecom', '--yes'], { cwd: ws });
    expect(readdirSync(join(ws, 'accounts'))).toEqual(['old.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('account id "acme-telecom" already has a plan: accounts/old.yaml');
  });

  it.each(cases)('kam import skips the row when the other plan has %s', (_, text) => {
    const ws = dir('dup-import');
    writeFileSync(join(ws, 'kam.yaml'), 'version: 1\n');
    mkdirSync(join(ws, 'accounts'));
    writeFileSync(join(ws, 'accounts/old.yaml'), text);
    writeFileSync(join(ws, 'clients.csv'), 'name,revenue_2024\nACME Telecom,1000\n');
    const r = kam(['import', 'clients.csv', '--top', '1'], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(ws, 'accounts'))).toEqual(['old.yaml']);
  });

  it('(the plain spelling is found today)', () => {
    const ws = dir('dup-plain');
    writeFileSync(join(ws, 'kam.yaml'), 'version: 1\n');
    mkdirSync(join(ws, 'accounts'));
    writeFileSync(join(ws, 'accounts/old.yaml'), 'id: acme-telecom\nname: ACME Telecom\n');
    const r = kam(['new', 'ACME Telecom', '--yes'], { cwd: ws });
    expect(r.code).toBe(2);
    expect(readdirSync(join(ws, 'accounts'))).toEqual(['old.yaml']);
  });
});
