// Issue 19 in kam report: the page's resources, archetypes and pre-key accounts equal those of
// `kam score --format json` (and --emerging); a 200-account × 30-product heatmap renders in
// Chromium with no cell over another (getBBox).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fixture, json, kam, REPO } from './helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.KAM_BROWSER_TESTS === 'required') throw new Error(`Chromium not found at ${CHROMIUM}`);

const attrs = (tag: string) => Object.fromEntries([...tag.matchAll(/data-([a-z-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));

describe('kam report and kam score agree (fixture method/)', () => {
  const cwd = fixture('method');
  const html = kam(['report', '--as-of', '2026-01-01'], { cwd }).stdout;
  const score = json(kam(['score', '--format', 'json'], { cwd }).stdout);
  const emerging = json(kam(['score', '--emerging', '--format', 'json'], { cwd }).stdout);

  it('FTE and revenue shares per tier are those of kam score --format json', () => {
    const rows = [...html.matchAll(/<tr data-tier="([^"]+)"[^>]*data-fte-share[^>]*>/g)].map((m) => attrs(m[0]));
    const tiers = score.summary.resources.tiers as Record<string, { accounts: number; fte: number; revenue: number; revenuePerFte: number | null; fteShare: number | null; revenueShare: number | null }>;
    expect(rows.map((r) => r.tier)).toEqual(Object.keys(tiers));
    for (const r of rows) {
      const t = tiers[r.tier!]!;
      expect([Number(r.accounts), Number(r.fte), Number(r.revenue), Number(r['fte-share']), Number(r['revenue-share']), Number(r['revenue-per-fte'])], r.tier).toEqual([t.accounts, t.fte, t.revenue, t.fteShare, t.revenueShare, t.revenuePerFte]);
    }
    const total = attrs(/<tr class="total"[^>]*>/.exec(html)![0]);
    expect(Number(total['revenue-per-fte'])).toBe(score.summary.resources.total.revenuePerFte);
  });

  it('the archetype badges are the archetypes of kam score, the pre-key list is kam score --emerging', () => {
    for (const a of score.accounts as { id: string; archetype: string | null; archetypeCriterion: string | null }[]) {
      const card = new RegExp(`<details class="card" id="account-${a.id}"[\\s\\S]*?</summary>`).exec(html)![0];
      const badge = /<span class="archetype" data-archetype="([^"]+)" data-criterion="([^"]+)"/.exec(card);
      expect(badge ? [badge[1], badge[2]] : [null, null], a.id).toEqual([a.archetype, a.archetypeCriterion]);
    }
    const listed = [...html.matchAll(/<tr data-account="([^"]+)" data-rank="(\d+)" data-score="([^"]+)"/g)].map((m) => [m[1], Number(m[2]), Number(m[3])]);
    expect(listed).toEqual(emerging.accounts.map((a: { id: string; rank: number; score: number }) => [a.id, a.rank, a.score]));
    expect(emerging.summary.emerging.accounts).toBe(listed.length);
  });
});

/** A workspace of 200 generated accounts, each with a whitespace entry for 30 products (long names among them). */
function bigWorkspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'kam-report-ws-'));
  execFileSync(process.execPath, [join(REPO, 'scripts/gen-workspace.mjs'), ws, '200']);
  const STATUSES = ['installed', 'opportunity', 'competitor', 'none'];
  const products = Array.from({ length: 30 }, (_, p) => (p % 5 === 0 ? `光传输网络产品线 ${p} Optical Transport Platform` : `product-${String(p).padStart(2, '0')}`));
  for (const file of readdirSync(join(ws, 'accounts'))) {
    const i = Number(/\d+/.exec(file)![0]);
    const path = join(ws, 'accounts', file);
    // Account i: product p has status (i + p) mod 5 (4: no entry, unknown).
    const entries = products.flatMap((product, p) => ((i + p) % 5 === 4 ? [] : [`  - { product: "${product}", status: ${STATUSES[(i + p) % 5]} }`]));
    const text = readFileSync(path, 'utf8').replace(/^whitespace:\n(?: {2}- .*\n)+/m, '');
    writeFileSync(path, `${text.trimEnd()}\nwhitespace:\n${entries.join('\n')}\n`);
  }
  return ws;
}

describe.runIf(haveChromium)('the whitespace heatmap in a browser', () => {
  it('renders 40 of 200 accounts × 30 products: no cell overlaps another, the product names do not overlap, the rest is counted', async () => {
    const ws = bigWorkspace();
    const r = kam(['report', '-o', 'report.html', '--as-of', '2026-11-23'], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(pathToFileURL(join(ws, 'report.html')).href, { waitUntil: 'load' });
      await page.screenshot({ path: join(ws, 'heatmap.png'), fullPage: true });
      const facts = await page.evaluate(() => {
        const svg = document.querySelector<SVGSVGElement>('#whitespace svg')!;
        const box = (b: { x: number; y: number; width: number; height: number }) => ({ x: b.x, y: b.y, width: b.width, height: b.height });
        const rest = document.querySelector('#whitespace .whitespace-rest');
        return {
          svg: box(svg.getBoundingClientRect()),
          cells: [...svg.querySelectorAll<SVGRectElement>('rect.ws-cell')].map((c) => box(c.getBBox())),
          // Rotated texts: their boxes on the page (getBBox is in the text's own, unrotated units).
          products: [...svg.querySelectorAll<SVGTextElement>('text.ws-product')].map((t) => box(t.getBoundingClientRect())),
          accounts: [...svg.querySelectorAll<SVGTextElement>('text.ws-account')].map((t) => box(t.getBBox())),
          rest: rest ? Object.fromEntries([...rest.attributes].filter((a) => a.name.startsWith('data-')).map((a) => [a.name.slice(5), Number(a.value)])) : null,
          restText: rest?.textContent ?? '',
        };
      });
      expect(errors).toEqual([]);
      expect(facts.svg.width * facts.svg.height).toBeGreaterThan(0);
      expect(facts.cells).toHaveLength(40 * 30);
      const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      for (const list of [facts.cells, facts.products, facts.accounts]) {
        for (let i = 0; i < list.length; i++) {
          expect(list[i]!.width * list[i]!.height).toBeGreaterThan(0);
          // Cells are in a grid: only the neighbours in the list (the same row or the next) can touch.
          for (let j = i + 1; j < Math.min(list.length, i + 32); j++) expect(overlap(list[i]!, list[j]!), `${i} and ${j}`).toBe(false);
        }
      }
      expect(facts.products).toHaveLength(30);
      // The 160 accounts after the first 40: 30 cells each, counted per status.
      expect(facts.rest!.accounts).toBe(160);
      expect(['installed', 'opportunity', 'competitor', 'none', 'unknown'].reduce((s, k) => s + facts.rest![k]!, 0)).toBe(160 * 30);
      // (i + p) mod 5 over 160 consecutive i and 30 products: each status 160 × 30 / 5 times.
      expect(facts.rest).toMatchObject({ installed: 960, opportunity: 960, competitor: 960, none: 960, unknown: 960 });
      expect(facts.restText).toMatch(/^\+160 more accounts: installed 960, opportunity 960, competitor 960, not installed 960, unknown \(no entry\) 960$/);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
