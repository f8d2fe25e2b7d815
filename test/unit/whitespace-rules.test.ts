// The whitespace rules (issue 19): each trips, and just does not at its boundary.
import { describe, expect, it } from 'vitest';
import { checkPlans } from '../../src/core/check.js';
import { DEFAULT_CONFIG, type KamConfig } from '../../src/core/config.js';

// Score = metrics.level: 80 strategic, 60 key.
const CONFIG: KamConfig = {
  ...DEFAULT_CONFIG,
  criteria: [{ id: 'level', weight: 1, input: 'metrics.level', scale: { type: 'linear', min: 0, max: 100 } }],
  policies: { ...DEFAULT_CONFIG.policies, minProducts: { strategic: 2 }, whitespaceByUnit: ['strategic'] },
};
const OURS = ['single-product', 'competitor-stronghold', 'whitespace-unmapped'];

function rules(level: number, whitespace: string, config: KamConfig = CONFIG): string[] {
  const text = `id: acme\nname: ACME\nmetrics: { level: ${level} }\n${whitespace}\n`;
  const { findings } = checkPlans([{ file: 'accounts/acme.yaml', bytes: new TextEncoder().encode(text) }], config, { asOf: '2026-11-23' });
  return findings.map((f) => f.rule).filter((r) => OURS.includes(r)).sort();
}

const ws = (...entries: string[]) => `whitespace:\n${entries.map((e) => `  - { ${e} }`).join('\n')}`;

describe('single-product', () => {
  it('fewer distinct installed products than minProducts for the tier', () => {
    expect(rules(80, ws('product: a, unit: U1, status: installed', 'product: a, unit: U2, status: installed', 'product: b, unit: U1, status: opportunity'))).toEqual(['single-product']);
    expect(rules(80, ''))
      .toEqual(['single-product']); // no whitespace: 0 installed (whitespace-unmapped leaves it to required-section)
  });
  it('boundary: exactly the minimum, or a tier not named', () => {
    expect(rules(80, ws('product: a, unit: U1, status: installed', 'product: b, unit: U2, status: installed'))).toEqual([]);
    expect(rules(60, ws('product: a, unit: U1, status: opportunity'))).toEqual([]);
    expect(rules(80, ws('product: a, unit: U1, status: opportunity'), { ...CONFIG, policies: { ...CONFIG.policies, minProducts: {} } })).toEqual([]);
  });
});

describe('competitor-stronghold', () => {
  const two = ['product: a, unit: U1, status: installed', 'product: b, unit: U1, status: installed'];
  it('more distinct units with a competitor entry than with an installed one', () => {
    expect(rules(80, ws(...two, 'product: c, unit: U2, status: competitor', 'product: c, unit: U3, status: competitor'))).toEqual(['competitor-stronghold']);
    // An entry without unit is the account as a whole: one unit.
    expect(rules(80, ws(...two, 'product: c, status: competitor', 'product: d, unit: U2, status: competitor'))).toEqual(['competitor-stronghold']);
  });
  it('boundary: as many units as ours; units counted once; tiers not listed', () => {
    expect(rules(80, ws(...two, 'product: c, unit: U2, status: competitor'))).toEqual([]);
    expect(rules(80, ws(...two, 'product: c, unit: U2, status: competitor', 'product: d, unit: U2, status: competitor'))).toEqual([]);
    expect(rules(60, ws('product: c, unit: U2, status: competitor', 'product: c, unit: U3, status: competitor'))).toEqual([]);
    expect(rules(80, ws(...two, 'product: c, unit: U2, status: competitor', 'product: c, unit: U3, status: competitor'), { ...CONFIG, policies: { ...CONFIG.policies, competitorStronghold: [] } })).toEqual([]);
  });
});

describe('whitespace-unmapped', () => {
  const two = ['product: a, status: installed', 'product: b, status: installed'];
  it('no entry names a unit, at a tier of whitespaceByUnit', () => {
    expect(rules(80, ws(...two))).toEqual(['whitespace-unmapped']);
    expect(rules(80, ws(...two, 'product: c, unit: "  ", status: none'))).toEqual(['whitespace-unmapped']);
  });
  it('boundary: one entry with a unit; another tier; an absent section that required-section reports', () => {
    expect(rules(80, ws(...two, 'product: c, unit: Ops, status: none'))).toEqual([]);
    expect(rules(60, ws(...two))).toEqual([]);
    const noMin = { ...CONFIG, policies: { ...CONFIG.policies, minProducts: {} } };
    expect(rules(80, '', noMin)).toEqual([]);
    // Whitespace not required for the tier: the absent section is this rule's finding.
    expect(rules(80, '', { ...noMin, policies: { ...noMin.policies, requiredSections: {} } })).toEqual(['whitespace-unmapped']);
  });
});

describe('defaults', () => {
  it('minProducts and whitespaceByUnit are empty, competitorStronghold is [strategic]', () => {
    expect(DEFAULT_CONFIG.policies.minProducts).toEqual({});
    expect(DEFAULT_CONFIG.policies.whitespaceByUnit).toEqual([]);
    expect(DEFAULT_CONFIG.policies.competitorStronghold).toEqual(['strategic']);
    expect(rules(80, ws('product: a, status: opportunity'), { ...CONFIG, policies: DEFAULT_CONFIG.policies })).toEqual([]);
  });
});
