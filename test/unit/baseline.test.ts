// The baseline of kam check (src/core/baseline.ts): identities as a multiset, a stable file.
import { describe, expect, it } from 'vitest';
import { baselineOf, baselineText, entriesOutside, matchBaseline, parseBaseline } from '../../src/core/baseline.js';
import type { Finding } from '../../src/core/findings.js';

const f = (over: Partial<Finding> = {}): Finding => ({
  rule: 'no-coach',
  severity: 'warn',
  file: 'accounts/a.yaml',
  account: 'a',
  line: 10,
  column: 1,
  message: 'add a coach',
  path: 'relationships',
  ...over,
});

describe('baseline', () => {
  it('holds each identity once, with its count, sorted, digits of messages masked', () => {
    const b = baselineOf([
      f({ file: 'accounts/b.yaml', account: 'b' }),
      f({ rule: 'overdue-action', path: 'actions/1/due', message: 'was due 2026-02-24', line: 30 }),
      f({ rule: 'overdue-action', path: 'actions/1/due', message: 'was due 2026-03-01', line: 31 }),
      f(),
    ]);
    expect(b.findings).toEqual([
      { rule: 'no-coach', file: 'accounts/a.yaml', account: 'a', path: 'relationships', message: 'add a coach', count: 1 },
      { rule: 'overdue-action', file: 'accounts/a.yaml', account: 'a', path: 'actions/1/due', message: 'was due #-#-#', count: 2 },
      { rule: 'no-coach', file: 'accounts/b.yaml', account: 'b', path: 'relationships', message: 'add a coach', count: 1 },
    ]);
  });

  it('matches by identity, not line, as a multiset', () => {
    const b = baselineOf([f({ rule: 'overdue-action', path: 'actions/1/due', message: 'was due 2026-02-24' }), f({ rule: 'overdue-action', path: 'actions/1/due', message: 'was due 2026-02-24' })]);
    const now = [1, 2, 3].map((i) => f({ rule: 'overdue-action', path: 'actions/1/due', message: 'was due 2026-02-24', line: 50 + i }));
    const match = matchBaseline([...now, f({ line: 99 })], b);
    expect(match.reported.map((x) => [x.rule, x.line])).toEqual([['overdue-action', 53], ['no-coach', 99]]);
    expect([match.baselined, match.fixed]).toEqual([2, 0]);
  });

  it('counts what is gone as fixed, only in the files in scope', () => {
    const b = baselineOf([f(), f({ file: 'accounts/b.yaml', account: 'b' })]);
    expect(matchBaseline([], b).fixed).toBe(2);
    expect(matchBaseline([], b, new Set(['accounts/a.yaml'])).fixed).toBe(1);
    expect(entriesOutside(b, new Set(['accounts/a.yaml'])).map((e) => e.file)).toEqual(['accounts/b.yaml']);
  });

  it('writes one entry per line and reads it back', () => {
    const b = baselineOf([f(), f({ rule: 'yaml-syntax', path: undefined, account: undefined, message: 'bad "quote"' })]);
    const text = baselineText(b);
    expect(text).toBe(
      [
        '{',
        '  "schema": "kam.baseline/v1",',
        '  "findings": [',
        '    {"rule":"no-coach","file":"accounts/a.yaml","account":"a","path":"relationships","message":"add a coach","count":1},',
        '    {"rule":"yaml-syntax","file":"accounts/a.yaml","message":"bad \\"quote\\"","count":1}',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
    expect(parseBaseline(text)).toEqual({ ok: true, baseline: b });
    expect(baselineText(baselineOf([]))).toBe('{\n  "schema": "kam.baseline/v1",\n  "findings": []\n}\n');
  });

  it('says what is wrong with a malformed file', () => {
    const bad = (text: string) => {
      const r = parseBaseline(text);
      return r.ok ? 'ok' : r.problem;
    };
    expect(bad('{')).toMatch(/^not valid JSON/);
    expect(bad('[]')).toMatch(/^expected an object/);
    expect(bad('{"findings":[]}')).toMatch(/^"schema" is missing; expected "kam.baseline\/v1"/);
    expect(bad('{"schema":"kam.baseline/v2","findings":[]}')).toMatch(/^"schema" is "kam.baseline\/v2"/);
    expect(bad('{"schema":"kam.baseline/v1"}')).toBe('"findings" must be a list');
    expect(bad('{"schema":"kam.baseline/v1","findings":[{"rule":"no-coch","file":"a","message":"m","count":1}]}')).toBe('findings[0].rule: unknown rule id "no-coch"; did you mean "no-coach"?');
    expect(bad('{"schema":"kam.baseline/v1","findings":[{"rule":"no-coach","file":"a","message":"m","count":0}]}')).toBe('findings[0].count must be a whole number of at least 1');
    expect(bad('{"schema":"kam.baseline/v1","findings":[{"rule":"no-coach","message":"m","count":1}]}')).toBe('findings[0].file must be a non-empty string');
    expect(bad('{"schema":"kam.baseline/v1","findings":[{"rule":"no-coach","file":"a","message":"m","count":1,"path":3}]}')).toBe('findings[0].path must be a string when present');
  });
});
