import { describe, expect, it } from 'vitest';
import { createLocator, decodeYamlBytes, MAX_FILE_BYTES, parseYamlValue } from '../../src/core/yaml-source.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeYamlBytes', () => {
  it('strips a UTF-8 BOM', () => {
    const r = decodeYamlBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('id: a\n')]));
    expect(r).toEqual({ ok: true, text: 'id: a\n' });
  });

  it('locates the first invalid UTF-8 byte', () => {
    const bytes = new Uint8Array([...utf8('id: a\nname: Caf'), 0xe9, ...utf8('\n')]);
    const r = decodeYamlBytes(bytes);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem).toMatchObject({ line: 2, column: 10 });
      expect(r.problem.message).toMatch(/UTF-8/);
    }
  });

  it('refuses files over the size limit without decoding them', () => {
    const r = decodeYamlBytes(new Uint8Array(MAX_FILE_BYTES + 1));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.message).toMatch(/limit/);
  });
});

describe('parseYamlValue', () => {
  it('keeps dates as strings (YAML 1.2 core schema)', () => {
    expect(parseYamlValue('due: 2026-12-01\nn: 3\n')).toMatchObject({ ok: true, value: { due: '2026-12-01', n: 3 } });
  });

  it('reports duplicate keys with the line of the second key', () => {
    const r = parseYamlValue('id: a\nname: x\nname: y\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatchObject({ line: 3, column: 1 });
  });

  it('reports tab indentation', () => {
    const r = parseYamlValue('id: a\nteam:\n\t- name: x\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.line).toBe(3);
  });

  it('stops an alias bomb quickly', () => {
    const bomb = [
      'a: &a [x,x,x,x,x,x,x,x,x]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    ].join('\n');
    const start = Date.now();
    const r = parseYamlValue(bomb);
    expect(Date.now() - start).toBeLessThan(1000);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.message).toMatch(/alias/);
  });

  it('refuses deep nesting', () => {
    for (const depth of [100, 20_000]) {
      const r = parseYamlValue(`id: a\nv: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problem.line).toBe(2);
    }
  });

  it('counts lines correctly with CRLF', () => {
    const r = parseYamlValue('id: a\r\nname: x\r\nname: y\r\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.line).toBe(3);
  });

  it('keeps __proto__ as a plain own key without polluting prototypes', () => {
    const r = parseYamlValue('__proto__: { polluted: true }\n');
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('createLocator', () => {
  const text = ['# modeline', 'id: acme', 'relationships:', '  - name: Li', '    role: boss', '  - { name: Wu, titel: CTO }', ''].join('\n');
  const locate = createLocator(text);

  it('finds values and keys by path', () => {
    expect(locate(['id'])).toEqual({ line: 2, column: 5 });
    expect(locate(['relationships', 0, 'role'])).toEqual({ line: 5, column: 11 });
    expect(locate(['relationships', 1, 'titel'], 'key')).toEqual({ line: 6, column: 17 });
  });

  it('falls back to the nearest existing node, and the top of file for []', () => {
    expect(locate(['relationships', 1, 'missing'])).toEqual({ line: 6, column: 5 });
    expect(locate([])).toEqual({ line: 1, column: 1 });
  });
});
