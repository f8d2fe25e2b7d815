// Bytes → text → values, and "where is this path in the file", as separate pure
// functions: finding the values of a plan never needs source positions, so
// locating can stay lazy (only files with findings pay for it).
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Pair, type ParsedNode, type YAMLMap } from 'yaml';
import type { Position, YamlPath } from './findings.js';
import { fastLocator, fastYamlValue, type FastLocator } from './yaml-fast.js';
import { forbiddenCharAt } from './yaml-lines.js';
import { english, msg, type Message } from '../i18n/index.js';

export const MAX_FILE_BYTES = 1024 * 1024;
export const MAX_DEPTH = 64;
const MAX_ALIAS_COUNT = 100;

export interface SourceProblem extends Position {
  /** In English (what findings' `message` and kam new's template checks read). */
  message: string;
  /** The message as data (src/i18n/en/validation.ts). */
  text: Message;
}

function sourceProblem(line: number, column: number, text: Message): SourceProblem {
  return { line, column, message: english(text), text };
}

export type Decoded = { ok: true; text: string } | { ok: false; problem: SourceProblem };

/**
 * The message of a plan over the size limit. `size`: the file's, in bytes, when known. A file
 * over the limit is not read (src/io/read-file.ts): what reaches decodeYamlBytes then stands for
 * it (the limit and one byte, io/read-file.ts overLimitStandIn), and says nothing of its size.
 */
export function overLimitMessage(size?: number): Message {
  const limit = MAX_FILE_BYTES / (1024 * 1024);
  if (size === undefined) return msg('validation.over-limit', { limit });
  return msg('validation.over-limit.size', { size: Math.ceil(size / 1024), limit });
}

/** UTF-8 (BOM stripped) or a located problem: size limit, invalid bytes. */
export function decodeYamlBytes(bytes: Uint8Array): Decoded {
  if (bytes.length > MAX_FILE_BYTES) {
    // Exactly one byte over: the stand-in of a file (or git blob) not read, of unknown size.
    return problem(1, 1, overLimitMessage(bytes.length === MAX_FILE_BYTES + 1 ? undefined : bytes.length));
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const at = lenient.indexOf('\uFFFD');
    const { line, column } = positionOfOffset(lenient, Math.max(0, at));
    return problem(line, column, msg('validation.yaml.utf8', {}));
  }
}

function problem(line: number, column: number, message: Message): Decoded {
  return { ok: false, problem: sourceProblem(line, column, message) };
}

export function positionOfOffset(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

let fastPathEnabled = true;

/** Tests turn the fast path off to compare it with the careful one on the same inputs. */
export function setFastYamlPath(enabled: boolean): void {
  fastPathEnabled = enabled;
}

/** `fast`: the fast path read it (so its text is one the fast locator handles). */
export type ParsedValue = { ok: true; value: unknown; fast?: boolean } | { ok: false; problem: SourceProblem };

// resolveKnownTags: false: !!binary, !!timestamp, !!set… are unknown tags (warnings), not objects.
const PARSE_OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true, version: '1.2', merge: false, resolveKnownTags: false } as const;

/** The plain JS value of a YAML text (YAML 1.2 core schema: dates stay strings), or its first problem. */
export function parseYamlValue(text: string): ParsedValue {
  // js-yaml refuses nesting past MAX_DEPTH itself (then the careful path reports it).
  // (fastYamlValue defers nesting past MAX_DEPTH, so that the careful path reports it.)
  const fast = fastPathEnabled ? fastYamlValue(text) : undefined;
  return fast ? { ok: true, value: fast.value, fast: true } : carefulYamlValue(text);
}

/**
 * The `yaml` library's reading: the authority for every error message and every unusual file.
 * Stricter than the library where its reading is not plain data or not YAML: characters YAML
 * does not allow (see forbiddenCharAt), tags other than the core schema's (the library warns and
 * reads the text, or reads a !!binary or !!timestamp as an object), strings with half a surrogate
 * pair (from escapes such as "\uD800"), and more than MAX_ALIASES aliases.
 */
export function carefulYamlValue(text: string): ParsedValue {
  const deepAt = deepFlowOffset(text);
  if (deepAt !== -1) return failAt(text, deepAt, msg('validation.yaml.too-deep', { max: MAX_DEPTH }));
  const bad = forbiddenCharAt(text);
  if (bad !== -1) return failAt(text, bad, forbiddenCharMessage(text.codePointAt(bad)!));
  let doc;
  try {
    doc = parseCounted(text);
  } catch (err) {
    return { ok: false, problem: sourceProblem(1, 1, msg('validation.yaml.cannot-parse', { detail: (err as Error).message })) };
  }
  const first = doc.errors[0];
  if (first) return failAt(text, first.pos[0], yamlMessage(first.code, first.message));
  const seen = readDocument(doc.contents);
  // Problems the library does not call errors: the first in the text.
  let problemAt = -1;
  let problemMessage: Message = msg('validation.text', { text: '' });
  const consider = (at: number, message: Message) => {
    if (problemAt === -1 || at < problemAt) [problemAt, problemMessage] = [at, message];
  };
  for (const warning of doc.warnings) {
    if (warning.code === 'TAG_RESOLVE_FAILED' || warning.code === 'BAD_COLLECTION_TYPE') consider(warning.pos[0], tagMessage(text, warning.pos[0]));
  }
  if (seen.loneSurrogateAt !== -1) consider(seen.loneSurrogateAt, msg('validation.yaml.surrogate-escape', {}));
  if (seen.aliases.length > MAX_ALIASES) {
    consider(seen.aliases.sort((a, b) => a - b)[MAX_ALIASES]!, msg('validation.yaml.aliases', { max: MAX_ALIASES }));
  }
  if (problemAt !== -1) return failAt(text, problemAt, problemMessage);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (err instanceof ReferenceError && /alias/i.test(err.message)) {
      const anchor = text.indexOf('*');
      const { line, column } = positionOfOffset(text, Math.max(0, anchor));
      return { ok: false, problem: sourceProblem(line, column, msg('validation.yaml.alias-bomb', {})) };
    }
    return { ok: false, problem: sourceProblem(1, 1, msg('validation.yaml.cannot-read-value', { detail: (err as Error).message })) };
  }
  const tooDeep = findTooDeep(value);
  if (tooDeep) {
    const { line, column } = createLocator(text)(tooDeep, 'value');
    return { ok: false, problem: sourceProblem(line, column, msg('validation.yaml.too-deep', { max: MAX_DEPTH })) };
  }
  return { ok: true, value };
}

function failAt(text: string, offset: number, message: Message): ParsedValue {
  const { line, column } = positionOfOffset(text, offset);
  return { ok: false, problem: sourceProblem(line, column, message) };
}

// The library resolves each alias by a search of every anchor and alias before it (quadratic:
// 8,000 aliases take 2 s); no plan needs more than a few.
const MAX_ALIASES = 100;

/**
 * parseDocument with the library's own duplicate-key errors, in its own order, in linear time. For
 * each key, the library calls `uniqueKeys(earlier, key)` on the earlier keys of its mapping, from
 * the first, until one call says equal, and then reports the key: quadratic (a mapping of 40,000
 * keys takes 80 s). Here the first call for a key looks it up in an index of its mapping (known by
 * its first key, where each search starts) and says equal at once for a duplicate. For a key that
 * is not one, it says not equal (the library goes on through the earlier keys) up to the
 * SMALL_MAPPINGth key of a mapping; past it, it says equal anyway, to end the search, and the
 * DUPLICATE_KEY error that follows is dropped. Equal as the library's default: scalar keys whose
 * values are ===.
 */
function parseCounted(text: string): ReturnType<typeof parseDocument> {
  /** For each DUPLICATE_KEY error the library will report, in order: whether it is one. */
  const reported: boolean[] = [];
  const indexes = new WeakMap<object, { keys: Map<unknown, true>; count: number }>();
  let searched: unknown = undefined;
  const uniqueKeys = (first: ParsedNode, key: ParsedNode): boolean => {
    if (key === searched) return false; // the library's search goes on (a small mapping, not a duplicate)
    searched = key;
    let index = indexes.get(first);
    if (!index) {
      indexes.set(first, (index = { keys: new Map(), count: 1 }));
      if (isScalar(first) && !Number.isNaN(first.value)) index.keys.set(first.value, true);
    }
    let duplicate = false;
    if (isScalar(key) && !Number.isNaN(key.value)) {
      duplicate = index.keys.has(key.value);
      if (!duplicate) index.keys.set(key.value, true);
    }
    if (duplicate || ++index.count > SMALL_MAPPING) {
      reported.push(duplicate);
      return true;
    }
    return false;
  };
  // Errors without stack traces while parsing: the errors of keys past SMALL_MAPPING are dropped,
  // and a stack trace costs more than the error (80,000 keys: 1.2 s of 4.4 s).
  const traces = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let doc;
  try {
    doc = parseDocument(text, { ...PARSE_OPTIONS, uniqueKeys });
  } finally {
    Error.stackTraceLimit = traces;
  }
  if (reported.length > 0) {
    let n = 0;
    doc.errors = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY' || reported[n++] === true);
  }
  return doc;
}
const SMALL_MAPPING = 64;

interface DocumentFacts {
  /** Offsets of the alias nodes. */
  aliases: number[];
  /** Offset of the first double-quoted scalar whose escapes leave half a surrogate pair, or -1. */
  loneSurrogateAt: number;
}

const LONE_SURROGATE = /\p{Cs}/u;

/** One walk of the nodes (not through aliases): the aliases, and strings left with half a surrogate pair. */
function readDocument(root: unknown): DocumentFacts {
  const facts: DocumentFacts = { aliases: [], loneSurrogateAt: -1 };
  const first = (at: number | undefined, current: number) => (at !== undefined && (current === -1 || at < current) ? at : current);
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      for (const pair of node.items) stack.push(pair.key, pair.value);
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    } else if (isScalar(node)) {
      if (node.type === 'QUOTE_DOUBLE' && typeof node.value === 'string' && LONE_SURROGATE.test(node.value)) {
        facts.loneSurrogateAt = first(rangeStart(node), facts.loneSurrogateAt);
      }
    } else if (isAlias(node)) {
      const at = rangeStart(node);
      if (at !== undefined) facts.aliases.push(at);
    }
  }
  return facts;
}

function forbiddenCharMessage(code: number): Message {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code === 0x85) return msg('validation.yaml.nel', { hex });
  if (code >= 0xd800 && code <= 0xdfff) return msg('validation.yaml.surrogate-char', { hex });
  const name = CONTROL_NAMES[code];
  const escape = code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  if (code === 0xfffe || code === 0xffff) return msg('validation.yaml.noncharacter', { hex, escape });
  return name ? msg('validation.yaml.control.named', { hex, name, escape }) : msg('validation.yaml.control', { hex, escape });
}
const CONTROL_NAMES: Record<number, string> = { 0: 'NUL', 7: 'BEL', 8: 'BS', 0x0b: 'VT', 0x0c: 'FF', 0x1b: 'ESC', 0x7f: 'DEL' };

/** The message for a tag the core schema does not resolve, at `at` (its `!`). */
function tagMessage(text: string, at: number): Message {
  const tag = /^!<[^>\s]*>|^![^\s,[\]{}]*/.exec(text.slice(at, at + 200))?.[0] ?? '!';
  const core = /^!!(str|int|float|bool|null|map|seq)$/.test(tag) || /^!<tag:yaml\.org,2002:(str|int|float|bool|null|map|seq)>$/.test(tag);
  if (core) return msg('validation.yaml.tag-misfit', { tag });
  return msg('validation.yaml.tag-unknown', { tag });
}

/**
 * Offset of the first flow bracket nested deeper than MAX_DEPTH, or -1. Checked before
 * parsing so that hostile nesting is refused at a stable position, not wherever the
 * parser's stack happens to run out. Quotes and comments are skipped; a stray bracket
 * inside a plain scalar may count, which only matters past 64 of them.
 */
function deepFlowOffset(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x5b || ch === 0x7b) {
      if (++depth > MAX_DEPTH) return i;
    } else if (ch === 0x5d || ch === 0x7d) {
      if (depth > 0) depth--;
    } else if (ch === 0x22) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (ch === 0x27) {
      const prev = i > 0 ? text.charCodeAt(i - 1) : 0x20;
      if (prev === 0x20 || prev === 0x0a || prev === 0x5b || prev === 0x7b || prev === 0x2c || prev === 0x3a) {
        for (i++; i < text.length && text.charCodeAt(i) !== 0x27; i++);
      }
    } else if (ch === 0x23) {
      const prev = i > 0 ? text.charCodeAt(i - 1) : 0x0a;
      if (prev === 0x20 || prev === 0x0a || prev === 0x09) while (i < text.length && text.charCodeAt(i) !== 0x0a) i++;
    }
  }
  return -1;
}

/**
 * An error of the `yaml` library: its English text as it wrote it, and a message of kam's own
 * per error code for other languages (src/i18n/en/validation.ts `validation.yaml.error.*`).
 */
function yamlMessage(code: string, message: string): Message {
  if (/call stack/i.test(message)) return msg('validation.yaml.call-stack', { max: MAX_DEPTH });
  if (code === 'DUPLICATE_KEY') return msg('validation.yaml.duplicate-key', { detail: message });
  if (code === 'TAB_AS_INDENT') return msg('validation.yaml.tab-indent', { detail: message });
  const id = YAML_ERRORS[code];
  return id !== undefined ? msg(id, { detail: message }) : msg('validation.yaml.error', { detail: message });
}

const YAML_ERRORS: Readonly<Record<string, `validation.yaml.error.${'alias' | 'directive' | 'escape' | 'indent' | 'props' | 'scalar-start' | 'block-key' | 'block-in-flow' | 'missing-char' | 'multiline-key' | 'multiple' | 'multiple-docs' | 'key-type' | 'unexpected' | 'long-key'}`>> = {
  ALIAS_PROPS: 'validation.yaml.error.alias',
  BAD_ALIAS: 'validation.yaml.error.alias',
  BAD_DIRECTIVE: 'validation.yaml.error.directive',
  BAD_DQ_ESCAPE: 'validation.yaml.error.escape',
  BAD_INDENT: 'validation.yaml.error.indent',
  BAD_PROP_ORDER: 'validation.yaml.error.props',
  BAD_SCALAR_START: 'validation.yaml.error.scalar-start',
  BLOCK_AS_IMPLICIT_KEY: 'validation.yaml.error.block-key',
  BLOCK_IN_FLOW: 'validation.yaml.error.block-in-flow',
  MISSING_CHAR: 'validation.yaml.error.missing-char',
  MULTILINE_IMPLICIT_KEY: 'validation.yaml.error.multiline-key',
  MULTIPLE_ANCHORS: 'validation.yaml.error.multiple',
  MULTIPLE_TAGS: 'validation.yaml.error.multiple',
  MULTIPLE_DOCS: 'validation.yaml.error.multiple-docs',
  NON_STRING_KEY: 'validation.yaml.error.key-type',
  UNEXPECTED_TOKEN: 'validation.yaml.error.unexpected',
  KEY_OVER_1024_CHARS: 'validation.yaml.error.long-key',
};

/** Path to the first node nested deeper than MAX_DEPTH; cheap when there is none (the usual case). */
function findTooDeep(root: unknown): YamlPath | undefined {
  return depthWithin(root, MAX_DEPTH) ? undefined : tooDeepPath(root);
}

/** True when no collection is nested `limit` levels deep (recursion is bounded by the limit). */
function depthWithin(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (limit === 0) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!depthWithin(item, limit - 1)) return false;
    return true;
  }
  for (const key in value) if (!depthWithin((value as Record<string, unknown>)[key], limit - 1)) return false;
  return true;
}

/** Iterative (no recursion on hostile input). */
function tooDeepPath(root: unknown): YamlPath | undefined {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= MAX_DEPTH) return path;
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    else for (const [k, v] of Object.entries(value)) stack.push({ value: v, path: [...path, k] });
  }
  return undefined;
}

export type Locator = (path: YamlPath, on?: 'key' | 'value') => Position;

/**
 * Builds the position-keeping document once, on first use. A path that does not exist
 * resolves to the deepest node that does (a missing key points at its parent mapping;
 * an empty path at the top of the file). `readFast`: parseYamlValue read the text on its fast path.
 */
export function createLocator(text: string, readFast = false): Locator {
  let fast: FastLocator | undefined | null = null;
  const careful = createCarefulLocator(text);
  return (path, on = 'value') => {
    if (fast === null) fast = fastPathEnabled ? fastLocator(text, readFast) : undefined;
    return fast?.locate(path, on) ?? careful(path, on);
  };
}

/** The `yaml` library's locator: builds the position-keeping document on first use. */
export function createCarefulLocator(text: string): Locator {
  let doc: ReturnType<typeof parseDocument> | undefined;
  let lines: LineCounter | undefined;
  // Each mapping's keys are indexed once, the first time one is asked (a file may have 90,000
  // findings, one per key: a search of the pairs per finding would be quadratic).
  const indexes = new WeakMap<object, Map<string, Pair>>();
  const pairOf = (map: YAMLMap, key: string): Pair | undefined => {
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      for (const pair of map.items) {
        const name = keyText(pair.key);
        if (!index.has(name)) index.set(name, pair);
      }
      indexes.set(map, index);
    }
    return index.get(key);
  };
  return (path, on = 'value') => {
    if (!doc) {
      lines = new LineCounter();
      // Positions only: errors do not matter here, so no (quadratic) duplicate-key search.
      doc = parseDocument(text, { ...PARSE_OPTIONS, uniqueKeys: false, lineCounter: lines, keepSourceTokens: false });
    }
    if (path.length === 0) return { line: 1, column: 1 };
    let node: unknown = doc.contents;
    let offset: number | undefined = rangeStart(node);
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = pairOf(node, String(seg));
        if (!pair) break;
        if (last && on === 'key') {
          offset = rangeStart(pair.key) ?? offset;
          break;
        }
        node = pair.value;
        offset = rangeStart(node) ?? rangeStart(pair.key) ?? offset;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg];
        if (item === undefined) break;
        node = item;
        offset = rangeStart(node) ?? offset;
      } else {
        break;
      }
    }
    if (offset === undefined) return { line: 1, column: 1 };
    const pos = lines!.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as ParsedNode | null | undefined)?.range;
  return range ? range[0] : undefined;
}

function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return String((key as YamlNode | null)?.toString() ?? key);
}
