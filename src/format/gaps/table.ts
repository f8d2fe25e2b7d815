// `kam gaps` for people: tier by tier, each account with its to-dos and a count.
import { Chalk } from 'chalk';
import type { GapsReport } from '../../core/gaps-report.js';
import type { Finding } from '../../core/findings.js';
import { tierPainter } from '../score/table.js';
import { escapeOutput } from '../escape.js';
import { cellText, printable } from '../text.js';

export function formatGapsTable(report: GapsReport, options: { color: boolean; tiers: readonly { id: string }[] }): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const paint = tierPainter(chalk, options.tiers);
  const mark = (f: Finding) => (f.severity === 'error' ? chalk.red('✖') : chalk.yellow('⚠'));
  const line = (f: Finding) => `    ${mark(f)} ${chalk.dim(`${f.rule.padEnd(22)}`)} ${printable(f.message)} ${chalk.dim(`${printable(f.file)}:${f.line}`)}`;
  const out: string[] = [chalk.bold(`Gaps as of ${report.asOf}`), ''];
  for (const group of report.tiers) {
    const count = group.accounts.reduce((n, a) => n + a.findings.length, 0);
    out.push(`${paint(group.tier)} ${chalk.dim(`— ${group.accounts.length} account(s), ${count} to-do(s)`)}`);
    for (const { account, findings } of group.accounts) {
      const head = `  ${chalk.bold(cellText(account.name))} ${chalk.dim(`(${printable(account.id)}) score ${account.score.toFixed(1)}`)}`;
      if (findings.length === 0) {
        out.push(`${head}  ${chalk.green('✔ nothing due')}`);
        continue;
      }
      out.push(`${head}  ${findings.length} to-do${findings.length === 1 ? '' : 's'}`);
      for (const f of findings) out.push(line(f));
    }
    out.push('');
  }
  if (report.portfolio.length > 0) {
    out.push(chalk.bold('Portfolio'));
    for (const f of report.portfolio) out.push(line(f));
    out.push('');
  }
  if (report.unreadable.length > 0) {
    out.push(chalk.bold('Plans with errors (not scored; run kam check)'));
    for (const f of report.unreadable) out.push(line(f));
    out.push('');
  }
  const total = report.findings.length;
  let errors = 0;
  for (const f of report.findings) if (f.severity === 'error') errors++;
  out.push(total === 0 ? chalk.green('✔ Nothing to do.') : `${total} to-do(s): ${errors} error(s), ${total - errors} warning(s)`);
  return escapeOutput(`${out.join('\n')}\n`, options.color);
}
