// The one Finding type of kam, the rule catalogue, and the single place where
// severities are decided (rules never choose their own severity).
import { schema as en } from '../i18n/en/schema.js';
import { english, type Message } from '../i18n/index.js';

export type Severity = 'error' | 'warn';
export type SeveritySetting = Severity | 'off';

export interface RuleInfo {
  defaultSeverity: Severity;
  /** One line for SARIF rule metadata and docs, in English (the catalog's `schema.rule.<id>.summary`; rule-docs.ts `ruleSummary` in a locale). */
  description: string;
}

export const RULES = {
  'yaml-syntax': { defaultSeverity: 'error', description: en['schema.rule.yaml-syntax.summary'] },
  schema: { defaultSeverity: 'error', description: en['schema.rule.schema.summary'] },
  'unknown-key': { defaultSeverity: 'warn', description: en['schema.rule.unknown-key.summary'] },
  'duplicate-id': { defaultSeverity: 'error', description: en['schema.rule.duplicate-id.summary'] },
  'required-section': { defaultSeverity: 'error', description: en['schema.rule.required-section.summary'] },
  'tier-mismatch': { defaultSeverity: 'warn', description: en['schema.rule.tier-mismatch.summary'] },
  'stale-review': { defaultSeverity: 'warn', description: en['schema.rule.stale-review.summary'] },
  'no-decision-maker': { defaultSeverity: 'warn', description: en['schema.rule.no-decision-maker.summary'] },
  'no-coach': { defaultSeverity: 'warn', description: en['schema.rule.no-coach.summary'] },
  'single-threaded': { defaultSeverity: 'warn', description: en['schema.rule.single-threaded.summary'] },
  'missing-engagement': { defaultSeverity: 'warn', description: en['schema.rule.missing-engagement.summary'] },
  'overdue-action': { defaultSeverity: 'warn', description: en['schema.rule.overdue-action.summary'] },
  'action-without-owner': { defaultSeverity: 'warn', description: en['schema.rule.action-without-owner.summary'] },
  'missing-criterion-data': { defaultSeverity: 'warn', description: en['schema.rule.missing-criterion-data.summary'] },
  'resource-misalignment': { defaultSeverity: 'warn', description: en['schema.rule.resource-misalignment.summary'] },
  'concentration-risk': { defaultSeverity: 'warn', description: en['schema.rule.concentration-risk.summary'] },
  // Whitespace rules (issue 19).
  'single-product': { defaultSeverity: 'warn', description: en['schema.rule.single-product.summary'] },
  'competitor-stronghold': { defaultSeverity: 'warn', description: en['schema.rule.competitor-stronghold.summary'] },
  'whitespace-unmapped': { defaultSeverity: 'warn', description: en['schema.rule.whitespace-unmapped.summary'] },
  'invalid-suppression': { defaultSeverity: 'error', description: en['schema.rule.invalid-suppression.summary'] },
  'unused-suppression': { defaultSeverity: 'warn', description: en['schema.rule.unused-suppression.summary'] },
  'low-productivity': { defaultSeverity: 'warn', description: en['schema.rule.low-productivity.summary'] },
  // Relationship rules (issue 20).
  'key-person-risk': { defaultSeverity: 'warn', description: en['schema.rule.key-person-risk.summary'] },
  'single-point-of-contact': { defaultSeverity: 'warn', description: en['schema.rule.single-point-of-contact.summary'] },
  'stale-contact': { defaultSeverity: 'warn', description: en['schema.rule.stale-contact.summary'] },
  'relationship-only': { defaultSeverity: 'warn', description: en['schema.rule.relationship-only.summary'] },
  'no-executive-sponsor': { defaultSeverity: 'warn', description: en['schema.rule.no-executive-sponsor.summary'] },
  // Evidence freshness (issue 20).
  'stale-assessment': { defaultSeverity: 'warn', description: en['schema.rule.stale-assessment.summary'] },
  // Tier overrides (issue 20).
  'override-expired': { defaultSeverity: 'warn', description: en['schema.rule.override-expired.summary'] },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;
export const RULE_IDS = Object.keys(RULES) as RuleId[];

export function isRuleId(value: string): value is RuleId {
  return Object.prototype.hasOwnProperty.call(RULES, value);
}

/** A key path into a YAML document: map keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

/**
 * What a rule reports, before severity and location are resolved.
 * Either `at` (a path in the file; resolved to line/column lazily, only for files
 * that have findings) or `position` (already known, e.g. a YAML syntax error).
 */
export interface Issue {
  rule: RuleId;
  file: string;
  account?: string;
  /** What to say: a message of the catalogs (src/i18n), or (for texts not yet in a catalog) English. */
  message: Message | string;
  /** Path of the offending node; `[]` is the top of the file. `on: 'key'` points at the key instead of its value. */
  at?: { path: YamlPath; on?: 'key' | 'value' };
  position?: Position;
}

export interface Position {
  line: number;
  column: number;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  account?: string;
  /** Relative to the workspace root, with `/`. */
  file: string;
  line: number;
  column: number;
  /** In English (JSON, SARIF, baselines and fingerprints read it; human outputs render `text` in their locale). */
  message: string;
  /** The message as data, when it comes from a catalog: id and parameters. */
  text?: Message;
  /**
   * Where in the document, as a path that survives lines moving (`relationships/2/role`;
   * `` for the top): set when the rule pointed at a node, absent for positions (syntax errors).
   */
  path?: string;
}

/** A YAML path as one string: segments joined by `/`, with `~` and `/` escaped as in JSON Pointer. */
export function pathText(path: YamlPath): string {
  return path.map((segment) => String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

export type SeverityOverrides = Partial<Record<RuleId, SeveritySetting>>;

export function severityOf(rule: RuleId, overrides: SeverityOverrides): SeveritySetting {
  return overrides[rule] ?? RULES[rule].defaultSeverity;
}

export interface FindingsSummary {
  files: number;
  errors: number;
  warnings: number;
}

export function summarize(findings: readonly Finding[], files: number): FindingsSummary {
  let errors = 0;
  for (const f of findings) if (f.severity === 'error') errors++;
  return { files, errors, warnings: findings.length - errors };
}

/** Stable order: file, line, column, rule. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

/** The English text of an issue's message, and the message as data when it has one. */
export function messageParts(message: Message | string): { message: string; text?: Message } {
  return typeof message === 'string' ? { message } : { message: english(message), text: message };
}
