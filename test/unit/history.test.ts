// The pure parts of kam history and kam diff: one account's view, sparklines, headlines.
import { describe, expect, it } from 'vitest';
import { onlyAccount } from '../../src/commands/history.js';
import { diffHeadline, diffSnapshots } from '../../src/core/diff.js';
import type { ScoredAccount } from '../../src/core/scoring.js';
import { sparkline } from '../../src/format/history.js';
import type { HistoryPoint } from '../../src/io/history.js';

const point = (commit: string, accounts: HistoryPoint['accounts'], configChanged = false): HistoryPoint => ({ commit, date: '2026-01-01T00:00:00Z', subject: commit, configChanged, accounts });

describe('history of one account', () => {
  it('keeps the points where its score or tier moves, the model changes, or it is removed', () => {
    const points = [
      point('a', { other: { score: 1, tier: 'maintain' } }),
      point('b', {}, true),
      point('c', { x: { score: 50, tier: 'growth' } }),
      point('d', { x: { score: 50, tier: 'growth' } }),
      point('e', { x: { score: 50, tier: 'growth' } }, true),
      point('f', { x: { score: 60, tier: 'key' } }),
      point('g', {}),
      point('h', {}, true),
    ];
    expect(onlyAccount(points, 'x').map((p) => p.commit)).toEqual(['c', 'e', 'f', 'g']);
    expect(onlyAccount(points, 'nobody')).toEqual([]);
  });

  it('draws 0..100 as eight levels, gaps as spaces', () => {
    expect(sparkline([0, 50, 99.9, 100, undefined, 12.5])).toBe('▁▅██ ▂');
  });
});

const account = (id: string, score: number, tier: string, input = 1): ScoredAccount => ({
  id, name: id, score, tier, rank: 0, missing: [], latestRevenue: 0,
  criteria: [{ id: 'influence', input, score: input / 5, weight: 1, contribution: score, missing: false }],
});

describe('diff', () => {
  it('lists added, removed and changed accounts with the criteria that moved', () => {
    const base = { label: 'base', accounts: [account('a', 60, 'key', 3), account('b', 40, 'growth'), account('c', 10, 'maintain')], findings: [], configKey: 'k' };
    const head = { label: 'head', accounts: [account('a', 80, 'strategic', 4), account('b', 40, 'growth'), account('d', 20, 'maintain')], findings: [], configKey: 'k' };
    const result = diffSnapshots(base, head);
    expect(result.accounts.map((a) => [a.id, a.change])).toEqual([['a', 'changed'], ['c', 'removed'], ['d', 'added']]);
    expect(result.accounts[0]!.criteria).toEqual([{ id: 'influence', input: { before: 3, after: 4 }, contribution: { before: 60, after: 80 } }]);
    expect(result.configChanged).toBe(false);
    expect(diffHeadline(result)).toBe('1 account changes tier, 1 added, 1 removed');
  });
});
