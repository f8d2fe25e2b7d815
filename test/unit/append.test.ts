// Lists past ~120,000 items spread as arguments (push(...list)) overflow the stack: a workspace of
// 150,000 plans, or a file of that many rows written as Markdown, must not crash kam.
import { describe, expect, it } from 'vitest';
import { append } from '../../src/core/append.js';
import { DEFAULT_CONFIG } from '../../src/core/config.js';
import { buildScoreReport } from '../../src/core/score-report.js';
import type { ScoringSubject } from '../../src/core/scoring.js';
import { formatScoreMarkdown } from '../../src/format/score/markdown.js';

describe('append', () => {
  it('appends 500,000 items, where push(...items) throws RangeError', () => {
    const items = Array.from({ length: 500_000 }, (_, i) => i);
    expect(() => [].push(...(items as never[]))).toThrow(RangeError);
    const target = [-1];
    expect(append(target, items)).toBe(target);
    expect(target.length).toBe(500_001);
    expect(target[500_000]).toBe(499_999);
  });

  it('lets kam score write 150,000 accounts as Markdown', { timeout: 120_000 }, () => {
    const subjects: ScoringSubject[] = Array.from({ length: 150_000 }, (_, i) => ({ id: `a${i}`, name: `Account ${i}`, revenue: [[2025, i * 10]], assessment: { influence: i % 6 }, metrics: {} }));
    const { report } = buildScoreReport(subjects, DEFAULT_CONFIG);
    const lines = formatScoreMarkdown(report).split('\n');
    expect(lines.filter((l) => /^\| \d+ \| Account \d+ \|/.test(l)).length).toBe(150_000);
  });
});
