// Relationship rules (issue 20): an account held by people rather than by value, and by too few of
// them. Each rule is on for the tiers its policy names, off elsewhere (and off by default).
import type { Plan } from '../plan.js';

/** A relationship is strong from this strength on (0..5). */
export const STRONG = 4;

export type Relationship = NonNullable<Plan['relationships']>[number];

/** The strong relationships (strength ≥ 4) with their index in the plan. */
export function strongOnes(plan: Plan): { r: Relationship; i: number }[] {
  const out: { r: Relationship; i: number }[] = [];
  (plan.relationships ?? []).forEach((r, i) => {
    if (r.strength !== undefined && r.strength >= STRONG) out.push({ r, i });
  });
  return out;
}

export const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
