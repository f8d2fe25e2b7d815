// The fast path of YAML reading (issue: 10,000 plans must parse near the speed of js-yaml).
//
// Values: js-yaml with its CORE schema is about 10x faster than the position-keeping `yaml`
// document. Locations: a line scanner for the block-and-single-line-flow YAML that plans are
// written in. Each returns undefined for anything it does not handle with certainty (anchors,
// aliases, tags, block scalars, multi-line flow or quoted scalars, odd keys), and the caller
// then takes the `yaml` library's path. test/unit/yaml-fast.test.ts proves both agree with it.
import jsYaml from 'js-yaml';
import type { Position, YamlPath } from './findings.js';

// Features whose meaning the two parsers could disagree on, or that cost more than they seem
// (aliases can expand exponentially): their files take the careful path.
// Each pattern runs only when its cheap guard (a character the feature needs) is in the text.
const NEEDS_CAREFUL_PATH: [guard: string[], pattern: RegExp][] = [
  [['&', '*', '!'], /(^|[\s[{,:-])[&*!][^\s,\]}]/m], // anchors, aliases, tags
  [['|', '>'], /(^|\s)[|>][-+0-9]*[ \t]*(#.*)?$/m], // block scalars
  [['---', '...', '%'], /^(---|\.\.\.|%)/m], // document markers and directives
  [['?'], /(^|[\s[{,])\?(\s|$)/m], // explicit keys, also `- ? a` and `[? a]`
  [[']', '}'], /[\]}][ \t]*:([\s,\]}]|$)/m], // a collection as a key: yaml writes it as YAML, js-yaml joins it
  // An empty or null key: yaml reads it as "", js-yaml as "null".
  [[':'], /(^|[{,[]|-[ \t])[ \t]*(~|null|Null|NULL)?[ \t]*:([\s,\]}]|$)/m],
  // `- -` with nothing after the inner dash: js-yaml puts the next outer item into the inner sequence.
  [[' -'], /-[ \t]+-[ \t]*(#.*)?$/m],
  [['_', '0b'], /[0-9]_[0-9]|\b0b[01]/], // number forms js-yaml reads and YAML 1.2 core does not
  // Numbers the two read differently: -0 (js-yaml: 0), signed 0x/0o/0b (yaml: strings), -.5 and
  // +.5 (js-yaml: strings), and numbers too big for a double (yaml: Infinity, js-yaml: strings).
  [['-', '+'], /[-+](0(?![0-9])|\.[0-9])/],
  [['e', 'E'], /[0-9.][eE][-+]?[0-9]{3}/],
  [[], /(?<![0-9a-fA-F])[0-9a-fA-F]{256}/],
  [['\t'], /\t/], // tabs: the two report them differently
  [['\r'], /\r(?!\n)/], // a CR that does not end a line: a line break for js-yaml, not for yaml
  [['\\'], /\\[^"\\/bfnrt0aveNLP _xuU]/], // unusual escapes in double quotes
];

function needsCarefulPath(text: string): boolean {
  for (const [guard, pattern] of NEEDS_CAREFUL_PATH) {
    if ((guard.length === 0 || guard.some((g) => text.includes(g))) && pattern.test(text)) return true;
  }
  return false;
}

/** The value of a YAML text, or undefined when the careful path must decide (including every error). */
export function fastYamlValue(text: string): { value: unknown } | undefined {
  if (needsCarefulPath(text)) return undefined;
  try {
    const value = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, json: false });
    return { value: value === undefined ? null : value }; // an empty text: js-yaml says undefined, yaml null
  } catch {
    return undefined;
  }
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

/** A locator for texts in the subset it understands; undefined for the others. */
export function fastLocator(text: string): FastLocator | undefined {
  if (needsCarefulPath(text)) return undefined;
  const lines: Line[] = text.split('\n').map((raw) => {
    const t = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    let i = 0;
    while (i < t.length && t.charCodeAt(i) === 0x20) i++;
    const start = i === t.length || t[i] === '#' ? -1 : i;
    return { text: t, indent: i, start };
  });
  // Every flow collection and quoted scalar must close on its own line.
  for (const line of lines) if (line.start !== -1 && !closesOnLine(line.text, line.start)) return undefined;

  const root = nodeAt(lines, firstContent(lines, 0), -1);
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
          const entry = node.kind === 'map' ? blockEntry(lines, node, String(seg)) : flowEntry(lines[node.line]!.text, node.col, String(seg));
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
          const item = node.kind === 'seq' ? blockItem(lines, node, seg) : flowItem(lines[node.line]!.text, node.col, seg, node.line);
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
  const raw = text.slice(c, end).trimEnd();
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

interface Entry {
  line: number;
  keyCol: number;
  value?: Node;
}

/** The entry `key` of a block mapping: undefined when absent, null when unsure. */
function blockEntry(lines: readonly Line[], map: Extract<Node, { kind: 'map' }>, key: string): Entry | undefined | null {
  for (let i = map.line; i < lines.length; i++) {
    const line = lines[i]!;
    const c = i === map.line ? map.col : line.start;
    if (c === -1) continue;
    const indent = i === map.line ? map.indent : line.indent;
    if (indent < map.indent) break;
    if (indent > map.indent || (i !== map.line && isDash(line.text, c))) continue;
    const end = keyEnd(line.text, c);
    if (end === -1) return null;
    const name = keyText(line.text, c, end);
    if (name === null) return null;
    if (name !== key) continue;
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
  return undefined;
}

/** Item `index` of a block sequence: undefined when absent, null when unsure. */
function blockItem(lines: readonly Line[], seq: Extract<Node, { kind: 'seq' }>, index: number): Node | undefined | null {
  let n = -1;
  for (let i = seq.line; i < lines.length; i++) {
    const line = lines[i]!;
    const c = i === seq.line ? seq.col : line.start;
    if (c === -1) continue;
    const indent = i === seq.line ? seq.indent : line.indent;
    if (indent < seq.indent) break;
    if (indent > seq.indent) continue;
    if (!isDash(line.text, c)) break;
    if (++n !== index) continue;
    let v = c + 1;
    while (line.text[v] === ' ') v++;
    if (v >= line.text.length || line.text[v] === '#') return null; // item content on the next lines
    return nodeAtColumn(line.text, i, v);
  }
  return undefined;
}

// ---- single-line flow collections -------------------------------------------

/** Index of the quote closing the quoted scalar that opens at c, or -1. */
function quoteEnd(text: string, c: number): number {
  const q = text[c];
  for (let i = c + 1; i < text.length; i++) {
    if (q === '"' && text[i] === '\\') i++;
    else if (text[i] === q) {
      if (q === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

/** True when every bracket and quote opened on the line closes on it. */
function closesOnLine(text: string, from: number): boolean {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if ((ch === '"' || ch === "'") && (i === from || /[\s[{,:]/.test(text[i - 1]!))) {
      const end = quoteEnd(text, i);
      if (end === -1) return false;
      i = end;
    } else if (ch === '#' && (i === from || text[i - 1] === ' ')) break;
    else if (depth > 0 || (i === from || /[\s:-]/.test(text[i - 1]!))) {
      if (ch === '{' || ch === '[') depth++;
      else if ((ch === '}' || ch === ']') && depth > 0) depth--;
    }
  }
  return depth === 0;
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
    // One entry: scan to its ',' or the closing bracket at depth 0.
    let depth = 0;
    for (; i < text.length; i++) {
      const ch = text[i]!;
      if ((ch === '"' || ch === "'") && (i === start || /[\s[{,:]/.test(text[i - 1]!))) {
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
      else if (depth === 0 && colon === -1 && ch === ':' && /[\s,\]}]/.test(text[i + 1] ?? ' ')) {
        colon = i;
        value = i + 1;
        while (text[value] === ' ') value++;
      }
    }
    parts.push({ start, colon, value });
    if (text[i] === ',') i++;
  }
}

function flowEntry(text: string, c: number, key: string): Entry | undefined | null {
  const parts = flowParts(text, c);
  if (!parts) return null;
  for (const part of parts) {
    if (part.colon === -1) return null;
    const name = keyText(text, part.start, part.colon);
    if (name === null) return null;
    if (name !== key) continue;
    const ch = text[part.value];
    if (ch === undefined || ch === ',' || ch === '}' || ch === ']') return { line: -1, keyCol: part.start };
    return { line: -1, keyCol: part.start, value: nodeAtFlow(text, part.value) };
  }
  return undefined;
}

function flowItem(text: string, c: number, index: number, line: number): Node | undefined | null {
  const parts = flowParts(text, c);
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
