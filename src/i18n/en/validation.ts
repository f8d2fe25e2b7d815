// English wording of the validation messages (the source catalog; see src/i18n/template.ts).
export const validation = {
} as const;
