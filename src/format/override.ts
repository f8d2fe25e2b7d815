// How the human outputs show a tier override (issue 20) beside the tier: the managed tier first,
// then the computed one. Nothing at all for an account without an override, so that those
// outputs stay as they were.
import { overrideView, type OverrideView } from '../core/override.js';
import type { TierOverride } from '../core/scoring.js';
import { i18n } from '../i18n/index.js';

interface Overridable {
  tier: string | null;
  override?: TierOverride | undefined;
}

/** The note after the managed tier: the computed tier, or that the override expired. */
export function overrideNote(computed: string | null, view: OverrideView): string {
  const tr = i18n();
  if (view.expired) return tr.t('override.note.expired', { tier: view.tier, until: view.until! });
  return computed === null ? tr.t('override.note.no-tier', {}) : tr.t('override.note', { computed });
}

/** The tier to show first (the managed tier) and the note to put after it ('' without an override). */
export function tierWithOverride(account: Overridable, asOf: string): { tier: string | null; note: string } {
  const view = overrideView(account, asOf);
  if (view === null) return { tier: account.tier, note: '' };
  return { tier: view.expired ? account.tier : view.tier, note: overrideNote(account.tier, view) };
}

/** The override in one sentence: who, why, until when, and the computed tier (explain, report card). */
export function overrideLine(computed: string | null, view: OverrideView): string {
  const tr = i18n();
  const tier = computed === null ? '–' : tr.tier(computed);
  if (view.expired) return tr.t('override.explain.expired', { tier: view.tier, by: view.by, until: view.until!, computed: tier });
  const until = view.until !== null ? tr.t('override.explain.until', { until: view.until }) : '';
  return tr.t('override.explain', { tier: view.tier, by: view.by, until, reason: view.reason, computed: tier });
}

/** The line `kam score --explain` adds under its title, or undefined without an override. */
export function overrideExplainLine(account: Overridable, asOf: string): string | undefined {
  const view = overrideView(account, asOf);
  return view === null ? undefined : overrideLine(account.tier, view);
}
