// ESLint-style report for people (the default): findings grouped by file, one
// aligned line per finding, then a count.
//
//   accounts/acme.yaml
//      9:1   error    required section "relationships" is missing  required-section
//     12:17  warning  no coach is mapped                            no-coach
//
//   ✖ 2 problems (1 error, 1 warning)
//
// Columns are aligned by terminal display width (CJK text in a message does not
// push the rule id out of line), and control characters in user text are shown
// as escapes so that a plan cannot drive the terminal.
import { Chalk } from 'chalk';
import { groupByFile } from './group.js';
import { escapeOutput } from '../escape.js';
import { displayWidth, padEndDisplay, printable } from '../text.js';
import type { FindingsFormatter } from './types.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const stylish: FindingsFormatter = (findings, summary, options) => {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  if (findings.length === 0) return `${chalk.green(`✔ No problems in ${plural(summary.files, 'plan')}.`)}\n`;

  const out: string[] = [];
  for (const [file, list] of groupByFile(findings)) {
    out.push(chalk.underline.bold(printable(file)));
    const lineWidth = Math.max(...list.map((f) => String(f.line).length));
    const colWidth = Math.max(...list.map((f) => String(f.column).length));
    const messages = list.map((f) => printable(f.message));
    const messageWidth = Math.max(...messages.map(displayWidth));
    list.forEach((f, i) => {
      const pos = `${String(f.line).padStart(lineWidth)}:${String(f.column).padEnd(colWidth)}`;
      const severity = f.severity === 'error' ? chalk.red('error  ') : chalk.yellow('warning');
      out.push(`  ${chalk.dim(pos)}  ${severity}  ${padEndDisplay(messages[i] ?? '', messageWidth)}  ${chalk.dim(f.rule)}`);
    });
    out.push('');
  }
  const text = `✖ ${plural(findings.length, 'problem')} (${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')})`;
  out.push(summary.errors > 0 ? chalk.red.bold(text) : chalk.yellow.bold(text));
  return escapeOutput(`${out.join('\n')}\n`, options.color);
};
