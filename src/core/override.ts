// Tier overrides (issue 20): a plan's `override: { tier, reason, by, until? }` is the tier people
// decided. While it is in force, that tier (the *managed* tier) decides every policy rule; the
// score, rank, computed tier and the portfolio figures stay what the model says.
//
// In force through its `until` day inclusive: on the as-of date D, an override with until U is in
// force when D <= U, expired when D > U (U + 1 is the first day it is expired). Without `until` it
// is in force until removed. An expired override decides nothing: the managed tier is the
// computed tier again (and `override-expired` says so).
import type { TierOverride } from './scoring.js';

/** What the outputs show of an override (JSON `override`). */
export interface OverrideView {
  tier: string;
  reason: string;
  by: string;
  until: string | null;
  expired: boolean;
}

/** Whether an override is past its `until` day on `asOf` (ISO dates compare as text). */
export function overrideExpired(override: TierOverride, asOf: string): boolean {
  return override.until !== undefined && asOf > override.until;
}

/** The override that decides the account's tier on `asOf`, if any. */
export function overrideInForce(account: { override?: TierOverride | undefined }, asOf: string): TierOverride | undefined {
  const o = account.override;
  return o !== undefined && !overrideExpired(o, asOf) ? o : undefined;
}

/** The managed tier: the override's while it is in force, else the computed tier. */
export function managedTier(account: { tier: string | null; override?: TierOverride | undefined }, asOf: string): string | null {
  return overrideInForce(account, asOf)?.tier ?? account.tier;
}

/** The override as the outputs show it, or null without one. */
export function overrideView(account: { override?: TierOverride | undefined }, asOf: string): OverrideView | null {
  const o = account.override;
  if (o === undefined) return null;
  return { tier: o.tier, reason: o.reason, by: o.by, until: o.until ?? null, expired: overrideExpired(o, asOf) };
}
