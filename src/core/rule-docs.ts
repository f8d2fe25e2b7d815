// What each rule is for, in words: the texts that code scanning shows next to an alert (SARIF
// rule metadata) and that docs can reuse. One entry per rule id of RULES (findings.ts); the
// rules themselves carry only their one-line message. `summary` is the rule's one line
// (RULES[id].description), `fullDescription` says what the rule checks, `help` why it matters
// in key-account practice and how to fix it.
import { ENGLISH, i18n, type MessageId, type Translator } from '../i18n/index.js';
import { RULE_IDS, RULES, type RuleId } from './findings.js';

export interface RuleDoc {
  /** A friendly name, one PascalCase word (SARIF reportingDescriptor.name). */
  name: string;
  /** What the rule looks at: the file itself, one plan against the policies of its tier, or the whole portfolio. */
  kind: 'validation' | 'policy' | 'portfolio';
  /** What the rule checks, in a few sentences of plain text. */
  fullDescription: string;
  /** Why it matters in key-account practice. Plain text. */
  why: string;
  /** How to fix it. Plain text; `code` in backticks is kept as is in the markdown form. */
  fix: string;
  /** An example of the fix in plan YAML, for the markdown help. */
  example?: string;
}

/** What does not depend on the language: the names, kinds and YAML examples. */
const RULE_FACTS: Record<RuleId, Pick<RuleDoc, 'name' | 'kind' | 'example'>> = {
  'yaml-syntax': { name: 'YamlSyntax', kind: 'validation' },
  schema: { name: 'SchemaViolation', kind: 'validation', example: 'relationships:\n  - name: Li Wei\n    role: decision-maker   # not "boss"' },
  'unknown-key': { name: 'UnknownKey', kind: 'validation' },
  'duplicate-id': { name: 'DuplicateId', kind: 'validation' },
  'required-section': { name: 'RequiredSection', kind: 'policy', example: 'objectives:\n  - what: 30% share of core network\n    due: 2027-12-31' },
  'tier-mismatch': { name: 'TierMismatch', kind: 'policy' },
  'stale-review': { name: 'StaleReview', kind: 'policy', example: 'review:\n  lastReviewed: 2026-11-20\n  nextReview: 2027-02-20' },
  'no-decision-maker': { name: 'NoDecisionMaker', kind: 'policy', example: 'relationships:\n  - name: Li Wei\n    title: CTO\n    role: decision-maker\n    stance: neutral\n    owner: Jane Doe' },
  'no-coach': { name: 'NoCoach', kind: 'policy', example: 'relationships:\n  - name: Zhang Min\n    title: Network planning lead\n    role: coach\n    stance: champion' },
  'single-threaded': { name: 'SingleThreaded', kind: 'policy' },
  'missing-engagement': { name: 'MissingEngagement', kind: 'policy', example: 'engagements:\n  - type: technical-exchange\n    date: 2026-10-15\n    status: done' },
  'overdue-action': { name: 'OverdueAction', kind: 'policy' },
  'action-without-owner': { name: 'ActionWithoutOwner', kind: 'policy', example: 'actions:\n  - what: Schedule CTO visit to HQ\n    owner: Jane Doe\n    due: 2026-12-01' },
  'missing-criterion-data': { name: 'MissingCriterionData', kind: 'policy', example: 'metrics:\n  revenue:\n    2024: 900000\nassessment:\n  influence: 4' },
  'resource-misalignment': { name: 'ResourceMisalignment', kind: 'policy' },
  'concentration-risk': { name: 'ConcentrationRisk', kind: 'portfolio' },
  'invalid-suppression': { name: 'InvalidSuppression', kind: 'validation', example: '# kam-disable-next-line no-coach -- met weekly, not a formal coach\nrelationships:' },
  'unused-suppression': { name: 'UnusedSuppression', kind: 'validation' },
  // Whitespace rules (issue 19).
  'single-product': { name: 'SingleProduct', kind: 'policy', example: 'whitespace:\n  - { product: access-network, unit: Consumer BU, status: installed }\n  - { product: core-network, unit: Network Operations, status: installed }' },
  'competitor-stronghold': { name: 'CompetitorStronghold', kind: 'policy' },
  'whitespace-unmapped': { name: 'WhitespaceUnmapped', kind: 'policy', example: 'whitespace:\n  - product: access-network\n    unit: Consumer BU\n    status: installed' },
  'low-productivity': { name: 'LowProductivity', kind: 'policy' },
  // Relationship rules (issue 20).
  'key-person-risk': { name: 'KeyPersonRisk', kind: 'policy', example: 'team:\n  - { name: Jane Doe, role: account-manager }\n  - { name: Wang Tao, role: solution-architect }\nrelationships:\n  - { name: Li Wei, role: decision-maker, strength: 4, owner: Jane Doe }\n  - { name: Zhang Min, role: coach, strength: 4, owner: Wang Tao }' },
  'single-point-of-contact': { name: 'SinglePointOfContact', kind: 'policy' },
  'stale-contact': { name: 'StaleContact', kind: 'policy', example: 'relationships:\n  - name: Li Wei\n    role: decision-maker\n    lastContact: 2026-11-20' },
  'relationship-only': { name: 'RelationshipOnly', kind: 'policy' },
  'stale-assessment': { name: 'StaleAssessment', kind: 'policy', example: 'assessment:\n  influence:\n    score: 4\n    note: Reference for the province\n    asOf: 2026-11-20' },
  'no-executive-sponsor': { name: 'NoExecutiveSponsor', kind: 'policy', example: 'team:\n  - { name: Chen Jie, role: executive-sponsor }\nrelationships:\n  - { name: Li Wei, role: decision-maker, owner: Chen Jie }' },
  // Tier overrides (issue 20).
  'override-expired': { name: 'OverrideExpired', kind: 'policy', example: 'override:\n  tier: strategic\n  reason: Entry into the group; HQ relationship\n  by: Sales VP, Jane Doe\n  until: 2027-06-30' },
};

/** A text of a rule (`schema.rule.<id>.<part>` of the catalogs). */
function ruleText(tr: Translator, id: RuleId, part: 'summary' | 'full' | 'why' | 'fix'): string {
  return tr.render({ id: `schema.rule.${id}.${part}` as MessageId, params: {} });
}

/** The doc of a rule in the locale of `tr` (the run's unless given; SARIF passes `ENGLISH`). */
export function ruleDoc(id: RuleId, tr: Translator = i18n()): RuleDoc {
  const facts = RULE_FACTS[id];
  return {
    name: facts.name,
    kind: facts.kind,
    fullDescription: ruleText(tr, id, 'full'),
    why: ruleText(tr, id, 'why'),
    fix: ruleText(tr, id, 'fix'),
    ...(facts.example !== undefined ? { example: facts.example } : {}),
  };
}

/** Every rule's doc in English. */
export const RULE_DOCS: Record<RuleId, RuleDoc> = Object.fromEntries(RULE_IDS.map((id) => [id, ruleDoc(id, ENGLISH)])) as Record<RuleId, RuleDoc>;

/** The README section holding the rule table, as a GitHub heading anchor. */
export const RULES_README_ANCHOR = 'kam-check-files--the-ci-gate';

/** The one-line summary of a rule (RULES[id].description in English). */
export function ruleSummary(id: RuleId, tr: Translator = i18n()): string {
  return ruleText(tr, id, 'summary');
}

/** The help of a rule as plain text: why it matters, then how to fix it. */
export function helpText(id: RuleId, tr: Translator = i18n()): string {
  const doc = ruleDoc(id, tr);
  return tr.t('schema.rule-help.text', { why: doc.why, fix: doc.fix });
}

/** The help of a rule as GitHub-flavoured markdown. */
export function helpMarkdown(id: RuleId, tr: Translator = i18n()): string {
  const doc = ruleDoc(id, tr);
  const parts = [`**${ruleSummary(id, tr)}**`, doc.fullDescription, tr.t('schema.rule-help.why', {}), doc.why, tr.t('schema.rule-help.fix', {}), doc.fix];
  if (doc.example !== undefined) parts.push('```yaml\n' + doc.example + '\n```');
  parts.push(tr.t('schema.rule-help.severity', { severity: RULES[id].defaultSeverity, setting: `rules: { ${id}: error | warn | off }` }));
  return parts.join('\n\n');
}
