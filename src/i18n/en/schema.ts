// English wording of the schema messages (the source catalog; see src/i18n/template.ts).
export const schema = {
} as const;
