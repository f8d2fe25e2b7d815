// The editor and `kam check` agree. yaml-language-server (the engine of VS Code's YAML
// extension) runs over stdio on every example plan, every plan of the fixture workspaces and a few
// plans written here, with the schemas kam writes (the modelines of the examples point at the
// committed schemas/; the fixtures get `kam schema plan` of their own workspace, as a user would).
// Its diagnostics are compared with kam's validation findings, and its completion with what the
// schemas promise: the workspace's tier ids, the roles with what they mean, the criterion inputs.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import AjvModule from 'ajv';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isKnownInput } from '../../src/core/config.js';
import { isValidIsoDate } from '../../src/core/dates.js';
import { CALENDAR_DATE, undocumented } from '../../src/core/json-schema.js';
import type { JsonSchema } from '../../src/core/validate.js';
import { fixture, json, kam, REPO } from './helpers.js';
import { LspClient, type LspCompletionItem, type LspDiagnostic } from './lsp.js';

const AS_OF = '2026-11-23';
/** kam's findings about a file's contents; the other rules are policies, which no schema states. */
const VALIDATION = new Set(['yaml-syntax', 'schema', 'unknown-key']);

/**
 * Where the two differ, and why. Every other file must agree line for line: the same files clean,
 * and each validation finding of kam on a line where the editor reports a problem too (and, for
 * files that parse, the other way round).
 */
const DIFFERENCES: Record<string, string> = {
  // The editor decodes a file before the language server gets text: a Latin-1 byte arrives as a
  // character, and there is nothing left to report. kam reads bytes (yaml-syntax 2:10).
  'broken/accounts/latin1.yaml': 'encoding',
  // kam refuses the alias "billion laughs" at the first alias (4:8). The language server
  // validates alias nodes without expanding them, so it sees no bomb; it reports the keys a…i as
  // not plan fields instead, which kam, stopping at the bomb, never gets to.
  'broken/accounts/alias-bomb.yaml': 'aliases',
  // A reserved JavaScript name as a key where the plan allows free keys (`assessment.constructor`):
  // kam refuses it at any depth; a JSON Schema cannot forbid one name among free keys without
  // refusing it in plans of other tools too, so the editor accepts it.
  'synthetic/accounts/reserved.yaml': 'reserved key in a free map',
};
/**
 * kam.yaml problems across keys, which a JSON Schema cannot state about the file it describes:
 * a tier named in policies that the file's own `tiers` lacks (the schema proposes the tier ids
 * but cannot follow the list as it is edited; draft-07 has no reference to data), ids used
 * twice, tiers out of order, a log scale without 0 < min < max, weights that do not add up.
 */
const CROSS_KEY = /\btier "[^"]*" is not|not in tiers|used twice|ordered highest first|log scale|linear scale|weights?\b.*(sum|add up)/;

// Not differences of a file, but of kinds kam has and a JSON Schema cannot state:
// - duplicate-id (two plans, one id) spans files: the editor sees one file at a time;
// - sums (metrics.revenue or team[].fte adding up past about 1.8e308) and non-finite numbers
//   (1e400, .inf, .nan are numbers to the editor);
// - after a yaml-syntax problem kam stops (one finding per file); the editor goes on and reports
//   more, so only kam → editor is compared for those files.

interface Located {
  line: number;
  column: number;
  message: string;
  rule?: string;
}

interface PlanCase {
  /** `broken/accounts/schema.yaml`: the workspace's name and the path in it. */
  label: string;
  path: string;
  kam: Located[];
  editor: Located[];
}

interface Workspace {
  name: string;
  dir: string;
}

const lsp = new LspClient();
const cases: PlanCase[] = [];
const configCases: PlanCase[] = [];
let scratch = '';
/** The scoring fixture's copy (tiers gold, silver, bronze) and its schemas. */
let scoring = '';
let scoringSchemas = '';

const at = (d: LspDiagnostic): Located => ({ line: d.range.start.line + 1, column: d.range.start.character + 1, message: d.message });

/** Plans written here: forms the fixtures lack. */
const SYNTHETIC: Record<string, string> = {
  // Unquoted and quoted years, custom assessment and metrics names, block style.
  'years.yaml': 'id: years\nname: Years\nmetrics:\n  revenue:\n    2023: 100\n    "2024": 200\n    2025: 300\n  employees: 1200\nassessment:\n  influence: 3\n  partnerFit: { score: 4, note: co-sells with us }\n',
  // A key that is not a year, between two that are.
  'bad-year.yaml': 'id: bad-year\nname: Bad Year\nmetrics:\n  revenue:\n    2024: 5\n    24: 6\n    "2025": 7\n',
  // 29 February of a leap year, and of a year that is not one.
  'leap.yaml': 'id: leap\nname: Leap\nrelationships:\n  - name: Li\n    role: coach\n    lastContact: 2024-02-29\nactions:\n  - what: Call\n    due: 2026-02-29\n',
  // A tier the workspace does not have.
  'tier.yaml': 'id: tier\nname: Tier\ntier: platnum\n',
  'reserved.yaml': 'id: reserved\nname: Reserved\nassessment:\n  constructor: 3\n',
};

function kamFindings(ws: string, extra: string[] = []): Map<string, Located[]> {
  const r = kam(['-C', ws, 'check', '--format', 'json', '--as-of', AS_OF, ...extra]);
  expect([0, 1], r.stderr).toContain(r.code);
  const byFile = new Map<string, Located[]>();
  for (const f of json<{ findings: (Located & { file: string; rule: string })[] }>(r.stdout).findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  return byFile;
}

/** kam's problems with a kam.yaml: `kam schema plan` loads it, and lists them as `file:line:col: message`. */
function configProblems(file: string): Located[] {
  const r = kam(['--config', file, 'schema', 'plan']);
  return [...r.stderr.matchAll(/:(\d+):(\d+): (.*)$/gm)].map((m) => ({ line: Number(m[1]), column: Number(m[2]), message: m[3]! }));
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'kam-editor-'));
  const workspaces: Workspace[] = [];
  const associations: Record<string, string[]> = {};
  // Each fixture in <scratch>/<name>/ws with its schemas in <scratch>/<name>/schemas: the
  // modelines of the valid fixture (`../../schemas/…`) resolve there, the other plans are matched
  // by the `yaml.schemas` setting, as a user without modelines would set it up.
  const make = (name: string, setup: (ws: string) => void): string => {
    const ws = join(scratch, name, 'ws');
    mkdirSync(ws, { recursive: true });
    setup(ws);
    const schemas = join(scratch, name, 'schemas');
    mkdirSync(schemas);
    for (const kind of ['plan', 'config']) {
      const r = kam(['-C', ws, 'schema', kind]);
      expect(r.code, r.stderr).toBe(0);
      writeFileSync(join(schemas, `${kind}.schema.json`), r.stdout);
    }
    associations[pathToFileURL(join(schemas, 'plan.schema.json')).href] = [`${ws}/accounts/*.yaml`];
    associations[pathToFileURL(join(schemas, 'config.schema.json')).href] = [`${ws}/kam.yaml`];
    workspaces.push({ name, dir: ws });
    return ws;
  };
  for (const name of ['valid', 'broken', 'scoring']) make(name, (ws) => cpSync(fixture(name), ws, { recursive: true }));
  // bad-config's kam.yaml is broken on purpose (it is compared below); its plan is checked here
  // under a kam.yaml of defaults.
  make('bad-config', (ws) => {
    cpSync(fixture('bad-config'), ws, { recursive: true });
    writeFileSync(join(ws, 'kam.yaml'), 'version: 1\n');
  });
  make('synthetic', (ws) => {
    mkdirSync(join(ws, 'accounts'));
    writeFileSync(join(ws, 'kam.yaml'), 'version: 1\n');
    for (const [file, text] of Object.entries(SYNTHETIC)) writeFileSync(join(ws, 'accounts', file), text);
  });
  scoring = join(scratch, 'scoring', 'ws');
  scoringSchemas = join(scratch, 'scoring', 'schemas');

  // The broken kam.yaml and the Chinese one, under the committed config schema (by setting).
  const staticDir = join(scratch, 'static-config');
  mkdirSync(staticDir);
  const staticConfigs: [string, string][] = [];
  for (const name of ['bad-config/kam.yaml', 'data/kam-cn.yaml']) {
    const copy = join(staticDir, `${name.split('/')[0]}.yaml`);
    writeFileSync(copy, readFileSync(join(REPO, 'test', 'fixtures', name)));
    staticConfigs.push([name, copy]);
  }
  associations[pathToFileURL(join(REPO, 'schemas', 'config.schema.json')).href] = [`${staticDir}/*.yaml`];

  await lsp.start(REPO, { validate: true, completion: true, hover: true, format: { enable: false }, schemaStore: { enable: false }, schemas: associations });

  const plansOf = (ws: Workspace) => ({ ws, files: readdirSync(join(ws.dir, 'accounts')).filter((f) => f.endsWith('.yaml')).sort() });
  // The examples as they are: their modelines point at the committed schemas/.
  for (const { ws, files } of [plansOf({ name: 'examples', dir: join(REPO, 'examples') }), ...workspaces.map(plansOf)]) {
    const found = kamFindings(ws.dir);
    for (const file of files) {
      const path = join(ws.dir, 'accounts', file);
      const editor = (await lsp.open(pathToFileURL(path).href, readFileSync(path, 'utf8'))).map(at);
      const ours = (found.get(`accounts/${file}`) ?? []).filter((f) => VALIDATION.has(f.rule!) || (file === 'tier.yaml' && f.rule === 'tier-mismatch'));
      cases.push({ label: `${ws.name}/accounts/${file}`, path, kam: ours, editor });
    }
  }

  // Every kam.yaml: the examples' (its modeline), the fixtures' (with their workspace's schema).
  const configs: [string, string][] = [
    ['examples/kam.yaml', join(REPO, 'examples', 'kam.yaml')],
    ...['valid', 'broken', 'scoring'].map((n): [string, string] => [`${n}/kam.yaml`, join(scratch, n, 'ws', 'kam.yaml')]),
  ];
  for (const [name, copy] of staticConfigs) configs.push([name, copy]);
  for (const [label, path] of configs) {
    const editor = (await lsp.open(pathToFileURL(path).href, readFileSync(path, 'utf8'))).map(at);
    configCases.push({ label, path, kam: configProblems(path), editor });
  }
}, 120_000);

afterAll(async () => {
  await lsp.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const lines = (list: Located[]) => [...new Set(list.map((p) => p.line))].sort((a, b) => a - b);
const show = (c: PlanCase) => `${c.label}\n  kam:    ${JSON.stringify(c.kam.map((p) => `${p.line}:${p.column} ${p.rule ?? ''} ${p.message}`))}\n  editor: ${JSON.stringify(c.editor.map((p) => `${p.line}:${p.column} ${p.message}`))}`;

describe('yaml-language-server and kam check', () => {
  it('ran on every plan (examples, fixtures, and the plans written here)', () => {
    const labels = cases.map((c) => c.label);
    expect(labels.filter((l) => l.startsWith('examples/')).length).toBe(readdirSync(join(REPO, 'examples', 'accounts')).length);
    for (const name of ['valid', 'broken', 'scoring', 'bad-config']) {
      expect(labels.filter((l) => l.startsWith(`${name}/`)).length, name).toBe(readdirSync(join(fixture(name), 'accounts')).length);
    }
    expect(cases.length).toBeGreaterThan(30);
  });

  it('find the same plans clean: the examples, the valid fixtures, integer year keys', () => {
    const clean = cases.filter((c) => c.kam.length === 0 && !(c.label in DIFFERENCES));
    expect(clean.map((c) => c.label)).toEqual(expect.arrayContaining([
      'examples/accounts/acme-telecom.yaml', 'valid/accounts/orbit-bank.yaml', 'scoring/accounts/e.yaml', 'synthetic/accounts/years.yaml', 'broken/accounts/good.yaml',
    ]));
    for (const c of clean) expect(c.editor, show(c)).toEqual([]);
    // The editor's schema error of yesterday: every unquoted year key was "Incorrect type".
    for (const c of cases) expect(c.editor.filter((p) => /Expected "string"/.test(p.message)), show(c)).toEqual([]);
  });

  it('report each of kam\'s validation findings on a line where the editor reports one', () => {
    const compared = cases.filter((c) => c.kam.length > 0 && !(c.label in DIFFERENCES));
    expect(compared.length).toBeGreaterThanOrEqual(10);
    for (const c of compared) {
      const editorLines = new Set(lines(c.editor));
      for (const p of c.kam) expect(editorLines.has(p.line), `kam ${p.line}:${p.column} ${p.message} has no editor problem on its line\n${show(c)}`).toBe(true);
    }
  });

  it('and the editor reports nothing kam does not, in files that parse', () => {
    for (const c of cases.filter((x) => !x.kam.some((p) => p.rule === 'yaml-syntax') && !(x.label in DIFFERENCES))) {
      expect(lines(c.editor), show(c)).toEqual(lines(c.kam));
    }
  });

  it('agree on the columns of schema and unknown-key findings, except a bad year key (kam: its value, the editor: the key)', () => {
    for (const c of cases.filter((x) => !(x.label in DIFFERENCES))) {
      for (const p of c.kam.filter((k) => k.rule === 'schema' || k.rule === 'unknown-key')) {
        if (c.label === 'synthetic/accounts/bad-year.yaml') continue;
        expect(c.editor.some((e) => e.line === p.line && e.column === p.column), `${p.line}:${p.column} ${p.message}\n${show(c)}`).toBe(true);
      }
    }
  });

  it('differ only where documented', () => {
    const byLabel = Object.fromEntries(cases.map((c) => [c.label, c]));
    const latin1 = byLabel['broken/accounts/latin1.yaml']!;
    expect(latin1.kam.map((p) => p.rule)).toEqual(['yaml-syntax']);
    expect(latin1.editor).toEqual([]);
    const bomb = byLabel['broken/accounts/alias-bomb.yaml']!;
    expect(bomb.kam.map((p) => `${p.line}:${p.column} ${p.rule}`)).toEqual(['4:8 yaml-syntax']);
    expect(bomb.editor.map((p) => p.message).sort()).toEqual('abcdefghi'.split('').map((k) => `Property ${k} is not allowed.`));
    const reserved = byLabel['synthetic/accounts/reserved.yaml']!;
    expect(reserved.kam.map((p) => `${p.line}:${p.column} ${p.rule}`)).toEqual(['4:3 schema']);
    expect(reserved.editor).toEqual([]);
    // duplicate-id: kam reports both files; the editor, one file at a time, neither.
    expect(byLabel['broken/accounts/dup-a.yaml']!.editor).toEqual([]);
  });

  it('agree on calendar dates (29 February) and on an unknown tier', () => {
    const byLabel = Object.fromEntries(cases.map((c) => [c.label, c]));
    const leap = byLabel['synthetic/accounts/leap.yaml']!;
    expect(lines(leap.editor)).toEqual([9]);
    expect(leap.editor[0]!.message).toMatch(/date of the calendar/);
    const tier = byLabel['synthetic/accounts/tier.yaml']!;
    expect(lines(tier.editor)).toEqual([3]);
    expect(tier.editor[0]!.message).toMatch(/"strategic", "key", "growth", "maintain"/);
    // kam: a tier-mismatch warning today; a schema finding with a suggestion once unknown tiers are refused.
    expect(tier.kam.map((p) => p.line)).toEqual([3]);
  });

  it('agree on kam.yaml: the valid ones clean, each problem of the broken one on its line', () => {
    expect(configCases.length).toBe(6);
    for (const c of configCases) {
      const crossKey = c.kam.filter((p) => CROSS_KEY.test(p.message));
      const schemaLike = c.kam.filter((p) => !CROSS_KEY.test(p.message));
      const editorLines = new Set(lines(c.editor));
      for (const p of schemaLike) expect(editorLines.has(p.line), `kam ${p.line}:${p.column} ${p.message}\n${show(c)}`).toBe(true);
      // Nothing the editor reports that kam does not.
      for (const line of editorLines) expect(lines(c.kam), show(c)).toContain(line);
      if (c.label !== 'bad-config/kam.yaml') expect(c.kam, show(c)).toEqual([]);
      else expect(crossKey.length + schemaLike.length).toBe(c.kam.length);
    }
    const bad = configCases.find((c) => c.label === 'bad-config/kam.yaml')!;
    expect(bad.editor.some((e) => e.line === 2 && e.column === 10)).toBe(true);
  });
});

const label = (item: LspCompletionItem) => item.label;
const docOf = (item: LspCompletionItem | undefined) => (typeof item?.documentation === 'string' ? item.documentation : (item?.documentation?.value ?? ''));

describe('completion in the editor', () => {
  let n = 0;
  async function complete(text: string, schema: string, line: number, character: number): Promise<LspCompletionItem[]> {
    n += 1;
    const uri = pathToFileURL(join(scratch, `completion-${n}.yaml`)).href;
    await lsp.open(uri, `# yaml-language-server: $schema=${pathToFileURL(schema).href}\n${text}`);
    return lsp.completion(uri, { line: line + 1, character });
  }

  it('`tier: ` offers the tier ids of the workspace, with what each one requires', async () => {
    const items = await complete('id: x\nname: X\ntier: \n', join(scoringSchemas, 'plan.schema.json'), 2, 6);
    expect(items.map(label)).toEqual(expect.arrayContaining(['gold', 'silver', 'bronze']));
    expect(items.map(label)).not.toContain('strategic');
    expect(docOf(items.find((i) => i.label === 'silver'))).toMatch(/score 30 to below 60/);
    // The committed schema keeps the default tiers.
    const defaults = await complete('id: x\nname: X\ntier: \n', join(REPO, 'schemas', 'plan.schema.json'), 2, 6);
    expect(defaults.map(label)).toEqual(expect.arrayContaining(['strategic', 'key', 'growth', 'maintain']));
  });

  it('`role: ` under relationships offers coach, saying what a coach is', async () => {
    const items = await complete('id: x\nname: X\nrelationships:\n  - name: Li Wei\n    role: \n', join(REPO, 'schemas', 'plan.schema.json'), 4, 10);
    expect(items.map(label)).toEqual(expect.arrayContaining(['decision-maker', 'economic-buyer', 'technical-evaluator', 'user', 'influencer', 'coach', 'gatekeeper']));
    expect(docOf(items.find((i) => i.label === 'coach'))).toMatch(/inside the customer .* guides us through their decision/);
    expect(docOf(items.find((i) => i.label === 'gatekeeper'))).toMatch(/access/);
  });

  it('keys of a block-style relationship, each with its description', async () => {
    const items = await complete('id: x\nname: X\nrelationships:\n  - name: Li Wei\n    \n', join(REPO, 'schemas', 'plan.schema.json'), 4, 4);
    expect(items.map(label)).toEqual(expect.arrayContaining(['title', 'role', 'stance', 'strength', 'owner', 'lastContact']));
    expect(docOf(items.find((i) => i.label === 'stance'))).toMatch(/towards us/);
  });

  it('an engagement `type: ` offers the playbook events', async () => {
    const items = await complete('id: x\nname: X\nengagements:\n  - type: \n', join(REPO, 'schemas', 'plan.schema.json'), 3, 10);
    expect(items.map(label)).toEqual(expect.arrayContaining(['technical-exchange', 'hq-visit', 'pilot', 'reference-visit', 'executive-meeting', 'other']));
    expect(docOf(items.find((i) => i.label === 'hq-visit'))).toMatch(/headquarters/);
  });

  it('assessment keys are the inputs of the workspace\'s criteria', async () => {
    const items = await complete('id: x\nname: X\nassessment:\n  \n', join(REPO, 'schemas', 'plan.schema.json'), 3, 2);
    expect(items.map(label)).toEqual(expect.arrayContaining(['influence', 'techProspects']));
    expect(docOf(items.find((i) => i.label === 'influence'))).toMatch(/criterion `?influence`? \(20% of the score\)/);
  });

  it('a criterion\'s `input: ` in kam.yaml offers revenue.latest and the other inputs', async () => {
    const items = await complete('version: 1\ncriteria:\n  - id: revenue\n    weight: 1\n    input: \n', join(REPO, 'schemas', 'config.schema.json'), 4, 11);
    expect(items.map(label)).toEqual(expect.arrayContaining(['revenue.latest', 'revenue.total', 'revenue.cagr', 'wallet', 'shareOfWallet', 'assessment.influence']));
    expect(docOf(items.find((i) => i.label === 'revenue.latest'))).toMatch(/latest year/);
  });

  it('the keys of a per-tier policy in kam.yaml are the tier ids', async () => {
    const items = await complete('version: 1\npolicies:\n  reviewEveryDays:\n    \n', join(scoringSchemas, 'config.schema.json'), 3, 4);
    expect(items.map(label)).toEqual(expect.arrayContaining(['gold', 'silver', 'bronze']));
    const coach = await complete('version: 1\npolicies:\n  coachRequired:\n    - \n', join(scoringSchemas, 'config.schema.json'), 3, 6);
    expect(coach.map(label)).toEqual(expect.arrayContaining(['gold', 'silver', 'bronze']));
  });

  it('custom inputs still validate; unknown ones do not', async () => {
    const doc = (input: string) => `# yaml-language-server: $schema=${pathToFileURL(join(REPO, 'schemas', 'config.schema.json')).href}\nversion: 1\ncriteria:\n  - id: c\n    weight: 1\n    input: ${input}\n    scale: { type: linear, min: 0, max: 5 }\n`;
    let i = 0;
    const problems = async (input: string) => (await lsp.open(pathToFileURL(join(scratch, `input-${++i}.yaml`)).href, doc(input))).length;
    expect(await problems('assessment.partnerFit')).toBe(0);
    expect(await problems('metrics.employees')).toBe(0);
    expect(await problems('revenue.latests')).toBeGreaterThan(0);
    expect(await problems('metrics.revenue')).toBeGreaterThan(0);
  });

  it('the config schema inserts no `[object Object]`: `tiers:` and `policies:` complete without object defaults', async () => {
    const items = await complete('version: 1\n\n', join(REPO, 'schemas', 'config.schema.json'), 1, 0);
    expect(items.map(label)).toEqual(expect.arrayContaining(['tiers', 'criteria', 'policies', 'rules']));
    for (const item of items) expect(`${item.insertText ?? ''}`, item.label).not.toMatch(/object Object/);
  });

  it('hover on a role value shows its meaning', async () => {
    const uri = pathToFileURL(join(scratch, 'hover.yaml')).href;
    await lsp.open(uri, `# yaml-language-server: $schema=${pathToFileURL(join(REPO, 'schemas', 'plan.schema.json')).href}\nid: x\nname: X\nrelationships:\n  - name: Li\n    role: coach\n`);
    expect(await lsp.hover(uri, { line: 5, character: 12 })).toMatch(/guides us through their decision/);
  });
});

describe('kam init: a workspace whose editor knows its tiers', () => {
  it('writes schemas with its tier ids; its example plan and kam.yaml are clean in the editor', async () => {
    const ws = join(scratch, 'init');
    const r = kam(['init', ws, '--yes', '--tiers', 'platinum,gold,silver']);
    expect(r.code, r.stderr).toBe(0);
    const plan = json<JsonSchema>(readFileSync(join(ws, 'schemas', 'plan.schema.json'), 'utf8'));
    expect(plan.properties!.tier!.enum).toEqual(['platinum', 'gold', 'silver']);
    expect(readFileSync(join(ws, 'schemas', 'plan.schema.json'), 'utf8')).toBe(kam(['-C', ws, 'schema', 'plan']).stdout);
    for (const file of ['accounts/example-telecom.yaml', 'kam.yaml']) {
      const path = join(ws, file);
      expect(await lsp.open(pathToFileURL(path).href, readFileSync(path, 'utf8')), file).toEqual([]);
    }
    const created = kam(['-C', ws, 'new', 'Nordic Power', '--yes', '--tier', 'platinum', '--owner', 'Jane Doe', '--as-of', AS_OF]);
    expect(created.code, created.stderr).toBe(0);
    const path = join(ws, 'accounts', 'nordic-power.yaml');
    const text = readFileSync(path, 'utf8');
    expect(text).not.toMatch(/^\s*- \{/m); // block style, where the editor completes
    expect(await lsp.open(pathToFileURL(path).href, text)).toEqual([]);
  });
});

describe('the schemas themselves', () => {
  const committed = (kind: string) => json<JsonSchema>(readFileSync(join(REPO, 'schemas', `${kind}.schema.json`), 'utf8'));

  it('describe every field and every enum value, in plain text and Markdown', () => {
    expect(undocumented(committed('plan'))).toEqual([]);
    expect(undocumented(committed('config'))).toEqual([]);
    expect(undocumented(json(readFileSync(join(scoringSchemas, 'plan.schema.json'), 'utf8')))).toEqual([]);
    expect(undocumented(json(readFileSync(join(scoringSchemas, 'config.schema.json'), 'utf8')))).toEqual([]);
  });

  it('hold no object or list defaults (editors turn them into snippets)', () => {
    const defaults: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (node === null || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if ('default' in n && typeof n.default === 'object' && n.default !== null) defaults.push(path);
      for (const [k, v] of Object.entries(n)) if (k !== 'enum' && k !== 'const' && k !== 'default') visit(v, `${path}/${k}`);
    };
    for (const kind of ['plan', 'config']) visit(committed(kind), kind);
    expect(defaults).toEqual([]);
  });

  it('the committed plan schema is the examples\' workspace schema', () => {
    expect(kam(['-C', join(REPO, 'examples'), 'schema', 'plan']).stdout).toBe(readFileSync(join(REPO, 'schemas', 'plan.schema.json'), 'utf8'));
  });

  it('a criterion input validates exactly when kam knows it', () => {
    const config = committed('config');
    const input = ((config.properties!.criteria!.items as JsonSchema).properties!.input) as JsonSchema;
    // ajv is CommonJS: under NodeNext its class is the module's `default`.
    const validate = new AjvModule.default({ strict: false }).compile(input);
    const samples = [
      'revenue.latest', 'revenue.total', 'revenue.cagr', 'wallet', 'shareOfWallet', 'assessment.influence', 'assessment.x', 'assessment._a-b',
      'metrics.employees', 'metrics.revenue', 'metrics.wallet', 'metrics.revenues', 'metrics.wallet2', 'revenue.latests', 'assessment.', 'assessment.1x',
      'metrics.a.b', 'revenue', '', 'Assessment.x', 'metrics.revenue-2',
    ];
    for (const s of samples) expect(validate(s), s).toBe(isKnownInput(s));
    fc.assert(fc.property(fc.stringMatching(/^(assessment|metrics|revenue)\.[A-Za-z0-9_.-]{0,8}$/), (s) => validate(s) === isKnownInput(s)));
  });

  it('the calendar-date pattern accepts exactly the dates kam accepts', () => {
    const re = new RegExp(CALENDAR_DATE, 'u');
    for (const d of ['2024-02-29', '2000-02-29', '1900-02-28', '2026-12-31', '0000-02-29']) expect(re.test(d), d).toBe(isValidIsoDate(d));
    for (const d of ['2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-01']) expect(re.test(d), d).toBe(isValidIsoDate(d));
    const date = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(fc.property(date, (d) => re.test(d) === isValidIsoDate(d)), { numRuns: 5000 });
  });
});
