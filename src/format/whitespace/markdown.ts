// `kam whitespace --format markdown`: the matrix, penetration, shares and openings for a wiki or a PR comment.
import type { WhitespaceReport } from '../../core/whitespace.js';
import { escapeLines } from '../escape.js';
import { i18n } from '../../i18n/index.js';
import { escapeMarkdownCell as md } from '../score/markdown.js';
import { count, oneDecimal } from '../score/shared.js';
import { cellText, gapText, keyTiersLine, OPENINGS_SHOWN, ratio, shareText, unitsText } from './shared.js';
import { append } from '../../core/append.js';

const table = (head: readonly string[], align: readonly string[], rows: readonly (readonly string[])[]) => [
  `| ${head.map(md).join(' | ')} |`,
  `| ${align.join(' | ')} |`,
  ...rows.map((r) => `| ${r.join(' | ')} |`),
];

export function formatWhitespaceMarkdown(report: WhitespaceReport, options: { total?: number } = {}): string {
  const tr = i18n();
  const lines = [`## ${tr.t('whitespace.title', {})}`, ''];
  if (report.productCount === 0) {
    lines.push(`_${tr.t('whitespace.no-products', {})}_`);
    return escapeLines(`${lines.join('\n')}\n`);
  }
  if (report.rows.length === 0) lines.push(`_${tr.t('whitespace.no-rows', {})}_`);
  else {
    const head = ['#', tr.t('whitespace.head.account', {}), tr.t('whitespace.head.score', {}), tr.t('whitespace.head.tier', {}), tr.t('whitespace.head.installed', {}), ...report.columns.map((c) => c.product)];
    const align = ['---:', ':---', '---:', ':---', '---:', ...report.columns.map(() => ':---:')];
    append(lines, table(head, align, report.rows.map((r) => [
      String(r.account.rank),
      md(r.account.name),
      oneDecimal(r.account.score),
      r.account.tier === null ? '–' : md(tr.tier(r.account.tier)),
      tr.t('whitespace.fraction', { n: count(r.installed), of: count(report.productCount) }),
      ...r.cells.map((c) => `\`${cellText(c)}\``),
    ])));
  }
  if (options.total !== undefined && options.total > report.rows.length) lines.push('', `_${tr.t('whitespace.showing', { shown: count(report.rows.length), total: count(options.total) })}_`);
  lines.push('', `_${md(tr.t('whitespace.legend', {}))}_`);

  lines.push('', `### ${tr.t('whitespace.products', {})}`, '', `_${md(keyTiersLine(report))}_`, '');
  append(lines, table(
    [tr.t('whitespace.head.product', {}), tr.t('whitespace.head.penetration', {}), tr.t('whitespace.head.key-penetration', {}), tr.t('whitespace.head.opportunities', {}), tr.t('whitespace.head.competitor', {})],
    [':---', '---:', '---:', '---:', '---:'],
    report.columns.map((c) => [md(c.product), ratio(c.installed, report.accounts, c.penetration), ratio(c.keyInstalled, report.keyAccounts, c.keyPenetration), count(c.opportunity), count(c.competitor)]),
  ));

  const shares = report.rows.flatMap((r) => r.shares.map((s) => [md(r.account.name), md(s.product), shareText(s.target), shareText(s.actual), gapText(s.target, s.actual)]));
  if (shares.length > 0) {
    lines.push('', `### ${tr.t('whitespace.shares', {})}`, '');
    append(lines, table([tr.t('whitespace.head.account', {}), tr.t('whitespace.head.product', {}), tr.t('whitespace.head.target', {}), tr.t('whitespace.head.actual', {}), tr.t('whitespace.head.gap', {})], [':---', ':---', '---:', '---:', '---:'], shares));
  }

  lines.push('', `### ${tr.t('whitespace.openings', {})}`, '');
  if (report.openings.length === 0) lines.push(`_${tr.t('whitespace.openings-none', {})}_`);
  else {
    append(lines, table(
      ['#', tr.t('whitespace.head.account', {}), tr.t('whitespace.head.product', {}), tr.t('whitespace.head.units', {}), tr.t('whitespace.head.weight', {})],
      ['---:', ':---', ':---', ':---', '---:'],
      report.openings.slice(0, OPENINGS_SHOWN).map((o, i) => [String(i + 1), md(o.account.name), md(o.product), md(unitsText(o.units)), oneDecimal(o.weight)]),
    ));
    if (report.openings.length > OPENINGS_SHOWN) lines.push('', `_${tr.t('whitespace.openings-more', { n: count(report.openings.length - OPENINGS_SHOWN) })}_`);
  }
  return escapeLines(`${lines.join('\n')}\n`);
}
