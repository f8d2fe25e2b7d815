// `kam whitespace` as terminal tables: the matrix (coloured cells, ASCII markers), penetration
// per product, share vs target, and the cross-sell openings.
import { Chalk, type ChalkInstance } from 'chalk';
import type { CellStatus, WhitespaceReport } from '../../core/whitespace.js';
import { boxTable } from '../box-table.js';
import { escapeOutput } from '../escape.js';
import { i18n } from '../../i18n/index.js';
import { cellText as oneLine } from '../text.js';
import { count, oneDecimal } from '../score/shared.js';
import { tierPainter } from '../score/table.js';
import { cellText, gapText, keyTiersLine, OPENINGS_SHOWN, ratio, shareText, unitsText } from './shared.js';

function painter(chalk: ChalkInstance): Record<CellStatus, (s: string) => string> {
  return { installed: chalk.green, opportunity: chalk.yellow, competitor: chalk.red, none: chalk.dim, unknown: chalk.dim };
}

export function formatWhitespaceTable(report: WhitespaceReport, options: { color: boolean; tiers: readonly { id: string }[]; total?: number }): string {
  const tr = i18n();
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const paint = painter(chalk);
  const paintTier = tierPainter(chalk, options.tiers);
  const out: string[] = [];
  if (report.productCount === 0) {
    out.push(chalk.dim(tr.t('whitespace.no-products', {})));
    return escapeOutput(`${out.join('\n')}\n`, options.color);
  }
  const head = ['#', tr.t('whitespace.head.account', {}), tr.t('whitespace.head.score', {}), tr.t('whitespace.head.tier', {}), tr.t('whitespace.head.installed', {}), ...report.columns.map((c) => oneLine(c.product))].map((h) => chalk.bold(h));
  const aligns = ['right', 'left', 'right', 'left', 'right', ...report.columns.map(() => 'left' as const)] as const;
  const rows = report.rows.map((r) => [
    String(r.account.rank),
    oneLine(r.account.name),
    chalk.bold(oneDecimal(r.account.score)),
    paintTier(r.account.tier),
    tr.t('whitespace.fraction', { n: count(r.installed), of: count(report.productCount) }),
    ...r.cells.map((c) => paint[c.status](cellText(c))),
  ]);
  out.push(rows.length > 0 ? boxTable(head, rows, aligns) : chalk.dim(tr.t('whitespace.no-rows', {})));
  if (options.total !== undefined && options.total > report.rows.length) out.push(chalk.dim(tr.t('whitespace.showing', { shown: count(report.rows.length), total: count(options.total) })));
  out.push(chalk.dim(tr.t('whitespace.legend', {})));

  out.push('', chalk.bold(tr.t('whitespace.products', {})), chalk.dim(keyTiersLine(report)));
  const pHead = [tr.t('whitespace.head.product', {}), tr.t('whitespace.head.penetration', {}), tr.t('whitespace.head.key-penetration', {}), tr.t('whitespace.head.opportunities', {}), tr.t('whitespace.head.competitor', {})].map((h) => chalk.bold(h));
  const pRows = report.columns.map((c) => [
    oneLine(c.product),
    ratio(c.installed, report.accounts, c.penetration),
    ratio(c.keyInstalled, report.keyAccounts, c.keyPenetration),
    count(c.opportunity),
    count(c.competitor),
  ]);
  if (pRows.length > 0) out.push(boxTable(pHead, pRows, ['left', 'right', 'right', 'right', 'right']));

  const shares = report.rows.flatMap((r) => r.shares.map((s) => [oneLine(r.account.name), oneLine(s.product), shareText(s.target), shareText(s.actual), gapText(s.target, s.actual)]));
  if (shares.length > 0) {
    const sHead = [tr.t('whitespace.head.account', {}), tr.t('whitespace.head.product', {}), tr.t('whitespace.head.target', {}), tr.t('whitespace.head.actual', {}), tr.t('whitespace.head.gap', {})].map((h) => chalk.bold(h));
    out.push('', chalk.bold(tr.t('whitespace.shares', {})), boxTable(sHead, shares, ['left', 'left', 'right', 'right', 'right']));
  }

  out.push('', chalk.bold(tr.t('whitespace.openings', {})));
  if (report.openings.length === 0) out.push(chalk.dim(tr.t('whitespace.openings-none', {})));
  else {
    const oHead = ['#', tr.t('whitespace.head.account', {}), tr.t('whitespace.head.product', {}), tr.t('whitespace.head.units', {}), tr.t('whitespace.head.weight', {})].map((h) => chalk.bold(h));
    const oRows = report.openings.slice(0, OPENINGS_SHOWN).map((o, i) => [String(i + 1), oneLine(o.account.name), paint.opportunity(oneLine(o.product)), oneLine(unitsText(o.units)), oneDecimal(o.weight)]);
    out.push(boxTable(oHead, oRows, ['right', 'left', 'left', 'left', 'right']));
    if (report.openings.length > OPENINGS_SHOWN) out.push(chalk.dim(tr.t('whitespace.openings-more', { n: count(report.openings.length - OPENINGS_SHOWN) })));
  }
  return escapeOutput(`${out.join('\n')}\n`, options.color);
}
