// ESLint-style report for people: findings grouped by file, then a count.
import { Chalk } from 'chalk';
import type { Finding } from '../../core/findings.js';
import type { FindingsFormatter } from './types.js';

export const stylish: FindingsFormatter = (findings, summary, options) => {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  if (findings.length === 0) return `${chalk.green(`✔ No problems in ${summary.files} plan${summary.files === 1 ? '' : 's'}.`)}\n`;
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  const out: string[] = [];
  for (const [file, list] of byFile) {
    out.push(chalk.underline(file));
    const posWidth = Math.max(...list.map((f) => `${f.line}:${f.column}`.length));
    for (const f of list) {
      const pos = `${f.line}:${f.column}`.padEnd(posWidth);
      const severity = f.severity === 'error' ? chalk.red('error  ') : chalk.yellow('warning');
      out.push(`  ${chalk.dim(pos)}  ${severity}  ${f.message}  ${chalk.dim(f.rule)}`);
    }
    out.push('');
  }
  const total = findings.length;
  const text = `✖ ${total} problem${total === 1 ? '' : 's'} (${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'})`;
  out.push(summary.errors > 0 ? chalk.red.bold(text) : chalk.yellow.bold(text));
  return `${out.join('\n')}\n`;
};
