// What each rule is for, in words: the texts that code scanning shows next to an alert (SARIF
// rule metadata) and that docs can reuse. One entry per rule id of RULES (findings.ts); the
// rules themselves carry only their one-line message. `summary` is the rule's one line
// (RULES[id].description), `fullDescription` says what the rule checks, `help` why it matters
// in key-account practice and how to fix it.
import { RULES, type RuleId } from './findings.js';

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

export const RULE_DOCS: Record<RuleId, RuleDoc> = {
  'yaml-syntax': {
    name: 'YamlSyntax',
    kind: 'validation',
    fullDescription:
      'The plan file cannot be read as YAML: a syntax error, a duplicate key, tab indentation, invalid UTF-8, a character YAML does not allow, a tag other than the core ones, an alias bomb, nesting deeper than 64 levels, a file over 1 MiB, or a file that cannot be read at all.',
    why: 'A plan kam cannot read is a plan nobody can rely on: it is not scored, gets no tier and none of the other rules look at it, so its gaps stay hidden until the file is fixed.',
    fix: 'Open the file at the line and column given and correct the YAML there (indent with spaces, quote text that holds `: ` or `#`, remove the second copy of a duplicate key, save as UTF-8). `kam check` reports the next problem, if any, on the next run.',
  },
  schema: {
    name: 'SchemaViolation',
    kind: 'validation',
    fullDescription:
      'A value of the plan has the wrong type or is not one of the allowed values, a required field (`id`, `name`) is missing, the file is empty or not a mapping, a number is not finite, or the declared `tier:` is not a tier of kam.yaml.',
    why: 'Scores, tiers and every policy rule read these fields. A stance of "boss" or a revenue written as text would silently count as nothing, so kam refuses the plan rather than score it wrongly.',
    fix: 'Change the value at the position given to one the message lists (it suggests the closest one). `kam schema plan` prints the full contract, and an editor with the plan schema marks such values while you type.',
    example: 'relationships:\n  - name: Li Wei\n    role: decision-maker   # not "boss"',
  },
  'unknown-key': {
    name: 'UnknownKey',
    kind: 'validation',
    fullDescription: 'The plan has a key that the plan schema does not know. The message names the closest known key.',
    why: 'A misspelt key (`ower:` for `owner:`) is data the rules never see: the account looks as if it had no owner or no review date, and the team fixes the wrong thing.',
    fix: 'Rename the key to the one suggested, or remove it. Extra numbers belong under `metrics:`, extra ratings (0 to 5) under `assessment:`, and free-form notes in YAML comments (`# …`).',
  },
  'duplicate-id': {
    name: 'DuplicateId',
    kind: 'validation',
    fullDescription: 'Two or more plan files declare the same `id`. The finding is reported on each of them.',
    why: 'The id is how kam, reports and CRM imports tell accounts apart. Two plans with one id mean one customer counted twice, or two customers merged, in the portfolio figures.',
    fix: 'Give each account its own id (lowercase letters, digits and `-`, usually the file name), or merge the two plans if they describe the same customer.',
  },
  'required-section': {
    name: 'RequiredSection',
    kind: 'policy',
    fullDescription:
      "A section that `policies.requiredSections` of kam.yaml requires for the account's computed tier is absent (reported at the top of the file) or empty.",
    why: 'The bigger the account, the more of the plan the team owes it: a strategic account without a relationship map, objectives or whitespace analysis is managed by memory, and that knowledge leaves with the account manager.',
    fix: 'Add the section named in the message with at least one entry. `kam new <name> --tier <tier>` scaffolds a plan with the sections its tier requires.',
    example: 'objectives:\n  - what: 30% share of core network\n    due: 2027-12-31',
  },
  'tier-mismatch': {
    name: 'TierMismatch',
    kind: 'policy',
    fullDescription: 'The tier the plan declares (`tier:`) differs from the tier kam computes from the scoring model of kam.yaml.',
    why: 'Declared tiers drive how much attention and budget an account gets. When the numbers say otherwise, the team is over-serving a small account or under-serving a big one.',
    fix: 'Either update `tier:` to the computed tier, or, if the declared tier is right, update the data that the score rests on (revenue, assessments). `kam score --explain <id>` shows how the score was reached.',
  },
  'stale-review': {
    name: 'StaleReview',
    kind: 'policy',
    fullDescription: "`review.lastReviewed` is absent, or older than `policies.reviewEveryDays` allows for the account's tier (counted up to the as-of date).",
    why: 'An account plan is only as good as its last review: contacts change roles, competitors move and objectives fall due. A plan nobody has looked at in a quarter is history, not a plan.',
    fix: 'Review the plan with the account team, update what changed, and set `review.lastReviewed` to the date of the review.',
    example: 'review:\n  lastReviewed: 2026-11-20\n  nextReview: 2027-02-20',
  },
  'no-decision-maker': {
    name: 'NoDecisionMaker',
    kind: 'policy',
    fullDescription: 'No relationship of the plan has the role `decision-maker` (checked for tiers that have a `minContacts` policy).',
    why: 'Deals at key accounts are decided by a few people. Without a mapped decision-maker, the team sells to people who cannot say yes, and forecasts rest on hope.',
    fix: 'Find out who signs off, and add that person to `relationships` with `role: decision-maker`, their stance and who on your side owns the relationship.',
    example: 'relationships:\n  - name: Li Wei\n    title: CTO\n    role: decision-maker\n    stance: neutral\n    owner: Jane Doe',
  },
  'no-coach': {
    name: 'NoCoach',
    kind: 'policy',
    fullDescription: "The account's tier is listed in `policies.coachRequired` and no relationship has the role `coach`.",
    why: 'A coach is a friendly insider who explains how the customer decides, who matters and what the competition is doing. Large accounts are rarely won or kept without one.',
    fix: 'Identify someone inside the customer who wants you to succeed and add them to `relationships` with `role: coach`. If nobody fits yet, building one is the next action.',
    example: 'relationships:\n  - name: Zhang Min\n    title: Network planning lead\n    role: coach\n    stance: champion',
  },
  'single-threaded': {
    name: 'SingleThreaded',
    kind: 'policy',
    fullDescription: "The plan maps fewer relationships than `policies.minContacts` requires for the account's tier.",
    why: 'An account that hangs on one or two contacts is lost when they change jobs. Several relationships across roles keep the account when people move.',
    fix: 'Map more people at the customer (technical evaluators, users, economic buyers) in `relationships`, each with an owner on your side.',
  },
  'missing-engagement': {
    name: 'MissingEngagement',
    kind: 'policy',
    fullDescription:
      "For an engagement type that `policies.engagements` requires for the account's tier, no engagement of that type with `status: done` is dated within the required number of days up to the as-of date.",
    why: 'Technical exchanges, executive meetings and reference visits are how trust is built with a key account. Without them, the relationship is only as strong as the last quote.',
    fix: 'Plan the missing engagement and, once it has taken place, record it in `engagements` with its type, date and `status: done`.',
    example: 'engagements:\n  - type: technical-exchange\n    date: 2026-10-15\n    status: done',
  },
  'overdue-action': {
    name: 'OverdueAction',
    kind: 'policy',
    fullDescription: 'An action with `status: open` (or no status) has a `due` date before the as-of date.',
    why: 'Overdue actions are commitments the team made to itself or to the customer and did not keep. A plan full of them no longer says what is actually happening on the account.',
    fix: 'Do the action and set `status: done`, set a new realistic `due` date, or set `status: dropped` if it no longer matters.',
  },
  'action-without-owner': {
    name: 'ActionWithoutOwner',
    kind: 'policy',
    fullDescription: 'An action of the plan (whatever its status) has no `owner`.',
    why: 'An action that belongs to nobody is done by nobody. Named owners are what turns a plan into work.',
    fix: 'Add `owner:` with the name of the person responsible for the action.',
    example: 'actions:\n  - what: Schedule CTO visit to HQ\n    owner: Jane Doe\n    due: 2026-12-01',
  },
  'missing-criterion-data': {
    name: 'MissingCriterionData',
    kind: 'policy',
    fullDescription: 'An input of the scoring model (a criterion of kam.yaml) has no value in the plan. One finding is reported per criterion.',
    why: 'The score and tier rest on every criterion of the model. A missing input counts as zero (or is left out, with `missing: exclude`), so the account may land in the wrong tier and get the wrong level of attention.',
    fix: 'Add the input the message names: yearly revenue under `metrics.revenue`, or an assessment from 0 to 5 under `assessment`.',
    example: 'metrics:\n  revenue:\n    2024: 900000\nassessment:\n  influence: 4',
  },
  'resource-misalignment': {
    name: 'ResourceMisalignment',
    kind: 'policy',
    fullDescription: "The sum of `team[].fte` (0 without a team) is below `policies.teamFte.<tier>.min` or above its `max` for the account's tier.",
    why: 'Sales capacity is the scarcest resource in key-account management. Too little on a strategic account risks the relationship; too much on a small one takes time away from the accounts that matter.',
    fix: 'Adjust the team assigned to the account (`team[].fte`) to the range of its tier, or revisit the tier if the account deserves a different level of effort.',
  },
  'concentration-risk': {
    name: 'ConcentrationRisk',
    kind: 'portfolio',
    fullDescription:
      'Across the whole portfolio, the account with the most revenue holds a larger share of the latest revenue than `policies.concentration.maxTop1Share` allows. Reported on that account.',
    why: 'Depending on one customer for a large share of revenue makes the business vulnerable to that customer leaving, cutting budgets or squeezing prices.',
    fix: 'Grow the other key accounts (their plans, objectives and whitespace) so that the share falls, or, if the concentration is accepted, raise `maxTop1Share` in kam.yaml deliberately.',
  },
  'invalid-suppression': {
    name: 'InvalidSuppression',
    kind: 'validation',
    fullDescription:
      'A `kam-disable-next-line` or `kam-disable-file` comment suppresses nothing: it gives no reason after ` -- `, names no rule, or names a rule id kam does not know or cannot suppress there; or a `kam-disable-file` comes after the first line of YAML content.',
    why: 'A suppression is an exception the account team agreed to, and its reason is what a reviewer reads to accept it. One without a reason, or one that silently does nothing, leaves a finding everyone believes is handled.',
    fix: 'Write the rule id and a reason after ` -- `, and put `kam-disable-file` before the first line of YAML. Findings of `yaml-syntax` and `schema` cannot be suppressed: fix the file instead.',
    example: '# kam-disable-next-line no-coach -- met weekly, not a formal coach\nrelationships:',
  },
  'unused-suppression': {
    name: 'UnusedSuppression',
    kind: 'validation',
    fullDescription: 'A `kam-disable` comment names a rule that has no finding to suppress where the comment applies.',
    why: 'Plans change: the coach gets mapped, the review is done. A suppression left behind would hide the next real finding of that rule there, without anyone deciding on it again.',
    fix: 'Remove the rule id from the comment, or the whole comment when none of its rules still fires there.',
  },
};

/** The README section holding the rule table, as a GitHub heading anchor. */
export const RULES_README_ANCHOR = 'kam-check-files--the-ci-gate';

/** The one-line summary of a rule (RULES[id].description). */
export function ruleSummary(id: RuleId): string {
  return RULES[id].description;
}

/** The help of a rule as plain text: why it matters, then how to fix it. */
export function helpText(id: RuleId): string {
  const doc = RULE_DOCS[id];
  return `${doc.why}\n\nHow to fix: ${doc.fix}`;
}

/** The help of a rule as GitHub-flavoured markdown. */
export function helpMarkdown(id: RuleId): string {
  const doc = RULE_DOCS[id];
  const parts = [`**${ruleSummary(id)}**`, doc.fullDescription, '#### Why it matters', doc.why, '#### How to fix', doc.fix];
  if (doc.example !== undefined) parts.push('```yaml\n' + doc.example + '\n```');
  parts.push(`Severity: \`${RULES[id].defaultSeverity}\` by default; change it with \`rules: { ${id}: error | warn | off }\` in kam.yaml.`);
  return parts.join('\n\n');
}
