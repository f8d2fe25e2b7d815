// The human formats in Simplified Chinese: stylish, check markdown, gaps and the score table speak
// zh-CN, show the labels of kam.yaml for tiers and criteria, and keep their columns aligned by
// display width. The machine formats (junit) stay English unless the locale was asked for.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type KamConfig } from '../../src/core/config.js';
import { summarize, type Finding } from '../../src/core/findings.js';
import { buildGapsReport } from '../../src/core/gaps-report.js';
import { buildScoreReport } from '../../src/core/score-report.js';
import type { ScoringSubject } from '../../src/core/scoring.js';
import { markdown } from '../../src/format/findings/markdown.js';
import { junit } from '../../src/format/findings/junit.js';
import { stylish } from '../../src/format/findings/stylish.js';
import { formatGapsMarkdown } from '../../src/format/gaps/markdown.js';
import { formatGapsTable } from '../../src/format/gaps/table.js';
import { formatScoreMarkdown } from '../../src/format/score/markdown.js';
import { formatScoreTable } from '../../src/format/score/table.js';
import { formatReportHtml } from '../../src/format/report/html.js';
import { buildPortfolioReport } from '../../src/core/portfolio-report.js';
import { displayWidth } from '../../src/format/text.js';
import { ENGLISH, msg, setTranslator, translatorFor, type Labels, type LabelText } from '../../src/i18n/index.js';

const LABELS: Labels = {
  tiers: new Map<string, LabelText>([
    ['strategic', { en: 'Strategic', 'zh-CN': '战略客户' }],
    ['key', { 'zh-CN': '重点客户' }],
  ]),
  criteria: new Map<string, LabelText>([['influence', { 'zh-CN': '影响力' }]]),
};

const CONFIG: KamConfig = {
  ...DEFAULT_CONFIG,
  tiers: [
    { id: 'strategic', min: 75 },
    { id: 'key', min: 55 },
    { id: 'growth', min: 0 },
  ],
};

const subject = (id: string, name: string, revenue: number, influence: number): ScoringSubject => ({
  id,
  name,
  revenue: [[2024, revenue / 2], [2025, revenue]],
  assessment: { influence, techProspects: influence },
  metrics: {},
});
const SUBJECTS = [subject('cmcc', '中国移动广东公司', 60_000_000, 5), subject('acme', 'ACME Telecom', 3_000_000, 3), subject('hq', '华为', 50_000, 1)];

const finding = (over: Partial<Finding>): Finding => ({ rule: 'no-coach', severity: 'warn', file: 'accounts/cmcc.yaml', line: 1, column: 1, message: 'x', ...over });
const FINDINGS: Finding[] = [
  finding({ rule: 'required-section', severity: 'error', line: 1, column: 1, message: '请添加客户关系（relationships）部分', account: 'cmcc' }),
  finding({ rule: 'no-coach', line: 40, column: 3, message: '请发展教练', account: 'cmcc' }),
  finding({ rule: 'stale-review', line: 122, column: 17, message: 'last reviewed 93 days ago', account: 'cmcc' }),
];
const SUMMARY = summarize(FINDINGS, 3);

beforeEach(async () => setTranslator(await translatorFor('zh-CN', LABELS)));
afterEach(() => setTranslator(ENGLISH));

describe('stylish in zh-CN', () => {
  it('counts in Chinese, 错误 and 警告 padded to one width, rule ids in one column', () => {
    const out = stylish(FINDINGS, SUMMARY, { color: false, version: '1' });
    const lines = out.split('\n');
    expect(lines[0]).toBe('accounts/cmcc.yaml');
    expect(lines[1]).toMatch(/^ {4}1:1 {3}错误  请添加客户关系（relationships）部分 +required-section$/);
    expect(lines[2]).toMatch(/^ {3}40:3 {3}警告  请发展教练 +no-coach$/);
    const ruleColumns = lines.slice(1, 4).map((l) => displayWidth(l.slice(0, l.search(/[a-z-]+$/))));
    expect(new Set(ruleColumns).size).toBe(1);
    expect(out.trimEnd().split('\n').pop()).toBe('✖ 3 个问题（1 个错误，2 个警告）');
    expect(stylish([], summarize([], 4), { color: false, version: '1' })).toBe('✔ 4 个计划均未发现问题\n');
  });
});

describe('check markdown in zh-CN', () => {
  it('heading, table head and severities in Chinese', () => {
    const out = markdown(FINDINGS, SUMMARY, { color: false, version: '1' });
    expect(out.split('\n')[0]).toBe('## ❌ kam check：3 个计划中有 1 个错误和 2 个警告');
    expect(out).toContain('| 位置 | 严重级别 | 规则 | 说明 |');
    expect(out).toContain('| accounts/cmcc.yaml:1:1 | ❌ 错误 | required-section |');
    expect(out).toContain('| ⚠️ 警告 | no-coach |');
    expect(markdown([], summarize([], 1), { color: false, version: '1' })).toBe('## ✅ kam check：1 个计划均未发现问题\n');
  });
});

describe('junit: English unless the locale was asked for', () => {
  const run = { files: ['accounts/cmcc.yaml'], scored: new Set<string>(), rules: ['required-section', 'no-coach'] as const };
  it('English text by default, even with a zh-CN translator', () => {
    const out = junit(FINDINGS, SUMMARY, { color: false, version: '1', run: { ...run, rules: [...run.rules] } });
    expect(out).toContain('warnings do not fail the run: no --max-warnings');
    expect(out).toContain(' warning 请发展教练');
    expect(out).not.toMatch(/警告不会/);
  });
  it('Chinese text with explicitLocale; keys and enum values unchanged', () => {
    const out = junit(FINDINGS, SUMMARY, { color: false, version: '1', run: { ...run, rules: [...run.rules] }, explicitLocale: true });
    expect(out).toContain('警告不会导致本次检查失败：未设 --max-warnings');
    expect(out).toContain(' 警告 请发展教练');
    expect(out).toContain('<skipped type="warning"');
    expect(out).toContain('<failure type="error"');
  });
});

describe('score table and markdown in zh-CN', () => {
  const { report } = buildScoreReport(SUBJECTS, CONFIG);
  it('tiers and criteria by their labels; the box table aligned by display width', () => {
    const out = formatScoreTable(report, { color: false });
    const table = out.split('\n').filter((l) => /^[│┌└]/.test(l));
    const widths = new Set(table.map(displayWidth));
    expect(widths.size).toBe(1);
    expect(table[1]).toMatch(/^│ # │ 客户 +│ 得分 │ 层级 +│ revenue │ cumulativeVolume │ 影响力 │ techProspects │ 客户类型 +│$/);
    expect(out).toMatch(/│ 中国移动广东公司 │ +\d+\.\d │ 战略客户 +│/);
    expect(out).toMatch(/│ 华为 +│ +\d+\.\d │ growth +│/);
    expect(out).toContain('评分项各列是 0 到 100 的得分；– 表示缺少输入数据（missing: zero）');
    expect(out).toMatch(/^层级分布：战略客户 \d 个 · 重点客户 \d 个 · growth \d 个$/m);
    expect(out).toMatch(/^帕累托：3 个客户中，\d 个（[\d.]+%）贡献了 80% 的收入$/m);
  });
  it('markdown: Chinese headings, labels in the header and the tier column', () => {
    const out = formatScoreMarkdown(report);
    expect(out.startsWith('## 客户得分\n\n| # | 客户 | 得分 | 层级 | revenue | cumulativeVolume | 影响力 | techProspects | 客户类型 |\n')).toBe(true);
    expect(out).toMatch(/\| 中国移动广东公司 \| \*\*[\d.]+\*\* \| 战略客户 \|/);
    expect(out).toContain('### 客户组合');
  });
});

describe('gaps in zh-CN', () => {
  const { report, accounts } = buildScoreReport(SUBJECTS, CONFIG);
  const fileOf = new Map(accounts.map((a) => [a, `accounts/${a.id}.yaml`]));
  const gaps = buildGapsReport({ accounts, fileOf, findings: FINDINGS, files: 3, invalidFiles: 0, summary: report.summary }, CONFIG.tiers, '2026-12-01');
  it('table: groups by tier label, the date and the counts in Chinese', () => {
    const out = formatGapsTable(gaps, { color: false, tiers: CONFIG.tiers });
    expect(out.split('\n')[0]).toBe('差距报告（截至 2026年12月1日）');
    expect(out).toContain('战略客户 — 1 个客户，3 项待办');
    expect(out).toContain('  中国移动广东公司（cmcc）得分 ');
    expect(out).toContain('✔ 暂无待办');
    expect(out.trimEnd().split('\n').pop()).toBe('共 3 项待办：1 个错误，2 个警告');
  });
  it('markdown: headings by tier label', () => {
    const out = formatGapsMarkdown(gaps);
    expect(out.split('\n')[0]).toBe('## 差距报告（截至 2026年12月1日）');
    expect(out).toContain('### 战略客户');
    expect(out).toMatch(/\*\*中国移动广东公司\*\*（`cmcc`，得分 [\d.]+）：3 项待办/);
    expect(out).toContain('_共 3 项待办：1 个错误，2 个警告_');
  });
});

describe('report in zh-CN', () => {
  it('lang, headings, tier labels and amounts in 万', () => {
    const { report, accounts } = buildScoreReport(SUBJECTS, CONFIG);
    const html = formatReportHtml(buildPortfolioReport({ title: '大客户组合', asOf: '2026-12-01', source: '客户计划', report, accounts, subjects: new Map(SUBJECTS.map((s) => [s.id, s])) }));
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<h2>帕累托分析：收入来自哪些客户</h2>');
    expect(html).toContain('<td>战略客户</td>');
    expect(html).toMatch(/截至 2026年12月1日 · 客户计划 · 3 个客户 · 收入 [\d.]+万 USD（最近一年）/);
    expect(html).not.toMatch(/>(Tiers|Concentration|Accounts|Portfolio matrix)</);
  });
  it('a finding carrying a Message is shown in the locale, its English message kept for machines', () => {
    const { report, accounts } = buildScoreReport(SUBJECTS, CONFIG);
    const text = msg('rule.no-coach', { account: '中国移动广东公司' });
    const f = finding({ account: 'cmcc', message: 'add a coach', text });
    const portfolio = buildPortfolioReport({ title: 't', asOf: '2026-12-01', source: 's', report, accounts, findings: [f], plans: new Map() });
    expect(portfolio.cards.find((c) => c.id === 'cmcc')!.findings[0]!.message).toBe('add a coach');
    expect(formatReportHtml(portfolio)).toContain('请发展教练：在中国移动广东公司内部');
  });
});
