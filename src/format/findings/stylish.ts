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
import { displayWidth, padToWidth, printable } from '../text.js';
import { i18n } from '../../i18n/index.js';
import type { FindingsFormatter } from './types.js';

export const stylish: FindingsFormatter = (findings, summary, options) => {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const tr = i18n();
  if (findings.length === 0) return `${chalk.green(tr.t('format.stylish.clean', { files: summary.files }))}\n`;

  // One pass per file for the column widths, one for the lines; no spread of a list into
  // arguments (Math.max(...list) overflows the stack past ~120,000 findings in one file), and
  // each message measured once.
  const out: string[] = [];
  // The severity words padded to one width (display width: 错误 and 警告 take four columns).
  const errorWord = tr.value('severity', 'error');
  const warnWord = tr.value('severity', 'warn');
  const errorWidth = displayWidth(errorWord);
  const warnWidth = displayWidth(warnWord);
  const severityWidth = Math.max(errorWidth, warnWidth);
  const red = chalk.red(padToWidth(errorWord, errorWidth, severityWidth));
  const yellow = chalk.yellow(padToWidth(warnWord, warnWidth, severityWidth));
  for (const [file, list] of groupByFile(findings)) {
    out.push(chalk.underline.bold(printable(file)));
    let lineWidth = 0;
    let colWidth = 0;
    let messageWidth = 0;
    const messages: string[] = new Array<string>(list.length);
    const widths: number[] = new Array<number>(list.length);
    for (let i = 0; i < list.length; i++) {
      const f = list[i]!;
      lineWidth = Math.max(lineWidth, String(f.line).length);
      colWidth = Math.max(colWidth, String(f.column).length);
      const message = printable(f.message);
      const width = displayWidth(message);
      messages[i] = message;
      widths[i] = width;
      messageWidth = Math.max(messageWidth, width);
    }
    for (let i = 0; i < list.length; i++) {
      const f = list[i]!;
      const pos = `${String(f.line).padStart(lineWidth)}:${String(f.column).padEnd(colWidth)}`;
      const severity = f.severity === 'error' ? red : yellow;
      out.push(`  ${chalk.dim(pos)}  ${severity}  ${padToWidth(messages[i]!, widths[i]!, messageWidth)}  ${chalk.dim(f.rule)}`);
    }
    out.push('');
  }
  const text = tr.t('format.stylish.summary', {
    problems: findings.length,
    errors: tr.t('format.count.errors', { n: summary.errors }),
    warnings: tr.t('format.count.warnings', { n: summary.warnings }),
  });
  out.push(summary.errors > 0 ? chalk.red.bold(text) : chalk.yellow.bold(text));
  return escapeOutput(`${out.join('\n')}\n`, options.color);
};
