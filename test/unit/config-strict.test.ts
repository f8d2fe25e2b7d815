// kam.yaml strict where it matters: tier ids named in policies, rule ids, criterion ids and enum
// values are checked, with "did you mean", at the line and column of the offending key or value;
// every problem of a file comes out in one run, in the order of the file. A plan's declared tier
// must be a tier of kam.yaml (a schema error, located at the value, and the plan is not scored).
import { describe, expect, it } from 'vitest';
import { checkPlans } from '../../src/core/check.js';
import { parseConfig } from '../../src/core/config-file.js';
import { configSchema, DEFAULT_CONFIG, TIER_POLICIES, type KamConfig } from '../../src/core/config.js';
import { closest } from '../../src/core/suggest.js';
import { checkPlansOnThreads, loadPlanSubjects } from '../../src/io/plan-threads.js';
/** The objects without their message as data (`text`, added in issue 18: the English `message` is what is compared). */
const withoutText = <T extends { text?: unknown }>(items: readonly T[]) => items.map(({ text: _text, ...rest }) => rest);

const utf8 = (s: string) => new TextEncoder().encode(s);
const AS_OF = '2026-11-23';

/** The problems of a kam.yaml as `line:col message`, in the order reported. */
function problems(...lines: string[]): string[] {
  const r = parseConfig(utf8(`${lines.join('\n')}\n`));
  return r.ok ? [] : r.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
}

function configOf(...lines: string[]): KamConfig {
  const r = parseConfig(utf8(`${lines.join('\n')}\n`));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n'));
  return r.config;
}

const DEFAULT_TIER_LIST = '(strategic, key, growth, maintain)';

/** `line:column` of the first occurrence of `needle` in the lines (from line `after` + 1 on), counting from 1. */
function at(lines: readonly string[], needle: string, after = 0): string {
  for (let i = after; i < lines.length; i++) {
    const column = lines[i]!.indexOf(needle);
    if (column >= 0) return `${i + 1}:${column + 1}`;
  }
  throw new Error(`${needle} not found`);
}

describe('tier ids named in policies must be tiers of kam.yaml', () => {
  it('requiredSections: { strategc: … } is an error at the key, with the closest tier', () => {
    const lines = ['version: 1', 'policies:', '  requiredSections: { strategc: [relationships] }'];
    expect(problems(...lines)).toEqual([
      `${at(lines, 'strategc')} "policies.requiredSections": tier "strategc" is not in tiers ${DEFAULT_TIER_LIST}; did you mean "strategic"?`,
    ]);
  });

  it('coachRequired: [platinum] is an error at the value; without a close tier it says what to do', () => {
    const lines = ['version: 1', 'policies:', '  coachRequired: [strategic, platinum]'];
    expect(problems(...lines)).toEqual([
      `${at(lines, 'platinum')} "policies.coachRequired": tier "platinum" is not in tiers ${DEFAULT_TIER_LIST}; use one of them, or add it to tiers`,
    ]);
  });

  it.each([
    ['reviewEveryDays', '{ strategic: 90, kye: 120 }', 'kye', 'key'],
    ['minContacts', '{ groth: 2 }', 'groth', 'growth'],
    ['engagements', '{ maintian: { within: 365, types: [pilot] } }', 'maintian', 'maintain'],
    ['teamFte', '{ Strategic: { min: 1 } }', 'Strategic', 'strategic'],
    ['requiredSections', '{ key: [actions], strat: [actions] }', 'strat', 'strategic'],
  ])('%s names a tier that is not in tiers', (policy, value, wrong, guess) => {
    const text = `policies:\n  ${policy}: ${value}`;
    const column = text.split('\n')[1]!.indexOf(wrong) + 1;
    expect(problems('version: 1', text)).toEqual([
      `3:${column} "policies.${policy}": tier "${wrong}" is not in tiers ${DEFAULT_TIER_LIST}; did you mean "${guess}"?`,
    ]);
  });

  it('every per-tier policy of the schema is checked (a new one too)', () => {
    expect([...TIER_POLICIES].sort()).toEqual(
      [['coachRequired', 'list'], ['engagements', 'map'], ['minContacts', 'map'], ['requiredSections', 'map'], ['reviewEveryDays', 'map'], ['teamFte', 'map'], ['minProducts', 'map'], ['competitorStronghold', 'list'], ['whitespaceByUnit', 'list'], ['revenuePerFte', 'map'], ['maxOwnerShare', 'map'], ['singlePointOfContact', 'list'], ['contactEveryDays', 'map'], ['relationshipOnly', 'map'], ['executiveSponsor', 'list'], ['assessmentValidDays', 'map']].sort(),
    );
    expect(Object.keys(DEFAULT_CONFIG.policies).filter((k) => !TIER_POLICIES.some(([p]) => p === k))).toEqual(['concentration']);
  });

  it('checks against the tiers of the file, not the defaults', () => {
    const tiers = ['tiers:', '  - { id: platinum, min: 60 }', '  - { id: silver, min: 0 }'];
    expect(problems('version: 1', ...tiers, 'policies:', '  coachRequired: [platinum]', '  minContacts: { silver: 2 }')).toEqual([]);
    const lines = ['version: 1', ...tiers, 'policies:', '  coachRequired: [platnum, strategic]'];
    expect(problems(...lines)).toEqual([
      `${at(lines, 'platnum')} "policies.coachRequired": tier "platnum" is not in tiers (platinum, silver); did you mean "platinum"?`,
      `${at(lines, 'strategic')} "policies.coachRequired": tier "strategic" is not in tiers (platinum, silver); use one of them, or add it to tiers`,
    ]);
  });

  it('the default policies are never reported, whatever the tiers (a policy not written names no tier)', () => {
    const config = configOf('version: 1', 'tiers:', '  - { id: gold, min: 50 }', '  - { id: lead, min: 0 }');
    expect(config.policies.requiredSections).toEqual(DEFAULT_CONFIG.policies.requiredSections);
  });

  it('says nothing of tier names when a tier has no readable id (that tier is the problem)', () => {
    const found = problems('version: 1', 'tiers:', '  - { name: gold, min: 50 }', 'policies:', '  coachRequired: [gold]');
    expect(found).toEqual([expect.stringMatching(/^3:5 "tiers\[0\]\.id" is required/), expect.stringMatching(/^3:7 unknown key "name" in tiers\[0\]/)]);
  });

  it('tier ids that every object inherits are tiers like any other', () => {
    expect(problems('version: 1', 'tiers:', '  - { id: toString, min: 50 }', '  - { id: constructor, min: 0 }', 'policies:', '  coachRequired: [constructor]', '  minContacts: { toString: 2 }')).toEqual([]);
    expect(problems('version: 1', 'policies:', '  minContacts: { toString: 2 }')).toEqual([
      `3:18 "policies.minContacts": tier "toString" is not in tiers ${DEFAULT_TIER_LIST}; use one of them, or add it to tiers`,
    ]);
  });
});

describe('rule ids and severities', () => {
  it('a misspelt rule id: did you mean, at the key', () => {
    expect(problems('version: 1', 'rules:', '  no-coch: off')).toEqual(['3:3 unknown rule id "no-coch" in rules; did you mean "no-coach"?']);
  });

  it('a rule id with nothing close lists the rule ids', () => {
    const [problem] = problems('version: 1', 'rules:', '  everything: off');
    expect(problem).toMatch(/^3:3 unknown rule id "everything" in rules; known rule ids: yaml-syntax, schema, unknown-key, .*, concentration-risk(?:, [a-z-]+)*$/);
  });

  it('a severity lists the allowed values, with the closest (warning → warn)', () => {
    expect(problems('version: 1', 'rules: { stale-review: warning, no-coach: of }')).toEqual([
      '2:24 "rules.stale-review" must be one of error, warn, off; got the text "warning"; did you mean "warn"?',
      '2:43 "rules.no-coach" must be one of error, warn, off; got the text "of"; did you mean "off"?',
    ]);
  });
});

describe('criteria', () => {
  const criterion = (id: string, scale = '{ type: linear, min: 0, max: 5 }', input = 'assessment.influence') => `  - { id: ${id}, weight: 1, input: ${input}, scale: ${scale} }`;

  it('type: linar lists the scale types, with the closest', () => {
    const lines = ['version: 1', 'criteria:', criterion('a', '{ type: linar, min: 0, max: 5 }')];
    expect(problems(...lines)).toEqual([
      `${at(lines, 'linar')} "criteria[0].scale.type" must be one of linear, log, steps, percentile; got the text "linar"; did you mean "linear"?`,
    ]);
  });

  it('a scale without a type says which types there are', () => {
    const lines = ['version: 1', 'criteria:', criterion('a', '{ min: 0, max: 5 }')];
    expect(problems(...lines)).toEqual([
      `${at(lines, '{ min: 0')} "criteria[0].scale.type" is required; add it (one of linear, log, steps, percentile)`,
    ]);
  });

  it('criterion ids are unique', () => {
    const lines = ['version: 1', 'criteria:', criterion('influence'), criterion('influence')];
    expect(problems(...lines)).toEqual([
      `${at(lines, 'influence', 3)} "criteria[1].id": criterion id "influence" is used twice; ids must be unique`,
    ]);
  });

  it('an unknown input suggests the closest known one', () => {
    const [one] = problems('version: 1', 'criteria:', criterion('a', undefined, 'revenue.latests'));
    expect(one).toMatch(/^3:32 "criteria\[0\]\.input": unknown input "revenue\.latests"; use one of revenue\.latest, .*; did you mean "revenue\.latest"\?$/);
    const [two] = problems('version: 1', 'criteria:', criterion('a', undefined, 'asessment.influence'));
    expect(two).toMatch(/did you mean "assessment\.influence"\?$/);
  });
});

describe('every problem of the file in one run, in the order of the file', () => {
  it('schema errors, unknown keys, scales, tier names and rule ids together', () => {
    const lines = [
      'version: 1',
      'missing: sometimes',
      'criteria:',
      '  - { id: a, weight: 1, input: revenue.latest, scale: { type: linar, min: 0, max: 1 } }',
      '  - { id: a, weight: 1, input: revenue.latests, scale: { type: log, min: 0, max: 10 } }',
      'tiers:',
      '  - { id: top, min: 50 }',
      '  - { id: low, min: 60 }',
      'policies:',
      '  requiredSections: { tpo: [relationships] }',
      '  coachRequired: [top, platinum]',
      '  reviewEvryDays: { top: 30 }',
      'rules:',
      '  no-coch: off',
      '  stale-review: warning',
    ];
    const found = problems(...lines);
    expect(found.map((p) => p.replace(/ .*/, ''))).toEqual([
      at(lines, 'sometimes'),
      at(lines, 'linar'),
      at(lines, 'a,', 4),
      at(lines, 'revenue.latests'),
      at(lines, '{ type: log'),
      at(lines, '60'),
      at(lines, 'tpo'),
      at(lines, 'platinum'),
      at(lines, 'reviewEvryDays'),
      at(lines, 'no-coch'),
      at(lines, 'warning'),
    ]);
    expect(found.join('\n')).toMatch(/"missing" must be one of zero, exclude; got the text "sometimes"/);
    expect(found[1]).toMatch(/did you mean "linear"/);
    expect(found[2]).toMatch(/criterion id "a" is used twice/);
    expect(found[3]).toMatch(/did you mean "revenue\.latest"/);
    expect(found[4]).toMatch(/0 < min < max/);
    expect(found[5]).toMatch(/ordered highest first/);
    expect(found[6]).toMatch(/tier "tpo" is not in tiers \(top, low\); did you mean "top"\?/);
    expect(found[7]).toMatch(/tier "platinum" is not in tiers \(top, low\)/);
    expect(found[8]).toMatch(/unknown key "reviewEvryDays" in policies; did you mean "reviewEveryDays"\?/);
    expect(found[9]).toMatch(/unknown rule id "no-coch" in rules; did you mean "no-coach"\?/);
    expect(found[10]).toMatch(/did you mean "warn"\?/);
  });

  it('a problem is reported once: a value of the wrong shape is not checked across keys as well', () => {
    expect(problems('version: 1', 'criteria:', '  - { id: a, weight: 1e400, input: revenue.latest, scale: { type: linear, min: 0, max: 1e400 } }')).toEqual([
      expect.stringMatching(/^3:22 "criteria\[0\]\.weight" must be a finite number/),
      expect.stringMatching(/^3:88 "criteria\[0\]\.scale\.max" must be a finite number/),
    ]);
    expect(problems('version: 1', 'tiers:', '  - { id: top, min: high }', '  - { id: low, min: 60 }')).toEqual([expect.stringMatching(/^3:21 "tiers\[0\]\.min" must be a number/)]);
  });

  it('the schema alone (configSchema) still refuses what holds for any config, and leaves tier names to parseConfig', () => {
    const bad = configSchema.safeParse({ criteria: [{ id: 'a', weight: 1, input: 'revenue.latests', scale: { type: 'linear', min: 0, max: 1 } }] });
    expect(bad.success).toBe(false);
    expect(configSchema.safeParse({ tiers: [{ id: 'gold', min: 0 }] }).success).toBe(true);
  });
});

describe('closest', () => {
  it('takes the one candidate a word starts with, or that starts with it', () => {
    expect(closest('warning', ['error', 'warn', 'off'])).toBe('warn');
    expect(closest('strat', ['strategic', 'key', 'growth', 'maintain'])).toBe('strategic');
    expect(closest('re', ['revenue', 'relationships'])).toBeUndefined();
    expect(closest('rev', ['revenue.latest', 'revenue.total'])).toBeUndefined();
    expect(closest('platinum', ['strategic', 'key', 'growth', 'maintain'])).toBeUndefined();
  });
});

// ---- a plan's declared tier ---------------------------------------------------------------

const PLATINUM = configOf('version: 1', 'tiers:', '  - { id: platinum, min: 50 }', '  - { id: silver, min: 0 }');
const GOOD = 'id: good\nname: Good\ntier: silver\n';
const TYPO = 'id: typo\nname: Typo\nindustry: Telecom\ntier: platnum\n';
const sources = [
  { file: 'accounts/good.yaml', bytes: utf8(GOOD) },
  { file: 'accounts/typo.yaml', bytes: utf8(TYPO) },
];

describe("a plan's tier: must be a tier of kam.yaml", () => {
  it('is a schema finding at the value, with the closest tier, and no tier-mismatch', () => {
    const result = checkPlans(sources, PLATINUM, { asOf: AS_OF });
    const typo = result.findings.filter((f) => f.file === 'accounts/typo.yaml');
    expect(withoutText(typo)).toEqual([
      {
        rule: 'schema',
        severity: 'error',
        account: 'typo',
        file: 'accounts/typo.yaml',
        line: 4,
        column: 7,
        message: 'tier "platnum" is not a tier of kam.yaml (platinum, silver); did you mean "platinum"?',
        path: 'tier',
      },
    ]);
  });

  it('such a plan is not scored, like any plan with a schema error', () => {
    const result = checkPlans(sources, PLATINUM, { asOf: AS_OF });
    expect(result.accounts.map((a) => a.id)).toEqual(['good']);
    expect([result.files, result.invalidFiles]).toEqual([2, 1]);
    expect(result.planFiles.find((pf) => pf.file === 'accounts/typo.yaml')?.plan).toBeUndefined();
  });

  it('without a close tier, it says what to do', () => {
    const result = checkPlans([{ file: 'accounts/x.yaml', bytes: utf8('id: x\nname: X\ntier: gold\n') }], DEFAULT_CONFIG, { asOf: AS_OF });
    expect(result.findings.find((f) => f.rule === 'schema')?.message).toBe(`tier "gold" is not a tier of kam.yaml ${DEFAULT_TIER_LIST}; use one of them, or add it to the tiers of kam.yaml`);
  });

  it('a tier of kam.yaml that differs from the computed one is still a tier-mismatch', () => {
    const result = checkPlans([{ file: 'accounts/x.yaml', bytes: utf8('id: x\nname: X\ntier: platinum\n') }], PLATINUM, { asOf: AS_OF });
    expect(result.findings.map((f) => f.rule)).toContain('tier-mismatch');
    expect(result.findings.map((f) => f.rule)).not.toContain('schema');
  });

  it('the threaded pipeline (check and score) finds the same', async () => {
    const one = checkPlans(sources, PLATINUM, { asOf: AS_OF });
    const sharded = await checkPlansOnThreads(sources, PLATINUM, { asOf: AS_OF });
    expect(sharded.findings).toEqual(one.findings);
    expect(sharded.accounts).toEqual(one.accounts);
    expect([sharded.files, sharded.invalidFiles]).toEqual([2, 1]);
    const scored = await loadPlanSubjects(sources, PLATINUM);
    expect(scored.subjects.map((s) => s.id)).toEqual(['good']);
    expect(scored.invalidFiles).toEqual(['accounts/typo.yaml']);
    expect(scored.invalidFindings).toEqual(one.findings.filter((f) => f.file === 'accounts/typo.yaml'));
  });
});
