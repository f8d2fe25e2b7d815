// The rule engine of `kam check` and `kam gaps`: load every plan (validation rules),
// score the valid ones, apply the policy rules, then resolve severity (config, once)
// and location (lazily, per file that has findings).
import { unknownTierMessage, type KamConfig } from './config.js';
import { compareFindings, messageParts, pathText, severityOf, type Finding, type Issue } from './findings.js';
import { duplicateIdIssues, loadPlanFile, type PlanFile } from './plan-file.js';
import type { Plan } from './plan.js';
import type { Locator } from './yaml-source.js';
import { managedTier } from './override.js';
import { PLAN_RULES, PORTFOLIO_RULES } from './rules/index.js';
import { scoreAccountRows, subjectOfPlan, summarizePortfolio, type PortfolioSummary, type ScoredAccount } from './scoring.js';
import { applySuppressions, type FileSuppressions, type SuppressionScope } from './suppressions.js';
import { append } from './append.js';

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
  findings: Finding[];
  /** The valid plans, scored and ranked. */
  accounts: ScoredAccount[];
  summary: PortfolioSummary;
  /** The plan file of each scored account. */
  fileOf: Map<ScoredAccount, string>;
  /** Plan files read, and how many of them could not be scored (syntax or schema errors). */
  files: number;
  invalidFiles: number;
}

/** The settings the per-plan rules and the resolving of findings need (a worker thread gets only these). */
export type CheckSettings = Pick<KamConfig, 'rules' | 'policies' | 'criteria'> & CheckOptions;

export function checkSettings(config: KamConfig, options: CheckOptions): CheckSettings {
  return { ...options, rules: config.rules, policies: config.policies, criteria: config.criteria };
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
    append(issues, loaded.issues);
  }
  append(issues, duplicateIdIssues(planFiles));
  return { planFiles, issues };
}

export function checkPlans(sources: readonly SourceFile[], config: KamConfig, options: CheckOptions): CheckResult & LoadedPlans {
  return checkLoadedPlans(loadPlans(sources), config, options);
}

/** The policy rules over plans already loaded (src/io/plan-threads.ts does the same on worker threads). */
export function checkLoadedPlans(loaded: LoadedPlans, config: KamConfig, options: CheckOptions): CheckResult & LoadedPlans {
  const { planFiles } = loaded;
  const settings = checkSettings(config, options);
  const tierIds = config.tiers.map((t) => t.id);
  const validation = [...loaded.issues];
  for (const pf of planFiles) checkDeclaredTier({ planFile: pf, issues: validation }, tierIds);
  const valid = planFiles.filter((pf): pf is ValidPlanFile => pf.plan !== undefined);
  // issue 20: decayed inputs are aged to the as-of date of the check.
  const rows = scoreAccountRows(valid.map((pf) => subjectOfPlan(pf.plan)), { criteria: config.criteria, missing: config.missing, tiers: config.tiers, asOf: options.asOf, segments: config.segments });
  const issues = [...validation];
  const fileOf = new Map<ScoredAccount, string>();
  rows.forEach((account, i) => {
    fileOf.set(account, valid[i]!.file);
    append(issues, planRuleIssues(valid[i]!, account, settings));
  });
  const accounts = rankOrder(rows);
  const summary = summarizePortfolio(accounts, config.tiers);
  append(issues, portfolioIssues(accounts, summary, config, fileOf));
  const scopes = planFiles.flatMap((pf) => suppressionScope(pf.file, pf.id, pf.suppressions, pf.plan !== undefined));
  const findings = suppressFindings(resolveFindings(issues, planFiles, config.rules), scopes, config.rules);
  return { planFiles, issues: validation, findings, accounts, summary, fileOf, files: planFiles.length, invalidFiles: planFiles.length - valid.length };
}

/**
 * A valid plan's declared `tier:` must be a tier of kam.yaml: else it is a schema error at the
 * value (with the closest tier id), and the plan is not scored, like any plan with a schema error
 * (so it gets no tier-mismatch either). Returns `loaded`, with the issue added and the plan dropped.
 */
export function checkDeclaredTier<T extends { planFile: PlanFile; issues: Issue[] }>(loaded: T, tierIds: readonly string[]): T {
  const { planFile } = loaded;
  const tier = planFile.plan?.tier;
  // issue 20: so must the tier of an override.
  const override = planFile.plan?.override?.tier;
  const badTier = tier !== undefined && !tierIds.includes(tier);
  const badOverride = override !== undefined && !tierIds.includes(override);
  if (!badTier && !badOverride) return loaded;
  if (badTier) loaded.issues.push({ rule: 'schema', file: planFile.file, account: planFile.plan!.id, message: unknownTierMessage(tier, tierIds, 'plan'), at: { path: ['tier'] } });
  if (badOverride) loaded.issues.push({ rule: 'schema', file: planFile.file, account: planFile.plan!.id, message: unknownTierMessage(override, tierIds, 'plan'), at: { path: ['override', 'tier'] } });
  delete planFile.plan;
  return loaded;
}

export type ValidPlanFile = PlanFile & { plan: Plan };

export function rankOrder(rows: readonly ScoredAccount[]): ScoredAccount[] {
  return [...rows].sort((a, b) => a.rank - b.rank);
}

/** What the plan rules (SPEC 4) say about one valid plan, scored. */
export function planRuleIssues(pf: ValidPlanFile, account: ScoredAccount, settings: CheckSettings): Issue[] {
  const issues: Issue[] = [];
  // issue 20: the managed tier (a tier override in force, else the computed tier) decides the policies.
  const context = { plan: pf.plan, account, tier: managedTier(account, settings.asOf), policies: settings.policies, criteria: settings.criteria, asOf: settings.asOf };
  for (const rule of PLAN_RULES) {
    for (const hit of rule.check(context)) {
      issues.push({ rule: rule.id, file: pf.file, account: account.id, message: hit.message, at: { path: hit.path, on: hit.on ?? 'value' } });
    }
  }
  return issues;
}

/** What the portfolio rules say, each on the file of the account it names. */
export function portfolioIssues(accounts: readonly ScoredAccount[], summary: PortfolioSummary, config: KamConfig, fileOf: ReadonlyMap<ScoredAccount, string>): Issue[] {
  const issues: Issue[] = [];
  for (const rule of PORTFOLIO_RULES) {
    for (const hit of rule.check({ accounts, summary, policies: config.policies })) {
      const account = accounts.find((a) => a.id === hit.account)!;
      issues.push({ rule: rule.id, file: fileOf.get(account)!, account: hit.account, message: hit.message, at: { path: hit.path, on: hit.on ?? 'value' } });
    }
  }
  return issues;
}

/**
 * Severity from config (dropping `off`), and line/column from the file's locator. Files are
 * resolved one at a time and each locator is dropped after its file: 10,000 plans with
 * findings must not keep 10,000 line tables alive at once.
 */
export function resolveFindings(issues: readonly Issue[], planFiles: readonly Pick<PlanFile, 'file' | 'locator'>[], overrides: KamConfig['rules']): Finding[] {
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
      const finding: Finding = { rule: issue.rule, severity, file: issue.file, line: position.line, column: position.column, ...messageParts(issue.message) };
      if (issue.account !== undefined) finding.account = issue.account;
      if (issue.at && !issue.position) finding.path = pathText(issue.at.path);
      findings.push(finding);
    }
  }
  return findings.sort(compareFindings);
}

/** A file's suppressions as applySuppressions takes them: none when it has no kam-disable comment. */
export function suppressionScope(file: string, account: string | undefined, suppressions: FileSuppressions | undefined, scored: boolean): SuppressionScope[] {
  if (!suppressions) return [];
  return [{ file, ...(account !== undefined ? { account } : {}), suppressions, scored }];
}

/**
 * Every finding of the plans, with the kam-disable comments applied (src/core/suppressions.ts):
 * the last step, once all the findings of a file are known (its duplicate-id and portfolio
 * findings too), and the same whether the plans loaded on one thread or on many.
 */
export function suppressFindings(findings: Finding[], scopes: readonly SuppressionScope[], overrides: KamConfig['rules']): Finding[] {
  return scopes.length === 0 ? findings : applySuppressions(findings, scopes, overrides).findings;
}
