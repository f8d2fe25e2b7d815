// kam.findings/v1 (SPEC 6).
import type { FindingsFormatter } from './types.js';

export const json: FindingsFormatter = (findings, summary) => {
  const document = {
    schema: 'kam.findings/v1',
    findings: findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      ...(f.account !== undefined ? { account: f.account } : {}),
      file: f.file,
      line: f.line,
      column: f.column,
      message: f.message,
    })),
    summary: { files: summary.files, errors: summary.errors, warnings: summary.warnings },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
};
