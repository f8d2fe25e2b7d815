// Terminal text helpers for the human formats: make user-controlled text safe to
// print, and pad by display width (CJK and emoji take two columns).
import stringWidth from 'string-width';
import { i18n, type Message } from '../i18n/index.js';
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

// `string-width` costs microseconds a character (it segments the text into grapheme clusters,
// then builds its emoji regex again for every cluster), which made 160,000 findings take from half a
// minute to two minutes to align. The same widths, faster:
//   - printable ASCII is one column a character (the common case);
//   - text made only of characters that are each a grapheme cluster of their own, whatever
//     stands next to them (Grapheme_Cluster_Break "Other", and Hangul syllables, which join only
//     with the conjoining jamo left out here), is measured character by character, each
//     character's width asked of string-width once and remembered;
//   - other text is split into grapheme clusters by the segmenter string-width uses, and each
//     distinct cluster's width asked of string-width once and remembered. The segmenter (Node 20)
//     costs time in proportion to the whole text for every cluster it steps over, so a text of
//     160,000 characters took a minute: it is given pieces of about 1,000 characters, each
//     starting where a cluster starts (see clusters());
//   - text holding an ANSI introducer (ESC, or a C1 control) goes to string-width whole, since
//     it strips escape sequences, which may span clusters. Escaped text never holds one.
// test/unit/format-speed.test.ts holds these equal to string-width.
const PRINTABLE_ASCII = /^[\u0020-\u007e]*$/;
/**
 * Latin-1 (but the soft hyphen), Latin Extended-A and -B, general punctuation (dashes, quotes,
 * bullets; no zero-width or bidi controls), CJK symbols (but the tone marks U+302A–U+302F),
 * Hiragana (but the combining sound marks U+3099, U+309A), Katakana, CJK ideographs, Hangul
 * syllables, fullwidth and halfwidth forms (but the sound marks U+FF9E, U+FF9F).
 */
export const SINGLE_CLUSTER_TEXT =
  /^[\u0020-\u007e\u00a0-\u00ac\u00ae-\u024f\u2010-\u2027\u2030-\u205e\u3000-\u3029\u3030-\u303f\u3041-\u3096\u309b-\u30ff\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff9d\uffa0-\uffdc]*$/;
const ANSI_INTRODUCER = /[\u001b\u0080-\u009f]/;
const segmenter = new Intl.Segmenter();
/** Width of each UTF-16 unit of SINGLE_CLUSTER_TEXT, 255 while not yet asked. */
const unitWidths = new Uint8Array(0x10000).fill(255);
/** Width of each grapheme cluster seen; bounded so that hostile text cannot grow it without end. */
const clusterWidths = new Map<string, number>();
const MAX_CLUSTERS = 65_536;
/** Texts longer than this are segmented in pieces (clusters()). */
const PIECE = 1024;

/** Terminal columns of `text`, as string-width counts them. */
export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  if (SINGLE_CLUSTER_TEXT.test(text)) {
    let width = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let w = unitWidths[code]!;
      if (w === 255) {
        w = stringWidth(text[i]!);
        unitWidths[code] = w;
      }
      width += w;
    }
    return width;
  }
  if (ANSI_INTRODUCER.test(text)) return stringWidth(text);
  let width = 0;
  if (text.length <= PIECE) for (const { segment } of segmenter.segment(text)) width += clusterWidth(segment);
  else for (const segment of clusters(text)) width += clusterWidth(segment);
  return width;
}

function clusterWidth(segment: string): number {
  let w = clusterWidths.get(segment);
  if (w === undefined) {
    w = stringWidth(segment);
    if (clusterWidths.size >= MAX_CLUSTERS) clusterWidths.clear();
    clusterWidths.set(segment, w);
  }
  return w;
}

/**
 * The grapheme clusters of `text`, as the segmenter splits it whole, in linear time. Each piece
 * starts at a cluster boundary and ends after a whole code point (never between the halves of
 * a surrogate pair); whether a boundary falls before a character depends only on that character
 * and what precedes it (Unicode's grapheme rules look one character ahead), so every boundary
 * found in a piece is a boundary of the whole text, but its last cluster may go on past the
 * piece: that one is taken again at the start of the next piece. A piece holding less than two
 * clusters (one very long cluster) is doubled until it ends the text or holds two.
 */
export function* clusters(text: string): Generator<string> {
  let start = 0;
  let size = PIECE;
  while (start < text.length) {
    let end = start + size;
    if (end >= text.length) {
      for (const { segment } of segmenter.segment(start === 0 ? text : text.slice(start))) yield segment;
      return;
    }
    const before = text.charCodeAt(end - 1);
    if (before >= 0xd800 && before <= 0xdbff) end++;
    const pieces = Array.from(segmenter.segment(text.slice(start, end)), (s) => s.segment);
    if (pieces.length < 2) {
      size *= 2;
      continue;
    }
    const last = pieces.pop()!;
    for (const segment of pieces) yield segment;
    start = end - last.length;
    size = PIECE;
  }
}

/** Pads `text` on the right to `width` terminal columns. */
export function padEndDisplay(text: string, width: number): string {
  return padToWidth(text, displayWidth(text), width);
}

/** Pads `text`, whose display width is already known (`textWidth`), on the right to `width` columns. */
export function padToWidth(text: string, textWidth: number, width: number): string {
  const missing = width - textWidth;
  return missing > 0 ? text + ' '.repeat(missing) : text;
}

/**
 * A finding's message for people, in the locale of the run: the Message it carries rendered again
 * (with the labels of kam.yaml), else its `message` (English, or already rendered by the command).
 */
export function findingText(f: { message: string; text?: Message | undefined }): string {
  const tr = i18n();
  return f.text === undefined || tr.isPlainEnglish ? f.message : tr.render(f.text);
}
