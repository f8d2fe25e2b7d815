// kam.findings/v1 (SPEC 6).
import { escapeJson } from '../escape.js';
import type { FindingsFormatter } from './types.js';

export const json: FindingsFormatter = (findings, summary) => {
  const document = {
    schema: 'kam.findings/v1',
    // Two shapes, without and with an account: objects of one shape stringify fastest.
    findings: findings.map((f) =>
      f.account === undefined
        ? { rule: f.rule, severity: f.severity, file: f.file, line: f.line, column: f.column, message: f.message }
        : { rule: f.rule, severity: f.severity, account: f.account, file: f.file, line: f.line, column: f.column, message: f.message },
    ),
    summary: { files: summary.files, errors: summary.errors, warnings: summary.warnings },
  };
  return escapeJson(`${JSON.stringify(document, null, 2)}\n`);
};
