// The registry of `kam whitespace` formats: table (default), markdown, csv, json (`kam.whitespace/v1`).
import { whitespaceDocument, type WhitespaceReport } from '../../core/whitespace.js';
import { csvRows } from '../csv.js';
import { escapeJson } from '../escape.js';
import type { WhitespaceFormatName } from '../formats.js';
import { formatWhitespaceMarkdown } from './markdown.js';
import { formatWhitespaceTable } from './table.js';

export interface WhitespaceFormatOptions {
  color: boolean;
  tiers: readonly { id: string }[];
  /** The accounts the table could show (rows beyond its limit are counted). */
  total?: number;
}

/** The matrix for a spreadsheet: one row per account, one column per product holding the cell's status. */
export function formatWhitespaceCsv(report: WhitespaceReport): string {
  const rows: (string | number | null)[][] = [['rank', 'id', 'name', 'score', 'tier', 'installed', 'products', ...report.columns.map((c) => c.product)]];
  for (const r of report.rows) rows.push([r.account.rank, r.account.id, r.account.name, r.account.score, r.account.tier, r.installed, report.productCount, ...r.cells.map((c) => c.status)]);
  return csvRows(rows);
}

export function formatWhitespaceJson(report: WhitespaceReport): string {
  return `${escapeJson(JSON.stringify(whitespaceDocument(report), null, 2))}\n`;
}

export const WHITESPACE_FORMATTERS = {
  table: (report: WhitespaceReport, options: WhitespaceFormatOptions) => formatWhitespaceTable(report, options),
  markdown: (report: WhitespaceReport, options: WhitespaceFormatOptions) => formatWhitespaceMarkdown(report, options.total !== undefined ? { total: options.total } : {}),
  csv: (report: WhitespaceReport) => formatWhitespaceCsv(report),
  json: (report: WhitespaceReport) => formatWhitespaceJson(report),
} satisfies Record<WhitespaceFormatName, (report: WhitespaceReport, options: WhitespaceFormatOptions) => string>;
