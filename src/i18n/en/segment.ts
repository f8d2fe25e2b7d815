// English wording of issue 22's segments: kam.yaml problems and warnings, and the score outputs
// (the Segment column, --explain, --segment, --by segment). The source catalog; see src/i18n/template.ts.
export const segment = {
  // kam.yaml: errors
  'segment.config.default-id': '"{name}": segment id "{id}" is the segment of the accounts no segment matches; give this segment another id',
  'segment.config.id-twice': '"{name}": segment id "{id}" is used twice; ids must be unique',
  'segment.config.when-key': '"{name}": "{key}" is not a field a segment can match; use one of {fields}, or a number input (metrics.<name>, revenue.latest, …) with a range (min, max)',
  'segment.config.when-key.guess': '"{name}": "{key}" is not a field a segment can match; did you mean "{guess}"? (fields: {fields}, or a number input with a range (min, max))',
  'segment.config.when-text': '"{name}": "{key}" is a text field: give a text or a list of texts (any of them), not a range',
  'segment.config.when-range': '"{name}": "{key}" is a number: give a range (min, max) (both optional, both included)',
  'segment.config.when-empty-range': '"{name}": min {min} is above max {max}: no account can match',
  'segment.config.weight-criterion': '"{name}": criterion "{criterion}" is not a criterion of the model (criteria: {ids})',
  'segment.config.weight-criterion.guess': '"{name}": criterion "{criterion}" is not a criterion of the model; did you mean "{guess}"? (criteria: {ids})',
  'segment.config.weights': '"{name}": with this segment\'s weights, {problem}',
  // kam.yaml: warnings (the file stays valid)
  'segment.config.shadowed': '"{name}": segment "{id}" can never match: segment "{earlier}" comes first and its `when` holds for every account this one\'s does (first match wins); put the narrower segment first',
  'segment.warning': 'kam: warning: {text}',
  // kam score
  'segment.help.segment': 'show only the accounts of these segments (comma-separated; kam.yaml segments)',
  'segment.help.by': 'portfolio figures per group: segment (tier counts, Pareto, concentration per segment)',
  'segment.head': 'Segment',
  'segment.default': 'default',
  'segment.explain': 'Segment {segment}: {overrides}',
  'segment.explain.none': 'the top-level model, unchanged',
  'segment.explain.weights': 'weights {list}',
  'segment.explain.tiers': 'tier mins {list}',
  'segment.explain.criteria': 'own criteria {list}',
  'segment.explain.separator': '; ',
  'segment.by.title': 'Portfolio by segment',
  'segment.by.heading': '{segment} ({n} {n|account|accounts})',
  'segment.unknown': '--segment {id}: no such segment (segments: {ids})',
  'segment.unknown.guess': '--segment {id}: no such segment; did you mean "{guess}"? (segments: {ids})',
  'segment.none': '{flag}: kam.yaml has no segments',
  'segment.by.unknown': '--by {value}: kam score can group by segment only (--by segment)',
  'segment.by.format': '--by segment: the formats are table, json and markdown',
  'segment.with-data': 'kam score --data: kam.yaml has segments, and client rows are not scored by segment; score the plans, or use a kam.yaml without segments (--config)',
  'segment.sql': 'kam sql: kam.yaml has segments, and the SQL is compiled from one model only; use a kam.yaml without segments (--config)',
} as const;
