import { describe, expect, it } from 'vitest';
import { RULE_IDS, summarize, type Finding } from '../../src/core/findings.js';
import type { CheckedRun } from '../../src/format/findings/checked.js';
import { markdownText } from '../../src/format/escape.js';
import { markdown, MAX_CHARS } from '../../src/format/findings/markdown.js';
import type { FindingsFormatOptions } from '../../src/format/findings/types.js';

const plain: FindingsFormatOptions = { color: false, version: '1.2.3' };
const RUN: CheckedRun = { files: ['accounts/a.yaml', 'accounts/b.yaml'], scored: new Set(['accounts/a.yaml', 'accounts/b.yaml']), rules: RULE_IDS };

const finding = (over: Partial<Finding>): Finding => ({ rule: 'schema', severity: 'error', file: 'accounts/a.yaml', line: 1, column: 1, message: 'something is wrong', ...over });
const FINDINGS: Finding[] = [
  finding({ rule: 'schema', line: 12, column: 7, message: '"tier" must be one of strategic, key; got "gold"' }),
  finding({ rule: 'no-coach', severity: 'warn', line: 40, column: 3, message: 'no coach is mapped' }),
  finding({ rule: 'yaml-syntax', file: 'accounts/b.yaml', line: 4, column: 1, message: 'tabs are not allowed' }),
];

/** Undoes markdownText's backslash escapes (what GitHub renders as text). */
const rendered = (cell: string) => cell.replace(/\\(.)/g, '$1');

describe('markdown', () => {
  it('says "No problems in N plans" when clean', () => {
    expect(markdown([], summarize([], 3), { ...plain, run: RUN })).toBe('## ✅ kam check: No problems in 3 plans\n');
    expect(markdown([], summarize([], 1), plain)).toBe('## ✅ kam check: No problems in 1 plan\n');
  });

  it('writes a heading with the counts and one table row per finding, in file order', () => {
    const out = markdown(FINDINGS, summarize(FINDINGS, 2), { ...plain, run: RUN });
    expect(out.split('\n')).toEqual([
      '## ❌ kam check: 2 errors and 1 warning in 2 plans',
      '',
      '| Location | Severity | Rule | Message |',
      '| :--- | :--- | :--- | :--- |',
      '| accounts/a.yaml:12:7 | ❌ error | schema | "tier" must be one of strategic, key; got "gold" |',
      '| accounts/a.yaml:40:3 | ⚠️ warning | no-coach | no coach is mapped |',
      '| accounts/b.yaml:4:1 | ❌ error | yaml-syntax | tabs are not allowed |',
      '',
    ]);
  });

  it('marks warnings alone with ⚠️, and ❌ when they exceed --max-warnings', () => {
    const warnings = [finding({ rule: 'no-coach', severity: 'warn' }), finding({ rule: 'stale-review', severity: 'warn' })];
    const summary = summarize(warnings, 2);
    expect(markdown(warnings, summary, { ...plain, run: RUN }).split('\n')[0]).toBe('## ⚠️ kam check: 2 warnings in 2 plans');
    expect(markdown(warnings, summary, { ...plain, run: { ...RUN, maxWarnings: 2 } }).split('\n')[0]).toBe('## ⚠️ kam check: 2 warnings in 2 plans');
    expect(markdown(warnings, summary, { ...plain, run: { ...RUN, maxWarnings: 1 } }).split('\n')[0]).toBe('## ❌ kam check: 2 warnings in 2 plans (more than --max-warnings 1)');
  });

  it('names files from the repository root with pathPrefix', () => {
    expect(markdown(FINDINGS, summarize(FINDINGS, 2), { ...plain, pathPrefix: 'sales/kam/' })).toContain('| sales/kam/accounts/a.yaml:12:7 | ❌ error |');
  });

  it('never colours', () => {
    expect(markdown(FINDINGS, summarize(FINDINGS, 2), { ...plain, color: true })).not.toMatch(/\u001b/);
  });

  it('keeps plan text plain: no markup, HTML, entity, math or extra cell, and no raw control character', () => {
    const message = 'a | b `code` **bold** _it_ ~~del~~ [link](http://x) ![img](y) <script>alert(1)</script> &#x202e; &amp; $x^2$ \\ end\nnext\r\nline \u001b[31mred\u0007 \u202e bidi';
    const file = 'accounts/we|ird `x` <b>.yaml';
    const findings = [finding({ file, message })];
    const out = markdown(findings, summarize(findings, 1), plain);
    const row = out.split('\n')[4]!;
    // One line, four cells: every pipe of the text is escaped.
    expect(out.split('\n')).toHaveLength(6);
    const parts = row.slice(2, -2).split(/(?<!\\) \| /);
    expect(parts).toHaveLength(4);
    const [where, , , text] = parts as [string, string, string, string];
    // Each Markdown character of the text is backslash-escaped, so GitHub shows it as it is.
    for (const c of ['|', '`', '*', '_', '~', '[', ']', '<', '>', '&', '$']) expect(text.replace(/\\./g, ''), c).not.toContain(c);
    expect(rendered(text)).toBe(
      'a | b `code` **bold** _it_ ~~del~~ [link](http://x) ![img](y) <script>alert(1)</script> &#x202e; &amp; $x^2$ \\ end next line \\u001b[31mred\\u0007 \\u202e bidi',
    );
    expect(rendered(where)).toBe(`${file}:1:1`);
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it('escapes with markdownText as documented', () => {
    expect(markdownText('a|b')).toBe('a\\|b');
    expect(markdownText('<b>&amp;</b>')).toBe('\\<b\\>\\&amp;\\</b\\>');
    expect(markdownText('`x` *y* _z_ ~w~ [l] $m$ \\')).toBe('\\`x\\` \\*y\\* \\_z\\_ \\~w\\~ \\[l\\] \\$m\\$ \\\\');
    expect(markdownText('one\ntwo\r\nthree')).toBe('one two three');
    expect(markdownText('esc\u001b')).toBe('esc\\\\u001b');
    expect(markdownText('中文 ACME (a-b).')).toBe('中文 ACME (a-b).');
  });

  it('stays under GitHub’s comment limit with many findings: errors first, then a count of the rest', () => {
    const many: Finding[] = [];
    for (let i = 0; i < 3000; i++) many.push(finding({ file: `accounts/p${String(i).padStart(4, '0')}.yaml`, rule: i % 10 === 0 ? 'schema' : 'no-coach', severity: i % 10 === 0 ? 'error' : 'warn', line: i + 1, message: `finding number ${i} with some words to make the row longer` }));
    const summary = summarize(many, 3000);
    const out = markdown(many, summary, plain);
    expect(out.length).toBeLessThanOrEqual(MAX_CHARS);
    const rows = out.split('\n').filter((l) => l.startsWith('| accounts/'));
    expect(rows.length).toBeGreaterThan(100);
    // Every error is shown before any warning is.
    expect(rows.filter((r) => r.includes('❌ error'))).toHaveLength(300);
    // Rows stay in file order.
    const files = rows.map((r) => r.slice(2, r.indexOf(':')));
    expect([...files].sort()).toEqual(files);
    const shown = rows.length;
    expect(out.trimEnd().split('\n').at(-1)).toBe(`_… and ${3000 - shown} more findings (${2700 - (shown - 300)} warnings) not shown here: run \`kam check\` for the full list._`);
    expect(out.split('\n')[0]).toBe('## ❌ kam check: 300 errors and 2700 warnings in 3000 plans');

    const errors = many.map((f) => ({ ...f, severity: 'error' as const }));
    const cut = markdown(errors, summarize(errors, 3000), plain);
    const kept = cut.split('\n').filter((l) => l.startsWith('| accounts/')).length;
    expect(cut.length).toBeLessThanOrEqual(MAX_CHARS);
    expect(cut.trimEnd().split('\n').at(-1)).toBe(`_… and ${3000 - kept} more findings (${3000 - kept} errors) not shown here: run \`kam check\` for the full list._`);
  });
});

describe('one markdown escape for every markdown output', () => {
  it('score, gaps and diff cells escape an entity that would put a bidi control back, as findings do', async () => {
    const { escapeMarkdownCell } = await import('../../src/format/score/markdown.js');
    expect(escapeMarkdownCell('A&#x202e;B | $x$')).toBe('A\\&#x202e;B \\| \\$x\\$');
    expect(escapeMarkdownCell('A&#x202e;B | $x$')).toBe(markdownText('A&#x202e;B | $x$'));
  });
});
