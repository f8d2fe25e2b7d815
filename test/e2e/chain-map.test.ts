// Issue 20 items 4 and 5: the decision-chain map of kam report (in Chromium: every contact drawn
// once, no two people or labels overlap, one arrow per resolved reportsTo, a legend, no console
// error; in English and Chinese), `kam gaps --account` listing the relationship findings first,
// and the templates' hints for the new fields (kam new writes them, kam check passes).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { copyFixture, fixture, json, kam } from './helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.KAM_BROWSER_TESTS === 'required') throw new Error(`Chromium not found at ${CHROMIUM}`);
if (!haveChromium) console.warn(`chain-map.test.ts: no Chromium at ${CHROMIUM}; the in-browser checks do not run here (CI runs them)`);

const AS_OF = '2026-11-23';
type Person = { name: string; reportsTo?: string; role?: string };
const planOf = (id: string) => parse(readFileSync(join(fixture('map'), 'accounts', `${id}.yaml`), 'utf8')) as { name: string; relationships?: Person[] };

/** reportsTo entries that name another contact of the plan, counted by hand from the fixture. */
const LINES: Record<string, number> = {
  // 1→0, 2→1, 8→0, 9→8, 16→0, 17→16, 24→17, 25→24, 27→26, 28→27, 29→28, 12→4, 20→12
  'north-grid': 13,
  // every i in 1..29 but the multiples of 3 (3, 6, …, 27: nine of them): 29 − 9
  crowd: 20,
  // Carol King → 赵行长, 钱工 → Carol King
  'small-bank': 2,
};

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function mapFacts(browser: Browser, file: string) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  const maps = await page.evaluate(() => {
    const box = (b: DOMRect) => ({ x: b.x, y: b.y, width: b.width, height: b.height });
    return [...document.querySelectorAll<HTMLDetailsElement>('details.card')].map((card) => {
      const svg = card.querySelector<SVGSVGElement>('svg.chain-map');
      if (!svg) return { account: card.dataset.account!, drawn: false as const };
      const people = [...svg.querySelectorAll<SVGGElement>('g.person')];
      return {
        account: card.dataset.account!,
        drawn: true as const,
        dataPeople: Number(svg.getAttribute('data-people')),
        dataLines: Number(svg.getAttribute('data-lines')),
        people: people.map((g) => ({
          index: Number(g.dataset.index),
          role: g.dataset.role!,
          box: box(g.getBBox()),
          title: g.querySelector('title')!.textContent ?? '',
          name: g.querySelector('text.map-name')!.textContent ?? '',
          nameWidth: g.querySelector<SVGTextElement>('text.map-name')!.getComputedTextLength(),
          badge: g.querySelector('text.map-badge-text')?.textContent ?? null,
        })),
        labels: [...svg.querySelectorAll<SVGTextElement>('text.map-name, text.map-owner, text.map-role, text.map-layer, text.map-nobody')].map((t) => ({ text: t.textContent ?? '', box: box(t.getBBox()) })),
        lines: svg.querySelectorAll('g.reports-to').length,
        roleHeads: [...svg.querySelectorAll('text.map-role')].map((t) => t.textContent ?? ''),
        layerHeads: [...svg.querySelectorAll('text.map-layer')].map((t) => t.textContent ?? ''),
        svgBox: box(svg.getBoundingClientRect()),
        legend: card.querySelector('.map-legend')?.textContent ?? null,
        legendStances: card.querySelectorAll('.map-legend [data-stance]').length,
        markupInNames: svg.querySelectorAll('b, img, script').length,
      };
    });
  });
  const lang = await page.evaluate(() => document.documentElement.lang);
  await page.screenshot({ path: file.replace(/\.html$/, '.png'), fullPage: true });
  await page.close();
  return { errors, maps, lang };
}

function checkMaps(facts: Awaited<ReturnType<typeof mapFacts>>) {
  expect(facts.errors).toEqual([]);
  const drawn = facts.maps.filter((m) => m.drawn);
  // quiet has no relationships: no map.
  expect(drawn.map((m) => m.account).sort()).toEqual(['crowd', 'north-grid', 'small-bank']);
  for (const m of drawn) {
    if (!m.drawn) continue;
    const plan = planOf(m.account);
    const people = plan.relationships!;
    // Every contact exactly once: indexes 0..n−1, each title starting with that contact's name.
    expect(m.dataPeople, m.account).toBe(people.length);
    expect(m.people.map((p) => p.index).sort((a, b) => a - b), m.account).toEqual(people.map((_, i) => i));
    for (const p of m.people) expect(p.title.startsWith(people[p.index]!.name), `${m.account} ${p.index}`).toBe(true);
    // Cut names end with an ellipsis and keep the whole name in the title; the others are whole.
    for (const p of m.people) {
      const full = people[p.index]!.name;
      if (p.name !== full) expect(p.name.endsWith('…') && full.startsWith(p.name.slice(0, -1)), `${full} → ${p.name}`).toBe(true);
      expect(p.nameWidth).toBeLessThanOrEqual(120 - 8 + 0.5);
    }
    // The decision-maker and the coach carry a badge, nobody else.
    for (const p of m.people) expect(p.badge !== null, `${m.account} ${p.index}`).toBe(p.role === 'decision-maker' || p.role === 'coach');
    // No two people (circle, badge, name and owner) overlap; no two labels overlap.
    for (let i = 0; i < m.people.length; i++) {
      expect(m.people[i]!.box.width * m.people[i]!.box.height).toBeGreaterThan(0);
      for (let j = i + 1; j < m.people.length; j++) expect(overlap(m.people[i]!.box, m.people[j]!.box), `${m.account}: ${m.people[i]!.title} / ${m.people[j]!.title}`).toBe(false);
    }
    for (let i = 0; i < m.labels.length; i++) {
      for (let j = i + 1; j < m.labels.length; j++) expect(overlap(m.labels[i]!.box, m.labels[j]!.box), `${m.account}: ${m.labels[i]!.text} / ${m.labels[j]!.text}`).toBe(false);
    }
    // One arrow per reportsTo that names another contact (counted by hand, and from the plan).
    const names = people.map((p) => p.name);
    const resolved = people.filter((p, i) => p.reportsTo !== undefined && names.some((n, j) => j !== i && n === p.reportsTo)).length;
    expect(resolved, m.account).toBe(LINES[m.account]);
    expect([m.lines, m.dataLines], m.account).toEqual([resolved, resolved]);
    expect(m.legend, m.account).not.toBeNull();
    expect(m.legendStances).toBe(6);
    // A name of markup is text, not markup.
    expect(m.markupInNames).toBe(0);
    expect(m.svgBox.width * m.svgBox.height).toBeGreaterThan(0);
  }
  return drawn;
}

describe.runIf(haveChromium)('the decision-chain map in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('draws 30 contacts (Han and Latin names, reportsTo chains) once each, with no overlap, in English', async () => {
    const ws = copyFixture('map');
    const r = kam(['report', '-o', 'report.html', '--as-of', AS_OF], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    const facts = await mapFacts(browser, join(ws, 'report.html'));
    expect(facts.lang).toBe('en');
    const drawn = checkMaps(facts);
    const north = drawn.find((m) => m.account === 'north-grid')!;
    if (!north.drawn) throw new Error('no map');
    // Fixed column order, the roles someone holds (all eight here); the layers someone is in.
    expect(north.roleHeads).toEqual(['decision-maker', 'economic-buyer', 'technical-evaluator', 'influencer', 'coach', 'user', 'gatekeeper', 'other (no role)']);
    expect(north.layerHeads).toEqual(['key', 'broad', 'organisational', 'no layer']);
    // Han names are whole (a 4-character name fits); the long Latin one is cut.
    expect(north.people.find((p) => p.title.startsWith('欧阳建国'))!.name).toBe('欧阳建国');
    expect(north.people.find((p) => p.title.startsWith('Maximilian'))!.name).toMatch(/^Maximilian .*…$/);
    expect(north.legend).toMatch(/champion.*supporter.*neutral.*skeptic.*opponent.*stance unknown/);
    // crowd: 30 people in one cell (influencer × broad), wrapped six to a row; the empty key roles say "nobody".
    const crowd = drawn.find((m) => m.account === 'crowd')!;
    if (!crowd.drawn) throw new Error('no map');
    expect(crowd.roleHeads).toEqual(['decision-maker', 'economic-buyer', 'influencer', 'coach']);
    expect(crowd.labels.filter((l) => l.text === 'nobody')).toHaveLength(3);
    expect(new Set(crowd.people.map((p) => Math.round(p.box.y + p.box.height))).size).toBe(5);
  }, 120_000);

  it('is in Chinese with --locale zh-CN, with the same checks', async () => {
    const ws = copyFixture('map');
    const r = kam(['report', '-o', 'report.html', '--as-of', AS_OF, '--locale', 'zh-CN'], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    const facts = await mapFacts(browser, join(ws, 'report.html'));
    expect(facts.lang).toBe('zh-CN');
    const drawn = checkMaps(facts);
    const north = drawn.find((m) => m.account === 'north-grid')!;
    if (!north.drawn) throw new Error('no map');
    expect(north.roleHeads).toEqual(['决策者', '经济决策者', '技术评估者', '影响者', '教练', '使用者', '把关者', '其他（未定角色）']);
    expect(north.layerHeads).toEqual(['关键关系', '普遍关系', '组织关系', '未分层']);
    for (const p of north.people.filter((x) => x.badge !== null)) expect(p.badge).toMatch(/^[决教]$/);
    expect(north.legend).toMatch(/坚定支持者.*支持者.*中立.*怀疑者.*反对者.*态度未知/);
    expect(north.legend).not.toMatch(/[a-z]{4,}/);
  }, 120_000);
});

describe('the decision-chain map without a browser', () => {
  it('is drawn for the 50 best-ranked accounts with contacts; a line names the others', () => {
    const ws = mkdtempSync(join(tmpdir(), 'kam-map-52-'));
    cpSync(join(fixture('map'), 'kam.yaml'), join(ws, 'kam.yaml'));
    mkdirSync(join(ws, 'accounts'));
    // 52 accounts, account i with revenue 1000 × (i + 1): rank 1 is a-51, rank 52 is a-00.
    for (let i = 0; i < 52; i++) {
      const id = `a-${String(i).padStart(2, '0')}`;
      writeFileSync(join(ws, 'accounts', `${id}.yaml`), `id: ${id}\nname: Account ${i}\nmetrics:\n  revenue: { 2025: ${1000 * (i + 1)} }\nrelationships:\n  - { name: 林${i}, role: coach }\n`);
    }
    const r = kam(['report', '--as-of', AS_OF], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.match(/<svg [^>]*class="chart chain-map"/g)).toHaveLength(50);
    expect(r.stdout.match(/class="meta map-not-drawn"/g)).toHaveLength(2);
    const line = /<p class="meta maps-left-out" data-left-out="(\d+)">([^<]*)<\/p>/.exec(r.stdout)!;
    expect(line[1]).toBe('2');
    expect(line[2]).toBe('Decision-chain maps are drawn for the 50 best-ranked accounts with contacts; 2 more accounts with contacts have none: Account 1, Account 0.');
    for (const id of ['a-01', 'a-00']) expect(new RegExp(`id="account-${id}"[\\s\\S]*?map-not-drawn[\\s\\S]*?</details>`).test(r.stdout)).toBe(true);
  });

  it('escapes names and titles (user text) in the map', () => {
    const ws = copyFixture('map');
    const html = kam(['report', '--as-of', AS_OF], { cwd: ws }).stdout;
    const svg = /<svg [^>]*aria-label="Decision-chain map of 国家电网华北分部 North Grid" class="chart chain-map"[\s\S]*?<\/svg>/.exec(html)![0];
    expect(svg).not.toContain('<b>Eve');
    expect(svg).toContain('&lt;b&gt;Eve &amp; &quot;Mallory&quot;&lt;/b&gt;');
    expect(svg).toContain('<title>&lt;b&gt;Eve &amp; &quot;Mallory&quot;&lt;/b&gt; reports to 马云</title>');
  });
});

describe('kam gaps --account lists the relationship findings first', () => {
  const cwd = fixture('map');
  const RELATIONSHIP = ['key-person-risk', 'no-coach', 'stale-contact'];
  const OTHERS = ['tier-mismatch', 'overdue-action', 'stale-review'];

  it('table, markdown and json', () => {
    const table = kam(['gaps', '--as-of', AS_OF, '--account', 'small-bank'], { cwd });
    expect(table.code, table.stderr).toBe(0);
    const rules = (text: string, re: RegExp) => [...text.matchAll(re)].map((m) => m[1]);
    expect(rules(table.stdout, /^ {4}⚠ (\S+)/gm)).toEqual([...RELATIONSHIP, ...OTHERS]);
    const md = kam(['gaps', '--as-of', AS_OF, '--account', 'small-bank', '--format', 'markdown'], { cwd }).stdout;
    expect(rules(md, /^- ⚠️ \*\*(\S+)\*\*/gm)).toEqual([...RELATIONSHIP, ...OTHERS]);
    const doc = json<{ findings: { rule: string }[] }>(kam(['gaps', '--as-of', AS_OF, '--account', 'small-bank', '--format', 'json'], { cwd }).stdout);
    expect(doc.findings.map((f) => f.rule)).toEqual([...RELATIONSHIP, ...OTHERS]);
  });

  it('with several accounts, per account; without --account the order is as before', () => {
    const both = json<{ findings: { rule: string; account: string }[] }>(kam(['gaps', '--as-of', AS_OF, '--account', 'small-bank,crowd', '--format', 'json'], { cwd }).stdout);
    // Files in order (crowd.yaml, small-bank.yaml), relationship findings first in each.
    expect(both.findings.map((f) => `${f.account} ${f.rule}`)).toEqual([
      'crowd no-coach', 'crowd no-decision-maker', 'crowd stale-review',
      ...[...RELATIONSHIP, ...OTHERS].map((r) => `small-bank ${r}`),
    ]);
    // The whole report: the check order (tier-mismatch, a line-5 finding, first) for table and json.
    const table = kam(['gaps', '--as-of', AS_OF], { cwd }).stdout;
    const block = /小型银行 Small Bank[^\n]*\n((?: {4}.*\n)+)/.exec(table)![1]!;
    expect([...block.matchAll(/^ {4}⚠ (\S+)/gm)].map((m) => m[1])).toEqual(['tier-mismatch', 'key-person-risk', 'no-coach', 'stale-contact', 'overdue-action', 'stale-review']);
    const all = json<{ findings: { rule: string; account: string }[] }>(kam(['gaps', '--as-of', AS_OF, '--format', 'json'], { cwd }).stdout);
    expect(all.findings.filter((f) => f.account === 'small-bank').map((f) => f.rule)).toEqual(['tier-mismatch', 'key-person-risk', 'no-coach', 'stale-contact', 'overdue-action', 'stale-review']);
  });
});

describe('the templates hint at the fields of issue 20', () => {
  const HINTS = [/^# override: /m, /^# {3}reason: /m, /^# {3}by: /m, /^# {3}until: YYYY-MM-DD/m, /asOf: YYYY-MM-DD/, /layer: key +# key/, /reportsTo: …/, /executive-sponsor/];
  for (const locale of ['en', 'zh-CN']) {
    it(`kam new writes them (${locale}), and the plans pass kam check`, () => {
      const ws = mkdtempSync(join(tmpdir(), 'kam-map-new-'));
      execFileSync('git', ['init', '-q'], { cwd: ws });
      expect(kam(['init', '--yes', '--locale', locale], { cwd: ws }).code).toBe(0);
      for (const [name, tier] of [['ACME Telecom', 'strategic'], ['Quiet Co', 'maintain']] as const) {
        const r = kam(['new', name, '--yes', '--tier', tier, '--owner', 'Jane Doe', '--as-of', AS_OF, '--locale', locale], { cwd: ws });
        expect(r.code, r.stderr).toBe(0);
      }
      const strategic = readFileSync(join(ws, 'accounts/acme-telecom.yaml'), 'utf8');
      const quiet = readFileSync(join(ws, 'accounts/quiet-co.yaml'), 'utf8');
      // The strategic plan has relationships (required), its layer and reportsTo hints indented under the entry.
      expect(strategic).toMatch(/^ {4}# layer: key/m);
      expect(strategic).toMatch(/^ {4}# reportsTo: …/m);
      for (const text of [strategic, quiet]) for (const hint of HINTS) expect(text, String(hint)).toMatch(hint);
      const minimal = kam(['new', 'Mini Co', '--yes', '--template', 'minimal', '--dry-run', '--as-of', AS_OF, '--locale', locale], { cwd: ws });
      expect(minimal.code, minimal.stderr).toBe(0);
      expect(minimal.stdout).toMatch(/^# override: /m);
      const check = kam(['check', '--as-of', AS_OF, '--format', 'json'], { cwd: ws });
      expect(check.code, check.stdout).toBe(0);
      expect(json<{ findings: { severity: string }[] }>(check.stdout).findings.filter((f) => f.severity === 'error')).toEqual([]);
    });
  }
});
