// GitHub Actions workflow commands: one annotation line per finding,
//   ::error file=<file>,line=<l>,col=<c>,title=kam <rule>::<message>
// GitHub resolves `file` against the repository root (the checkout), so the path carries
// options.pathPrefix: the workspace folder inside the repository (`sales/kam/` in a monorepo).
// Plan text is user-controlled, so data and property values are escaped as the
// Actions toolkit does (@actions/core command.ts): a message can never end the
// line and start a second command. Other control characters (ESC, which the log viewer
// would take for colours, C1, bidi controls) are shown as escapes (escape.ts). No
// findings: no output at all.
import { escapeButLineBreaks } from '../escape.js';
import type { FindingsFormatter } from './types.js';

/** Escapes the message part (after `::`). */
export function escapeData(text: string): string {
  return escapeButLineBreaks(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value (`file=…`), where `:` and `,` are also separators. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const github: FindingsFormatter = (findings, _summary, options) => {
  const prefix = options.pathPrefix ?? '';
  return findings
    .map((f) => {
      const command = f.severity === 'error' ? 'error' : 'warning';
      const props = [`file=${escapeProperty(prefix + f.file)}`, `line=${f.line}`, `col=${f.column}`, `title=${escapeProperty(`kam ${f.rule}`)}`];
      return `::${command} ${props.join(',')}::${escapeData(f.message)}\n`;
    })
    .join('');
};
