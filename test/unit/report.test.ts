// The charts of kam report are pure functions of numbers: checked on their geometry.
import { describe, expect, it } from 'vitest';
import { paretoPoints } from '../../src/core/portfolio-report.js';
import { criteriaSvg, matrixSvg, paretoSvg, tierSvg } from '../../src/format/report/charts.js';
import { copyFixture, kam } from '../e2e/helpers.js';

describe('Pareto curve', () => {
  it('accumulates revenue shares, largest first, ending at 100%', () => {
    const points = paretoPoints([50, 30, 20], 100);
    expect(points).toEqual([
      { accountShare: 1 / 3, revenueShare: 0.5 },
      { accountShare: 2 / 3, revenueShare: 0.8 },
      { accountShare: 1, revenueShare: 1 },
    ]);
    expect(paretoPoints([], 0)).toEqual([]);
    const many = paretoPoints(Array.from({ length: 100_000 }, () => 1), 100_000);
    expect(many.length).toBeLessThanOrEqual(400);
    expect(many[many.length - 1]).toEqual({ accountShare: 1, revenueShare: 1 });
  });

  it('marks the vital few where the curve reaches 80%', () => {
    const svg = paretoSvg(paretoPoints([50, 30, 20], 100), 2, 2 / 3);
    // x = 56 + share × (560 − 56 − 16); y(0.8) = 340 − 44 − 0.8 × (340 − 16 − 44)
    const cx = 56 + (2 / 3) * 488;
    const cy = 296 - 0.8 * 280;
    expect(svg).toContain(`<circle cx="${Math.round(cx * 100) / 100}" cy="${Math.round(cy * 100) / 100}"`);
    expect(svg).toContain('vital few: 2 (66.7%)');
    expect(svg).toMatch(/<path d="M56,296 L218\.67,156 L381\.33,72 L544,16"/);
  });
});

describe('other charts', () => {
  it('draws one bubble per account, escapes names, labels the largest', () => {
    const points = Array.from({ length: 30 }, (_, i) => ({ id: `a${i}`, name: i === 0 ? '<b>&"中国移动"' : `A ${i}`, score: i * 3, growth: i / 100, revenue: 1000 - i, tier: i < 5 ? 'strategic' : 'key' }));
    const svg = matrixSvg(points, ['strategic', 'key']);
    expect(svg.match(/<circle /g)).toHaveLength(30);
    expect(svg.match(/class="bubble-label"/g)).toHaveLength(25);
    expect(svg).toContain('&lt;b&gt;&amp;&quot;中国移动&quot;');
    expect(svg).not.toContain('<b>');
  });

  it('sizes tier bars by share and criterion bars by score', () => {
    const tiers = tierSvg([{ id: 'strategic', accounts: 1, revenue: 75 }, { id: 'key', accounts: 3, revenue: 25 }], 4, 100);
    expect(tiers).toContain('width="95"'); // 25% of 380 px for strategic's accounts
    expect(tiers).toContain('width="285"'); // 75% of revenue
    const bars = criteriaSvg([{ id: 'revenue', score: 0.5, weight: 1, contribution: 50, missing: false }, { id: 'influence', score: 0, weight: 1, contribution: 0, missing: true }]);
    expect(bars).toContain('width="80" height="12" class="fill"');
    expect(bars).toContain('width="0" height="12" class="fill"');
    expect(bars).toContain('>+50.0<');
  });
});

describe('Markdown formats', () => {
  it('score and gaps Markdown link nothing external and hold no HTML', () => {
    const ws = copyFixture('valid');
    for (const args of [['score', '--format', 'markdown'], ['gaps', '--format', 'markdown', '--as-of', '2026-11-23']]) {
      const md = kam(args, { cwd: ws }).stdout;
      expect(md.length).toBeGreaterThan(50);
      expect(md).not.toMatch(/https?:|\]\(|<[a-z]/i);
    }
  });
});
