// SARIF 2.1.0: every rule listed in a stable order, results with relative URIs and regions.
import { RULE_IDS, RULES } from '../../core/findings.js';
import type { FindingsFormatter } from './types.js';

const level = (severity: 'error' | 'warn') => (severity === 'error' ? 'error' : 'warning');

export function fileUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

export const sarif: FindingsFormatter = (findings, _summary, options) => {
  const ruleIndex = new Map(RULE_IDS.map((id, i) => [id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kam',
            version: options.version,
            informationUri: 'https://github.com/kam-cli/kam',
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
          ruleIndex: ruleIndex.get(f.rule),
          level: level(f.severity),
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: fileUri(f.file), uriBaseId: '%SRCROOT%' },
                region: { startLine: f.line, startColumn: f.column },
              },
            },
          ],
          ...(f.account !== undefined ? { properties: { account: f.account } } : {}),
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
