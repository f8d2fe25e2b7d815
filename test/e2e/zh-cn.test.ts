// kam in Simplified Chinese, end to end: `kam check`, `kam gaps`, `kam score` and `kam diff` with
// --locale zh-CN on a workspace of Chinese customer names and tier and criterion labels
// (test/fixtures/zh-cn). The outputs are file snapshots (test/fixtures/zh-cn/snapshots/*.txt, read
// by a native reader), and their columns must line up by terminal display width: a Han character
// takes two columns, so padding by string length would push every column out of line.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/format/text.js';
import { fixture, kam } from './helpers.js';

const AS_OF = '2026-12-01';
const SNAPSHOTS = join(fixture('zh-cn'), 'snapshots');
const scratch = mkdtempSync(join(tmpdir(), 'kam-zh-cn-e2e-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A private copy of the zh-CN workspace (plans and kam.yaml only). */
function workspace(name: string): string {
  const dir = join(scratch, name);
  cpSync(join(fixture('zh-cn'), 'kam.yaml'), join(dir, 'kam.yaml'));
  cpSync(join(fixture('zh-cn'), 'accounts'), join(dir, 'accounts'), { recursive: true });
  return dir;
}

function zh(args: string[], cwd: string) {
  return kam([...args, '--locale', 'zh-CN'], { cwd });
}

/** The display column where `needle` starts in `line`. */
function columnOf(line: string, needle: string): number {
  const at = line.indexOf(needle);
  expect(at, `${needle} in ${line}`).toBeGreaterThanOrEqual(0);
  return displayWidth(line.slice(0, at));
}

/** Display columns of each box-drawing separator of a table line. */
function separators(line: string): number[] {
  const columns: number[] = [];
  let width = 0;
  for (const ch of line) {
    if ('│┌┬┐└┴┘├┼┤'.includes(ch)) columns.push(width);
    width += displayWidth(ch);
  }
  return columns;
}

/** The lines of a box table: every one has its separators at the same display columns. */
function expectAligned(table: string[]): void {
  expect(table.length).toBeGreaterThan(2);
  const first = separators(table[0]!);
  for (const line of table) expect(separators(line), line).toEqual(first);
}

describe('kam in zh-CN', () => {
  const ws = workspace('ws');

  it('check: Chinese findings, 错误/警告, rule ids in one column per file', async () => {
    const r = zh(['check', '--as-of', AS_OF], ws);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot(join(SNAPSHOTS, 'check.txt'));
    expect(r.stdout).toMatch(/^✖ 14 个问题（0 个错误，14 个警告）$/m);
    expect(r.stdout).not.toMatch(/\bwarning\b|\bproblems?\b/);
    // Within each file, the messages (Han text of different lengths) are padded so that the rule
    // ids start at one display column.
    for (const block of r.stdout.split('\n\n').slice(0, -1)) {
      const lines = block.split('\n').slice(1);
      const ruleColumns = lines.map((line) => columnOf(line, line.trim().split(/\s+/).pop()!));
      expect(new Set(ruleColumns).size, block).toBe(1);
      for (const line of lines) expect(line).toMatch(/^ +\d+:\d+ +警告  /);
    }
  });

  it('gaps: tiers by their Chinese labels, dates in Chinese, counts in Chinese', async () => {
    const r = zh(['gaps', '--as-of', AS_OF], ws);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot(join(SNAPSHOTS, 'gaps.txt'));
    expect(r.stdout.split('\n')[0]).toBe('差距报告（截至 2026年12月1日）');
    for (const label of ['战略客户', '重点客户', '成长客户', '维持客户']) expect(r.stdout).toMatch(new RegExp(`^${label} — \\d+ 个客户，\\d+ 项待办$`, 'm'));
    expect(r.stdout).toContain('  中国移动广东公司（china-mobile-gd）得分 78.1  7 项待办');
    expect(r.stdout).toMatch(/^共 14 项待办：0 个错误，14 个警告$/m);
    // The finding lines: the rule ids are padded to one width, so the messages start in one column.
    const findingLines = r.stdout.split('\n').filter((l) => /^ {4}⚠ /.test(l));
    expect(findingLines.length).toBe(14);
    const messageColumns = findingLines.map((l) => columnOf(l, l.slice(4 + 2 + 23).trimStart().slice(0, 1)));
    expect(new Set(messageColumns).size).toBe(1);
  });

  it('score: a box table aligned by display width, with the labels of kam.yaml', async () => {
    const r = zh(['score', '--as-of', AS_OF], ws);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot(join(SNAPSHOTS, 'score.txt'));
    const lines = r.stdout.split('\n');
    const table = lines.filter((l) => /^[│┌└]/.test(l));
    expectAligned(table);
    expect(table[1]!.split('│').map((c) => c.trim()).filter(Boolean)).toEqual(['#', '客户', '得分', '层级', '收入', '累计规模', '影响力', '技术前景', '客户类型']);
    expect(r.stdout).toContain('│ 战略客户（声明层级：重点客户） │');
    expect(r.stdout).toMatch(/^层级分布：战略客户 2 个 · 重点客户 1 个 · 成长客户 2 个 · 维持客户 1 个$/m);
    expect(r.stdout).toMatch(/^帕累托：6 个客户中，2 个（33\.3%）贡献了 80% 的收入$/m);
  });

  it('score: the same workspace in English shows the English labels, ids stay in JSON', () => {
    const en = kam(['score', '--as-of', AS_OF], { cwd: ws });
    expect(en.stdout).toContain('│ # │ Account          │ Score │ Tier ');
    expect(en.stdout).toContain('Cumulative volume');
    expect(en.stdout).toMatch(/^Tiers: Strategic 2 · Key 1 · Growth 2 · Maintain 1$/m);
    const doc = JSON.parse(zh(['score', '--format', 'json'], ws).stdout);
    expect(doc.accounts[0].tier).toBe('strategic');
    expect(doc.accounts[0].criteria.map((c: { id: string }) => c.id)).toEqual(['revenue', 'cumulativeVolume', 'influence', 'techProspects']);
  });

  it('score --format markdown and --explain: Chinese headings and labels', async () => {
    const md = zh(['score', '--format', 'markdown', '--as-of', AS_OF], ws);
    expect(md.stdout).toContain('## 客户得分\n');
    expect(md.stdout).toContain('| # | 客户 | 得分 | 层级 | 收入 | 累计规模 | 影响力 | 技术前景 |');
    expect(md.stdout).toContain('- **层级分布：** 战略客户 2 个');
    const explain = zh(['score', '--explain', 'china-mobile-gd', '--as-of', AS_OF], ws);
    await expect(explain.stdout).toMatchFileSnapshot(join(SNAPSHOTS, 'explain.txt'));
    expect(explain.stdout.split('\n')[0]).toBe('中国移动广东公司（china-mobile-gd）：得分 78.1，层级 战略客户，排名第 2（共 6 个客户）');
    expectAligned(explain.stdout.split('\n').filter((l) => /^[│┌└]/.test(l)));
  });

  it('diff: tier moves by label, reasons by criterion label, findings in Chinese', async () => {
    const repo = workspace('repo');
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: repo,
        encoding: 'utf8',
        env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_DATE: '2026-03-01T10:00:00Z', GIT_COMMITTER_DATE: '2026-03-01T10:00:00Z' },
      });
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'Kam Tester');
    git('config', 'user.email', 'kam@example.com');
    git('add', '-A');
    git('commit', '-q', '-m', '初始客户计划');
    // 北方电网 gains influence and tech prospects (重点客户 → 战略客户); 松岭学区 leaves.
    const plan = join(repo, 'accounts', 'nordic-power.yaml');
    writeFileSync(plan, readFileSync(plan, 'utf8').replace('  influence: 3\n  techProspects: 3\n', '  influence: 5\n  techProspects: 5\n'));
    rmSync(join(repo, 'accounts', 'pinecrest-school.yaml'));
    const r = zh(['diff', 'HEAD', '--as-of', AS_OF], repo);
    expect(r.code, r.stderr).toBe(0);
    const text = r.stdout.replace(/\b[0-9a-f]{10}\b/g, '<base>');
    await expect(text).toMatchFileSnapshot(join(SNAPSHOTS, 'diff.txt'));
    expect(text.split('\n')[0]).toBe('kam diff <base>..WORKTREE: 1 个客户层级变化，移除 1 个客户');
    const table = text.split('\n').filter((l) => /^[│┌└]/.test(l));
    expectAligned(table);
    expect(table[1]!.split('│').map((c) => c.trim()).filter(Boolean)).toEqual(['客户', '变化', '之前', '之后', '原因']);
    expect(text).toMatch(/│ 北方电网（nordic-power） +│ 变化 +│ 60\.1 重点客户 │ \d+\.\d 战略客户 │ 影响力 3 → 5（\+\d+\.\d）；技术前景 3 → 5（\+\d+\.\d） +│/);
    expect(text).toMatch(/│ 松岭学区（pinecrest-school） +│ 移除 +│ 19\.5 维持客户 │ – +│ 计划已删除（或不再有效） +│/);
    expect(text).toMatch(/^问题：新增 \d+ 个，关闭 \d+ 个$/m);
    const md = zh(['diff', 'HEAD', '--format', 'markdown', '--as-of', AS_OF], repo);
    expect(md.stdout).toContain('### kam: 1 个客户层级变化，移除 1 个客户\n');
    expect(md.stdout).toContain('| 客户 | 变化 | 之前 | 之后 | 原因 |');
    // JSON keeps ids and enum values.
    const doc = JSON.parse(zh(['diff', 'HEAD', '--format', 'json', '--as-of', AS_OF], repo).stdout);
    expect(doc.accounts.map((a: { id: string; change: string; after: { tier: string } | null }) => [a.id, a.change, a.after?.tier ?? null])).toEqual([
      ['nordic-power', 'changed', 'strategic'],
      ['pinecrest-school', 'removed', null],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// The zh-CN report, as a person sees it in Chromium (Debian's chromium; .ci/run installs it and
// the fonts-wqy-zenhei font, so the Han text has glyphs).

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.KAM_BROWSER_TESTS === 'required') throw new Error(`Chromium not found at ${CHROMIUM}; .ci/run installs it with apt-get`);
if (!haveChromium) console.warn(`zh-cn.test.ts: no Chromium at ${CHROMIUM}; the zh-CN report is not opened in a browser here (CI does it)`);

/** The English headings, legends and labels the report writes in English. */
const ENGLISH_TEXTS = [
  'Pareto: who makes the revenue',
  'Tiers',
  'Concentration',
  'Portfolio matrix',
  'Accounts',
  'Score breakdown',
  'Decision chain',
  'Engagements done in the last year',
  'Actions',
  'Findings',
  'Top account',
  'share of accounts',
  'cumulative share of revenue',
  'revenue growth per year',
  'make 80% of revenue',
  'nothing due',
];

describe.runIf(haveChromium)('the zh-CN report in a browser', () => {
  it('has lang zh-CN, Chinese headings, legends and axis labels, and renders', async () => {
    const { chromium } = await import('playwright-core');
    const ws = workspace('report');
    const r = zh(['report', '-o', 'report.html', '--as-of', AS_OF], ws);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(ws, 'report.html'), 'utf8');
    expect(html).toContain('<html lang="zh-CN">');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(pathToFileURL(join(ws, 'report.html')).href, { waitUntil: 'load' });
      await page.screenshot({ path: join(ws, 'report.png'), fullPage: true });
      const facts = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        headings: [...document.querySelectorAll('h2, h3')].map((h) => h.textContent ?? ''),
        svgTexts: [...document.querySelectorAll('svg text.axis, svg text.legend, svg text.label80, svg text.tier-name')].map((t) => t.textContent ?? ''),
        text: document.body.innerText,
        // Han text laid out: a heading of four Han characters is wider than a space.
        headingWidth: document.querySelector('#tiers h2')!.getBoundingClientRect().width,
        tierCell: document.querySelector('#tiers tr[data-tier="strategic"] td')?.textContent,
      }));
      expect(errors).toEqual([]);
      expect(facts.lang).toBe('zh-CN');
      expect(facts.headings).toEqual(expect.arrayContaining(['帕累托分析：收入来自哪些客户', '层级分布', '集中度', '客户组合矩阵', '客户', '得分构成', '决策链', '近一年完成的客户交流', '行动', '问题']));
      for (const heading of facts.headings) expect(heading, heading).toMatch(/\p{Script=Han}/u);
      for (const label of facts.svgTexts) expect(label, label).toMatch(/\p{Script=Han}|^\d/u);
      for (const english of ENGLISH_TEXTS) expect(facts.text, english).not.toContain(english);
      expect(facts.tierCell).toBe('战略客户');
      expect(facts.text).toContain('截至 2026年12月1日');
      expect(facts.text).toMatch(/收入 [\d.]+万 USD（最近一年）/);
      expect(facts.headingWidth).toBeGreaterThan(20);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
