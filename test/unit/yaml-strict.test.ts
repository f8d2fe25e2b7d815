// What kam refuses although the yaml library reads it, and what it reads as the library does:
// characters outside YAML 1.2's printable set (and NEL), escapes that leave half a surrogate
// pair or name no character, tags outside the core schema, more than 100 aliases; and duplicate
// keys, found without the library's quadratic search but reported as it reports them. Each is a
// yaml-syntax finding with its line and column, on the fast path and the careful one alike.
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPlanFile } from '../../src/core/plan-file.js';
import { fastYamlValue } from '../../src/core/yaml-fast.js';
import { parsePlanLines } from '../../src/core/yaml-lines.js';
import { carefulYamlValue, parseYamlValue, positionOfOffset, setFastYamlPath } from '../../src/core/yaml-source.js';

afterEach(() => setFastYamlPath(true));

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The problem of a text with the fast path on and off (they must be the same), or its value. */
function read(text: string): ReturnType<typeof parseYamlValue> {
  const on = parseYamlValue(text);
  setFastYamlPath(false);
  const off = parseYamlValue(text);
  setFastYamlPath(true);
  expect(on.ok ? { ok: true, value: on.value } : on, JSON.stringify(text)).toEqual(off.ok ? { ok: true, value: off.value } : off);
  return off;
}

/** Expects a yaml-syntax problem at the position of `at` in the text, from every reading. */
function expectRefusedAt(text: string, at: number, message?: RegExp): void {
  expect(fastYamlValue(text), `the fast path must leave ${JSON.stringify(text)}`).toBeUndefined();
  expect(parsePlanLines(text)).toBeUndefined();
  const r = read(text);
  expect(r.ok, JSON.stringify(text)).toBe(false);
  if (r.ok) return;
  expect({ line: r.problem.line, column: r.problem.column }, JSON.stringify(text)).toEqual(positionOfOffset(text, at));
  if (message) expect(r.problem.message).toMatch(message);
  // And as kam check reports it: a yaml-syntax finding with that line and column. (Not for half a
  // surrogate pair: UTF-8 cannot hold one, its bytes decode to U+FFFD.)
  if (/\p{Cs}/u.test(text)) return;
  const { issues } = loadPlanFile('accounts/a.yaml', utf8(text));
  expect(issues).toEqual([expect.objectContaining({ rule: 'yaml-syntax', position: { line: r.problem.line, column: r.problem.column } })]);
}

// Each forbidden character in every place a plan could hold it: `@` marks the place.
const PLACES = [
  'id: a\nname: x@y\n', 'id: a\nname: "x@y"\n', "id: a\nname: 'x@y'\n", 'id: a\nk@ey: 1\n', 'id: a\n"k@": 1\n', 'id: a # c@\nname: x\n', '# @\nid: a\n',
  'id: a\nname: [x, y@]\n', 'id: a\nname: {k: v@}\n', 'id: a\nnote: |\n  line @\n', 'id: a\n@name: x\n', 'id: a\nname: x\n@', 'id: a\nname: x@\r\n',
  '- a@\n', '? k@\n: v\n', 'a: &x v@\nb: *x\n', 'a: !!str x@\n',
];
const FORBIDDEN = [
  '\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u000e', '\u001b', '\u001f', '\u007f', '\u0080', '\u0085', '\u0090', '\u009f',
  '\ufffe', '\uffff', '\ud800', '\udbff', '\udc00', '\udfff',
];

describe('characters YAML does not allow', () => {
  it('are a yaml-syntax finding at their place, whatever the place (the yaml library reads them)', () => {
    expect(carefulYamlValue('a: x\u001by').ok).toBe(false);
    for (const place of PLACES) {
      for (const ch of FORBIDDEN) {
        const text = place.replace('@', ch);
        expectRefusedAt(text, place.indexOf('@'), /character|surrogate/);
      }
    }
  });

  it('name the character', () => {
    const message = (text: string) => {
      const r = carefulYamlValue(text);
      return r.ok ? '' : r.problem.message;
    };
    expect(message('a: x\u001by')).toMatch(/control character U\+001B \(ESC\).*"\\x1b"/);
    expect(message('a: x\u0000y')).toMatch(/U\+0000 \(NUL\)/);
    expect(message('a: x\u0085y')).toMatch(/U\+0085 \(NEL/);
    expect(message('a: x\ud800y')).toMatch(/surrogate/);
    expect(message('a: x\uffffy')).toMatch(/U\+FFFF.*"\\uffff"/);
  });

  it('but tabs, line separators, no-break spaces and characters past U+FFFF are text, read alike', () => {
    for (const text of ['a: "x\ty"\n', 'a: x\u2028y\n', 'a: x\u2029y\n', 'a: x\u00a0y\n', 'a: 😀\n', 'a: x\u3000y\n', 'a: "\\N\\_\\L\\P\\e\\0\\a\\v\\x41\\u00e9"\n']) {
      const r = read(text);
      expect(r.ok, JSON.stringify(text)).toBe(true);
      expect(r).toMatchObject({ ok: true, value: parseDocument(text).toJS() });
    }
  });
});

describe('double-quoted escapes', () => {
  it('that name no character, or half of a surrogate pair, are a yaml-syntax finding (js-yaml reads them)', () => {
    // \U00110000 is past U+10FFFF: the library refuses it, js-yaml read it (as two halves of pairs).
    for (const escape of ['\\U00110000', '\\UFFFFFFFF']) expectRefusedAt(`id: a\nname: "x${escape}"\n`, 14, /escape/);
    // Halves of pairs: the library reads them; kam refuses the string (at its opening quote).
    for (const escape of ['\\ud800', '\\uDBFF', '\\udc00', '\\uDFFF', '\\ud83d', '\\ude00\\ud83d', '\\U0000D800', '\\ud83dx']) {
      expectRefusedAt(`id: a\nname: "x${escape}"\n`, 12, /surrogate/);
      expectRefusedAt(`id: a\n"k${escape}": 1\n`, 6, /surrogate/);
      expectRefusedAt(`id: a\nname: [b, "${escape}"]\n`, 16, /surrogate/);
    }
  });

  it('of whole characters are read as the library reads them, fast or not', () => {
    for (const text of ['a: "\\ud83d\\ude00"\n', 'a: "\\U0001F600"\n', 'a: "\\U0010FFFF"\n', 'a: "\\x41\\u0042"\n', '"\\u00e9": 1\n']) {
      const r = read(text);
      expect(r, JSON.stringify(text)).toMatchObject({ ok: true, value: parseDocument(text).toJS() });
    }
  });
});

describe('tags', () => {
  it('other than the core schema\'s are a yaml-syntax finding at the tag (not dropped, not read as objects)', () => {
    const cases: [string, RegExp][] = [
      ['id: a\nfile: !!binary aGVsbG8=\n', /unknown tag !!binary/],
      ['id: a\nname: !custom x\n', /unknown tag !custom/],
      ['id: a\nday: !!timestamp 2020-01-01\n', /unknown tag !!timestamp/],
      ['id: a\ns: !!set {x}\n', /unknown tag !!set/],
      ['id: a\no: !!omap [x: 1]\n', /unknown tag !!omap/],
      ['id: a\np: !!pairs [x: 1]\n', /unknown tag !!pairs/],
      ['id: a\nx: !<tag:example.com,2000:x> 1\n', /unknown tag !<tag:example.com,2000:x>/],
      ['id: a\nn: !!float 1\n', /the tag !!float does not fit/],
      ['id: a\nn: !!str [a]\n', /the tag !!str does not fit/],
      ['id: a\n!custom k: 1\n', /unknown tag !custom/],
      ['%TAG !e! tag:example.com,2000:\n---\nid: a\nx: !e!x 1\n', /unknown tag !e!x/],
    ];
    for (const [text, message] of cases) expectRefusedAt(text, text.startsWith('%TAG') ? text.lastIndexOf('!e!x') : text.indexOf('!'), message);
  });

  it('of the core schema are read as the library reads them', () => {
    for (const [text, value] of [['a: !!str 1\n', { a: '1' }], ['a: !!int "1"\n', { a: 1 }], ['a: ! x\n', { a: 'x' }], ['a: !!map {b: 1}\n', { a: { b: 1 } }], ['a: !!null ""\n', { a: null }]] as const) {
      expect(read(text)).toEqual({ ok: true, value });
    }
  });
});

describe('aliases', () => {
  const aliases = (n: number) => 'a: &x 1\nb:\n' + Array.from({ length: n }, () => '  - *x\n').join('');
  const distinct = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: &a${i} 1\n`).join('') + 'b:\n' + Array.from({ length: n }, (_, i) => `  - *a${i}\n`).join('');
  it('up to 100 are read; more are a yaml-syntax finding at the 101st', () => {
    expect(read(distinct(100)).ok).toBe(true);
    const text = distinct(101);
    expectRefusedAt(text, text.lastIndexOf('*'), /more than 100 aliases/);
    // The library's expansion limit stays: 99 aliases of one anchor are read, 100 are an alias bomb.
    expect(read(aliases(99)).ok).toBe(true);
    expect(read(aliases(100))).toMatchObject({ ok: false, problem: { message: expect.stringMatching(/alias bomb/) } });
  });
});

describe('duplicate keys', () => {
  const LIBRARY = { uniqueKeys: true, prettyErrors: false, strict: true, version: '1.2', merge: false } as const;
  const PARTS = [
    'a: 1', 'a: 2', '"a": 3', "'a': 4", '1: x', '01: y', '1.0: z', '~: n', 'null: n', '.nan: q', '.nan: r', '-0: s', '0: t', '? a\n: b', '? [a]\n: c', '[a]: d',
    '{a: 1, a: 2}: e', 'k: {a: 1, a: 2}', 'k: [a: 1, a: 2]', 'k: {b, b}', 'k:\n  a: 1\n  a: 2', '- a', 'b: [1, 2', 'c: "x', 'd: @x', 'e: *x', 'f: &x 1', 'g: c: d',
    '  h: 1', 'i: }', 'True: 1', 'true: 2', '"\\x61": 5', 'x: {"a":1,"a":2}', '---', '%YAML 1.2', '#c', '? {a: 1, a: 2}\n: x', '&k a: 1', '*k : 2', ': v', ': w',
    '!!int 1: a', '? \n: z', 'a', '"a" : 1',
  ];
  // Past 64 keys of a mapping, kam ends the library's search of the earlier keys at once.
  for (const filler of [0, 70]) {
    it(`are reported as the library reports them: its first error, at its place (${filler ? 'mappings past 64 keys' : 'small mappings'})`, () => {
      const head = Array.from({ length: filler }, (_, i) => `f${i}: 1\n`).join('');
      let duplicates = 0;
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...PARTS), { minLength: 1, maxLength: 6 }), fc.constantFrom('', '  '), (parts, indent) => {
          const text = head + parts.map((p, i) => (i % 3 === 2 ? indent : '') + p).join('\n') + '\n';
          const library = parseDocument(text, LIBRARY).errors[0];
          const r = carefulYamlValue(text);
          if (!library) return;
          if (library.code === 'DUPLICATE_KEY') duplicates++;
          expect(r.ok, text).toBe(false);
          if (!r.ok) {
            expect({ line: r.problem.line, column: r.problem.column }, text).toEqual(positionOfOffset(text, library.pos[0]));
            expect(r.problem.message.startsWith(library.message), text).toBe(true);
          }
        }),
        { numRuns: filler ? 300 : 1000 },
      );
      expect(duplicates).toBeGreaterThan(filler ? 20 : 60);
    });
  }
});
