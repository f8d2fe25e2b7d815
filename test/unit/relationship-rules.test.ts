// The relationship rules of issue 20: key-person-risk, single-point-of-contact, stale-contact,
// relationship-only, no-executive-sponsor; and the reportsTo check. Each rule trips, and just does
// not at its boundary; numbers worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import { checkPlans } from '../../src/core/check.js';
import { parseConfig } from '../../src/core/config-file.js';
import { DEFAULT_CONFIG, DEFAULT_POLICIES, type KamConfig } from '../../src/core/config.js';

// One criterion on metrics.level (0..100): level 80 → strategic.
const BASE: KamConfig = {
  ...DEFAULT_CONFIG,
  criteria: [{ id: 'level', weight: 1, input: 'metrics.level', scale: { type: 'linear', min: 0, max: 100 } }],
  // Only the rules of this file: every other policy off.
  policies: {
    ...DEFAULT_POLICIES,
    requiredSections: {}, reviewEveryDays: {}, minContacts: {}, coachRequired: [], engagements: {}, teamFte: {}, competitorStronghold: [],
    concentration: { maxTop1Share: 1 },
  },
};
const AS_OF = '2026-11-23';

function configWith(policies: Partial<KamConfig['policies']>): KamConfig {
  return { ...BASE, policies: { ...BASE.policies, ...policies } };
}

function plan(...lines: string[]): string {
  return ['id: acme', 'name: ACME', ...lines].join('\n') + '\n';
}

function findings(text: string, config: KamConfig, asOf = AS_OF) {
  const { findings: all } = checkPlans([{ file: 'accounts/acme.yaml', bytes: new TextEncoder().encode(text) }], config, { asOf });
  return all.map((f) => ({ rule: f.rule, line: f.line, message: f.message }));
}

const metrics = 'metrics: { level: 80 }';

describe('key-person-risk (policies.maxOwnerShare)', () => {
  const config = configWith({ maxOwnerShare: { strategic: 0.5 } });
  it('trips when one owner owns more than the share: 3 of 5 = 60% > 50%', () => {
    const text = plan(metrics, 'relationships:',
      '  - { name: A, owner: Jane }', '  - { name: B, owner: Jane }', '  - { name: C, owner: Jane }',
      '  - { name: D, owner: Wang }', '  - { name: E }');
    expect(findings(text, config)).toEqual([{ rule: 'key-person-risk', line: 4, message: 'Jane owns 3 of the 5 relationships at ACME (60.0%; policy: at most 50.0%): the account leaves with them; give relationships to other people of the team (relationships[].owner)' }]);
  });
  it('does not at exactly the share: 2 of 4 = 50%, and the strong ones have two owners', () => {
    const text = plan(metrics, 'relationships:',
      '  - { name: A, owner: Jane, strength: 4 }', '  - { name: B, owner: Jane }', '  - { name: C, owner: Wang, strength: 5 }', '  - { name: D, owner: Wang }');
    expect(findings(text, config)).toEqual([]);
  });
  it('trips when one owner owns every strong relationship (strength ≥ 4), though only 2 of 4 = 50%', () => {
    const text = plan(metrics, 'relationships:',
      '  - { name: A, owner: Jane, strength: 4 }', '  - { name: B, owner: Jane, strength: 5 }', '  - { name: C, owner: Wang, strength: 3 }', '  - { name: D, owner: Wang }');
    expect(findings(text, config).map((f) => f.message)).toEqual(['Jane owns all 2 strong relationship(s) at ACME (strength 4 or more): the account leaves with them; build strong ties owned by others of the team']);
  });
  it('is off for a tier the policy does not name (level 60 → key)', () => {
    const text = plan('metrics: { level: 60 }', 'relationships:', '  - { name: A, owner: Jane, strength: 5 }');
    expect(findings(text, config)).toEqual([]);
  });
});

describe('single-point-of-contact (policies.singlePointOfContact)', () => {
  const config = configWith({ singlePointOfContact: ['strategic'] });
  it('trips when every strong relationship is with one person', () => {
    const text = plan(metrics, 'relationships:', '  - { name: A, strength: 3 }', '  - { name: B, strength: 4 }', '  - { name: C, strength: 2 }');
    expect(findings(text, config)).toEqual([{ rule: 'single-point-of-contact', line: 6, message: 'every strong relationship at ACME is with B: when they move, the account goes cold; build strong ties with other people at the customer' }]);
  });
  it('does not with two strong people, nor with none (strength 3.9 is not strong)', () => {
    expect(findings(plan(metrics, 'relationships:', '  - { name: A, strength: 4 }', '  - { name: B, strength: 4 }'), config)).toEqual([]);
    expect(findings(plan(metrics, 'relationships:', '  - { name: A, strength: 3.9 }'), config)).toEqual([]);
  });
});

describe('stale-contact (policies.contactEveryDays)', () => {
  const config = configWith({ contactEveryDays: { strategic: 90 } });
  it('trips on a decision-maker last met 91 days before the as-of date, and on a coach never met', () => {
    // 2026-08-24 → 2026-11-23: 7 (rest of August) + 30 + 31 + 23 = 91 days.
    const text = plan(metrics, 'relationships:',
      '  - { name: Li, role: decision-maker, lastContact: 2026-08-24 }', '  - { name: Zhang, role: coach }', '  - { name: Wu, role: user }');
    expect(findings(text, config)).toEqual([
      { rule: 'stale-contact', line: 5, message: 'last contact with Li (decision-maker) 91 days ago (2026-08-24); strategic accounts meet them every 90 days: meet them and update lastContact' },
      { rule: 'stale-contact', line: 6, message: 'no contact with Zhang (coach) recorded; strategic accounts meet them every 90 days: meet them and set lastContact' },
    ]);
  });
  it('does not at exactly 90 days, nor for roles it does not watch', () => {
    const text = plan(metrics, 'relationships:', '  - { name: Li, role: economic-buyer, lastContact: 2026-08-25 }', '  - { name: Wu, role: user }');
    expect(findings(text, config)).toEqual([]);
  });
});

describe('relationship-only (policies.relationshipOnly)', () => {
  const config = configWith({ relationshipOnly: { strategic: { minAverageStrength: 4, minShareOfWallet: 0.2 } } });
  const rel = ['relationships:', '  - { name: A, strength: 5 }', '  - { name: B, strength: 3 }', '  - { name: C }'];
  it('trips: average strength (5 + 3) / 2 = 4.0, share 100000 / 1000000 = 10% < 20%', () => {
    const text = plan('metrics: { level: 80, revenue: { 2025: 100000 }, wallet: 1000000 }', ...rel);
    expect(findings(text, config).map((f) => f.message)).toEqual(['strong relationships at ACME (average strength 4.0) but a share of wallet of 10.0% (policy: at least 20.0%): the account is held by people, not by value; turn the ties into business']);
  });
  it('does not at a share of exactly 20%, nor with an average of 3.5', () => {
    expect(findings(plan('metrics: { level: 80, revenue: { 2025: 200000 }, wallet: 1000000 }', ...rel), config)).toEqual([]);
    const weaker = ['relationships:', '  - { name: A, strength: 4 }', '  - { name: B, strength: 3 }'];
    expect(findings(plan('metrics: { level: 80, revenue: { 2025: 100000 }, wallet: 1000000 }', ...weaker), config)).toEqual([]);
  });
  it('minAverageStrength defaults to 4 in kam.yaml', () => {
    const r = parseConfig(new TextEncoder().encode('version: 1\npolicies:\n  relationshipOnly: { strategic: { minShareOfWallet: 0.2 } }\n'));
    expect(r.ok && r.config.policies.relationshipOnly).toEqual({ strategic: { minAverageStrength: 4, minShareOfWallet: 0.2 } });
  });
});

describe('no-executive-sponsor (policies.executiveSponsor)', () => {
  const config = configWith({ executiveSponsor: ['strategic'] });
  it('trips without an executive sponsor on the team, and when the sponsor owns no relationship', () => {
    const none = plan(metrics, 'team: [ { name: Jane, role: account-manager } ]', 'relationships: [ { name: Li, owner: Jane } ]');
    expect(findings(none, config).map((f) => f.message)).toEqual(['no executive sponsor on the team of ACME; strategic accounts need one: add a team member with role: executive-sponsor who owns a relationship']);
    const unowned = plan(metrics, 'team: [ { name: Jane }, { name: Chen, role: executive-sponsor } ]', 'relationships: [ { name: Li, owner: Jane } ]');
    expect(findings(unowned, config).map((f) => f.message)).toEqual(['the executive sponsor (Chen) owns no relationship at ACME: make them the owner of a senior relationship (relationships[].owner)']);
  });
  it('does not when one relationship is owned by the sponsor', () => {
    const text = plan(metrics, 'team: [ { name: Jane }, { name: Chen, role: executive-sponsor } ]', 'relationships: [ { name: Li, owner: Jane }, { name: Wu, owner: Chen } ]');
    expect(findings(text, config)).toEqual([]);
  });
});

describe('relationships[].reportsTo and layer', () => {
  it('an unknown reportsTo is a schema error at the value, with the closest name', () => {
    const text = plan(metrics, 'relationships:', '  - { name: Li Wei, layer: key }', '  - { name: Zhang, layer: broad, reportsTo: Li Wie }');
    expect(findings(text, BASE)).toEqual([{ rule: 'schema', line: 6, message: '"relationships[1].reportsTo": "Li Wie" is not the name of a relationship of this plan; did you mean "Li Wei"?' }]);
  });
  it('a known name and every layer are fine; a wrong layer is a schema error', () => {
    expect(findings(plan(metrics, 'relationships:', '  - { name: Li, layer: organisational }', '  - { name: Wu, reportsTo: Li, layer: key }'), BASE)).toEqual([]);
    expect(findings(plan(metrics, 'relationships: [ { name: Li, layer: top } ]'), BASE).map((f) => f.rule)).toEqual(['schema']);
  });
});
