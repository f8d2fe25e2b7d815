// What a `kam check` run covered, beyond its findings: the formats that report per plan and per
// rule (junit, markdown) need to know the plans without findings and the rules that are on.
import { RULE_IDS, severityOf, type Finding, type RuleId, type SeverityOverrides } from '../../core/findings.js';
import { PLAN_RULES, PORTFOLIO_RULES } from '../../core/rules/index.js';

export interface CheckedRun {
  /** Every plan file checked, as the findings name them (relative to the workspace root), in order. */
  files: readonly string[];
  /** The files whose plan was valid and scored: the policy rules ran on these only. */
  scored: ReadonlySet<string>;
  /** The rules that are on (severity error or warn), in catalogue order. */
  rules: readonly RuleId[];
  /** `--max-warnings`, when given. */
  maxWarnings?: number;
}

/** The rules that judge the portfolio as a whole (their findings sit on the plan of the account they name). */
export const PORTFOLIO_RULE_IDS: ReadonlySet<RuleId> = new Set(PORTFOLIO_RULES.map((r) => r.id));
/** The rules that need a valid, scored plan (the others, validation, run on every file). */
export const POLICY_RULE_IDS: ReadonlySet<RuleId> = new Set(PLAN_RULES.map((r) => r.id));

/** The run of `kam check`, from what the check command knows. */
export function checkedRun(files: readonly string[], scoredFiles: Iterable<string>, overrides: SeverityOverrides, maxWarnings: number | undefined): CheckedRun {
  const run: CheckedRun = { files, scored: new Set(scoredFiles), rules: RULE_IDS.filter((id) => severityOf(id, overrides) !== 'off') };
  if (maxWarnings !== undefined) run.maxWarnings = maxWarnings;
  return run;
}

/**
 * Without the run (a formatter called on findings alone): the files that have findings, every rule
 * of the catalogue, and a plan counted as scored unless it has a syntax or schema finding.
 */
export function runOfFindings(findings: readonly Finding[]): CheckedRun {
  const files = [...new Set(findings.map((f) => f.file))];
  const invalid = new Set(findings.filter((f) => f.rule === 'yaml-syntax' || f.rule === 'schema').map((f) => f.file));
  return { files, scored: new Set(files.filter((f) => !invalid.has(f))), rules: RULE_IDS };
}

/** Whether the warnings fail the run: `--max-warnings` given and exceeded (as `kam check` decides its exit code). */
export function warningsFail(run: CheckedRun, warnings: number): boolean {
  return run.maxWarnings !== undefined && warnings > run.maxWarnings;
}
