// Terminal text helpers for the human format: make user-controlled text safe to
// print, and measure how many terminal columns it takes (CJK and emoji take two).

// C0 and C1 controls (ESC, CSI, BEL, CR, LF…), DEL, and the Unicode line/paragraph
// separators. Plan text reaches messages, and an escape sequence in a plan must not
// drive the terminal, nor a newline break a report line.
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Shows control characters as visible escapes (`\n`, `\u001b`) so one finding stays one line. */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// East Asian Wide and Fullwidth blocks (Unicode EastAsianWidth W/F, coarsened to blocks).
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo leading consonants
  [0x2e80, 0x303e], // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
  [0x3041, 0x33ff], // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK strokes, enclosed CJK, CJK compatibility
  [0x3400, 0x4dbf], // CJK Extension A
  [0x4e00, 0x9fff], // CJK Unified Ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f], // Hangul Jamo Extended-A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff00, 0xff60], // fullwidth forms
  [0xffe0, 0xffe6], // fullwidth signs
  [0x16fe0, 0x16fe4],
  [0x17000, 0x18cff], // Tangut
  [0x1b000, 0x1b2ff], // Kana supplement and extensions, Nushu
  [0x1f200, 0x1f2ff], // enclosed ideographic supplement
  [0x20000, 0x2fffd], // CJK Extensions B–F, compatibility supplement
  [0x30000, 0x3fffd], // CJK Extensions G–H
];

function isWide(codePoint: number): boolean {
  for (const [from, to] of WIDE) {
    if (codePoint < from) return false;
    if (codePoint <= to) return true;
  }
  return false;
}

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]+$/u;
const EMOJI = /\p{Emoji_Presentation}|\uFE0F/u;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Terminal columns taken by `text` (no ANSI escapes expected): wide characters 2, combining marks 0. */
export function displayWidth(text: string): number {
  // Fast path: printable ASCII only.
  if (/^[\u0020-\u007E]*$/.test(text)) return text.length;
  let width = 0;
  for (const { segment } of segmenter.segment(text)) {
    if (ZERO_WIDTH.test(segment)) continue;
    if (EMOJI.test(segment)) {
      width += 2;
      continue;
    }
    width += isWide(segment.codePointAt(0) ?? 0) ? 2 : 1;
  }
  return width;
}

/** Pads `text` on the right to `width` terminal columns. */
export function padEndDisplay(text: string, width: number): string {
  const missing = width - displayWidth(text);
  return missing > 0 ? text + ' '.repeat(missing) : text;
}
