// The quickest reading of a plan: one pass over its lines for the YAML that plans are written
// in (block mappings and sequences, one-line flow collections, plain and one-line quoted
// scalars, plain block scalars for notes, comments). It builds the values as js-yaml does with
// its CORE schema, about 3x faster (no general state machine, no per-character dispatch through
// the whole grammar), and gives up, returning undefined, at the first thing outside that subset
// or that it is unsure of: other block scalars, multi-line plain or quoted scalars and flows,
// anchors, tags, explicit keys, unusual keys or number forms, duplicate keys, escapes other
// than JSON's, tabs, characters YAML does not allow (forbiddenCharAt).
// The caller then asks js-yaml (yaml-fast.ts). test/unit/yaml-fast.test.ts holds it equal to
// js-yaml and to the yaml library on generated and mutated plans; yaml-lines.test.ts lists cases.

const SPACE = 0x20, QUOTE = 0x22, HASH = 0x23, APOSTROPHE = 0x27, COMMA = 0x2c, DASH = 0x2d, COLON = 0x3a;
const PIPE = 0x7c, GREATER = 0x3e;
const OPEN_SEQ = 0x5b, BACKSLASH = 0x5c, CLOSE_SEQ = 0x5d, OPEN_MAP = 0x7b, CLOSE_MAP = 0x7d;

/** Thrown to give up; caught once at the top (cheaper than checking a result at every step). */
const GIVE_UP = Symbol('give up');

// What the careful path refuses anywhere in a text (forbiddenCharAt), and a BOM inside the text,
// which the yaml library drops and js-yaml keeps.
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFEFF\uFFFE\uFFFF\p{Cs}]/u;

/**
 * Offset of the first character YAML 1.2 does not allow in a stream (outside its printable set,
 * c-printable: C0 controls but tab and line breaks, DEL, C1 controls, surrogates, U+FFFE, U+FFFF),
 * or of a NEL (U+0085), or -1. The yaml library reads them as text; js-yaml refuses most. NEL is
 * printable in YAML 1.2 but a line break in YAML 1.1, so tools read such a plan differently.
 */
export function forbiddenCharAt(text: string): number {
  const m = FORBIDDEN_CHAR.exec(text);
  return m ? m.index : -1;
}
const FORBIDDEN_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFFFE\uFFFF\p{Cs}]/u;

// The yaml library's longest implicit key (it reports a longer one, js-yaml does not): lines
// past it give up, whatever they hold.
export const MAX_LINE = 1024;

// Plain scalars that start like a number: those the CORE schema reads as one for certain, and
// those that are text for certain; anything else (1e3, 0x1F, 007, .5, 1_000, 1:20…) gives up.
const INT = /^(0|-?[1-9][0-9]{0,14})$/;
const DECIMAL = /^-?(0|[1-9][0-9]{0,14})\.[0-9]{1,15}$/;
const DAY = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const NUMBER_CHARS = /^[-+.0-9A-Za-z_:]*$/;
// Keys: a plain word, or a canonical whole number (a year). Others give up.
const KEY_CHAR = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-') KEY_CHAR[ch.charCodeAt(0)] = 1;
const isKeyChar = (code: number) => code < 128 && KEY_CHAR[code] === 1;
// The characters a plain scalar's scan stops at, in a block and in a flow.
const BLOCK_SPECIAL = new Uint8Array(128);
const FLOW_SPECIAL = new Uint8Array(128);
for (const ch of ':#') BLOCK_SPECIAL[ch.charCodeAt(0)] = FLOW_SPECIAL[ch.charCodeAt(0)] = 1;
for (const ch of ',[]{}') FLOW_SPECIAL[ch.charCodeAt(0)] = 1;
const CANONICAL_INT_KEY = /^(0|[1-9][0-9]{0,14})$/;
// Plans are a few levels deep; deeper texts go to js-yaml (and past 64 levels to the careful path).
const MAX_DEPTH = 32;

// A CR that does not end a line (js-yaml breaks the line there, or keeps it in a scalar at the end).
const LONE_CR = /\r(?!\n)/;

export function parsePlanLines(text: string): { value: unknown } | undefined {
  // Tabs: whitespace to js-yaml in places, content in others; the reader knows only spaces.
  if (text.includes('\t') || NON_PRINTABLE.test(text) || (text.includes('\r') && LONE_CR.test(text))) return undefined;
  try {
    const reader = new LineReader(text);
    if (reader.done) return undefined;
    const value = reader.block(reader.indent, 0);
    if (!reader.done) return undefined;
    return { value };
  } catch (err) {
    if (err === GIVE_UP) return undefined;
    throw err;
  }
}

function giveUp(): never {
  throw GIVE_UP;
}

class LineReader {
  /** The current line: [start, end) without its line break; content from `start + indent`. */
  start = 0;
  end = 0;
  indent = 0;
  done = false;
  /** Where the line after the current one starts. */
  private next = 0;

  constructor(private readonly text: string) {
    this.advance();
  }

  /** Moves to the next line that holds content (not blank, not only a comment). */
  advance(): void {
    const text = this.text;
    while (this.next <= text.length) {
      const start = this.next;
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      this.next = end + 1;
      if (end > start && text.charCodeAt(end - 1) === 0x0d) end--;
      if (end - start > MAX_LINE) giveUp();
      let i = start;
      while (i < end && text.charCodeAt(i) === SPACE) i++;
      if (i === end || text.charCodeAt(i) === HASH) continue;
      this.start = start;
      this.end = end;
      this.indent = i - start;
      return;
    }
    this.done = true;
  }

  private isDashAt(col: number): boolean {
    const at = this.start + col;
    return this.text.charCodeAt(at) === DASH && (at + 1 === this.end || this.text.charCodeAt(at + 1) === SPACE);
  }

  /** The block node whose first line is the current one, its content at column `col`. */
  block(col: number, depth: number): unknown {
    if (depth > MAX_DEPTH) giveUp();
    if (this.isDashAt(col)) return this.sequence(col, depth);
    return this.mapping(col, depth);
  }

  /** A block sequence whose dashes stand at column `col`; ends at a line less indented or not a dash. */
  private sequence(col: number, depth: number): unknown[] {
    const items: unknown[] = [];
    for (;;) {
      const text = this.text;
      let c = this.start + col + 1;
      while (c < this.end && text.charCodeAt(c) === SPACE) c++;
      if (c === this.end || text.charCodeAt(c) === HASH || this.isDashAt(c - this.start)) giveUp(); // an item below, or nested dashes
      if (this.keyEnd(c) !== -1) {
        items.push(this.mapping(c - this.start, depth + 1));
      } else {
        items.push(this.inlineValue(c, col, depth + 1));
        this.advance();
      }
      if (this.done || this.indent < col) return items;
      if (this.indent > col || !this.isDashAt(col)) {
        if (this.indent === col) return items; // a key of the mapping that holds this sequence
        giveUp();
      }
    }
  }

  /**
   * A block mapping whose keys stand at column `col` (its first key may follow a dash on the
   * current line). Ends at a line less indented, or a dash at a lesser column.
   */
  private mapping(col: number, depth: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    const text = this.text;
    for (;;) {
      const keyStart = this.start + col;
      const colon = this.keyEnd(keyStart);
      if (colon === -1) giveUp();
      const key = keyOf(text, keyStart, colon);
      if (map[key] !== undefined) giveUp(); // a repeated key (or one Object.prototype has: js-yaml decides)
      let v = colon + 1;
      while (v < this.end && text.charCodeAt(v) === SPACE) v++;
      if (v < this.end && text.charCodeAt(v) !== HASH) {
        map[key] = this.inlineValue(v, col, depth + 1);
        this.advance();
      } else {
        this.advance();
        // The value below: more indented, or a sequence at the key's own column.
        if (!this.done && (this.indent > col || (this.indent === col && this.isDashAt(col)))) {
          map[key] = this.block(this.indent, depth + 1);
        } else {
          map[key] = null;
        }
      }
      if (this.done || this.indent < col) return map;
      if (this.indent > col || this.isDashAt(col)) giveUp();
    }
  }

  /** The index of the `:` ending a key (plain, or quoted on one line) that starts at `from` on the current line, or -1. */
  private keyEnd(from: number): number {
    const text = this.text;
    let i = keyTextEnd(text, from, this.end);
    if (i === from || text.charCodeAt(i) !== COLON) return -1;
    return i + 1 === this.end || text.charCodeAt(i + 1) === SPACE ? i : -1;
  }

  /**
   * A value that starts at `at` and ends the current line (a comment may follow), or a block
   * scalar whose header it is. `parentCol`: the column of the mapping or sequence that holds it.
   */
  private inlineValue(at: number, parentCol: number, depth: number): unknown {
    const text = this.text;
    const ch = text.charCodeAt(at);
    let value: unknown;
    let after: number;
    if (ch === PIPE || ch === GREATER) {
      return this.blockScalar(at, parentCol);
    } else if (ch === OPEN_SEQ || ch === OPEN_MAP) {
      const flow = new FlowReader(text, this.end);
      value = flow.collection(at, depth);
      after = flow.pos;
    } else if (ch === QUOTE || ch === APOSTROPHE) {
      const close = quotedEnd(text, at, this.end);
      value = quotedValue(text, at, close);
      after = close + 1;
    } else {
      return plainValue(text, at, this.end, false).value;
    }
    // After a quoted scalar or a flow collection: only spaces, then the end or a comment.
    let i = after;
    while (i < this.end && text.charCodeAt(i) === SPACE) i++;
    if (i < this.end && !(text.charCodeAt(i) === HASH && i > after)) giveUp();
    return value;
  }

  /**
   * The plain kind of block scalar that notes are written in: a header of `|`, `|-`, `>` or `>-`
   * alone, a body at one indentation past the parent's, blank lines only between body lines, no
   * trailing spaces, a line break after the last line, and the next content less indented (not
   * a comment). Anything else gives up (chomping and folding are where readers differ).
   * Leaves `next` at the line after the body.
   */
  private blockScalar(at: number, parentCol: number): string {
    const text = this.text;
    const literal = text.charCodeAt(at) === PIPE;
    const strip = at + 1 < this.end && text.charCodeAt(at + 1) === DASH;
    if (at + (strip ? 2 : 1) !== this.end) giveUp();
    const parts: string[] = [];
    let blanks = 0;
    let bodyIndent = -1;
    let pos = this.next;
    while (pos < text.length) {
      let end = text.indexOf('\n', pos);
      if (end === -1) giveUp(); // no line break after the body's last line
      const next = end + 1;
      if (end > pos && text.charCodeAt(end - 1) === 0x0d) end--;
      if (end - pos > MAX_LINE) giveUp();
      if (end === pos) {
        blanks++;
        pos = next;
        continue;
      }
      let indent = 0;
      while (pos + indent < end && text.charCodeAt(pos + indent) === SPACE) indent++;
      if (pos + indent === end || text.charCodeAt(end - 1) === SPACE) giveUp(); // a line of spaces, a trailing space
      if (bodyIndent === -1) {
        if (indent <= parentCol || blanks > 0) giveUp(); // an empty scalar, or one that starts with blank lines
        bodyIndent = indent;
      } else if (indent < bodyIndent) {
        if (blanks > 0 || text.charCodeAt(pos + indent) === HASH) giveUp();
        break;
      } else if (indent > bodyIndent) {
        giveUp(); // a more indented line: folding keeps its breaks
      }
      const line = text.slice(pos + bodyIndent, end);
      if (parts.length > 0) parts.push(literal ? '\n'.repeat(blanks + 1) : blanks > 0 ? '\n'.repeat(blanks) : ' ');
      parts.push(line);
      blanks = 0;
      pos = next;
    }
    if (bodyIndent === -1 || blanks > 0) giveUp();
    this.next = pos;
    const body = parts.join('');
    return strip ? body : body + '\n';
  }
}

/** One-line flow collections: `[a, b]`, `{ k: v, k2: [x] }`. */
class FlowReader {
  pos = 0;
  constructor(
    private readonly text: string,
    private readonly end: number,
  ) {}

  private skipSpaces(): void {
    while (this.pos < this.end && this.text.charCodeAt(this.pos) === SPACE) this.pos++;
  }

  collection(at: number, depth: number): unknown {
    if (depth > MAX_DEPTH) giveUp();
    const text = this.text;
    this.pos = at + 1;
    return text.charCodeAt(at) === OPEN_MAP ? this.flowMapping(depth) : this.flowSequence(depth);
  }

  private flowMapping(depth: number): Record<string, unknown> {
    const text = this.text;
    const map: Record<string, unknown> = {};
    if (this.opensEmpty(CLOSE_MAP)) return map;
    for (;;) {
      const keyStart = this.pos;
      this.pos = keyTextEnd(text, keyStart, this.end);
      if (this.pos === keyStart || text.charCodeAt(this.pos) !== COLON || text.charCodeAt(this.pos + 1) !== SPACE) giveUp();
      const key = keyOf(text, keyStart, this.pos);
      if (map[key] !== undefined) giveUp(); // a repeated key (or one Object.prototype has: js-yaml decides)
      this.pos += 2;
      this.skipSpaces();
      map[key] = this.item(depth + 1);
      if (this.closes(CLOSE_MAP)) return map;
    }
  }

  private flowSequence(depth: number): unknown[] {
    const items: unknown[] = [];
    if (this.opensEmpty(CLOSE_SEQ)) return items;
    for (;;) {
      items.push(this.item(depth + 1));
      if (this.closes(CLOSE_SEQ)) return items;
    }
  }

  /** After the opening bracket: true (and past it) when the closing one comes next. */
  private opensEmpty(close: number): boolean {
    this.skipSpaces();
    if (this.text.charCodeAt(this.pos) !== close) return false;
    this.pos++;
    return true;
  }

  /** After an entry: true at the closing bracket, false after a comma that another entry follows. */
  private closes(close: number): boolean {
    const text = this.text;
    this.skipSpaces();
    const ch = text.charCodeAt(this.pos);
    if (ch === close) {
      this.pos++;
      return true;
    }
    if (ch !== COMMA) giveUp();
    this.pos++;
    this.skipSpaces();
    if (this.pos >= this.end || text.charCodeAt(this.pos) === close) giveUp(); // a trailing comma
    return false;
  }

  private item(depth: number): unknown {
    const text = this.text;
    const ch = text.charCodeAt(this.pos);
    if (ch === OPEN_SEQ || ch === OPEN_MAP) return this.collection(this.pos, depth);
    if (ch === QUOTE || ch === APOSTROPHE) {
      const close = quotedEnd(text, this.pos, this.end);
      const value = quotedValue(text, this.pos, close);
      this.pos = close + 1;
      return value;
    }
    const plain = plainValue(text, this.pos, this.end, true);
    this.pos = plain.end;
    return plain.value;
  }
}

/** Where a key that starts at `from` ends: past its closing quote, or past its run of plain key characters. */
function keyTextEnd(text: string, from: number, end: number): number {
  const first = text.charCodeAt(from);
  if (first === QUOTE || first === APOSTROPHE) return quotedEnd(text, from, end) + 1;
  let i = from;
  while (i < end && isKeyChar(text.charCodeAt(i))) i++;
  return i;
}

/**
 * The name of the key text[from, to): a quoted one as written, a plain word (not one the CORE
 * schema reads as null or a boolean), or a canonical whole number. Others give up.
 */
function keyOf(text: string, from: number, to: number): string {
  const c = text.charCodeAt(from);
  const raw = c === QUOTE || c === APOSTROPHE ? quotedValue(text, from, to - 1) : text.slice(from, to);
  if (raw === '__proto__') giveUp();
  if (c === QUOTE || c === APOSTROPHE) return raw;
  if (c >= 0x30 && c <= 0x39) return CANONICAL_INT_KEY.test(raw) ? raw : giveUp();
  if (c === DASH || c === 0x2e) giveUp();
  if (raw.length <= 5 && isCoreWord(raw)) giveUp();
  return raw;
}

/** The index of the quote closing the scalar opening at `at`, on this line, or give up. */
function quotedEnd(text: string, at: number, end: number): number {
  const quote = text.charCodeAt(at);
  for (let i = at + 1; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === BACKSLASH && quote === QUOTE) {
      i = jsonEscapeEnd(text, i, end);
      continue;
    }
    if (ch === quote) {
      if (quote === APOSTROPHE && text.charCodeAt(i + 1) === APOSTROPHE) {
        i++;
        continue;
      }
      return i;
    }
  }
  return giveUp();
}

// The escapes YAML's double quotes share with JSON (and mean the same there); others give up.
const JSON_ESCAPE = new Uint8Array(128);
for (const ch of '"\\/bfnrt') JSON_ESCAPE[ch.charCodeAt(0)] = 1;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** The last index of the escape whose backslash is at `at`: one of JSON's, and no surrogate half. */
function jsonEscapeEnd(text: string, at: number, end: number): number {
  const ch = text.charCodeAt(at + 1);
  if (ch < 128 && JSON_ESCAPE[ch] === 1) return at + 1;
  if (ch !== 0x75 || at + 5 >= end) giveUp(); // u
  const hex = text.slice(at + 2, at + 6);
  const code = parseInt(hex, 16);
  if (!HEX4.test(hex) || (code >= 0xd800 && code <= 0xdfff)) giveUp();
  return at + 5;
}

function quotedValue(text: string, open: number, close: number): string {
  const inner = text.slice(open + 1, close);
  if (text.charCodeAt(open) === APOSTROPHE) return inner.includes("''") ? inner.replaceAll("''", "'") : inner;
  // Escapes checked by quotedEnd: JSON reads them as YAML does.
  return inner.includes('\\') ? (JSON.parse(text.slice(open, close + 1)) as string) : inner;
}

/**
 * A plain scalar from `at`: in a block, to the line's end or a comment; in a flow, to `,` `]`
 * `}`. Gives up on what could make it something else (`: `, indicators, a `#` in a flow).
 */
function plainValue(text: string, at: number, end: number, inFlow: boolean): { value: unknown; end: number } {
  const first = text.charCodeAt(at);
  // Indicators that cannot start a plain scalar, or that start what this reader leaves to js-yaml.
  if (first === DASH ? at + 1 >= end || text.charCodeAt(at + 1) === SPACE : '?:,[]{}#&*!|>\'"%@`'.includes(text[at]!)) giveUp();
  let stop = end;
  const special = inFlow ? FLOW_SPECIAL : BLOCK_SPECIAL;
  for (let i = at; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch >= 128 || special[ch] === 0) continue;
    if (ch === COLON) {
      const next = text.charCodeAt(i + 1);
      if (i + 1 === end || next === SPACE || (inFlow && (next === COMMA || next === CLOSE_SEQ || next === CLOSE_MAP))) giveUp();
    } else if (ch === HASH) {
      if (inFlow) giveUp();
      if (text.charCodeAt(i - 1) === SPACE) {
        stop = i;
        break;
      }
    } else if (inFlow && (ch === COMMA || ch === CLOSE_SEQ || ch === CLOSE_MAP || ch === OPEN_SEQ || ch === OPEN_MAP)) {
      if (ch === OPEN_SEQ || ch === OPEN_MAP) giveUp();
      stop = i;
      break;
    }
  }
  let last = stop;
  while (last > at && text.charCodeAt(last - 1) === SPACE) last--;
  if (inFlow && last === at) giveUp(); // an empty entry
  return { value: resolvePlain(text.slice(at, last)), end: last };
}

function isCoreWord(s: string): boolean {
  switch (s) {
    case 'null': case 'Null': case 'NULL': case 'true': case 'True': case 'TRUE': case 'false': case 'False': case 'FALSE':
      return true;
  }
  return false;
}

/** The CORE schema's reading of a plain scalar, where it is certain. */
function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  if ((c >= 0x30 && c <= 0x39) || c === DASH || c === 0x2b || c === 0x2e) {
    if (INT.test(s) || DECIMAL.test(s)) return Number(s);
    if (DAY.test(s)) return s;
    if (NUMBER_CHARS.test(s)) giveUp();
    return s;
  }
  if (s === '~') return null;
  if (s.length <= 5 && isCoreWord(s)) {
    const first = s[0]!.toLowerCase();
    return first === 'n' ? null : first === 't';
  }
  return s;
}
