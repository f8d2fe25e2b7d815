import type { Finding } from '../../core/findings.js';

/** Findings by file: files in order of first appearance, findings in their given order. */
export function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  return byFile;
}
