// The fast path of YAML reading (issue: 10,000 plans must parse near the speed of js-yaml).
//
// Values: the line reader (yaml-lines.ts) for most plans, else js-yaml with its CORE schema,
// about 10x faster than the position-keeping `yaml` document. Locations: a line scanner for the block-and-single-line-flow YAML that plans are
// written in. Each returns undefined for anything it does not handle with certainty (anchors,
// aliases, tags, block scalars, multi-line flow or quoted scalars, odd keys, the number forms and
// keys the two libraries read differently), and the caller then takes the `yaml` library's path.
// test/unit/yaml-fast.test.ts proves both agree with it (differential tests with fast-check).
import jsYaml from 'js-yaml';
import type { Position, YamlPath } from './findings.js';
// MAX_LINE: yaml's longest implicit key; a longer line takes the careful path (which reports the key).
import { forbiddenCharAt, MAX_LINE, parsePlanLines } from './yaml-lines.js';

// Features whose meaning the two parsers could disagree on, or that cost more than they seem
// (aliases can expand exponentially): their files take the careful path, values and locations.
// Each pattern runs only when its guard, a cheap search for the rare characters it needs, finds
// them: these run on every plan (10,000 plans must stay fast), so no pattern scans every text.
const has =
  (...needles: string[]) =>
  (text: string) =>
    needles.some((n) => text.includes(n));
const NEEDS_CAREFUL_PATH: [guard: (text: string) => boolean, pattern: RegExp][] = [
  [has('&', '*', '!'), /(^|[\s[{,:-])(!|[&*][^ \t\r\n,\]}])/m], // anchors, aliases, tags (also a lone `!`)
  [(t) => /^(---|\.\.\.|%)/.test(t) || has('\n---', '\n...', '\n%')(t), /^(---|\.\.\.|%)/m], // document markers, directives
  [has('?'), /(^|[\s[{,])\?([\s,\]}]|$)/m], // explicit keys, also `- ? a`, `[? a]` and `[?]`
  [has(']:', '}:', '] ', '} '), /[\]}][ \t]*:([\s,\]}]|$)/m], // a collection as a key: yaml names it "[ a ]", js-yaml "a"
  [has('"#', "'#", ']#', '}#'), /["'\]}]#/], // a comment right after a quote or bracket: an error for yaml only
  // 0b1, signed -0x1F/-0o7/-0b1 (js-yaml: numbers, yaml: strings), and hex or octal past 1e308.
  [has('0b', '0x', '0o'), /\b0b[01]|[-+]0[xob]|0[xo][0-9a-fA-F]{250}/],
  [has('\t'), /\t/], // tabs: the two report them differently
  [has('\r'), /\r(?!\n)/], // a CR that does not end a line: a line break for js-yaml, not for yaml
  // Unusual escapes in double quotes; also \x and \u other than two and four hex digits, \u of half
  // a surrogate pair (js-yaml reads it, the careful path refuses it), and \U (js-yaml reads
  // \U00110000 as two halves of pairs, yaml refuses it).
  [has('\\'), /\\(?:[^"\\/bfnrt0aveNLP _xu]|x(?![0-9a-fA-F]{2})|u(?![0-9a-fA-F]{4})|u[dD][89a-fA-F])/],
  [has('\ufeff'), /\ufeff/], // a BOM inside the text: yaml drops it, js-yaml keeps it
];

function needsCarefulPath(text: string): boolean {
  for (const [guard, pattern] of NEEDS_CAREFUL_PATH) if (guard(text) && pattern.test(text)) return true;
  return (text.includes('|') || text.includes('>')) && !blockScalarsPlain(text);
}

// A line that may open a block scalar: `|` or `>` ending it (with indicators, a comment).
const BLOCK_HEADER = /(^|\s)[|>][-+0-9]*[ \t]*(#.*)?$/;
// The forms the fast path takes: `key: |`, `- |`, `- key: |`, with `|`, `|-`, `>` or `>-` only.
const PLAIN_BLOCK_HEADER = /^( *)(- +)?([^\s#'"{[|>!&*?%@`,\]}-][^#]*?: +)?[|>]-?$/;

/**
 * True when every block scalar is of the plain kind that notes are written in, where js-yaml
 * and yaml agree: a plain header, a body at one indentation (no more-indented line, whose
 * folding the two could read differently), no line of only spaces, no trailing space, and no
 * blank line at its end (chomping). Others, and lines that only look like headers, defer.
 */
function blockScalarsPlain(text: string): boolean {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const header = stripCr(lines[i]!);
    if (!(header.includes('|') || header.includes('>')) || !BLOCK_HEADER.test(header)) continue;
    const m = PLAIN_BLOCK_HEADER.exec(header);
    if (!m) return false;
    // The body must be indented past the node that holds the scalar: the key, or the dash.
    const parent = m[1]!.length + (m[2] !== undefined && m[3] !== undefined ? m[2].length : 0);
    let bodyIndent = -1;
    let lastContent = i;
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = stripCr(lines[j]!);
      if (line === '') continue;
      let indent = 0;
      while (line.charCodeAt(indent) === 0x20) indent++;
      if (indent === line.length || line.endsWith(' ')) return false;
      if (bodyIndent === -1) {
        if (indent <= parent) return false; // an empty scalar
        bodyIndent = indent;
      } else if (indent < bodyIndent) break;
      else if (indent > bodyIndent) return false;
      lastContent = j;
    }
    if (bodyIndent === -1) return false;
    // Blank lines between the body and what follows (or the end), other than the final newline.
    const blanksAfter = j - lastContent - 1;
    if (blanksAfter > (j === lines.length ? 1 : 0)) return false;
    if (j === lines.length && blanksAfter === 0) return false; // no final newline after the body
    i = lastContent;
  }
  return true;
}

const stripCr = (line: string) => (line.endsWith('\r') ? line.slice(0, -1) : line);


/**
 * True when every flow collection and quoted scalar closes on the line it opens on (the two
 * parsers differ on how far the next lines must be indented: yaml is strict, js-yaml is not; the
 * locator reads one line at a time), and no line is longer than MAX_LINE.
 */
function closeOnTheirLines(text: string): boolean {
  for (let start = 0; start < text.length; ) {
    const end = lineEnd(text, start);
    if (end - start > MAX_LINE || !closesOnLine(text, start, end)) return false;
    start = end + 1;
  }
  return true;
}

// Cheap signs that no flow collection or quoted scalar spans lines: no opening bracket is followed
// on its line by another one, a `#` or the line's end before a closing one (so no nesting either),
// and no quote starts a scalar. Typical plans pass both; the others get the exact line scan.
// (The lookahead and back-reference make the run of other characters atomic: no backtracking.)
const MAY_SPAN_LINES = /[[{](?=([^\n\]}#[{]*))\1([[{#]|$)/m;
// (Also after `-`, as closesOnLine counts it: so a text these pass is one closeOnTheirLines passes.)
const QUOTED = /(^|[\s[{,:-])["']/;
const mayHaveQuoted = (text: string) => (text.includes('"') || text.includes("'")) && QUOTED.test(text);

/** True when a line is longer than MAX_LINE. */
function hasLongLine(text: string): boolean {
  if (text.length <= MAX_LINE) return false;
  for (let start = 0; start < text.length; ) {
    const end = lineEnd(text, start);
    if (end - start > MAX_LINE) return true;
    start = end + 1;
  }
  return false;
}

const SPACE = 0x20, QUOTE = 0x22, HASH = 0x23, APOSTROPHE = 0x27, PLUS = 0x2b, COMMA = 0x2c, DASH = 0x2d, DOT = 0x2e;
const ZERO = 0x30, NINE = 0x39, COLON = 0x3a, OPEN = 0x5b, CLOSE = 0x5d, OPEN_MAP = 0x7b, CLOSE_MAP = 0x7d;

/**
 * True when every bracket and quote opened on the line text[start, end) closes on it. A quote
 * opens a scalar at the start of the content or after `[{,:-` and spaces (after a space only, it
 * is inside a plain scalar); a bracket opens a collection at the start or after ` :-`, or inside
 * another. (Counting a bracket or quote that opens nothing only defers.)
 */
function closesOnLine(text: string, start: number, end: number): boolean {
  let from = start;
  while (from < end && text.charCodeAt(from) === SPACE) from++;
  let depth = 0;
  let last = SPACE; // the last character before i that is not a space (SPACE: none yet)
  for (let i = from; i < end; i++) {
    const ch = text.charCodeAt(i);
    const prev = i === from ? SPACE : text.charCodeAt(i - 1);
    if (prev !== SPACE) last = prev;
    if (ch === QUOTE || ch === APOSTROPHE) {
      if (last === SPACE || last === OPEN || last === OPEN_MAP || last === COMMA || last === COLON || last === DASH) {
        i = quoteEnd(text, i, end);
        if (i === -1) return false;
      }
    } else if (ch === HASH) {
      if (prev === SPACE) break;
    } else if (ch === OPEN || ch === OPEN_MAP) {
      if (depth > 0 || prev === SPACE || prev === COLON || prev === DASH) depth++;
    } else if ((ch === CLOSE || ch === CLOSE_MAP) && depth > 0) {
      depth--;
    }
  }
  return depth === 0;
}

// The same limit as yaml-source.ts's MAX_DEPTH: the careful path refuses deeper values.
const MAX_DEPTH = 64;

/** What a value walk noticed (see readsAlike). */
interface Seen {
  zero: boolean;
  nullItem: boolean;
}

/**
 * False when the careful path may read the text otherwise, as told by js-yaml's value (a walk is
 * cheaper than a pattern over the text): nesting past MAX_DEPTH (yaml refuses it), a key "null"
 * (yaml reads an empty or null key as ""), a string that yaml reads as a number (see numberLike).
 * Also notes zeros and null items, which a pattern then checks (-0, an empty nested item).
 */
function readsAlike(value: unknown, limit: number, seen: Seen): boolean {
  if (typeof value === 'string') return !numberLike(value);
  if (value === 0) seen.zero = true;
  if (value === null || typeof value !== 'object') return true;
  if (limit === 0) return false;
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item === null) seen.nullItem = true;
      else if (!readsAlike(item, limit - 1, seen)) return false;
    }
  } else {
    for (const key in value) {
      if (key === 'null' || numberLike(key) || !readsAlike((value as Record<string, unknown>)[key], limit - 1, seen)) return false;
    }
  }
  return true;
}

const CORE_NUMBER = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/**
 * A string that is a YAML 1.2 number: js-yaml keeps -.5, +.5 and numbers past 1e308 as text,
 * yaml reads them as numbers (a quoted "-.5" is a string for both, but such a file is rare).
 */
function numberLike(s: string): boolean {
  const c = s.charCodeAt(0);
  if ((c === DASH || c === PLUS) && s.charCodeAt(1) === DOT) return CORE_NUMBER.test(s);
  if (!(c >= ZERO && c <= NINE) && c !== DOT && c !== DASH && c !== PLUS) return false;
  // Past 1e308 takes 200 digits or an exponent (the common dates and ids stop at the first test).
  return (s.length >= 200 || s.includes('e') || s.includes('E')) && CORE_NUMBER.test(s) && !Number.isFinite(parseFloat(s));
}

// After a zero in the value: `-0` (js-yaml reads 0, yaml -0). After a null item: an empty item
// (`-` and nothing after it), which js-yaml, when nested, fills with the next outer items.
const SIGNED_ZERO = /(^|[\s[{,:])-0(?![0-9.eE])/m;
const EMPTY_ITEM = /(^|[ \t])-[ \t]*(#.*)?$/m;

/**
 * True when an entry of a flow mapping starts with a bracket: a collection as a key. One line at a
 * time (flows that span lines took the careful path already); a bracket inside a plain scalar
 * counts as one too, which only sends a rare file down the careful path.
 */
function hasCollectionKeyInFlowMap(text: string): boolean {
  const open: number[] = [];
  let entryStart = false;
  let last = SPACE; // the last character that is not a space
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x0a) {
      open.length = 0;
      entryStart = false;
      last = SPACE;
      continue;
    }
    if (ch === SPACE) continue;
    if ((ch === QUOTE || ch === APOSTROPHE) && open.length > 0 && (last === OPEN || last === OPEN_MAP || last === COMMA || last === COLON)) {
      const close = quoteEnd(text, i, lineEnd(text, i));
      if (close === -1) return true;
      i = close;
      entryStart = false;
    } else if (ch === HASH && text.charCodeAt(i - 1) === SPACE) {
      i = lineEnd(text, i) - 1;
      continue;
    } else if (ch === OPEN || ch === OPEN_MAP) {
      if (entryStart && open[open.length - 1] === OPEN_MAP) return true;
      open.push(ch);
      entryStart = true;
    } else if (ch === CLOSE || ch === CLOSE_MAP) {
      open.pop();
      entryStart = false;
    } else {
      entryStart = ch === COMMA && open.length > 0;
    }
    last = ch;
  }
  return false;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}

/** The value of a YAML text, or undefined when the careful path must decide (including every error). */
export function fastYamlValue(text: string): { value: unknown } | undefined {
  // Most plans: the line reader. It reads only what js-yaml and the yaml library read alike,
  // every line on its own, so such a text needs none of the screens below (see yaml-lines.ts),
  // and the fast locator may take it as it is.
  const quick = parsePlanLines(text);
  if (quick) return quick;
  // Characters YAML does not allow (js-yaml refuses them, but not in quotes or comments): the
  // careful path reports them. (The line reader gave up on them too.)
  if (forbiddenCharAt(text) !== -1 || needsCarefulPath(text)) return undefined;
  if (hasLongLine(text) || ((MAY_SPAN_LINES.test(text) || mayHaveQuoted(text)) && !closeOnTheirLines(text))) return undefined;
  // A flow collection as a key without a value (`{ [a], b: c }`): js-yaml names it "a", yaml "[ a ]".
  // (Checked after the line reader: only texts it left pay for it.)
  if (text.includes('{') && hasCollectionKeyInFlowMap(text)) return undefined;
  let value: unknown;
  try {
    // maxDepth (js-yaml 4.3; not in its types yet) keeps hostile nesting off the stack.
    value = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, json: false, maxDepth: 200 } as jsYaml.LoadOptions);
  } catch {
    return undefined;
  }
  const seen: Seen = { zero: false, nullItem: false };
  if (!readsAlike(value, MAX_DEPTH, seen)) return undefined;
  if ((seen.zero && SIGNED_ZERO.test(text)) || (seen.nullItem && EMPTY_ITEM.test(text))) return undefined;
  return { value: value === undefined ? null : value }; // an empty text: js-yaml says undefined, yaml null
}

// ---- locations --------------------------------------------------------------

interface Line {
  text: string;
  indent: number;
  /** Content starts (after indentation); -1 for a blank or comment-only line. */
  start: number;
}

type Node =
  | { kind: 'map'; line: number; indent: number; col: number }
  | { kind: 'seq'; line: number; indent: number; col: number }
  | { kind: 'flow'; line: number; col: number }
  | { kind: 'scalar'; line: number; col: number };

export interface FastLocator {
  locate(path: YamlPath, on: 'key' | 'value'): Position | undefined;
}

/**
 * A locator for texts in the subset it understands; undefined for the others. `prescreened`:
 * fastYamlValue took the text, so it passed these same checks or the line reader read it, every
 * line on its own (do not pay for the checks twice).
 */
export function fastLocator(text: string, prescreened = false): FastLocator | undefined {
  if (!prescreened && (needsCarefulPath(text) || !closeOnTheirLines(text))) return undefined;
  const lines: Line[] = text.split('\n').map((raw) => {
    const t = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    let i = 0;
    while (i < t.length && t.charCodeAt(i) === 0x20) i++;
    const start = i === t.length || t[i] === '#' ? -1 : i;
    return { text: t, indent: i, start };
  });

  const root = nodeAt(lines, firstContent(lines, 0), -1);
  // Findings of one file share their first steps (actions, then an item), and a file may have
  // 90,000 of them (unknown keys): each collection is scanned once, the first time it is asked,
  // into an index (key → line, item → line), so that locating stays linear in the file's size.
  let width = 1;
  for (const line of lines) if (line.text.length >= width) width = line.text.length + 1;
  const maps = new Map<number, BlockMapIndex>();
  const entryOf = (map: Extract<Node, { kind: 'map' }>, key: string) => {
    const id = map.line * width + map.col;
    let index = maps.get(id);
    if (!index) maps.set(id, (index = blockMapIndex(lines, map)));
    const at = index.keys.get(key);
    if (at === undefined) return index.unsure ? null : undefined;
    return blockEntry(lines, map, at);
  };
  const seqs = new Map<number, number[]>();
  const itemOf = (seq: Extract<Node, { kind: 'seq' }>, n: number) => {
    const id = seq.line * width + seq.col;
    let index = seqs.get(id);
    if (!index) seqs.set(id, (index = blockSeqIndex(lines, seq)));
    const at = index[n];
    return at === undefined ? undefined : blockItem(lines, seq, at);
  };
  const flows = new Map<number, FlowIndex>();
  const flowOf = (node: Node) => {
    const id = node.line * width + node.col;
    let index = flows.get(id);
    if (!index) flows.set(id, (index = flowIndex(lines[node.line]!.text, node.col)));
    return index;
  };
  return {
    locate(path, on) {
      if (path.length === 0) return { line: 1, column: 1 };
      if (!root) return undefined;
      let node: Node = root;
      let at: Position = { line: node.line + 1, column: node.col + 1 };
      for (let i = 0; i < path.length; i++) {
        const seg = path[i]!;
        const last = i === path.length - 1;
        if (node.kind === 'map' || (node.kind === 'flow' && lines[node.line]!.text[node.col] === '{')) {
          const entry = node.kind === 'map' ? entryOf(node, String(seg)) : flowEntry(lines[node.line]!.text, flowOf(node), String(seg));
          if (entry === null) return undefined;
          if (entry === undefined) break;
          const line = node.kind === 'map' ? entry.line : node.line;
          if (last && on === 'key') {
            at = { line: line + 1, column: entry.keyCol + 1 };
            break;
          }
          if (!entry.value) return undefined; // an empty value: the careful path knows where it is
          node = entry.value.line === -1 ? withLine(entry.value, line) : entry.value;
        } else if ((node.kind === 'seq' || node.kind === 'flow') && typeof seg === 'number') {
          const item = node.kind === 'seq' ? itemOf(node, seg) : flowItem(lines[node.line]!.text, flowOf(node).parts, seg, node.line);
          if (item === null) return undefined;
          if (item === undefined) break;
          node = item;
        } else {
          break;
        }
        at = { line: node.line + 1, column: node.col + 1 };
      }
      return at;
    },
  };
}

function firstContent(lines: readonly Line[], from: number): number {
  let i = from;
  while (i < lines.length && lines[i]!.start === -1) i++;
  return i;
}

/** The node whose content starts at line `index` (its first content column), for a parent of `parentIndent`. */
function nodeAt(lines: readonly Line[], index: number, parentIndent: number, col?: number): Node | undefined {
  const line = lines[index];
  if (!line) return undefined;
  const c = col ?? line.start;
  if (c < 0 || (col === undefined && line.indent <= parentIndent && !isDash(line.text, c))) return undefined;
  return nodeAtColumn(line.text, index, c);
}

function nodeAtColumn(text: string, index: number, c: number): Node {
  const ch = text[c];
  if (ch === '{' || ch === '[') return { kind: 'flow', line: index, col: c };
  if (isDash(text, c)) return { kind: 'seq', line: index, indent: c, col: c };
  if (keyEnd(text, c) !== -1) return { kind: 'map', line: index, indent: c, col: c };
  return { kind: 'scalar', line: index, col: c };
}

function isDash(text: string, c: number): boolean {
  return text[c] === '-' && (c + 1 === text.length || text[c + 1] === ' ');
}

/** End of a block-mapping key starting at c (the index of its ':'), or -1 when the line holds no key there. */
function keyEnd(text: string, c: number): number {
  const ch = text[c];
  if (ch === '"' || ch === "'") {
    const close = quoteEnd(text, c);
    if (close === -1) return -1;
    let i = close + 1;
    while (text[i] === ' ') i++;
    return text[i] === ':' && (i + 1 === text.length || text[i + 1] === ' ') ? i : -1;
  }
  if (ch === '{' || ch === '[' || ch === '#' || ch === undefined) return -1;
  for (let i = c; i < text.length; i++) {
    if (text[i] === ':' && (i + 1 === text.length || text[i + 1] === ' ')) return i;
    if (text[i] === '#' && text[i - 1] === ' ') return -1;
  }
  return -1;
}

/** The key's text, or null when it is a form whose value YAML could read differently (numbers other than digits, booleans, null). */
function keyText(text: string, c: number, end: number): string | null {
  let stop = end;
  while (stop > c && text.charCodeAt(stop - 1) === SPACE) stop--; // only spaces: a no-break space is part of the key
  const raw = text.slice(c, stop);
  // Most keys are plain words: a letter that cannot start true, false, null, .inf or .nan needs no further test.
  if (PLAIN_KEY_START.test(raw)) return raw;
  if (raw === '') return null; // an empty key: yaml's "" (the careful locator looks for "null")
  if (raw[0] === '"') {
    try {
      return JSON.parse(raw) as string;
    } catch {
      return null;
    }
  }
  if (raw[0] === "'") return raw.slice(1, -1).replace(/''/g, "'");
  // Digits are the key's own name only in canonical form: yaml names `01` "1", and a huge one by its double.
  if (/^[0-9]+$/.test(raw)) return String(Number(raw)) === raw ? raw : null;
  if (/^(true|false|null|~|[-+]?\.?[0-9].*|[-+]?\.(inf|nan))$/i.test(raw)) return null;
  return raw;
}

// A first letter other than t, f, n (true, false, null in any case), and not a quote or digit.
const PLAIN_KEY_START = /^[A-EG-MO-SU-Za-eg-mo-su-z_]/;

interface Entry {
  line: number;
  keyCol: number;
  value?: Node;
}

/**
 * The keys of a block mapping, each with the line of its first entry, up to the first line the
 * scan is unsure of (`unsure`: a key not found before it may be after it, or be read otherwise).
 */
interface BlockMapIndex {
  keys: Map<string, number>;
  unsure: boolean;
}

function blockMapIndex(lines: readonly Line[], map: Extract<Node, { kind: 'map' }>): BlockMapIndex {
  const keys = new Map<string, number>();
  for (let i = map.line; i < lines.length; i++) {
    const line = lines[i]!;
    const c = i === map.line ? map.col : line.start;
    if (c === -1) continue;
    const indent = i === map.line ? map.indent : line.indent;
    if (indent < map.indent) break;
    if (indent > map.indent || (i !== map.line && isDash(line.text, c))) continue;
    const end = keyEnd(line.text, c);
    const name = end === -1 ? null : keyText(line.text, c, end);
    if (name === null) return { keys, unsure: true };
    if (!keys.has(name)) keys.set(name, i);
  }
  return { keys, unsure: false };
}

/** The entry of a block mapping whose key is on line `i` (as found by blockMapIndex). */
function blockEntry(lines: readonly Line[], map: Extract<Node, { kind: 'map' }>, i: number): Entry {
  const line = lines[i]!;
  const c = i === map.line ? map.col : line.start;
  const end = keyEnd(line.text, c);
  let v = end + 1;
  while (line.text[v] === ' ') v++;
  if (v < line.text.length && line.text[v] !== '#') return { line: i, keyCol: c, value: nodeAtColumn(line.text, i, v) };
  const next = firstContent(lines, i + 1);
  const below = lines[next];
  if (below && (below.indent > map.indent || (below.indent === map.indent && isDash(below.text, below.start)))) {
    return { line: i, keyCol: c, value: nodeAtColumn(below.text, next, below.start) };
  }
  return { line: i, keyCol: c };
}

/** The lines of the items of a block sequence (its dashes), in order. */
function blockSeqIndex(lines: readonly Line[], seq: Extract<Node, { kind: 'seq' }>): number[] {
  const items: number[] = [];
  for (let i = seq.line; i < lines.length; i++) {
    const line = lines[i]!;
    const c = i === seq.line ? seq.col : line.start;
    if (c === -1) continue;
    const indent = i === seq.line ? seq.indent : line.indent;
    if (indent < seq.indent) break;
    if (indent > seq.indent) continue;
    if (!isDash(line.text, c)) break;
    items.push(i);
  }
  return items;
}

/** The item of a block sequence whose dash is on line `i`: null when unsure. */
function blockItem(lines: readonly Line[], seq: Extract<Node, { kind: 'seq' }>, i: number): Node | null {
  const line = lines[i]!;
  const c = i === seq.line ? seq.col : line.start;
  let v = c + 1;
  while (line.text[v] === ' ') v++;
  if (v >= line.text.length || line.text[v] === '#') return null; // item content on the next lines
  return nodeAtColumn(line.text, i, v);
}

// ---- single-line flow collections -------------------------------------------

/** Index of the quote closing the quoted scalar that opens at c (before `end`), or -1. */
function quoteEnd(text: string, c: number, end = text.length): number {
  const q = text[c];
  for (let i = c + 1; i < end; i++) {
    if (q === '"' && text[i] === '\\') i++;
    else if (text[i] === q) {
      if (q === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

interface FlowPart {
  /** Start of the entry (its key, or the item). */
  start: number;
  /** For `key: value` entries: the key's end (its ':') and the value's start. */
  colon: number;
  value: number;
}

/** The entries of the flow collection opening at c, or null when unsure. */
function flowParts(text: string, c: number): FlowPart[] | null {
  const parts: FlowPart[] = [];
  let i = c + 1;
  const skip = () => {
    while (text[i] === ' ') i++;
  };
  for (;;) {
    skip();
    const close = text[c] === '{' ? '}' : ']';
    if (text[i] === close) return parts;
    if (i >= text.length) return null;
    const start = i;
    let colon = -1;
    let value = start;
    // One entry: scan to its ',' or the closing bracket at depth 0. A quote starts a scalar at
    // the start of the entry or after `[{,:` (after a space only, it is inside a plain scalar).
    let depth = 0;
    let last = ''; // the last character before i that is not a space
    for (; i < text.length; last = text[i] === ' ' ? last : text[i]!, i++) {
      const ch = text[i]!;
      if ((ch === '"' || ch === "'") && (i === start || last === '[' || last === '{' || last === ',' || last === ':')) {
        if (text[i - 1] === ':') return null; // `{"a":"b"}` or a plain `:"`: unsure which
        const end = quoteEnd(text, i);
        if (end === -1) return null;
        i = end;
        continue;
      }
      if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && ch === ',') break;
      else if (depth === 0 && colon === -1 && ch === ':' && /[ ,\]}]/.test(text[i + 1] ?? ' ')) {
        colon = i;
        value = i + 1;
        while (text[value] === ' ') value++;
      }
    }
    if (text[i] !== ',' && text[i] !== close) return null; // unclosed, or closed by the other bracket
    parts.push({ start, colon, value });
    if (text[i] === ',') i++;
  }
}

/** A flow collection's entries, and (for a mapping) its keys up to the first entry the scan is unsure of. */
interface FlowIndex {
  parts: FlowPart[] | null;
  keys: Map<string, FlowPart>;
  unsure: boolean;
}

function flowIndex(text: string, c: number): FlowIndex {
  const parts = flowParts(text, c);
  const keys = new Map<string, FlowPart>();
  if (!parts) return { parts, keys, unsure: true };
  for (const part of parts) {
    const name = part.colon === -1 ? null : keyText(text, part.start, part.colon);
    if (name === null) return { parts, keys, unsure: true };
    if (!keys.has(name)) keys.set(name, part);
  }
  return { parts, keys, unsure: false };
}

function flowEntry(text: string, index: FlowIndex, key: string): Entry | undefined | null {
  const part = index.keys.get(key);
  if (!part) return index.unsure ? null : undefined;
  const ch = text[part.value];
  if (ch === undefined || ch === ',' || ch === '}' || ch === ']') return { line: -1, keyCol: part.start };
  return { line: -1, keyCol: part.start, value: nodeAtFlow(text, part.value) };
}

function flowItem(text: string, parts: FlowPart[] | null, index: number, line: number): Node | undefined | null {
  if (!parts) return null;
  const part = parts[index];
  if (!part) return undefined;
  if (part.colon !== -1) return null; // a single-pair mapping inside a sequence
  return withLine(nodeAtFlow(text, part.start), line);
}

function nodeAtFlow(text: string, c: number): Node {
  const ch = text[c];
  return ch === '{' || ch === '[' ? { kind: 'flow', line: -1, col: c } : { kind: 'scalar', line: -1, col: c };
}

function withLine(node: Node, line: number): Node {
  return { ...node, line };
}
