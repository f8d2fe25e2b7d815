// English wording of the format messages (the source catalog; see src/i18n/template.ts).
export const format = {
} as const;
