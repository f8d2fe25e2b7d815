// The to-do report of `kam gaps` as data: findings grouped by managed tier (the computed tier,
// or a tier override in force: the tier whose policies the findings follow, issue 20) and
// account, highest tier first, then portfolio findings and plans that cannot be read. --tier
// filters by managed tier too.
import type { CheckResult } from './check.js';
import type { Tier } from './config.js';
import type { Finding, RuleId } from './findings.js';
import { PORTFOLIO_RULES } from './rules/index.js';
import type { ScoredAccount } from './scoring.js';
import { managedTier } from './override.js';

export interface GapsFilter {
  tiers?: readonly string[];
  accounts?: readonly string[];
  rules?: readonly RuleId[];
}

export interface AccountGaps {
  account: ScoredAccount;
  file: string;
  findings: Finding[];
}

export interface GapsReport {
  asOf: string;
  tiers: { tier: string | null; accounts: AccountGaps[] }[];
  portfolio: Finding[];
  /** Findings of plans that could not be scored (syntax or schema errors). */
  unreadable: Finding[];
  /** Every finding shown, in file order (for JSON). */
  findings: Finding[];
  plans: number;
}

const PORTFOLIO_RULE_IDS = new Set<RuleId>(PORTFOLIO_RULES.map((r) => r.id));

/**
 * The rules about the customer's people and ours (issue 20): with `--account`, an account's
 * relationship findings come first, then the others in their usual order.
 */
export const RELATIONSHIP_RULE_IDS: ReadonlySet<RuleId> = new Set<RuleId>([
  'no-coach', 'no-decision-maker', 'single-threaded', 'key-person-risk', 'single-point-of-contact', 'stale-contact', 'relationship-only', 'no-executive-sponsor',
]);
const relationshipFirst = (f: Finding) => (RELATIONSHIP_RULE_IDS.has(f.rule) ? 0 : 1);

export function buildGapsReport(result: CheckResult, tiers: readonly Tier[], asOf: string, filter: GapsFilter = {}): GapsReport {
  const keep = (f: Finding) =>
    (!filter.rules || filter.rules.length === 0 || filter.rules.includes(f.rule)) &&
    (!filter.accounts || filter.accounts.length === 0 || (f.account !== undefined && filter.accounts.includes(f.account)));
  const tierOf = (a: ScoredAccount) => managedTier(a, asOf);
  const accountKept = (a: ScoredAccount) =>
    (!filter.tiers || filter.tiers.length === 0 || (tierOf(a) !== null && filter.tiers.includes(tierOf(a)!))) &&
    (!filter.accounts || filter.accounts.length === 0 || filter.accounts.includes(a.id));

  // Only with --account: the order of every other run stays as it was.
  const byAccount = filter.accounts !== undefined && filter.accounts.length > 0;
  const scoredFiles = new Set(result.fileOf.values());
  const groups = new Map<string | null, AccountGaps[]>();
  for (const t of tiers) groups.set(t.id, []);
  const shown: Finding[] = [];
  const portfolio: Finding[] = [];
  // Findings by file, once (not a scan of every finding per account), kept in their order.
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) {
    if (!keep(f)) continue;
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  for (const account of result.accounts) {
    if (!accountKept(account)) continue;
    const file = result.fileOf.get(account)!;
    const own = byFile.get(file) ?? [];
    const findings: Finding[] = [];
    for (const f of own) {
      (PORTFOLIO_RULE_IDS.has(f.rule) ? portfolio : findings).push(f);
      shown.push(f);
    }
    if (byAccount) sortRelationshipFirst(findings);
    const tier = tierOf(account);
    if (!groups.has(tier)) groups.set(tier, []);
    groups.get(tier)!.push({ account, file, findings });
  }
  const unreadable = filter.tiers && filter.tiers.length > 0 ? [] : result.findings.filter((f) => !scoredFiles.has(f.file) && keep(f));
  for (const f of unreadable) shown.push(f);
  return {
    asOf,
    tiers: [...groups].map(([tier, accounts]) => ({ tier, accounts })).filter((g) => g.accounts.length > 0),
    portfolio,
    unreadable,
    findings: shown.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (byAccount ? relationshipFirst(a) - relationshipFirst(b) : 0) || a.line - b.line || a.column - b.column)),
    plans: result.files,
  };
}

/** A stable sort: the relationship findings first, each part in the order it had. */
function sortRelationshipFirst(findings: Finding[]): void {
  const first = findings.filter((f) => RELATIONSHIP_RULE_IDS.has(f.rule));
  if (first.length === 0 || first.length === findings.length) return;
  const rest = findings.filter((f) => !RELATIONSHIP_RULE_IDS.has(f.rule));
  findings.length = 0;
  for (const f of first) findings.push(f);
  for (const f of rest) findings.push(f);
}
