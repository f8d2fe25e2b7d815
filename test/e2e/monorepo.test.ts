// A workspace that is a folder of a larger git repository (`sales/kam`): GitHub resolves the
// `file=` of annotations and SARIF URIs against the repository root (the checkout), so github,
// sarif and junit write paths from there (`sales/kam/accounts/a.yaml`), found by walking up to
// `.git` (a folder, or a file in a worktree or submodule) without running git. Outside git they
// stay workspace-relative, and json always is (SPEC 6).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, json, kam } from './helpers.js';

const AS_OF = ['--as-of', '2026-11-23'];
const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'kam-monorepo-')));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_DATE: '2026-11-01T12:00:00Z', GIT_COMMITTER_DATE: '2026-11-01T12:00:00Z' },
  });
}

// ---------------------------------------------------------------------------------------------
// A reader of GitHub workflow commands, as the Actions runner parses them: `::command
// key=value,key=value::message`, properties split at `,` and `=`, then unescaped
// (%25 %0D %0A %3A %2C in properties; %25 %0D %0A in the message).

interface Annotation {
  command: string;
  properties: Record<string, string>;
  message: string;
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

function parseAnnotations(output: string): Annotation[] {
  return output
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const m = /^::([a-z]+)(?: ([^:]*))?::(.*)$/.exec(line);
      if (!m) throw new Error(`not a workflow command: ${line}`);
      const properties: Record<string, string> = {};
      for (const pair of (m[2] ?? '').split(',')) {
        if (pair === '') continue;
        const eq = pair.indexOf('=');
        if (eq <= 0) throw new Error(`bad property ${pair} in ${line}`);
        properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
      }
      return { command: m[1]!, properties, message: unescapeData(m[3]!) };
    });
}

// ---------------------------------------------------------------------------------------------

/** A workspace: the examples, plus a plan with a schema error and one whose name needs escaping. */
function makeWorkspace(ws: string): void {
  mkdirSync(ws, { recursive: true });
  cpSync(join(REPO, 'examples', 'kam.yaml'), join(ws, 'kam.yaml'));
  cpSync(join(REPO, 'examples', 'accounts'), join(ws, 'accounts'), { recursive: true });
  writeFileSync(join(ws, 'accounts', 'broken.yaml'), 'id: broken\nname: Broken\nrelationships:\n  - name: Li\n    role: boss\n');
  writeFileSync(join(ws, 'accounts', 'odd, name: 100% #1.yaml'), 'id: odd\nname: Odd\nowne: Jane\n');
}

function check(cwd: string, args: string[]): { code: number; stdout: string; stderr: string } {
  const r = kam([...args, ...AS_OF], { cwd });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(1);
  return r;
}

const sarifUris = (stdout: string): string[] => json(stdout).runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri);
const fromUri = (uri: string): string => uri.split('/').map(decodeURIComponent).join('/');
/** The paths a JUnit report names (testsuite name and file, testcase classname) that are plan files. */
const junitPaths = (xml: string): string[] => [...xml.matchAll(/ (?:name|classname|file)="([^"]*\.yaml)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

describe('a workspace in sales/kam of a git repository', () => {
  const repo = join(scratch, 'mono');
  const ws = join(repo, 'sales', 'kam');
  beforeAll(() => {
    makeWorkspace(ws);
    mkdirSync(join(repo, 'web'), { recursive: true });
    writeFileSync(join(repo, 'web', 'index.html'), '<p>another project of the monorepo</p>\n');
    git(repo, ['init', '-q', '-b', 'main']);
    git(repo, ['add', '-A']);
    git(repo, ['-c', 'user.name=Kam Tester', '-c', 'user.email=kam@example.com', 'commit', '-q', '-m', 'plans']);
  });

  it('github: annotations name files from the repository root, which a GitHub parser reads back to files that exist', () => {
    const r = check(repo, ['-C', 'sales/kam', 'check', '--format', 'github']);
    const annotations = parseAnnotations(r.stdout);
    expect(annotations.length).toBeGreaterThan(5);
    for (const a of annotations) {
      expect(['error', 'warning']).toContain(a.command);
      expect(a.properties.file, JSON.stringify(a)).toMatch(/^sales\/kam\/accounts\/[^/]+\.yaml$/);
      expect(existsSync(join(repo, a.properties.file!)), a.properties.file).toBe(true);
      expect(Number(a.properties.line)).toBeGreaterThanOrEqual(1);
      expect(Number(a.properties.col)).toBeGreaterThanOrEqual(1);
      expect(a.properties.title).toMatch(/^kam [a-z-]+$/);
    }
    const files = new Set(annotations.map((a) => a.properties.file));
    expect(files).toContain('sales/kam/accounts/broken.yaml');
    expect(files).toContain('sales/kam/accounts/odd, name: 100% #1.yaml');
    expect(r.stdout).toContain('file=sales/kam/accounts/odd%2C name%3A 100%25 #1.yaml,');
    const schema = annotations.find((a) => a.properties.file === 'sales/kam/accounts/broken.yaml' && a.properties.title === 'kam schema');
    expect(schema).toMatchObject({ command: 'error', properties: { line: '5', col: '11' } });
  });

  it('the same from inside the workspace, from a subfolder of it, and with --config', () => {
    const expected = check(repo, ['-C', 'sales/kam', 'check', '--format', 'github']).stdout;
    expect(check(ws, ['check', '--format', 'github']).stdout).toBe(expected);
    expect(check(join(ws, 'accounts'), ['check', '--format', 'github']).stdout).toBe(expected);
    expect(check(repo, ['--config', 'sales/kam/kam.yaml', 'check', '--format', 'github']).stdout).toBe(expected);
  });

  it('sarif: URIs from the repository root, %SRCROOT% described as the repository root', () => {
    const r = check(repo, ['-C', 'sales/kam', 'check', '--format', 'sarif']);
    const uris = sarifUris(r.stdout);
    expect(uris.length).toBeGreaterThan(5);
    for (const uri of uris) {
      expect(uri).toMatch(/^sales\/kam\/accounts\//);
      expect(existsSync(join(repo, fromUri(uri))), uri).toBe(true);
    }
    expect(uris).toContain('sales/kam/accounts/odd,%20name%3A%20100%25%20%231.yaml');
    expect(json(r.stdout).runs[0].originalUriBaseIds['%SRCROOT%'].description.text).toMatch(/root of the git repository/);
  });

  it('junit: the plan paths from the repository root', () => {
    const r = check(repo, ['-C', 'sales/kam', 'check', '--format', 'junit']);
    const paths = junitPaths(r.stdout);
    expect(paths.length).toBeGreaterThan(5);
    for (const path of paths) {
      expect(path).toMatch(/^sales\/kam\/accounts\//);
      expect(existsSync(join(repo, path)), path).toBe(true);
    }
  });

  it('json keeps workspace-relative paths (SPEC 6)', () => {
    const doc = json(check(repo, ['-C', 'sales/kam', 'check', '--format', 'json']).stdout);
    expect(doc.findings.length).toBeGreaterThan(5);
    for (const f of doc.findings) expect(f.file).toMatch(/^accounts\//);
  });

  it('--ref reads the plans from git and writes the same paths from the repository root', () => {
    const now = check(repo, ['-C', 'sales/kam', 'check', '--format', 'github']).stdout;
    expect(check(repo, ['-C', 'sales/kam', 'check', '--format', 'github', '--ref', 'HEAD']).stdout).toBe(now);
    expect(sarifUris(check(repo, ['-C', 'sales/kam', 'check', '--format', 'sarif', '--ref', 'HEAD']).stdout)).toEqual(sarifUris(check(repo, ['-C', 'sales/kam', 'check', '--format', 'sarif']).stdout));
  });

  it('--ref still works when the workspace folder is gone from the working tree', () => {
    const copy = join(scratch, 'gone');
    git(scratch, ['clone', '-q', repo, copy]);
    rmSync(join(copy, 'sales'), { recursive: true });
    mkdirSync(join(copy, 'sales'));
    const r = check(copy, ['-C', 'sales', 'check', '--format', 'github', '--ref', 'HEAD', '--config', 'kam/kam.yaml']);
    for (const a of parseAnnotations(r.stdout)) expect(a.properties.file).toMatch(/^sales\/kam\/accounts\//);
  });

  it('through a symlink from outside the repository, paths still read from the repository root', () => {
    const link = join(scratch, 'link-to-kam');
    symlinkSync(ws, link);
    const r = check(link, ['check', '--format', 'github']);
    for (const a of parseAnnotations(r.stdout)) expect(a.properties.file).toMatch(/^sales\/kam\/accounts\//);
  });

  it('in a linked worktree (.git is a file), paths read from the worktree top', () => {
    const tree = join(scratch, 'worktree');
    git(repo, ['worktree', 'add', '-q', '--detach', tree]);
    expect(existsSync(join(tree, '.git'))).toBe(true);
    const r = check(join(tree, 'sales', 'kam'), ['check', '--format', 'github']);
    const annotations = parseAnnotations(r.stdout);
    expect(annotations.length).toBeGreaterThan(5);
    for (const a of annotations) {
      expect(a.properties.file).toMatch(/^sales\/kam\/accounts\//);
      expect(existsSync(join(tree, a.properties.file!))).toBe(true);
    }
  });
});

describe('a workspace at the top of a git repository', () => {
  it('writes paths as they are (the workspace is the repository root)', () => {
    const repo = join(scratch, 'top');
    makeWorkspace(repo);
    git(repo, ['init', '-q']);
    const annotations = parseAnnotations(check(repo, ['check', '--format', 'github']).stdout);
    for (const a of annotations) expect(a.properties.file).toMatch(/^accounts\//);
    const r = check(repo, ['check', '--format', 'sarif']);
    for (const uri of sarifUris(r.stdout)) expect(uri).toMatch(/^accounts\//);
    expect(json(r.stdout).runs[0].originalUriBaseIds['%SRCROOT%'].description.text).toMatch(/root of the git repository/);
  });
});

describe('a workspace outside any git repository', () => {
  const ws = join(scratch, 'plain', 'sales', 'kam');
  beforeAll(() => makeWorkspace(ws));

  it('writes workspace-relative paths in github, sarif and junit', () => {
    expect(existsSync(join(scratch, '.git'))).toBe(false);
    for (const a of parseAnnotations(check(join(scratch, 'plain'), ['-C', 'sales/kam', 'check', '--format', 'github']).stdout)) {
      expect(a.properties.file).toMatch(/^accounts\//);
      expect(existsSync(join(ws, a.properties.file!))).toBe(true);
    }
    const sarif = check(ws, ['check', '--format', 'sarif']).stdout;
    for (const uri of sarifUris(sarif)) expect(uri).toMatch(/^accounts\//);
    expect(json(sarif).runs[0].originalUriBaseIds['%SRCROOT%'].description.text).toMatch(/workspace root/);
    for (const path of junitPaths(check(ws, ['check', '--format', 'junit']).stdout)) expect(path).toMatch(/^accounts\//);
  });

  it('a folder named .git that is not a repository does not count', () => {
    mkdirSync(join(scratch, 'plain', '.git'));
    for (const a of parseAnnotations(check(ws, ['check', '--format', 'github']).stdout)) expect(a.properties.file).toMatch(/^accounts\//);
    rmSync(join(scratch, 'plain', '.git'), { recursive: true });
  });
});
