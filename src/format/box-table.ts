// A table drawn with box characters, as cli-table3 draws it with one line per row and no
// separator lines (same characters, padding and alignment; a test holds the two equal). The score
// table can have hundreds of rows: cli-table3 takes about 0.3 ms a row, this a few µs.
import { displayWidth } from './text.js';

export type Align = 'left' | 'right';

const SGR = /\u001b\[[0-9;]*m/g;

/** Terminal columns of a cell: colour codes take none, CJK and emoji two. */
function cellWidth(text: string): number {
  const plain = text.includes('\u001b') ? text.replace(SGR, '') : text;
  return displayWidth(plain);
}

/** `head` and each row have one cell per column; cells are single lines (see cellText). */
export function boxTable(head: readonly string[], rows: readonly (readonly string[])[], aligns: readonly Align[]): string {
  const widths = head.map(cellWidth);
  const rowWidths = rows.map((row) =>
    row.map((cell, i) => {
      const w = cellWidth(cell);
      if (w > widths[i]!) widths[i] = w;
      return w;
    }),
  );
  const rule = (left: string, mid: string, right: string) => left + widths.map((w) => '─'.repeat(w + 2)).join(mid) + right;
  const line = (cells: readonly string[], cellWidths: readonly number[]) =>
    `│${cells
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i]! - cellWidths[i]!);
        return aligns[i] === 'right' ? ` ${pad}${cell} ` : ` ${cell}${pad} `;
      })
      .join('│')}│`;
  const out = [rule('┌', '┬', '┐'), line(head, head.map(cellWidth))];
  rows.forEach((row, r) => out.push(line(row, rowWidths[r]!)));
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}
