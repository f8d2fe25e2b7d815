// The registry of `kam score` formats.
import { scoreDocumentAccount, scoreDocumentSummary, type ScoreReport } from '../../core/score-report.js';
import { csvRows } from '../csv.js';
import type { ScoreFormatName } from '../formats.js';
import { formatScoreMarkdown } from './markdown.js';
import { formatScoreTable } from './table.js';

/** Text, or chunks of it for outputs too large to hold as one string (a million CSV rows). */
export type Output = string | Iterable<string>;
export type ScoreFormatter = (report: ScoreReport, options: { color: boolean }) => Output;

const ROWS_PER_CHUNK = 2000;

function* formatScoreCsv(report: ScoreReport): Iterable<string> {
  const criteria = report.config.criteria;
  yield csvRows([['rank', 'id', 'name', 'score', 'tier', 'declaredTier', 'missing', ...criteria.flatMap((c) => [`${c.id}_input`, `${c.id}_score`, `${c.id}_contribution`])]]);
  let rows: (string | number | null)[][] = [];
  for (const a of report.shown) {
    rows.push([a.rank, a.id, a.name, a.score, a.tier, a.declaredTier ?? null, a.missing.join(';'), ...a.criteria.flatMap((c) => [c.input, c.score, c.contribution])]);
    if (rows.length === ROWS_PER_CHUNK) {
      yield csvRows(rows);
      rows = [];
    }
  }
  if (rows.length > 0) yield csvRows(rows);
}

/** `kam.score/v1`, written account by account (same document as JSON.stringify of the whole). */
function* formatScoreJson(report: ScoreReport): Iterable<string> {
  const indent = (text: string, pad: string) => text.replace(/\n/g, `\n${pad}`);
  yield '{\n  "schema": "kam.score/v1",\n  "accounts": [';
  let first = true;
  let chunk = '';
  let count = 0;
  for (const a of report.shown) {
    chunk += `${first ? '' : ','}\n    ${indent(JSON.stringify(scoreDocumentAccount(a), null, 2), '    ')}`;
    first = false;
    if (++count % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}${first ? '' : '\n  '}],\n  "summary": ${indent(JSON.stringify(scoreDocumentSummary(report), null, 2), '  ')}\n}\n`;
}

export const SCORE_FORMATTERS = {
  table: formatScoreTable,
  json: formatScoreJson,
  csv: formatScoreCsv,
  markdown: formatScoreMarkdown,
} satisfies Record<ScoreFormatName, ScoreFormatter>;

export const MACHINE_SCORE_FORMATS: readonly ScoreFormatName[] = ['json', 'csv'];
