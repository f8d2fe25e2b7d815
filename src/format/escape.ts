// The one escape of text that kam did not write itself (plan values, cells of a client export,
// keys of kam.yaml, file names, git commit subjects) before it reaches a terminal, a log or a
// report. A plan must not be able to drive the terminal (retitle it, clear it, move the cursor,
// hide text), nor reorder what a reader sees.
//
// What is escaped, and how it is shown:
//   - C0 controls U+0000–U+001F, DEL U+007F and C1 controls U+0080–U+009F (U+0085 NEL and
//     U+009B CSI included), and the line and paragraph separators U+2028, U+2029;
//   - the bidirectional controls U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C;
//   - lone surrogates (half of a UTF-16 pair: no character at all; UTF-8 cannot carry one).
// Each becomes a visible escape in the notation of JavaScript and JSON strings: `\n`, `\r`, `\t`
// for line feed, carriage return and tab, `\uXXXX` (four lowercase hex digits) for the others
// (ESC is `\u001b`, NEL `\u0085`, RLO `\u202e`). A backslash is not itself escaped, so text that
// holds a literal `\u001b` prints as an escaped ESC does: the escape makes text harmless and
// visible, it is not a lossless encoding (the JSON formats are).
//
// Text without any of these characters is returned unchanged (the same string), so output for
// ordinary input is byte for byte what it was.

/** Every character escaped in human output (see above). */
const HUMAN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** The same, but line feeds stay (multi-line messages, whole outputs). */
const HUMAN_BUT_LF = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** The same, but tab, CR and LF stay (HTML, where they are white space). */
const HUMAN_BUT_WHITESPACE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** The same, but CR and LF stay (GitHub workflow commands encode those themselves). */
const HUMAN_BUT_CRLF = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** A colour (SGR) sequence as chalk writes them, or a character of HUMAN_BUT_LF. */
const HUMAN_BUT_LF_AND_SGR = /(\u001b\[[0-9;]*m)|[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/**
 * What HUMAN_BUT_LF_AND_SGR would change: a character of HUMAN_BUT_LF, but ESC only where it
 * does not start a colour sequence. Colour output holds a sequence on nearly every line; with
 * this test first, output that needs no escape is returned as it is instead of being rebuilt.
 */
const HUMAN_BUT_LF_NOT_SGR = /\u001b(?!\[[0-9;]*m)|[\u0000-\u0009\u000b-\u001a\u001c-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** What JSON.stringify leaves raw and a terminal would act on: DEL, C1, separators, bidi controls. */
const JSON_RAW = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The visible form of one escaped character: `\n`, `\r`, `\t`, else `\uXXXX`. */
export function visibleEscape(c: string): string {
  return NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

function replaceAll(text: string, pattern: RegExp, replace: (c: string) => string): string {
  pattern.lastIndex = 0;
  if (!pattern.test(text)) return text;
  pattern.lastIndex = 0;
  return text.replace(pattern, replace);
}

/** One item on one line: every character above escaped, line breaks included. */
export function escapeText(text: string): string {
  return replaceAll(text, HUMAN, visibleEscape);
}

/** Text of several lines (a message, a whole output without colour): as escapeText, but line feeds stay. */
export function escapeLines(text: string): string {
  return replaceAll(text, HUMAN_BUT_LF, visibleEscape);
}

/** As escapeLines, but carriage returns stay too (for formats that encode CR and LF themselves). */
export function escapeButLineBreaks(text: string): string {
  return replaceAll(text, HUMAN_BUT_CRLF, visibleEscape);
}

/** For HTML and SVG: as escapeLines, but tab, CR and LF stay (white space there, not controls). */
export function escapeButWhitespace(text: string): string {
  return replaceAll(text, HUMAN_BUT_WHITESPACE, visibleEscape);
}

/**
 * A whole human output as kam drew it: as escapeLines, but kam's own colour sequences (SGR,
 * `ESC [ … m`, as chalk writes them) stay. The formatters escape each value of user text
 * before colouring it; this last pass guarantees that nothing else than line feeds and colours
 * reaches the terminal, should a value have been missed.
 */
export function escapeTerminal(text: string): string {
  if (!HUMAN_BUT_LF_NOT_SGR.test(text)) return text;
  return replaceAll(text, HUMAN_BUT_LF_AND_SGR, (c) => (c.length > 1 ? c : visibleEscape(c)));
}

/** The last pass of a human format: escapeTerminal when it is coloured, else escapeLines (no colour sequence can be kam's). */
export function escapeOutput(text: string, color: boolean): string {
  return color ? escapeTerminal(text) : escapeLines(text);
}

/**
 * A JSON text with DEL, C1, U+2028/U+2029 and the bidi controls written as `\uXXXX` escapes:
 * the same JSON values (those characters can only stand inside strings), but safe to print on
 * a terminal. JSON.stringify already escapes C0 and lone surrogates.
 */
export function escapeJson(json: string): string {
  return replaceAll(json, JSON_RAW, visibleEscape);
}

/**
 * Text for a Markdown table cell or inline text: one line (CR and LF become spaces), controls
 * shown as escapes, and each character Markdown gives a meaning inline escaped with a
 * backslash: `\` and the markup `` ` * _ ~ [ ] ``, `<` `>` (HTML, autolinks), `&` (an entity
 * such as `&#x202e;` would put back a control), `|` (a new cell), `$` (GitHub's math).
 */
export function markdownText(text: string): string {
  return escapeText(text.replace(/\r\n|[\r\n]/g, ' ')).replace(/[\\`*_~[\]<>&|$]/g, '\\$&');
}
