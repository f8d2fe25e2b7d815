// The line reader (src/core/yaml-lines.ts) on hand-picked texts: what it reads, and what it
// leaves to js-yaml. test/unit/yaml-fast.test.ts holds it equal to js-yaml and to the yaml
// library on generated and mutated plans.
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parsePlanLines } from '../../src/core/yaml-lines.js';

const jsYamlValue = (text: string) => jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA });

describe('parsePlanLines', () => {
  it('reads the YAML plans are written in, as js-yaml does', () => {
    const text = [
      '# yaml-language-server: $schema=../schemas/plan.schema.json',
      'id: acme   # the id',
      'name: 中国移动 广东分公司',
      'tier: key',
      "note: 'it''s \"quoted\"'",
      'quoted: "a # not a comment"',
      'empty:',
      'tilde: ~',
      'flags: [true, False, NULL, null]',
      'metrics:',
      '  revenue:',
      '    2023: 2134176',
      '    2024: -12.50',
      '  wallet: 0',
      'team:',
      '- { name: Jane Doe, role: account-manager, fte: 0.5 }',
      '- name: Bo Chen',
      '  role: coach',
      '',
      '  skills: [a, [b, c], {d: e}]',
      'dates: [2026-11-23, 30% share, C:/path, a:b, "x#y"]',
      'nested:',
      '  - - not reached',
    ].join('\r\n');
    // The last item nests dashes on one line: the reader leaves that file to js-yaml.
    expect(parsePlanLines(text)).toBeUndefined();
    const readable = text.split('\r\n').slice(0, -2).join('\r\n') + '\r\n';
    const read = parsePlanLines(readable);
    expect(read).toBeDefined();
    expect(read!.value).toStrictEqual(jsYamlValue(readable));
    expect(read!.value).toMatchObject({ id: 'acme', empty: null, tilde: null, flags: [true, false, null, null], metrics: { revenue: { 2023: 2134176, 2024: -12.5 }, wallet: 0 } });
    expect((read!.value as { dates: unknown[] }).dates).toEqual(['2026-11-23', '30% share', 'C:/path', 'a:b', 'x#y']);
  });

  it('reads quoted keys as written (dumpers quote the years of metrics.revenue)', () => {
    for (const text of ['metrics:\n  revenue:\n    "2023": 1\n    \'2024\': 2\n', '- "a b": 1\n  \'it\'\'s\': 2\n', 'a: { "1e3": x, \'null\': y }', '"": 1']) {
      expect(parsePlanLines(text)?.value, text).toStrictEqual(jsYamlValue(text));
    }
  });

  it("reads JSON's escapes in double quotes, as YAML means them", () => {
    for (const text of ['a: "line\\nbreak \\"q\\" \\\\ \\/ \\t \\u00e9 \\u4e2d"', '"k\\"ey": 1', 'a: { b: "x\\\\", c: "\\"" }']) {
      expect(parsePlanLines(text)?.value, text).toStrictEqual(jsYamlValue(text));
    }
    expect(parsePlanLines('a: "x\\ny"')?.value).toStrictEqual({ a: 'x\ny' });
  });

  it('leaves to js-yaml what it is not sure of', () => {
    const leftAlone = [
      '', '# only a comment', 'just a scalar', '- -\n', 'a: &x 1\nb: *x', 'a: !!str 1', '? a\n: b', 'a: |\n  x', 'a: >+\n  x\n',
      'a: x\n  continued', 'a: "x\n  y"', 'a: [1,\n  2]', 'a: {b: 1,}', 'a: [1,]', 'a: {b}', 'a: {b: }', 'a: [a: 1]', 'a: [x # c]',
      'a: 1\na: 2', 'a: {b: 1, b: 2}', '__proto__: 1', 'null: 1', 'true: 1', '1.5: a', '01: a', '-1: a', '"a\\xb": 1', '"a" : 1', '"__proto__": 1', '{"a":1}', 'a b: 1',
      'a: 1e3', 'a: 0x1F', 'a: 0o17', 'a: .5', 'a: -.5', 'a: 1_000', 'a: -0', 'a: 012', 'a: 1.', 'a: .inf', 'a: .NaN', 'a: 1:20', 'a: 12345678901234567',
      'a: "\\x41"', 'a: "\\e"', 'a: "\\ud83d\\ude00"', 'a: "\\u12"', 'a: "\\"', 'a: b: c', 'a: b:', 'a: - x', 'a: ,x', 'a: %x', 'a: @x', 'a: `x`', 'a: [x]y', 'a: "x" y', 'a:\n  - x\n  y: 1',
      'a: x\ud800', 'a: \udc00x', 'id: x\r', 'a:\t1', 'a: [1,\t2]', 'a: 1\rb: 2', '- a\nb: c', 'a: 1\n b: 2', 'a:\n  b: 1\n c: 2', 'a: x\u0007y', '-\n  a: 1',
      // Characters kam refuses (the careful path reports them): NEL, C1 controls, DEL, in quotes and comments too.
      'a: x\u0085y', 'a: "x\u0085y"', "a: 'x\u007f'", 'a: 1 # \u0090', '"k\u001b": 1', 'a: "\\U00110000"', 'a: "\\U0001F600"',
    ];
    for (const text of leftAlone) expect(parsePlanLines(text), JSON.stringify(text)).toBeUndefined();
  });

  it('reads the plain block scalars notes are written in, and leaves the other kinds', () => {
    const read = [
      'a: |\n  one\n  two\nb: 1\n', 'a: |-\n  one\n\n  two\nb: 1\n', 'a: >\n  one\n  two\n\n  three\nb: 1\n', 'a: >-\n  one\n  two\n',
      '- |\n  x\n- y\n', 'e:\n  - type: pilot\n    note: |-\n      Met them (ok)\n\n      Again\n    date: 2026-01-01\n',
      'r: |\n  # not a comment\n  - not an item\n  k: not a key\ns: 2\n', 'a: |\r\n  one\r\n  two\r\nb: 1\r\n',
    ];
    for (const text of read) {
      const lines = parsePlanLines(text);
      expect(lines, JSON.stringify(text)).toBeDefined();
      expect(lines!.value, JSON.stringify(text)).toStrictEqual(jsYamlValue(text));
    }
    expect(parsePlanLines('a: >\n  one\n  two\n\n  three\nb: 1\n')!.value).toStrictEqual({ a: 'one two\nthree\n', b: 1 });
    const leftAlone = [
      'a: |+\n  x\n\n', 'a: |2\n   x\n', 'a: |\n  x\n    more\n', 'a: >\n  x\n\nb: 1\n', 'a: |\n  x \n', 'a: |\n  x', 'a: | # c\n  x\n',
      'a: |\nb: 1\n', 'a: |\n\n  x\n', 'a: |\n  x\n   \n  y\n', 'a:\n  b: |\n    x\n # c\n  c: 1\n', 'a: |\n  x\n\n',
    ];
    for (const text of leftAlone) expect(parsePlanLines(text), JSON.stringify(text)).toBeUndefined();
  });

  it('keeps the depth of what it reads small (deeper plans go to js-yaml and, past 64 levels, to the careful path)', () => {
    const nested = (depth: number) => Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' x';
    expect(parsePlanLines(nested(20))?.value).toStrictEqual(jsYamlValue(nested(20)));
    expect(parsePlanLines(nested(40))).toBeUndefined();
  });
});
