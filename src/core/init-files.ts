// The files `kam init` writes, as text from answers. Pure: the command adapter asks the
// questions and writes; every text here is validated by the tests (kam.yaml parses to a
// valid config whose values are the answers; the example plan passes the schema).
import { DEFAULT_CONFIG, DEFAULT_TIERS, type KamConfig } from './config.js';
import { yamlString } from './template.js';

export interface InitAnswers {
  currency: string;
  /** Highest first. */
  tiers: { id: string; min: number }[];
  /** Required sections per tier id. */
  requiredSections: Record<string, string[]>;
}

/** The four default tiers' positions, so that renamed tiers keep their default policies. */
const DEFAULT_TIER_IDS = DEFAULT_TIERS.map((t) => t.id);

/**
 * Which default tier each of n tiers stands for: the top ones map to strategic, key,
 * growth in order, the lowest to maintain; extra middle tiers have no default policy.
 */
export function defaultTierFor(index: number, count: number): string | undefined {
  if (index === count - 1) return DEFAULT_TIER_IDS[DEFAULT_TIER_IDS.length - 1];
  return index < DEFAULT_TIER_IDS.length - 1 ? DEFAULT_TIER_IDS[index] : undefined;
}

/** Tier mins for n tiers: the defaults for four, else evenly spaced from 0. */
export function defaultTierMins(count: number): number[] {
  if (count === DEFAULT_TIERS.length) return DEFAULT_TIERS.map((t) => t.min);
  return Array.from({ length: count }, (_, i) => Math.round((100 * (count - 1 - i)) / count));
}

export function defaultInitAnswers(): InitAnswers {
  return {
    currency: DEFAULT_CONFIG.currency,
    tiers: DEFAULT_TIERS.map((t) => ({ ...t })),
    requiredSections: structuredClone(DEFAULT_CONFIG.policies.requiredSections),
  };
}

/** Default required sections for tiers named by the user (by position). */
export function defaultRequiredSections(tierIds: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  tierIds.forEach((id, i) => {
    const base = defaultTierFor(i, tierIds.length);
    const sections = base !== undefined ? DEFAULT_CONFIG.policies.requiredSections[base] : undefined;
    if (sections) out[id] = [...sections];
  });
  return out;
}

function flowList(items: readonly string[]): string {
  return `[${items.map(yamlString).join(', ')}]`;
}

function flowMap(entries: readonly [string, string][]): string {
  return `{ ${entries.map(([k, v]) => `${yamlString(k)}: ${v}`).join(', ')} }`;
}

/** Renames the default policy maps onto the user's tiers (by position). */
function policyFor<T>(policy: Record<string, T>, tierIds: readonly string[]): [string, T][] {
  const out: [string, T][] = [];
  tierIds.forEach((id, i) => {
    const base = defaultTierFor(i, tierIds.length);
    if (base !== undefined && policy[base] !== undefined) out.push([id, policy[base]]);
  });
  return out;
}

/** kam.yaml with every default written out and commented. */
export function renderConfigFile(answers: InitAnswers): string {
  const ids = answers.tiers.map((t) => t.id);
  const width = Math.max(...ids.map((id) => yamlString(id).length));
  const p: KamConfig['policies'] = DEFAULT_CONFIG.policies;
  const required = ids.filter((id) => (answers.requiredSections[id] ?? []).length > 0).map((id) => [id, flowList(answers.requiredSections[id]!)] as [string, string]);
  const review = policyFor(p.reviewEveryDays, ids).map(([id, d]) => [id, String(d)] as [string, string]);
  const contacts = policyFor(p.minContacts, ids).map(([id, n]) => [id, String(n)] as [string, string]);
  const coach = ids.filter((_, i) => p.coachRequired.includes(defaultTierFor(i, ids.length) ?? ''));
  const engagements = policyFor(p.engagements, ids).map(([id, e]) => [id, `{ within: ${e.within}, types: ${flowList(e.types)} }`] as [string, string]);
  const fte = policyFor(p.teamFte, ids).map(([id, r]) => [id, `{ ${Object.entries(r).map(([k, v]) => `${k}: ${v}`).join(', ')} }`] as [string, string]);
  const tierLines = answers.tiers.map((t) => `  - { id: ${`${yamlString(t.id)},`.padEnd(width + 1)} min: ${t.min} }`);

  return `# yaml-language-server: $schema=./schemas/config.schema.json
# kam workspace config. Every key below shows its built-in default: delete a key to
# keep the default, change a value to change the model. \`kam check\` validates this file.
version: 1                      # format version of this file
currency: ${yamlString(answers.currency)}${' '.repeat(Math.max(1, 21 - yamlString(answers.currency).length))}# amounts in plans are plain numbers in this currency
plans: accounts/*.yaml          # where the plans are: a glob, or a list of globs

# The "big customer" model. Each criterion scores an input on 0..1 with a scale; the
# account score is 100 × Σ weight × score / Σ weight. Weights are relative: raise one
# to make it count more (try \`kam score --weight influence=40\` first). Scales:
#   log { min, max }      for amounts spanning orders of magnitude (0 < min < max)
#   linear { min, max }   for judgement scores 0..5
#   steps { steps: [ { min: v, score: s }, … ] }, or percentile (rank among the accounts)
# Inputs: revenue.latest, revenue.total, revenue.cagr, wallet, shareOfWallet,
# assessment.<name>, metrics.<name>.
criteria:
  # revenue: what the account brings today (revenue of its latest year)
  - { id: revenue,          weight: 35, input: revenue.latest, scale: { type: log, min: 10000, max: 100000000 } }
  # cumulativeVolume: a customer grown big from many small orders over the years
  - { id: cumulativeVolume, weight: 25, input: revenue.total,  scale: { type: log, min: 10000, max: 500000000 } }
  # influence: a reference customer that opens an industry or a region (assessment 0..5)
  - { id: influence,        weight: 20, input: assessment.influence,     scale: { type: linear, min: 0, max: 5 } }
  # techProspects: an early adopter that pulls our technology forward (assessment 0..5)
  - { id: techProspects,    weight: 20, input: assessment.techProspects, scale: { type: linear, min: 0, max: 5 } }
missing: zero                   # a missing input scores 0; "exclude" leaves it out of both sums

# Tiers, highest first: an account gets the first tier whose min its score reaches.
# Rename them, add or remove some, or move the mins; the policies below name tiers by id.
tiers:
${tierLines.join('\n')}

# What each tier's plans must hold; a tier not named has no requirement.
policies:
  # sections that must be present and non-empty
  requiredSections: ${flowMap(required)}
  # review.lastReviewed at most this many days before today
  reviewEveryDays:  ${flowMap(review)}
  # at least this many relationships (and a decision-maker among them)
  minContacts:      ${flowMap(contacts)}
  # a relationship with role coach: a friendly insider
  coachRequired:    ${flowList(coach)}
  # an engagement of each type, done within this many days
  engagements:      ${flowMap(engagements)}
  # the sum of team[].fte
  teamFte:          ${flowMap(fte)}
  # warn when the top account holds more than this share of revenue
  concentration:    { maxTop1Share: ${p.concentration.maxTop1Share} }

# Severity per rule id: error | warn | off (see \`kam check --help\` and the README).
rules:
  stale-review: warn

# Client exports (kam score --data, kam import; CSV or .xlsx): map their header names onto kam's.
data:
  columns: {}                   # e.g. { 客户名称: name, Sales 2024: revenue_2024 }
  # decimal: ","               # the decimal mark of numbers written as text (default: decided per file)
  # encoding: gb18030           # the encoding of text exports (default: a byte order mark, else UTF-8)
`;
}

/** The example plan of a new workspace, for the top tier, with every section filled. */
export function examplePlanFile(topTier: string, schemaPath: string): string {
  return `# yaml-language-server: $schema=${schemaPath}
# An example plan: copy its shape, or start a new one with \`kam new "<customer name>"\`.
id: example-telecom
name: Example Telecom
tier: ${yamlString(topTier)}
industry: Telecommunications
region: EMEA
owner: Jane Doe
team:
  - name: Jane Doe
    role: account-manager
    fte: 1
  - name: Bo Chen
    role: solution-architect
    fte: 0.5
metrics:
  revenue: { 2023: 9800000, 2024: 16500000, 2025: 21000000 }
  wallet: 80000000
assessment:
  influence: { score: 5, note: National reference operator; others follow its choices }
  techProspects: 4
objectives:
  - what: 30% share of core network
    product: core-network
    target: 0.3
    due: 2027-12-31
whitespace:
  - product: access-network
    unit: Consumer BU
    status: installed
  - product: transport
    unit: Network Operations
    status: opportunity
relationships:
  - name: Li Wei
    title: CTO
    role: decision-maker
    stance: supporter
    strength: 3
    owner: Jane Doe
  - name: Anna Berg
    title: CFO
    role: economic-buyer
    stance: neutral
    strength: 2
    owner: Jane Doe
  - name: Tom Reyes
    title: Head of Architecture
    role: technical-evaluator
    stance: champion
    strength: 4
    owner: Bo Chen
  - name: Sara Kim
    title: Network Planning Lead
    role: coach
    stance: champion
    strength: 4
    owner: Bo Chen
  - name: Olaf Nyberg
    title: Procurement Director
    role: gatekeeper
    stance: skeptic
    strength: 1
    owner: Jane Doe
competitors:
  - name: Rival Corp
    position: incumbent
    threat: high
engagements:
  - type: technical-exchange
    date: 2026-03-01
    status: done
  - type: executive-meeting
    date: 2026-09-20
    status: done
actions:
  - what: Schedule CTO visit to HQ
    owner: Jane Doe
    due: 2027-01-15
    status: open
risks:
  - what: Budget freeze in 2027
    likelihood: medium
    impact: high
    mitigation: Phase the upgrade over two budget years
review:
  lastReviewed: 2026-10-15
  nextReview: 2027-01-15
`;
}

/**
 * GitHub Actions workflow running the CI gate on every push and pull request. kam comes from the
 * workspace's package.json (a pinned devDependency); `--no-install` makes npx fail rather than
 * fetch a package called kam from the registry.
 */
export const GITHUB_WORKFLOW = `# kam: every plan must parse, match the schema and carry what its tier requires.
# Findings appear as annotations on the pull request and as a table in the job summary.
# kam is installed from package.json (pinned there and in package-lock.json), never by name.
name: kam
on: [push, pull_request]
permissions:
  contents: read
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with: { node-version: 20 }
      - name: Install kam
        run: if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
      - name: kam check
        run: npx --no-install kam check --format github
`;

/** The workspace's package.json: kam as a devDependency from a pinned source. */
export function workspacePackageJson(kamSource: string): string {
  const pkg = {
    name: 'key-account-plans',
    private: true,
    description: 'Key account plans, checked by kam',
    scripts: { check: 'kam check', score: 'kam score', gaps: 'kam gaps' },
    devDependencies: { kam: kamSource },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}
