// JUnit XML as CI servers read it (GitLab's unit test reports, Jenkins' junit and xunit plugins):
//
//   <testsuites>                   one run of kam check
//     <testsuite name=plan file>   one per plan checked, clean plans included
//       <testcase classname=plan file name=rule>   one per rule that is on (kam.yaml `rules`)
//     <testsuite name="portfolio"> the portfolio rules (concentration-risk), which judge all plans
//
// A testcase passes when its rule found nothing in the plan. A rule with findings is a
// `<failure>` when its findings fail the run: errors always (`type="error"`), warnings only
// when `--max-warnings` is given and exceeded (`type="warning"`). Warnings that do not fail the
// run are `<skipped type="warning">`: GitLab shows the text of a skipped test (and counts it
// apart), but shows `<system-out>` only for failed tests, and Jenkins shows skipped tests apart
// from failures without making the build unstable: a green job shows no failed test, and the
// warnings are one click away. The policy rules of a plan that could not be scored (a YAML or
// schema error) did not run: they are `<skipped>` too, saying so. `errors` (a test that could
// not run because of a fault of the test itself) is always 0.
//
// The failure or skipped text lists each finding as `file:line:col severity message`; the
// `message` attribute holds the first. Test names are stable across runs (the rule id, under
// the plan's path), so CI test history and GitLab's branch comparison follow each plan and rule.
// Counts (`tests`, `failures`, `errors`, `skipped`) are those a reader recomputes from the
// elements (junitparser's update_statistics); `<testsuites>` carries no `skipped`, which the
// Jenkins xunit schema (junit-10.xsd) does not allow there.
import type { Finding, RuleId } from '../../core/findings.js';
import { PORTFOLIO_RULE_IDS, POLICY_RULE_IDS, runOfFindings, warningsFail, type CheckedRun } from './checked.js';
import { ENGLISH, i18n } from '../../i18n/index.js';
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

/** The name of the testsuite (and classname of the testcases) of the portfolio rules. */
export const PORTFOLIO_SUITE = 'portfolio';


interface Suite {
  name: string;
  /** The plan file (with the path prefix), for the `file` attribute; none for the portfolio. */
  file?: string;
  tests: number;
  failures: number;
  skipped: number;
}

type ByRule = Map<RuleId, Finding[]>;

export const junit: FindingsFormatter = (findings, summary, options) => {
  const run: CheckedRun = options.run ?? runOfFindings(findings);
  const prefix = options.pathPrefix ?? '';
  // English unless the locale was asked for: CI logs stay searchable.
  const tr = options.explicitLocale ? i18n() : ENGLISH;
  const failWarnings = warningsFail(run, summary.warnings);
  const warningNote = failWarnings
    ? tr.t('format.junit.warnings-fail', { warnings: summary.warnings, max: run.maxWarnings ?? 0 })
    : run.maxWarnings === undefined
      ? tr.t('format.junit.warnings-pass-no-max', {})
      : tr.t('format.junit.warnings-pass', { warnings: summary.warnings, max: run.maxWarnings });
  const notRun = escapeAttribute(tr.t('format.junit.not-run', {}));
  const severityWord = { error: tr.value('severity', 'error'), warn: tr.value('severity', 'warn') };

  // Findings by plan file and rule, the portfolio rules' apart. Plans in the order checked, then
  // any other file a finding names (none from kam check itself).
  const byFile = new Map<string, ByRule>();
  for (const file of run.files) byFile.set(file, new Map());
  const portfolio: ByRule = new Map();
  for (const f of findings) {
    let rules = PORTFOLIO_RULE_IDS.has(f.rule) ? portfolio : byFile.get(f.file);
    if (rules === undefined) byFile.set(f.file, (rules = new Map()));
    const list = rules.get(f.rule);
    if (list) list.push(f);
    else rules.set(f.rule, [f]);
  }

  // Each suite's cases are written as they are made, its opening tag (which holds the counts) after.
  const out = ['<?xml version="1.0" encoding="utf-8"?>', ''];
  const ruleNames = new Map<RuleId, string>();
  const testcase = (suite: Suite, classname: string, rule: RuleId, list: readonly Finding[] | undefined, ran: boolean) => {
    suite.tests++;
    let name = ruleNames.get(rule);
    if (name === undefined) ruleNames.set(rule, (name = escapeAttribute(rule)));
    const open = `    <testcase classname="${classname}" name="${name}" time="0"`;
    if (list === undefined) {
      if (ran) out.push(`${open}/>`);
      else {
        suite.skipped++;
        out.push(`${open}>`, `      <skipped message="${notRun}"/>`, '    </testcase>');
      }
      return;
    }
    const first = list[0]!;
    const text = list.map((f) => `${prefix}${f.file}:${f.line}:${f.column} ${severityWord[f.severity]} ${f.message}`);
    const where = `${prefix}${first.file}:${first.line}:${first.column}`;
    const head = list.length === 1 ? `${where} ${first.message}` : tr.t('format.junit.several', { n: list.length, where, message: first.message });
    let element: string;
    if (list.some((f) => f.severity === 'error')) {
      suite.failures++;
      element = `<failure type="error" message="${escapeAttribute(head)}">${cdata(text.join('\n'))}</failure>`;
    } else {
      const tag = failWarnings ? 'failure' : 'skipped';
      if (failWarnings) suite.failures++;
      else suite.skipped++;
      element = `<${tag} type="warning" message="${escapeAttribute(`${head} (${warningNote})`)}">${cdata([...text, warningNote].join('\n'))}</${tag}>`;
    }
    out.push(`${open}>`, `      ${element}`, '    </testcase>');
  };

  let tests = 0;
  let failures = 0;
  const write = (suite: Suite, cases: () => void) => {
    const at = out.length;
    out.push('');
    cases();
    const file = suite.file === undefined ? '' : ` file="${escapeAttribute(suite.file)}"`;
    out[at] = `  <testsuite name="${escapeAttribute(suite.name)}" tests="${suite.tests}" failures="${suite.failures}" errors="0" skipped="${suite.skipped}" time="0"${file}>`;
    out.push('  </testsuite>');
    tests += suite.tests;
    failures += suite.failures;
  };
  const planRules = run.rules.filter((id) => !PORTFOLIO_RULE_IDS.has(id));
  for (const [file, rules] of byFile) {
    const path = prefix + file;
    const suite: Suite = { name: path, file: path, tests: 0, failures: 0, skipped: 0 };
    const classname = escapeAttribute(path);
    const ran = run.scored.has(file);
    write(suite, () => {
      for (const rule of withFound(planRules, rules)) testcase(suite, classname, rule, rules.get(rule), ran || !POLICY_RULE_IDS.has(rule));
    });
  }
  const portfolioRules = withFound(run.rules.filter((id) => PORTFOLIO_RULE_IDS.has(id)), portfolio);
  if (portfolioRules.length > 0) {
    const suite: Suite = { name: PORTFOLIO_SUITE, tests: 0, failures: 0, skipped: 0 };
    write(suite, () => {
      for (const rule of portfolioRules) testcase(suite, PORTFOLIO_SUITE, rule, portfolio.get(rule), true);
    });
  }
  out[1] = `<testsuites name="kam check" tests="${tests}" failures="${failures}" errors="0" time="0">`;
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
};

/** The rules of a suite: those that are on, in catalogue order, then any other rule a finding names. */
function withFound(on: readonly RuleId[], found: ReadonlyMap<RuleId, unknown>): RuleId[] {
  const ids = [...on];
  for (const rule of found.keys()) if (!ids.includes(rule)) ids.push(rule);
  return ids;
}
