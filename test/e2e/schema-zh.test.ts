// `kam schema --locale zh-CN`: the schemas an editor loads, with Chinese descriptions (what the
// account team reads in the hover); without a locale, the committed English schemas/.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../src/core/validate.js';
import { json, kam, REPO } from './helpers.js';
import { LspClient } from './lsp.js';

const committed = (kind: string): string => readFileSync(join(REPO, 'schemas', `${kind}.schema.json`), 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'kam-schema-zh-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('kam schema in Chinese', () => {
  it('kam schema plan --locale zh-CN: the plan schema with Chinese texts', () => {
    const r = kam(['schema', 'plan', '--locale', 'zh-CN'], { cwd: scratch });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const schema = json(r.stdout) as JsonSchema;
    expect(schema.title).toBe('kam 客户计划');
    const person = (schema.properties!.relationships!.items as JsonSchema).properties!;
    const roles = person.role!.enum as string[];
    expect(roles).toContain('coach'); // values stay the YAML values
    expect((person.role!.markdownEnumDescriptions as string[])[roles.indexOf('coach')]).toMatch(/^在客户内部希望我们赢、并为我们指引决策过程的人/);
    expect(person.stance!.description).toBe('此人对我们的立场。');
    expect(schema.properties!.metrics!.properties!.wallet!.markdownDescription).toMatch(/份额/);
  });

  it('KAM_LOCALE=zh-CN kam schema config: kam.yaml in Chinese, keys and values untouched', () => {
    const r = kam(['schema', 'config'], { cwd: scratch, env: { KAM_LOCALE: 'zh-CN' } });
    expect(r.code).toBe(0);
    const schema = json(r.stdout) as JsonSchema;
    expect(schema.properties!.locale!.enum).toEqual(['en', 'zh-CN']);
    expect(schema.properties!.locale!.enumDescriptions).toEqual(['英文（默认）', '简体中文']);
    const coach = schema.properties!.rules!.properties!['no-coach']!;
    expect(coach.markdownDescription).toBe('`no-coach`：客户关系中没有教练（友好的内部人士）。默认：`warn`。');
    expect(Object.keys(schema.properties!)).toEqual(Object.keys((json(committed('config')) as JsonSchema).properties!));
  });

  it('without a locale, and with --locale en, the committed English schemas', () => {
    for (const kind of ['plan', 'config']) {
      expect(kam(['schema', kind], { cwd: scratch }).stdout).toBe(committed(kind));
      expect(kam(['schema', kind, '--locale', 'en'], { cwd: scratch }).stdout).toBe(committed(kind));
    }
  });

  it('yaml-language-server shows the Chinese text on hover', async () => {
    const schemaFile = join(scratch, 'plan.schema.json');
    writeFileSync(schemaFile, kam(['schema', 'plan', '--locale', 'zh-CN'], { cwd: scratch }).stdout);
    const lsp = new LspClient();
    try {
      await lsp.start(scratch, { validate: true, hover: true, completion: true, schemaStore: { enable: false } });
      const uri = pathToFileURL(join(scratch, 'hover.yaml')).href;
      await lsp.open(uri, `# yaml-language-server: $schema=${pathToFileURL(schemaFile).href}\nid: x\nname: X\nrelationships:\n  - name: Li\n    role: coach\n`);
      expect(await lsp.hover(uri, { line: 5, character: 12 })).toMatch(/为我们指引决策过程/);
      expect(await lsp.hover(uri, { line: 3, character: 3 })).toMatch(/决策链/);
    } finally {
      await lsp.stop();
    }
  }, 30_000);
});
