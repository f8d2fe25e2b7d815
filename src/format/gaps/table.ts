// `kam gaps` for people: tier by tier, each account with its to-dos and a count.
import { Chalk } from 'chalk';
import type { GapsReport } from '../../core/gaps-report.js';
import type { Finding } from '../../core/findings.js';
import { i18n } from '../../i18n/index.js';
import { tierPainter } from '../score/table.js';
import { count as number } from '../score/shared.js';
import { escapeOutput } from '../escape.js';
import { cellText, printable } from '../text.js';
import { tierWithOverride } from '../override.js';

const FULL_WIDTH_START = /^[\uff01-\uff5e]/;

export function formatGapsTable(report: GapsReport, options: { color: boolean; tiers: readonly { id: string }[] }): string {
  const tr = i18n();
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const paint = tierPainter(chalk, options.tiers);
  const mark = (f: Finding) => (f.severity === 'error' ? chalk.red('✖') : chalk.yellow('⚠'));
  const line = (f: Finding) => `    ${mark(f)} ${chalk.dim(`${f.rule.padEnd(22)}`)} ${printable(f.message)} ${chalk.dim(`${printable(f.file)}:${f.line}`)}`;
  const out: string[] = [chalk.bold(tr.t('format.gaps.title', { asOf: report.asOf })), ''];
  for (const group of report.tiers) {
    const todos = group.accounts.reduce((n, a) => n + a.findings.length, 0);
    out.push(`${paint(group.tier)} ${chalk.dim(tr.t('format.gaps.group', { accounts: number(group.accounts.length), todos: number(todos) }))}`);
    for (const { account, findings } of group.accounts) {
      // issue 20: an override's note (the computed tier) after the score.
      const about = tr.t('format.gaps.account', { id: printable(account.id), score: account.score.toFixed(1) }) + tierWithOverride(account, report.asOf).note;
      // No space before a full-width bracket: 中国移动（china-mobile）.
      const head = `  ${chalk.bold(cellText(account.name))}${FULL_WIDTH_START.test(about) ? '' : ' '}${chalk.dim(about)}`;
      if (findings.length === 0) {
        out.push(`${head}  ${chalk.green(tr.t('format.gaps.nothing-due', {}))}`);
        continue;
      }
      out.push(`${head}  ${tr.t('format.gaps.todos', { n: findings.length })}`);
      for (const f of findings) out.push(line(f));
    }
    out.push('');
  }
  if (report.portfolio.length > 0) {
    out.push(chalk.bold(tr.t('format.gaps.portfolio', {})));
    for (const f of report.portfolio) out.push(line(f));
    out.push('');
  }
  if (report.unreadable.length > 0) {
    out.push(chalk.bold(tr.t('format.gaps.unreadable', {})));
    for (const f of report.unreadable) out.push(line(f));
    out.push('');
  }
  const total = report.findings.length;
  let errors = 0;
  for (const f of report.findings) if (f.severity === 'error') errors++;
  out.push(total === 0 ? chalk.green(tr.t('format.gaps.nothing', {})) : tr.t('format.gaps.total', { todos: number(total), errors: number(errors), warnings: number(total - errors) }));
  return escapeOutput(`${out.join('\n')}\n`, options.color);
}
