// Terminal text helpers for the human formats: make user-controlled text safe to
// print, and pad by display width (CJK and emoji take two columns).
import stringWidth from 'string-width';

// C0 and C1 controls (ESC, CSI, BEL, CR, LF…), DEL, and the Unicode line/paragraph
// separators. Plan and CSV text reach the terminal: an escape sequence in a plan must
// not drive it, nor a newline break a report line.
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Shows control characters as visible escapes (`\n`, `\u001b`) so one item stays one line. */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A name for a table cell: line breaks become spaces, other controls visible escapes. */
export function cellText(text: string): string {
  return printable(text.replace(/[\r\n]+/g, ' '));
}

export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** Pads `text` on the right to `width` terminal columns. */
export function padEndDisplay(text: string, width: number): string {
  const missing = width - stringWidth(text);
  return missing > 0 ? text + ' '.repeat(missing) : text;
}
