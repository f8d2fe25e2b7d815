// Format names per command, kept apart from the formatters so that `kam --help`
// does not load them. Each registry is checked against these with `satisfies`.

export const FINDINGS_FORMATS = ['stylish', 'json', 'github', 'sarif', 'junit', 'markdown'] as const;
export type FindingsFormatName = (typeof FINDINGS_FORMATS)[number];

export const SCORE_FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
export type ScoreFormatName = (typeof SCORE_FORMATS)[number];

export const GAPS_FORMATS = ['table', 'json', 'markdown'] as const;
export type GapsFormatName = (typeof GAPS_FORMATS)[number];

export const DIFF_FORMATS = ['table', 'json', 'markdown'] as const;
export type DiffFormatName = (typeof DIFF_FORMATS)[number];

export const HISTORY_FORMATS = ['table', 'json', 'csv'] as const;
export type HistoryFormatName = (typeof HISTORY_FORMATS)[number];

export const WHITESPACE_FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
export type WhitespaceFormatName = (typeof WHITESPACE_FORMATS)[number];
