// kam speaks Chinese on the command line: --help, commander's usage errors, kam's own errors and
// notes, and the locale chain (--locale > KAM_LOCALE > LC_ALL > LANG > kam.yaml locale) end to end.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, json, kam } from './helpers.js';

const ZH = { KAM_LOCALE: 'zh-CN' };
const NO_COACH_EN = 'add a coach: someone inside Solo Ltd who guides you through the decision';
const NO_COACH_ZH = '请发展教练：在 Solo Ltd 内部为你指引决策过程的人';

/** A workspace of one plan that misses a coach (coachRequired for every tier), with `locale:` in kam.yaml when given. */
function workspace(locale?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kam-cli-zh-'));
  writeFileSync(join(dir, 'kam.yaml'), `version: 1\n${locale ? `locale: ${locale}\n` : ''}policies:\n  coachRequired: [strategic, key, growth, maintain]\n`);
  mkdirSync(join(dir, 'accounts'));
  writeFileSync(join(dir, 'accounts', 'solo.yaml'), 'id: solo\nname: Solo Ltd\n');
  return dir;
}

describe('kam --help in Chinese', () => {
  it('--locale zh-CN: commander titles, kam descriptions, choices and defaults', () => {
    const r = kam(['--help', '--locale', 'zh-CN']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('用法：kam [options] [command]\n')).toBe(true);
    expect(r.stdout).toContain('大客户管理即代码');
    expect(r.stdout).toContain('\n选项：\n');
    expect(r.stdout).toContain('\n命令：\n');
    expect(r.stdout).toMatch(/^ {2}check \[options\] \[files\.\.\.\] +校验计划并执行规则检查（CI 门禁）$/m);
    expect(r.stdout).toMatch(/^ {2}-h, --help +显示命令帮助$/m);
    expect(r.stdout).toMatch(/^ {2}help \[command\] +显示命令帮助$/m);
    expect(r.stdout).not.toMatch(/Usage:|Options:|Commands:|display help/);
  });

  it('LANG=zh_CN.UTF-8: kam check --help', () => {
    const r = kam(['check', '--help'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('用法：kam check [options] [files...]\n\n校验计划并执行规则检查（CI 门禁）\n')).toBe(true);
    expect(r.stdout).toContain('\n参数：\n');
    expect(r.stdout).toContain('输出格式（可选值："stylish"、"json"、"github"、"sarif"、"junit"、"markdown"；默认值："stylish"）');
    expect(r.stdout).toContain('只报告错误');
    expect(r.stdout).not.toMatch(/choices:|default:|Arguments:/);
  });

  it('an argument default in Chinese (kam schema --help)', () => {
    const r = kam(['schema', '--help'], { env: ZH });
    expect(r.stdout).toMatch(/^ {2}kind +plan（计划）\| config（kam\.yaml）（默认值："plan"）$/m);
  });

  it('English --help is what commander always wrote', () => {
    const top = kam(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout.startsWith('Usage: kam [options] [command]\n\nKey account management as code: score, tier and check YAML account plans.\n\nOptions:\n')).toBe(true);
    expect(top.stdout).toContain('\n  -h, --help                    display help for command\n');
    expect(top.stdout).toContain('\n  check [options] [files...]    validate plans and apply the rules (the CI gate)\n');
    expect(top.stdout).toContain('\n  help [command]                display help for command\n');
    const check = kam(['check', '--help'], { env: { LANG: 'en_US.UTF-8' } });
    expect(check.stdout).toContain('\nArguments:\n  files                  plan files, folders or globs (default: the plans of\n                         kam.yaml)\n');
    expect(check.stdout).toContain('\n  -f, --format <format>  output format (choices: "stylish", "json", "github",\n                         "sarif", "junit", "markdown", default: "stylish")\n');
  });
});

describe('usage errors in Chinese', () => {
  it("commander's errors, with the argument quoted as given and the hint", () => {
    const r = kam(['check', '--formt', 'json'], { env: ZH });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('错误：未知选项“--formt”\n（是不是想用 --format？）\n（运行 kam --help 查看用法）\n');
    const choice = kam(['check', '-f', 'xml'], { env: ZH });
    expect(choice.code).toBe(2);
    expect(choice.stderr).toContain('错误：选项“-f, --format <format>”的参数值“xml”无效，可选值为 stylish, json, github, sarif, junit, markdown\n');
    const missing = kam(['new', '--locale', 'zh-CN']);
    expect(missing.stderr).toContain('错误：缺少必需的参数“name”\n');
    expect(missing.code).toBe(2);
  });

  it("English usage errors are commander's", () => {
    const r = kam(['check', '--formt', 'json']);
    expect(r.stderr).toBe("error: unknown option '--formt'\n(Did you mean --format?)\n(run kam --help for usage)\n");
    expect(r.code).toBe(2);
  });

  it("kam's own usage error (UsageError) and an input error (InputError)", () => {
    const asOf = kam(['-C', fixture('valid'), 'check', '--as-of', '2026-13-01'], { env: ZH });
    expect(asOf.stderr).toBe('kam: --as-of 需要 YYYY-MM-DD 格式的日期，收到的是“2026-13-01”\n');
    expect(asOf.code).toBe(2);
    const missing = kam(['-C', fixture('valid'), 'check', 'accounts/nope.yaml'], { env: ZH });
    expect(missing.stderr).toBe('kam: accounts/nope.yaml：文件不存在\n');
    expect(missing.code).toBe(2);
    const noWorkspace = kam(['-C', tmpdir(), 'gaps'], { env: ZH });
    expect(noWorkspace.stderr).toMatch(/^kam: 在 .+ 及其上级文件夹中都没有找到 kam\.yaml；请运行 `kam init`/);
    expect(noWorkspace.code).toBe(2);
  });
});

describe('the locale chain, end to end (kam check)', () => {
  const check = (dir: string, env: Record<string, string>, ...args: string[]) => kam(['-C', dir, 'check', '--as-of', '2026-11-23', ...args], { env });

  it('kam.yaml locale speaks when the environment names no language', () => {
    const r = check(workspace('zh-CN'), { LANG: 'C.UTF-8' });
    expect(r.stdout).toContain(NO_COACH_ZH);
    expect(r.stdout).not.toContain(NO_COACH_EN);
  });

  it('kam.yaml locale speaks for --help and usage errors too, found from -C or --config', () => {
    const ws = workspace('zh-CN');
    expect(kam(['--help'], { cwd: ws }).stdout.startsWith('用法：kam [options] [command]\n')).toBe(true);
    expect(kam(['-C', ws, 'check', '--help']).stdout.startsWith('用法：kam check')).toBe(true);
    expect(kam(['--config', join(ws, 'kam.yaml'), 'score', '--bogus']).stderr).toContain('错误：未知选项“--bogus”');
    expect(kam(['--help'], { cwd: ws, env: { LANG: 'en_US.UTF-8' } }).stdout.startsWith('Usage: kam')).toBe(true);
    expect(kam(['--help'], { cwd: workspace() }).stdout.startsWith('Usage: kam')).toBe(true);
  });

  it('LANG beats kam.yaml, LC_ALL beats LANG, KAM_LOCALE beats LC_ALL, --locale beats KAM_LOCALE', () => {
    const zhWorkspace = workspace('zh-CN');
    const plain = workspace();
    expect(check(zhWorkspace, { LANG: 'en_US.UTF-8' }).stdout).toContain(NO_COACH_EN);
    expect(check(plain, { LANG: 'zh_CN.UTF-8' }).stdout).toContain(NO_COACH_ZH);
    expect(check(plain, { LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }).stdout).toContain(NO_COACH_EN);
    expect(check(plain, { LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }).stdout).toContain(NO_COACH_ZH);
    expect(check(zhWorkspace, { KAM_LOCALE: 'en', LC_ALL: 'zh_CN.UTF-8' }).stdout).toContain(NO_COACH_EN);
    expect(check(plain, { KAM_LOCALE: 'zh-CN', LC_ALL: 'en_US.UTF-8' }).stdout).toContain(NO_COACH_ZH);
    expect(check(zhWorkspace, { KAM_LOCALE: 'zh-CN' }, '--locale', 'en').stdout).toContain(NO_COACH_EN);
    expect(check(plain, { KAM_LOCALE: 'en' }, '--locale', 'zh-CN').stdout).toContain(NO_COACH_ZH);
  });

  it('JSON messages stay English unless --locale is given', () => {
    const dir = workspace('zh-CN');
    const implicit = json<{ findings: { rule: string; message: string }[] }>(check(dir, ZH, '--format', 'json').stdout);
    expect(implicit.findings.find((f) => f.rule === 'no-coach')?.message).toContain(NO_COACH_EN);
    const explicit = json<{ findings: { rule: string; message: string }[] }>(check(dir, {}, '--format', 'json', '--locale', 'zh-CN').stdout);
    expect(explicit.findings.find((f) => f.rule === 'no-coach')?.message).toContain(NO_COACH_ZH);
  });
});

describe('a locale kam cannot speak', () => {
  it.each([
    ['check', ['check'], { }, '--locale: unknown locale "fr"'],
    ['schema', ['schema'], {}, '--locale: unknown locale "fr"'],
    ['init', ['init', 'ws', '--yes'], {}, '--locale: unknown locale "fr"'],
    ['score --data', ['score', '--data', 'none.csv'], {}, '--locale: unknown locale "fr"'],
  ])('--locale fr: kam %s is a usage error (exit 2) naming --locale', (_name, args, env, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'kam-cli-zh-fr-'));
    const r = kam(['--locale', 'fr', ...args], { cwd: dir, env });
    expect(r.stderr).toBe(`kam: ${message} (kam speaks en, zh-CN)\n`);
    expect(r.code).toBe(2);
  });

  it('KAM_LOCALE=fr: named as KAM_LOCALE, for a command that reads no kam.yaml too', () => {
    const r = kam(['schema', 'config'], { env: { KAM_LOCALE: 'fr' } });
    expect(r.stderr).toBe('kam: KAM_LOCALE: unknown locale "fr" (kam speaks en, zh-CN)\n');
    expect(r.stdout).toBe('');
    expect(r.code).toBe(2);
  });

  it('kam.yaml locale: fr is an invalid kam.yaml, located (exit 2), its heading in the locale of the environment', () => {
    const r = kam(['-C', workspace('fr'), 'gaps'], { env: ZH });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kam: kam\.yaml 无效，请修正后重新运行：\nkam\.yaml:2:9: .*locale/);
  });
});

describe('kam history and git revisions', () => {
  /** A git repository of the workspace of workspace(), kam.yaml committed with `locale:` when given. */
  function repo(locale?: string): string {
    const dir = workspace(locale);
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: dir, stdio: 'ignore', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'Kam Tester', GIT_AUTHOR_EMAIL: 'kam@example.com', GIT_COMMITTER_NAME: 'Kam Tester', GIT_COMMITTER_EMAIL: 'kam@example.com' } });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'plans');
    return dir;
  }

  it('kam history speaks the locale of the kam.yaml of the revision it reads', () => {
    const dir = repo('zh-CN');
    // The working tree's kam.yaml says nothing of a locale: the committed one speaks.
    writeFileSync(join(dir, 'kam.yaml'), 'version: 1\n');
    const r = kam(['-C', dir, 'history', 'nobody']);
    expect(r.stderr).toBe('kam: kam history nobody：历史中没有这个 id 的计划\n');
    expect(r.code).toBe(2);
    expect(kam(['-C', repo(), 'history', 'nobody']).stderr).toBe('kam: kam history nobody: no plan with that id in the history\n');
  });

  it('an unknown revision, in Chinese', () => {
    const dir = repo();
    const r = kam(['-C', dir, 'check', '--ref', 'v9'], { env: ZH });
    expect(r.stderr).toMatch(/^kam: 未知版本“v9”：.+ 中没有这个提交\n$/);
    expect(r.code).toBe(2);
    const dash = kam(['-C', dir, 'diff', '--locale', 'zh-CN', '--', '-x']);
    expect(dash.stderr).toBe('kam: 版本“-x”以“-”开头；kam 不会把它交给 git（它可能被当成选项）\n');
    expect(dash.code).toBe(2);
  });
});
