// English wording of the report messages (the source catalog; see src/i18n/template.ts).
export const report = {
} as const;
