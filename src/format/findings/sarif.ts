// SARIF 2.1.0 for code-scanning uploads: one run, every rule of the catalogue in a
// stable order (so `ruleIndex` is stable across runs), results with a relative URI
// against %SRCROOT% (the workspace root) and a 1-based region. Columns count UTF-16
// code units, as the YAML locator does.
import { RULE_IDS, RULES, type RuleId, type Severity } from '../../core/findings.js';
import { escapeJson } from '../escape.js';
import type { FindingsFormatter } from './types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/kam-cli/kam';

const level = (severity: Severity): 'error' | 'warning' => (severity === 'error' ? 'error' : 'warning');

const RULE_INDEX: ReadonlyMap<RuleId, number> = new Map(RULE_IDS.map((id, i) => [id, i]));

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
  // Each file's URI once, not once per finding.
  const uris = new Map<string, string>();
  const uriOf = (file: string): string => {
    let uri = uris.get(file);
    if (uri === undefined) {
      uri = fileUri(file);
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
            rules: RULE_IDS.map((id) => ({
              id,
              name: id,
              shortDescription: { text: RULES[id].description },
              defaultConfiguration: { level: level(RULES[id].defaultSeverity) },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The workspace root (the folder holding kam.yaml).' } } },
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
          ...(f.account !== undefined ? { properties: { account: f.account } } : {}),
        })),
      },
    ],
  };
  return escapeJson(`${JSON.stringify(log, null, 2)}\n`);
};
