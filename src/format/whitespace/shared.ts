// What the human whitespace formats (table, markdown) share: cell markers, numbers.
import type { CellStatus, EntryStatus, WhitespaceCell, WhitespaceReport } from '../../core/whitespace.js';
import { i18n } from '../../i18n/index.js';
import { count, percent } from '../score/shared.js';

/** ASCII markers: the matrix reads without colour (and in any font). */
export const MARKERS: Readonly<Record<CellStatus, string>> = { installed: '+', opportunity: 'o', competitor: 'x', none: '-', unknown: '.' };
const ORDER: readonly EntryStatus[] = ['installed', 'opportunity', 'competitor', 'none'];

/** `+` for one entry; with several, the entries per status (`+2 o1`). */
export function cellText(cell: WhitespaceCell): string {
  if (cell.units.length <= 1) return MARKERS[cell.status];
  return ORDER.filter((s) => cell.counts[s] > 0).map((s) => `${MARKERS[s]}${cell.counts[s]}`).join(' ');
}

/** `3/5 (60.0%)`, or `0/0` when there is nothing to count. */
export function ratio(n: number, of: number, share: number | null): string {
  const tr = i18n();
  return share === null ? tr.t('whitespace.fraction', { n: count(n), of: count(of) }) : tr.t('whitespace.ratio', { n: count(n), of: count(of), share: percent(share) });
}

export const shareText = (v: number | null) => (v === null ? '–' : percent(v));
/** Target minus actual, in points of share. */
export const gapText = (target: number | null, actual: number | null) => (target === null || actual === null ? '–' : percent(target - actual));

export function keyTiersLine(report: WhitespaceReport): string {
  const tr = i18n();
  if (report.keyTiers.length === 0) return tr.t('whitespace.key-tiers-none', {});
  return tr.t('whitespace.key-tiers', { tiers: report.keyTiers.map((t) => tr.tier(t)).join(tr.t('whitespace.separator', {})), n: count(report.keyAccounts), total: count(report.accounts) });
}

export const unitsText = (units: readonly (string | null)[]) => units.map((u) => u ?? i18n().t('whitespace.whole-account', {})).join(i18n().t('whitespace.separator', {}));

/** Openings a human format lists (JSON lists all). */
export const OPENINGS_SHOWN = 50;
