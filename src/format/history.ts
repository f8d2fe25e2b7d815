// kam history as text: a table with a sparkline per account (or per commit for one account),
// kam.history/v1 JSON, and CSV in long form (one row per commit and account).
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { HistoryAccount, HistoryPoint } from '../io/history.js';
import { csvRows } from './csv.js';
import type { HistoryFormatName } from './formats.js';
import { labelHead, oneDecimal } from './score/shared.js';
import { escapeJson, escapeOutput } from './escape.js';
import { i18n } from '../i18n/index.js';
import { cellText } from './text.js';

export interface HistoryView {
  points: readonly HistoryPoint[];
  names: ReadonlyMap<string, string>;
  /** Set when the history is of one account. */
  id?: string | undefined;
}

export const HISTORY_FORMATTERS = {
  table: (view: HistoryView, options: { color: boolean }) => formatHistoryTable(view, options.color),
  json: (view: HistoryView) => formatHistoryJson(view),
  csv: (view: HistoryView) => formatHistoryCsv(view),
} satisfies Record<HistoryFormatName, (view: HistoryView, options: { color: boolean }) => string>;

const BARS = '▁▂▃▄▅▆▇█';

/** Scores 0..100 as block characters, one per value; a gap (absent) is a space. */
export function sparkline(values: readonly (number | undefined)[]): string {
  return values.map((v) => (v === undefined ? ' ' : BARS[Math.min(BARS.length - 1, Math.max(0, Math.floor((v / 100) * BARS.length)))])).join('');
}

/** At most `width` values: the last value of each of `width` equal slices. */
function sample<T>(values: readonly T[], width: number): T[] {
  if (values.length <= width) return [...values];
  return Array.from({ length: width }, (_, i) => values[Math.floor(((i + 1) * values.length) / width) - 1]!);
}

export function formatHistoryTable(view: HistoryView, color: boolean): string {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  const { points } = view;
  if (points.length === 0) return `${i18n().t('format.history.none', {})}\n`;
  return escapeOutput(historyTable(view, chalk), color);
}

function historyTable(view: HistoryView, chalk: ChalkInstance): string {
  const tr = i18n();
  const { points } = view;
  const short = (sha: string) => sha.slice(0, 10);
  const name = (tier: string | null) => (tier === null ? '–' : tr.tier(tier));
  // issue 20: with a tier override, the managed tier marked `*` and the computed one in brackets.
  // (An expired override decides nothing: that tier is shown as it is, unmarked.)
  const inForce = (a: HistoryAccount | undefined) => a?.override !== undefined && !a.override.expired;
  const tierText = (a: HistoryAccount) => cellText(inForce(a) ? `${name(a.managedTier!)}* (${name(a.tier)})` : name(a.tier));
  const marked = view.id !== undefined && points.some((p) => inForce(p.accounts[view.id!]));
  const removed = chalk.dim(tr.t('format.history.removed', {}));
  const out: string[] = [];
  const configCommits = points.filter((p) => p.configChanged).length;
  const range = tr.t('format.history.range', { n: points.length, from: tr.date(points[0]!.date.slice(0, 10)), to: tr.date(points[points.length - 1]!.date.slice(0, 10)) });
  out.push(`${range}${configCommits > 0 ? tr.t('format.history.config', { n: configCommits }) : ''}`);

  if (view.id !== undefined) {
    const table = new Table({
      head: [tr.t('format.history.head.date', {}), tr.t('format.history.head.commit', {}), tr.t('format.history.head.score', {}), tr.t('format.history.head.tier', {}), '', tr.t('format.history.head.subject', {})].map((h) => chalk.bold(h)),
      style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
      colAligns: ['left', 'left', 'right', 'left', 'left', 'left'],
      chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    });
    for (const p of points) {
      const a = p.accounts[view.id];
      table.push([p.date.slice(0, 10), short(p.commit), a ? oneDecimal(a.score) : removed, a ? tierText(a) : '–', p.configChanged ? '⚙' : '', cellText(p.subject.slice(0, 60))]);
    }
    const scores = points.map((p) => p.accounts[view.id!]?.score);
    const { head, gap } = labelHead(tr.t('format.name-id', { name: cellText(view.names.get(view.id) ?? view.id), id: cellText(view.id) }));
    out.push(`${head}${gap}${sparkline(sample(scores, 40))}`);
    out.push(table.toString());
    if (marked) out.push(chalk.dim(tr.t('override.history.legend', {})));
    return `${out.join('\n')}\n`;
  }

  const ids = new Set<string>();
  for (const p of points) for (const id of Object.keys(p.accounts)) ids.add(id);
  const last = points[points.length - 1]!;
  const rows = [...ids].map((id) => {
    const scores = points.map((p) => p.accounts[id]?.score);
    const present = scores.filter((s): s is number => s !== undefined);
    return { id, first: present[0]!, now: last.accounts[id], scores };
  });
  rows.sort((a, b) => (b.now?.score ?? -1) - (a.now?.score ?? -1) || (a.id < b.id ? -1 : 1));
  const table = new Table({
    head: [tr.t('format.history.head.account', {}), tr.t('format.history.head.first', {}), tr.t('format.history.head.now', {}), tr.t('format.history.head.tier-now', {}), tr.t('format.history.head.trend', {})].map((h) => chalk.bold(h)),
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
    colAligns: ['left', 'right', 'right', 'left', 'left'],
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const row of rows) {
    const name = view.names.get(row.id);
    table.push([
      cellText(name && name !== row.id ? tr.t('format.name-id', { name, id: row.id }) : row.id),
      oneDecimal(row.first),
      row.now ? oneDecimal(row.now.score) : removed,
      row.now ? tierText(row.now) : '–',
      sparkline(sample(row.scores, 30)),
    ]);
  }
  out.push(table.toString());
  if (rows.some((row) => inForce(row.now))) out.push(chalk.dim(tr.t('override.history.legend', {})));
  return `${out.join('\n')}\n`;
}

/** kam.history/v1 (SPEC 6). */
export function formatHistoryJson(view: HistoryView): string {
  return escapeJson(`${JSON.stringify({ schema: 'kam.history/v1', commits: view.points }, null, 2)}\n`);
}

export function formatHistoryCsv(view: HistoryView): string {
  // issue 20: a history with tier overrides has a `managedTier` and an `overrideTier` column more (at the end).
  const overrides = view.points.some((p) => Object.values(p.accounts).some((a) => a.managedTier !== undefined));
  const rows: (string | number | null)[][] = [['commit', 'date', 'subject', 'configChanged', 'account', 'score', 'tier', ...(overrides ? ['managedTier', 'overrideTier'] : [])]];
  for (const p of view.points) {
    for (const [id, a] of Object.entries(p.accounts)) {
      const row: (string | number | null)[] = [p.commit, p.date, p.subject, String(p.configChanged), id, a.score, a.tier];
      if (overrides) row.push(a.managedTier === undefined ? a.tier : a.managedTier, a.override?.tier ?? null);
      rows.push(row);
    }
  }
  return csvRows(rows);
}
