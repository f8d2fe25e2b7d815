// The portfolio matrix of kam report: label boxes never overlap and stay inside the plot (boxes
// computed from the SVG the chart writes), round ticks, readable criterion names, plurals.
import { afterEach, describe, expect, it } from 'vitest';
import type { MatrixPoint } from '../../src/core/portfolio-report.js';
import {
  boxesOverlap, boxInside, criteriaSvg, LABEL_FONT, MATRIX_PLOT, matrixChart, matrixSvg, MAX_LABEL_WIDTH, niceTicks, NUMBER_FONT, percentTicks, textBox, type Box,
} from '../../src/format/report/charts.js';
import { criterionName, fitText, readableId, textWidth } from '../../src/format/report/text.js';
import { en } from '../../src/i18n/en/index.js';
import { ENGLISH, setTranslator, t, Translator } from '../../src/i18n/index.js';

afterEach(() => setTranslator(ENGLISH));

const CJK = ['华为技术有限公司', '中国移动通信集团有限公司', '国家电网有限公司', '中国工商银行股份有限公司', '比亚迪汽车工业有限公司', '腾讯科技（深圳）有限公司'];
const LATIN = ['Deutsche Telekom Aktiengesellschaft', 'Worldwide Widgets & Manufacturing Co.', 'MMMM WWWW Holdings', 'Acme', 'International Business Machines Corporation', 'Ilil Lift'];

/** A portfolio of `n` accounts in rank order, with long Han and Latin names, clustered like a real one (seeded, deterministic). */
function portfolio(n: number): MatrixPoint[] {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const points = Array.from({ length: n }, (_, i) => ({
    id: `a${i}`,
    name: `${i % 2 === 0 ? CJK[i % CJK.length] : LATIN[i % LATIN.length]} ${i}`,
    score: Math.min(100, Math.max(0, 60 + (rnd() - 0.5) * 60)),
    growth: (rnd() - 0.2) * 0.5,
    revenue: Math.floor(10 ** (4 + rnd() * 4)),
    tier: i < 10 ? 'strategic' : 'key',
  }));
  // The best ranked at the chart's edges: right (score 100), top and bottom.
  points[0] = { ...points[0]!, name: '华为技术有限公司', score: 100, growth: 0.3 };
  points[1] = { ...points[1]!, name: 'International Business Machines Corporation', score: 99, growth: 0.2 };
  return points.sort((a, b) => b.score - a.score);
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** The boxes of the texts on the chart, read back from its SVG. */
function labelBoxes(svg: string): { kind: string; text: string; box: Box }[] {
  return [...svg.matchAll(/<text x="([-\d.]+)" y="([-\d.]+)" class="(bubble-label|bubble-number)"[^>]*>([^<]*)<\/text>/g)].map((m) => {
    const text = unescape(m[4]!);
    return { kind: m[3]!, text, box: textBox(Number(m[1]), Number(m[2]), text, m[3] === 'bubble-label' ? LABEL_FONT : NUMBER_FONT) };
  });
}

describe('matrix labels', () => {
  it('on 200 accounts with long Han and Latin names: no two label boxes overlap, none leaves the plot', () => {
    const points = portfolio(200);
    const { svg, numbered } = matrixChart(points, ['strategic', 'key'], 25);
    const boxes = labelBoxes(svg);
    const names = boxes.filter((b) => b.kind === 'bubble-label');
    // Every one of the 25 best ranked is named or numbered, never both.
    expect(names.length + numbered.length).toBe(25);
    expect(names.length).toBeGreaterThanOrEqual(15);
    expect(boxes.filter((b) => b.kind === 'bubble-number').length).toBe(numbered.filter((x) => x.drawn).length);
    for (const b of boxes) expect(boxInside(b.box, MATRIX_PLOT), b.text).toBe(true);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) expect(boxesOverlap(boxes[i]!.box, boxes[j]!.box), `${boxes[i]!.text} / ${boxes[j]!.text}`).toBe(false);
    }
    // The best ranked, at the right edge (score 100), is named in full, left of its bubble.
    const huawei = names.find((b) => b.text === '华为技术有限公司');
    expect(huawei).toBeDefined();
    expect(huawei!.box.x + huawei!.box.width).toBeLessThanOrEqual(MATRIX_PLOT.x + MATRIX_PLOT.width);
    // A long name is cut with an ellipsis to at most MAX_LABEL_WIDTH.
    for (const b of names) expect(b.box.width).toBeLessThanOrEqual(MAX_LABEL_WIDTH);
    expect(names.some((b) => b.text.endsWith('…'))).toBe(true);
  });

  it('numbers the accounts whose names find no place; the legend names them in rank order', () => {
    // 25 bubbles on top of each other: the first is named, then names run out of room.
    const points: MatrixPoint[] = Array.from({ length: 25 }, (_, i) => ({ id: `p${i}`, name: `华为技术有限公司 ${i}`, score: 50, growth: 0.1, revenue: 100, tier: 'key' }));
    const { svg, numbered } = matrixChart(points, ['key'], 25);
    const boxes = labelBoxes(svg);
    expect(numbered.length).toBeGreaterThan(0);
    expect(numbered.map((x) => x.n)).toEqual(numbered.map((_, i) => i + 1));
    const ranks = numbered.map((x) => points.indexOf(x.point));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(boxesOverlap(boxes[i]!.box, boxes[j]!.box)).toBe(false);
  });

  it('measures Han text as 1 em a character and Latin as about 0.6 em', () => {
    expect(textWidth('华为技术有限公司', 10)).toBe(80);
    expect(textWidth('abc', 10)).toBeCloseTo(19.2, 9);
    expect(textWidth('MW', 10)).toBe(20);
    expect(fitText('华为技术有限公司', 10, 80)).toBe('华为技术有限公司');
    expect(fitText('华为技术有限公司', 10, 79)).toBe('华为技术有限…');
    expect(textWidth(fitText('x'.repeat(500), 10, 170), 10)).toBeLessThanOrEqual(170);
  });
});

describe('axis ticks', () => {
  it('are 1, 2, 2.5 or 5 × 10^k, covering the range tightly', () => {
    // −6.5% … 58.5%: 0.05 needs 13 intervals; 0.1 covers −10% … 60% (0.7), 0.2 −20% … 60% (0.8).
    const a = niceTicks(-0.065, 0.585);
    expect(a.step).toBe(0.1);
    expect(percentTicks(a.ticks, a.step)).toEqual(['-10%', '0%', '10%', '20%', '30%', '40%', '50%', '60%']);
    // −5% … 72% (the CAGR axis that showed 72%, 57%, 41%, 26%, 10%, −5%): 0.1 needs 9 intervals, 0.2 and 0.25 cover 1.0: the larger.
    const cagr = niceTicks(-0.05, 0.72);
    expect(cagr.step).toBe(0.25);
    expect(percentTicks(cagr.ticks, cagr.step)).toEqual(['-25%', '0%', '25%', '50%', '75%']);
    // 0 … 10%: 0.02, 0.025, 0.05 and 0.1 all cover 0.1; 0.05 and 0.1 give fewer than 4 intervals.
    const small = niceTicks(0, 0.1);
    expect(small.step).toBe(0.025);
    expect(percentTicks(small.ticks, small.step)).toEqual(['0.0%', '2.5%', '5.0%', '7.5%', '10.0%']);
    expect(percentTicks(niceTicks(0, 0.2).ticks, 0.05)).toEqual(['0%', '5%', '10%', '15%', '20%']);
    expect(percentTicks([-0, 0.5], 0.5)).toEqual(['0%', '50%']);
    const huge = niceTicks(-1e300, 1e300);
    expect(huge.ticks.length).toBeLessThanOrEqual(9);
  });

  it('the matrix writes only nice growth ticks', () => {
    const points = [-0.05, 0.1, 0.26, 0.41, 0.57, 0.72].map((growth, i) => ({ id: `g${i}`, name: `G${i}`, score: 10 * i, growth, revenue: 100, tier: null }));
    const svg = matrixSvg(points, []);
    const growthTicks = [...svg.matchAll(/text-anchor="end" class="tick">([^<]*)</g)].map((m) => m[1]);
    // 3% padding: −7.3% … 74.3%, covered by −25% … 75% in steps of 25%.
    expect(growthTicks).toEqual(['-25%', '0%', '25%', '50%', '75%']);
  });
});

describe('criterion names', () => {
  it('a readable English fallback for ids without a label', () => {
    expect(readableId('cumulativeVolume')).toBe('Cumulative volume');
    expect(readableId('techProspects')).toBe('Tech prospects');
    expect(readableId('revenue')).toBe('Revenue');
    expect(readableId('customerNPS')).toBe('Customer NPS');
    expect(readableId('wallet_share')).toBe('Wallet share');
    expect(criterionName('techProspects')).toBe('Tech prospects');
  });

  it('the label of kam.yaml when it has one, in the breakdown bars too', () => {
    setTranslator(new Translator('en', en, { criteria: new Map([['influence', 'Reference value']]) }));
    expect(criterionName('influence')).toBe('Reference value');
    const bars = criteriaSvg([{ id: 'influence', score: 1, weight: 1, contribution: 10, missing: false }, { id: 'cumulativeVolume', score: 0, weight: 1, contribution: 0, missing: false }]);
    expect(bars).toContain('>Reference value</text>');
    expect(bars).toContain('>Cumulative volume</text>');
    expect(bars).not.toContain('cumulativeVolume');
  });
});

describe('plurals', () => {
  it('1 account, 2 accounts', () => {
    expect(t('report.card.findings', { n: 1 })).toBe('1 finding');
    expect(t('report.card.findings', { n: 2 })).toBe('2 findings');
    expect(t('report.card.contacts', { n: 1, roles: 'coach' })).toBe('1 contact; roles covered: coach');
    expect(t('report.chart.vital-few-title', { n: 1, share: '10.0%' })).toBe('1 account (10.0%) makes 80% of revenue');
    expect(t('report.chart.vital-few-title', { n: 3, share: '30.0%' })).toBe('3 accounts (30.0%) make 80% of revenue');
    expect(t('report.left-out.plans', { n: 1, items: 'x' })).toBe('1 plan left out because of errors (run kam check): x');
    expect(t('report.left-out.rows', { n: 2, file: 'c.csv', items: 'x' })).toBe('2 rows of c.csv left out: x');
  });
});
