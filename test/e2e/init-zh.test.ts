// A Chinese workspace (issue 18 item 4): kam init --locale zh-CN writes its files in Chinese,
// kam new and kam import speak Chinese and give Han names readable pinyin ids.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { json, kam } from './helpers.js';

const AS_OF = '2026-11-23';
const EXAMPLE = 'accounts/yue-tong-yi-dong-guang-dong-gong-si.yaml';
// No npm pack: these tests are about the files' language, not the vendored kam.
const SOURCE = ['--kam-source', 'file:kam.tgz'];

function folder(): string {
  const ws = join(mkdtempSync(join(tmpdir(), 'kam-init-zh-')), 'ws');
  mkdirSync(ws);
  return ws;
}

function read(ws: string, path: string): string {
  return readFileSync(join(ws, path), 'utf8');
}

function zhWorkspace(): string {
  const ws = folder();
  const r = kam(['init', '--locale', 'zh-CN', '-y', ...SOURCE], { cwd: ws });
  expect(r.code, r.stderr).toBe(0);
  return ws;
}

describe('kam init --locale zh-CN', () => {
  it('writes kam.yaml, the example plan, the templates and the workflow in Chinese, and says so in Chinese', () => {
    const ws = folder();
    const r = kam(['init', '--locale', 'zh-CN', '-y', ...SOURCE], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^已创建 kam\.yaml$/m);
    expect(r.stdout).toContain(`已创建 ${EXAMPLE}`);
    expect(r.stdout).not.toMatch(/created|would/);
    expect(r.stderr).toMatch(/^kam: 下一步：kam check，然后用 kam new "<客户名称>"/m);

    const config = read(ws, 'kam.yaml');
    expect(config).toContain('# kam 工作区配置');
    expect(config).toMatch(/^locale: zh-CN /m);
    expect(config).toMatch(/^currency: CNY /m);
    expect(config).toContain('label: { en: Strategic, zh-CN: 战略客户 }');
    expect(config).toContain('zh-CN: 累计规模');
    const doc = parse(config) as { tiers: { id: string; label: Record<string, string> }[] };
    expect(doc.tiers.map((t) => [t.id, t.label['zh-CN']])).toEqual([['strategic', '战略客户'], ['key', '重点客户'], ['growth', '成长客户'], ['maintain', '一般客户']]);

    const example = read(ws, EXAMPLE);
    expect(example).toContain('name: 粤通移动广东公司');
    expect(example).toContain('id: yue-tong-yi-dong-guang-dong-gong-si');
    expect(example).toMatch(/role: coach +# 教练/);
    for (const type of ['technical-exchange', 'executive-meeting', 'reference-visit', 'hq-visit']) expect(example).toContain(`type: ${type}`);
    expect(readdirSync(join(ws, 'accounts'))).toEqual(['yue-tong-yi-dong-guang-dong-gong-si.yaml']);

    expect(read(ws, 'templates/plan.yaml')).toContain('# 客户计划：{{& name}}');
    expect(read(ws, 'templates/plan.yaml')).toContain('待填：联系人姓名');
    expect(read(ws, 'templates/minimal.yaml')).toContain('精简模板');
    const workflow = read(ws, '.github/workflows/kam.yml');
    expect(workflow).toContain('# kam：每份客户计划都必须能解析');
    expect(workflow).toContain('run: npx --no-install kam check --format github');
  });

  it('kam check accepts the new workspace, and kam gaps reads it in Chinese', () => {
    const ws = zhWorkspace();
    const check = kam(['check', '--as-of', AS_OF], { cwd: ws });
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const json_ = kam(['check', '--as-of', AS_OF, '--format', 'json'], { cwd: ws });
    expect(json<{ summary: { errors: number } }>(json_.stdout).summary.errors).toBe(0);
    const gaps = kam(['gaps', '--locale', 'zh-CN', '--as-of', AS_OF], { cwd: ws });
    expect(gaps.code, gaps.stderr).toBe(0);
    expect(gaps.stdout).toContain('粤通移动广东公司');
    const score = kam(['score', '--format', 'json'], { cwd: ws });
    expect(json<{ accounts: { id: string; tier: string }[] }>(score.stdout).accounts).toEqual([expect.objectContaining({ id: 'yue-tong-yi-dong-guang-dong-gong-si', tier: 'strategic' })]);
  });

  it('takes the locale from KAM_LOCALE or LANG too', () => {
    for (const env of [{ KAM_LOCALE: 'zh-CN' }, { LANG: 'zh_CN.UTF-8' }] as Record<string, string>[]) {
      const ws = folder();
      const r = kam(['init', '-y', ...SOURCE], { cwd: ws, env });
      expect(r.code, r.stderr).toBe(0);
      expect(read(ws, 'kam.yaml')).toMatch(/^locale: zh-CN /m);
      expect(r.stdout).toContain('已创建 kam.yaml');
    }
  });

  it('without a terminal and without --yes: exit 2 in Chinese, naming the flags', () => {
    const ws = folder();
    const r = kam(['init', '--locale', 'zh-CN', ...SOURCE], { cwd: ws });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('kam: 没有可提问的终端，且未给出 --currency、--tiers（共 2 项）；请传入 --currency <值>、--tiers <值>，或用 --yes 采用默认值\n');
    expect(readdirSync(ws)).toEqual([]);
    const bad = kam(['init', '--locale', 'zh-CN', '-y', '--tiers', 'gold:10,silver:20', ...SOURCE], { cwd: ws });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--tiers：层级须从高到低排列；“silver”（min 20）的 min 必须低于“gold”（min 10）');
  });

  it('--dry-run lists what it would write, in Chinese, aligned', () => {
    const ws = folder();
    const r = kam(['init', '--locale', 'zh-CN', '-y', '--dry-run', ...SOURCE], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^将创建 kam\.yaml$/m);
    expect(readdirSync(ws)).toEqual([]);
  });
});

describe('kam new and kam import in a Chinese workspace', () => {
  it('kam new 中国移动 writes accounts/zhong-guo-yi-dong.yaml from the Chinese template', () => {
    const ws = zhWorkspace();
    const r = kam(['new', '中国移动', '-y', '--tier', 'key', '--as-of', AS_OF], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('已创建 accounts/zhong-guo-yi-dong.yaml（id zhong-guo-yi-dong，层级 重点客户，模板 plan）\n');
    const plan = read(ws, 'accounts/zhong-guo-yi-dong.yaml');
    expect(plan).toMatch(/^id: zhong-guo-yi-dong$/m);
    expect(plan).toMatch(/^name: 中国移动$/m);
    expect(plan).toContain('# 客户计划：中国移动');
    expect(plan).toContain('待填：联系人姓名');
    expect(kam(['check', '--as-of', AS_OF, 'accounts/zhong-guo-yi-dong.yaml'], { cwd: ws }).code).toBe(0);

    const again = kam(['new', '中国移动', '-y'], { cwd: ws });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('kam: accounts/zhong-guo-yi-dong.yaml 已存在，保持原样（加 --force 可替换，或换一个名称或 --id）\n');
    const other = kam(['new', '中国移动', '-y', '--id', 'cmcc'], { cwd: ws });
    expect(other.code, other.stderr).toBe(0);
    expect(read(ws, 'accounts/cmcc.yaml')).toMatch(/^id: cmcc$/m);
    // Errors found before kam.yaml is read still speak its locale.
    expect(kam(['new', ' ', '-y'], { cwd: ws }).stderr).toBe('kam: kam new：客户名称为空；例如 kam new "中国移动"\n');
    const tier = kam(['new', '中国联通', '-y', '--tier', 'strategc'], { cwd: ws });
    expect(tier.code).toBe(2);
    expect(tier.stderr).toBe('kam: --tier strategc：没有这个层级；是不是“strategic”？（现有层级：strategic, key, growth, maintain）\n');
  });

  it('kam new in a workspace without templates/ uses the built-in Chinese template when the locale is zh-CN', () => {
    const ws = folder();
    writeFileSync(join(ws, 'kam.yaml'), 'version: 1\n');
    const r = kam(['new', '重庆银行', '-y', '--as-of', AS_OF], { cwd: ws, env: { KAM_LOCALE: 'zh-CN' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('如需在编辑器中自动补全');
    expect(read(ws, 'accounts/chong-qing-yin-hang.yaml')).toContain('# 客户计划：重庆银行');
    // In English, the same name gets the same id, from the English template.
    const en = kam(['new', '长沙银行', '-y', '--as-of', AS_OF], { cwd: ws });
    expect(en.stdout).toBe('created accounts/chang-sha-yin-hang.yaml (id chang-sha-yin-hang, tier maintain, template plan)\n');
    expect(read(ws, 'accounts/chang-sha-yin-hang.yaml')).toContain('# Account plan: 长沙银行');
  });

  it('kam import gives Chinese names pinyin ids, the ids kam score --data shows; homophones get -2', () => {
    const ws = zhWorkspace();
    const csv = join(ws, 'clients.csv');
    writeFileSync(csv, 'name,revenue_2024,influence\n中国移动广东公司,9000000,5\n重庆银行,4000000,3\n银行,200000,1\n音航,100000,1\nACME Telecom,3000000,2\n');
    const scored = json<{ accounts: { id: string; name: string }[] }>(kam(['score', '--data', csv, '--format', 'json'], { cwd: ws }).stdout).accounts;
    expect(Object.fromEntries(scored.map((a) => [a.name, a.id]))).toEqual({
      中国移动广东公司: 'zhong-guo-yi-dong-guang-dong-gong-si',
      重庆银行: 'chong-qing-yin-hang',
      银行: 'yin-hang',
      音航: 'yin-hang-2',
      'ACME Telecom': 'acme-telecom',
    });
    const r = kam(['import', csv, '--top', '10', '--as-of', AS_OF], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^已创建 accounts\/zhong-guo-yi-dong-guang-dong-gong-si\.yaml（排名 1，(战略客户|重点客户|成长客户|一般客户)，得分 \d+\.\d）$/m);
    expect(r.stdout).toMatch(/^已创建 \d+ 个客户计划，跳过 0 个（共 5 行，选中 5 行）$/m);
    for (const { id, name } of scored) {
      const plan = parse(read(ws, `accounts/${id}.yaml`)) as { id: string; name: string };
      expect(plan).toMatchObject({ id, name });
    }
    const again = kam(['import', csv, '--top', '10', '--as-of', AS_OF], { cwd: ws });
    expect(again.stdout).toMatch(/^已跳过 accounts\/chong-qing-yin-hang\.yaml（文件已存在，未改动）$/m);
    const none = kam(['import', csv], { cwd: ws });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('kam import：请说明哪些行要生成客户计划');
  });
});

describe('pinyin-pro is loaded only for Han names', () => {
  const hook = join(mkdtempSync(join(tmpdir(), 'kam-pinyin-hook-')), 'hook.cjs');
  writeFileSync(hook, "const M = require('module'); const load = M._load; M._load = function (r, ...a) { if (r === 'pinyin-pro') process.stderr.write('[pinyin-pro loaded]\\n'); return load.call(this, r, ...a); };\n");
  const env = { NODE_OPTIONS: `--require ${hook}` };

  it('not by kam --version nor for ASCII names; on the first Han name', () => {
    expect(kam(['--version'], { env }).stderr).not.toContain('[pinyin-pro loaded]');
    const ws = folder();
    writeFileSync(join(ws, 'kam.yaml'), 'version: 1\n');
    const ascii = kam(['new', 'ACME Telecom', '-y'], { cwd: ws, env });
    expect(ascii.code, ascii.stderr).toBe(0);
    expect(ascii.stderr).not.toContain('[pinyin-pro loaded]');
    const han = kam(['new', '中国移动', '-y'], { cwd: ws, env });
    expect(han.code, han.stderr).toBe(0);
    expect(han.stderr.split('[pinyin-pro loaded]').length - 1).toBe(1);
  });
});
