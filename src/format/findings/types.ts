import type { Finding, FindingsSummary } from '../../core/findings.js';

export interface FindingsFormatOptions {
  color: boolean;
  version: string;
}

export type FindingsFormatter = (findings: readonly Finding[], summary: FindingsSummary, options: FindingsFormatOptions) => string;
