// JUnit XML: one testsuite per file with findings, one failing testcase per finding
// (classname = file, name = rule@line:col). A clean run is one passing testcase.
import type { Finding } from '../../core/findings.js';
import type { FindingsFormatter } from './types.js';

// XML 1.0 cannot carry most control characters, even escaped.
const ILLEGAL_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(ILLEGAL_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export const junit: FindingsFormatter = (findings, summary) => {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  const out = ['<?xml version="1.0" encoding="utf-8"?>'];
  if (findings.length === 0) {
    out.push(`<testsuites name="kam check" tests="1" failures="0" errors="0">`);
    out.push(`  <testsuite name="kam check" tests="1" failures="0" errors="0">`);
    out.push(`    <testcase classname="kam" name="${summary.files} plans checked" time="0"/>`);
    out.push('  </testsuite>');
  } else {
    out.push(`<testsuites name="kam check" tests="${findings.length}" failures="${findings.length}" errors="0">`);
    for (const [file, list] of byFile) {
      out.push(`  <testsuite name="${escapeXml(file)}" tests="${list.length}" failures="${list.length}" errors="0">`);
      for (const f of list) {
        const text = `${f.line}:${f.column} ${f.severity} ${f.message} (${f.rule})`;
        out.push(`    <testcase classname="${escapeXml(f.file)}" name="${escapeXml(`${f.rule}@${f.line}:${f.column}`)}" time="0">`);
        out.push(`      <failure message="${escapeXml(f.message)}" type="${f.severity}">${escapeXml(text)}</failure>`);
        out.push('    </testcase>');
      }
      out.push('  </testsuite>');
    }
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
};
