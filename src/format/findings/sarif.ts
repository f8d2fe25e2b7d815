// SARIF 2.1.0 for code-scanning uploads: one run, every rule of the catalogue in a
// stable order (so `ruleIndex` is stable across runs) with the metadata GitHub shows on an
// alert (friendly name, descriptions, help, helpUri: core/rule-docs.ts), results with a
// relative URI against %SRCROOT% (the repository root when the workspace is in git, else the
// workspace root: options.pathPrefix), a 1-based region, and a partial fingerprint that
// does not move with lines (core/fingerprint.ts), so alerts stay the same alerts when a plan
// is edited above them. Columns count UTF-16 code units, as the YAML locator does.
import { RULE_IDS, RULES, type RuleId, type Severity } from '../../core/findings.js';
import { fingerprintOf } from '../../core/fingerprint.js';
import { helpMarkdown, helpText, ruleDoc, ruleSummary, RULES_README_ANCHOR } from '../../core/rule-docs.js';
import { ENGLISH, i18n, type Translator } from '../../i18n/index.js';
import { escapeJson } from '../escape.js';
import type { FindingsFormatter } from './types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/kam-cli/kam';

const level = (severity: Severity): 'error' | 'warning' => (severity === 'error' ? 'error' : 'warning');

const RULE_INDEX: ReadonlyMap<RuleId, number> = new Map(RULE_IDS.map((id, i) => [id, i]));

/** Where the rule table of the README is: every rule's helpUri. */
export const RULES_HELP_URI = `${INFORMATION_URI}#${RULES_README_ANCHOR}`;

/** The key of kam's partial fingerprint; a new version if fingerprintOf ever changes. */
export const FINGERPRINT_KEY = 'kamFinding/v1';

/** Markdown code spans as plain text (the `text` forms of SARIF messages). */
const plain = (text: string): string => text.replace(/`/g, '');

/**
 * The reportingDescriptor of each rule, in English (a machine output) unless the run's locale was
 * given explicitly: the same for every run of a language, so built once per language.
 */
const descriptors = new Map<string, ReturnType<typeof ruleDescriptors>>();

function descriptorsIn(tr: Translator): ReturnType<typeof ruleDescriptors> {
  let list = descriptors.get(tr.locale);
  if (list === undefined) descriptors.set(tr.locale, (list = ruleDescriptors(tr)));
  return list;
}

const ruleDescriptors = (tr: Translator) => RULE_IDS.map((id) => {
  const doc = ruleDoc(id, tr);
  return {
    id,
    name: doc.name,
    shortDescription: { text: ruleSummary(id, tr) },
    fullDescription: { text: plain(doc.fullDescription), markdown: doc.fullDescription },
    help: { text: plain(helpText(id, tr)), markdown: helpMarkdown(id, tr) },
    helpUri: RULES_HELP_URI,
    defaultConfiguration: { level: level(RULES[id].defaultSeverity) },
    properties: { tags: ['key-account-management', doc.kind], precision: 'very-high' },
  };
});

const SRCROOT_DESCRIPTION = {
  repository: 'The root of the git repository that holds the workspace (result URIs are relative to it).',
  workspace: 'The workspace root: the folder holding kam.yaml (it is not in a git repository).',
} as const;

/**
 * A relative file path as a URI reference: each segment through `encodeURI` (spaces,
 * non-ASCII, `%`, `[`…), plus `?` `#` `:`, which `encodeURI` leaves alone but which would
 * turn the rest of a relative reference into a query, a fragment or a scheme.
 */
export function fileUri(file: string): string {
  return file
    .split('/')
    .map((segment) => encodeURI(segment).replace(/[?#:]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

export const sarif: FindingsFormatter = (findings, _summary, options) => {
  const prefix = options.pathPrefix ?? '';
  // Each file's URI once, not once per finding.
  const uris = new Map<string, string>();
  const uriOf = (file: string): string => {
    let uri = uris.get(file);
    if (uri === undefined) {
      uri = fileUri(prefix + file);
      uris.set(file, uri);
    }
    return uri;
  };
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kam',
            version: options.version,
            informationUri: INFORMATION_URI,
            rules: descriptorsIn(options.explicitLocale ? i18n() : ENGLISH),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { description: { text: SRCROOT_DESCRIPTION[options.pathBase ?? 'workspace'] } } },
        results: findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: RULE_INDEX.get(f.rule) ?? -1,
          level: level(f.severity),
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: uriOf(f.file), uriBaseId: '%SRCROOT%' },
                // SARIF regions start at 1; never emit an invalid 0.
                region: { startLine: Math.max(1, f.line), startColumn: Math.max(1, f.column) },
              },
            },
          ],
          partialFingerprints: { [FINGERPRINT_KEY]: fingerprintOf(f) },
          ...(f.account !== undefined ? { properties: { account: f.account } } : {}),
        })),
      },
    ],
  };
  return escapeJson(`${JSON.stringify(log, null, 2)}\n`);
};
