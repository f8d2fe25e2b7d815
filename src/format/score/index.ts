// The registry of `kam score` formats.
import { scoreDocumentAccount, scoreDocumentSummary, type ScoreReport } from '../../core/score-report.js';
import { csvRows } from '../csv.js';
import { managedTier, overrideView } from '../../core/override.js';
import { escapeJson } from '../escape.js';
import type { ScoreFormatName } from '../formats.js';
import { formatScoreMarkdownOutput } from './markdown.js';
import { columnarRowsOf, streamedAccountsOf, type StreamedAccounts } from './columnar.js';
import type { ScoredAccount } from '../../core/scoring.js';

/** Text, or chunks of it (text or UTF-8 bytes) for outputs too large to hold as one string (a million CSV rows). */
export type Output = string | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;
export type ScoreFormatter = (report: ScoreReport, options: { color: boolean; resources?: boolean }) => Output;

const ROWS_PER_CHUNK = 2000;

function formatScoreCsv(report: ScoreReport): Output {
  const criteria = report.config.criteria;
  // issue 19 (plans only): archetype and resources, after the columns of before.
  const method = report.method;
  // issue 20 (plans only): the managed tier and the override, after those.
  const extra = method ? ['archetype', 'archetypeCriterion', 'fte', 'revenue', 'revenuePerFte', 'fteShare', 'revenueShare', 'managedTier', 'overrideTier', 'overrideReason', 'overrideBy', 'overrideUntil', 'overrideExpired'] : [];
  const asOf = report.asOf ?? '';
  // issue 22: the segment, last, only when kam.yaml has segments.
  const segments = report.segments !== undefined;
  const header = csvRows([['rank', 'id', 'name', 'score', 'tier', 'declaredTier', 'missing', ...criteria.flatMap((c) => [`${c.id}_input`, `${c.id}_score`, `${c.id}_contribution`]), ...extra, ...(segments ? ['segment'] : [])]]);
  // The rows of a client file, written from its columns (src/io/score-export.ts).
  const columnar = method ? undefined : columnarRowsOf(report);
  if (columnar)
    return (async function* () {
      yield header;
      yield* columnar.csvRows();
    })();
  return csvAccountRows(report, header, segments, asOf);
}

function* csvAccountRows(report: ScoreReport, header: string, segments: boolean, asOf: string): Iterable<string> {
  const method = report.method;
  yield header;
  let rows: (string | number | null)[][] = [];
  for (const a of report.shown) {
    const row: (string | number | null)[] = [a.rank, a.id, a.name, a.score, a.tier, a.declaredTier ?? null, a.missing.join(';'), ...a.criteria.flatMap((c) => [c.input, c.score, c.contribution])];
    if (method) {
      const archetype = method.archetype(a);
      const r = method.resources(a);
      row.push(archetype?.name ?? null, archetype?.criterion ?? null, r?.fte ?? null, r?.revenue ?? null, r?.revenuePerFte ?? null, r?.fteShare ?? null, r?.revenueShare ?? null);
      const o = overrideView(a, asOf);
      row.push(managedTier(a, asOf), o?.tier ?? null, o?.reason ?? null, o?.by ?? null, o?.until ?? null, o === null ? null : String(o.expired));
    }
    if (segments) row.push(a.segment ?? null);
    rows.push(row);
    if (rows.length === ROWS_PER_CHUNK) {
      yield csvRows(rows);
      rows = [];
    }
  }
  if (rows.length > 0) yield csvRows(rows);
}

const JSON_HEAD = '{\n  "schema": "kam.score/v1",\n  "accounts": [';

/** Accounts of the document, after those before them (`first`: none before). */
function jsonAccounts(report: ScoreReport, accounts: readonly ScoredAccount[], first: boolean): string {
  return `${first ? '' : ','}\n${escapeJson(jsonItemsAt(accounts.map((a) => scoreDocumentAccount(a, report.method, report.asOf)), 2))}`;
}

/** The end of the accounts and the summary (`empty`: no account was written). */
function jsonTail(report: ScoreReport, empty: boolean): string {
  return `${empty ? '' : '\n  '}],\n  "summary": ${escapeJson(JSON.stringify(scoreDocumentSummary(report), null, 2)).replace(/\n/g, '\n  ')}\n}\n`;
}

/** `kam.score/v1`, written in chunks of accounts (the same document as JSON.stringify of the whole). */
function formatScoreJson(report: ScoreReport): Output {
  const streamed = report.method ? undefined : streamedAccountsOf(report);
  return streamed ? streamedJson(report, streamed) : jsonChunks(report);
}

function jsonChunks(report: ScoreReport): Output {
  const columnar = report.method ? undefined : columnarRowsOf(report);
  if (!columnar) return jsonAccountChunks(report);
  return (async function* () {
    yield JSON_HEAD;
    yield* columnar.jsonItems();
    yield jsonTail(report, report.shown.length === 0);
  })();
}

function* jsonAccountChunks(report: ScoreReport): Iterable<string> {
  yield JSON_HEAD;
  let chunk: ScoredAccount[] = [];
  let first = true;
  for (const a of report.shown) {
    chunk.push(a);
    if (chunk.length === ROWS_PER_CHUNK) {
      yield jsonAccounts(report, chunk, first);
      first = false;
      chunk = [];
    }
  }
  const rest = chunk.length > 0 ? jsonAccounts(report, chunk, first) : '';
  yield `${rest}${jsonTail(report, first && chunk.length === 0)}`;
}

async function* streamedJson(report: ScoreReport, accounts: StreamedAccounts): AsyncIterable<string> {
  yield JSON_HEAD;
  let first = true;
  for await (const chunk of accounts) {
    if (chunk.length === 0) continue;
    yield jsonAccounts(report, chunk, first);
    first = false;
  }
  yield jsonTail(report, first);
}

/**
 * Items as JSON.stringify(…, null, 2) writes them `level` arrays deep in a document, joined by
 * ",\n": one stringify of the items wrapped in level - 1 arrays, whose brackets are cut off
 * (cheaper than indenting each item's text again).
 */
export function jsonItemsAt(items: readonly unknown[], level: number): string {
  let wrapped: unknown = items;
  for (let i = 1; i < level; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  let head = 0;
  for (let i = 0; i < level; i++) head += 2 * i + 2; // "  ".repeat(i) + "[\n", and as long: "\n" + "  ".repeat(i) + "]"
  return text.slice(head, text.length - head);
}

/** Each format's formatter; the table's is loaded when asked for (its width library takes ~15 ms to load). */
export const SCORE_FORMATTERS = {
  table: async () => (await import('./table.js')).formatScoreTable,
  json: async () => formatScoreJson,
  csv: async () => formatScoreCsv,
  markdown: async () => (report, options) => formatScoreMarkdownOutput(report, options),
} satisfies Record<ScoreFormatName, () => Promise<ScoreFormatter>>;

export const MACHINE_SCORE_FORMATS: readonly ScoreFormatName[] = ['json', 'csv'];
