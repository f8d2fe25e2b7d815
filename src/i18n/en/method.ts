// English wording of issue 19's method outputs in `kam score`: archetypes, pre-key accounts
// (--emerging) and resources (--resources). The source catalog; see src/i18n/template.ts.
export const method = {
  'method.help.emerging': 'only the pre-key accounts: below the key tiers, at or above emerging.threshold on one of emerging.criteria (kam.yaml)',
  'method.help.resources': 'add team FTE and revenue per FTE per account, and the resources of each tier',
  'method.head.archetype': 'Archetype',
  'method.head.fte': 'FTE',
  'method.head.revenue-per-fte': 'Revenue/FTE',
  // The built-in archetype names (kam.yaml `archetypes`); a name of your own is shown as written.
  'method.archetype.revenue': 'revenue',
  'method.archetype.reference': 'reference',
  'method.archetype.volume': 'volume',
  'method.archetype.pioneer': 'pioneer',
  'method.emerging.note': 'Pre-key accounts: below {below:tier}, at or above {threshold} on one of {criteria}: {n} of {total}.',
  'method.emerging.criteria-separator': ', ',
  'method.emerging.unknown-tier': 'kam.yaml emerging.below: "{tier}" is not a tier (tiers: {tiers})',
  'method.emerging.unknown-criterion': 'kam.yaml emerging.criteria: "{criterion}" is not a criterion (criteria: {criteria})',
  'method.emerging.with-data': '--emerging and --resources read the plans (archetypes against the whole portfolio, team FTE); they do not work with --data',
  'method.emerging.with-explain': '--emerging and --resources select or add rows of the score table; they do not work with --explain',
  'method.resources.title': 'Resources',
  'method.resources.line': '{accounts} {accounts|account|accounts} · {fte} FTE ({fteShare} of FTE) · revenue {revenue} ({revenueShare} of revenue) · {perFte} per FTE',
  'method.resources.no-tier': 'no tier',
  'method.resources.total': 'total',
} as const;
