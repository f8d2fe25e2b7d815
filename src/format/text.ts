// Terminal text helpers for the human formats: make user-controlled text safe to
// print, and pad by display width (CJK and emoji take two columns).
import stringWidth from 'string-width';
import { escapeText } from './escape.js';

/**
 * Shows control characters (and bidi controls) as visible escapes (`\n`, `\u001b`) so that one
 * item stays one line and cannot drive the terminal: see escape.ts.
 */
export const printable = escapeText;

/** A name for a table cell: line breaks become spaces, other controls visible escapes. */
export function cellText(text: string): string {
  return escapeText(text.replace(/[\r\n]+/g, ' '));
}

export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** Pads `text` on the right to `width` terminal columns. */
export function padEndDisplay(text: string, width: number): string {
  const missing = width - stringWidth(text);
  return missing > 0 ? text + ' '.repeat(missing) : text;
}
