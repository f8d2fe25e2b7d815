import { describe, expect, it } from 'vitest';
import { duplicateIdIssues, planIdOfText } from '../../src/core/plan-file.js';
import { messageParts } from '../../src/core/findings.js';
/** The English text of an issue's message (a catalog message since issue 18). */
const englishOf = (message: Parameters<typeof messageParts>[0] | undefined) => (message === undefined ? undefined : messageParts(message).message);

describe('duplicateIdIssues', () => {
  it('names every other file when a few share an id', () => {
    const issues = duplicateIdIssues([
      { file: 'a.yaml', id: 'x' },
      { file: 'b.yaml', id: 'x' },
      { file: 'c.yaml', id: 'y' },
    ]);
    expect(issues.map((i) => [i.file, englishOf(i.message)])).toEqual([
      ['a.yaml', 'id "x" is also used by b.yaml; give each account its own id'],
      ['b.yaml', 'id "x" is also used by a.yaml; give each account its own id'],
    ]);
  });

  it('names three and counts the rest when many share an id, in time linear in the files', () => {
    const files = Array.from({ length: 50_000 }, (_, i) => ({ file: `p${i}.yaml`, id: 'same' }));
    const started = performance.now();
    const issues = duplicateIdIssues(files);
    const elapsed = performance.now() - started;
    expect(issues).toHaveLength(50_000);
    expect(englishOf(issues[0]!.message)).toBe('id "same" is also used by p1.yaml, p2.yaml, p3.yaml and 49996 more; give each account its own id');
    expect(englishOf(issues[2]!.message)).toBe('id "same" is also used by p0.yaml, p1.yaml, p3.yaml and 49996 more; give each account its own id');
    expect(elapsed).toBeLessThan(2000);
  });
});

describe('planIdOfText', () => {
  it.each([
    ['id: acme\n', 'acme'],
    ['\ufeffid: acme\n', 'acme'],
    ['"id": acme\n', 'acme'],
    ["'id': 'acme'\n", 'acme'],
    ['name: x\nid: "acme" # the id\n', 'acme'],
  ])('reads the top-level id of %j', (text, id) => {
    expect(planIdOfText(text)).toBe(id);
  });

  it.each([['  id: nested\n'], ['"id\': mixed\n'], ['ids: acme\n']])('finds no top-level id in %j', (text) => {
    expect(planIdOfText(text)).toBeUndefined();
  });
});
