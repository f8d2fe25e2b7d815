// English wording of issue 20's tier overrides in the outputs (score, explain, gaps, report,
// diff, history). The source catalog; see src/i18n/template.ts for the placeholders.
export const override = {
  // Beside the managed tier in tables (score table and markdown, gaps, report card).
  'override.note': ' (override; computed {computed:tier})',
  'override.note.no-tier': ' (override; computed –)',
  'override.note.expired': ' (override to {tier:tier} expired {until})',
  // kam score --explain, under the title.
  'override.explain': 'managed as {tier:tier}: override by {by}{until}: {reason}; computed tier {computed}',
  'override.explain.until': ' until {until}',
  'override.explain.expired': 'override to {tier:tier} by {by} expired on {until}: the computed tier {computed} decides the policies again',
  // kam diff: an account whose override changed.
  'override.diff.reason': 'override {before} → {after}',
  'override.diff.none': 'none',
  'override.diff.value': '{tier:tier} (by {by}{until})',
  'override.diff.value.expired': '{tier:tier} (by {by}, expired {until})',
  'override.diff.headline': '{n} {n|override changes|overrides change}',
  // kam history: the legend of the `*` mark.
  'override.history.legend': '* managed tier (a tier override in force at the commit date); the computed tier is in brackets',
} as const;
