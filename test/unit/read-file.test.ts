// The one file reader (src/io/read-file.ts): regular files only, the type known before opening,
// the size before reading, no symlink out of the root, and reasons that never hold content.
// What could hang or read without end (a FIFO, a device, a listing that lies) runs in a child
// process killed after 10 s, so that a regression fails the test instead of hanging the run.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeYamlBytes, MAX_FILE_BYTES } from '../../src/core/yaml-source.js';
import { errnoReason, FILE_LIMIT, overLimitStandIn, readFileSafe, type ReadOptions } from '../../src/io/read-file.js';
import { readPlan } from '../../src/io/workspace.js';

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'kam-read-file-')));
chmodSync(dir, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The reader as one ES module, for child processes (Node runs no TypeScript by itself).
const bundle = join(dir, 'read-file.mjs');
buildSync({ entryPoints: [new URL('../../src/io/read-file.ts', import.meta.url).pathname], bundle: true, format: 'esm', platform: 'node', outfile: bundle, logLevel: 'silent' });
chmodSync(bundle, 0o644);

interface ChildResult {
  ok: boolean;
  reason?: string;
  length?: number;
  timedOut: boolean;
}

/** readFileSafe(path, options) in a child killed after 10 s; `nobody`: as uid 65534. */
function inChild(path: string, options: ReadOptions = {}, nobody = false): ChildResult {
  const script = `import { readFileSafe } from ${JSON.stringify(pathToFileURL(bundle).href)};
const r = readFileSafe(process.argv[1], JSON.parse(process.argv[2]));
process.stdout.write(JSON.stringify({ ok: r.ok, reason: r.ok ? undefined : r.reason, length: r.ok ? r.bytes.length : undefined }));`;
  const node = [process.execPath, '--input-type=module', '-e', script, path, JSON.stringify(options)];
  const [command, ...args] = nobody ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...node] : node;
  const r = spawnSync(command!, args, { encoding: 'utf8', timeout: 10_000, killSignal: 'SIGKILL' });
  if (r.signal === 'SIGKILL') return { ok: false, timedOut: true };
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  return { ...(JSON.parse(r.stdout) as Omit<ChildResult, 'timedOut'>), timedOut: false };
}

const canDropPrivileges =
  process.getuid?.() === 0 && spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', 'process.exit(process.getuid() === 65534 ? 0 : 1)']).status === 0;

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('readFileSafe on regular files', () => {
  it('reads a file whole, an empty one as no bytes', () => {
    const path = file('plan.yaml', 'id: a\nname: A\n');
    const r = readFileSafe(path);
    expect(r.ok && r.bytes.toString('utf8')).toBe('id: a\nname: A\n');
    const empty = readFileSafe(file('empty.yaml', ''));
    expect(empty.ok && empty.bytes.length).toBe(0);
  });

  it('reads a file of exactly the limit; one byte more is over it, told by its size', () => {
    const at = readFileSafe(file('at.yaml', Buffer.alloc(4096, 'a')), { limit: 4096 });
    expect(at.ok && at.bytes.length).toBe(4096);
    const over = readFileSafe(file('over.yaml', Buffer.alloc(4097, 'a')), { limit: 4096 });
    expect(over).toEqual({ ok: false, over: true, size: 4097, reason: 'over the 4 KiB limit (5 KiB)' });
    const big = readFileSafe(file('big.yaml', Buffer.alloc(3 * 1024 * 1024, 'a')));
    expect(big).toMatchObject({ ok: false, over: true, size: 3 * 1024 * 1024, reason: 'over the 1 MiB limit (3,072 KiB)' });
  });

  it('refuses a folder, and says so', () => {
    mkdirSync(join(dir, 'folder.yaml'));
    expect(readFileSafe(join(dir, 'folder.yaml'))).toEqual({ ok: false, reason: 'it is a folder, not a file' });
  });

  it('refuses a file that holds more than its size says (/proc), without its content', () => {
    const r = readFileSafe('/proc/self/status');
    expect(r).toEqual({ ok: false, reason: 'it holds more than its size says (it changed while kam read it, or it is a file of /proc or /sys)' });
  });
});

describe('readFileSafe and symlinks (realRoot)', () => {
  const root = join(dir, 'ws');
  const out = join(dir, 'out');
  mkdirSync(join(root, 'conf'), { recursive: true });
  mkdirSync(out);
  writeFileSync(join(root, 'conf', 'kam.yaml'), 'version: 1\n');
  writeFileSync(join(out, 'secret'), 'TOKEN=ghp_secret\n');
  symlinkSync('conf/kam.yaml', join(root, 'inside.yaml'));
  symlinkSync(join(out, 'secret'), join(root, 'outside.yaml'));
  symlinkSync(out, join(root, 'out-folder'));
  symlinkSync('nowhere.yaml', join(root, 'dangling.yaml'));

  it('follows a symlink that stays inside the root', () => {
    const r = readFileSafe(join(root, 'inside.yaml'), { realRoot: root });
    expect(r.ok && r.bytes.toString()).toBe('version: 1\n');
  });

  it('refuses a symlink out of the root (the file itself, or a folder on its path), naming no content', () => {
    for (const path of [join(root, 'outside.yaml'), join(root, 'out-folder', 'secret')]) {
      const r = readFileSafe(path, { realRoot: root });
      expect(r).toEqual({ ok: false, reason: 'it is a symlink that leads outside the workspace' });
    }
    // Without a root the caller has checked the path: the link is followed.
    expect(readFileSafe(join(root, 'outside.yaml')).ok).toBe(true);
  });

  it('a dangling symlink', () => {
    expect(readFileSafe(join(root, 'dangling.yaml'), { realRoot: root })).toEqual({ ok: false, reason: 'no such file (or a dangling symlink)' });
  });
});

describe('readFileSafe on what is not a regular file (in a child, killed after 10 s)', () => {
  const fifo = join(dir, 'fifo.yaml');
  spawnSync('mkfifo', [fifo]);

  it('a FIFO is refused before it is opened (opening it would wait for a writer)', () => {
    expect(inChild(fifo)).toEqual({ ok: false, reason: 'not a regular file (a FIFO)', timedOut: false });
  });

  it('a FIFO that a listing said was a regular file: opened without blocking, refused from fstat', () => {
    expect(inChild(fifo, { regular: true })).toEqual({ ok: false, reason: 'not a regular file (a FIFO)', timedOut: false });
  });

  it('/dev/zero and /dev/urandom are refused, not read without end', () => {
    for (const device of ['/dev/zero', '/dev/urandom']) {
      expect(inChild(device)).toEqual({ ok: false, reason: 'not a regular file (a character device)', timedOut: false });
      expect(inChild(device, { regular: true })).toEqual({ ok: false, reason: 'not a regular file (a character device)', timedOut: false });
    }
  });

  it.skipIf(!canDropPrivileges)('EACCES (as nobody): a file without read permission, a file in a folder that cannot be entered', () => {
    const locked = file('locked.yaml', 'id: x\n');
    chmodSync(locked, 0o000);
    mkdirSync(join(dir, 'closed'));
    writeFileSync(join(dir, 'closed', 'plan.yaml'), 'id: x\n');
    chmodSync(join(dir, 'closed'), 0o000);
    try {
      expect(inChild(locked, {}, true)).toEqual({ ok: false, reason: 'permission denied', timedOut: false });
      expect(inChild(locked, { regular: true }, true)).toEqual({ ok: false, reason: 'permission denied', timedOut: false });
      expect(inChild(join(dir, 'closed', 'plan.yaml'), {}, true)).toEqual({ ok: false, reason: 'permission denied', timedOut: false });
    } finally {
      chmodSync(join(dir, 'closed'), 0o755);
    }
  });
});

describe('reasons and the stand-in of a plan over the limit', () => {
  it('errno codes in words (the code path of EACCES where tests cannot provoke it)', () => {
    expect(errnoReason({ code: 'EACCES' })).toBe('permission denied');
    expect(errnoReason({ code: 'EPERM' })).toBe('permission denied');
    expect(errnoReason({ code: 'ENOENT' })).toBe('no such file (or a dangling symlink)');
    expect(errnoReason({ code: 'ELOOP' })).toBe('a symlink loop');
    expect(errnoReason({ code: 'EMFILE' })).toBe('too many open files');
    expect(errnoReason({ code: 'EXDEV' })).toBe('EXDEV');
    expect(errnoReason(new Error('no code'))).toBe('an unknown error');
  });

  it('a plan over the limit reads as the bytes that the YAML reader reports as over it, like any file over it', () => {
    expect(FILE_LIMIT).toBe(MAX_FILE_BYTES);
    const path = file('huge-plan.yaml', Buffer.alloc(FILE_LIMIT + 10, 'a'));
    const read = readPlan({ file: 'accounts/huge.yaml', path });
    expect(read.bytes).toBe(overLimitStandIn());
    const decoded = decodeYamlBytes(read.bytes!);
    expect(decoded.ok).toBe(false);
    // The message of a file read up to the limit and one byte: its size is not known, and none is made up.
    expect(decoded).toEqual(decodeYamlBytes(Buffer.alloc(MAX_FILE_BYTES + 1, 'a')));
    expect(!decoded.ok && decoded.problem.message).toMatch(/^file is over the 1 MiB limit for a plan/);
  });

  it('a plan that cannot be read is a problem to report, a plan given as bytes is those bytes', () => {
    expect(readPlan({ file: 'accounts/x.yaml', path: join(dir, 'folder.yaml') })).toEqual({ problem: 'it is a folder, not a file' });
    expect(readPlan({ file: 'accounts/x.yaml', problem: 'not a regular file (a FIFO)' })).toEqual({ problem: 'not a regular file (a FIFO)' });
    const bytes = new Uint8Array([1, 2]);
    expect(readPlan({ file: 'accounts/x.yaml', bytes }).bytes).toBe(bytes);
  });
});
