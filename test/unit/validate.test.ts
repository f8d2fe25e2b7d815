import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config-file.js';
import { configSchema, DEFAULT_CONFIG } from '../../src/core/config.js';
import { checkPlans } from '../../src/core/check.js';
import { loadPlanFile } from '../../src/core/plan-file.js';
import { messageParts } from '../../src/core/findings.js';
/** The English text of an issue's message (a catalog message since issue 18). */
const englishOf = (message: Parameters<typeof messageParts>[0] | undefined) => (message === undefined ? undefined : messageParts(message).message);

const utf8 = (s: string) => new TextEncoder().encode(s);
const load = (text: string) => loadPlanFile('accounts/x.yaml', utf8(text));

describe('plan validation', () => {
  it('accepts a minimal plan', () => {
    const { planFile, issues } = load('id: acme\nname: ACME\n');
    expect(issues).toEqual([]);
    expect(planFile.plan).toEqual({ id: 'acme', name: 'ACME' });
  });

  it('suggests the closest key for a typo and still yields the plan', () => {
    const { planFile, issues } = load('id: acme\nname: ACME\nowne: Jane\nrelationships:\n  - { name: Li, titel: CTO }\n');
    expect(issues.map((i) => [i.rule, i.at?.path])).toEqual(
      expect.arrayContaining([
        ['unknown-key', ['owne']],
        ['unknown-key', ['relationships', 0, 'titel']],
      ]),
    );
    expect(issues).toHaveLength(2);
    expect(englishOf(issues.find((i) => i.at?.path[0] === 'owne')?.message)).toMatch(/did you mean "owner"/);
    expect(englishOf(issues.find((i) => i.at?.path[2] === 'titel')?.message)).toMatch(/did you mean "title"/);
    expect(planFile.plan).toEqual({ id: 'acme', name: 'ACME', relationships: [{ name: 'Li' }] });
  });

  it('reports wrong types and enum values as schema errors at the value', () => {
    const { planFile, issues } = load(
      'id: acme\nname: ACME\nmetrics:\n  revenue: { 2024: lots }\nrelationships:\n  - { name: Li, role: boss }\nassessment: { influence: 9 }\nengagements:\n  - { type: pilot, date: 2026-13-45 }\n',
    );
    expect(planFile.plan).toBeUndefined();
    const byPath = Object.fromEntries(issues.map((i) => [JSON.stringify(i.at?.path), i]));
    expect(englishOf(byPath['["metrics","revenue","2024"]']?.message)).toMatch(/must be a number/);
    expect(englishOf(byPath['["relationships",0,"role"]']?.message)).toMatch(/one of decision-maker/);
    expect(englishOf(byPath['["engagements",0,"date"]']?.message)).toMatch(/YYYY-MM-DD/);
    expect(englishOf(issues.find((i) => i.at?.path[0] === 'assessment')?.message)).toMatch(/0\.\.5|at most 5|wrong form/);
    expect(issues.every((i) => i.rule === 'schema')).toBe(true);
  });

  it('reports a missing required key', () => {
    const { issues } = load('id: acme\n');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ rule: 'schema', account: 'acme' });
    expect(englishOf(issues[0]!.message)).toMatch(/"name" is required/);
  });

  it('refuses __proto__ and constructor keys, and yields no plan (it is neither scored nor checked)', () => {
    const { planFile, issues } = load('id: acme\nname: ACME\n__proto__: { polluted: true }\nconstructor: x\n');
    expect(issues.map((i) => i.at?.path[0]).sort()).toEqual(['__proto__', 'constructor']);
    expect(planFile.plan).toBeUndefined();
    expect(planFile.id).toBe('acme');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports an empty file and a non-mapping top level', () => {
    expect(load('').issues[0]?.rule).toBe('schema');
    expect(englishOf(load('- a\n- b\n').issues[0]?.message)).toMatch(/mapping/);
  });
});

describe('duplicate ids and findings', () => {
  it('flags every file that shares an id, located at the id value', () => {
    const all = checkPlans(
      [
        { file: 'accounts/a.yaml', bytes: utf8('# c\nid: twin\nname: A\n') },
        { file: 'accounts/b.yaml', bytes: utf8('id: twin\nname: B\n') },
        { file: 'accounts/c.yaml', bytes: utf8('id: other\nname: C\n') },
      ],
      DEFAULT_CONFIG,
      { asOf: '2026-11-23' },
    ).findings;
    const findings = all.filter((f) => f.rule === 'duplicate-id');
    expect(findings.map((f) => [f.rule, f.file, f.line, f.column])).toEqual([
      ['duplicate-id', 'accounts/a.yaml', 2, 5],
      ['duplicate-id', 'accounts/b.yaml', 1, 5],
    ]);
    expect(findings[0]!.message).toContain('accounts/b.yaml');
  });

  it('applies severity overrides from config, and off drops the rule', () => {
    const sources = [{ file: 'accounts/a.yaml', bytes: utf8('id: a\nname: A\nowne: x\n') }];
    const unknownKeys = (config: typeof DEFAULT_CONFIG) => checkPlans(sources, config, { asOf: '2026-11-23' }).findings.filter((f) => f.rule === 'unknown-key');
    const warn = unknownKeys(DEFAULT_CONFIG);
    expect(warn).toMatchObject([{ rule: 'unknown-key', severity: 'warn', line: 3, column: 1 }]);
    const asError = unknownKeys({ ...DEFAULT_CONFIG, rules: { 'unknown-key': 'error' } });
    expect(asError[0]?.severity).toBe('error');
    expect(unknownKeys({ ...DEFAULT_CONFIG, rules: { 'unknown-key': 'off' } })).toEqual([]);
  });
});

describe('config', () => {
  it('the built-in defaults (plain data, loaded without the schema) are what the schema makes of version: 1', () => {
    expect(DEFAULT_CONFIG).toEqual(configSchema.parse({ version: 1 }));
    expect(DEFAULT_CONFIG).toEqual(configSchema.parse({}));
  });


  it('fills every default from version: 1 alone', () => {
    const r = parseConfig(utf8('version: 1\n'));
    expect(r.ok && r.config).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG.criteria.map((c) => c.id)).toEqual(['revenue', 'cumulativeVolume', 'influence', 'techProspects']);
    expect(DEFAULT_CONFIG.policies.concentration.maxTop1Share).toBe(0.3);
    expect(DEFAULT_CONFIG.plans).toBe('accounts/*.yaml');
  });

  it('locates type errors, unknown keys and cross-field problems', () => {
    const r = parseConfig(
      utf8(
        [
          'version: 1',
          'missing: sometimes',
          'polices: {}',
          'criteria:',
          '  - { id: a, weight: 1, input: revenue.latests, scale: { type: log, min: 0, max: 10 } }',
          'tiers:',
          '  - { id: top, min: 50 }',
          '  - { id: low, min: 60 }',
          'rules: { no-coch: off }',
          '',
        ].join('\n'),
      ),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = r.problems.map((p) => p.line);
    expect(lines).toContain(2);
    expect(r.problems.find((p) => p.line === 3)?.message).toMatch(/did you mean "policies"/);
    expect(r.problems.find((p) => p.line === 9)?.message).toBeDefined();
  });

  it('checks scales, inputs and tier order once the shape is right', () => {
    const r = parseConfig(
      utf8(
        [
          'version: 1',
          'criteria:',
          '  - { id: a, weight: 1, input: revenue.latests, scale: { type: log, min: 0, max: 10 } }',
          'tiers:',
          '  - { id: top, min: 50 }',
          '  - { id: low, min: 60 }',
          '',
        ].join('\n'),
      ),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.line, p.column])).toEqual([
      [3, 32],
      [3, 56],
      [6, 21],
    ]);
    expect(r.problems[0]!.message).toMatch(/unknown input "revenue.latests"/);
    expect(r.problems[1]!.message).toMatch(/0 < min < max/);
    expect(r.problems[2]!.message).toMatch(/ordered highest first/);
  });
});
