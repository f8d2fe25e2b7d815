// The rule catalogue's words (core/rule-docs.ts): one entry per rule, complete, and pointing at
// a heading that exists in the README.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULE_IDS, RULES } from '../../src/core/findings.js';
import { helpMarkdown, helpText, RULE_DOCS, RULES_README_ANCHOR } from '../../src/core/rule-docs.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** GitHub's heading anchor: lowercase, punctuation other than `-` and `_` dropped, each space a `-`. */
function githubAnchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .replace(/ /g, '-');
}

describe('rule docs', () => {
  it('has one entry per rule id, and none for ids that are not rules', () => {
    expect(Object.keys(RULE_DOCS).sort()).toEqual([...RULE_IDS].sort());
  });

  it('gives every rule a PascalCase name of its own, not its id', () => {
    const names = RULE_IDS.map((id) => RULE_DOCS[id].name);
    for (const [i, name] of names.entries()) {
      expect(name, RULE_IDS[i]).toMatch(/^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*$/);
      // SARIF1001 (Multitool): name must differ from id, also in case.
      expect(name.toLowerCase(), RULE_IDS[i]).not.toBe(RULE_IDS[i]!.toLowerCase());
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it('names each rule after its id (NoCoach for no-coach), so the two are easy to match', () => {
    for (const id of RULE_IDS) {
      const pascal = id.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase());
      if (id !== 'schema') expect(RULE_DOCS[id].name, id).toBe(pascal);
    }
  });

  it('says what, why and how to fix for every rule, in sentences', () => {
    for (const id of RULE_IDS) {
      const doc = RULE_DOCS[id];
      for (const [field, text] of [
        ['fullDescription', doc.fullDescription],
        ['why', doc.why],
        ['fix', doc.fix],
        ['summary', RULES[id].description],
      ] as const) {
        expect(text.length, `${id} ${field}`).toBeGreaterThan(field === 'summary' ? 15 : 40);
        expect(text, `${id} ${field}`).toMatch(/[.!?)]$/);
        expect(text, `${id} ${field}`).not.toMatch(/\s{2}|^\s|\s$/);
      }
      // The full description says more than the one-line summary.
      expect(doc.fullDescription, id).not.toBe(RULES[id].description);
      expect(['validation', 'policy', 'portfolio'], id).toContain(doc.kind);
    }
  });

  it('writes help as text and as markdown, with the why and the fix', () => {
    for (const id of RULE_IDS) {
      const doc = RULE_DOCS[id];
      expect(helpText(id)).toContain(doc.why);
      expect(helpText(id)).toContain(doc.fix);
      const md = helpMarkdown(id);
      expect(md).toContain('#### Why it matters');
      expect(md).toContain('#### How to fix');
      expect(md).toContain(`rules: { ${id}: error | warn | off }`);
      // Code spans and fences are balanced.
      expect((md.replace(/```/g, '').match(/`/g) ?? []).length % 2, id).toBe(0);
      expect((md.match(/```/g) ?? []).length % 2, id).toBe(0);
      if (doc.example !== undefined) expect(md).toContain(`\`\`\`yaml\n${doc.example}\n\`\`\``);
    }
  });

  it('points helpUri at a heading of the README that holds the rule table', () => {
    const headings = README.split('\n').filter((l) => /^#{1,6} /.test(l)).map((l) => l.replace(/^#+ /, ''));
    const heading = headings.find((h) => githubAnchor(h) === RULES_README_ANCHOR);
    expect(heading, `no README heading has the anchor #${RULES_README_ANCHOR}`).toBeDefined();
    const section = README.slice(README.indexOf(`# ${heading}`));
    const end = section.indexOf('\n### ', 1);
    const body = end === -1 ? section : section.slice(0, end);
    // The rules of the original catalogue are rows of that section's table.
    for (const id of ['yaml-syntax', 'schema', 'no-coach', 'concentration-risk']) expect(body).toContain(`| \`${id}\` |`);
  });

  it('computes GitHub anchors as GitHub does for headings with code, dashes and dots', () => {
    expect(githubAnchor('`kam check [files...]` — the CI gate')).toBe('kam-check-files--the-ci-gate');
    expect(githubAnchor('Git: `--ref`, `kam diff`, `kam history`')).toBe('git---ref-kam-diff-kam-history');
  });
});
