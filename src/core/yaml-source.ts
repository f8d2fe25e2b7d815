// Bytes → text → values, and "where is this path in the file", as separate pure
// functions: finding the values of a plan never needs source positions, so
// locating can stay lazy (only files with findings pay for it).
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type ParsedNode } from 'yaml';
import type { Position, YamlPath } from './findings.js';
import { fastLocator, fastYamlValue, type FastLocator } from './yaml-fast.js';

export const MAX_FILE_BYTES = 1024 * 1024;
export const MAX_DEPTH = 64;
const MAX_ALIAS_COUNT = 100;

export interface SourceProblem extends Position {
  message: string;
}

export type Decoded = { ok: true; text: string } | { ok: false; problem: SourceProblem };

/** UTF-8 (BOM stripped) or a located problem: size limit, invalid bytes. */
export function decodeYamlBytes(bytes: Uint8Array): Decoded {
  if (bytes.length > MAX_FILE_BYTES) {
    const kib = Math.ceil(bytes.length / 1024);
    return problem(1, 1, `file is ${kib} KiB, over the ${MAX_FILE_BYTES / 1024} KiB limit for a plan; split it or remove bulk data`);
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const at = lenient.indexOf('\uFFFD');
    const { line, column } = positionOfOffset(lenient, Math.max(0, at));
    return problem(line, column, 'invalid UTF-8 byte sequence; re-save the file as UTF-8 (it looks like a legacy encoding such as Latin-1 or GBK)');
  }
}

function problem(line: number, column: number, message: string): Decoded {
  return { ok: false, problem: { line, column, message } };
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

const PARSE_OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true, version: '1.2', merge: false } as const;

/** The plain JS value of a YAML text (YAML 1.2 core schema: dates stay strings), or its first problem. */
export function parseYamlValue(text: string): ParsedValue {
  // js-yaml refuses nesting past MAX_DEPTH itself (then the careful path reports it).
  // (fastYamlValue defers nesting past MAX_DEPTH, so that the careful path reports it.)
  const fast = fastPathEnabled ? fastYamlValue(text) : undefined;
  return fast ? { ok: true, value: fast.value, fast: true } : carefulYamlValue(text);
}

/** The `yaml` library's reading: the authority for every error message and every unusual file. */
export function carefulYamlValue(text: string): ParsedValue {
  const deepAt = deepFlowOffset(text);
  if (deepAt !== -1) {
    const { line, column } = positionOfOffset(text, deepAt);
    return { ok: false, problem: { line, column, message: `nesting deeper than ${MAX_DEPTH} levels; a plan is only a few levels deep` } };
  }
  let doc;
  try {
    doc = parseDocument(text, PARSE_OPTIONS);
  } catch (err) {
    return { ok: false, problem: { line: 1, column: 1, message: `cannot parse: ${(err as Error).message}` } };
  }
  const first = doc.errors[0];
  if (first) {
    const { line, column } = positionOfOffset(text, first.pos[0]);
    return { ok: false, problem: { line, column, message: yamlMessage(first.code, first.message) } };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (err instanceof ReferenceError && /alias/i.test(err.message)) {
      const anchor = text.indexOf('*');
      const { line, column } = positionOfOffset(text, Math.max(0, anchor));
      return { ok: false, problem: { line, column, message: 'too many alias expansions (a "billion laughs" alias bomb?); plans do not need more than a few aliases' } };
    }
    return { ok: false, problem: { line: 1, column: 1, message: `cannot read the YAML value: ${(err as Error).message}` } };
  }
  const tooDeep = findTooDeep(value);
  if (tooDeep) {
    const { line, column } = createLocator(text)(tooDeep, 'value');
    return { ok: false, problem: { line, column, message: `nesting deeper than ${MAX_DEPTH} levels; a plan is only a few levels deep` } };
  }
  return { ok: true, value };
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

function yamlMessage(code: string, message: string): string {
  if (/call stack/i.test(message)) return `nesting too deep; a plan is only a few levels deep (limit ${MAX_DEPTH})`;
  if (code === 'DUPLICATE_KEY') return `${message}: this key appears twice in the same mapping; keep one`;
  if (code === 'TAB_AS_INDENT') return `${message}: indent with spaces`;
  return message;
}

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
  return (path, on = 'value') => {
    if (!doc) {
      lines = new LineCounter();
      doc = parseDocument(text, { ...PARSE_OPTIONS, lineCounter: lines, keepSourceTokens: false });
    }
    if (path.length === 0) return { line: 1, column: 1 };
    let node: unknown = doc.contents;
    let offset: number | undefined = rangeStart(node);
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => keyText(p.key) === String(seg));
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
