// English wording of the policy rules' findings (src/core/rules/). The source catalog; see
// src/i18n/template.ts for the placeholders.
export const rules = {
  'rule.required-section.add': 'add the {section} section: required for {tier:tier} accounts',
  'rule.required-section.fill': 'fill in the {section} section: required for {tier:tier} accounts',
  'rule.tier-mismatch.other-tier': 'declared tier "{declared}" but the score {score} gives "{computed:tier}"; change tier: to {computed} or revisit the assessment',
  'rule.tier-mismatch.no-tier': 'declared tier "{declared}" but the score {score} gives no tier; change tier: to match or revisit the assessment',
  'rule.stale-review.never': 'no review recorded; review the plan and set review.lastReviewed ({tier:tier} accounts every {every} days)',
  'rule.stale-review.old': 'last reviewed {age} days ago ({last}); {tier:tier} accounts are reviewed every {every} days: review the plan',
  'rule.no-decision-maker': 'map the decision maker at {account}: add the person who makes the final call to relationships with role: decision-maker',
  'rule.no-coach': 'add a coach: someone inside {account} who guides you through the decision (a relationship with role: coach)',
  'rule.single-threaded': '{count} contact(s) at {account}; {tier:tier} accounts need at least {min}: go from one contact to many (add relationships)',
  'rule.missing-engagement': 'no {type:engagement} done in the last {within} days; plan one with {account} and record it in engagements',
  'rule.overdue-action': '"{what}" was due {due}: do it, re-plan it (new due date) or mark it done or dropped',
  'rule.action-without-owner': '"{what}" has no owner: add owner: (who will do it)',
  'rule.missing-criterion-data.assessment': 'no data for criterion {criterion:criterion}; add {input} (a score 0..5) so the score is complete',
  'rule.missing-criterion-data.cagr': 'no data for criterion {criterion:criterion}; add metrics.revenue for two or more years so the score is complete',
  'rule.missing-criterion-data.revenue': 'no data for criterion {criterion:criterion}; add metrics.revenue ({{ <year>: <amount> }}) so the score is complete',
  'rule.missing-criterion-data.wallet': 'no data for criterion {criterion:criterion}; add metrics.wallet so the score is complete',
  'rule.missing-criterion-data.share-of-wallet': 'no data for criterion {criterion:criterion}; add metrics.revenue and metrics.wallet so the score is complete',
  'rule.missing-criterion-data.other': 'no data for criterion {criterion:criterion}; add {input} so the score is complete',
  'rule.resource-misalignment.below': 'team FTE {fte} is below {min} for a {tier:tier} account: put more people on it (team[].fte)',
  'rule.resource-misalignment.above': 'team FTE {fte} is above {max} for a {tier:tier} account: move effort to where the value is',
  'rule.concentration-risk': '{account} makes {share} of revenue (policy: at most {max}); relying on one customer is a risk: grow the other accounts',
  // Whitespace rules (issue 19).
  'rule.single-product': '{count} of our products installed at {account}; {tier:tier} accounts need at least {min}: bring the next product in (whitespace entries with status: installed)',
  'rule.competitor-stronghold': 'a competitor holds {theirs} business unit(s) at {account}, we hold {ours}: win back a unit (whitespace entries with status: competitor vs installed)',
  'rule.whitespace-unmapped': 'the whitespace of {account} names no business unit; {tier:tier} accounts map it per unit: add unit: to the whitespace entries',
} as const;
