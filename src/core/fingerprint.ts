// What stays the same about a finding when the plan around it is edited: the identity that a
// baseline (kam check --baseline) and SARIF's partialFingerprints match on. Lines and columns
// move with every edit above a finding, and messages carry counts and dates that change with
// as-of ("last reviewed 120 days ago"), so neither is part of it.
import { createHash } from 'node:crypto';
import type { Finding } from './findings.js';

/** The parts of a finding's identity, in a readable form (baseline files keep it readable). */
export function identityOf(finding: Pick<Finding, 'rule' | 'file' | 'account' | 'path' | 'message'>): string {
  return [finding.rule, finding.file, finding.account ?? '', finding.path ?? '', messageShape(finding.message)].join('\u0000');
}

/** A stable hash of the identity: 16 hex digits. */
export function fingerprintOf(finding: Pick<Finding, 'rule' | 'file' | 'account' | 'path' | 'message'>): string {
  return createHash('sha256').update(identityOf(finding)).digest('hex').slice(0, 16);
}

/** A message with each run of digits (counts, days, dates, amounts) replaced by `#`. */
export function messageShape(message: string): string {
  return message.replace(/[0-9]+(?:[.,][0-9]+)*/g, '#');
}
