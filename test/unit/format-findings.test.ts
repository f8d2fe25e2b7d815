import { existsSync, readFileSync } from 'node:fs';
import AjvDraft04Module from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { RULE_IDS, RULES, summarize, type Finding } from '../../src/core/findings.js';
import { github } from '../../src/format/findings/github.js';
import { FINDINGS_FORMATTERS, MACHINE_FORMATS, isMachineFormat } from '../../src/format/findings/index.js';
import { json } from '../../src/format/findings/json.js';
import { junit } from '../../src/format/findings/junit.js';
import { FINGERPRINT_KEY, fileUri, RULES_HELP_URI, sarif } from '../../src/format/findings/sarif.js';
import { helpMarkdown, helpText, RULE_DOCS } from '../../src/core/rule-docs.js';
import { stylish } from '../../src/format/findings/stylish.js';
import { displayWidth } from '../../src/format/text.js';
import type { FindingsFormatOptions } from '../../src/format/findings/types.js';
import type { CheckedRun } from '../../src/format/findings/checked.js';
import { parseXml, statedCounts, suiteCounts, testcases, totalCounts } from '../e2e/junit-reader.js';

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

  it('writes file= from the repository root with pathPrefix (a monorepo), escaped like the rest', () => {
    const out = github(FINDINGS, SUMMARY, { ...plain, pathPrefix: 'sales/kam/', pathBase: 'repository' });
    expect(out.split('\n')[2]).toBe('::warning file=sales/kam/accounts/acme.yaml,line=140,col=15,title=kam no-coach::no coach is mapped');
    expect(github([finding({})], SUMMARY, { ...plain, pathPrefix: 'a,b:c/' })).toContain('file=a%2Cb%3Ac/accounts/acme.yaml,');
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
      name: 'UnknownKey',
      shortDescription: { text: RULES['unknown-key'].description },
      fullDescription: { text: RULE_DOCS['unknown-key'].fullDescription.replace(/`/g, ''), markdown: RULE_DOCS['unknown-key'].fullDescription },
      help: { text: helpText('unknown-key').replace(/`/g, ''), markdown: helpMarkdown('unknown-key') },
      helpUri: 'https://github.com/kam-cli/kam#kam-check-files--the-ci-gate',
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['key-account-management', 'validation'], precision: 'very-high' },
    });
    expect(driver.rules[0].defaultConfiguration.level).toBe('error');
  });

  it('gives every rule what GitHub code scanning shows: a friendly name, descriptions, help and helpUri', () => {
    const { rules } = JSON.parse(sarif([], summarize([], 0), plain)).runs[0].tool.driver;
    expect(rules.find((r: { id: string }) => r.id === 'no-coach').name).toBe('NoCoach');
    for (const rule of rules) {
      expect(rule.name, rule.id).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(rule.name.toLowerCase(), rule.id).not.toBe(rule.id.toLowerCase());
      expect(rule.shortDescription.text, rule.id).toBe(RULES[rule.id as keyof typeof RULES].description);
      expect(rule.fullDescription.text.length, rule.id).toBeGreaterThan(rule.shortDescription.text.length / 2);
      expect(rule.fullDescription.text, rule.id).not.toContain('`');
      expect(rule.help.text, rule.id).toContain('How to fix: ');
      expect(rule.help.markdown, rule.id).toContain('#### Why it matters');
      expect(rule.helpUri, rule.id).toBe(RULES_HELP_URI);
    }
  });

  it('fingerprints each result by what it is, not where it is: a line move keeps it, another finding differs', () => {
    const at = (over: Partial<Finding>) => JSON.parse(sarif([finding({ rule: 'no-coach', severity: 'warn', path: 'relationships', message: 'add a coach (3 contacts, reviewed 120 days ago)', ...over })], SUMMARY, plain)).runs[0].results[0].partialFingerprints;
    const base = at({ line: 10, column: 1 });
    expect(Object.keys(base)).toEqual([FINGERPRINT_KEY]);
    expect(base[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{16}$/);
    expect(at({ line: 42, column: 3 })).toEqual(base);
    // Counts and days in the message change with as-of: not part of the identity.
    expect(at({ message: 'add a coach (4 contacts, reviewed 121 days ago)', line: 11 })).toEqual(base);
    expect(at({ message: 'add a champion (3 contacts, reviewed 120 days ago)' })).not.toEqual(base);
    expect(at({ file: 'accounts/other.yaml' })).not.toEqual(base);
    expect(at({ path: 'relationships/0' })).not.toEqual(base);
    expect(at({ rule: 'single-threaded' })).not.toEqual(base);
  });

  it('writes URIs from the repository root with pathPrefix, and says what %SRCROOT% is', () => {
    const mono = JSON.parse(sarif(FINDINGS, SUMMARY, { ...plain, pathPrefix: 'sales/kam/', pathBase: 'repository' })).runs[0];
    expect(mono.results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri)).toEqual(FINDINGS.map((f) => `sales/kam/${f.file}`));
    expect(mono.originalUriBaseIds['%SRCROOT%'].description.text).toMatch(/root of the git repository/);
    const spaced = JSON.parse(sarif([finding({})], SUMMARY, { ...plain, pathPrefix: 'sales team/kam #1/', pathBase: 'repository' })).runs[0];
    expect(spaced.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('sales%20team/kam%20%231/accounts/acme.yaml');
    const alone = JSON.parse(sarif(FINDINGS, SUMMARY, plain)).runs[0];
    expect(alone.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('accounts/acme.yaml');
    expect(alone.originalUriBaseIds['%SRCROOT%'].description.text).toMatch(/workspace root/);
    // The fingerprint follows the workspace file, so it does not change with the prefix.
    expect(mono.results[0].partialFingerprints).toEqual(alone.results[0].partialFingerprints);
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
  const FILES = ['accounts/acme.yaml', 'accounts/broken.yaml', 'accounts/clean.yaml'];
  // broken.yaml has a syntax error: it was not scored, so the policy rules did not run on it.
  const RUN: CheckedRun = { files: FILES, scored: new Set(['accounts/acme.yaml', 'accounts/clean.yaml']), rules: RULE_IDS };
  const withRun = (over: Partial<CheckedRun> = {}, options: Partial<FindingsFormatOptions> = {}): FindingsFormatOptions => ({ ...plain, ...options, run: { ...RUN, ...over } });
  const counted = (xml: string) => {
    const root = parseXml(xml);
    const total = totalCounts(root);
    expect(statedCounts(root)).toEqual({ tests: total.tests, failures: total.failures, errors: total.errors });
    for (const suite of root.children) expect(statedCounts(suite), suite.attrs.name).toEqual(suiteCounts(suite));
    return root;
  };
  const planRules = RULE_IDS.filter((id) => id !== 'concentration-risk');

  it('writes one testsuite per plan checked and one testcase per rule that is on, clean plans included', () => {
    const out = junit(FINDINGS, SUMMARY, withRun());
    assertWellFormedXml(out);
    const root = counted(out);
    expect(root.children.map((s) => s.attrs.name)).toEqual([...FILES, 'portfolio']);
    for (const suite of root.children.slice(0, 3)) {
      expect(suite.attrs.file).toBe(suite.attrs.name);
      expect(suite.children.map((c) => c.attrs.name)).toEqual(planRules);
      expect(suite.children.every((c) => c.attrs.classname === suite.attrs.name)).toBe(true);
    }
    const clean = testcases(root).filter((c) => c.classname === 'accounts/clean.yaml');
    expect(clean.every((c) => c.status === 'passed')).toBe(true);
    expect(root.attrs.tests).toBe(String(3 * planRules.length + 1));
    expect(out).toContain('<testcase classname="accounts/clean.yaml" name="no-coach" time="0"/>');
  });

  it('reports errors as failures of type error, with each finding as file:line:col in the text', () => {
    const out = junit(FINDINGS, SUMMARY, withRun());
    const cases = testcases(counted(out));
    const schema = cases.find((c) => c.classname === 'accounts/acme.yaml' && c.name === 'schema')!;
    expect(schema).toMatchObject({ status: 'failure', type: 'error', message: 'accounts/acme.yaml:12:7 "tier" must be one of strategic, key, growth, maintain; got "gold"' });
    expect(schema.text).toBe('accounts/acme.yaml:12:7 error "tier" must be one of strategic, key, growth, maintain; got "gold"');
    expect(out).toContain(
      '<failure type="error" message="accounts/acme.yaml:12:7 &quot;tier&quot; must be one of strategic, key, growth, maintain; got &quot;gold&quot;">' +
        '<![CDATA[accounts/acme.yaml:12:7 error "tier" must be one of strategic, key, growth, maintain; got "gold"]]></failure>',
    );
    expect(cases.filter((c) => c.status === 'failure').map((c) => `${c.classname} ${c.name}`)).toEqual(['accounts/acme.yaml schema', 'accounts/acme.yaml required-section', 'accounts/broken.yaml yaml-syntax']);
    expect(/<testsuites [^>]*>/.exec(out)![0]).toBe(`<testsuites name="kam check" tests="${3 * planRules.length + 1}" failures="3" errors="0" time="0">`);
  });

  it('lists several findings of one rule in one testcase, the first in the message', () => {
    const two = [finding({ rule: 'unknown-key', severity: 'warn', line: 3, column: 1, message: 'unknown key "owne"' }), finding({ rule: 'unknown-key', severity: 'warn', line: 5, column: 17, message: 'unknown key "titel"' })];
    const c = testcases(counted(junit(two, summarize(two, 1), withRun({ files: ['accounts/acme.yaml'] })))).find((x) => x.name === 'unknown-key')!;
    expect(c.message).toBe('2 findings, the first at accounts/acme.yaml:3:1: unknown key "owne" (warnings do not fail the run: no --max-warnings)');
    expect(c.text.split('\n')).toEqual(['accounts/acme.yaml:3:1 warning unknown key "owne"', 'accounts/acme.yaml:5:17 warning unknown key "titel"', 'warnings do not fail the run: no --max-warnings']);
  });

  it('makes warnings skipped (type warning) unless --max-warnings is exceeded, then failures', () => {
    const skippedCase = testcases(counted(junit(FINDINGS, SUMMARY, withRun()))).find((c) => c.name === 'no-coach' && c.classname === 'accounts/acme.yaml')!;
    expect(skippedCase).toMatchObject({ status: 'skipped', type: 'warning' });
    expect(skippedCase.text).toBe('accounts/acme.yaml:140:15 warning no coach is mapped\nwarnings do not fail the run: no --max-warnings');
    const within = testcases(counted(junit(FINDINGS, SUMMARY, withRun({ maxWarnings: 1 })))).find((c) => c.name === 'no-coach' && c.classname === 'accounts/acme.yaml')!;
    expect(within.status).toBe('skipped');
    expect(within.text).toContain('warnings do not fail the run: 1 in all, at most 1 allowed by --max-warnings');
    const over = junit(FINDINGS, SUMMARY, withRun({ maxWarnings: 0 }));
    const failing = testcases(counted(over)).find((c) => c.name === 'no-coach' && c.classname === 'accounts/acme.yaml')!;
    expect(failing).toMatchObject({ status: 'failure', type: 'warning' });
    expect(failing.text).toContain('warnings fail the run: 1 in all, more than --max-warnings 0');
    expect(/<testsuites [^>]*>/.exec(over)![0]).toContain('failures="4"');
  });

  it('skips the policy rules of a plan that was not scored, and runs its validation rules', () => {
    const cases = testcases(counted(junit(FINDINGS, SUMMARY, withRun()))).filter((c) => c.classname === 'accounts/broken.yaml');
    expect(cases.find((c) => c.name === 'yaml-syntax')!.status).toBe('failure');
    expect(cases.find((c) => c.name === 'unknown-key')!.status).toBe('passed');
    expect(cases.find((c) => c.name === 'duplicate-id')!.status).toBe('passed');
    for (const c of cases.filter((x) => ['required-section', 'no-coach', 'stale-review'].includes(x.name))) {
      expect(c.status).toBe('skipped');
      expect(c.message).toMatch(/^not checked: /);
    }
  });

  it('puts portfolio findings in a testsuite of their own, and leaves rules that are off out', () => {
    const risk = finding({ rule: 'concentration-risk', severity: 'warn', file: 'accounts/clean.yaml', line: 4, column: 3, message: 'Clean makes 80.0% of revenue' });
    const findings = [...FINDINGS, risk];
    const root = counted(junit(findings, summarize(findings, 3), withRun()));
    const portfolio = root.children.at(-1)!;
    expect(portfolio.attrs).toMatchObject({ name: 'portfolio', tests: '1', skipped: '1' });
    expect(portfolio.attrs.file).toBeUndefined();
    expect(testcases(root).at(-1)).toMatchObject({ classname: 'portfolio', name: 'concentration-risk', status: 'skipped' });
    expect(testcases(root).at(-1)!.text).toMatch(/^accounts\/clean\.yaml:4:3 warning Clean makes/);
    // The plan's own suite has no concentration-risk testcase.
    expect(root.children[2]!.children.map((c) => c.attrs.name)).not.toContain('concentration-risk');

    const off = counted(junit([], summarize([], 3), withRun({ rules: RULE_IDS.filter((id) => id !== 'concentration-risk' && id !== 'no-coach') })));
    expect(off.children.map((s) => s.attrs.name)).toEqual(FILES);
    expect(off.children[0]!.children.map((c) => c.attrs.name)).not.toContain('no-coach');
  });

  it('names files from the repository root with pathPrefix', () => {
    const out = junit(FINDINGS, SUMMARY, withRun({}, { pathPrefix: 'sales/kam/' }));
    const root = counted(out);
    expect(root.children.map((s) => s.attrs.name)).toEqual(['sales/kam/accounts/acme.yaml', 'sales/kam/accounts/broken.yaml', 'sales/kam/accounts/clean.yaml', 'portfolio']);
    expect(testcases(root).find((c) => c.name === 'yaml-syntax' && c.status === 'failure')!.text).toBe('sales/kam/accounts/broken.yaml:4:1 error tabs are not allowed for indentation');
  });

  it('stays well-formed with markup, quotes, ]]> and control characters in user text', () => {
    const message = 'bad <tag> & "quote" \'apos\' ]]> end ]]]]> \u0000\u0007\u001b[31m tab\there\nnext';
    const file = 'accounts/<&"\'>.yaml';
    const findings = [finding({ file, message })];
    const out = junit(findings, summarize(findings, 1), { ...colour, run: { files: [file], scored: new Set(), rules: RULE_IDS } });
    assertWellFormedXml(out);
    counted(out);
    expect(out).not.toMatch(ANSI);
    // The message attribute decodes back to the message, minus what XML cannot carry.
    const attr = /<failure type="error" message="([^"]*)"/.exec(out)![1]!;
    const kept = message.replace(/[\u0000\u0007\u001b]/g, '');
    expect(unescapeAttribute(attr)).toBe(`${file}:1:1 ${kept}`);
    expect(attr).toContain('&#10;');
    // The CDATA body joins back to the text, minus what XML cannot carry.
    const body = /<failure [^>]*>([\s\S]*?)<\/failure>/.exec(out)![1]!;
    const joined = [...body.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((m) => m[1]).join('');
    expect(joined).toBe(`${file}:1:1 error ${kept}`);
    expect(out).toContain('classname="accounts/&lt;&amp;&quot;&apos;&gt;.yaml"');
  });

  it('without the run, reports the files that have findings, and no suite when there are none', () => {
    const root = counted(junit(FINDINGS, SUMMARY, plain));
    expect(root.children.map((s) => s.attrs.name)).toEqual(['accounts/acme.yaml', 'accounts/broken.yaml', 'portfolio']);
    const empty = junit([], summarize([], 3), plain);
    expect(assertWellFormedXml(empty)).toEqual(['testsuites', 'testsuite', 'testcase']);
    expect(counted(empty).children.map((s) => s.attrs.name)).toEqual(['portfolio']);
    expect(empty).not.toContain('<failure');
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
    expect(Object.keys(FINDINGS_FORMATTERS).sort()).toEqual(['github', 'json', 'junit', 'markdown', 'sarif', 'stylish']);
    // markdown is for people, but on GitHub: never coloured either.
    expect([...MACHINE_FORMATS].sort()).toEqual(['github', 'json', 'junit', 'markdown', 'sarif']);
    expect(isMachineFormat('markdown')).toBe(true);
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
