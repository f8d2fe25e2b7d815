// English wording of the data messages (the source catalog; see src/i18n/template.ts).
export const data = {
} as const;
