// English wording of the cli messages (the source catalog; see src/i18n/template.ts).
export const cli = {
  'cli.no-valid-plan.score': 'no valid plan to score: {invalid} {invalid|plan has|plans have} errors (run kam check)',
  'cli.no-valid-plan.report': 'no valid plan to report on: {invalid} {invalid|plan has|plans have} errors (run kam check)',
  'cli.no-valid-plan.compare': 'no valid plan to compare: {invalid} {invalid|plan has|plans have} errors (run kam check)',
} as const;
