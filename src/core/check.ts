// The rule engine of `kam check` and `kam gaps`: load every plan (validation rules),
// score the valid ones, apply the policy rules, then resolve severity (config, once)
// and location (lazily, per file that has findings).
import type { KamConfig } from './config.js';
import { compareFindings, severityOf, type Finding, type Issue } from './findings.js';
import { duplicateIdIssues, loadPlanFile, type PlanFile } from './plan-file.js';
import type { Locator } from './yaml-source.js';
import { PLAN_RULES, PORTFOLIO_RULES } from './rules/index.js';
import { scoreAccounts, subjectOfPlan, summarizePortfolio, type PortfolioSummary, type ScoredAccount } from './scoring.js';

export interface SourceFile {
  /** Relative to the workspace root, with `/`. */
  file: string;
  bytes: Uint8Array;
}

export interface CheckOptions {
  /** "Today", YYYY-MM-DD. */
  asOf: string;
}

export interface CheckResult {
  planFiles: PlanFile[];
  findings: Finding[];
  /** The valid plans, scored and ranked. */
  accounts: ScoredAccount[];
  summary: PortfolioSummary;
  /** The plan file of each scored account. */
  fileOf: Map<ScoredAccount, string>;
}

export interface LoadedPlans {
  planFiles: PlanFile[];
  /** The validation rules' issues (yaml-syntax, schema, unknown-key, duplicate-id). */
  issues: Issue[];
}

/** Loads and validates every plan: the validation rules (yaml-syntax, schema, unknown-key, duplicate-id). */
export function loadPlans(sources: readonly SourceFile[]): LoadedPlans {
  const planFiles: PlanFile[] = [];
  const issues: Issue[] = [];
  for (const source of sources) {
    const loaded = loadPlanFile(source.file, source.bytes);
    planFiles.push(loaded.planFile);
    issues.push(...loaded.issues);
  }
  issues.push(...duplicateIdIssues(planFiles));
  return { planFiles, issues };
}

export function checkPlans(sources: readonly SourceFile[], config: KamConfig, options: CheckOptions): CheckResult {
  return checkLoadedPlans(loadPlans(sources), config, options);
}

/** The policy rules over plans already loaded (see src/io/load-plans.ts for loading in parallel). */
export function checkLoadedPlans(loaded: LoadedPlans, config: KamConfig, options: CheckOptions): CheckResult {
  const planFiles = loaded.planFiles;
  const issues = [...loaded.issues];

  const valid = planFiles.filter((pf): pf is PlanFile & { plan: NonNullable<PlanFile['plan']> } => pf.plan !== undefined);
  const scored = scoreAccounts(valid.map((pf) => subjectOfPlan(pf.plan)), config);
  // scoreAccounts sorts by rank; pair each account back with its plan file (ids may repeat).
  const byId = new Map<string, (typeof valid)[number][]>();
  for (const pf of valid) byId.set(pf.plan.id, [...(byId.get(pf.plan.id) ?? []), pf]);
  const fileOf = new Map<ScoredAccount, string>();
  for (const account of scored) {
    const pf = byId.get(account.id)!.shift()!;
    fileOf.set(account, pf.file);
    for (const rule of PLAN_RULES) {
      for (const hit of rule.check({ plan: pf.plan, account, tier: account.tier, policies: config.policies, criteria: config.criteria, asOf: options.asOf })) {
        issues.push({ rule: rule.id, file: pf.file, account: account.id, message: hit.message, at: { path: hit.path, on: hit.on ?? 'value' } });
      }
    }
  }
  const summary = summarizePortfolio(scored, config.tiers);
  for (const rule of PORTFOLIO_RULES) {
    for (const hit of rule.check({ accounts: scored, summary, policies: config.policies })) {
      const account = scored.find((a) => a.id === hit.account)!;
      issues.push({ rule: rule.id, file: fileOf.get(account)!, account: hit.account, message: hit.message, at: { path: hit.path, on: hit.on ?? 'value' } });
    }
  }
  return { planFiles, findings: resolveFindings(issues, planFiles, config.rules), accounts: scored, summary, fileOf };
}

/**
 * Severity from config (dropping `off`), and line/column from the file's locator. Files are
 * resolved one at a time and each locator is dropped after its file: 10,000 plans with
 * findings must not keep 10,000 line tables alive at once.
 */
export function resolveFindings(issues: readonly Issue[], planFiles: readonly PlanFile[], overrides: KamConfig['rules']): Finding[] {
  const byFile = new Map(planFiles.map((pf) => [pf.file, pf]));
  const issuesByFile = new Map<string, Issue[]>();
  for (const issue of issues) {
    const list = issuesByFile.get(issue.file);
    if (list) list.push(issue);
    else issuesByFile.set(issue.file, [issue]);
  }
  const findings: Finding[] = [];
  for (const [file, fileIssues] of issuesByFile) {
    let locate: Locator | undefined;
    for (const issue of fileIssues) {
      const severity = severityOf(issue.rule, overrides);
      if (severity === 'off') continue;
      let position = issue.position;
      if (!position && issue.at) {
        locate ??= byFile.get(file)?.locator();
        position = locate?.(issue.at.path, issue.at.on);
      }
      position ??= { line: 1, column: 1 };
      const finding: Finding = { rule: issue.rule, severity, file: issue.file, line: position.line, column: position.column, message: issue.message };
      if (issue.account !== undefined) finding.account = issue.account;
      findings.push(finding);
    }
  }
  return findings.sort(compareFindings);
}
