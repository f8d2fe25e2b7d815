import { existsSync, readFileSync } from 'node:fs';
import AjvDraft04Module from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { RULE_IDS, RULES, summarize, type Finding } from '../../src/core/findings.js';
import { github } from '../../src/format/findings/github.js';
import { FINDINGS_FORMATTERS, MACHINE_FORMATS, isMachineFormat } from '../../src/format/findings/index.js';
import { json } from '../../src/format/findings/json.js';
import { junit } from '../../src/format/findings/junit.js';
import { fileUri, sarif } from '../../src/format/findings/sarif.js';
import { stylish } from '../../src/format/findings/stylish.js';
import { displayWidth } from '../../src/format/text.js';
import type { FindingsFormatOptions } from '../../src/format/findings/types.js';

const ANSI = /\u001b\[/;
const plain: FindingsFormatOptions = { color: false, version: '1.2.3' };
const colour: FindingsFormatOptions = { color: true, version: '1.2.3' };

const finding = (over: Partial<Finding>): Finding => ({
  rule: 'schema',
  severity: 'error',
  file: 'accounts/acme.yaml',
  line: 1,
  column: 1,
  message: 'something is wrong',
  ...over,
});

// Sorted as the engine sorts them: file, line, column, rule.
const FINDINGS: Finding[] = [
  finding({ rule: 'required-section', account: 'acme', line: 1, column: 1, message: 'section "relationships" is required for tier strategic' }),
  finding({ rule: 'schema', account: 'acme', line: 12, column: 7, message: '"tier" must be one of strategic, key, growth, maintain; got "gold"' }),
  finding({ rule: 'no-coach', severity: 'warn', account: 'acme', line: 140, column: 15, message: 'no coach is mapped' }),
  finding({ rule: 'yaml-syntax', file: 'accounts/broken.yaml', line: 4, column: 1, message: 'tabs are not allowed for indentation' }),
];
const SUMMARY = summarize(FINDINGS, 3);

const run = (format: keyof typeof FINDINGS_FORMATTERS, findings: readonly Finding[], options = plain) =>
  FINDINGS_FORMATTERS[format](findings, summarize(findings, 2), options);

/**
 * A small XML 1.0 well-formedness check, enough for our output: one prolog, CDATA
 * sections, elements with quoted attributes, balanced tags, no stray `<` or `&`,
 * no characters XML forbids. Returns the element names in document order.
 */
function assertWellFormedXml(xml: string): string[] {
  expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
  expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
  let rest = xml.slice(xml.indexOf('?>') + 2);
  const stack: string[] = [];
  const names: string[] = [];
  const reference = /^&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;
  const attribute = /^\s+([A-Za-z_][\w.-]*)="([^"<]*)"/;
  let roots = 0;
  while (rest.length > 0) {
    if (rest.startsWith('<![CDATA[')) {
      expect(stack.length, 'CDATA outside an element').toBeGreaterThan(0);
      const end = rest.indexOf(']]>');
      expect(end, 'unterminated CDATA').toBeGreaterThan(0);
      rest = rest.slice(end + 3);
    } else if (rest.startsWith('</')) {
      const m = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(rest);
      expect(m, `bad end tag at ${rest.slice(0, 40)}`).not.toBeNull();
      expect(stack.pop()).toBe(m![1]);
      rest = rest.slice(m![0].length);
    } else if (rest.startsWith('<')) {
      const m = /^<([A-Za-z_][\w.-]*)/.exec(rest);
      expect(m, `bad start tag at ${rest.slice(0, 40)}`).not.toBeNull();
      const name = m![1]!;
      names.push(name);
      if (stack.length === 0) roots++;
      rest = rest.slice(m![0].length);
      const seen = new Set<string>();
      for (let a = attribute.exec(rest); a; a = attribute.exec(rest)) {
        expect(seen.has(a[1]!), `duplicate attribute ${a[1]}`).toBe(false);
        seen.add(a[1]!);
        // Every & in a value starts a reference.
        for (let i = a[2]!.indexOf('&'); i >= 0; i = a[2]!.indexOf('&', i + 1)) expect(a[2]!.slice(i)).toMatch(reference);
        rest = rest.slice(a[0].length);
      }
      const close = /^\s*(\/?)>/.exec(rest);
      expect(close, `unterminated tag <${name} at ${rest.slice(0, 40)}`).not.toBeNull();
      if (close![1] !== '/') stack.push(name);
      rest = rest.slice(close![0].length);
    } else {
      const next = rest.indexOf('<');
      const text = next < 0 ? rest : rest.slice(0, next);
      if (stack.length === 0) expect(text.trim(), 'text outside the root element').toBe('');
      for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) expect(text.slice(i)).toMatch(reference);
      expect(text).not.toContain(']]>');
      rest = next < 0 ? '' : rest.slice(next);
    }
  }
  expect(stack, 'unclosed elements').toEqual([]);
  expect(roots).toBe(1);
  return names;
}

/** Undoes the escaping of an XML attribute value. */
const unescapeAttribute = (value: string) =>
  value
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

describe('json', () => {
  it('writes kam.findings/v1 that round-trips', () => {
    const out = json(FINDINGS, SUMMARY, plain);
    expect(out.endsWith('}\n')).toBe(true);
    const doc = JSON.parse(out);
    expect(Object.keys(doc)).toEqual(['schema', 'findings', 'summary']);
    expect(doc.schema).toBe('kam.findings/v1');
    expect(doc.summary).toEqual({ files: 3, errors: 3, warnings: 1 });
    expect(doc.findings).toEqual(FINDINGS);
    expect(Object.keys(doc.findings[1])).toEqual(['rule', 'severity', 'account', 'file', 'line', 'column', 'message']);
    expect(out).toBe(`${JSON.stringify(doc, null, 2)}\n`);
  });

  it('leaves out account when the finding has none', () => {
    const doc = JSON.parse(json(FINDINGS, SUMMARY, plain));
    expect(doc.findings[3]).not.toHaveProperty('account');
  });

  it('writes an empty list and the file count when there are no findings, never coloured', () => {
    const out = json([], summarize([], 5), colour);
    expect(JSON.parse(out)).toEqual({ schema: 'kam.findings/v1', findings: [], summary: { files: 5, errors: 0, warnings: 0 } });
    expect(out).not.toMatch(ANSI);
  });

  it('keeps user text intact (CJK, quotes, newlines)', () => {
    const message = 'unknown key "客户经理"\n"quoted" \\ back';
    const doc = JSON.parse(json([finding({ message })], SUMMARY, plain));
    expect(doc.findings[0].message).toBe(message);
  });
});

describe('github', () => {
  it('writes one workflow command per finding', () => {
    const out = github(FINDINGS, SUMMARY, plain);
    const lines = out.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(FINDINGS.length);
    expect(lines[1]).toBe(
      '::error file=accounts/acme.yaml,line=12,col=7,title=kam schema::"tier" must be one of strategic, key, growth, maintain; got "gold"',
    );
    expect(lines[2]).toBe('::warning file=accounts/acme.yaml,line=140,col=15,title=kam no-coach::no coach is mapped');
  });

  it('escapes %, CR and LF in the message', () => {
    const out = github([finding({ message: '100% done\r\nnext line' })], SUMMARY, plain);
    expect(out).toBe('::error file=accounts/acme.yaml,line=1,col=1,title=kam schema::100%25 done%0D%0Anext line\n');
  });

  it('escapes : and , (and %) in property values such as the file name', () => {
    const out = github([finding({ file: 'accounts/a:b,c%d.yaml' })], SUMMARY, plain);
    expect(out).toContain('file=accounts/a%3Ab%2Cc%25d.yaml,line=1,col=1,');
  });

  it('cannot be made to emit a second command by plan text', () => {
    const findings = [
      finding({ message: 'x\n::error::injected' }),
      finding({ message: 'y\r::warning file=evil::also injected', severity: 'warn' }),
      finding({ file: 'accounts/a\n::error::b.yaml', message: 'z' }),
    ];
    const out = github(findings, summarize(findings, 1), plain);
    const lines = out.trimEnd().split(/\r\n|\r|\n/);
    expect(lines).toHaveLength(3);
    expect(lines.filter((l) => l.startsWith('::'))).toHaveLength(3);
    expect(lines[0]).toBe('::error file=accounts/acme.yaml,line=1,col=1,title=kam schema::x%0A::error::injected');
    expect(lines[2]).toContain('file=accounts/a%0A%3A%3Aerror%3A%3Ab.yaml,');
  });

  it('prints nothing when there are no findings', () => {
    expect(github([], summarize([], 3), colour)).toBe('');
  });
});

describe('sarif', () => {
  const schemaPath = new URL('../fixtures/ref/sarif-schema-2.1.0.json', import.meta.url);
  const sharedSchemaPath = new URL('../../../shared/ref/sarif-schema-2.1.0.json', import.meta.url);
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  // The official schema is draft-04; ajv-draft-04 is CommonJS, so under NodeNext its class is the default export.
  type AjvClass = typeof AjvDraft04Module.default;
  const Ajv: AjvClass = (AjvDraft04Module as unknown as { default: AjvClass }).default;
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

  const check = (out: string) => {
    const log = JSON.parse(out);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toBe(true);
    return log;
  };

  it('uses the official draft-04 schema, the same as the shared reference copy', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
    if (existsSync(sharedSchemaPath)) expect(readFileSync(schemaPath, 'utf8')).toBe(readFileSync(sharedSchemaPath, 'utf8'));
  });

  it('validates against the SARIF 2.1.0 schema', () => {
    const log = check(sarif(FINDINGS, SUMMARY, plain));
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].results).toHaveLength(FINDINGS.length);
  });

  it('validates when there are no findings and with awkward file names and messages', () => {
    check(sarif([], summarize([], 0), plain));
    const odd = [finding({ file: 'accounts/中文 客户#1?.yaml', message: 'a\nb <&> "c" \u0001' })];
    check(sarif(odd, summarize(odd, 1), plain));
  });

  it('describes kam and lists every rule in catalogue order', () => {
    const driver = JSON.parse(sarif([], summarize([], 0), plain)).runs[0].tool.driver;
    expect(driver.name).toBe('kam');
    expect(driver.version).toBe('1.2.3');
    expect(driver.informationUri).toBe('https://github.com/kam-cli/kam');
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(RULE_IDS);
    const unknownKey = driver.rules.find((r: { id: string }) => r.id === 'unknown-key');
    expect(unknownKey).toEqual({
      id: 'unknown-key',
      name: 'unknown-key',
      shortDescription: { text: RULES['unknown-key'].description },
      defaultConfiguration: { level: 'warning' },
    });
    expect(driver.rules[0].defaultConfiguration.level).toBe('error');
  });

  it('points each result at its rule, level, file and region', () => {
    const log = JSON.parse(sarif(FINDINGS, SUMMARY, plain));
    const { rules } = log.runs[0].tool.driver;
    log.runs[0].results.forEach((result: any, i: number) => {
      const f = FINDINGS[i]!;
      expect(result.ruleId).toBe(f.rule);
      expect(rules[result.ruleIndex].id).toBe(f.rule);
      expect(result.level).toBe(f.severity === 'error' ? 'error' : 'warning');
      expect(result.message.text).toBe(f.message);
      expect(result.locations[0].physicalLocation).toEqual({
        artifactLocation: { uri: f.file, uriBaseId: '%SRCROOT%' },
        region: { startLine: f.line, startColumn: f.column },
      });
    });
    expect(log.runs[0].results[2].ruleIndex).toBe(RULE_IDS.indexOf('no-coach'));
    expect(log.runs[0].columnKind).toBe('utf16CodeUnits');
  });

  it('percent-encodes file paths into URI references, keeping /', () => {
    expect(fileUri('accounts/acme.yaml')).toBe('accounts/acme.yaml');
    expect(fileUri('accounts/my plan.yaml')).toBe('accounts/my%20plan.yaml');
    expect(fileUri('accounts/中文.yaml')).toBe('accounts/%E4%B8%AD%E6%96%87.yaml');
    expect(fileUri('accounts/100%.yaml')).toBe('accounts/100%25.yaml');
    // Would otherwise start a query, a fragment, or read as a scheme.
    expect(fileUri('a:b/c#1?.yaml')).toBe('a%3Ab/c%231%3F.yaml');
    expect(decodeURIComponent(fileUri('accounts/中文 客户#1?.yaml'))).toBe('accounts/中文 客户#1?.yaml');
  });
});

describe('junit', () => {
  it('writes one testsuite per file and one failing testcase per finding', () => {
    const out = junit(FINDINGS, SUMMARY, plain);
    const names = assertWellFormedXml(out);
    expect(names.filter((n) => n === 'testsuites')).toHaveLength(1);
    expect(names.filter((n) => n === 'testsuite')).toHaveLength(2);
    expect(names.filter((n) => n === 'testcase')).toHaveLength(4);
    expect(names.filter((n) => n === 'failure')).toHaveLength(4);
    expect(out).toMatch(/<testsuites [^>]*tests="4" failures="4"/);
    expect(out).toContain('<testsuite name="accounts/acme.yaml" tests="3" failures="3" errors="0">');
    expect(out).toContain('<testsuite name="accounts/broken.yaml" tests="1" failures="1" errors="0">');
    expect(out).toContain('<testcase classname="accounts/acme.yaml" name="schema@12:7" time="0">');
    expect(out).toContain(
      '<failure message="&quot;tier&quot; must be one of strategic, key, growth, maintain; got &quot;gold&quot;" type="error">' +
        '<![CDATA[12:7 error "tier" must be one of strategic, key, growth, maintain; got "gold" (schema)]]></failure>',
    );
    expect(out).toContain('type="warn"><![CDATA[140:15 warn no coach is mapped (no-coach)]]>');
    // Files in order of first appearance.
    expect(out.indexOf('accounts/acme.yaml')).toBeLessThan(out.indexOf('accounts/broken.yaml'));
    expect(out.endsWith('</testsuites>\n')).toBe(true);
  });

  it('stays well-formed with markup, quotes, ]]> and control characters in user text', () => {
    const message = 'bad <tag> & "quote" \'apos\' ]]> end ]]]]> \u0000\u0007\u001b[31m tab\there\nnext';
    const findings = [finding({ file: 'accounts/<&"\'>.yaml', message })];
    const out = junit(findings, summarize(findings, 1), colour);
    assertWellFormedXml(out);
    expect(out).not.toMatch(ANSI);
    // The message attribute decodes back to the message, minus what XML cannot carry.
    const attr = /<failure message="([^"]*)"/.exec(out)![1]!;
    expect(unescapeAttribute(attr)).toBe(message.replace(/[\u0000\u0007\u001b]/g, ''));
    expect(attr).toContain('&#10;');
    // The CDATA body joins back to the text, minus what XML cannot carry.
    const body = /<failure [^>]*>([\s\S]*?)<\/failure>/.exec(out)![1]!;
    const joined = [...body.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((m) => m[1]).join('');
    expect(joined).toBe(`1:1 error ${message.replace(/[\u0000\u0007\u001b]/g, '')} (schema)`);
    expect(out).toContain('classname="accounts/&lt;&amp;&quot;&apos;&gt;.yaml"');
  });

  it('writes a valid document with one passing testcase when there are no findings', () => {
    const out = junit([], summarize([], 3), plain);
    const names = assertWellFormedXml(out);
    expect(names).toEqual(['testsuites', 'testsuite', 'testcase']);
    expect(out).toContain('<testcase classname="kam" name="kam check" time="0"/>');
    expect(out).not.toContain('<failure');
  });
});

describe('stylish', () => {
  it('groups by file and shows position, severity, message, rule and the counts', () => {
    const out = stylish(FINDINGS, SUMMARY, plain);
    expect(out).not.toMatch(ANSI);
    expect(out).toBe(
      [
        'accounts/acme.yaml',
        '    1:1   error    section "relationships" is required for tier strategic              required-section',
        '   12:7   error    "tier" must be one of strategic, key, growth, maintain; got "gold"  schema',
        '  140:15  warning  no coach is mapped                                                  no-coach',
        '',
        'accounts/broken.yaml',
        '  4:1  error    tabs are not allowed for indentation  yaml-syntax',
        '',
        '✖ 4 problems (3 errors, 1 warning)',
        '',
      ].join('\n'),
    );
  });

  it('aligns the rule column by display width when messages hold CJK text', () => {
    const findings = [
      finding({ line: 3, column: 1, rule: 'unknown-key', severity: 'warn', message: 'unknown key "客户经理"' }),
      finding({ line: 9, column: 1, rule: 'schema', message: 'unknown key "owner"' }),
    ];
    const rows = stylish(findings, summarize(findings, 1), plain).split('\n').slice(1, 3);
    const ruleAt = rows.map((row) => displayWidth(row.slice(0, row.lastIndexOf('  ') + 2)));
    expect(ruleAt[0]).toBe(ruleAt[1]);
    expect(rows[0]).toBe('  3:1  warning  unknown key "客户经理"  unknown-key');
  });

  it('shows control characters in user text as escapes, one line per finding', () => {
    const findings = [finding({ file: 'accounts/\u001b[2Jx.yaml', message: 'a\nb\u001b]0;title\u0007' })];
    const out = stylish(findings, summarize(findings, 1), plain);
    expect(out).not.toContain('\u001b');
    expect(out).not.toContain('\u0007');
    expect(out.split('\n')).toHaveLength(5);
    expect(out).toContain('a\\nb\\u001b]0;title\\u0007');
    expect(out).toContain('accounts/\\u001b[2Jx.yaml');
  });

  it('says so when there are no problems', () => {
    expect(stylish([], summarize([], 3), plain)).toBe('✔ No problems in 3 plans.\n');
    expect(stylish([], summarize([], 1), plain)).toBe('✔ No problems in 1 plan.\n');
    expect(stylish([], summarize([], 3), colour)).toBe('\u001b[32m✔ No problems in 3 plans.\u001b[39m\n');
  });

  it('colours when asked: severities, a red summary with errors, a yellow one with warnings only', () => {
    const out = stylish(FINDINGS, SUMMARY, colour);
    expect(out).toMatch(ANSI);
    expect(out).toContain('\u001b[31merror  \u001b[39m');
    expect(out).toContain('\u001b[33mwarning\u001b[39m');
    expect(out).toContain('\u001b[2mschema\u001b[22m');
    expect(out.trimEnd().split('\n').at(-1)).toMatch(/^\u001b\[31m.*✖ 4 problems \(3 errors, 1 warning\)/);
    const warnings = FINDINGS.filter((f) => f.severity === 'warn');
    const last = stylish(warnings, summarize(warnings, 1), colour).trimEnd().split('\n').at(-1);
    expect(last).toMatch(/^\u001b\[33m.*✖ 1 problem \(0 errors, 1 warning\)/);
    // Without colour, the same text.
    expect(out.replace(/\u001b\[\d+m/g, '')).toBe(stylish(FINDINGS, SUMMARY, plain));
  });
});

describe('registry', () => {
  it('has every format, and every format but stylish is a machine format', () => {
    expect(Object.keys(FINDINGS_FORMATTERS).sort()).toEqual(['github', 'json', 'junit', 'sarif', 'stylish']);
    expect([...MACHINE_FORMATS].sort()).toEqual(['github', 'json', 'junit', 'sarif']);
    expect(isMachineFormat('stylish')).toBe(false);
    expect(isMachineFormat('sarif')).toBe(true);
  });

  it('machine formats never colour, even when colour is on', () => {
    for (const format of MACHINE_FORMATS) expect(run(format, FINDINGS, colour), format).not.toMatch(ANSI);
  });

  it('ends non-empty output with exactly one newline', () => {
    for (const format of Object.keys(FINDINGS_FORMATTERS) as (keyof typeof FINDINGS_FORMATTERS)[]) {
      for (const findings of [FINDINGS, []]) {
        const out = run(format, findings);
        if (out !== '') expect(out, format).toMatch(/[^\n]\n$/);
      }
    }
  });
});

describe('displayWidth', () => {
  it('counts wide characters twice and combining marks not at all', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('客户')).toBe(4);
    expect(displayWidth('ｆｕｌｌ')).toBe(8);
    expect(displayWidth('한국')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('👍')).toBe(2);
    expect(displayWidth('Müller')).toBe(6);
  });
});
