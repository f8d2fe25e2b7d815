// issue 22: kam.yaml's segments validated like the rest of the file (errors with locations and
// "did you mean"), the warning for a segment an earlier one covers, and the scoring layer.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config-file.js';
import { scoreAccountRows, type ScoringSubject } from '../../src/core/scoring.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const HEAD = ['version: 1', 'tiers: [{ id: gold, min: 60 }, { id: silver, min: 30 }, { id: bronze, min: 0 }]', 'segments:'];

function problems(...lines: string[]): string[] {
  const r = parseConfig(utf8(`${[...HEAD, ...lines].join('\n')}\n`));
  return r.ok ? [] : r.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
}
function warnings(...lines: string[]): string[] {
  const r = parseConfig(utf8(`${[...HEAD, ...lines].join('\n')}\n`));
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return (r.warnings ?? []).map((p) => `${p.line}:${p.column} ${p.message}`);
}

describe('segments in kam.yaml: errors', () => {
  it('an unknown field of a segment, with did-you-mean', () => {
    expect(problems('  - { id: a, when: {}, weigths: { revenue: 1 } }')[0]).toMatch(/^4:\d+ .*weigths.*did you mean "weights"/);
  });
  it('an unknown criterion in weights, at its key', () => {
    expect(problems('  - { id: a, when: {}, weights: { revenu: 1 } }')).toEqual([
      '4:35 "segments[0].weights": criterion "revenu" is not a criterion of the model; did you mean "revenue"? (criteria: revenue, cumulativeVolume, influence, techProspects)',
    ]);
  });
  it('an unknown when field, a tier of tiers, tiers out of order, ids', () => {
    const out = problems(
      '  - { id: a, when: { industri: tech } }',
      '  - { id: b, when: { tier: gld }, tiers: { silver: 70 } }',
      '  - { id: a, when: {} }',
      '  - { id: default, when: {} }',
    );
    expect(out).toEqual([
      '4:22 "segments[0].when": "industri" is not a field a segment can match; did you mean "industry"? (fields: industry, region, owner, tier, id, name, or a number input with a range (min, max))',
      '5:28 "segments[1].when.tier": tier "gld" is not in tiers (gold, silver, bronze); did you mean "gold"?',
      '5:42 "segments[1].tiers": tiers must be ordered highest first: "silver" (min 70) must have a lower min than "gold" (min 60)',
      '6:11 "segments[2].id": segment id "a" is used twice; ids must be unique',
      '7:11 "segments[3].id": segment id "default" is the segment of the accounts no segment matches; give this segment another id',
    ]);
  });
  it('a range on a text field and a text on a number input', () => {
    expect(problems('  - { id: a, when: { region: { min: 1 }, metrics.staff: big } }')).toEqual([
      '4:30 "segments[0].when.region": "region" is a text field: give a text or a list of texts (any of them), not a range',
      '4:57 "segments[0].when.metrics.staff": "metrics.staff" is a number: give a range (min, max) (both optional, both included)',
    ]);
  });
});

describe('segments in kam.yaml: warnings', () => {
  it('a segment whose when an earlier one covers (same or weaker conditions) can never match', () => {
    expect(warnings(
      '  - { id: tech, when: { industry: [tech, telecom] } }',
      '  - { id: bigtech, when: { industry: tech, metrics.staff: { min: 50 } } }',
      '  - { id: big, when: { metrics.staff: { min: 100 } } }',
      '  - { id: bigger, when: { metrics.staff: { min: 200, max: 300 } } }',
      '  - { id: other, when: { region: eu } }',
    )).toEqual([
      '5:26 "segments[1].when": segment "bigtech" can never match: segment "tech" comes first and its `when` holds for every account this one\'s does (first match wins); put the narrower segment first',
      '7:25 "segments[3].when": segment "bigger" can never match: segment "big" comes first and its `when` holds for every account this one\'s does (first match wins); put the narrower segment first',
    ]);
  });
  it('a narrower segment first is fine', () => {
    expect(warnings('  - { id: bigtech, when: { industry: tech, metrics.staff: { min: 50 } } }', '  - { id: tech, when: { industry: tech } }')).toEqual([]);
  });
});

describe('the segment layer', () => {
  const subject = (id: string, industry: string | undefined, revenue: number): ScoringSubject => ({
    id, name: id, revenue: [[2025, revenue]], assessment: {}, metrics: {}, ...(industry !== undefined ? { fields: { industry } } : {}),
  });
  const criteria = [{ id: 'rev', weight: 1, input: 'revenue.latest', scale: { type: 'percentile' as const } }];
  const tiers = [{ id: 'top', min: 50 }, { id: 'rest', min: 0 }];
  it('a percentile ranks within the segment; a segment with only tiers keeps the criteria; ranks are global', () => {
    const subjects = [subject('a', 'x', 10), subject('b', 'x', 20), subject('c', undefined, 1), subject('d', undefined, 1000)];
    const rows = scoreAccountRows(subjects, { criteria, missing: 'zero', tiers, segments: [{ id: 'x', when: { industry: 'x' }, tiers: { top: 90 } }] });
    // b: 100 ≥ 90 (top in x); a 0; c and d rank among the default segment alone.
    expect(rows.map((r) => [r.id, r.score, r.tier, r.segment, r.rank])).toEqual([
      ['a', 0, 'rest', 'x', 3],
      ['b', 100, 'top', 'x', 1],
      ['c', 0, 'rest', 'default', 4],
      ['d', 100, 'top', 'default', 2],
    ]);
  });
  it('without segments nothing changes (no segment field)', () => {
    const rows = scoreAccountRows([subject('a', 'x', 10)], { criteria, missing: 'zero', tiers });
    expect('segment' in rows[0]!).toBe(false);
  });
});
