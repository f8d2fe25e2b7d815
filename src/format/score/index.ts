// The registry of `kam score` formats.
import { scoreDocument, type ScoreReport } from '../../core/score-report.js';
import { csvRows } from '../csv.js';
import type { ScoreFormatName } from '../formats.js';
import { formatScoreMarkdown } from './markdown.js';
import { formatScoreTable } from './table.js';

export type ScoreFormatter = (report: ScoreReport, options: { color: boolean }) => string;

function formatScoreCsv(report: ScoreReport): string {
  const criteria = report.config.criteria;
  const header = ['rank', 'id', 'name', 'score', 'tier', 'declaredTier', 'missing', ...criteria.flatMap((c) => [`${c.id}_input`, `${c.id}_score`, `${c.id}_contribution`])];
  const rows = report.shown.map((a) => [
    a.rank, a.id, a.name, a.score, a.tier, a.declaredTier ?? null, a.missing.join(';'),
    ...a.criteria.flatMap((c) => [c.input, c.score, c.contribution]),
  ]);
  return csvRows([header, ...rows]);
}

export const SCORE_FORMATTERS = {
  table: formatScoreTable,
  json: (report) => `${JSON.stringify(scoreDocument(report), null, 2)}\n`,
  csv: formatScoreCsv,
  markdown: formatScoreMarkdown,
} satisfies Record<ScoreFormatName, ScoreFormatter>;

export const MACHINE_SCORE_FORMATS: readonly ScoreFormatName[] = ['json', 'csv'];
