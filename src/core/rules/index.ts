// Every policy rule of SPEC 4, listed once. Each lives in its own file.
import type { RuleId } from '../findings.js';
import { actionWithoutOwner } from './action-without-owner.js';
import { concentrationRisk } from './concentration-risk.js';
import { missingCriterionData } from './missing-criterion-data.js';
import { missingEngagement } from './missing-engagement.js';
import { noCoach } from './no-coach.js';
import { noDecisionMaker } from './no-decision-maker.js';
import { overdueAction } from './overdue-action.js';
import { requiredSection } from './required-section.js';
import { resourceMisalignment } from './resource-misalignment.js';
import { singleThreaded } from './single-threaded.js';
import { staleReview } from './stale-review.js';
import { tierMismatch } from './tier-mismatch.js';
import { competitorStronghold, singleProduct, whitespaceUnmapped } from './whitespace.js';
import { lowProductivity } from './low-productivity.js';
import { keyPersonRisk } from './key-person-risk.js';
import { singlePointOfContact } from './single-point-of-contact.js';
import { staleContact } from './stale-contact.js';
import { relationshipOnly } from './relationship-only.js';
import { noExecutiveSponsor } from './no-executive-sponsor.js';
import { staleAssessment } from './stale-assessment.js';
import { overrideExpiredRule } from './override-expired.js';
import type { PlanRule, PortfolioRule } from './types.js';

export const PLAN_RULES: readonly PlanRule[] = [
  requiredSection,
  tierMismatch,
  staleReview,
  noDecisionMaker,
  noCoach,
  singleThreaded,
  missingEngagement,
  overdueAction,
  actionWithoutOwner,
  missingCriterionData,
  resourceMisalignment,
  // Whitespace rules (issue 19).
  singleProduct,
  competitorStronghold,
  whitespaceUnmapped,
  lowProductivity,
  // Relationship rules (issue 20).
  keyPersonRisk,
  singlePointOfContact,
  staleContact,
  relationshipOnly,
  noExecutiveSponsor,
  // Evidence freshness (issue 20).
  staleAssessment,
  // Tier overrides (issue 20).
  overrideExpiredRule,
];

export const PORTFOLIO_RULES: readonly PortfolioRule[] = [concentrationRisk];

/** The rules about file contents (validation), as opposed to the policy rules above. */
export const VALIDATION_RULES: readonly RuleId[] = ['yaml-syntax', 'schema', 'unknown-key', 'duplicate-id'];

export type { PlanContext, PlanRule, PortfolioRule, RuleHit } from './types.js';
