// The decision-chain map's layout (issue 20), numbers by hand: slot 120 × 72, a left column of
// 112 for the layers, a header row of 26; a column is ⌈√(its fullest cell)⌉ slots wide (at most 6).
import { describe, expect, it } from 'vitest';
import { chainPeople, type ChainPerson } from '../../src/core/portfolio-report.js';
import { chainMapSvg, layoutChainMap, nodeRadius } from '../../src/format/report/chain-map.js';

describe('layoutChainMap', () => {
  it('wraps 30 people of one cell into 5 rows of 6, and keeps the decision-maker, economic-buyer and coach columns', () => {
    const people: ChainPerson[] = Array.from({ length: 30 }, (_, i) => ({ name: `p${i}`, role: 'influencer', layer: 'broad' }));
    const l = layoutChainMap(people);
    expect(l.columns.map((c) => [c.role, c.x, c.slots])).toEqual([['decision-maker', 112, 1], ['economic-buyer', 232, 1], ['influencer', 352, 6], ['coach', 1072, 1]]);
    expect(l.rows).toEqual([{ layer: 'broad', y: 26, height: 5 * 72 }]);
    // p7: row 1, column 1 of the cell.
    expect(l.slots[7]).toEqual({ x: 352 + 120, y: 26 + 72 });
    expect(l.slots[29]).toEqual({ x: 352 + 5 * 120, y: 26 + 4 * 72 });
    expect([l.width, l.height]).toEqual([1072 + 120 + 4, 26 + 360 + 4]);
    // Every slot different.
    expect(new Set(l.slots.map((s) => `${s.x},${s.y}`)).size).toBe(30);
  });

  it('puts no role under "other", no layer under "unassigned", in the fixed order', () => {
    const l = layoutChainMap([{ name: 'a', layer: 'organisational' }, { name: 'b', role: 'gatekeeper', layer: 'key' }, { name: 'c', role: 'user' }]);
    expect(l.columns.map((c) => c.role)).toEqual(['decision-maker', 'economic-buyer', 'coach', 'user', 'gatekeeper', 'other']);
    expect(l.rows.map((r) => r.layer)).toEqual(['key', 'organisational', 'unassigned']);
    expect(l.slots).toEqual([{ x: 112 + 5 * 120, y: 26 + 72 }, { x: 112 + 4 * 120, y: 26 }, { x: 112 + 3 * 120, y: 26 + 2 * 72 }]);
  });

  it('sizes by strength: 6 + 2 × strength, 6 when unknown', () => {
    expect([undefined, 0, 1, 3.5, 5, 9].map(nodeRadius)).toEqual([6, 6, 8, 13, 16, 16]);
  });
});

describe('chainPeople and the arrows', () => {
  it('resolves reportsTo to the first other contact of that name; a self-reference draws nothing', () => {
    const people = chainPeople([{ name: 'A' }, { name: 'B', reportsTo: 'A' }, { name: 'A', reportsTo: 'A' }, { name: 'C', reportsTo: 'C' }]);
    expect(people.map((p) => p.boss)).toEqual([undefined, 0, 0, undefined]);
    const svg = chainMapSvg(people, 'X');
    expect(svg.match(/<g class="reports-to"/g)).toHaveLength(2);
    expect(svg).toContain('data-lines="2"');
    expect(svg.match(/<g class="person"/g)).toHaveLength(4);
  });
});
