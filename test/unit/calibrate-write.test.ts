// issue 22: `kam calibrate --write` changes only the weight: scalars of kam.yaml, or refuses.
import { describe, expect, it } from 'vitest';
import { withWeightsText } from '../../src/io/calibrate-write.js';

const criteria = (n: number) => ({ criteria: Array.from({ length: n }, (_, i) => ({ id: `c${i}`, weight: 1, input: `metrics.c${i}`, scale: { type: 'linear' as const, min: 0, max: 1 } })) });

describe('withWeightsText', () => {
  it('replaces only the weight values (block and flow style, comments, quotes kept)', () => {
    const text = '# top\nversion: 1\ncriteria:\n  - id: c0 # first\n    weight: 35   # was 35\n    input: metrics.c0\n    scale: { type: linear, min: 0, max: 1 }\n\n  - { id: c1, weight: 2.50, input: metrics.c1, scale: { type: linear, min: 0, max: 1 } }\n';
    const out = withWeightsText(text, 'kam.yaml', criteria(2), [60.5, 39.5]);
    expect(out).toBe(text.replace('weight: 35 ', 'weight: 60.5 ').replace('weight: 2.50,', 'weight: 39.5,'));
  });

  it('refuses an alias, a tag, a missing weight, a criteria count that differs', () => {
    const alias = 'criteria:\n  - id: c0\n    weight: &w 3\n    input: metrics.c0\n    scale: { type: linear, min: 0, max: 1 }\n  - id: c1\n    weight: *w\n    input: metrics.c1\n    scale: { type: linear, min: 0, max: 1 }\n';
    expect(() => withWeightsText(alias, 'kam.yaml', criteria(2), [1, 2])).toThrow(/criteria\[0\]\.weight is not a plain weight/);
    const tagged = 'criteria:\n  - id: c0\n    weight: !!float 3\n    input: metrics.c0\n    scale: { type: linear, min: 0, max: 1 }\n';
    expect(() => withWeightsText(tagged, 'kam.yaml', criteria(1), [1])).toThrow(/not a plain weight/);
    const none = 'criteria:\n  - id: c0\n    input: metrics.c0\n    scale: { type: linear, min: 0, max: 1 }\n';
    expect(() => withWeightsText(none, 'kam.yaml', criteria(1), [1])).toThrow(/no weight: key/);
    expect(() => withWeightsText('criteria:\n  - { id: c0, weight: 1 }\n', 'kam.yaml', criteria(2), [1, 1])).toThrow(/not a plain weight/);
  });

  it('no criteria: block: refuses, printing the block to add', () => {
    expect(() => withWeightsText('version: 1\n', 'kam.yaml', criteria(1), [7])).toThrow(/no criteria: block[\s\S]*- id: c0\n {4}weight: 7\n/);
  });
});
