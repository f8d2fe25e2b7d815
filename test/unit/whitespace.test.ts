// The whitespace matrix core (src/core/whitespace.ts): edge cases the fixture does not cover.
import { describe, expect, it } from 'vitest';
import { buildWhitespaceReport, keyTiersOf, whitespaceDocument, whitespaceFacts, type WhitespaceInput } from '../../src/core/whitespace.js';
import type { Plan } from '../../src/core/plan.js';
import type { ScoredAccount } from '../../src/core/scoring.js';

function input(id: string, rank: number, score: number, tier: string | null, whitespace: Plan['whitespace'], metrics: Record<string, number> = {}, objectives: Plan['objectives'] = []): WhitespaceInput {
  const account: ScoredAccount = { id, name: id.toUpperCase(), score, tier, rank, missing: [], criteria: [], latestRevenue: 0 };
  const plan: Plan = { id, name: id, whitespace, objectives };
  return { account, subject: { id, name: id, revenue: [], assessment: {}, metrics }, facts: whitespaceFacts(plan) };
}

describe('buildWhitespaceReport', () => {
  it('one tier: no key tiers, key penetration null', () => {
    const r = buildWhitespaceReport([input('a', 1, 50, 'only', [{ product: 'p', status: 'installed' }])], [{ id: 'only' }]);
    expect(r.keyTiers).toEqual([]);
    expect(r.columns).toEqual([{ product: 'p', installed: 1, penetration: 1, keyInstalled: 0, keyPenetration: null, opportunity: 0, competitor: 0 }]);
  });

  it('product names are data: __proto__ and constructor are columns like any other', () => {
    const r = buildWhitespaceReport(
      [input('a', 1, 50, 'key', [{ product: '__proto__', status: 'installed' }, { product: 'constructor', status: 'opportunity' }])],
      [{ id: 'key' }, { id: 'low' }],
    );
    expect(r.columns.map((c) => c.product)).toEqual(['__proto__', 'constructor']);
    expect(JSON.parse(JSON.stringify(whitespaceDocument(r))).accounts[0].cells.map((c: { product: string }) => c.product)).toEqual(['__proto__', 'constructor']);
  });

  it('a cell: installed wins over opportunity, opportunity over competitor, competitor over none', () => {
    const r = buildWhitespaceReport(
      [input('a', 1, 50, 'key', [
        { product: 'p', unit: 'u1', status: 'none' }, { product: 'p', unit: 'u2', status: 'competitor' },
        { product: 'q', unit: 'u1', status: 'competitor' }, { product: 'q', unit: 'u2', status: 'opportunity' },
        { product: 'r', status: 'none' },
      ])],
      [{ id: 'key' }, { id: 'low' }],
    );
    expect(Object.fromEntries(r.rows[0]!.cells.map((c) => [c.product, c.status]))).toEqual({ p: 'competitor', q: 'opportunity', r: 'none' });
    expect(r.openings.map((o) => [o.product, o.units])).toEqual([['q', ['u2']]]);
  });

  it('openings: score × 1, ties by account id then product; rows by rank', () => {
    const r = buildWhitespaceReport(
      [
        input('b', 2, 60, 'key', [{ product: 'z', status: 'opportunity' }, { product: 'y', status: 'opportunity' }]),
        input('a', 1, 60, 'key', [{ product: 'z', status: 'opportunity' }]),
        input('c', 3, 70.5, null, [{ product: 'y', status: 'opportunity' }]),
      ],
      [{ id: 'key' }, { id: 'low' }],
    );
    expect(r.rows.map((row) => row.account.id)).toEqual(['a', 'b', 'c']);
    expect(r.openings.map((o) => [o.account.id, o.product, o.weight])).toEqual([['c', 'y', 70.5], ['a', 'z', 60], ['b', 'y', 60], ['b', 'z', 60]]);
    expect(r.rows[2]!.key).toBe(false); // no tier: not a key account
  });

  it('shares: the first objective target 0..1 per product, metrics.share.<product> 0..1; others left out', () => {
    const r = buildWhitespaceReport(
      [input('a', 1, 50, 'key', [], { 'share.p': 0.25, 'share.q': -0.1, level: 3 }, [
        { what: 'x', product: 'p', target: 0.4 }, { what: 'y', product: 'p', target: 0.9 }, { what: 'z', product: 'r', target: 12 }, { what: 'w', product: 's', target: 1 },
      ])],
      [{ id: 'key' }, { id: 'low' }],
    );
    expect(r.rows[0]!.shares).toEqual([{ product: 'p', target: 0.4, actual: 0.25 }, { product: 's', target: 1, actual: null }]);
    expect(r.badShares).toEqual([{ account: 'a', metric: 'metrics.share.q', value: -0.1 }]);
  });

  it('keyTiersOf: every tier but the lowest', () => {
    expect(keyTiersOf([{ id: 's' }, { id: 'k' }, { id: 'g' }, { id: 'm' }])).toEqual(['s', 'k', 'g']);
  });
});
