// A baseline: the findings a workspace had when it adopted kam (`kam check --update-baseline`),
// which `kam check --baseline <file>` then leaves out, so that CI fails on new findings only.
// Findings are matched by identity (fingerprint.ts: rule, file, account, YAML path, message with
// its digits masked), never by line, so that editing a plan above a baselined finding keeps it
// baselined; and as a multiset: an identity held twice in the baseline leaves out two findings of
// that identity, and a third is reported. Pure: reading and writing the file is io/baseline-file.ts.
import { compareFindings, isRuleId, RULE_IDS, type Finding, type RuleId } from './findings.js';
import { identityOf, messageShape } from './fingerprint.js';
import { closest } from './suggest.js';
import { msg, type Message } from '../i18n/index.js';

export const BASELINE_SCHEMA = 'kam.baseline/v1';

/** One identity of the baseline, and how many findings of it there were. */
export interface BaselineEntry {
  rule: RuleId;
  /** Relative to the workspace root, with `/`. */
  file: string;
  account?: string;
  /** The YAML path of the finding (`relationships/2/role`), when it has one. */
  path?: string;
  /** The message with each run of digits as `#` (what is matched: counts and dates change with the as-of date). */
  message: string;
  count: number;
}

export interface Baseline {
  schema: typeof BASELINE_SCHEMA;
  findings: BaselineEntry[];
}

/**
 * The baseline of these findings. `keep`: entries of a previous baseline to keep as they are
 * (those of the files not checked this time, when files were named on the command line).
 */
export function baselineOf(findings: readonly Finding[], keep: readonly BaselineEntry[] = []): Baseline {
  const byIdentity = new Map<string, BaselineEntry>();
  const add = (entry: BaselineEntry) => {
    const id = identityOf(entry);
    const known = byIdentity.get(id);
    if (known) known.count += entry.count;
    else byIdentity.set(id, { ...entry, message: messageShape(entry.message) });
  };
  for (const entry of keep) add(entry);
  for (const f of [...findings].sort(compareFindings)) {
    const entry: BaselineEntry = { rule: f.rule, file: f.file, message: f.message, count: 1 };
    if (f.account !== undefined) entry.account = f.account;
    if (f.path !== undefined) entry.path = f.path;
    add(entry);
  }
  return { schema: BASELINE_SCHEMA, findings: [...byIdentity.values()].sort(compareEntries) };
}

/** Stable order (code units, not the locale): file, rule, path, account, message. */
function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return cmp(a.file, b.file) || cmp(a.rule, b.rule) || cmp(a.path ?? '', b.path ?? '') || cmp(a.account ?? '', b.account ?? '') || cmp(a.message, b.message);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The entries a baseline keeps when only `checked` files were checked: those of the other files. */
export function entriesOutside(baseline: Baseline, checked: ReadonlySet<string>): BaselineEntry[] {
  return baseline.findings.filter((e) => !checked.has(e.file));
}

export interface BaselineMatch {
  /** The findings not in the baseline, in their order. */
  reported: Finding[];
  /** Findings left out because the baseline holds them. */
  baselined: number;
  /**
   * Findings the baseline holds that are gone (fixed), in the files in scope: every file when
   * `checked` is not given, else those checked (a file not checked this time has fixed nothing).
   */
  fixed: number;
}

/** The findings that the baseline does not hold (each identity as many times as it holds it). */
export function matchBaseline(findings: readonly Finding[], baseline: Baseline, checked?: ReadonlySet<string>): BaselineMatch {
  const left = new Map<string, number>();
  const fileOf = new Map<string, string>();
  for (const entry of baseline.findings) {
    const id = identityOf(entry);
    left.set(id, (left.get(id) ?? 0) + entry.count);
    fileOf.set(id, entry.file);
  }
  const reported: Finding[] = [];
  let baselined = 0;
  for (const f of findings) {
    const id = identityOf(f);
    const count = left.get(id) ?? 0;
    if (count > 0) {
      left.set(id, count - 1);
      baselined++;
    } else {
      reported.push(f);
    }
  }
  let fixed = 0;
  for (const [id, count] of left) if (!checked || checked.has(fileOf.get(id)!)) fixed += count;
  return { reported, baselined, fixed };
}

/** The file's text: one entry per line (a finding added or fixed is one line of a diff), keys in a fixed order. */
export function baselineText(baseline: Baseline): string {
  const lines = baseline.findings.map((e) => {
    const entry: Record<string, unknown> = { rule: e.rule, file: e.file };
    if (e.account !== undefined) entry.account = e.account;
    if (e.path !== undefined) entry.path = e.path;
    entry.message = e.message;
    entry.count = e.count;
    return `    ${JSON.stringify(entry)}`;
  });
  const findings = lines.length === 0 ? '[]' : `[\n${lines.join(',\n')}\n  ]`;
  return `{\n  "schema": ${JSON.stringify(BASELINE_SCHEMA)},\n  "findings": ${findings}\n}\n`;
}

/**
 * A baseline file's text read, or what is wrong with it: `problem` (one message, naming the
 * place), and `text`, the whole sentence that names the file `file` ("the baseline <file> is
 * malformed: <problem>") as data.
 */
export function parseBaseline(text: string, file = ''): { ok: true; baseline: Baseline } | { ok: false; problem: string; text: Message } {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    const detail = (err as Error).message;
    return { ok: false, problem: `not valid JSON (${detail})`, text: msg('validation.baseline.json', { file, detail }) };
  }
  const fail = (problem: string, text: Message) => ({ ok: false as const, problem, text });
  if (!isObject(value)) return fail(`expected an object with "schema": "${BASELINE_SCHEMA}" and "findings"`, msg('validation.baseline.not-object', { file, schema: BASELINE_SCHEMA }));
  if (value.schema !== BASELINE_SCHEMA) {
    const problem = `"schema" is ${value.schema === undefined ? 'missing' : JSON.stringify(value.schema)}; expected "${BASELINE_SCHEMA}" (write the file with kam check --update-baseline)`;
    return fail(problem, value.schema === undefined
      ? msg('validation.baseline.schema-missing', { file, schema: BASELINE_SCHEMA })
      : msg('validation.baseline.schema', { file, found: JSON.stringify(value.schema) ?? String(value.schema), schema: BASELINE_SCHEMA }));
  }
  if (!Array.isArray(value.findings)) return fail('"findings" must be a list', msg('validation.baseline.findings', { file }));
  const findings: BaselineEntry[] = [];
  for (let i = 0; i < value.findings.length; i++) {
    const item: unknown = value.findings[i];
    const at = `findings[${i}]`;
    if (!isObject(item)) return fail(`${at} must be an object`, msg('validation.baseline.item', { file, at }));
    for (const key of ['rule', 'file', 'message'] as const) {
      if (typeof item[key] !== 'string' || item[key] === '') return fail(`${at}.${key} must be a non-empty string`, msg('validation.baseline.item-key', { file, at, key }));
    }
    for (const key of ['account', 'path'] as const) {
      if (item[key] !== undefined && typeof item[key] !== 'string') return fail(`${at}.${key} must be a string when present`, msg('validation.baseline.item-optional', { file, at, key }));
    }
    const rule = item.rule as string;
    if (!isRuleId(rule)) {
      const guess = closest(rule, RULE_IDS);
      const problem = `${at}.rule: unknown rule id "${rule}"${guess ? `; did you mean "${guess}"?` : ''}`;
      return fail(problem, guess ? msg('validation.baseline.rule.guess', { file, at, rule, guess }) : msg('validation.baseline.rule', { file, at, rule }));
    }
    const count = item.count;
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1) return fail(`${at}.count must be a whole number of at least 1`, msg('validation.baseline.count', { file, at }));
    const entry: BaselineEntry = { rule, file: item.file as string, message: item.message as string, count };
    if (item.account !== undefined) entry.account = item.account as string;
    if (item.path !== undefined) entry.path = item.path as string;
    findings.push(entry);
  }
  return { ok: true, baseline: { schema: BASELINE_SCHEMA, findings } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
