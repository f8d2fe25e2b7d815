// Shape validation with zod, turned into kam's own problems: each one has the YAML
// path of the offending node and a message that says what to do.
import * as z from 'zod';
import type { YamlPath } from './findings.js';
import { english, msg, type Message } from '../i18n/index.js';
import { closest } from './suggest.js';

export interface ShapeProblem {
  kind: 'schema' | 'unknown-key';
  path: YamlPath;
  /** Point at the key (unknown keys) or the value. */
  on: 'key' | 'value';
  /** In English (what findings' `message` and the template checks of kam new read). */
  message: string;
  /** The message as data (src/i18n/en/validation.ts). */
  text: Message;
}

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface ShapeResult<T> {
  value?: T;
  problems: ShapeProblem[];
}

/** A problem's English text and its message as data. */
export function problemText(text: Message): { message: string; text: Message } {
  return { message: english(text), text };
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
    problems.push({ kind: 'schema', path, on: 'key', ...problemText(msg('validation.reserved-key', { key: String(path[path.length - 1]) })) });
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
        problems.push({ kind: 'unknown-key', path: [...path, key], on: 'key', ...problemText(unknownKeyMessage(key, path, closest(key, known), known)) });
        unknown.push([...path, key]);
      }
    } else {
      // A union (an assessment entry) reports the whole mapping: point at a number in it that is not finite.
      const at = issue.code === 'invalid_union' ? (nonFiniteIn(valueAt(cleaned, path), path) ?? path) : path;
      problems.push({ kind: 'schema', path: at, on: 'value', ...problemText(issueMessage(at === path ? issue : { ...issue, path: at }, valueAt(cleaned, at))) });
    }
  }
  if (problems.some((p) => p.kind === 'schema')) return { problems };
  const second = schema.safeParse(withoutPaths(cleaned, unknown));
  return second.success ? { value: second.data, problems } : { problems };
}

/** `unknown key "x" in a.b; did you mean "y"?` (kam.yaml's `rules` is keyed by rule id). */
function unknownKeyMessage(key: string, path: (string | number)[], guess: string | undefined, known: readonly string[]): Message {
  const list = known.join(', ');
  if (path.length === 1 && path[0] === 'rules') {
    if (guess) return msg('validation.unknown-rule.guess', { key, guess });
    return known.length > 0 ? msg('validation.unknown-rule.known', { key, known: list }) : msg('validation.unknown-rule', { key });
  }
  if (path.length === 0) {
    if (guess) return msg('validation.unknown-key.guess', { key, guess });
    return known.length > 0 ? msg('validation.unknown-key.known', { key, known: list }) : msg('validation.unknown-key', { key });
  }
  const where = formatPath(path);
  if (guess) return msg('validation.unknown-key.in.guess', { key, where, guess });
  return known.length > 0 ? msg('validation.unknown-key.in.known', { key, where, known: list }) : msg('validation.unknown-key.in', { key, where });
}

/**
 * How a value found in the file is described after "got": the text itself, a number, or a word
 * (`got` kind of the catalogs: null, a list, a mapping, true, false, .nan, .inf, -.inf).
 */
type Got = { form: 'text' | 'number' | 'token'; got: string };

function gotOf(value: unknown): Got {
  if (value === null) return { form: 'token', got: 'null' };
  if (Array.isArray(value)) return { form: 'token', got: 'list' };
  if (typeof value === 'object') return { form: 'token', got: 'mapping' };
  if (typeof value === 'string') return { form: 'text', got: value.length > 40 ? `${value.slice(0, 40)}…` : value };
  if (typeof value === 'number' && Number.isNaN(value)) return { form: 'token', got: 'nan' };
  if (typeof value === 'number' && !Number.isFinite(value)) return { form: 'token', got: value > 0 ? 'inf' : '-inf' };
  if (typeof value === 'number') return { form: 'number', got: String(value) };
  if (typeof value === 'boolean') return { form: 'token', got: String(value) };
  // Not from YAML: the words as they were (no catalog word for them).
  return { form: 'token', got: `${typeof value} ${String(value)}` };
}

/** The English description of a value, as in the messages ("the text "x"", "a list", "number 5"…). */
export function describeValue(value: unknown): string {
  const { form, got } = gotOf(value);
  if (form === 'text') return `the text "${got}"`;
  if (form === 'number') return `number ${got}`;
  return english(msg('validation.got', { got }));
}

/** The type zod expected, as a `type` word of the catalogs (a mapping, a list, a number…), else in English. */
const TYPE_WORDS = new Set(['string', 'number', 'boolean', 'int', 'mapping', 'list']);
function typeWord(expected: string): string {
  const name = expectedName(expected);
  return TYPE_WORDS.has(name) ? name : article(name);
}

/**
 * zod's own messages that kam's schemas set (plan.ts), as `zod` words of the catalogs; another
 * message stays as zod wrote it.
 */
const ZOD_WORDS: Readonly<Record<string, string>> = {
  'expected a date as YYYY-MM-DD': 'date',
  "expected lowercase letters, digits and '-' (e.g. acme-telecom)": 'account-id',
  'expected a year (YYYY) as key': 'year-key',
};
const zodWord = (message: string) => ZOD_WORDS[message] ?? message;

/** The kind of display name of the values allowed at a path (for "did you mean" in Chinese: 教练（coach）). */
function valueKindAt(path: (string | number)[]): 'role' | 'stance' | 'engagement' | 'whitespace' | 'engagementStatus' | 'actionStatus' | 'level' | undefined {
  const [section, , key] = path;
  if (path.length !== 3 || typeof key !== 'string') return undefined;
  if (section === 'relationships') return key === 'role' ? 'role' : key === 'stance' ? 'stance' : undefined;
  if (section === 'engagements') return key === 'type' ? 'engagement' : key === 'status' ? 'engagementStatus' : undefined;
  if (section === 'whitespace') return key === 'status' ? 'whitespace' : undefined;
  if (section === 'actions') return key === 'status' ? 'actionStatus' : undefined;
  if (section === 'competitors') return key === 'threat' ? 'level' : undefined;
  if (section === 'risks') return key === 'likelihood' || key === 'impact' ? 'level' : undefined;
  return undefined;
}

/** `"x" must be one of a, b; got …`, with "did you mean" for a text close to an allowed value. */
function oneOfMessage(name: string, allowed: readonly unknown[], value: unknown, path: (string | number)[]): Message {
  const list = allowed.map((v) => String(v)).join(', ');
  const { form, got } = gotOf(value);
  if (form === 'text') {
    const guess = closest(value as string, allowed.filter((v): v is string => typeof v === 'string'));
    if (guess !== undefined && guess !== value) {
      const kind = valueKindAt(path);
      const params = { name, allowed: list, got, guess };
      return kind === undefined ? msg('validation.schema.one-of.guess', params) : msg(`validation.schema.one-of.guess.${kind}`, params);
    }
    return msg('validation.schema.one-of.text', { name, allowed: list, got });
  }
  return form === 'number' ? msg('validation.schema.one-of.number', { name, allowed: list, got }) : msg('validation.schema.one-of.token', { name, allowed: list, got });
}

function issueMessage(issue: z.core.$ZodIssue, value: unknown): Message {
  const path = issue.path as (string | number)[];
  // 1e400 and .inf read as Infinity, .nan as NaN: say so, whatever the schema expected there.
  if (typeof value === 'number' && !Number.isFinite(value)) {
    const { got } = gotOf(value);
    return path.length === 0 ? msg('validation.schema.not-finite.file', { got }) : msg('validation.schema.not-finite', { name: formatPath(path), got });
  }
  if (issue.code === 'invalid_type' && path.length === 0) {
    // (`a ${expected}` for a type without a catalog word: the words kam always wrote.)
    const expected = issue.expected === 'object' ? 'mapping' : `a ${issue.expected}`;
    const { form, got } = gotOf(value);
    if (value === undefined) return msg('validation.text', { text: 'the file is required; add it' });
    return msg(`validation.schema.top.${form}`, { expected, got });
  }
  // Nothing else is reported of the top of a file by kam's schemas: in English, as ever.
  if (path.length === 0) {
    const got = value !== undefined && (value === null || typeof value !== 'object') ? `; got ${describeValue(value)}` : '';
    return msg('validation.text', { text: `the file: ${issue.message}${got}` });
  }
  const name = formatPath(path);
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) return msg('validation.schema.required', { name });
      const { form, got } = gotOf(value);
      return msg(`validation.schema.type.${form}`, { name, expected: typeWord(issue.expected), got });
    }
    case 'invalid_value':
      return oneOfMessage(name, issue.values, value, path);
    case 'too_small':
      if (issue.origin === 'array') return msg('validation.schema.min-items', { name, min: String(issue.minimum) });
      if (issue.origin === 'string') return msg('validation.schema.empty', { name });
      if (typeof value !== 'number') return msg('validation.text', { text: `"${name}" must be at least ${issue.minimum}; got ${describeValue(value)}` });
      // issue 20: an exclusive minimum (decay.halfLifeDays > 0).
      if ((issue as { inclusive?: boolean }).inclusive === false) return msg('validation.schema.above', { name, min: String(issue.minimum), got: String(value) });
      return msg('validation.schema.min', { name, min: String(issue.minimum), got: String(value) });
    case 'too_big':
      if (typeof value !== 'number') return msg('validation.text', { text: `"${name}" must be at most ${issue.maximum}; got ${describeValue(value)}` });
      return msg('validation.schema.max', { name, max: String(issue.maximum), got: String(value) });
    case 'invalid_key':
      return msg('validation.schema.invalid-key', { key: String(path[path.length - 1]), detail: issue.issues.map((i) => zodWord(i.message)).join('; ') });
    case 'invalid_union': {
      // A discriminated union (a scale's type): the value of the discriminator picks the form.
      const { note, options } = issue as { note?: string; options?: unknown[] };
      if (note === 'No matching discriminator' && Array.isArray(options) && options.length > 0) {
        if (value === undefined) return msg('validation.schema.required-one-of', { name, allowed: options.map((v) => String(v)).join(', ') });
        return oneOfMessage(name, options, value, path);
      }
      const { form, got } = gotOf(value);
      const hint = path[0] === 'assessment' ? 'assessment' : path[0] === 'plans' ? 'plans' : '';
      return msg(`validation.schema.wrong-form.${form}`, { name, got, hint });
    }
    case 'invalid_format':
    case 'custom':
    default: {
      const detail = zodWord(issue.message);
      if (value === undefined || (value !== null && typeof value === 'object')) return msg('validation.schema.custom', { name, detail });
      const { form, got } = gotOf(value);
      return msg(`validation.schema.custom.${form}`, { name, detail, got });
    }
  }
}

function expectedName(expected: string): string {
  if (expected === 'object') return 'mapping';
  if (expected === 'array') return 'list';
  return expected;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
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
