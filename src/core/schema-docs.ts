// What every field and value of a plan and of kam.yaml means, for the editor: the JSON Schemas
// of `kam schema` carry these texts as `description`/`markdownDescription` (hover, completion)
// and, for enum values, `enumDescriptions`/`markdownEnumDescriptions` (yaml-language-server
// shows them next to each proposed value). Written in Markdown; the plain `description` is the
// same text without the marks. Keys are paths: `a.b` a property, `a[]` the items of a list,
// `a.*` the values of a map with free keys; a union's branches share their parent's path.
import type { PlanSection } from './plan.js';

export interface FieldDoc {
  /** Markdown. */
  md: string;
  /** Per enum or const value: what it means (Markdown). */
  values?: Readonly<Record<string, string>>;
}

export type DocTable = Readonly<Record<string, string | FieldDoc>>;

const LEVEL = (low: string, medium: string, high: string): Record<string, string> => ({ low, medium, high });

const DATE = 'An ISO date, `YYYY-MM-DD` (e.g. `2026-12-01`).';

export const RELATIONSHIP_ROLE_DOCS = {
  'decision-maker':
    'The person who makes the final call on the purchase (often the CTO, the CEO or a board). Every key account plan names them: `no-decision-maker` warns when a tier with a `minContacts` policy has none.',
  'economic-buyer':
    'Owns the budget and signs off the spend (often the CFO or a business-unit head). Can stop a deal that the users want; show them the business case: cost, return, risk.',
  'technical-evaluator':
    "Judges whether our solution fits technically (architects, engineers, the test lab). Often writes the evaluation or the specification a tender is built on.",
  user: 'Works with our product day to day. Their experience decides renewals and the references they give.',
  influencer: 'Has no vote but sways those who have one: a senior expert, a consultant, a respected peer, an outside adviser.',
  coach:
    "Someone inside the customer who wants us to win and guides us through their decision: who decides, what matters to each of them, where the deal stands. A coach is a role, not a stance: most coaches are champions, but a champion who shares nothing is not a coach. Tiers listed in `coachRequired` need one (`no-coach`).",
  gatekeeper:
    'Controls access to the people and the information we need (procurement, an executive assistant, IT security). Can slow or block the process without deciding it.',
} as const;

export const STANCE_DOCS = {
  champion: 'Actively sells our case inside the customer, also when we are not in the room.',
  supporter: 'Prefers us and says so when asked, but does not campaign for us.',
  neutral: 'No preference yet, or keeps it to themselves: find out what would win them.',
  skeptic: 'Doubts us or our solution: answer with proof (a pilot, a reference visit, a technical exchange).',
  opponent: 'Prefers a competitor or works against us: plan how to win them over, or how to go around them.',
} as const;

export const ENGAGEMENT_TYPE_DOCS = {
  'technical-exchange':
    "A working session between our experts and the customer's (seminar, workshop, roadmap briefing): builds technical trust and shapes their requirements.",
  'hq-visit': 'The customer visits our headquarters, factory, lab or showroom: they see the company behind the product and meet our executives.',
  pilot: 'A trial or pilot site: our product runs for real on a limited scope, so that the customer can prove it before buying at scale.',
  'reference-visit': 'The customer visits (or calls) one of our customers that runs our product: a peer convinces more than we can.',
  'executive-meeting': 'Our executives meet theirs: aligns strategy, unlocks decisions and shows commitment from the top.',
  other: 'Any other engagement (trade show, training, customer event, service review).',
} as const;

export const WHITESPACE_STATUS_DOCS = {
  installed: 'Our product is installed and in use in this business unit: protect it and grow from it.',
  opportunity: 'Not installed yet and open to us: whitespace to sell into.',
  competitor: "A competitor's product is installed: win it at the next replacement, expansion or tender.",
  none: 'The unit has no need for it, or nothing is installed and nothing is planned: nothing to sell there now.',
} as const;

export const SECTION_DOCS: Readonly<Record<PlanSection, string>> = {
  team: 'Our people on the account (`team`), with their FTE.',
  metrics: 'Revenue per year, wallet and other numbers (`metrics`).',
  assessment: 'Judgement scores 0..5 such as influence and technology prospects (`assessment`).',
  objectives: 'What we want to reach with the account, and by when (`objectives`).',
  whitespace: 'Which of our products are installed, open or held by a competitor, per business unit (`whitespace`).',
  relationships: "The customer's decision chain: who decides, who buys, who is our coach (`relationships`).",
  competitors: 'Who else sells to the customer and how much of a threat they are (`competitors`).',
  engagements: 'The playbook events: technical exchanges, HQ visits, pilots, reference visits, executive meetings (`engagements`).',
  actions: 'What we will do next, who does it and by when (`actions`).',
  risks: 'What could go wrong, how likely, how bad, and the plan against it (`risks`).',
  review: 'When the plan was last reviewed and when it is reviewed next (`review`).',
};

/** The account plan, by path (tier, assessment and metrics get workspace texts too: see json-schema.ts). */
export const PLAN_DOCS: DocTable = {
  '': 'A kam account plan: one key customer, what we know of it and what we will do with it. `kam check` validates it; `kam score` scores it.',
  id: 'The account\'s id: lowercase letters, digits and `-` (e.g. `acme-telecom`), unique in the workspace. Commands and other files name the account by it; keep it when the customer is renamed.',
  name: "The customer's name as the team writes it; any Unicode (e.g. `中国移动`).",
  tier: 'The tier the account team declares for this customer. kam computes the tier from the score; when the two differ, `tier-mismatch` says so: raise the plan to the tier, or revisit the assessment.',
  industry: "The customer's industry, in the team's words (e.g. `Telecommunications`).",
  region: 'The sales region or country the account belongs to (e.g. `EMEA`).',
  owner: 'The key account manager: the one person accountable for this customer, its plan and its relationships.',
  team: 'Our people on the account and how much of their time they give it. The sum of `fte` is checked against the tier\'s `teamFte` policy (`resource-misalignment`).',
  'team[]': 'One person of our account team.',
  'team[].name': 'Their name.',
  'team[].role': 'Their role on the account, in your words (e.g. `account-manager`, `solution-architect`, `service-manager`).',
  'team[].fte': 'How much of their working time goes to this account: `1` full time, `0.5` half.',
  metrics:
    'Numbers about the account: `revenue` per year and `wallet`, plus any number of your own (`metrics.<name>`, e.g. `employees: 12000`), which criteria can score as `metrics.<name>`.',
  'metrics.revenue':
    'Our revenue from this account per year: `year: amount` (e.g. `2024: 1200000`), unquoted years are fine. Scoring reads the latest year (`revenue.latest`), the sum (`revenue.total`) and the growth (`revenue.cagr`).',
  'metrics.revenue.*': 'Our revenue from the account in that year (a number ≥ 0, in the workspace currency).',
  'metrics.wallet': "The customer's yearly spend in our field, from all suppliers: what it could buy from us. `revenue.latest / wallet` is our share of wallet.",
  'metrics.*': 'A number of your own about the account (e.g. employees, sites, subscribers); a criterion can score it as `metrics.<name>`.',
  assessment:
    "The team's judgement of the account on a scale of 0 (none) to 5 (outstanding): a bare number, or `{ score, note }` to say why. Criteria score them as `assessment.<name>`; any name of your own is allowed.",
  'assessment.*': 'A judgement 0..5: a number, or `{ score, note }`.',
  'assessment.*.score': 'The judgement, 0 (none) to 5 (outstanding).',
  'assessment.*.note': 'Why: the facts behind the score, for the next reader and the next review.',
  objectives: 'What we want to reach with this account, measurable and dated (e.g. 30% share of the core network by 2027).',
  'objectives[]': 'One objective.',
  'objectives[].what': 'The objective in one line (e.g. `30% share of core network`).',
  'objectives[].product': 'The product or product line it is about (e.g. `core-network`).',
  'objectives[].target': 'The target as a number (a share such as `0.3`, an amount, a count).',
  'objectives[].due': `When it should be reached. ${DATE}`,
  whitespace:
    "Whitespace analysis: for each of our products and each of the customer's business units, whether it is installed, open to us, or held by a competitor. The open cells are where to sell next.",
  'whitespace[]': 'One product in one business unit.',
  'whitespace[].product': 'Our product or product line (e.g. `access-network`).',
  'whitespace[].unit': "The customer's business unit, site or department (e.g. `Consumer BU`).",
  'whitespace[].status': { md: 'Where this product stands in this unit.', values: WHITESPACE_STATUS_DOCS },
  relationships:
    "The customer's decision chain (the buying center): who decides, who pays, who evaluates, who uses, who influences, who guards the door, and our coach; their stance towards us and how strong our tie is. Policies count them (`minContacts`) and look for a decision-maker and a coach.",
  'relationships[]': 'One person at the customer.',
  'relationships[].name': 'Their name.',
  'relationships[].title': 'Their job title (e.g. `CTO`, `Head of Procurement`).',
  'relationships[].role': { md: 'Their part in the buying decision.', values: RELATIONSHIP_ROLE_DOCS },
  'relationships[].stance': { md: 'Where they stand towards us.', values: STANCE_DOCS },
  'relationships[].strength':
    'How strong our relationship with them is, 0 to 5: 0 we have never met, 1 met once, 3 regular contact, 5 a trusted tie (they call us first).',
  'relationships[].owner': 'Who on our side owns this relationship (usually a `team` member).',
  'relationships[].lastContact': `When we last met or spoke with them. ${DATE}`,
  competitors: 'Who else sells to this customer in our field, where they stand and how much of a threat they are.',
  'competitors[]': 'One competitor at this customer.',
  'competitors[].name': "The competitor's name.",
  'competitors[].position': 'Where they stand at the customer, in your words (e.g. `incumbent`, `challenger`, `shortlisted`).',
  'competitors[].threat': {
    md: 'How much business they could take from us here.',
    values: LEVEL('Little risk to our business at this account.', 'Could take a deal or part of our share.', 'Could take a major deal or the account itself.'),
  },
  engagements:
    'The playbook of events with this customer: technical exchanges, visits to our headquarters, pilots, reference visits, executive meetings. Policies require some types done within a number of days (`missing-engagement`).',
  'engagements[]': 'One engagement event.',
  'engagements[].type': { md: 'The kind of engagement.', values: ENGAGEMENT_TYPE_DOCS },
  'engagements[].date': `When it takes (or took) place. ${DATE}`,
  'engagements[].status': {
    md: 'Whether it happened. Only `done` engagements count for the tier\'s engagement policy.',
    values: {
      planned: 'Scheduled, not held yet.',
      done: 'It took place; it counts for the engagement policy.',
      cancelled: 'It will not take place; kept for the record.',
    },
  },
  'engagements[].note': 'What happened or what it is for: outcome, participants, next step.',
  actions: 'What we will do next: each action with an owner and a due date. Open actions past due are reported (`overdue-action`), and so are actions without an owner (`action-without-owner`).',
  'actions[]': 'One action.',
  'actions[].what': 'What to do, in one line (e.g. `Schedule CTO visit to HQ`).',
  'actions[].owner': 'Who on our side does it.',
  'actions[].due': `By when. ${DATE}`,
  'actions[].status': {
    md: 'Where the action stands; no status means `open`.',
    values: {
      open: 'To do (the default). Past its due date it is reported as overdue.',
      done: 'Done.',
      dropped: 'Decided not to do it; kept for the record.',
    },
  },
  risks: 'What could cost us the account or a deal, how likely it is, how bad it would be, and what we do about it.',
  'risks[]': 'One risk.',
  'risks[].what': 'The risk in one line (e.g. `Budget freeze in 2027`).',
  'risks[].likelihood': {
    md: 'How likely it is to happen.',
    values: LEVEL('Unlikely.', 'Could well happen.', 'Likely, or already happening.'),
  },
  'risks[].impact': {
    md: 'How bad it would be if it happens.',
    values: LEVEL('A small loss, easy to recover.', 'A noticeable loss: a deal delayed or reduced.', 'A major deal or the account lost.'),
  },
  'risks[].mitigation': 'What we do to make it less likely or less bad.',
  review: "The plan's review cadence: policies require a review every so many days per tier (`stale-review`).",
  'review.lastReviewed': `When the team last reviewed the whole plan. ${DATE}`,
  'review.nextReview': `When the next review is planned. ${DATE}`,
};

/** Rule severities, for `rules.<id>`. */
export const SEVERITY_DOCS = {
  error: 'Reported as an error: `kam check` exits 1.',
  warn: 'Reported as a warning: shown, but `kam check` passes (unless `--max-warnings` is exceeded).',
  off: 'Not reported at all.',
} as const;

export const FIXED_INPUT_DOCS = {
  'revenue.latest': 'Our revenue in the latest year of `metrics.revenue`: what the account brings today.',
  'revenue.total': 'The sum of all years of `metrics.revenue`: cumulative volume, a customer grown big from many small orders over the years.',
  'revenue.cagr': 'The yearly growth rate from the first to the last year of `metrics.revenue` (compound annual growth; needs two years and a first amount above 0).',
  wallet: "`metrics.wallet`: the customer's yearly spend in our field, what it could buy from us.",
  shareOfWallet: '`revenue.latest / metrics.wallet`: how much of the customer\'s spend we already win.',
} as const;

/** Inputs kam's default model scores; proposed in the editor with the fixed ones. */
export const DEFAULT_ASSESSMENT_INPUT_DOCS = {
  'assessment.influence': "The team's judgement 0..5 of the account's influence: a reference customer that opens an industry or a region.",
  'assessment.techProspects': "The team's judgement 0..5 of its technology prospects: an early adopter that pulls our technology forward.",
} as const;

/** kam.yaml, by path. */
export const CONFIG_DOCS: DocTable = {
  '': 'The kam workspace config: the scoring model, the tiers and what each tier\'s plans must hold. Every key has a default; `version: 1` alone is valid.',
  version: { md: 'The format version of this file.', values: { '1': 'Version 1, the only one so far.' } },
  currency: 'The currency of every amount in the plans (`metrics.revenue`, `metrics.wallet`), e.g. `USD`, `EUR`, `CNY`. Amounts stay plain numbers.',
  plans: 'Where the plans are, relative to kam.yaml: a glob, or a list of globs (default `accounts/*.yaml`).',
  'plans[]': 'A glob of plan files, relative to kam.yaml.',
  criteria:
    'The "big customer" model: each criterion turns one input of a plan into a score 0..1 with its scale, and the account scores `100 × Σ weight × score / Σ weight`. Big is not only revenue: influence, cumulative volume and technology prospects count too.',
  'criteria[]': 'One criterion of the model.',
  'criteria[].id': 'The criterion\'s name: a column of `kam score`, and the name `kam score --weight <id>=<n>` takes. Unique.',
  'criteria[].weight': 'How much it counts, relative to the others (weights 35, 25, 20, 20: the first counts 35%). `0` leaves it out.',
  'criteria[].input':
    'What the criterion measures in each plan: one of the inputs below, `assessment.<name>` (a judgement 0..5 of your own in the plans\' `assessment`) or `metrics.<name>` (a number of your own in `metrics`).',
  'criteria[].scale': 'How the input becomes a score from 0 to 1.',
  'criteria[].scale.type': {
    md: 'The kind of scale.',
    values: {
      linear: 'A straight line: `min` scores 0, `max` scores 1. For judgement scores 0..5.',
      log: 'Logarithmic between `min` and `max` (`0 < min < max`): for amounts that span orders of magnitude, so that 1 M to 10 M counts as much as 10 M to 100 M.',
      steps: 'Thresholds: the input scores the `score` of the highest step whose `min` it reaches (0 below them all).',
      percentile: "The account's rank among the accounts scored: the lowest scores 0, the highest 1.",
    },
  },
  'criteria[].scale.min': 'The input value that scores 0 (anything below scores 0 too).',
  'criteria[].scale.max': 'The input value that scores 1 (anything above scores 1 too).',
  'criteria[].scale.steps': 'The thresholds, in any order.',
  'criteria[].scale.steps[]': 'One threshold.',
  'criteria[].scale.steps[].min': 'The input value from which this step applies.',
  'criteria[].scale.steps[].score': 'The score (0..1) of an input that reaches `min`.',
  missing: {
    md: 'How a criterion counts for an account whose plan has no data for it.',
    values: {
      zero: 'The missing input scores 0: a plan without data scores low, which pushes the team to fill it in.',
      exclude: "The criterion is left out of both sums for that account: its score rests on the criteria it has data for.",
    },
  },
  tiers: 'The tiers, highest first: an account gets the first tier whose `min` its score reaches. Plans (`tier:`) and policies name tiers by id.',
  'tiers[]': 'One tier.',
  'tiers[].id': 'The tier\'s name (e.g. `strategic`, `key`, `growth`, `maintain`).',
  'tiers[].min': 'The lowest score (0..100) that reaches this tier.',
  policies:
    "What each tier's plans must hold, per tier id; a tier a policy does not name has no requirement there. A key you set replaces that key's default map as a whole.",
  'policies.requiredSections': 'Per tier id: the sections its plans must have, present and non-empty (`required-section`, an error).',
  'policies.requiredSections.*': 'The sections a plan of this tier must have.',
  'policies.requiredSections.*[]': { md: 'A plan section.', values: SECTION_DOCS },
  'policies.reviewEveryDays': 'Per tier id: at most this many days since `review.lastReviewed` (`stale-review`).',
  'policies.reviewEveryDays.*': 'Days between two reviews of a plan of this tier.',
  'policies.minContacts':
    'Per tier id: the fewest relationships its plans must map (`single-threaded`: an account that hangs on one person is at risk). A tier named here also needs a decision-maker (`no-decision-maker`).',
  'policies.minContacts.*': 'The fewest relationships a plan of this tier maps.',
  'policies.coachRequired': 'The tiers whose plans need a coach: a relationship with `role: coach`, someone inside the customer who guides you through their decision (`no-coach`).',
  'policies.coachRequired[]': 'A tier id.',
  'policies.engagements': 'Per tier id: engagement types that must have been done within a number of days (`missing-engagement`).',
  'policies.engagements.*': 'The engagements a plan of this tier must show.',
  'policies.engagements.*.within': 'Each type must have a `done` engagement at most this many days before today (the as-of date).',
  'policies.engagements.*.types': 'The engagement types required.',
  'policies.engagements.*.types[]': { md: 'An engagement type.', values: ENGAGEMENT_TYPE_DOCS },
  'policies.teamFte': "Per tier id: the range of our team's effort on the account, the sum of `team[].fte` (`resource-misalignment`): enough people on strategic accounts, not too many on small ones.",
  'policies.teamFte.*': 'The FTE range for this tier.',
  'policies.teamFte.*.min': 'At least this many FTE.',
  'policies.teamFte.*.max': 'At most this many FTE.',
  'policies.concentration': "The portfolio's concentration risk: relying on very few customers is a risk in itself.",
  'policies.concentration.maxTop1Share': 'The largest share (0..1) of the revenue that the top account may hold before `concentration-risk` warns (`0.3` = 30%).',
  rules: 'Severity per rule id: `error` fails `kam check`, `warn` reports, `off` silences.',
  'rules.*': { md: 'The severity of this rule.', values: SEVERITY_DOCS },
  data: 'Client exports read by `kam score --data` and `kam import` (CSV or .xlsx): header mapping, decimal mark, encoding.',
  'data.columns': "The client's header names mapped onto kam's columns (e.g. `客户名称: name`, `Sales 2024: revenue_2024`).",
  'data.columns.*': "The kam column this header feeds (e.g. `name`, `revenue_2024`, `wallet`).",
  'data.decimal': {
    md: 'The decimal mark of numbers written as text; without it kam decides from each file.',
    values: { '.': 'A point: `1234.5`.', ',': 'A comma: `1234,5` (common in European exports).' },
  },
  'data.encoding': 'The encoding of text exports (e.g. `gb18030`, `windows-1252`); a byte order mark still wins.',
};
