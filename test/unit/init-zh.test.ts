// The Chinese files of kam init and the Chinese prompts and texts of init, new and import.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runInit } from '../../src/commands/init.js';
import { runNew } from '../../src/commands/new.js';
import { parseConfig } from '../../src/core/config-file.js';
import { defaultInitAnswers, examplePlanFile, githubWorkflow, GITHUB_WORKFLOW, renderConfigFile, ZH_EXAMPLE_ID } from '../../src/core/init-files.js';
import { loadPlanFile } from '../../src/core/plan-file.js';
import { scaffoldPlan, statusWord } from '../../src/core/scaffold.js';
import { accountIdFor } from '../../src/core/slug.js';
import { renderTemplate } from '../../src/core/template.js';
import { displayWidth } from '../../src/format/text.js';
import { ENGLISH, setTranslator, translatorFor } from '../../src/i18n/index.js';
import { requireFlags, type Prompter } from '../../src/prompts/index.js';
import { scriptedInquirer } from './scripted-inquirer.js';

const ZH_PLAN = readFileSync(new URL('../../templates/zh-CN/plan.yaml', import.meta.url), 'utf8');
const ZH_MINIMAL = readFileSync(new URL('../../templates/zh-CN/minimal.yaml', import.meta.url), 'utf8');
const EN_PLAN = readFileSync(new URL('../../templates/plan.yaml', import.meta.url), 'utf8');
const SECTIONS = ['relationships', 'objectives', 'whitespace', 'competitors', 'engagements', 'actions', 'team', 'risks', 'review'];
const DOWN = '\x1b[B';

afterEach(() => setTranslator(ENGLISH));

async function chinese(): Promise<void> {
  setTranslator(await translatorFor('zh-CN'));
}

describe('the Chinese kam.yaml', () => {
  it('is the same model as the English one, with locale: zh-CN and labels', () => {
    const zh = parseConfig(new TextEncoder().encode(renderConfigFile(defaultInitAnswers('zh-CN'), 'zh-CN')));
    const en = parseConfig(new TextEncoder().encode(renderConfigFile(defaultInitAnswers())));
    expect(zh.ok && en.ok).toBe(true);
    if (!zh.ok || !en.ok) return;
    expect(zh.config.locale).toBe('zh-CN');
    expect(zh.config.currency).toBe('CNY');
    const strip = <T extends { label?: unknown }>(items: T[]) => items.map(({ label: _label, ...rest }) => rest);
    expect(strip(zh.config.tiers)).toEqual(en.config.tiers);
    expect(strip(zh.config.criteria)).toEqual(en.config.criteria);
    expect(zh.config.policies).toEqual(en.config.policies);
    expect(zh.config.tiers.map((t) => t.label)).toEqual([
      { en: 'Strategic', 'zh-CN': '战略客户' },
      { en: 'Key', 'zh-CN': '重点客户' },
      { en: 'Growth', 'zh-CN': '成长客户' },
      { en: 'Maintain', 'zh-CN': '一般客户' },
    ]);
    expect(zh.config.criteria.map((c) => (c.label as Record<string, string>)['zh-CN'])).toEqual(['收入', '累计规模', '影响力', '技术前景']);
  });

  it('labels only the tiers that keep a default id; renamed tiers keep the policies by position', () => {
    const answers = { currency: 'CNY', tiers: [{ id: 'strategic', min: 70 }, { id: 'silver', min: 40 }, { id: 'bronze', min: 0 }], requiredSections: { strategic: ['relationships'] } };
    const text = renderConfigFile(answers, 'zh-CN');
    const parsed = parseConfig(new TextEncoder().encode(text));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.config.tiers).toEqual([{ id: 'strategic', label: { en: 'Strategic', 'zh-CN': '战略客户' }, min: 70 }, { id: 'silver', min: 40 }, { id: 'bronze', min: 0 }]);
    expect(parsed.config.policies.coachRequired).toEqual(['strategic', 'silver']);
    expect(text).toMatch(/^# 客户层级（分层分级）/m);
    // Every comment line is Chinese (or a list of keys and syntax).
    const comments = text.split('\n').filter((l) => /^\s*#/.test(l) && !l.includes('yaml-language-server'));
    expect(comments.filter((l) => !/\p{Script=Han}/u.test(l) && /[a-z]{4,} [a-z]{4,} [a-z]{4,}/.test(l))).toEqual([]);
  });
});

describe('the Chinese example plan and templates', () => {
  it('the example plan is valid, named after the pinyin of its customer', () => {
    const { path, text } = examplePlanFile('strategic', '../schemas/plan.schema.json', 'zh-CN');
    expect(accountIdFor('粤通移动广东公司')).toBe(ZH_EXAMPLE_ID);
    expect(path).toBe(`accounts/${ZH_EXAMPLE_ID}.yaml`);
    const loaded = loadPlanFile(path, new TextEncoder().encode(text));
    expect(loaded.issues).toEqual([]);
    const plan = loaded.planFile.plan!;
    expect(plan.relationships!.map((r) => r.role)).toEqual(expect.arrayContaining(['decision-maker', 'coach']));
    expect(plan.engagements!.map((e) => e.type)).toEqual(expect.arrayContaining(['technical-exchange', 'executive-meeting', 'reference-visit']));
    expect(examplePlanFile('strategic', '../schemas/plan.schema.json').path).toBe('accounts/example-telecom.yaml');
  });

  it('the Chinese templates make valid plans for every combination the English one does', () => {
    const vars = { id: 'zhong-guo-yi-dong', name: '中国移动', tier: 'strategic', owner: '陈静', industry: '电信', today: '2026-11-23', due: '2026-12-07', schema: '../schemas/plan.schema.json', currency: 'CNY' };
    for (const required of [[], SECTIONS, ['relationships', 'actions']]) {
      for (const template of [ZH_PLAN, ZH_MINIMAL]) {
        const result = scaffoldPlan(template, vars, required);
        expect(result.ok, JSON.stringify(result)).toBe(true);
      }
      const zh = scaffoldPlan(ZH_PLAN, vars, required);
      const en = scaffoldPlan(EN_PLAN, vars, required);
      if (zh.ok && en.ok) expect(Object.keys(zh.plan).sort()).toEqual(Object.keys(en.plan).sort());
    }
    const withData = scaffoldPlan(ZH_PLAN, { ...vars, revenue: { 2024: 100 }, wallet: 1000, metrics: true, assessment: { influence: 3 } }, SECTIONS);
    expect(withData.ok).toBe(true);
    if (withData.ok) expect(withData.text).toContain('（年份: 金额，单位 CNY）');
  });

  it('the Chinese workflow is the English one with Chinese comments', () => {
    const zh = githubWorkflow('zh-CN');
    expect(githubWorkflow('en')).toBe(GITHUB_WORKFLOW);
    expect(zh).toMatch(/^# kam：/);
    const strip = (text: string) => text.split('\n').filter((l) => !l.startsWith('#')).join('\n').replace('安装 kam', 'Install kam');
    expect(strip(zh)).toBe(strip(GITHUB_WORKFLOW));
    expect(parse(zh)).toMatchObject({ jobs: { check: { steps: expect.arrayContaining([expect.objectContaining({ name: '安装 kam' })]) } } });
  });
});

describe('Chinese texts of init, new and import', () => {
  it('template problems are in Chinese, and in English as before', async () => {
    const en = renderTemplate('{{#if owner}}\nx\n', { owner: 'a' }, []);
    expect(en.ok || en.problem.message).toBe('{{#if}} is never closed; add {{/if}}');
    const unknown = renderTemplate('id: {{nope}}\n', {}, []);
    expect(unknown.ok || unknown.problem.message).toMatch(/^unknown placeholder "\{\{nope\}\}"; placeholders: id, name/);
    await chinese();
    const zh = renderTemplate('{{#if owner}}\nx\n', { owner: 'a' }, []);
    expect(zh.ok || zh.problem.message).toBe('{{#if}} 没有结束；请加上 {{/if}}');
    const value = renderTemplate('owner: {{owner}}\n', {}, []);
    expect(value.ok || value.problem.message).toBe('{{owner}} 在这里没有值；请用 {{#if owner}} … {{/if}} 把这一行包起来');
  });

  it('lists align their status column by display width', async () => {
    expect(statusWord('created', 13)).toBe('created      ');
    await chinese();
    const words = ['created', 'kept', 'would create', 'would replace', 'skipped', 'would skip'].map((s) => statusWord(s, 13));
    expect(new Set(words.map((w) => displayWidth(w))).size).toBe(1);
    expect(words[0]).toBe('已创建');
  });

  it('a missing answer without a terminal names the flags in Chinese', async () => {
    await chinese();
    expect(() => requireFlags({ prompter: undefined, yes: false }, { '--tier': undefined, '--owner': 'x' })).toThrow(expect.objectContaining({ text: expect.objectContaining({ id: 'init.prompt.no-terminal.flags' }) }));
  });

  it('kam new asks in Chinese, with tier labels and key help in Chinese', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'kam-new-zh-'));
    writeFileSync(join(ws, 'kam.yaml'), renderConfigFile(defaultInitAnswers('zh-CN'), 'zh-CN'));
    mkdirSync(join(ws, 'accounts'));
    const { prompter, screen } = scriptedInquirer(['\x1b[A\x1b[A\r', '陈静\r', '电信运营商\r', '\r']);
    const result = await runNew({ cwd: ws, color: false }, { name: '中国移动', asOf: '2026-11-23' }, prompter);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('已创建 accounts/zhong-guo-yi-dong.yaml（id zhong-guo-yi-dong，层级 重点客户，模板 plan）\n');
    const asked = screen();
    expect(asked).toContain('中国移动的客户层级');
    expect(asked).toContain('重点客户（key）');
    expect(asked).toContain('须包含：客户关系（relationships）、目标（objectives）、行动计划（actions）');
    expect(asked).toContain('移动');
    expect(asked).not.toMatch(/navigate|Tier of/);
    const plan = parse(readFileSync(join(ws, 'accounts', 'zhong-guo-yi-dong.yaml'), 'utf8'));
    expect(plan).toMatchObject({ id: 'zhong-guo-yi-dong', name: '中国移动', tier: 'key', owner: '陈静', industry: '电信运营商' });
  });

  it('kam init asks in Chinese (every question, and the sections by their Chinese names)', async () => {
    const ws = join(mkdtempSync(join(tmpdir(), 'kam-init-zh-prompt-')), 'ws');
    const asked: string[] = [];
    const prompter: Prompter = {
      input: async (message, options) => (asked.push(message), options?.default ?? ''),
      select: async (message, choices, defaultValue) => (asked.push(message), defaultValue ?? choices[0]!.value),
      checkbox: async (message, choices, checked) => {
        asked.push(`${message}: ${choices.map((c) => c.name ?? c.value).join('、')}`);
        return [...checked];
      },
    };
    const result = await runInit({ cwd: tmpdir(), color: false, locale: 'zh-CN' }, { dir: ws, kamSource: 'file:kam.tgz' }, prompter);
    expect(result.exitCode).toBe(0);
    expect(asked[0]).toBe('计划中金额所用的币种');
    expect(asked[1]).toBe('客户层级，从高到低（写 id 或 id:min，用逗号分隔）');
    expect(asked[2]).toMatch(/^strategic 层级的客户计划必须包含哪些部分: 团队（team）、指标（metrics）、/);
    expect(asked).toHaveLength(5); // currency, tiers, and the three tiers above the lowest
    const config = parseConfig(readFileSync(join(ws, 'kam.yaml')));
    expect(config.ok && config.config.currency).toBe('CNY');
    expect(result.stdout).toContain(`已创建 accounts/${ZH_EXAMPLE_ID}.yaml`);
  });

  it('the key help under a checkbox is in Chinese', async () => {
    await chinese();
    const { prompter, screen } = scriptedInquirer(['\r']);
    await prompter.checkbox('选择', [{ value: 'a' }, { value: 'b' }], ['a']);
    expect(screen()).toMatch(/移动 • .*选择 • .*全选 • .*反选 • .*确认/);
  });
});
