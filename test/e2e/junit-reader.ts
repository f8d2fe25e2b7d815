// A small reader of JUnit XML for the tests, standing in for the programs CI servers use:
// it parses the document into elements (attributes and text decoded, CDATA joined), and
// recomputes the counts as junitparser's update_statistics does: per <testsuite>, `tests` is
// the number of testcases (nested suites included) and `failures`, `errors`, `skipped` the
// number of <failure>, <error>, <skipped> elements in them; <testsuites> sums its suites.
// It throws on what it cannot read; well-formedness in full is xmllint's job (junit.test.ts).

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The text directly inside (CDATA sections and text nodes joined), decoded. */
  text: string;
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, ref: string) =>
    ref.startsWith('#x') ? String.fromCodePoint(parseInt(ref.slice(2), 16)) : ref.startsWith('#') ? String.fromCodePoint(Number(ref.slice(1))) : ENTITY[ref]!,
  );
}

/** Parses a JUnit report (an XML declaration, then one root element). */
export function parseXml(xml: string): XmlElement {
  let rest = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (rest.length > 0) {
    if (rest.startsWith('<![CDATA[')) {
      const end = rest.indexOf(']]>');
      if (end < 0 || stack.length === 0) throw new Error('bad CDATA');
      stack[stack.length - 1]!.text += rest.slice(9, end);
      rest = rest.slice(end + 3);
    } else if (rest.startsWith('</')) {
      const m = /^<\/([\w.-]+)\s*>/.exec(rest);
      const open = stack.pop();
      if (!m || open?.name !== m[1]) throw new Error(`bad end tag at ${rest.slice(0, 40)}`);
      rest = rest.slice(m[0].length);
    } else if (rest.startsWith('<')) {
      const m = /^<([\w.-]+)((?:\s+[\w.-]+="[^"]*")*)\s*(\/?)>/.exec(rest);
      if (!m) throw new Error(`bad start tag at ${rest.slice(0, 40)}`);
      const attrs: Record<string, string> = {};
      for (const a of m[2]!.matchAll(/([\w.-]+)="([^"]*)"/g)) attrs[a[1]!] = decode(a[2]!);
      const element: XmlElement = { name: m[1]!, attrs, children: [], text: '' };
      if (stack.length > 0) stack[stack.length - 1]!.children.push(element);
      else if (root) throw new Error('two root elements');
      else root = element;
      if (m[3] !== '/') stack.push(element);
      rest = rest.slice(m[0].length);
    } else {
      const next = rest.indexOf('<');
      const text = next < 0 ? rest : rest.slice(0, next);
      if (stack.length > 0) stack[stack.length - 1]!.text += decode(text);
      else if (text.trim() !== '') throw new Error('text outside the root');
      rest = next < 0 ? '' : rest.slice(next);
    }
  }
  if (!root || stack.length > 0) throw new Error('unclosed elements');
  return root;
}

export interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function casesOf(suite: XmlElement): XmlElement[] {
  return suite.children.flatMap((c) => (c.name === 'testcase' ? [c] : c.name === 'testsuite' ? casesOf(c) : []));
}

/** junitparser's TestSuite.update_statistics. */
export function suiteCounts(suite: XmlElement): Counts {
  const counts: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const testcase of casesOf(suite)) {
    counts.tests++;
    for (const result of testcase.children) {
      if (result.name === 'failure') counts.failures++;
      else if (result.name === 'error') counts.errors++;
      else if (result.name === 'skipped') counts.skipped++;
    }
  }
  return counts;
}

/** junitparser's JUnitXml.update_statistics: the sum over the suites. */
export function totalCounts(root: XmlElement): Counts {
  const total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const suite of root.children.filter((c) => c.name === 'testsuite')) {
    const c = suiteCounts(suite);
    total.tests += c.tests;
    total.failures += c.failures;
    total.errors += c.errors;
    total.skipped += c.skipped;
  }
  return total;
}

/** The counts an element states in its attributes (absent ones as undefined). */
export function statedCounts(element: XmlElement): Partial<Record<keyof Counts, number>> {
  const stated: Partial<Record<keyof Counts, number>> = {};
  for (const key of ['tests', 'failures', 'errors', 'skipped'] as const) if (element.attrs[key] !== undefined) stated[key] = Number(element.attrs[key]);
  return stated;
}

export interface TestcaseView {
  suite: string;
  classname: string;
  name: string;
  /** passed, failure, error or skipped. */
  status: 'passed' | 'failure' | 'error' | 'skipped';
  type?: string;
  message?: string;
  text: string;
}

/** Every testcase, with its outcome. */
export function testcases(root: XmlElement): TestcaseView[] {
  return root.children
    .filter((s) => s.name === 'testsuite')
    .flatMap((s) =>
      casesOf(s).map((c): TestcaseView => {
        const result = c.children.find((r) => r.name === 'failure' || r.name === 'error' || r.name === 'skipped');
        const view: TestcaseView = { suite: s.attrs.name!, classname: c.attrs.classname ?? '', name: c.attrs.name!, status: result ? (result.name as 'failure' | 'error' | 'skipped') : 'passed', text: result?.text ?? '' };
        if (result?.attrs.type !== undefined) view.type = result.attrs.type;
        if (result?.attrs.message !== undefined) view.message = result.attrs.message;
        return view;
      }),
    );
}
