// JUnit XML, shaped like ESLint's junit formatter: one <testsuite> per file with
// findings (name = file), one failing <testcase> per finding (classname = file,
// name = rule@line:col) whose <failure> carries the message and the severity.
//
// A clean run (no findings) is one passing testcase named "kam check", so that CI
// test reports show that the gate ran rather than an empty report; its name does
// not carry the plan count, so test history stays one test across runs.
import { groupByFile } from './group.js';
import type { FindingsFormatter } from './types.js';

// XML 1.0 cannot carry these even escaped: C0 controls other than tab, LF and CR,
// U+FFFE, U+FFFF, and lone surrogates.
const ILLEGAL_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripIllegalXml(text: string): string {
  return text.replace(ILLEGAL_XML, '');
}

const ATTRIBUTE: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // Parsers turn raw tab, LF and CR in attribute values into spaces; references survive.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Text for a double- or single-quoted XML attribute value. */
export function escapeAttribute(text: string): string {
  return stripIllegalXml(text).replace(/[&<>"'\t\n\r]/g, (c) => ATTRIBUTE[c] ?? c);
}

/** A CDATA section holding `text`; a `]]>` inside is split across two sections. */
export function cdata(text: string): string {
  return `<![CDATA[${stripIllegalXml(text).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

export const junit: FindingsFormatter = (findings) => {
  const out = ['<?xml version="1.0" encoding="utf-8"?>'];
  if (findings.length === 0) {
    out.push('<testsuites name="kam check" tests="1" failures="0" errors="0">');
    out.push('  <testsuite name="kam check" tests="1" failures="0" errors="0">');
    out.push('    <testcase classname="kam" name="kam check" time="0"/>');
    out.push('  </testsuite>');
  } else {
    out.push(`<testsuites name="kam check" tests="${findings.length}" failures="${findings.length}" errors="0">`);
    for (const [file, list] of groupByFile(findings)) {
      const name = escapeAttribute(file);
      out.push(`  <testsuite name="${name}" tests="${list.length}" failures="${list.length}" errors="0">`);
      for (const f of list) {
        const where = `${f.line}:${f.column}`;
        out.push(`    <testcase classname="${name}" name="${escapeAttribute(`${f.rule}@${where}`)}" time="0">`);
        out.push(
          `      <failure message="${escapeAttribute(f.message)}" type="${f.severity}">${cdata(`${where} ${f.severity} ${f.message} (${f.rule})`)}</failure>`,
        );
        out.push('    </testcase>');
      }
      out.push('  </testsuite>');
    }
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
};
