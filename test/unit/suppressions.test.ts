// kam-disable comments (src/core/suppressions.ts): what counts as one, what it covers, and the
// findings about them; then through checkPlans, as kam check runs them.
import { describe, expect, it } from 'vitest';
import { checkPlans } from '../../src/core/check.js';
import { DEFAULT_CONFIG, type KamConfig } from '../../src/core/config.js';
import type { Finding } from '../../src/core/findings.js';
import { applySuppressions, findSuppressions, type FileSuppressions } from '../../src/core/suppressions.js';
/** The objects without their message as data (`text`, added in issue 18: the English `message` is what is compared). */
const withoutText = <T extends { text?: unknown }>(items: readonly T[]) => items.map(({ text: _text, ...rest }) => rest);

const text = (...lines: string[]) => `${lines.join('\n')}\n`;

function found(source: string): FileSuppressions {
  const result = findSuppressions(source);
  expect(result).toBeDefined();
  return result!;
}

describe('findSuppressions', () => {
  it('costs nothing on a text without "kam-disable"', () => {
    expect(findSuppressions(text('id: a', 'name: A # a comment'))).toBeUndefined();
  });

  it('reads a kam-disable-next-line: rules, reason, place, and the line it covers', () => {
    const s = found(text('id: a', '# kam-disable-next-line no-coach -- met weekly, not a formal coach', 'relationships: []'));
    expect(s.problems).toEqual([]);
    expect(s.suppressions).toEqual([
      { kind: 'next-line', line: 2, column: 1, rules: [{ rule: 'no-coach', line: 2, column: 25 }], reason: 'met weekly, not a formal coach', target: 3 },
    ]);
  });

  it('takes a list of rule ids, separated by commas and/or spaces, each once', () => {
    const s = found(text('#  kam-disable-next-line  no-coach,stale-review , single-threaded no-coach --  why  ', 'a: 1'));
    expect(s.problems).toEqual([]);
    expect(s.suppressions[0]!.rules.map((r) => r.rule)).toEqual(['no-coach', 'stale-review', 'single-threaded']);
    expect(s.suppressions[0]!.reason).toBe('why');
  });

  it('covers the next line holding YAML content: blank lines and comment lines in between are skipped', () => {
    const s = found(text('id: a', '# kam-disable-next-line no-coach -- why', '', '# a note about relationships', '   ', 'relationships: []'));
    expect(s.suppressions[0]!.target).toBe(6);
  });

  it('a trailing comment covers the next line too; kam-disable-line covers its own', () => {
    const s = found(text('id: a # kam-disable-next-line no-coach -- why', 'relationships: []  # kam-disable-line single-threaded -- why'));
    expect(s.suppressions.map((x) => [x.kind, x.target])).toEqual([['next-line', 2], ['line', 2]]);
  });

  it('a kam-disable-line alone on its line is invalid', () => {
    const s = found(text('id: a', '# kam-disable-line no-coach -- why', 'relationships: []'));
    expect(s.suppressions).toEqual([]);
    expect(withoutText(s.problems)).toEqual([{ line: 2, column: 1, message: expect.stringMatching(/^kam-disable-line ends a line of YAML .*write kam-disable-next-line/) }]);
  });

  it('covers nothing when no line of YAML follows', () => {
    const s = found(text('id: a', '# kam-disable-next-line no-coach -- why', '# the end'));
    expect(s.suppressions[0]!.target).toBeUndefined();
  });

  it('without a reason (no " -- ", or nothing after it) suppresses nothing and says so', () => {
    for (const comment of ['# kam-disable-next-line no-coach', '# kam-disable-next-line no-coach --', '# kam-disable-next-line no-coach --   ', '# kam-disable-next-line no-coach met weekly']) {
      const s = found(text('id: a', comment, 'relationships: []'));
      expect(s.suppressions, comment).toEqual([]);
      expect(withoutText(s.problems), comment).toEqual([{ line: 2, column: 1, message: expect.stringMatching(/^kam-disable-next-line needs a reason after " -- " \(# kam-disable-next-line no-coach -- .*\); without one it suppresses nothing$/) }]);
    }
  });

  it('an unknown rule id is a problem at its place, with a "did you mean"; the other ids still work', () => {
    const s = found(text('# kam-disable-next-line no-coch, stale-review -- why', 'a: 1'));
    expect(withoutText(s.problems)).toEqual([{ line: 1, column: 25, message: 'unknown rule id "no-coch" in kam-disable-next-line; did you mean "no-coach"?' }]);
    expect(s.suppressions[0]!.rules.map((r) => r.rule)).toEqual(['stale-review']);
  });

  it('yaml-syntax, schema and the suppression rules cannot be suppressed', () => {
    const s = found(text('# kam-disable-file schema, yaml-syntax, unused-suppression, invalid-suppression -- why', 'a: 1'));
    expect(s.suppressions).toEqual([]);
    expect(s.problems.map((p) => p.message)).toEqual([
      'schema findings cannot be suppressed: a plan with one is not scored; fix the value',
      'yaml-syntax findings cannot be suppressed: fix the file',
      'unused-suppression cannot be suppressed in a plan; set its severity under rules: in kam.yaml',
      'invalid-suppression cannot be suppressed in a plan; set its severity under rules: in kam.yaml',
    ]);
  });

  it('a suppression naming no rule is a problem', () => {
    const s = found(text('# kam-disable-next-line -- why', 'a: 1'));
    expect(s.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^kam-disable-next-line names no rule; list the rule ids/)]);
  });

  it('an unknown form is a problem, with a "did you mean"', () => {
    const s = found(text('# kam-disable-nextline no-coach -- why', '# kam-disable no-coach -- why', 'a: 1'));
    expect(s.suppressions).toEqual([]);
    expect(withoutText(s.problems)).toEqual([
      { line: 1, column: 3, message: 'unknown suppression "kam-disable-nextline"; did you mean "kam-disable-next-line"?' },
      { line: 2, column: 3, message: 'unknown suppression "kam-disable"; write kam-disable-next-line, kam-disable-line or kam-disable-file' },
    ]);
  });

  it('a comment that only mentions kam-disable is a comment', () => {
    expect(findSuppressions(text('# see the README on kam-disable-next-line', 'a: 1 # the kam-disable comments are explained there'))).toBeUndefined();
    // A comment that starts with it is one (a misspelt form is reported, not ignored).
    expect(findSuppressions(text('# kam-disable is explained in the README', 'a: 1'))?.problems).toHaveLength(1);
  });

  it('kam-disable-file works before the first line of YAML content (with the modeline), not below it', () => {
    const top = found(text('# yaml-language-server: $schema=../schemas/plan.schema.json', '', '# kam-disable-file no-coach -- legacy account', '---', 'id: a'));
    expect(top.problems).toEqual([]);
    expect(top.suppressions).toMatchObject([{ kind: 'file', line: 3, rules: [{ rule: 'no-coach' }] }]);
    const below = found(text('id: a', '# kam-disable-file no-coach -- legacy account'));
    expect(below.suppressions).toEqual([]);
    expect(withoutText(below.problems)).toEqual([{ line: 2, column: 1, message: expect.stringMatching(/^kam-disable-file must come before the first line of YAML content/) }]);
  });

  it('text inside a block scalar or a quoted string is not a comment', () => {
    const s = findSuppressions(
      text(
        'id: a',
        'notes: |',
        '  # kam-disable-next-line no-coach -- this is text of the note',
        '  more text',
        'other: >-',
        '  # kam-disable-file no-coach -- text too',
        'quoted: "a',
        '  # kam-disable-next-line no-coach -- inside the quotes"',
        'relationships: []',
      ),
    );
    expect(s).toBeUndefined();
  });

  it('a comment after a block scalar covers the next key', () => {
    const s = found(text('notes: |', '  text', '# kam-disable-next-line no-coach -- why', 'relationships: []'));
    expect(s.suppressions[0]!.target).toBe(4);
  });

  it('counts CRLF lines and a BOM as the locator does', () => {
    const s = found('\uFEFFid: a\r\n# kam-disable-next-line no-coach -- why\r\n\r\nrelationships: []\r\n');
    expect(s.suppressions).toEqual([{ kind: 'next-line', line: 2, column: 1, rules: [{ rule: 'no-coach', line: 2, column: 25 }], reason: 'why', target: 4 }]);
    const first = found('\uFEFF# kam-disable-file no-coach -- why\r\nid: a\r\n');
    expect(first.suppressions[0]).toMatchObject({ line: 1, column: 1, reason: 'why' });
  });

  it('reads comments in flow collections', () => {
    const s = found(text('relationships: [', '  # kam-disable-next-line unknown-key -- why', '  { name: A, rol: user },', ']'));
    expect(s.suppressions[0]!.target).toBe(3);
  });
});

describe('applySuppressions', () => {
  const finding = (rule: Finding['rule'], line: number, file = 'a.yaml'): Finding => ({ rule, severity: 'warn', file, line, column: 1, message: `${rule} here`, account: 'a' });
  const scope = (source: string, scored = true) => ({ file: 'a.yaml', account: 'a', suppressions: found(source), scored });

  it('drops the findings of the named rules on the covered line, and only those', () => {
    const s = scope(text('id: a', '# kam-disable-next-line no-coach -- why', 'relationships: []'));
    const { findings, suppressed } = applySuppressions([finding('no-coach', 1), finding('no-coach', 3), finding('single-threaded', 3), finding('no-coach', 3, 'b.yaml')], [s], {});
    expect(suppressed).toBe(1);
    expect(findings.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual(['a.yaml:1 no-coach', 'a.yaml:3 single-threaded', 'b.yaml:3 no-coach']);
  });

  it('a kam-disable-file drops its rules anywhere in the file', () => {
    const s = scope(text('# kam-disable-file no-coach, stale-review -- why', 'id: a'));
    expect(applySuppressions([finding('no-coach', 1), finding('stale-review', 9), finding('tier-mismatch', 2)], [s], {}).findings.map((f) => f.rule)).toEqual(['tier-mismatch']);
  });

  it('reports each rule id that suppressed nothing, at the id', () => {
    const s = scope(text('id: a', '# kam-disable-next-line no-coach, stale-review -- why', 'relationships: []'));
    const { findings } = applySuppressions([finding('no-coach', 3)], [s], {});
    expect(withoutText(findings)).toEqual([
      { rule: 'unused-suppression', severity: 'warn', file: 'a.yaml', account: 'a', line: 2, column: 35, message: 'kam-disable-next-line: no stale-review finding on line 3 to suppress; remove "stale-review" from the comment' },
    ]);
  });

  it('an unused file suppression, one with nothing after it, and a rule that is off say so', () => {
    const s = scope(text('# kam-disable-file no-coach -- why', 'id: a', '# kam-disable-next-line stale-review -- why'));
    const messages = applySuppressions([], [s], { 'stale-review': 'off' }).findings.map((f) => f.message);
    expect(messages).toEqual([
      'kam-disable-file: no no-coach finding in this file to suppress; remove the comment',
      'kam-disable-next-line: no line of YAML follows the comment, so there is no stale-review finding to suppress; remove the comment',
    ]);
    const offToo = scope(text('id: a', '# kam-disable-next-line stale-review -- why', 'review: {}'));
    expect(applySuppressions([], [offToo], { 'stale-review': 'off' }).findings.map((f) => f.message)).toEqual([
      'kam-disable-next-line: no stale-review finding on line 3 to suppress (stale-review is off in kam.yaml); remove the comment',
    ]);
  });

  it('on a plan that is not scored only the validation rules ran: policy rules are not reported unused', () => {
    const s = scope(text('# kam-disable-file no-coach, unknown-key -- why', 'id: a'), false);
    expect(applySuppressions([], [s], {}).findings.map((f) => f.message)).toEqual(['kam-disable-file: no unknown-key finding in this file to suppress; remove "unknown-key" from the comment']);
  });

  it('invalid suppressions are errors by default; both rules follow kam.yaml rules:', () => {
    const s = scope(text('# kam-disable-next-line no-coach', '# kam-disable-next-line stale-review -- why', 'id: a'));
    expect(applySuppressions([], [s], {}).findings.map((f) => [f.rule, f.severity])).toEqual([['invalid-suppression', 'error'], ['unused-suppression', 'warn']]);
    expect(applySuppressions([], [s], { 'invalid-suppression': 'warn', 'unused-suppression': 'off' }).findings.map((f) => [f.rule, f.severity])).toEqual([['invalid-suppression', 'warn']]);
  });

  it('a next-line suppression is used before a file one: the file one is then unused', () => {
    const s = scope(text('# kam-disable-file no-coach -- why', 'id: a', '# kam-disable-next-line no-coach -- why', 'relationships: []'));
    const { findings } = applySuppressions([finding('no-coach', 4)], [s], {});
    expect(findings.map((f) => `${f.line} ${f.rule}`)).toEqual(['1 unused-suppression']);
  });
});

describe('suppressions in kam check', () => {
  // One criterion on metrics.level: 80 is strategic (coach required, 5 contacts, …).
  const CONFIG: KamConfig = {
    ...DEFAULT_CONFIG,
    criteria: [{ id: 'level', weight: 1, input: 'metrics.level', scale: { type: 'linear', min: 0, max: 100 } }],
    policies: { ...DEFAULT_CONFIG.policies, requiredSections: {}, reviewEveryDays: {}, minContacts: {}, engagements: {}, teamFte: {} },
  };
  const check = (source: string) =>
    checkPlans([{ file: 'accounts/a.yaml', bytes: new TextEncoder().encode(source) }], CONFIG, { asOf: '2026-11-23' }).findings.map((f) => `${f.line}:${f.column} ${f.rule}`);
  const plan = (...middle: string[]) => text('id: a', 'name: A', 'metrics: { level: 80 }', ...middle, 'relationships:', '  - { name: B, role: user }');

  it('no-coach at relationships: suppressed by the comment above it', () => {
    expect(check(plan())).toEqual(['4:1 no-coach']);
    expect(check(plan('# kam-disable-next-line no-coach -- met weekly, not a formal coach'))).toEqual([]);
  });

  it('a suppression without a reason leaves the finding, and is an error itself', () => {
    expect(check(plan('# kam-disable-next-line no-coach'))).toEqual(['4:1 invalid-suppression', '5:1 no-coach']);
  });

  it('a misplaced suppression is unused, and the finding stays', () => {
    expect(check(text('id: a', 'name: A', '# kam-disable-next-line no-coach -- why', 'metrics: { level: 80 }', 'relationships:', '  - { name: B, role: user }'))).toEqual([
      '3:25 unused-suppression',
      '5:1 no-coach',
    ]);
  });

  it('a plan with a schema error keeps its policy suppressions idle (not unused)', () => {
    expect(check(text('# kam-disable-file no-coach -- why', 'id: a', 'name: A', 'metrics: { level: high }'))).toEqual(['4:19 schema']);
  });

  it('a plan that is not YAML has no suppressions', () => {
    expect(check(text('# kam-disable-file no-coach -- why', 'id: a', 'name: [A'))).toEqual([expect.stringMatching(/yaml-syntax$/)]);
  });

  it('a suppression of unknown-key works on any plan', () => {
    expect(check(text('id: a', 'name: A', 'metrics: { level: 10 }', '# kam-disable-next-line unknown-key -- kept for the CRM sync', 'crmId: 42'))).toEqual([]);
  });
});

describe('suppressions on the sharded pipeline (plan-threads.ts, as kam check and gaps run it)', () => {
  const plans: Record<string, string> = {
    // The top account: concentration-risk (a portfolio rule, located on the main thread) suppressed for the file.
    'accounts/big.yaml': text('# kam-disable-file concentration-risk -- a single-customer business unit', 'id: big', 'name: Big', 'metrics: { revenue: { 2025: 90000000 } }'),
    // duplicate-id (also located on the main thread) suppressed on one of the two, not on the other.
    'accounts/dup-a.yaml': text('# kam-disable-next-line duplicate-id -- merged next quarter', 'id: dup', 'name: Dup A'),
    'accounts/dup-b.yaml': text('id: dup', 'name: Dup B'),
    // invalid and unused ones, and a plan with a schema error.
    'accounts/odd.yaml': text('id: odd', 'name: Odd', '# kam-disable-next-line missing-criterion-data', 'metrics: {}', '# kam-disable-next-line stale-review, unknown-key -- why', 'crm: 1'),
    'accounts/broken.yaml': text('# kam-disable-file no-coach, unknown-key -- why', 'id: broken', 'name: Broken', 'tier: 5'),
  };
  const refs = Object.entries(plans).map(([file, source]) => ({ file, bytes: new TextEncoder().encode(source) }));
  const percentile: KamConfig = { ...DEFAULT_CONFIG, criteria: [{ id: 'revenue', weight: 1, input: 'revenue.latest', scale: { type: 'percentile' } }] };

  it.each([['the default model (checked as loaded)', DEFAULT_CONFIG], ['a percentile scale (checked after the portfolio)', percentile]])('gives what checkPlans gives: %s', async (_name, config) => {
    const { checkPlansOnThreads } = await import('../../src/io/plan-threads.js');
    const one = checkPlans(refs, config, { asOf: '2026-11-23' });
    const sharded = await checkPlansOnThreads(refs, config, { asOf: '2026-11-23' });
    expect(sharded.findings).toEqual(one.findings);
    const lines = one.findings.map((f) => `${f.file}:${f.line} ${f.rule}`);
    // Nothing left on these two: the findings were there (else their suppressions would be unused) and are suppressed.
    expect(lines.filter((l) => /^accounts\/(big|dup-a)\.yaml:\d+ (concentration-risk|duplicate-id|unused-suppression)$/.test(l))).toEqual([]);
    expect(checkPlans(refs.map((r) => ({ ...r, bytes: new TextEncoder().encode(new TextDecoder().decode(r.bytes).replace(/kam-disable/g, 'nothing')) })), config, { asOf: '2026-11-23' }).findings.map((f) => `${f.file} ${f.rule}`)).toEqual(
      expect.arrayContaining(['accounts/big.yaml concentration-risk', 'accounts/dup-a.yaml duplicate-id']),
    );
    expect(lines).toContain('accounts/dup-b.yaml:1 duplicate-id');
    expect(lines).toEqual(expect.arrayContaining(['accounts/odd.yaml:3 invalid-suppression', 'accounts/odd.yaml:5 unused-suppression', 'accounts/broken.yaml:1 unused-suppression', 'accounts/broken.yaml:4 schema']));
    expect(lines).not.toContain('accounts/odd.yaml:6 unknown-key');
  });
});
