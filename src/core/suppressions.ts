// Inline suppressions in a plan, with a mandatory reason (ESLint's disable comments, for YAML):
//
//   # kam-disable-next-line no-coach -- met weekly, not a formal coach
//   # kam-disable-file no-coach, stale-review -- legacy account, replanned in Q3
//
// `kam-disable-line`, a comment at the end of a line of YAML, covers the findings of the rules it
// names that kam reports on that line (`role: user  # kam-disable-line no-coach -- …`).
// `kam-disable-next-line` covers the findings of the rules it names that kam reports on the next
// line holding YAML content: blank lines and comment lines in between are skipped, because YAML
// stacks comments above a key (a modeline, a note, the enum hints kam's templates write) and a
// suppression written at the top of such a block means the key below it. `kam-disable-file` covers
// the whole file and must come before the first line of YAML content (with the modeline), where a
// reviewer sees every file-wide exception; elsewhere it is an invalid suppression.
//
// A suppression without ` -- <reason>`, naming no rule, or naming a rule it cannot suppress
// suppresses nothing (for that rule) and is an `invalid-suppression` finding; a rule id a
// suppression names without a finding to suppress is an `unused-suppression` finding.
// Only comments count: the text of a block scalar (`note: |`) or a quoted string that reads like
// one is not a suppression (the YAML lexer tells comments from text).
//
// Pure: finding the comments in a text (only when the text contains "kam-disable", so the plans
// without any cost one indexOf), and applying them to the located findings of files.
import { Lexer } from 'yaml';
import { compareFindings, isRuleId, RULE_IDS, severityOf, type Finding, type Position, type RuleId, type SeverityOverrides } from './findings.js';
import { VALIDATION_RULES } from './rules/index.js';
import { closest } from './suggest.js';
import { english, msg, type Message } from '../i18n/index.js';

export const SUPPRESSION_MARK = 'kam-disable';
const LINE = 'kam-disable-line';
const NEXT_LINE = 'kam-disable-next-line';
const FILE = 'kam-disable-file';
const DIRECTIVES = [LINE, NEXT_LINE, FILE] as const;
type Directive = (typeof DIRECTIVES)[number];

/** A rule id named by a suppression, and where (for the finding that says it is unused). */
export interface SuppressedRule extends Position {
  rule: RuleId;
}

/** A suppression that works: a reason, and at least one rule id it may suppress. */
export interface Suppression extends Position {
  kind: 'line' | 'next-line' | 'file';
  rules: SuppressedRule[];
  reason: string;
  /** line and next-line: the line it covers (next-line: the next one holding YAML content; absent when none follows). */
  target?: number;
}

/** What is wrong with a suppression comment (an invalid-suppression finding). */
export interface SuppressionProblem extends Position {
  /** In English. */
  message: string;
  /** The message as data (src/i18n/en/validation.ts). */
  text: Message;
}

/** The suppressions of one file. Plain data: it crosses from worker threads to the main thread. */
export interface FileSuppressions {
  suppressions: Suppression[];
  problems: SuppressionProblem[];
}

/**
 * Rules that no comment suppresses: a file that is not YAML cannot be read for comments, a plan
 * with a schema error is not scored (suppressing the error would hide that the account is left
 * out), and the findings about suppressions are set in kam.yaml (`rules:`), not in a plan.
 */
const NOT_SUPPRESSIBLE: ReadonlyMap<RuleId, Message> = new Map<RuleId, Message>([
  ['yaml-syntax', msg('validation.suppression.refused.yaml-syntax', {})],
  ['schema', msg('validation.suppression.refused.schema', {})],
  ['invalid-suppression', msg('validation.suppression.refused.findings', { rule: 'invalid-suppression' })],
  ['unused-suppression', msg('validation.suppression.refused.findings', { rule: 'unused-suppression' })],
]);

/** The rules that run on a plan that is not scored (it has a schema error): a suppression of any other rule there is not reported unused. */
const RUN_ON_INVALID_PLANS: ReadonlySet<RuleId> = new Set(VALIDATION_RULES);

// Lexer tokens that are not text of the file: the document, scalar and flow-error markers.
const CONTROL_TOKENS = new Set(['\u0002', '\u0018', '\u001f']);
const SCALAR_MARKER = '\u001f';

/**
 * The suppression comments of a plan's text (decoded, as the locator sees it), or undefined when
 * there is none (nearly every file: one indexOf). Lines and columns count as the locator does
 * (from 1, in UTF-16 code units, a BOM not counted, CRLF as one line break).
 */
export function findSuppressions(text: string): FileSuppressions | undefined {
  if (text.indexOf(SUPPRESSION_MARK) === -1) return undefined;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const positionOf = (offset: number): Position => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };

  const found: FileSuppressions = { suppressions: [], problems: [] };
  let any = false;
  /** next-line suppressions waiting for the next line of content. */
  let waiting: Suppression[] = [];
  let contentSeen = false;
  /** The last line that holds YAML content so far (a kam-disable-line must end one). */
  let contentLine = 0;
  let offset = 0;
  let afterScalarMarker = false;
  for (const token of new Lexer().lex(text)) {
    if (CONTROL_TOKENS.has(token)) {
      afterScalarMarker = token === SCALAR_MARKER;
      continue;
    }
    const start = offset;
    offset += token.length;
    // A scalar's text (plain, or a block scalar's body) follows the scalar marker: never a comment.
    const scalar = afterScalarMarker;
    afterScalarMarker = false;
    if (!scalar && token.startsWith('#')) {
      if (token.indexOf(SUPPRESSION_MARK) === -1) continue;
      const parsed = parseComment(token, start, positionOf, contentSeen, contentLine);
      if (!parsed) continue;
      any = true;
      found.problems.push(...parsed.problems);
      if (parsed.suppression) {
        found.suppressions.push(parsed.suppression);
        if (parsed.suppression.kind === 'next-line') waiting.push(parsed.suppression);
      }
      continue;
    }
    if (!isContent(token, scalar)) continue;
    contentSeen = true;
    const line = positionOf(start).line;
    // A token over several lines (a block scalar, a quoted string) ends on the last one.
    contentLine = token.indexOf('\n') === -1 ? line : positionOf(offset - 1).line;
    for (const s of waiting) s.target = line;
    waiting = [];
  }
  return any ? found : undefined;
}

/** A token that is YAML content (a line that holds one is a line a finding can be on). */
function isContent(token: string, scalar: boolean): boolean {
  if (scalar) return token.trim() !== '';
  if (token.trim() === '' || token === '\uFEFF') return false;
  // Document markers and directives (`---`, `...`, `%YAML 1.2`) hold nothing a finding points at.
  return !(token === '---' || token === '...' || token.startsWith('%'));
}

/**
 * One comment: undefined when it is not a suppression (its text does not start with
 * "kam-disable": a comment that mentions one is a comment), else the suppression it makes, if
 * any, and what is wrong with it.
 */
function parseComment(
  comment: string,
  start: number,
  positionOf: (offset: number) => Position,
  contentSeen: boolean,
  contentLine: number,
): { suppression?: Suppression; problems: SuppressionProblem[] } | undefined {
  let i = 1;
  while (i < comment.length && (comment[i] === ' ' || comment[i] === '\t')) i++;
  if (!comment.startsWith(SUPPRESSION_MARK, i)) return undefined;
  const at = positionOf(start);
  const problems: SuppressionProblem[] = [];
  const problem = (offset: number, text: Message) => problems.push({ ...positionOf(start + offset), message: english(text), text });

  let nameEnd = i;
  while (nameEnd < comment.length && comment[nameEnd] !== ' ' && comment[nameEnd] !== '\t') nameEnd++;
  const name = comment.slice(i, nameEnd);
  if (!(DIRECTIVES as readonly string[]).includes(name)) {
    const guess = closest(name, DIRECTIVES);
    problem(i, guess ? msg('validation.suppression.unknown.guess', { name, guess }) : msg('validation.suppression.unknown', { name }));
    return { problems };
  }
  const directive = name as Directive;
  const separator = comment.indexOf('--', nameEnd);
  const reason = separator === -1 ? '' : comment.slice(separator + 2).trim();
  if (reason === '') {
    // Without the separator, where the rule ids end is unknown: the reason is all that is said.
    problem(0, msg('validation.suppression.no-reason', { directive }));
    return { problems };
  }

  const rules: SuppressedRule[] = [];
  const list = comment.slice(nameEnd, separator);
  for (const match of list.matchAll(/[^\s,]+/g)) {
    const id = match[0];
    const offset = nameEnd + match.index;
    if (!isRuleId(id)) {
      const guess = closest(id, RULE_IDS.filter((r) => !NOT_SUPPRESSIBLE.has(r)));
      problem(offset, guess ? msg('validation.suppression.unknown-rule.guess', { id, directive, guess }) : msg('validation.suppression.unknown-rule', { id, directive }));
      continue;
    }
    const refused = NOT_SUPPRESSIBLE.get(id);
    if (refused !== undefined) {
      problem(offset, refused);
      continue;
    }
    if (!rules.some((r) => r.rule === id)) rules.push({ rule: id, ...positionOf(start + offset) });
  }
  if (rules.length === 0 && problems.length === 0) {
    problem(0, msg('validation.suppression.no-rule', { directive }));
  }
  if (directive === FILE && contentSeen) {
    problem(0, msg('validation.suppression.file-late', {}));
    return { problems };
  }
  if (directive === LINE && contentLine !== at.line) {
    problem(0, msg('validation.suppression.line-alone', {}));
    return { problems };
  }
  if (rules.length === 0) return { problems };
  const kind = directive === FILE ? 'file' : directive === LINE ? 'line' : 'next-line';
  const suppression: Suppression = { kind, ...at, rules, reason };
  if (kind === 'line') suppression.target = at.line;
  return { suppression, problems };
}

/** The suppressions of one file, as `applySuppressions` needs them. */
export interface SuppressionScope {
  /** Relative to the workspace root, with `/` (as in the findings). */
  file: string;
  /** The plan's id, when it can be read (the account of the findings about the comments). */
  account?: string;
  suppressions: FileSuppressions;
  /** The plan was scored, so the policy rules ran on it; else only the validation rules could have found anything. */
  scored: boolean;
}

/**
 * The findings with the suppressed ones removed, and the findings about the suppressions added
 * (invalid-suppression, unused-suppression; their severity from `overrides`, none when off), in
 * compareFindings order. A finding is suppressed by a kam-disable-next-line of its rule whose
 * covered line is the finding's line, else by a kam-disable-file of its rule. `findings`: every
 * finding of these files (suppressions are judged on all of them, before --quiet or a baseline).
 */
export function applySuppressions(findings: readonly Finding[], scopes: readonly SuppressionScope[], overrides: SeverityOverrides): { findings: Finding[]; suppressed: number } {
  if (scopes.length === 0) return { findings: [...findings], suppressed: 0 };
  const byFile = new Map(scopes.map((scope) => [scope.file, scope]));
  /** `${suppression index}:${rule}` of each (suppression, rule) that suppressed something, per file. */
  const used = new Map<string, Set<string>>();
  const kept: Finding[] = [];
  let suppressed = 0;
  for (const finding of findings) {
    const scope = byFile.get(finding.file);
    const by = scope ? suppressorOf(scope.suppressions.suppressions, finding) : -1;
    if (by === -1) {
      kept.push(finding);
      continue;
    }
    suppressed++;
    let set = used.get(finding.file);
    if (!set) used.set(finding.file, (set = new Set()));
    set.add(`${by}:${finding.rule}`);
  }

  let added = false;
  const add = (scope: SuppressionScope, rule: RuleId, at: Position, text: Message) => {
    const severity = severityOf(rule, overrides);
    if (severity === 'off') return;
    const finding: Finding = { rule, severity, file: scope.file, line: at.line, column: at.column, message: english(text), text };
    if (scope.account !== undefined) finding.account = scope.account;
    kept.push(finding);
    added = true;
  };
  for (const scope of scopes) {
    for (const p of scope.suppressions.problems) add(scope, 'invalid-suppression', p, p.text);
    const usedHere = used.get(scope.file);
    scope.suppressions.suppressions.forEach((s, index) => {
      for (const r of s.rules) {
        if (usedHere?.has(`${index}:${r.rule}`)) continue;
        // A policy rule did not run on a plan that is not scored: its suppression is not unused, only idle.
        if (!scope.scored && !RUN_ON_INVALID_PLANS.has(r.rule)) continue;
        add(scope, 'unused-suppression', r, unusedMessage(s, r.rule, overrides));
      }
    });
  }
  if (added) kept.sort(compareFindings);
  return { findings: kept, suppressed };
}

/** The index of the suppression that covers a finding, or -1: a line or next-line one first (the most specific), else a file one. */
function suppressorOf(suppressions: readonly Suppression[], finding: Finding): number {
  let file = -1;
  for (let i = 0; i < suppressions.length; i++) {
    const s = suppressions[i]!;
    if (!s.rules.some((r) => r.rule === finding.rule)) continue;
    if (s.kind !== 'file') {
      if (s.target === finding.line) return i;
    } else if (file === -1) {
      file = i;
    }
  }
  return file;
}

/** `kam-disable-…: no <rule> finding … to suppress; remove …`: one message per kind of comment, rule off or not, sole rule or one of several. */
function unusedMessage(s: Suppression, rule: RuleId, overrides: SeverityOverrides): Message {
  const fix = s.rules.length === 1 ? 'one' : 'many';
  const off = severityOf(rule, overrides) === 'off' ? '.off' : '';
  if (s.kind !== 'file' && s.target === undefined) return msg(`validation.unused.next-line-none.${fix}`, { rule });
  const kind = s.kind === 'file' ? 'file' : s.kind === 'line' ? 'line' : 'next-line';
  if (kind === 'file') return msg(`validation.unused.file.${fix}${off}`, { rule });
  return msg(`validation.unused.${kind}.${fix}${off}`, { rule, line: s.target! });
}
