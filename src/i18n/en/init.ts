// English wording of the init messages (the source catalog; see src/i18n/template.ts).
export const init = {
} as const;
