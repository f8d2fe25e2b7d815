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
  'rule.low-productivity': 'revenue per FTE {perFte} is below {min} for a {tier:tier} account (revenue {revenue} on {fte} FTE): grow the account or move people to where the value is',
  // Relationship rules (issue 20).
  'rule.key-person-risk.share': '{owner} owns {count} of the {total} relationships at {account} ({share}; policy: at most {max}): the account leaves with them; give relationships to other people of the team (relationships[].owner)',
  'rule.key-person-risk.strong': '{owner} owns all {count} strong relationship(s) at {account} (strength 4 or more): the account leaves with them; build strong ties owned by others of the team',
  'rule.single-point-of-contact': 'every strong relationship at {account} is with {name}: when they move, the account goes cold; build strong ties with other people at the customer',
  'rule.stale-contact.never': 'no contact with {name} ({role:role}) recorded; {tier:tier} accounts meet them every {every} days: meet them and set lastContact',
  'rule.stale-contact.old': 'last contact with {name} ({role:role}) {age} days ago ({last}); {tier:tier} accounts meet them every {every} days: meet them and update lastContact',
  'rule.relationship-only': 'strong relationships at {account} (average strength {average}) but a share of wallet of {share} (policy: at least {min}): the account is held by people, not by value; turn the ties into business',
  'rule.no-executive-sponsor.none': 'no executive sponsor on the team of {account}; {tier:tier} accounts need one: add a team member with role: executive-sponsor who owns a relationship',
  'rule.no-executive-sponsor.unowned': 'the executive sponsor ({sponsors}) owns no relationship at {account}: make them the owner of a senior relationship (relationships[].owner)',
  // Evidence freshness (issue 20).
  'rule.stale-assessment.undated': 'assessment "{name}" has no date; {tier:tier} accounts re-assess every {days} days: re-assess it and record the date (asOf: YYYY-MM-DD)',
  'rule.stale-assessment.old': 'assessment "{name}" is from {date}, {age} days ago; {tier:tier} accounts re-assess every {days} days: re-assess it and update asOf',
  // Tier overrides (issue 20).
  'rule.override-expired': 'the override to {tier:tier} expired on {until} (by {by}): the computed tier decides the policies again; renew override.until or remove the override',
} as const;
