import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, kam, REPO } from './helpers.js';

const examples = join(REPO, 'examples');
const gaps = (...args: string[]) => kam(['-C', examples, 'gaps', '--as-of', '2026-11-23', ...args]);

describe('kam gaps on the example workspace', () => {
  it('groups accounts by computed tier, highest first, with counts, then the portfolio', () => {
    const r = gaps();
    expect(r.code).toBe(0);
    const order = ['strategic —', 'key —', 'growth —', 'maintain —', 'Portfolio'].map((h) => r.stdout.indexOf(h));
    expect(order.every((pos, i) => pos >= 0 && (i === 0 || pos > order[i - 1]!))).toBe(true);
    expect(r.stdout).toMatch(/中国移动广东公司 \(china-mobile-gd\) score 78\.1 {2}6 to-dos/);
    expect(r.stdout).toMatch(/no-coach\s+add a coach: someone inside 中国移动广东公司 who guides you through the decision/);
    expect(r.stdout).toMatch(/Nordic Power Grid \(nordic-power\) score 60\.1 {2}✔ nothing due/);
  });

  it('json lists exactly the expected rules per account, located', () => {
    const doc = json<{ schema: string; findings: { rule: string; account: string; file: string; line: number }[] }>(gaps('--format', 'json').stdout);
    expect(doc.schema).toBe('kam.findings/v1');
    const byAccount: Record<string, string[]> = {};
    for (const f of doc.findings) (byAccount[f.account] ??= []).push(f.rule);
    for (const list of Object.values(byAccount)) list.sort();
    expect(byAccount).toEqual({
      'acme-telecom': ['concentration-risk'],
      'china-mobile-gd': ['action-without-owner', 'missing-engagement', 'no-coach', 'overdue-action', 'single-threaded', 'tier-mismatch'],
      'harbor-logistics': ['action-without-owner', 'overdue-action', 'stale-review', 'tier-mismatch'],
      'metro-hospital': ['stale-review'],
    });
    const overdue = doc.findings.find((f) => f.rule === 'overdue-action' && f.account === 'harbor-logistics')!;
    expect([overdue.file, overdue.line]).toEqual(['accounts/harbor-logistics.yaml', 30]);
  });

  it('filters by --tier, --account and --rule', () => {
    expect(gaps('--tier', 'growth').stdout).not.toMatch(/china-mobile-gd/);
    const one = json<{ findings: { account: string }[] }>(gaps('--account', 'metro-hospital', '--format', 'json').stdout);
    expect(new Set(one.findings.map((f) => f.account))).toEqual(new Set(['metro-hospital']));
    const rule = json<{ findings: { rule: string }[] }>(gaps('--rule', 'stale-review', '--format', 'json').stdout);
    expect(rule.findings.map((f) => f.rule)).toEqual(['stale-review', 'stale-review']);
    expect(gaps('--rule', 'no-coah').stderr).toMatch(/did you mean "no-coach"/);
  });

  it('--as-of drives every date', () => {
    const early = json<{ findings: { rule: string }[] }>(kam(['-C', examples, 'gaps', '--as-of', '2026-09-01', '--format', 'json']).stdout);
    expect(early.findings.map((f) => f.rule)).not.toContain('overdue-action');
  });

  it('exits 0 as a report, 1 with --fail-on warn', () => {
    expect(gaps('--fail-on', 'error').code).toBe(0);
    expect(gaps('--fail-on', 'warn').code).toBe(1);
    expect(gaps('--fail-on', 'sometimes').code).toBe(2);
  });

  it('markdown links nothing', () => {
    const md = gaps('--format', 'markdown').stdout;
    expect(md).toMatch(/^## Gaps as of 2026-11-23/);
    expect(md).toMatch(/### strategic/);
    expect(md).not.toMatch(/https?:|\]\(/);
  });
});
