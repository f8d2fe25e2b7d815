// Shape validation with zod, turned into kam's own problems: each one has the YAML
// path of the offending node and a message that says what to do.
import * as z from 'zod';
import type { YamlPath } from './findings.js';
import { closest } from './suggest.js';

export interface ShapeProblem {
  kind: 'schema' | 'unknown-key';
  path: YamlPath;
  /** Point at the key (unknown keys) or the value. */
  on: 'key' | 'value';
  message: string;
}

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface ShapeResult<T> {
  value?: T;
  problems: ShapeProblem[];
}

/**
 * Validates `input` against a strict zod schema. Unknown keys become `unknown-key`
 * problems (with a "did you mean"); when they are the only problems the value is still
 * returned, with those keys left out. A reserved key (`__proto__`, `constructor`,
 * `prototype`, at any depth) is a schema problem: the rest is still checked, so that every
 * problem is reported, but no value is returned (such a plan is neither scored nor checked).
 */
export function validateShape<S extends z.ZodType>(schema: S, input: unknown, describe: () => JsonSchema): ShapeResult<z.output<S>> {
  const problems: ShapeProblem[] = [];
  const reserved = findReservedKeys(input);
  for (const path of reserved) {
    problems.push({ kind: 'schema', path, on: 'key', message: `key "${String(path[path.length - 1])}" is not allowed (a reserved JavaScript name); remove it` });
  }
  const cleaned = reserved.length > 0 ? withoutPaths(input, reserved) : input;
  const first = schema.safeParse(cleaned);
  if (first.success) return reserved.length > 0 ? { problems } : { value: first.data, problems };

  const unknown: YamlPath[] = [];
  for (const issue of first.error.issues) {
    const path = issue.path as (string | number)[];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const known = knownKeysAt(describe(), path);
        const guess = closest(key, known);
        const where = path.length > 0 ? ` in ${formatPath(path)}` : '';
        // kam.yaml's `rules` is keyed by rule id.
        const noun = path.length === 1 && path[0] === 'rules' ? 'rule id' : 'key';
        const hint = guess ? `; did you mean "${guess}"?` : known.length > 0 ? `; known ${noun}s: ${known.join(', ')}` : '';
        problems.push({ kind: 'unknown-key', path: [...path, key], on: 'key', message: `unknown ${noun} "${key}"${where}${hint}` });
        unknown.push([...path, key]);
      }
    } else {
      // A union (an assessment entry) reports the whole mapping: point at a number in it that is not finite.
      const at = issue.code === 'invalid_union' ? (nonFiniteIn(valueAt(cleaned, path), path) ?? path) : path;
      problems.push({ kind: 'schema', path: at, on: 'value', message: issueMessage(at === path ? issue : { ...issue, path: at }, valueAt(cleaned, at)) });
    }
  }
  if (problems.some((p) => p.kind === 'schema')) return { problems };
  const second = schema.safeParse(withoutPaths(cleaned, unknown));
  return second.success ? { value: second.data, problems } : { problems };
}

function issueMessage(issue: z.core.$ZodIssue, value: unknown): string {
  const path = issue.path as (string | number)[];
  const name = path.length > 0 ? `"${formatPath(path)}"` : 'the file';
  // 1e400 and .inf read as Infinity, .nan as NaN: say so, whatever the schema expected there.
  if (typeof value === 'number' && !Number.isFinite(value)) return `${name} must be a finite number; got ${describeValue(value)}`;
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return `${name} is required; add it`;
      if (path.length === 0) return `a ${issue.expected === 'object' ? 'mapping' : issue.expected} is expected at the top of the file, got ${describeValue(value)}`;
      return `${name} must be ${article(expectedName(issue.expected))}, got ${describeValue(value)}`;
    case 'invalid_value':
      return `${name} must be one of ${issue.values.map((v) => String(v)).join(', ')}; got ${describeValue(value)}${didYouMean(value, issue.values)}`;
    case 'too_small':
      if (issue.origin === 'array') return `${name} must have at least ${issue.minimum} item(s)`;
      if (issue.origin === 'string') return `${name} must not be empty`;
      return `${name} must be at least ${issue.minimum}; got ${describeValue(value)}`;
    case 'too_big':
      return `${name} must be at most ${issue.maximum}; got ${describeValue(value)}`;
    case 'invalid_key':
      return `key "${String(path[path.length - 1])}" is not valid here: ${issue.issues.map((i) => i.message).join('; ')}`;
    case 'invalid_union': {
      // A discriminated union (a scale's type): the value of the discriminator picks the form.
      const { note, options } = issue as { note?: string; options?: unknown[] };
      if (note === 'No matching discriminator' && Array.isArray(options) && options.length > 0) {
        const allowed = options.map((v) => String(v)).join(', ');
        if (value === undefined) return `${name} is required; add it (one of ${allowed})`;
        return `${name} must be one of ${allowed}; got ${describeValue(value)}${didYouMean(value, options)}`;
      }
      return `${name} has the wrong form; got ${describeValue(value)}${unionHint(path)}`;
    }
    case 'invalid_format':
    case 'custom':
    default:
      return `${name}: ${issue.message}${value !== undefined && (value === null || typeof value !== 'object') ? `; got ${describeValue(value)}` : ''}`;
  }
}

/** `; did you mean "x"?` for a text close to one of the allowed values. */
function didYouMean(value: unknown, allowed: readonly unknown[]): string {
  if (typeof value !== 'string') return '';
  const guess = closest(value, allowed.filter((v): v is string => typeof v === 'string'));
  return guess !== undefined && guess !== value ? `; did you mean "${guess}"?` : '';
}

function unionHint(path: (string | number)[]): string {
  if (path[0] === 'assessment') return ' (use a score 0..5, or { score: 0..5, note: text })';
  if (path[0] === 'plans') return ' (use a glob string or a list of globs)';
  return '';
}

function expectedName(expected: string): string {
  if (expected === 'object') return 'mapping';
  if (expected === 'array') return 'list';
  return expected;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number' && Number.isNaN(value)) return 'not a number (.nan)';
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return value > 0 ? 'infinity (1e400 or .inf: past the largest number, about 1.8e308)' : 'minus infinity (-1e400 or -.inf: below about -1.8e308)';
  }
  return `${typeof value} ${String(value)}`;
}

export function formatPath(path: YamlPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? String(seg) : `.${String(seg)}`;
  return out;
}

/** The path of the first number that is not finite among the values of a mapping or list (one level down). */
function nonFiniteIn(value: unknown, path: (string | number)[]): (string | number)[] | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  const found = entries.find(([, v]) => typeof v === 'number' && !Number.isFinite(v));
  return found ? [...path, found[0]] : undefined;
}

function valueAt(root: unknown, path: YamlPath): unknown {
  let node = root;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, seg)) return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}

function findReservedKeys(root: unknown): YamlPath[] {
  return hasReservedKey(root, 0) ? reservedKeyPaths(root) : [];
}

/** A quick look first: plans almost never hold such a key, so no paths are built for them. */
function hasReservedKey(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== 'object' || depth > 200) return false;
  if (Array.isArray(value)) return value.some((item) => hasReservedKey(item, depth + 1));
  for (const key of Object.keys(value)) {
    if (RESERVED_KEYS.has(key) || hasReservedKey((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

function reservedKeyPaths(root: unknown): YamlPath[] {
  const found: YamlPath[] = [];
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    else {
      for (const key of Object.keys(value)) {
        if (RESERVED_KEYS.has(key)) found.push([...path, key]);
        else stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
      }
    }
  }
  return found.reverse();
}

/** A copy of `root` without the given key paths (null-prototype safe). */
function withoutPaths(root: unknown, paths: readonly YamlPath[]): unknown {
  const drop = new Set(paths.map((p) => JSON.stringify(p)));
  const copy = (value: unknown, path: (string | number)[]): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((v, i) => copy(v, [...path, i]));
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const child = [...path, key];
      if (drop.has(JSON.stringify(child))) continue;
      Object.defineProperty(out, key, { value: copy((value as Record<string, unknown>)[key], child), enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  return copy(root, []);
}

export type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  [key: string]: unknown;
};

/** The keys a JSON Schema allows at a path (used for "did you mean"). */
export function knownKeysAt(schema: JsonSchema, path: YamlPath): string[] {
  let nodes: JsonSchema[] = [schema];
  for (const seg of path) {
    const next: JsonSchema[] = [];
    for (const node of expand(nodes)) {
      if (typeof seg === 'number' && node.items) next.push(node.items);
      else if (typeof seg === 'string') {
        const prop = node.properties?.[seg];
        if (prop) next.push(prop);
        else if (typeof node.additionalProperties === 'object') next.push(node.additionalProperties);
      }
    }
    nodes = next;
  }
  const keys = new Set<string>();
  for (const node of expand(nodes)) {
    for (const k of Object.keys(node.properties ?? {})) keys.add(k);
    // A record keyed by an enum (kam.yaml's rules): its keys are the enum's values.
    const names = (node.propertyNames as JsonSchema | undefined)?.enum;
    if (Array.isArray(names)) for (const k of names) if (typeof k === 'string') keys.add(k);
  }
  return [...keys];
}

function expand(nodes: JsonSchema[]): JsonSchema[] {
  const out: JsonSchema[] = [];
  const stack = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop()!;
    out.push(node);
    for (const alt of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) stack.push(alt);
  }
  return out;
}
