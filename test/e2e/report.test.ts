// kam report, tested as a person sees it: rendered in headless Chromium (Debian's chromium;
// .ci/run installs it), with no console error, no request beyond the file itself, every
// chart with a visible box, and the numbers on the page equal to kam score / kam gaps JSON.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, json, kam, REPO } from './helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// CI (.ci/run) installs Chromium and sets KAM_BROWSER_TESTS=required; elsewhere the browser
// part runs when Chromium is there, and says so when it is not.
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.KAM_BROWSER_TESTS === 'required') throw new Error(`Chromium not found at ${CHROMIUM}; .ci/run installs it with apt-get`);
if (!haveChromium) console.warn(`report.test.ts: no Chromium at ${CHROMIUM}; the in-browser checks do not run here (CI runs them)`);

interface PageFacts {
  consoleErrors: string[];
  requests: string[];
  svgBoxes: { width: number; height: number }[];
  vitalFew: number;
  vitalFewShare: number;
  tiers: Record<string, number>;
  cards: { id: string; score: string; rank: number; findings: number }[];
  top1Share: number;
}

async function readPage(browser: Browser, file: string, screenshot: string): Promise<PageFacts> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.screenshot({ path: screenshot, fullPage: true });
  const facts = await page.evaluate(() => {
    const num = (el: Element | null, attr: string) => Number(el?.getAttribute(attr));
    const pareto = document.querySelector('#pareto');
    const tiers: Record<string, number> = {};
    for (const row of document.querySelectorAll('#tiers tr[data-tier]')) tiers[row.getAttribute('data-tier')!] = num(row, 'data-accounts');
    return {
      svgBoxes: [...document.querySelectorAll('details[open] svg, section > svg')].map((svg) => {
        const box = svg.getBoundingClientRect();
        return { width: box.width, height: box.height };
      }),
      vitalFew: num(pareto, 'data-vital-few'),
      vitalFewShare: num(pareto, 'data-vital-few-share'),
      tiers,
      cards: [...document.querySelectorAll('details.card')].map((card) => ({
        id: card.getAttribute('data-account')!,
        score: card.querySelector('.score')!.textContent!,
        rank: num(card, 'data-rank'),
        findings: card.querySelectorAll('.finding').length,
      })),
      top1Share: num(document.querySelector('#concentration'), 'data-top1-share'),
    };
  });
  await page.close();
  return { consoleErrors, requests, ...facts };
}

/** The boxes of the matrix's names and numbers, measured by the browser, and the legend's entries. */
async function matrixLabels(browser: Browser, file: string): Promise<{ named: number; numbered: number; boxes: { text: string; x: number; y: number; width: number; height: number }[] }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  const result = await page.evaluate(() => {
    const texts = [...document.querySelectorAll<SVGTextElement>('#matrix svg text.bubble-label, #matrix svg text.bubble-number')];
    return {
      named: document.querySelectorAll('#matrix svg text.bubble-label').length,
      numbered: document.querySelectorAll('#matrix .matrix-legend li').length,
      boxes: texts.map((t) => {
        const b = t.getBBox();
        return { text: t.textContent ?? '', x: b.x, y: b.y, width: b.width, height: b.height };
      }),
    };
  });
  await page.close();
  return result;
}

describe.runIf(haveChromium)('kam report in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the Pareto point, tier counts and per-account findings of kam score and kam gaps', async () => {
    const ws = copyFixture('valid');
    execFileSync('cp', ['-r', join(REPO, 'examples', 'accounts'), ws]);
    execFileSync('cp', [join(REPO, 'examples', 'kam.yaml'), ws]);
    const r = kam(['report', '-o', 'report.html', '--as-of', '2026-11-23'], { cwd: ws });
    expect(r.code).toBe(0);
    const score = json(kam(['score', '--format', 'json'], { cwd: ws }).stdout);
    const gaps = json(kam(['gaps', '--format', 'json', '--as-of', '2026-11-23'], { cwd: ws }).stdout);

    const facts = await readPage(browser, join(ws, 'report.html'), join(ws, 'report.png'));
    expect(facts.consoleErrors).toEqual([]);
    expect(facts.requests.every((url) => url.startsWith('file://'))).toBe(true);
    expect(facts.requests).toHaveLength(1);
    expect(facts.svgBoxes.length).toBeGreaterThanOrEqual(4);
    for (const box of facts.svgBoxes) expect(box.width * box.height).toBeGreaterThan(0);
    expect(statSync(join(ws, 'report.png')).size).toBeGreaterThan(10_000);

    expect(facts.vitalFew).toBe(score.summary.pareto.vitalFew);
    expect(facts.vitalFewShare).toBeCloseTo(score.summary.pareto.vitalFewShare, 12);
    expect(facts.tiers).toEqual(score.summary.tiers);
    expect(facts.top1Share).toBeCloseTo(score.summary.concentration.top1Share, 12);
    expect(facts.cards.map((c) => [c.id, c.rank, c.score])).toEqual(score.accounts.map((a: { id: string; rank: number; score: number }) => [a.id, a.rank, a.score.toFixed(1)]));
    for (const card of facts.cards) {
      const expected = gaps.findings.filter((f: { account?: string }) => f.account === card.id).length;
      expect(card.findings, card.id).toBe(expected);
    }
  }, 60_000);

  it('stays readable with 1,000 accounts: cards collapsed, file under 4 MiB, no console error', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'kam-report-1000-'));
    execFileSync(process.execPath, [join(REPO, 'scripts/gen-workspace.mjs'), ws, '1000']);
    // Long Han and Latin names, the ones that overlapped and were cut at the chart's right edge.
    const LONG = ['华为技术有限公司', '中国工商银行股份有限公司', 'International Business Machines Corporation', 'Worldwide Widgets & Manufacturing'];
    for (const file of readdirSync(join(ws, 'accounts'))) {
      const i = Number(/\d+/.exec(file)![0]);
      const path = join(ws, 'accounts', file);
      writeFileSync(path, readFileSync(path, 'utf8').replace(/^name: .*$/m, `name: ${LONG[i % LONG.length]} ${i}`));
    }
    const r = kam(['report', '-o', 'report.html', '--as-of', '2026-11-23'], { cwd: ws });
    expect(r.code).toBe(0);
    expect(statSync(join(ws, 'report.html')).size).toBeLessThan(4 * 1024 * 1024);
    const facts = await readPage(browser, join(ws, 'report.html'), join(ws, 'report.png'));
    expect(facts.consoleErrors).toEqual([]);
    expect(facts.cards).toHaveLength(1000);
    const html = readFileSync(join(ws, 'report.html'), 'utf8');
    expect(html.match(/<details class="card"[^>]*\sopen>/g)?.length).toBe(20);
    const score = json(kam(['score', '--format', 'json'], { cwd: ws }).stdout);
    expect(facts.vitalFew).toBe(score.summary.pareto.vitalFew);
    expect(facts.tiers).toEqual(score.summary.tiers);
    // The matrix's names and numbers as laid out by Chromium (getBBox, in the chart's units): no
    // two boxes overlap, none leaves the plot, and the 25 best ranked are named or numbered.
    const labels = await matrixLabels(browser, join(ws, 'report.html'));
    expect(labels.named + labels.numbered).toBe(25);
    expect(labels.named).toBeGreaterThanOrEqual(10);
    const plot = { x: 60, y: 20, width: 720 - 60 - 24, height: 440 - 20 - 44 };
    for (const b of labels.boxes) {
      expect(b.width, b.text).toBeGreaterThan(0);
      expect(b.x >= plot.x && b.y >= plot.y && b.x + b.width <= plot.x + plot.width && b.y + b.height <= plot.y + plot.height, `${b.text} inside the plot`).toBe(true);
    }
    for (let i = 0; i < labels.boxes.length; i++) {
      for (let j = i + 1; j < labels.boxes.length; j++) {
        const a = labels.boxes[i]!;
        const b = labels.boxes[j]!;
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        expect(overlap, `${a.text} / ${b.text}`).toBe(false);
      }
    }
    expect(labels.boxes.some((b) => b.text.startsWith('华为技术有限公司'))).toBe(true);
  }, 120_000);
});

describe('kam report without a browser', () => {
  it('fetches nothing: no URL but the SVG namespace, no script, a CSP that forbids loading', () => {
    const ws = copyFixture('valid');
    const html = kam(['report', '--as-of', '2026-11-23'], { cwd: ws }).stdout;
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toMatch(/https?:|\/\/[a-z]|<script|<link|@import|url\(/i);
    expect(html).toContain(`content="default-src 'none'`);
  });

  it('escapes plan text: a name with markup stays text', () => {
    const ws = copyFixture('valid');
    execFileSync('sh', ['-c', `printf 'id: evil\\nname: "<img src=x onerror=alert(1)> & </svg>"\\n' > accounts/evil.yaml`], { cwd: ws });
    const html = kam(['report', '--as-of', '2026-11-23'], { cwd: ws }).stdout;
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &lt;/svg&gt;');
  });

  it('writes -o where the user asks (also outside the workspace), and never over a file without --force', () => {
    const ws = copyFixture('valid');
    expect(kam(['report', '-o', 'r.html'], { cwd: ws }).code).toBe(0);
    const again = kam(['report', '-o', 'r.html'], { cwd: ws });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/--force/);
    expect(kam(['report', '-o', 'r.html', '--force'], { cwd: ws }).code).toBe(0);
    // A consultant saves the report next to the workspace, or in a new folder of their own.
    const desktop = mkdtempSync(join(tmpdir(), 'kam-desktop-'));
    const outside = kam(['report', '-o', join(desktop, 'reports', 'q4.html')], { cwd: ws });
    expect(outside.code, outside.stderr).toBe(0);
    expect(readFileSync(join(desktop, 'reports', 'q4.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    const sibling = kam(['report', '-o', '../kam-sibling-report.html', '--force'], { cwd: ws });
    expect(sibling.code, sibling.stderr).toBe(0);
    expect(existsSync(join(ws, '..', 'kam-sibling-report.html'))).toBe(true);
    writeFileSync(join(desktop, 'mine.html'), 'my own file');
    const kept = kam(['report', '-o', join(desktop, 'mine.html')], { cwd: ws });
    expect(kept.code).toBe(2);
    expect(readFileSync(join(desktop, 'mine.html'), 'utf8')).toBe('my own file');
    expect(readdirSync(desktop).filter((f) => f.startsWith('.kam-tmp-'))).toEqual([]);
  });

  it('says on the page which plans were left out, and why (as kam check says it)', () => {
    const ws = copyFixture('valid');
    writeFileSync(join(ws, 'accounts', 'broken.yaml'), 'id: broken\nname: [\n');
    writeFileSync(join(ws, 'accounts', 'wrong.yaml'), 'id: 7\nname: Wrong\n');
    const r = kam(['report', '--as-of', '2026-11-23'], { cwd: ws });
    expect(r.code).toBe(0);
    const line = /<p class="warning left-out" id="left-out" data-kind="plans" data-count="(\d+)">([^<]*)<\/p>/.exec(r.stdout);
    expect(line?.[1]).toBe('2');
    expect(line?.[2]).toBe('2 plans left out because of errors (run kam check): accounts/broken.yaml:3:1 (Flow sequence in block collection must be sufficiently indented and end with a ]); accounts/wrong.yaml:1:5 (&quot;id&quot; must be a string, got number 7)');
    // The same files and reasons as the command's notes on stderr.
    for (const note of r.stderr.split('\n').filter((l) => l.startsWith('  accounts/'))) {
      const [, where, why] = /^ {2}(\S+:\d+:\d+): (.*)$/.exec(note)!;
      expect(line?.[2]).toContain(`${where} (${why!.replace(/"/g, '&quot;')})`);
    }
    // A plan alone left out: singular.
    const one = copyFixture('valid');
    writeFileSync(join(one, 'accounts', 'wrong.yaml'), 'id: 7\nname: Wrong\n');
    expect(kam(['report', '--as-of', '2026-11-23'], { cwd: one }).stdout).toContain('>1 plan left out because of errors (run kam check): accounts/wrong.yaml:1:5 (');
    // Nothing left out: no line.
    expect(kam(['report', '--as-of', '2026-11-23'], { cwd: copyFixture('valid') }).stdout).not.toContain('id="left-out"');
  });

  it('says on the page which rows of a client CSV were skipped, and why; plurals are real', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kam-report-rows-'));
    writeFileSync(join(dir, 'c.csv'), 'id,name,revenue_2024,revenue_2025\na,Alpha,100,120\nb,Beta,-5,10\nc,Gamma,1,2,3\n,Total,101,122\n');
    const r = kam(['report', '--data', 'c.csv'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('<p class="warning left-out" id="left-out" data-kind="rows" data-count="3">3 rows of c.csv left out: c.csv:3 (column revenue_2024: -5 is negative; amounts are 0 or more); c.csv:4 (has 5 fields, the header has 4); c.csv:5 (&quot;Total&quot; is a totals row, not an account)</p>');
    // One account left: "1 account", and it makes 80% of revenue alone.
    expect(r.stdout).toContain(' · 1 account · revenue ');
    expect(r.stdout).toContain('<b class="vital-few">1</b> account (<b>100.0%</b>) makes 80% of revenue.');
  });

  it('reports on a client CSV with --data, outside a workspace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kam-report-data-'));
    const r = kam(['report', '--data', join(REPO, 'test/fixtures/data/clients-bom-crlf.csv')], { cwd: dir });
    expect(r.code).toBe(0);
    const score = json(kam(['score', '--data', join(REPO, 'test/fixtures/data/clients-bom-crlf.csv'), '--format', 'json'], { cwd: dir }).stdout);
    expect(r.stdout).toContain(`data-vital-few="${score.summary.pareto.vitalFew}"`);
    for (const [tier, count] of Object.entries(score.summary.tiers)) expect(r.stdout).toContain(`data-tier="${tier}" data-accounts="${count}"`);
  });
});
