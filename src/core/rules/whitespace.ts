// The whitespace rules (issue 19): a key account must carry several of our products
// (`single-product`), must not be held by a competitor in more business units than we hold
// (`competitor-stronghold`), and its whitespace must be mapped per business unit
// (`whitespace-unmapped`).
import { msg } from '../../i18n/index.js';
import type { Plan } from '../plan.js';
import { policyOf, sectionPath, type PlanRule } from './types.js';

/** The distinct products with at least one `installed` entry. */
export function installedProducts(plan: Plan): number {
  const products = new Set<string>();
  for (const w of plan.whitespace ?? []) if (w.status === 'installed') products.add(w.product);
  return products.size;
}

/** Fewer of our products installed than `policies.minProducts` asks for the tier. */
export const singleProduct: PlanRule = {
  id: 'single-product',
  check({ plan, tier, policies }) {
    if (tier === null) return [];
    const min = policyOf(policies.minProducts, tier);
    if (min === undefined) return [];
    const count = installedProducts(plan);
    if (count >= min) return [];
    return [{ message: msg('rule.single-product', { account: plan.name, count, min, tier }), path: sectionPath(plan, 'whitespace'), on: 'key' }];
  },
};

/**
 * The business units held by a status: the distinct `unit`s with at least one entry of it; an
 * entry without `unit` stands for the account as a whole, one unit of its own.
 */
function unitsWith(plan: Plan, status: 'installed' | 'competitor'): number {
  const units = new Set<string | null>();
  for (const w of plan.whitespace ?? []) if (w.status === status) units.add(w.unit ?? null);
  return units.size;
}

/** A competitor holds more business units than we do, at an account of a tier in `policies.competitorStronghold`. */
export const competitorStronghold: PlanRule = {
  id: 'competitor-stronghold',
  check({ plan, tier, policies }) {
    if (tier === null || !policies.competitorStronghold.includes(tier)) return [];
    const theirs = unitsWith(plan, 'competitor');
    const ours = unitsWith(plan, 'installed');
    if (theirs <= ours) return [];
    return [{ message: msg('rule.competitor-stronghold', { account: plan.name, theirs, ours }), path: sectionPath(plan, 'whitespace'), on: 'key' }];
  },
};

/**
 * An account of a tier in `policies.whitespaceByUnit` whose whitespace names no business unit.
 * An absent or empty section is `required-section`'s finding when the tier requires it; otherwise this one's.
 */
export const whitespaceUnmapped: PlanRule = {
  id: 'whitespace-unmapped',
  check({ plan, tier, policies }) {
    if (tier === null || !policies.whitespaceByUnit.includes(tier)) return [];
    const entries = plan.whitespace ?? [];
    if (entries.some((w) => w.unit !== undefined && w.unit.trim() !== '')) return [];
    if (entries.length === 0 && (policyOf(policies.requiredSections, tier) ?? []).includes('whitespace')) return [];
    return [{ message: msg('rule.whitespace-unmapped', { account: plan.name, tier }), path: sectionPath(plan, 'whitespace'), on: 'key' }];
  },
};
