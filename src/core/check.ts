// The rule engine of `kam check` (and later `kam gaps`): load every plan, collect
// issues, then resolve severity (config, once) and location (lazily, per file).
import type { KamConfig } from './config.js';
import { compareFindings, severityOf, type Finding, type Issue } from './findings.js';
import { duplicateIdIssues, loadPlanFile, type PlanFile } from './plan-file.js';

export interface SourceFile {
  /** Relative to the workspace root, with `/`. */
  file: string;
  bytes: Uint8Array;
}

export interface CheckResult {
  planFiles: PlanFile[];
  findings: Finding[];
}

export function checkPlans(sources: readonly SourceFile[], config: KamConfig): CheckResult {
  const planFiles: PlanFile[] = [];
  const issues: Issue[] = [];
  for (const source of sources) {
    const loaded = loadPlanFile(source.file, source.bytes);
    planFiles.push(loaded.planFile);
    issues.push(...loaded.issues);
  }
  issues.push(...duplicateIdIssues(planFiles));
  return { planFiles, findings: resolveFindings(issues, planFiles, config.rules) };
}

/** Severity from config (dropping `off`), and line/column from the file's locator. */
export function resolveFindings(issues: readonly Issue[], planFiles: readonly PlanFile[], overrides: KamConfig['rules']): Finding[] {
  const byFile = new Map(planFiles.map((pf) => [pf.file, pf]));
  const findings: Finding[] = [];
  for (const issue of issues) {
    const severity = severityOf(issue.rule, overrides);
    if (severity === 'off') continue;
    const position = issue.position ?? (issue.at && byFile.get(issue.file)?.locate(issue.at.path, issue.at.on)) ?? { line: 1, column: 1 };
    const finding: Finding = { rule: issue.rule, severity, file: issue.file, line: position.line, column: position.column, message: issue.message };
    if (issue.account !== undefined) finding.account = issue.account;
    findings.push(finding);
  }
  return findings.sort(compareFindings);
}
